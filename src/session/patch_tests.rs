//! Tests of the Scene and detail patches (`patch.rs`): every patch rebuilds the new list
//! exactly, carries little, and moves apply bit for bit.

use super::*;

/// Time enough for the finest patch even on a loaded CI machine in a debug build. The tests
/// that count what a patch carries use it: under the app's own 8 ms [`DEADLINE`] a busy
/// machine gets a coarser (still exact) patch, and the count would then depend on the load.
const ROOMY: std::time::Duration = std::time::Duration::from_secs(120);

fn check(old: &[u32], new: &[u32]) -> Vec<Splice<u32>> {
    let s = splices(old, new, Instant::now() + ROOMY);
    assert_eq!(spliced(old, &s), new, "{old:?} → {new:?} by {s:?}");
    for w in s.windows(2) {
        assert!(w[0].at + w[0].delete < w[1].at, "ascending, apart: {s:?}");
    }
    s
}

#[test]
fn splices_rebuild_the_new_list_and_carry_only_what_changed() {
    let old: Vec<u32> = (0..1000).collect();
    let mut new = old.clone();
    new[10] = 5000;
    new.remove(500);
    new.insert(800, 7000);
    let s = check(&old, &new);
    let carried: usize = s.iter().map(|s| s.insert.len()).sum();
    assert_eq!(carried, 2, "one replaced, one inserted: {s:?}");
    check(&[], &[1, 2, 3]);
    check(&[1, 2, 3], &[]);
    check(&[1, 2, 3], &[1, 2, 3]);
    check(&[1, 2, 3, 4], &[4, 3, 2, 1]);
}

#[test]
fn a_deadline_gives_a_coarser_patch_that_is_still_exact() {
    let old: Vec<u32> = (0..4000).map(|i| i * 7 % 1013).collect();
    let new: Vec<u32> = (0..4000).map(|i| i * 11 % 1009).collect();
    let s = splices(&old, &new, Instant::now());
    assert_eq!(spliced(&old, &s), new);
}

#[test]
fn lists_that_changed_in_place_carry_only_the_changed_positions() {
    // A reflow: many scattered positions change, none are inserted. Without time, Myers
    // alone would send nearly everything.
    let old: Vec<u32> = (0..20_000).collect();
    let mut new = old.clone();
    for i in (5_000..6_000).step_by(3) {
        new[i] += 100_000;
    }
    let s = splices(&old, &new, Instant::now());
    assert_eq!(spliced(&old, &s), new);
    let carried: usize = s.iter().map(|s| s.insert.len()).sum();
    assert_eq!(carried, 334, "the changed positions only");

    // The same, with four elements added near the start (a band that grew): everything
    // after them shifts by four.
    let mut grown = new.clone();
    for k in 0..4 {
        grown.insert(30 + k, 900_000 + k as u32);
    }
    let s = splices(&old, &grown, Instant::now());
    assert_eq!(spliced(&old, &s), grown);
    let carried: usize = s.iter().map(|s| s.insert.len()).sum();
    assert_eq!(carried, 338, "the four added and the changed positions");
    let s = splices(&grown, &old, Instant::now());
    assert_eq!(spliced(&grown, &s), old);
    let carried: usize = s.iter().map(|s| s.insert.len()).sum();
    assert_eq!(carried, 334, "the four deleted carry nothing");
}

fn keyed(old: &[(u8, u8)], new: &[(u8, u8)], deadline: Instant) -> Vec<Splice<(u8, u8)>> {
    // The first of the pair is the key, the second what may change under it.
    keyed_splices(old, new, |x, h| std::hash::Hash::hash(&x.0, h), deadline)
}

#[test]
fn keyed_patches_carry_what_moved_and_what_changed_only() {
    // A note (key 1000) leaves its place near the start and enters near the end; the
    // elements between change in place every third one (a reflow).
    let old: Vec<(u16, u8)> = (0..3000u16).map(|i| (i, 0)).collect();
    let mut new = old.clone();
    let moved = new.remove(10);
    new.insert(2500, moved);
    for x in new.iter_mut().skip(100).take(300).step_by(3) {
        x.1 = 1;
    }
    let s = keyed_splices(
        &old,
        &new,
        |x, h| std::hash::Hash::hash(&x.0, h),
        Instant::now() + ROOMY,
    );
    assert_eq!(spliced(&old, &s), new);
    let carried: usize = s.iter().map(|s| s.insert.len()).sum();
    assert_eq!(
        carried, 101,
        "the moved one and the hundred changed: {carried}"
    );
}

