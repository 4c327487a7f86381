//! Insights on hand-checked journeys, part two: the funnel from phase data, evidence and the
//! safari list, value × effort, fix first, the `update_card` patch for value and effort, and
//! the `klantreis insights` command. Part one: `tests/insights.rs`.

use std::process::Command;

use klantreis::analysis::{self, evidence::SafariPriority, fix_first::FixKind};
use klantreis::analysis::{opportunities::Quadrant, WarningCode};
use klantreis::edit::{self, CardPatch};
use klantreis::{
    templates, Card, Edit, EvidenceSource, LaneKind, Lang, PhaseData, Validation, Workspace,
};

mod common;
use common::journeys::{card, card_mut, journey};

use LaneKind::{Actions, Feelings, Opportunities, PainPoints};

fn data(customers: Option<u64>, drop: Option<f64>, time: Option<&str>) -> Option<PhaseData> {
    Some(PhaseData {
        customers,
        drop_off_pct: drop,
        throughput: time.map(str::to_string),
    })
}

#[test]
fn funnel_from_consistent_phase_data() {
    let mut j = journey(3, &[Actions], Lang::En);
    j.phases[0].data = data(Some(1000), Some(20.0), Some("3 dagen"));
    j.phases[1].data = data(Some(800), Some(50.0), Some("2 weeks"));
    j.phases[2].data = data(Some(400), Some(25.0), Some("4 uur"));
    let ins = analysis::insights(&j);
    let f = &ins.funnel;
    let rows: Vec<_> = f
        .phases
        .iter()
        .map(|p| (p.customers_in, p.lost, p.customers_out))
        .collect();
    assert_eq!(
        rows,
        [
            (Some(1000), Some(200), Some(800)),
            (Some(800), Some(400), Some(400)),
            (Some(400), Some(100), Some(300)),
        ]
    );
    assert_eq!(f.conversion, Some(30.0), "300 of 1000");
    assert!(f.conversion_detail.as_ref().is_some_and(|c| c.after_last));
    let most = f.losing_most.as_ref().expect("a phase loses most");
    assert_eq!((most.phase_id.as_str(), most.lost), ("p1", 400));
    assert_eq!(f.throughput_hours, Some(72.0 + 336.0 + 4.0));
    assert!(f.throughput_complete && f.throughput_unreadable.is_empty());
    assert!(ins.warnings.is_empty(), "{:?}", ins.warnings);
    // Fix first names the phases that lose customers, most first: 1 + 50/20 = 3.5, then
    // 1 + 20/20 = 2 and 1 + 25/20 = 2.25.
    let funnel: Vec<_> = ins
        .fix_first
        .iter()
        .filter(|x| x.kind == FixKind::Funnel)
        .map(|x| (x.phase_id.clone().unwrap_or_default(), x.score))
        .collect();
    assert_eq!(
        funnel,
        [("p1".into(), 3.5), ("p2".into(), 2.25), ("p0".into(), 2.0)]
    );
    let text = klantreis::sentences::render(&ins, &j);
    assert!(text.contains("Conversion: 30 % (1000 → 300)"), "{text}");
    assert!(text.contains("Throughput time: 17.2 days"), "{text}");
}

