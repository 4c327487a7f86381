//! The comparison page: every word a reader needs is on it, nothing leaves the paper, and A0
//! is A3 scaled.

use super::*;
use crate::analysis::compare::compare;
use crate::layout::palette::COMPARE_B;
use crate::layout::{Orientation, Paper};
use crate::model::Lang;
use crate::scene::Item;

fn pair() -> (Journey, Journey) {
    let (a, _) = crate::templates::sample(Lang::En);
    let mut b = a.clone();
    b.meta.id = "journey_b".into();
    b.meta.title = "Buying an e-bike (to-be)".into();
    b.meta.state = JourneyState::ToBe;
    b.meta.owner = Owner::Competitor {
        name: "Fietsenwinkel Zuid".into(),
    };
    // The lowest moment of A becomes +2 in B, and one card of A is gone in B.
    if let Some(c) = b
        .cards
        .iter_mut()
        .filter(|c| c.emotion.is_some())
        .min_by_key(|c| c.emotion)
    {
        c.emotion = Some(2);
    }
    b.cards.remove(0);
    (a, b)
}

fn texts(s: &Scene) -> String {
    s.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { lines, .. } => Some(
                lines
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_page_names_both_journeys_every_phase_and_the_summary() {
    let (a, b) = pair();
    let c = compare(&a, &b, &[]);
    let opts = LayoutOptions {
        paper: Paper::A3,
        orientation: Orientation::Landscape,
        printed: Some("2026-12-03".into()),
        ..LayoutOptions::default()
    };
    let s = layout_compare(&a, &b, &c, &opts);
    let all = texts(&s);
    for p in &a.phases {
        assert!(all.contains(&p.name), "phase {} on the page", p.name);
    }
    for want in [
        "Better in B",
        "Worse in B",
        "Only in A",
        "competitor: Fietsenwinkel Zuid",
        "printed 2026-12-03",
    ] {
        assert!(all.contains(want), "{want:?} on the page:\n{all}");
    }
    assert!(
        all.contains(&a.cards[0].text),
        "the card only A has is listed"
    );
    // Two curves: one solid path for A and one dashed for B.
    let dashed = s
        .items
        .iter()
        .filter(|i| matches!(i, Item::Path { stroke: Some(st), .. } if st.colour == COMPARE_B && !st.dash.is_empty()))
        .count();
    assert!(dashed >= 1, "B's curve is dashed");
    for i in &s.items {
        if let Item::Text { lines, .. } = i {
            for l in lines {
                assert!(
                    l.x.0 >= 0.0 && l.x.0 + l.width.0 <= s.width.0 + 0.01,
                    "{:?} leaves the page",
                    l.text
                );
                assert!(
                    l.baseline.0 > 0.0 && l.baseline.0 <= s.height.0,
                    "{:?}",
                    l.text
                );
            }
        }
    }
    assert!(
        s.min_text_pt.0 >= 6.0,
        "smallest text {} pt",
        s.min_text_pt.0
    );

    let a0 = layout_compare(
        &a,
        &b,
        &c,
        &LayoutOptions {
            paper: Paper::A0,
            ..opts
        },
    );
    assert_eq!(a0.items.len(), s.items.len(), "A0 is the A3 page scaled");
    assert!((a0.min_text_pt.0 / s.min_text_pt.0 - 2.828).abs() < 0.05);
}
