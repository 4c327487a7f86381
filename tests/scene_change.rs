//! The keyed answer to an edit (`klantreis::scene::SceneChange`, docs/scene.md) as a property:
//! for random edits of random journeys, the change between the keyed Scenes before and after,
//! applied to the one before, gives the one after; and a one-card edit sends few groups.

use klantreis::layout::{self, LayoutOptions};
use klantreis::scene::near::{noise, Near};
use klantreis::scene::SceneChange;
use klantreis::*;
use proptest::prelude::*;

fn journey(n: usize, long: usize) -> Journey {
    templates::filled("five-stages", Lang::En, "Property", n, |i| {
        "word ".repeat(1 + (i * 7 + long) % 12)
    })
    .expect("template")
}

/// One random change of the journey, as an edit could make it.
fn mutate(j: &mut Journey, kind: u8, a: usize, b: usize) {
    let n = j.cards.len();
    let np = j.phases.len();
    let nl = j.lanes.len();
    match kind {
        // Move a card to another cell (at the end).
        0 => {
            if n == 0 {
                return;
            }
            let (p, l) = (
                j.phases[b % np].id.clone(),
                j.lanes[(a + b) % nl].id.clone(),
            );
            let mut c = j.cards.remove(a % n);
            c.phase_id = p;
            c.lane_id = l;
            j.cards.push(c);
        }
        // New text, longer or shorter.
        1 => {
            if n > 0 {
                j.cards[a % n].text = "more words here ".repeat(1 + b % 9);
            }
        }
        // A new card.
        2 => {
            let (p, l) = (j.phases[b % np].id.clone(), j.lanes[a % nl].id.clone());
            let mut c = Card::new(
                format!("new-{a}-{b}"),
                p,
                l,
                "zz".into(),
                "A new card".into(),
            );
            c.emotion = Some((b % 5) as i8 - 2);
            j.cards.push(c);
        }
        // A card deleted (and the links to it).
        3 => {
            if n > 0 {
                let id = j.cards.remove(a % n).id;
                j.meta.links.retain(|l| l.from != id && l.to != id);
            }
        }
        // A card's marks.
        4 => {
            if n > 0 {
                let c = &mut j.cards[a % n];
                c.emotion = Some((b % 5) as i8 - 2);
                c.impact = !c.impact;
            }
        }
        // A link between two cards.
        _ => {
            if n > 1 {
                j.meta.links.push(Link {
                    id: format!("link-{a}-{b}"),
                    from: j.cards[a % n].id.clone(),
                    to: j.cards[b % n].id.clone(),
                    label: String::new(),
                });
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn the_change_applied_to_the_scene_before_gives_the_scene_after(
        n in 0usize..60,
        long in 0usize..12,
        edits in proptest::collection::vec((0u8..6, 0usize..1000, 0usize..1000), 1..4),
    ) {
        let mut j = journey(n, long);
        let opts = LayoutOptions::default();
        let mut before = layout::layout_keyed(&j, &[], &opts);
        for (kind, a, b) in edits {
            mutate(&mut j, kind, a, b);
            let after = layout::layout_keyed(&j, &[], &opts);
            let change = SceneChange::between(&before, &after);
            // Up to float noise: a group that only shifted by ulps is kept as it was.
            let applied = change.apply(&before);
            prop_assert!(applied.near(&after, noise(&after)), "{:?}", change);
            before = after;
        }
    }
}

#[test]
fn a_new_text_on_one_card_sends_that_card_alone() {
    let mut j = journey(200, 3);
    let opts = LayoutOptions::default();
    let before = layout::layout_keyed(&j, &[], &opts);
    // Same number of lines, so nothing else moves.
    j.cards[17].text.push('!');
    let after = layout::layout_keyed(&j, &[], &opts);
    let change = SceneChange::between(&before, &after);
    let keys: Vec<&str> = change
        .upsert
        .iter()
        .map(|n| n.group.key.0.as_str())
        .collect();
    assert_eq!(keys, vec![format!("card:{}", j.cards[17].id)], "{keys:?}");
    assert!(change.remove.is_empty() && change.place.is_empty());
    assert!(change.apply(&before).near(&after, noise(&after)));
}