#[test]
fn inconsistent_and_missing_phase_data_is_flagged_with_the_phase() {
    let mut j = journey(5, &[Actions], Lang::En);
    // p0: 1000 in, 10 % out → 900 kept. p1: 950 in (> 900) and no drop-off (between known).
    // p2: no customers (between known). p3: drop-off 150 % (only an in-memory journey can hold
    // it; validate refuses it). p4: 500 in, unreadable time.
    j.phases[0].data = data(Some(1000), Some(10.0), Some("2 dagen"));
    j.phases[1].data = data(Some(950), None, None);
    j.phases[2].data = data(None, Some(20.0), Some("1,5 week"));
    j.phases[3].data = data(Some(600), Some(150.0), None);
    j.phases[4].data = data(Some(500), None, Some("snel"));
    j.phases[4].name = "Gebruik".into();
    assert!(j.validate().is_err(), "the model refuses 150 %");
    let ins = analysis::insights(&j);
    let got: Vec<(WarningCode, String)> = ins
        .warnings
        .iter()
        .map(|w| (w.code, w.phase_id.clone().unwrap_or_default()))
        .collect();
    for want in [
        (WarningCode::DropOffOutOfRange, "p3"),
        (WarningCode::MoreCustomersThanKept, "p1"),
        (WarningCode::MissingCustomers, "p2"),
        (WarningCode::MissingDropOff, "p1"),
        (WarningCode::UnreadableThroughput, "p4"),
    ] {
        assert!(
            got.contains(&(want.0, want.1.to_string())),
            "{want:?} missing in {got:?}"
        );
    }
    // p3 (600) after p1 (950, out unknown) is fine; p4 (500) after p3 (600, out unknown) too.
    assert_eq!(
        got.iter()
            .filter(|w| w.0 == WarningCode::MoreCustomersThanKept)
            .count(),
        1
    );
    let w = ins
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::MoreCustomersThanKept)
        .expect("flagged");
    assert_eq!(
        w.message,
        "Fase 1: 950 customers enter, but only 900 were left after Fase 0"
    );
    let f = &ins.funnel;
    assert_eq!(
        f.phases[3].lost, None,
        "no loss from an impossible drop-off"
    );
    assert_eq!(f.phases[3].drop_off_pct, Some(150.0), "shown as entered");
    assert_eq!(f.throughput_hours, Some(48.0 + 252.0), "the readable ones");
    assert!(!f.throughput_complete);
    assert_eq!(f.throughput_unreadable.len(), 1);
    assert_eq!(f.throughput_unreadable[0].text, "snel");
    // The last phase's drop-off is unknown: conversion counts those entering it.
    assert_eq!(f.conversion, Some(50.0));
    assert!(f.conversion_detail.as_ref().is_some_and(|c| !c.after_last));
    // Readable text lists the warnings.
    let text = klantreis::sentences::render(&ins, &j);
    assert!(
        text.contains("Gebruik: throughput time “snel” cannot be read"),
        "{text}"
    );
}

#[test]
fn conversion_unknown_names_the_first_phase() {
    let mut j = journey(2, &[Actions], Lang::Nl);
    j.phases[1].data = data(Some(100), Some(10.0), None);
    let ins = analysis::insights(&j);
    assert_eq!(ins.funnel.conversion, None);
    let w = ins
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::ConversionUnknown)
        .expect("flagged");
    assert_eq!(w.phase_id.as_deref(), Some("p0"));
}

#[test]
fn evidence_counts_and_the_safari_list() {
    let mut j = journey(2, &[Actions, Feelings, PainPoints, Opportunities], Lang::En);
    let act = card(&mut j, 0, 0, "I browse", None);
    let feel = card(&mut j, 0, 1, "Curious", Some(1));
    let pain = card(&mut j, 1, 2, "Slow delivery", None);
    let opp = card(&mut j, 1, 3, "Loan bike", None);
    let done = card(&mut j, 1, 1, "Relieved", Some(1));
    let wrong = card(&mut j, 1, 0, "I call the shop", None);
    let moment = card(&mut j, 1, 0, "I pay", None);
    card_mut(&mut j, &done).validation = Validation::Validated;
    card_mut(&mut j, &wrong).validation = Validation::Refuted;
    card_mut(&mut j, &moment).impact = true;
    let ins = analysis::insights(&j);
    let t = &ins.evidence.total;
    assert_eq!(
        (t.cards, t.assumptions, t.validated, t.refuted),
        (7, 5, 1, 1)
    );
    assert_eq!(t.validated_share, Some(1.0 / 7.0));
    let p1 = &ins.evidence.phases[1].counts;
    assert_eq!(
        (p1.cards, p1.assumptions, p1.validated, p1.refuted),
        (5, 3, 1, 1)
    );
    assert_eq!(p1.validated_share, Some(0.2));
    let feelings = &ins.evidence.lanes[1].counts;
    assert_eq!((feelings.cards, feelings.validated_share), (2, Some(0.5)));
    let list: Vec<_> = ins
        .safari
        .iter()
        .map(|s| (s.card_id.clone(), s.priority, s.settle_with))
        .collect();
    assert_eq!(
        list,
        [
            (moment, SafariPriority::ImpactMoment, EvidenceSource::Data),
            (pain, SafariPriority::PainPoint, EvidenceSource::Feedback),
            (act, SafariPriority::Other, EvidenceSource::Data),
            (feel, SafariPriority::Other, EvidenceSource::Interview),
            (opp, SafariPriority::Other, EvidenceSource::Experiment),
        ],
        "impact moments, then pain points, then the rest in map order; settled and refuted \
         cards are not on it"
    );
    assert_eq!(ins.safari[0].phase, "Fase 1");
    assert_eq!(ins.safari[0].lane, "Laan 0");
}

