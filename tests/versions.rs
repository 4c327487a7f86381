//! Versions (named snapshots) and the to-be journey: random edits, a snapshot, more random
//! edits, restore → the journey is the snapshot again; undo of the restore → the journey as it
//! was before; snapshots survive closing the file; the JSON interchange carries them only when
//! asked; "make the to-be journey" is one undo step.

use klantreis::edit::{CardPatch, JourneyPatch};
use klantreis::interchange::{self, ExportOptions};
use klantreis::*;
use proptest::prelude::*;

/// A random edit inside journey `jid` (or `None` when it does not apply).
fn edit_for(j: &Journey, kind: u8, a: usize, b: usize) -> Option<Edit> {
    let pick = |n: usize, i: usize| (n > 0).then(|| i % n);
    let phase = pick(j.phases.len(), a).map(|i| &j.phases[i]);
    let lane = pick(j.lanes.len(), b).map(|i| &j.lanes[i]);
    let card = pick(j.cards.len(), a + b).map(|i| &j.cards[i]);
    Some(match kind {
        0 | 1 => Edit::AddCard {
            journey_id: j.meta.id.clone(),
            phase_id: phase?.id.clone(),
            lane_id: lane?.id.clone(),
            text: format!("kaart {a}"),
            colour: None,
            before: None,
            id: None,
        },
        2 => Edit::UpdateCard {
            id: card?.id.clone(),
            patch: CardPatch {
                text: Some(format!("bewerkt {b}")),
                emotion: Some(Some((a % 5) as i8 - 2)),
                ..Default::default()
            },
        },
        3 => Edit::DeleteCards {
            ids: vec![card?.id.clone()],
        },
        4 => Edit::MoveCards {
            ids: vec![card?.id.clone()],
            phase_id: phase?.id.clone(),
            lane_id: lane?.id.clone(),
            before: None,
        },
        5 => Edit::AddPhase {
            journey_id: j.meta.id.clone(),
            name: format!("Fase {a}"),
            before: None,
            id: None,
        },
        6 if j.phases.len() > 1 => Edit::DeletePhase {
            id: phase?.id.clone(),
        },
        7 if j.lanes.len() > 1 => Edit::DeleteLane {
            id: lane?.id.clone(),
        },
        _ => Edit::UpdateJourney {
            id: j.meta.id.clone(),
            patch: JourneyPatch {
                title: Some(format!("Reis {a}")),
                ..Default::default()
            },
        },
    })
}

fn run(doc: &mut Document, jid: &str, ops: &[(u8, usize, usize)]) {
    for &(k, a, b) in ops {
        let j = doc.workspace().journey(jid).expect("journey").clone();
        if let Some(e) = edit_for(&j, k, a, b) {
            doc.apply(&e).expect("edit applies");
        }
    }
}

/// The journey without the fields a restore sets anew (version and time of change).
fn content(j: &Journey) -> Journey {
    let mut j = j.clone();
    j.meta.version = 0;
    j.meta.updated = String::new();
    j
}

fn ops() -> impl Strategy<Value = Vec<(u8, usize, usize)>> {
    proptest::collection::vec((0u8..9, 0usize..100, 0usize..100), 0..25)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn restore_gives_the_snapshot_and_undo_gives_what_was_before(before in ops(), after in ops()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut doc = Document::create(dir.path().join("v.klantreis")).expect("create");
        let jid = session::add_sample(&mut doc, Lang::Nl).expect("sample");
        run(&mut doc, &jid, &before);
        let snap = doc.snapshot(&jid, "na workshop 1").expect("snapshot");
        let at_snapshot = doc.workspace().journey(&jid).expect("journey").clone();
        prop_assert_eq!(snap.cards as usize, at_snapshot.cards.len());
        run(&mut doc, &jid, &after);
        let before_restore = doc.workspace().journey(&jid).expect("journey").clone();

        doc.restore_snapshot(&jid, &snap.id).expect("restore");
        let restored = doc.workspace().journey(&jid).expect("journey").clone();
        prop_assert_eq!(content(&restored), content(&at_snapshot));
        prop_assert!(restored.meta.version > before_restore.meta.version, "a restore is a new version");
        let entry = doc.undo_entry().expect("history").expect("the restore is undoable");
        prop_assert_eq!(entry.origin, store::Origin::Restore);

        prop_assert!(doc.undo().expect("undo").is_some());
        prop_assert_eq!(doc.workspace().journey(&jid), Some(&before_restore), "undo of restore");
        prop_assert!(doc.redo().expect("redo").is_some());
        prop_assert_eq!(content(doc.workspace().journey(&jid).expect("journey")), content(&at_snapshot));
    }
}