fn scene_of(items: Vec<Item>) -> Scene {
    Scene {
        width: Mm(1189.0),
        height: Mm(841.0),
        content: Rect::new(10.0, 10.0, 1169.0, 821.0),
        scale: 1.0,
        items,
        regions: Vec::new(),
        groups: Vec::new(),
        min_text_pt: Pt(8.0),
        warnings: Vec::new(),
    }
}

/// A card's note and text, one of each kind of item, as the layout draws them.
fn card_items(id: &str, x: f32, y: f32) -> Vec<Item> {
    use crate::layout::{Point, RecordKind, RecordRef, Seg, Stroke, TextLine, TextRole};
    // Every place on a hundredth, as the layout rounds them (`r2`).
    let (x, y) = (crate::scene::r2(x), crate::scene::r2(y));
    let q = |v: f32| Mm(crate::scene::r2(v));
    let pt = |a: f32, b: f32| Point::new(crate::scene::r2(a), crate::scene::r2(b));
    let target = Some(RecordRef {
        kind: RecordKind::Card,
        id: id.to_string(),
    });
    vec![
        Item::Rect {
            rect: Rect::new(x, y, 30.0, 20.0),
            radius: Mm(1.0),
            fill: Some("#fff3b0".into()),
            stroke: None,
            target: target.clone(),
        },
        Item::Text {
            lines: vec![
                TextLine {
                    text: format!("{id} first line"),
                    x: q(x + 1.75),
                    baseline: q(y + 4.25),
                    width: Mm(20.3),
                },
                TextLine {
                    text: "second".into(),
                    x: q(x + 1.75),
                    baseline: q(y + 8.5),
                    width: Mm(9.1),
                },
            ],
            size: Mm(3.1),
            size_pt: Pt(8.8),
            bold: false,
            colour: "#222".into(),
            role: TextRole::Card,
            target: target.clone(),
        },
        Item::Circle {
            centre: pt(x + 27.25, y + 2.75),
            r: Mm(1.1),
            fill: Some("#0a0".into()),
            stroke: None,
            target: target.clone(),
        },
        Item::Path {
            segs: vec![
                Seg::Move {
                    to: pt(x, y + 21.0),
                },
                Seg::Cubic {
                    c1: pt(x + 3.25, y + 22.25),
                    c2: pt(x + 6.75, y + 22.75),
                    to: pt(x + 10.0, y + 21.0),
                },
                Seg::Close,
            ],
            fill: None,
            stroke: Some(Stroke {
                colour: "#333".into(),
                width: Mm(0.3),
                dash: Vec::new(),
            }),
            target,
        },
    ]
}

/// How many items the patch moves (a run of moves counts each of its items).
fn moves(p: &ScenePatch) -> usize {
    p.items
        .iter()
        .flat_map(|s| &s.insert)
        .map(|x| match x {
            ItemPatch::Moved(_) => 1,
            ItemPatch::Run(r) => r.n as usize,
            ItemPatch::Item(_) => 0,
        })
        .sum()
}

