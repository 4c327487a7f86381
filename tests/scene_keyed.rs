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

/// The items of every card group by key, for comparing two layouts.
fn card_groups(s: &layout::Scene) -> std::collections::BTreeMap<String, layout::Group> {
    let mut out = std::collections::BTreeMap::new();
    s.walk(|g| {
        if g.key.kind() == "card" {
            out.insert(g.key.0.clone(), g.clone());
        }
    });
    out
}

/// The dot stickers of a card group (the small circles; the badges are larger).
fn dots(g: &layout::Group) -> Vec<(f32, f32, f32)> {
    g.items
        .iter()
        .filter_map(|it| match it {
            layout::Item::Circle { centre, r, .. } if r.0 < 1.5 => {
                Some((centre.x.0, centre.y.0, r.0))
            }
            _ => None,
        })
        .collect()
}

/// The texts drawn in a group, line by line: (text, x, width).
fn texts(g: &layout::Group) -> Vec<(String, f32, f32)> {
    g.items
        .iter()
        .filter_map(|it| match it {
            layout::Item::Text { lines, .. } => Some(lines),
            _ => None,
        })
        .flatten()
        .map(|l| (l.text.clone(), l.x.0, l.width.0))
        .collect()
}

#[test]
fn votes_are_dots_in_the_card_group_bounded_with_a_number_and_nothing_else_moves() {
    let (_, base_j, p, o) = cases().remove(1);
    let mut j = base_j.clone();
    j.cards[0].votes = 3;
    // The tightest badge row: an emotion at the left, fail and wait points at the right.
    j.cards[1].votes = 40;
    j.cards[1].emotion = Some(-2);
    j.cards[1].fail_point = true;
    j.cards[1].wait_point = true;
    let mut base_j = base_j;
    base_j.cards[1] = j.cards[1].clone();
    base_j.cards[1].votes = 0;
    let keyed = layout::layout_keyed(&j, std::slice::from_ref(&p), &o);
    assert_eq!(
        keyed.flatten(),
        layout::layout(&j, std::slice::from_ref(&p), &o)
    );
    let base = layout::layout_keyed(&base_j, std::slice::from_ref(&p), &o);
    let (voted, before) = (card_groups(&keyed), card_groups(&base));
    let key = |i: usize| format!("card:{}", j.cards[i].id);

    let three = &voted[&key(0)];
    assert_eq!(dots(three).len(), 3, "3 votes, 3 dots");
    assert_eq!(dots(&before[&key(0)]).len(), 0);
    // The note (the first rect with a target) holds its dots.
    let note = |g: &layout::Group| {
        g.items
            .iter()
            .find_map(|it| match it {
                layout::Item::Rect {
                    rect,
                    target: Some(_),
                    ..
                } => Some(*rect),
                _ => None,
            })
            .expect("a note")
    };
    for (x, y, r) in dots(three) {
        let n = note(three);
        assert!(x - r >= n.x.0 && x + r <= n.right() && y + r <= n.bottom());
    }

    let forty = &voted[&key(1)];
    let shown = dots(forty);
    assert!((1..=10).contains(&shown.len()), "{} dots", shown.len());
    let more = format!("+{}", 40 - shown.len());
    let label = texts(forty)
        .into_iter()
        .find(|(t, _, _)| *t == more)
        .unwrap_or_else(|| panic!("{more} beside the dots: {:?}", texts(forty)));
    // The row stays between the emotion badge and the fail/wait rings.
    let rings: Vec<f32> = forty
        .items
        .iter()
        .filter_map(|it| match it {
            layout::Item::Circle { centre, r, .. } if r.0 >= 1.5 => Some(centre.x.0 - r.0),
            _ => None,
        })
        .collect();
    let leftmost_ring = rings.iter().copied().fold(f32::MAX, f32::min);
    assert!(
        label.1 + label.2 <= leftmost_ring,
        "{label:?} runs into a ring at {leftmost_ring}"
    );
    let (first_x, _, r) = shown[0];
    let badge_right = forty
        .items
        .iter()
        .find_map(|it| match it {
            layout::Item::Rect { rect, radius, .. } if radius.0 == 2.0 => Some(rect.right()),
            _ => None,
        })
        .expect("the emotion badge");
    assert!(first_x - r >= badge_right, "a dot on the emotion badge");

    // Every other group is as it was: votes add items to their own card only.
    for (k, g) in &before {
        if *k != key(0) && *k != key(1) {
            assert_eq!(&voted[k], g, "{k}");
        }
    }
    assert_eq!(
        voted[&key(0)].items[..before[&key(0)].items.len()],
        before[&key(0)].items[..],
        "the dots come after the card's own items"
    );
}