#[test]
fn snapshots_survive_closing_and_restore_brings_back_a_deleted_persona() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.klantreis");
    let mut doc = Document::create(&path).expect("create");
    let jid = session::add_sample(&mut doc, Lang::En).expect("sample");
    let j = doc.workspace().journey(&jid).expect("journey").clone();
    let persona = j.meta.persona_ids[0].clone();
    let first = doc.snapshot(&jid, "after workshop 1").expect("snapshot");
    doc.apply(&Edit::DeletePersona {
        id: persona.clone(),
    })
    .expect("delete persona");
    let second = doc.snapshot(&jid, "no persona").expect("snapshot");
    doc.close().expect("close");

    let mut doc = Document::open(&path).expect("reopen");
    let list = doc.snapshots(&jid).expect("list");
    let names: Vec<&str> = list.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["after workshop 1", "no persona"], "oldest first");
    assert_eq!(list[0], first, "the listing is what was taken");
    assert_eq!(
        (list[1].phases, list[1].lanes, list[1].cards),
        (
            j.phases.len() as u32,
            j.lanes.len() as u32,
            j.cards.len() as u32
        )
    );
    assert!(doc.snapshots("journey_other").expect("list").is_empty());

    doc.restore_snapshot(&jid, &first.id).expect("restore");
    assert!(
        doc.workspace().persona(&persona).is_some(),
        "the persona the version linked is back"
    );
    assert_eq!(
        doc.workspace()
            .journey(&jid)
            .expect("journey")
            .meta
            .persona_ids,
        vec![persona.clone()]
    );
    assert_eq!(
        doc.undo_entry().expect("history").expect("entry").edits,
        2,
        "persona and journey are one undo step"
    );
    doc.undo().expect("undo");
    assert!(doc.workspace().persona(&persona).is_none());
    // A version of one journey is not restored onto another.
    let other = session::add_sample(&mut doc, Lang::En).expect("sample");
    assert!(doc.restore_snapshot(&other, &second.id).is_err());
    assert!(doc.restore_snapshot(&jid, "snapshot_missing").is_err());
    doc.integrity_check().expect("integrity");
}

#[test]
fn export_leaves_snapshots_out_unless_asked_and_with_them_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("a.klantreis")).expect("create");
    let jid = session::add_sample(&mut doc, Lang::Nl).expect("sample");
    doc.snapshot(&jid, "eerste").expect("snapshot");
    let j = doc.workspace().journey(&jid).expect("journey").clone();
    doc.apply(&Edit::DeleteCards {
        ids: vec![j.cards[0].id.clone()],
    })
    .expect("edit");
    doc.snapshot(&jid, "tweede").expect("snapshot");

    let plain = interchange::export(&doc, &jid, true).expect("export");
    assert!(!plain.contains("\"snapshots\""), "left out by default");
    let opts = ExportOptions {
        images: true,
        snapshots: true,
    };
    let with = interchange::export_with(&doc, &jid, opts).expect("export");
    assert!(with.contains("\"eerste\"") && with.contains("\"tweede\""));

    let mut b = Document::create(dir.path().join("b.klantreis")).expect("create b");
    let id = interchange::import(&mut b, &with).expect("import");
    assert_eq!(id, jid);
    assert_eq!(
        interchange::export_with(&b, &id, opts).expect("export b"),
        with,
        "export → import → export with snapshots"
    );
    assert_eq!(
        b.snapshots(&id).expect("list"),
        doc.snapshots(&jid).expect("list")
    );
    // Into the same document again: a copy, with the versions following it.
    let copy = interchange::import(&mut b, &with).expect("import copy");
    let versions = b.snapshots(&copy).expect("list");
    assert_eq!(versions.len(), 2);
    b.restore_snapshot(&copy, &versions[0].id)
        .expect("a copied version restores onto the copy");
    assert_eq!(
        b.workspace().journey(&copy).expect("copy").cards.len(),
        j.cards.len()
    );
}

