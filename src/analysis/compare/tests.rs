//! Hand-checked comparisons: every expected figure below was worked out on paper from the
//! cards the test lays down.

use super::*;
use crate::model::{Card, Journey, Lane, LaneKind, Phase, PhaseData};

const FEEL: &str = "lane_feel";
const PAIN: &str = "lane_pain";
const ACT: &str = "lane_act";

/// A journey `id` with the given phase names (ids `{id}_p{i}`), three lanes and no cards.
fn journey(id: &str, phases: &[&str]) -> Journey {
    let mut j = Journey::default();
    j.meta.id = id.into();
    j.meta.title = id.into();
    j.meta.language = Lang::En;
    for (i, n) in phases.iter().enumerate() {
        j.phases.push(Phase {
            id: format!("{id}_p{i}"),
            order: format!("a{i}"),
            name: n.to_string(),
            duration: None,
            data: None,
            review: Default::default(),
        });
    }
    for (i, (lid, kind)) in [
        (ACT, LaneKind::Actions),
        (FEEL, LaneKind::Feelings),
        (PAIN, LaneKind::PainPoints),
    ]
    .into_iter()
    .enumerate()
    {
        j.lanes.push(Lane {
            id: format!("{id}_{lid}"),
            order: format!("a{i}"),
            kind,
            title: lid.into(),
            hint: String::new(),
            persona_id: None,
        });
    }
    j
}

/// Adds a card to phase `p`, lane `lane`; returns its id.
fn card(j: &mut Journey, p: usize, lane: &str, text: &str, emotion: Option<i8>) -> String {
    let id = format!("{}_c{}", j.meta.id, j.cards.len());
    let mut c = Card::new(
        id.clone(),
        format!("{}_p{p}", j.meta.id),
        format!("{}_{lane}", j.meta.id),
        format!("a{:03}", j.cards.len()),
        text.into(),
    );
    c.emotion = emotion;
    j.cards.push(c);
    id
}

fn texts(cs: &[CardRef]) -> Vec<&str> {
    cs.iter().map(|c| c.text.as_str()).collect()
}

fn measures(cs: &[Change]) -> Vec<(Measure, Option<&str>)> {
    cs.iter().map(|c| (c.measure, c.phase.as_deref())).collect()
}

#[test]
fn same_phases_give_differences_only_cards_and_a_summary() {
    let mut a = journey("a", &["Orientation", "Purchase"]);
    let mut b = journey("b", &["  orientation ", "PURCHASE"]);
    // a: orientation −1, +1 (lowest −1, mean 0); purchase −2 (lowest −2, mean −2).
    card(&mut a, 0, FEEL, "Unsure", Some(-1));
    card(&mut a, 0, FEEL, "Curious", Some(1));
    card(&mut a, 1, FEEL, "Annoyed", Some(-2));
    // b: orientation 0, +2 (lowest 0, mean 1); purchase −2, 0 (lowest −2, mean −1).
    card(&mut b, 0, FEEL, "unsure", Some(0));
    card(&mut b, 0, FEEL, "Delighted", Some(2));
    card(&mut b, 1, FEEL, "Annoyed", Some(-2));
    card(&mut b, 1, FEEL, "Relieved", Some(0));
    // Pain: a has "Too much choice" in orientation, b none; purchase: both "Long delivery",
    // b also "No home delivery".
    card(&mut a, 0, PAIN, "Too much choice", None);
    card(&mut a, 1, PAIN, "Long delivery", None);
    card(&mut b, 1, PAIN, "long   delivery", None);
    card(&mut b, 1, PAIN, "No home delivery", None);
    // An impact moment only in b.
    let m = card(&mut b, 1, ACT, "Pick up the bike", None);
    if let Some(c) = b.cards.iter_mut().find(|c| c.id == m) {
        c.impact = true;
    }
    // Funnel: orientation has data on both sides (20 % → 10 % drop-off); purchase only in a.
    a.phases[0].data = Some(PhaseData {
        customers: Some(1000),
        drop_off_pct: Some(20.0),
        throughput: None,
    });
    b.phases[0].data = Some(PhaseData {
        customers: Some(1000),
        drop_off_pct: Some(10.0),
        throughput: None,
    });
    a.phases[1].data = Some(PhaseData {
        customers: Some(800),
        drop_off_pct: Some(50.0),
        throughput: None,
    });

    let c = compare(&a, &b, &[]);
    assert_eq!(c.phases.len(), 2, "both phases paired by name");
    let o = &c.phases[0];
    assert_eq!(o.matched_by, MatchedBy::Name);
    assert_eq!(o.phase_a.as_ref().map(|p| p.id.as_str()), Some("a_p0"));
    assert_eq!(o.phase_b.as_ref().map(|p| p.id.as_str()), Some("b_p0"));
    assert_eq!(
        (o.emotion_a.lowest, o.emotion_a.mean),
        (Some(-1), Some(0.0))
    );
    assert_eq!((o.emotion_b.lowest, o.emotion_b.mean), (Some(0), Some(1.0)));
    assert_eq!(o.emotion_b.points, vec![0, 2]);
    assert_eq!((o.lowest_diff, o.mean_diff), (Some(1), Some(1.0)));
    // "Unsure" and "unsure" are the same note.
    assert_eq!(texts(&o.only_a), vec!["Curious", "Too much choice"]);
    assert_eq!(texts(&o.only_b), vec!["Delighted"]);
    assert_eq!(texts(&o.pain_only_a), vec!["Too much choice"]);
    assert!(o.pain_only_b.is_empty());
    let f = o
        .funnel
        .as_ref()
        .expect("both orientation phases have data");
    assert_eq!(
        (f.a.drop_off_pct, f.b.drop_off_pct),
        (Some(20.0), Some(10.0))
    );

    let p = &c.phases[1];
    assert_eq!((p.lowest_diff, p.mean_diff), (Some(0), Some(1.0)));
    assert!(p.pain_only_a.is_empty(), "long delivery is on both sides");
    assert_eq!(texts(&p.pain_only_b), vec!["No home delivery"]);
    assert_eq!(texts(&p.impact_only_b), vec!["Pick up the bike"]);
    assert!(p.funnel.is_none(), "b's purchase phase has no data");

    let better: Vec<_> = measures(&c.better)
        .into_iter()
        .filter(|m| m.0 != Measure::Conversion)
        .collect();
    assert_eq!(
        better,
        vec![
            (Measure::LowestEmotion, Some("Orientation")),
            (Measure::MeanEmotion, Some("Orientation")),
            (Measure::PainPoints, Some("Orientation")),
            (Measure::DropOff, Some("Orientation")),
            (Measure::MeanEmotion, Some("Purchase")),
        ]
    );
    assert_eq!(
        measures(&c.worse),
        vec![(Measure::PainPoints, Some("Purchase"))],
        "purchase: 1 pain point → 2"
    );
    assert_eq!(c.worse[0].message, "Purchase: pain points 1 → 2");
}