#[test]
fn opportunities_fall_in_four_quadrants() {
    let mut j = journey(1, &[Opportunities, Actions], Lang::En);
    let scores: [(Option<u8>, Option<u8>); 7] = [
        (Some(4), Some(2)),
        (Some(5), Some(1)),
        (Some(4), Some(4)),
        (Some(3), Some(3)),
        (Some(2), Some(5)),
        (Some(5), None),
        (Some(5), Some(2)),
    ];
    let mut ids = Vec::new();
    for (i, (v, e)) in scores.iter().enumerate() {
        let id = card(&mut j, 0, 0, &format!("O{i}"), None);
        let c = card_mut(&mut j, &id);
        c.value = *v;
        c.effort = *e;
        ids.push(id);
    }
    // A scored card outside an opportunities lane counts too; an unscored action does not.
    let scored_action = card(&mut j, 0, 1, "Act", None);
    card_mut(&mut j, &scored_action).value = Some(1);
    card_mut(&mut j, &scored_action).effort = Some(1);
    card(&mut j, 0, 1, "Plain action", None);
    let m = analysis::opportunities::opportunities(&j);
    let ids_of = |v: &[analysis::opportunities::Opportunity]| -> Vec<String> {
        v.iter().map(|o| o.card_id.clone()).collect()
    };
    // Quick wins best first: value 5 effort 1, value 5 effort 2, value 4 effort 2.
    assert_eq!(
        ids_of(&m.quick_wins),
        [ids[1].clone(), ids[6].clone(), ids[0].clone()]
    );
    assert_eq!(ids_of(&m.big_bets), [ids[2].clone()]);
    // 3 × 3 is a fill-in: the midpoint is not high.
    assert_eq!(ids_of(&m.fill_ins), [ids[3].clone(), scored_action]);
    assert_eq!(ids_of(&m.money_pits), [ids[4].clone()]);
    assert_eq!(ids_of(&m.unscored), [ids[5].clone()]);
    assert_eq!(Quadrant::of(4, 3), Quadrant::QuickWin);
    assert_eq!(Quadrant::of(3, 4), Quadrant::MoneyPit);
    // Fix first lists quick wins, 1 + (5 − 1) / 2 = 3 first.
    let ins = analysis::insights(&j);
    let wins: Vec<_> = ins
        .fix_first
        .iter()
        .filter(|x| x.kind == FixKind::QuickWin)
        .map(|x| x.score)
        .collect();
    assert_eq!(wins, [3.0, 2.5, 2.0]);
}

#[test]
fn fix_first_joins_troughs_falls_funnel_impact_and_quick_wins() {
    let (j, _) = templates::sample(Lang::En);
    let ins = analysis::insights(&j);
    let first = &ins.fix_first[0];
    // The trough (−2, "Annoyed") is also where the steepest fall (+2 → −2) lands, and its
    // phase has one pain point: 2 + 2 + 4 + ½ = 8.5.
    assert_eq!(first.kind, FixKind::Emotion);
    assert_eq!(first.score, 8.5);
    assert!(
        first
            .why
            .starts_with("“Annoyed: first slot in three weeks” (Retention)"),
        "{}",
        first.why
    );
    assert!(
        first.why.contains("trough of the curve (−2)"),
        "{}",
        first.why
    );
    assert!(
        first.why.contains("falls 4 steps (+2 → −2)"),
        "{}",
        first.why
    );
    assert!(first.why.contains("“No online booking”"), "{}", first.why);
    assert_eq!(first.card_ids.len(), 2, "the moment and its pain point");
    // Then the fall into "Overwhelmed" (2 steps + ½), then the two unchecked impact moments (2).
    let kinds: Vec<_> = ins.fix_first.iter().map(|x| (x.kind, x.score)).collect();
    assert_eq!(
        kinds,
        [
            (FixKind::Emotion, 8.5),
            (FixKind::Emotion, 2.5),
            (FixKind::UnvalidatedImpact, 2.0),
            (FixKind::UnvalidatedImpact, 2.0),
        ]
    );
    let mut sorted = ins.fix_first.clone();
    sorted.sort_by(|a, b| b.score.total_cmp(&a.score));
    assert_eq!(sorted, ins.fix_first, "ranked by score");
}