#[test]
fn to_be_journey_is_a_linked_copy_in_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("t.klantreis")).expect("create");
    let jid = session::add_sample(&mut doc, Lang::En).expect("sample");
    let start = doc.workspace().clone();
    let cs = doc
        .apply(&Edit::MakeToBe {
            id: jid.clone(),
            title: String::new(),
            new_id: Some("journey_tobe".into()),
        })
        .expect("make to-be");
    assert!(cs.created_ids().contains(&"journey_tobe".to_string()));
    let ws = doc.workspace();
    let (a, b) = (
        ws.journey(&jid).expect("as-is"),
        ws.journey("journey_tobe").expect("to-be"),
    );
    assert_eq!(b.meta.state, JourneyState::ToBe);
    assert_eq!(b.meta.title, format!("{} (to-be)", a.meta.title));
    assert_eq!(a.meta.compared_with.as_deref(), Some("journey_tobe"));
    assert_eq!(b.meta.compared_with.as_deref(), Some(jid.as_str()));
    assert_eq!(b.cards.len(), a.cards.len());
    assert!(
        b.cards.iter().all(|c| a.card(&c.id).is_none()),
        "the copy has new ids"
    );
    // Compared with its original, the copy differs in nothing.
    let cmp = analysis::compare::compare(a, b, &a.phase_matches_with(b));
    assert!(cmp.better.is_empty() && cmp.worse.is_empty());
    assert!(cmp
        .phases
        .iter()
        .all(|p| p.only_a.is_empty() && p.only_b.is_empty()));

    doc.undo().expect("undo");
    assert_eq!(
        doc.workspace(),
        &start,
        "one undo step removes copy and link"
    );
}

#[test]
fn owner_and_hand_matches_are_kept_and_travel_in_the_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("o.klantreis")).expect("create");
    let ours = session::add_sample(&mut doc, Lang::En).expect("sample");
    let theirs = session::add_sample(&mut doc, Lang::En).expect("sample");
    let (p_ours, p_theirs) = {
        let ws = doc.workspace();
        (
            ws.journey(&ours).expect("ours").phases[1].id.clone(),
            ws.journey(&theirs).expect("theirs").phases[2].id.clone(),
        )
    };
    doc.apply(&Edit::UpdateJourney {
        id: theirs.clone(),
        patch: JourneyPatch {
            owner: Some(Owner::Competitor {
                name: "Fietsenwinkel Zuid".into(),
            }),
            phase_matches: Some(vec![PhaseMatch {
                journey_id: ours.clone(),
                phase_id: p_theirs.clone(),
                other_phase_id: p_ours.clone(),
            }]),
            ..Default::default()
        },
    })
    .expect("owner and match");
    // A hand match naming a phase the other journey lacks is refused.
    assert!(doc
        .apply(&Edit::UpdateJourney {
            id: theirs.clone(),
            patch: JourneyPatch {
                phase_matches: Some(vec![PhaseMatch {
                    journey_id: ours.clone(),
                    phase_id: p_theirs.clone(),
                    other_phase_id: "phase_nope".into(),
                }]),
                ..Default::default()
            },
        })
        .is_err());
    let ws = doc.workspace();
    let (a, b) = (
        ws.journey(&ours).expect("a"),
        ws.journey(&theirs).expect("b"),
    );
    assert_eq!(
        a.phase_matches_with(b),
        vec![(p_ours.clone(), p_theirs.clone())],
        "read from either side"
    );
    let cmp = analysis::compare::compare(a, b, &a.phase_matches_with(b));
    assert!(cmp
        .phases
        .iter()
        .any(|p| p.matched_by == analysis::compare::MatchedBy::Hand
            && p.phase_a.as_ref().map(|x| x.id.as_str()) == Some(p_ours.as_str())));

    let json = interchange::export(&doc, &theirs, false).expect("export");
    assert!(json.contains("\"kind\": \"competitor\"") && json.contains("Fietsenwinkel Zuid"));
    let mut fresh = Document::create(dir.path().join("f.klantreis")).expect("create");
    let id = interchange::import(&mut fresh, &json).expect("import");
    let back = fresh.workspace().journey(&id).expect("imported");
    assert_eq!(back.meta.owner, b.meta.owner);
    assert_eq!(back.meta.phase_matches, b.meta.phase_matches);
    // A file written before these fields existed (the same file without them) still imports,
    // as ours.
    let mut old: serde_json::Value = serde_json::from_str(&json).expect("json");
    let meta = old["journey"].as_object_mut().expect("journey object");
    assert!(meta.remove("owner").is_some() && meta.remove("phase_matches").is_some());
    let oid = interchange::import(&mut fresh, &old.to_string()).expect("old file imports");
    let o = fresh.workspace().journey(&oid).expect("old");
    assert!(o.meta.owner.is_ours() && o.meta.phase_matches.is_empty());

    // Deleting the journey a match names drops the match with it.
    doc.apply(&Edit::DeleteJourney { id: ours })
        .expect("delete");
    assert!(doc
        .workspace()
        .journey(&theirs)
        .expect("theirs")
        .meta
        .phase_matches
        .is_empty());
}