#[test]
fn items_that_only_moved_are_sent_as_moves_and_apply_exactly() {
    // A card moved from the top of a column to another: the notes below it shift up by
    // a row, the moved one lands elsewhere with the same look. Everything that shifted
    // travels as a move; one card's text changed and goes whole. (Places in quarter mm,
    // which f32 adds exactly; the layout's own are tried by the session's tests.)
    let cards: Vec<(String, f32, f32)> = (0..40)
        .map(|i| {
            (
                format!("c{i}"),
                10.25 + (i % 4) as f32 * 40.75,
                20.5 + (i / 4) as f32 * 23.25,
            )
        })
        .collect();
    let old = scene_of(
        cards
            .iter()
            .flat_map(|(id, x, y)| card_items(id, *x, *y))
            .collect(),
    );
    let new_cards: Vec<(String, f32, f32)> = cards
        .iter()
        .filter(|(id, ..)| id != "c0")
        .map(|(id, x, y)| {
            let shifted = *x < 20.0;
            (id.clone(), *x, if shifted { *y - 23.25 } else { *y })
        })
        .chain([("c0".to_string(), 132.5, 262.75)])
        .collect();
    let mut items: Vec<Item> = new_cards
        .iter()
        .flat_map(|(id, x, y)| card_items(id, *x, *y))
        .collect();
    if let Some(Item::Text { lines, .. }) = items.get_mut(5) {
        lines[0].text = "changed".into();
    }
    let new = scene_of(items);
    let p = ScenePatch::between_until(&old, &new, Instant::now() + ROOMY);
    assert_eq!(p.apply(&old), new, "exact");
    // c4, c8, … c36 shifted (9 cards × 4 items) and c0 moved (4 items); one text changed.
    let whole: usize = p
        .items
        .iter()
        .flat_map(|s| &s.insert)
        .filter(|x| matches!(x, ItemPatch::Item(_)))
        .count();
    assert_eq!(whole, 1, "only the changed text goes whole: {p:?}");
    assert!(moves(&p) >= 36, "the shifted ones are moves: {}", moves(&p));
}

#[test]
fn what_a_grown_lane_pushes_down_goes_as_runs_of_moves_and_applies_exactly() {
    // Notes on the hundredths the layout rounds to; a lane above grows, and every note from
    // the 9th on shifts down by one offset. f32 sums of such places are a bit off the
    // hundredth; the move rounds as the layout does, so all 128 shifted items are moves, in a
    // run as long as the splice (one element, not 128).
    let at = |i: usize| {
        (
            10.37 + (i % 4) as f32 * 40.71,
            20.53 + (i / 4) as f32 * 23.29,
        )
    };
    let old = scene_of(
        (0..40)
            .flat_map(|i| card_items(&format!("c{i}"), at(i).0, at(i).1))
            .collect(),
    );
    let grown = |i: usize| {
        let (x, y) = at(i);
        if i < 8 {
            (x, y)
        } else {
            (x, crate::scene::r2(y + 17.83))
        }
    };
    let new = scene_of(
        (0..40)
            .flat_map(|i| card_items(&format!("c{i}"), grown(i).0, grown(i).1))
            .collect(),
    );
    let p = ScenePatch::between_until(&old, &new, Instant::now() + ROOMY);
    assert_eq!(p.apply(&old), new, "exact");
    assert_eq!(moves(&p), 32 * 4, "every shifted item moves: {p:?}");
    let elements: usize = p.items.iter().map(|s| s.insert.len()).sum();
    assert!(
        elements <= 4,
        "runs, not one move per item: {elements} elements"
    );
    assert!(
        p.items
            .iter()
            .flat_map(|s| &s.insert)
            .any(|x| matches!(x, ItemPatch::Run(r) if r.n >= 32)),
        "{p:?}"
    );
}

#[test]
fn many_changed_items_try_the_keyed_patch_too_and_stay_exact() {
    // More than WHOLE_ENOUGH notes recoloured, a card taken from the front and put at the
    // back: the aligned patch carries the recoloured notes whole, so the keyed one is tried
    // as well; whichever is sent rebuilds the new Scene exactly and is no bigger.
    let ids: Vec<String> = (0..120).map(|i| format!("c{i}")).collect();
    let old = scene_of(
        ids.iter()
            .enumerate()
            .flat_map(|(i, id)| {
                card_items(
                    id,
                    10.0 + (i % 10) as f32 * 35.0,
                    10.0 + (i / 10) as f32 * 25.0,
                )
            })
            .collect(),
    );
    let mut items: Vec<Item> = old.items[4..].to_vec();
    items.extend_from_slice(&old.items[..4]);
    for it in items.iter_mut().step_by(4).take(WHOLE_ENOUGH + 20) {
        if let Item::Rect { fill, .. } = it {
            *fill = Some("#cfe8ff".into());
        }
    }
    let new = scene_of(items);
    let p = ScenePatch::between_until(&old, &new, Instant::now() + ROOMY);
    assert_eq!(p.apply(&old), new, "exact");
    let aligned = with_moves(
        &old.items,
        (
            &keys_of(&old.items, item_key),
            &keys_of(&new.items, item_key),
        ),
        aligned_splices(&old.items, &new.items),
    );
    assert!(carried(&p.items) <= carried(&aligned));
    assert!(
        carried(&p.items) >= 4 * (WHOLE_ENOUGH + 20),
        "every recoloured note goes whole"
    );
}

