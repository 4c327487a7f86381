//! Insights on hand-checked journeys, part one: emotion (peak, trough, end, the curve's order
//! as the map draws it), impact moments and pain. Part two (`tests/insights_fix.rs`): funnel,
//! evidence and safari, value × effort, fix first, and the `klantreis insights` command.

use klantreis::analysis::impact::CurveMark;
use klantreis::analysis::{self, fix_first::FixKind};
use klantreis::edit;
use klantreis::layout::{self, Item, LayoutOptions, RecordKind};
use klantreis::{templates, LaneKind, Lang, PhaseData, Workspace};

mod common;
use common::journeys::{card, card_mut, journey};

use LaneKind::{Actions, Feelings, PainPoints};

#[test]
fn empty_journey_has_no_figures_and_no_warnings() {
    let j = journey(0, &[], Lang::Nl);
    let ins = analysis::insights(&j);
    let e = &ins.emotion.overall;
    assert_eq!(e.moments, 0);
    assert!(e.peak.is_none() && e.trough.is_none() && e.end.is_none());
    assert!(e.peak_end.is_none() && e.steepest_fall.is_none());
    assert!(e.phases.is_empty() && ins.emotion.lanes.is_empty());
    assert!(ins.impact.flagged.is_empty() && ins.impact.suggested.is_empty());
    assert!(ins.pain.ranked.is_empty());
    assert!(!ins.funnel.has_data && ins.funnel.conversion.is_none());
    assert_eq!(ins.funnel.throughput_hours, None);
    assert!(
        !ins.funnel.throughput_complete,
        "no phases: nothing is complete"
    );
    assert_eq!(ins.evidence.total.cards, 0);
    assert_eq!(ins.evidence.total.validated_share, None);
    assert!(ins.safari.is_empty() && ins.fix_first.is_empty() && ins.warnings.is_empty());
    let text = klantreis::sentences::render(&ins, &j);
    assert!(text.contains("Nog geen kaarten met een emotie"), "{text}");
}

#[test]
fn phases_without_cards_are_listed_with_empty_figures() {
    let j = journey(3, &[Actions, Feelings], Lang::En);
    let ins = analysis::insights(&j);
    let phases = &ins.emotion.overall.phases;
    assert_eq!(
        phases.len(),
        3,
        "every phase is listed, also without moments"
    );
    for p in phases {
        assert_eq!((p.moments, &p.lowest, p.mean), (0, &None, None));
    }
    assert_eq!(ins.evidence.phases.len(), 3);
    assert!(ins.evidence.phases.iter().all(|p| p.counts.cards == 0));
    assert_eq!(ins.evidence.lanes.len(), 2);
    assert_eq!(ins.pain.phases.len(), 3);
    assert!(ins.pain.ranked.is_empty(), "nothing hurts");
    assert_eq!(ins.funnel.phases.len(), 3);
    assert!(!ins.funnel.has_data);
    assert!(ins.warnings.is_empty(), "{:?}", ins.warnings);
}

#[test]
fn one_card_is_peak_trough_and_end() {
    let mut j = journey(2, &[Feelings], Lang::Nl);
    let c = card(&mut j, 1, 0, "Boos", Some(-1));
    let ins = analysis::insights(&j);
    let e = &ins.emotion.overall;
    for m in [&e.peak, &e.trough, &e.end, &e.most_intense] {
        assert_eq!(m.as_ref().map(|m| m.card_id.as_str()), Some(c.as_str()));
    }
    assert_eq!(e.peak_end, Some(-1.0));
    assert_eq!(e.steepest_fall, None, "one moment cannot fall");
    assert_eq!(e.phases[0].moments, 0);
    assert_eq!(e.phases[1].mean, Some(-1.0));
    // Suggested once, with every reason, and accepted by one update_card edit.
    assert_eq!(ins.impact.suggested.len(), 1);
    let s = &ins.impact.suggested[0];
    assert_eq!(
        s.reasons,
        [CurveMark::Peak, CurveMark::Trough, CurveMark::End]
    );
    // Fix first: the trough, 2 + 1 = 3.
    assert_eq!(ins.fix_first.len(), 1);
    assert_eq!(ins.fix_first[0].kind, FixKind::Emotion);
    assert_eq!(ins.fix_first[0].score, 3.0);
    assert_eq!(ins.fix_first[0].card_ids, std::slice::from_ref(&c));
    assert!(
        ins.fix_first[0].why.contains("dieptepunt"),
        "{}",
        ins.fix_first[0].why
    );
}