#[test]
fn renamed_phases_are_paired_by_hand() {
    let mut a = journey("a", &["Look around", "Buy"]);
    let mut b = journey("b", &["Look around", "Purchase"]);
    card(&mut a, 1, FEEL, "Waiting", Some(-2));
    card(&mut b, 1, FEEL, "Waiting", Some(1));

    let by_name = compare(&a, &b, &[]);
    assert_eq!(
        by_name.phases.len(),
        3,
        "without a hand match Buy and Purchase stand alone"
    );
    assert_eq!(by_name.phases[1].phase_b, None);
    assert_eq!(by_name.phases[2].phase_a, None);
    assert_eq!(texts(&by_name.phases[1].only_a), vec!["Waiting"]);

    let manual = vec![("a_p1".to_string(), "b_p1".to_string())];
    let c = compare(&a, &b, &manual);
    assert_eq!(c.phases.len(), 2);
    let row = &c.phases[1];
    assert_eq!(row.matched_by, MatchedBy::Hand);
    assert_eq!(
        row.phase_b.as_ref().map(|p| p.name.as_str()),
        Some("Purchase")
    );
    assert_eq!(row.lowest_diff, Some(3), "−2 → +1");
    assert!(row.only_a.is_empty() && row.only_b.is_empty());
    assert_eq!(c.better.len(), 2, "lowest and mean of Buy/Purchase");
    assert!(c.worse.is_empty());
    // A hand match naming a phase that is gone is ignored, not an error.
    let stale = vec![("a_p9".to_string(), "b_p1".to_string())];
    assert_eq!(compare(&a, &b, &stale).phases.len(), 3);
}

#[test]
fn a_phase_missing_on_one_side_stands_alone_in_reading_order() {
    let mut a = journey("a", &["X", "Y", "Z"]);
    let mut b = journey("b", &["W", "X", "Z"]);
    card(&mut a, 1, ACT, "Only in Y", Some(-1));
    card(&mut b, 0, ACT, "Only in W", None);
    let c = compare(&a, &b, &[]);
    let rows: Vec<(Option<&str>, Option<&str>)> = c
        .phases
        .iter()
        .map(|r| {
            (
                r.phase_a.as_ref().map(|p| p.name.as_str()),
                r.phase_b.as_ref().map(|p| p.name.as_str()),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (None, Some("W")),
            (Some("X"), Some("X")),
            (Some("Y"), None),
            (Some("Z"), Some("Z")),
        ]
    );
    assert_eq!(texts(&c.phases[0].only_b), vec!["Only in W"]);
    assert_eq!(texts(&c.phases[2].only_a), vec!["Only in Y"]);
    assert_eq!(c.phases[2].emotion_a.lowest, Some(-1));
    assert_eq!(c.phases[2].lowest_diff, None, "nothing to subtract from");
    assert!(
        c.better.is_empty() && c.worse.is_empty(),
        "a phase on one side only is no change"
    );
}

#[test]
fn journeys_without_emotions_compare_without_figures() {
    let mut a = journey("a", &["One", "Two"]);
    let mut b = journey("b", &["One", "Two"]);
    card(&mut a, 0, ACT, "Same", None);
    card(&mut b, 0, ACT, "Same", None);
    let c = compare(&a, &b, &[]);
    for row in &c.phases {
        assert_eq!(row.emotion_a, EmotionSide::default());
        assert_eq!(row.emotion_b, EmotionSide::default());
        assert_eq!((row.lowest_diff, row.mean_diff), (None, None));
        assert!(row.only_a.is_empty() && row.only_b.is_empty());
        assert!(row.funnel.is_none());
    }
    assert!(c.better.is_empty() && c.worse.is_empty());
    assert_eq!((c.conversion_a, c.conversion_b), (None, None));
    // The JSON carries the fields the command line promises.
    let v = serde_json::to_value(&c).expect("serialises");
    let row = &v["phases"][0];
    for key in [
        "phase_a",
        "phase_b",
        "emotion_a",
        "emotion_b",
        "only_a",
        "only_b",
    ] {
        assert!(row.get(key).is_some(), "{key} in the JSON");
    }
    assert!(row["emotion_a"].get("lowest").is_some() && row["emotion_a"].get("mean").is_some());
    assert!(v["better"].is_array() && v["worse"].is_array());
}