#[test]
fn a_move_that_f32_cannot_redo_exactly_goes_whole() {
    let old = scene_of(card_items("a", 0.1, 0.2));
    // Near 1e8 an f32 steps by 8: the dx that takes the first line there takes the second
    // to 1e8 too, not to 1e8 + 64, so the item is sent as it is.
    let mut new = old.clone();
    if let Some(Item::Text { lines, .. }) = new.items.get_mut(1) {
        lines[0].x = Mm(1.0e8);
        lines[1].x = Mm(1.0e8 + 64.0);
    }
    let p = ScenePatch::between_until(&old, &new, Instant::now() + ROOMY);
    assert_eq!(p.apply(&old), new);
    assert_eq!(moves(&p), 0);
}

proptest::proptest! {
    #[test]
    fn scene_patches_with_moves_are_exact(
        cards in proptest::collection::vec((0u8..12, -300i32..300, -300i32..300), 0..30),
        changes in proptest::collection::vec((0u8..12, 0u8..4, -400i32..400, -400i32..400), 0..30),
    ) {
        // Old: cards by id at places; new: some moved by arbitrary amounts, some gone,
        // some new, some text changed, in an order of their own.
        let at = |v: i32| v as f32 * 0.37;
        let old = scene_of(cards.iter().flat_map(|(id, x, y)| card_items(&format!("c{id}"), at(*x), at(*y))).collect());
        let mut new_cards: Vec<(u8, f32, f32, bool)> =
            cards.iter().map(|(id, x, y)| (*id, at(*x), at(*y), false)).collect();
        for (id, what, dx, dy) in &changes {
            match what {
                0 => new_cards.retain(|c| c.0 != *id),
                1 => new_cards.push((*id, at(*dx), at(*dy), false)),
                2 => new_cards.iter_mut().filter(|c| c.0 == *id).for_each(|c| { c.1 += at(*dx) / 7.0; c.2 += at(*dy) / 3.0; }),
                _ => new_cards.iter_mut().filter(|c| c.0 == *id).for_each(|c| c.3 = true),
            }
        }
        let new = scene_of(new_cards.iter().flat_map(|(id, x, y, changed)| {
            let mut items = card_items(&format!("c{id}"), *x, *y);
            if *changed {
                if let Some(Item::Text { colour, .. }) = items.get_mut(1) { *colour = "#f00".into(); }
            }
            items
        }).collect());
        let p = ScenePatch::between(&old, &new);
        for w in p.items.windows(2) {
            proptest::prop_assert!(w[0].at + w[0].delete < w[1].at, "ascending, apart");
        }
        proptest::prop_assert_eq!(p.apply(&old), new);
    }
}

proptest::proptest! {
    #[test]
    fn keyed_patches_are_exact(
        old in proptest::collection::vec((0u8..5, 0u8..3), 0..120),
        new in proptest::collection::vec((0u8..5, 0u8..3), 0..120),
        hurry in proptest::bool::ANY,
    ) {
        let deadline = if hurry { Instant::now() } else { Instant::now() + DEADLINE };
        let s = keyed(&old, &new, deadline);
        for w in s.windows(2) {
            proptest::prop_assert!(w[0].at + w[0].delete < w[1].at, "ascending, apart");
        }
        proptest::prop_assert_eq!(spliced(&old, &s), new);
    }

    #[test]
    fn any_two_lists_patch_exactly(
        old in proptest::collection::vec(0u8..6, 0..120),
        new in proptest::collection::vec(0u8..6, 0..120),
        hurry in proptest::bool::ANY,
    ) {
        // Without time (a deadline already passed) the patch is coarser, never wrong.
        let deadline = if hurry { Instant::now() } else { Instant::now() + DEADLINE };
        let s = splices(&old, &new, deadline);
        proptest::prop_assert_eq!(spliced(&old, &s), new.clone());
        let s = aligned_splices(&old, &new);
        for w in s.windows(2) {
            proptest::prop_assert!(w[0].at + w[0].delete < w[1].at, "ascending, apart");
        }
        proptest::prop_assert_eq!(spliced(&old, &s), new);
    }
}
