//! The keyed Scene (docs/scene.md): its groups name every record once, and flattened it is the
//! flat Scene the writers draw. (That the flat Scene is the one the layout drew before it had
//! groups, to the bit, is what the unchanged insta snapshots of `tests/scene.rs` say.)

use klantreis::layout::{self, LayoutOptions, Mode, Orientation, Paper};
use klantreis::{templates, Journey, Lang, Link, Persona, Validation};

/// The sample journey with fixed ids, some links (forward, back, in one row, labelled) and a
/// few marks on its cards, so every band draws.
fn sample(lang: Lang) -> (Journey, Persona) {
    let (mut j, mut p) = templates::sample(lang);
    let mut renames: Vec<(String, String)> = Vec::new();
    renames.push((p.id.clone(), "persona-0".into()));
    p.id = "persona-0".into();
    for (i, c) in j.cards.iter_mut().enumerate() {
        let new = format!("card-{i}");
        renames.push((c.id.clone(), new.clone()));
        c.id = new;
    }
    for id in j.meta.persona_ids.iter_mut() {
        if let Some((_, new)) = renames.iter().find(|(old, _)| old == id) {
            *id = new.clone();
        }
    }
    for l in j.lanes.iter_mut() {
        if let Some(pid) = l.persona_id.as_mut() {
            if let Some((_, new)) = renames.iter().find(|(old, _)| old == pid) {
                *pid = new.clone();
            }
        }
    }
    let n = j.cards.len();
    let link = |id: &str, from: usize, to: usize, label: &str| Link {
        id: id.into(),
        from: format!("card-{from}"),
        to: format!("card-{to}"),
        label: label.into(),
    };
    j.meta.links = vec![
        link("link-0", 0, n / 2, "na 2 weken"),
        link("link-1", n - 1, 1, ""),
        link("link-2", 2, 3, ""),
        link("link-3", n / 3, n / 3 + 1, "bij een klacht"),
    ];
    for (i, c) in j.cards.iter_mut().enumerate() {
        if i % 5 == 1 {
            c.validation = Validation::Refuted;
        }
        if i % 7 == 3 {
            c.impact = true;
        }
    }
    j.meta.updated = "2026-11-20T10:00:00Z".into();
    (j, p)
}

fn opts(paper: Paper, orientation: Orientation, mode: Mode) -> LayoutOptions {
    LayoutOptions {
        paper,
        orientation,
        mode,
        printed: Some("2026-11-23".into()),
        ..Default::default()
    }
}

/// The journeys and pages laid out, by name.
fn cases() -> Vec<(&'static str, Journey, Persona, LayoutOptions)> {
    use Orientation::*;
    let (nl, pnl) = sample(Lang::Nl);
    let (en, pen) = sample(Lang::En);
    vec![
        (
            "sample_nl_a0",
            nl.clone(),
            pnl.clone(),
            opts(Paper::A0, Landscape, Mode::Filled),
        ),
        (
            "sample_nl_a3",
            nl.clone(),
            pnl.clone(),
            opts(Paper::A3, Landscape, Mode::Filled),
        ),
        (
            "sample_en_a4_portrait",
            en.clone(),
            pen.clone(),
            opts(Paper::A4, Portrait, Mode::Filled),
        ),
        (
            "sample_nl_a1_blank",
            nl,
            pnl,
            opts(Paper::A1, Landscape, Mode::Blank),
        ),
    ]
}

#[test]
fn the_keyed_scene_flattens_to_the_flat_one_and_names_every_record_once() {
    for (name, j, p, o) in cases() {
        let keyed = layout::layout_keyed(&j, std::slice::from_ref(&p), &o);
        assert!(keyed.items.is_empty(), "{name}: the map is all groups");
        let flat = layout::layout(&j, std::slice::from_ref(&p), &o);
        assert_eq!(keyed.flatten(), flat, "{name}");
        let mut keys = Vec::new();
        keyed.walk(|g| keys.push(g.key.0.clone()));
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "{name}: keys are unique");
        let has = |k: String| keys.binary_search(&k).is_ok();
        if o.mode == Mode::Filled {
            for c in &j.cards {
                assert!(has(format!("card:{}", c.id)), "{name}: {}", c.id);
            }
            for l in &j.meta.links {
                assert!(has(format!("link:{}", l.id)), "{name}: {}", l.id);
            }
        }
        for l in &j.lanes {
            assert!(has(format!("lane:{}", l.id)), "{name}: {}", l.id);
            for ph in &j.phases {
                assert!(has(format!("cell:{}/{}", l.id, ph.id)), "{name}");
            }
        }
        for ph in &j.phases {
            assert!(has(format!("phase:{}", ph.id)), "{name}: {}", ph.id);
        }
    }
}

#[test]
fn a_card_group_holds_its_note_at_its_own_origin_within_its_bounds() {
    let (j, p, o) = {
        let (name, j, p, o) = cases().remove(0);
        assert_eq!(name, "sample_nl_a0");
        (j, p, o)
    };
    let keyed = layout::layout_keyed(&j, &[p], &o);
    let mut cards = 0;
    keyed.walk(|g| {
        if g.key.kind() != "card" {
            return;
        }
        cards += 1;
        // The shadow first, then the note: the note is the group's origin.
        let note = g
            .items
            .iter()
            .find_map(|it| match it {
                layout::Item::Rect {
                    rect,
                    target: Some(_),
                    ..
                } => Some(*rect),
                _ => None,
            })
            .expect("a note");
        assert!(note.x.0.abs() < 1e-4 && note.y.0.abs() < 1e-4, "{note:?}");
        let b = g.bounds;
        assert!(b.x.0 <= 0.0 && b.y.0 <= 0.0, "{:?}", g.key);
        assert!(b.right() >= note.right() && b.bottom() >= note.bottom());
    });
    assert_eq!(cards, j.cards.len());
}