#[test]
fn update_card_sets_and_clears_value_and_effort() {
    let (j, _) = templates::sample(Lang::Nl);
    let id = j.cards[0].id.clone();
    let mut ws = Workspace {
        personas: vec![],
        journeys: vec![j],
    };
    let now = "2026-01-01T00:00:00Z";
    let set: CardPatch =
        serde_json::from_str(r#"{"value": 4, "effort": 2}"#).expect("patch parses");
    let cs = edit::apply(
        &ws,
        &Edit::UpdateCard {
            id: id.clone(),
            patch: set,
        },
        now,
    )
    .expect("applies");
    edit::apply_changes(&mut ws, &cs);
    let c = ws.journeys[0].card(&id).expect("card");
    assert_eq!((c.value, c.effort), (Some(4), Some(2)));
    // Absent leaves a field alone; null clears it.
    let clear: CardPatch = serde_json::from_str(r#"{"value": null}"#).expect("patch parses");
    let cs = edit::apply(
        &ws,
        &Edit::UpdateCard {
            id: id.clone(),
            patch: clear,
        },
        now,
    )
    .expect("applies");
    edit::apply_changes(&mut ws, &cs);
    let c = ws.journeys[0].card(&id).expect("card");
    assert_eq!((c.value, c.effort), (None, Some(2)));
    // Undo is the inverted change set: effort goes back to unset after undoing the first too.
    for bad in [0u8, 6] {
        let patch = CardPatch {
            effort: Some(Some(bad)),
            ..Default::default()
        };
        let err = edit::apply(
            &ws,
            &Edit::UpdateCard {
                id: id.clone(),
                patch,
            },
            now,
        );
        assert!(err.is_err(), "effort {bad} is refused");
    }
    let mut j = ws.journeys[0].clone();
    j.cards[0].value = Some(6);
    assert_eq!(
        j.validate().map_err(|e| e.0),
        Err("cards[0].value".to_string())
    );
    // Stored as JSON: absent scores are left out, set ones round-trip.
    let json = serde_json::to_string(&ws.journeys[0].cards[0]).expect("serialises");
    assert!(
        json.contains(r#""effort":2"#) && !json.contains("value"),
        "{json}"
    );
    let back: Card = serde_json::from_str(&json).expect("parses");
    assert_eq!(back, ws.journeys[0].cards[0]);
}

#[test]
fn value_and_effort_survive_the_document_and_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("m.klantreis");
    let (j, p) = templates::sample(Lang::En);
    let jid = j.meta.id.clone();
    let id = j.cards[0].id.clone();
    let mut doc = klantreis::Document::open_or_create(&path).expect("creates");
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("creates journey");
    let patch = CardPatch {
        value: Some(Some(5)),
        effort: Some(Some(1)),
        ..Default::default()
    };
    doc.apply(&Edit::UpdateCard {
        id: id.clone(),
        patch,
    })
    .expect("scores");
    doc.close().expect("closes");
    let mut doc = klantreis::Document::open(&path).expect("reopens");
    let score = |doc: &klantreis::Document| {
        let c = doc
            .workspace()
            .journey(&jid)
            .and_then(|j| j.card(&id))
            .expect("card");
        (c.value, c.effort)
    };
    assert_eq!(score(&doc), (Some(5), Some(1)));
    doc.undo().expect("undoes");
    assert_eq!(score(&doc), (None, None), "one undo clears both");
    doc.close().expect("closes");
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn insights_command_prints_text_and_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("m.klantreis");
    let f = file.to_str().expect("utf-8 path");
    let out = cli(&["sample", f, "--lang", "nl"]);
    assert!(out.status.success());
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();

    let out = cli(&["insights", f, "--journey", &id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("Dieptepunt: −2 “Geïrriteerd: afspraak pas over drie weken” (Retentie)"),
        "{text}"
    );
    assert!(text.contains("Piek-eindscore: +1,5"), "{text}");
    assert!(text.contains("Pak eerst aan"), "{text}");

    let out = cli(&["insights", f, "--journey", &id, "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for key in ["peak", "trough", "end"] {
        let m = &v["emotion"][key];
        for field in ["card_id", "text", "emotion", "phase_id"] {
            assert!(!m[field].is_null(), "emotion.{key}.{field} in {m}");
        }
    }
    assert_eq!(v["emotion"]["trough"]["emotion"], -2);
    assert_eq!(v["emotion"]["peak_end"], 1.5);
    let phases = v["funnel"]["phases"].as_array().expect("funnel phases");
    assert_eq!(phases.len(), 5);
    for key in ["phase_id", "customers_in", "drop_off_pct", "customers_out"] {
        assert!(phases[0].get(key).is_some(), "funnel.phases[].{key}");
    }
    assert!(v["funnel"].get("conversion").is_some());
    for key in ["evidence", "safari", "fix_first", "warnings"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["safari"].as_array().map(Vec::len), Some(22));
    assert_eq!(v["fix_first"][0]["kind"], "emotion");

    let out = cli(&["insights", f, "--journey", "nope"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no journey with id \"nope\""));
}