#[test]
fn emotion_figures_on_a_hand_checked_curve() {
    // Curve in map order: +1 (p0), −1 (p1), +2 (p1), −2 (p2), +1 (p3).
    let mut j = journey(4, &[Feelings], Lang::En);
    let a = card(&mut j, 0, 0, "Curious", Some(1));
    let b = card(&mut j, 1, 0, "Overwhelmed", Some(-1));
    let c = card(&mut j, 1, 0, "Excited", Some(2));
    let d = card(&mut j, 2, 0, "Annoyed", Some(-2));
    let e_ = card(&mut j, 3, 0, "Satisfied", Some(1));
    let e = analysis::emotion::emotion(&j).overall;
    let id = |m: &Option<analysis::Moment>| m.as_ref().map(|m| m.card_id.clone());
    assert_eq!(id(&e.peak), Some(c.clone()));
    assert_eq!(id(&e.trough), Some(d.clone()));
    assert_eq!(id(&e.end), Some(e_.clone()));
    // |+2| and |−2| tie for most intense: the earlier (+2) wins, so (2 + 1) / 2.
    assert_eq!(id(&e.most_intense), Some(c.clone()));
    assert_eq!(e.peak_end, Some(1.5));
    let f = e.steepest_fall.expect("the curve falls");
    assert_eq!(
        (f.from.card_id, f.to.card_id, f.drop),
        (c.clone(), d.clone(), 4)
    );
    // Phase 1 holds −1 and +2: lowest −1, mean 0.5.
    assert_eq!(id(&e.phases[1].lowest), Some(b));
    assert_eq!(e.phases[1].mean, Some(0.5));
    assert_eq!(e.phases[0].mean, Some(1.0));
    let _ = a;
}

#[test]
fn ties_go_to_the_earliest_moment() {
    // Two equal peaks (+2 in p0 and p2) and two equal troughs (−1 in p1 and p3): the first of
    // each wins, because the first high sets the expectation later moments are measured against
    // (and the map's "peak" label uses the same rule).
    let mut j = journey(4, &[Feelings], Lang::En);
    let first_peak = card(&mut j, 0, 0, "High 1", Some(2));
    let first_trough = card(&mut j, 1, 0, "Low 1", Some(-1));
    card(&mut j, 2, 0, "High 2", Some(2));
    card(&mut j, 3, 0, "Low 2", Some(-1));
    let e = analysis::emotion::emotion(&j).overall;
    assert_eq!(e.peak.map(|m| m.card_id), Some(first_peak.clone()));
    assert_eq!(e.trough.map(|m| m.card_id), Some(first_trough));
    assert_eq!(e.most_intense.map(|m| m.card_id), Some(first_peak));
    // Two falls of 3 steps (+2 → −1): the first one counts as the steepest.
    let f = e.steepest_fall.expect("falls");
    assert_eq!((f.from.text.as_str(), f.drop), ("High 1", 3));
    assert_eq!(analysis::most_intense(&[1, -2, 2, -2]), Some(1));
    assert_eq!(analysis::most_intense(&[]), None);
}

#[test]
fn curve_order_is_phase_then_lane_then_card_like_the_map() {
    // In one phase, a card of the first lane comes before one of the second lane even when
    // it was added later (its order key is larger).
    let mut j = journey(1, &[Feelings, Actions], Lang::En);
    let second_lane = card(&mut j, 0, 1, "Acting", Some(1));
    let first_lane = card(&mut j, 0, 0, "Feeling", Some(-1));
    let order: Vec<_> = analysis::curve(&j, None)
        .iter()
        .map(|p| p.card.id.clone())
        .collect();
    assert_eq!(order, [first_lane, second_lane]);
}

#[test]
fn the_map_draws_the_curve_in_the_analysis_order() {
    let (j, persona) = templates::sample(Lang::Nl);
    let scene = layout::layout(&j, &[persona], &LayoutOptions::default());
    let mut drawn: Vec<String> = Vec::new();
    for item in &scene.items {
        if let Item::Circle {
            target: Some(t), ..
        } = item
        {
            if t.kind == RecordKind::Card && !drawn.contains(&t.id) {
                drawn.push(t.id.clone());
            }
        }
    }
    let curve: Vec<String> = analysis::curve(&j, None)
        .iter()
        .map(|p| p.card.id.clone())
        .collect();
    assert!(!curve.is_empty());
    assert_eq!(
        &drawn[..curve.len()],
        &curve[..],
        "curve points drawn in curve order"
    );
}

