//! The team's answers to the review questions: kept on the journey and per phase through
//! undoable edits, printed in a review band under the map (only when there are answers, so
//! other maps lay out as before) and in the insights report.

use klantreis::analysis;
use klantreis::edit::{Edit, JourneyPatch, PhasePatch};
use klantreis::layout::report::{report, ReportOptions};
use klantreis::layout::{layout, Item, LayoutOptions, Scene};
use klantreis::*;

fn texts(scene: &Scene) -> String {
    let mut out = String::new();
    for it in &scene.items {
        if let Item::Text { lines, .. } = it {
            for l in lines {
                out.push_str(&l.text);
                out.push(' ');
            }
        }
    }
    out
}

fn review(surprises: &str, improve: &str) -> Review {
    Review {
        surprises: surprises.into(),
        improve: improve.into(),
        ..Default::default()
    }
}

#[test]
fn answers_are_kept_undone_printed_on_the_map_and_in_the_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.klantreis");
    let mut doc = Document::create(&path).expect("create");
    let (j, p) = templates::sample(Lang::En);
    let jid = j.meta.id.clone();
    let phase = j.phases[1].id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("sample");
    let plain = {
        let ws = doc.workspace();
        layout(
            ws.journey(&jid).expect("j"),
            &ws.personas,
            &LayoutOptions::default(),
        )
    };
    assert!(
        !texts(&plain).contains("What surprises us?"),
        "no band without answers"
    );

    doc.apply(&Edit::UpdateJourney {
        id: jid.clone(),
        patch: JourneyPatch {
            review: Some(review("Half of the buyers never visit the shop", "")),
            ..Default::default()
        },
    })
    .expect("journey answer");
    doc.apply(&Edit::UpdatePhase {
        id: phase.clone(),
        patch: PhasePatch {
            review: Some(review("", "Offer a test ride at home")),
            ..Default::default()
        },
    })
    .expect("phase answer");

    drop(doc);
    let mut doc = Document::open(&path).expect("reopen");
    let j = doc.workspace().journey(&jid).expect("j").clone();
    assert_eq!(
        j.meta.review.surprises,
        "Half of the buyers never visit the shop"
    );
    assert_eq!(
        j.phase(&phase).expect("phase").review.improve,
        "Offer a test ride at home"
    );

    let scene = layout(&j, &doc.workspace().personas, &LayoutOptions::default());
    let t = texts(&scene);
    for want in [
        "What surprises us?",
        "Half of the buyers never visit the shop",
        "Where can the journey improve most?",
        "Offer a test ride at home",
    ] {
        assert!(t.contains(want), "{want:?} on the map: {t}");
    }
    assert!(
        !t.contains("What crucial things are missing?"),
        "only answered questions"
    );
    assert!(scene.items.len() > plain.items.len());

    let rep = report(&j, &analysis::insights(&j), &ReportOptions::default());
    let all: String = rep.pages.iter().map(texts).collect();
    assert!(all.contains("Review with the team"), "{all}");
    assert!(all.contains("Offer a test ride at home"));

    doc.undo().expect("undo phase answer");
    doc.undo().expect("undo journey answer");
    let j = doc.workspace().journey(&jid).expect("j");
    assert!(j.meta.review.is_empty() && j.phases.iter().all(|p| p.review.is_empty()));
    let rep = report(j, &analysis::insights(j), &ReportOptions::default());
    let all: String = rep.pages.iter().map(texts).collect();
    assert!(
        !all.contains("Review with the team"),
        "no section without answers"
    );
}

#[test]
fn older_journeys_without_review_fields_still_read() {
    let meta: JourneyMeta =
        serde_json::from_str(r#"{"id": "j", "title": "Oud"}"#).expect("no review field");
    assert!(meta.review.is_empty() && meta.links.is_empty());
    let json = serde_json::to_string(&meta).expect("json");
    assert!(
        !json.contains("review") && !json.contains("links"),
        "left out when empty: {json}"
    );
}