#[test]
fn several_feelings_lanes_each_get_their_own_curve() {
    let mut j = journey(2, &[Feelings, Feelings], Lang::En);
    let buyer_low = card(&mut j, 0, 0, "Buyer worried", Some(-2));
    card(&mut j, 1, 0, "Buyer relieved", Some(1));
    card(&mut j, 0, 1, "User happy", Some(2));
    let user_low = card(&mut j, 1, 1, "User stuck", Some(-1));
    let emo = analysis::emotion::emotion(&j);
    assert_eq!(emo.lanes.len(), 2);
    let buyer = &emo.lanes[0].figures;
    let user = &emo.lanes[1].figures;
    assert_eq!(buyer.trough.as_ref().map(|m| &m.card_id), Some(&buyer_low));
    assert_eq!(buyer.peak_end, Some(-0.5), "(−2 + 1) / 2");
    assert_eq!(user.trough.as_ref().map(|m| &m.card_id), Some(&user_low));
    assert_eq!(user.peak_end, Some(0.5), "(2 + −1) / 2");
    // The overall curve holds all four (p0: −2, +2; p1: +1, −1).
    assert_eq!(emo.overall.moments, 4);
    // The user's trough is suggested for its lane's sake, not the overall curve's.
    let ins = analysis::insights(&j);
    let s = ins
        .impact
        .suggested
        .iter()
        .find(|s| s.card_id == user_low)
        .expect("user trough suggested");
    assert!(s.lanes.contains(&"l1".to_string()), "{s:?}");
    // One feelings lane: no per-lane figures.
    let single = journey(2, &[Feelings, Actions], Lang::En);
    assert!(analysis::emotion::emotion(&single).lanes.is_empty());
}

#[test]
fn accepting_a_suggested_impact_moment_is_one_edit() {
    let mut j = journey(2, &[Feelings], Lang::En);
    let flagged = card(&mut j, 0, 0, "Flagged low", Some(-2));
    card_mut(&mut j, &flagged).impact = true;
    let end = card(&mut j, 1, 0, "End", Some(1));
    let ins = analysis::insights(&j);
    assert_eq!(ins.impact.flagged.len(), 1);
    assert_eq!(ins.impact.flagged[0].card_id, flagged);
    assert!(
        ins.impact.suggested.iter().all(|s| s.card_id != flagged),
        "a flagged card is never suggested"
    );
    let s = &ins.impact.suggested[0];
    assert_eq!(s.card_id, end);
    assert_eq!(s.reasons, [CurveMark::Peak, CurveMark::End]);
    let mut ws = Workspace {
        personas: vec![],
        journeys: vec![j],
    };
    let cs = edit::apply(&ws, &s.accept, "2026-01-01T00:00:00Z").expect("applies");
    assert_eq!(
        cs.changes.len(),
        2,
        "the card and the journey's version, one change set"
    );
    edit::apply_changes(&mut ws, &cs);
    let after = analysis::insights(&ws.journeys[0]);
    assert!(after.impact.suggested.is_empty());
    assert_eq!(after.impact.flagged.len(), 2);
}

#[test]
fn pain_ranks_phases_with_the_reason() {
    // p0: 2 pain points = 2. p1: 1 pain point + emotion −2 + 20 % drop-off = 1 + 2 + 2 = 5.
    // p2: nothing = 0 (not ranked). p3: emotion −1 = 1.
    let mut j = journey(4, &[Feelings, PainPoints], Lang::Nl);
    card(&mut j, 0, 1, "Wachten", None);
    card(&mut j, 0, 1, "Onduidelijk", None);
    card(&mut j, 1, 1, "Te duur", None);
    card(&mut j, 1, 0, "Boos", Some(-2));
    card(&mut j, 2, 0, "Blij", Some(2));
    card(&mut j, 3, 0, "Twijfel", Some(-1));
    j.phases[1].data = Some(PhaseData {
        drop_off_pct: Some(20.0),
        ..Default::default()
    });
    let ins = analysis::insights(&j);
    let score: Vec<f64> = ins.pain.phases.iter().map(|p| p.score).collect();
    assert_eq!(score, [2.0, 5.0, 0.0, 1.0]);
    assert_eq!(ins.pain.ranked, ["p1", "p0", "p3"]);
    assert_eq!(
        ins.pain.phases[1].reason,
        "1 pijnpunt + negatieve emotie (−2) + 20 % uitval"
    );
    assert_eq!(ins.pain.phases[0].pain_points.len(), 2);
}
