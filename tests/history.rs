//! The history of a document: a version-1 file (committed in `tests/fixtures`, made by the
//! schema-1 store) is upgraded on open and keeps its data and its undo; several edits applied
//! as a group are one undo step, and a failing group saves nothing; `edit::diff` turns any
//! journey into any other and is undone like any edit (a property test).

use std::path::Path;

use klantreis::edit::{diff, JourneyPatch};
use klantreis::store::{Origin, StoreError, SCHEMA_VERSION};
use klantreis::*;
use proptest::prelude::*;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1.klantreis");
const FIXTURE_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1.json");

fn user_version(path: &Path) -> u32 {
    let bytes = std::fs::read(path).expect("read");
    u32::from_be_bytes([bytes[60], bytes[61], bytes[62], bytes[63]])
}

fn sample_doc(path: &Path) -> (Document, String) {
    let mut doc = Document::create(path).expect("create");
    let (j, p) = templates::sample(Lang::Nl);
    let id = j.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("sample");
    (doc, id)
}

#[test]
fn a_version_1_file_is_upgraded_and_keeps_its_data_and_its_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.klantreis");
    std::fs::copy(FIXTURE, &path).expect("copy fixture");
    assert_eq!(user_version(&path), 1, "the fixture is a version-1 file");

    let mut doc = Document::open(&path).expect("a version-1 file opens");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(FIXTURE_JSON).expect("fixture json"))
            .expect("json");
    assert_eq!(
        serde_json::to_value(doc.workspace()).expect("json"),
        expected,
        "the workspace is what the version-1 store saw"
    );
    assert_eq!(doc.history_len().expect("len"), 8, "every history row kept");

    // The fixture's last edit renamed the sample journey; its delete_cards was undone.
    let undo = doc.undo_entry().expect("entry").expect("something to undo");
    assert_eq!(
        (undo.label.as_str(), undo.origin, undo.edits),
        ("update_journey", Origin::Local, 1)
    );
    let redo = doc.redo_entry().expect("entry").expect("something to redo");
    assert_eq!(redo.label, "delete_cards");

    let sample = doc
        .workspace()
        .journeys
        .iter()
        .find(|j| !j.cards.is_empty())
        .expect("the sample journey")
        .meta
        .id
        .clone();
    let title = |doc: &Document| {
        doc.workspace()
            .journey(&sample)
            .map(|j| j.meta.title.clone())
            .expect("journey")
    };
    let cards = |doc: &Document| doc.workspace().journey(&sample).map(|j| j.cards.len());
    assert_eq!(title(&doc), "Een e-bike kopen (bewerkt)");
    doc.undo().expect("undo").expect("undone");
    assert_eq!(
        title(&doc),
        templates::sample(Lang::Nl).0.meta.title,
        "undo of a version-1 edit"
    );
    doc.redo().expect("redo").expect("redone");
    let before = cards(&doc);
    doc.redo()
        .expect("redo of the version-1 redo branch")
        .expect("redone");
    assert_eq!(cards(&doc), before.map(|n| n - 1), "delete_cards redone");
    let now = doc.workspace().clone();
    doc.close().expect("close");
    assert_eq!(
        user_version(&path),
        SCHEMA_VERSION as u32,
        "upgraded to the current schema"
    );

    let doc = Document::open(&path).expect("reopen the upgraded file");
    assert_eq!(doc.workspace(), &now);
    assert_eq!(doc.redo_entry().expect("entry"), None);
}

#[test]
fn new_persona_and_link_are_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("group.klantreis");
    let (mut doc, jid) = sample_doc(&path);
    let start = doc.workspace().clone();
    let rows = doc.history_len().expect("len");

    // The caller picks the new persona's id, so the second edit can link it.
    let pid = ids::new_id("persona");
    let mut linked = doc
        .workspace()
        .journey(&jid)
        .expect("j")
        .meta
        .persona_ids
        .clone();
    linked.push(pid.clone());
    let cs = doc
        .apply_group(
            &[
                Edit::CreatePersona {
                    persona: Persona {
                        id: pid.clone(),
                        name: "Kim".into(),
                        ..Default::default()
                    },
                },
                Edit::UpdateJourney {
                    id: jid.clone(),
                    patch: JourneyPatch {
                        persona_ids: Some(linked.clone()),
                        ..Default::default()
                    },
                },
            ],
            Origin::Local,
        )
        .expect("group applies");
    assert_eq!(cs.created_ids(), vec![pid.clone()]);
    let end = doc.workspace().clone();
    assert_eq!(end.journey(&jid).expect("j").meta.persona_ids, linked);
    assert_eq!(
        doc.history_len().expect("len"),
        rows + 2,
        "one row per edit"
    );
    let entry = doc.undo_entry().expect("entry").expect("undoable");
    assert_eq!((entry.label.as_str(), entry.edits), ("create_persona", 2));

    doc.undo().expect("undo").expect("undone");
    assert_eq!(doc.workspace(), &start, "one undo takes back both edits");
    doc.redo().expect("redo").expect("redone");
    assert_eq!(doc.workspace(), &end, "one redo brings back both");
    doc.close().expect("close");
    let mut doc = Document::open(&path).expect("reopen");
    assert_eq!(doc.workspace(), &end);
    doc.undo().expect("undo after reopening").expect("undone");
    assert_eq!(doc.workspace(), &start, "still one step after reopening");
}

/// A group of two edits of one journey (a lane added, then given a persona) bumps the
/// journey's version twice; undo and redo take the whole group back and forth. (A rebase of
/// the journey's bookkeeping for merges once compared each step with the journey as it is now
/// instead of as the step before left it, and refused this undo as "changed since".)
#[test]
fn a_group_of_two_edits_of_one_journey_undoes_and_redoes_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut doc, jid) = sample_doc(&dir.path().join("g.klantreis"));
    let before = doc.workspace().journey(&jid).expect("journey").clone();
    let edits: Vec<edit::Edit> = serde_json::from_value(serde_json::json!([
        {"op": "add_lane", "journey_id": jid, "kind": "feelings", "title": "F2", "id": "lane_g"},
        {"op": "update_lane", "id": "lane_g", "patch": {"persona_id": "p"}}
    ]))
    .expect("edits");
    doc.apply_group(&edits, Origin::Local).expect("group");
    let after = doc.workspace().journey(&jid).expect("journey").clone();
    assert_eq!(after.lanes.len(), before.lanes.len() + 1);
    doc.undo().expect("undo").expect("undone");
    assert_eq!(
        doc.workspace().journey(&jid).expect("journey").lanes,
        before.lanes
    );
    doc.redo().expect("redo").expect("redone");
    assert_eq!(
        doc.workspace().journey(&jid).expect("journey").lanes,
        after.lanes
    );
}

#[test]
fn a_failing_group_saves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fail.klantreis");
    let (mut doc, jid) = sample_doc(&path);
    let start = doc.workspace().clone();
    let rows = doc.history_len().expect("len");
    let j = start.journey(&jid).expect("j");
    let err = doc
        .apply_group(
            &[
                Edit::AddCard {
                    journey_id: jid.clone(),
                    phase_id: j.phases[0].id.clone(),
                    lane_id: j.lanes[0].id.clone(),
                    text: "Nieuw".into(),
                    colour: None,
                    before: None,
                    id: None,
                },
                Edit::DeleteCards {
                    ids: vec!["card_missing".into()],
                },
            ],
            Origin::Local,
        )
        .expect_err("the second edit fails");
    assert!(
        matches!(
            err,
            StoreError::GroupEdit {
                index: 2,
                count: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("card_missing"), "{err}");
    assert_eq!(doc.workspace(), &start, "memory unchanged");
    assert_eq!(doc.history_len().expect("len"), rows, "no history row");
    drop(doc);
    assert_eq!(
        Document::open(&path).expect("reopen").workspace(),
        &start,
        "file unchanged"
    );
}

#[test]
fn a_stale_diff_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("stale.klantreis");
    let (mut doc, jid) = sample_doc(&path);
    let a = doc.workspace().journey(&jid).expect("j").clone();
    let mut b = a.clone();
    b.meta.title = "Hersteld".into();
    b.cards.truncate(3);
    let cs = diff(&a, &b);
    doc.apply(&Edit::UpdateCard {
        id: a.cards[5].id.clone(),
        patch: edit::CardPatch {
            text: Some("Nieuwer werk".into()),
            ..Default::default()
        },
    })
    .expect("newer edit");
    let now = doc.workspace().clone();
    let err = doc
        .apply_changes(&cs, "restore", Origin::Restore)
        .expect_err("stale");
    assert!(matches!(err, StoreError::InvalidChanges(_)), "{err:?}");
    assert_eq!(doc.workspace(), &now, "newer work kept");
}

/// A journey built from small pools of ids, so that two of them share some records (changed
/// or not) and not others.
fn journey() -> impl Strategy<Value = Journey> {
    let key = || prop::sample::select(vec!["1", "5", "V", "a", "z", "V5", "k"]);
    let phases = prop::collection::vec((0usize..5, key(), "[a-z]{0,6}", any::<bool>()), 0..5);
    let lanes = prop::collection::vec((0usize..4, key(), 0usize..11, "[a-z ]{0,6}"), 0..4);
    let cards = prop::collection::vec(
        (
            0usize..10,
            0usize..5,
            0usize..4,
            key(),
            "[a-zë ]{0,8}",
            -3i8..3,
        ),
        0..10,
    );
    let meta = (
        prop::sample::select(vec!["journey_p", "journey_p", "journey_p", "journey_q"]),
        "[A-Za-z]{1,8}",
        prop::sample::subsequence(vec!["persona_a", "persona_b"], 0..=2),
        0u64..4,
    );
    (meta, phases, lanes, cards).prop_map(|((id, title, personas, version), ps, ls, cs)| {
        let mut j = Journey::default();
        j.meta.id = id.into();
        j.meta.title = title;
        j.meta.persona_ids = personas.into_iter().map(String::from).collect();
        j.meta.version = version;
        j.meta.updated = "2026-01-01T00:00:00Z".into();
        for (n, key, name, data) in ps {
            let id = format!("phase_{n}");
            if j.phase(&id).is_none() {
                j.phases.push(Phase {
                    id,
                    order: key.into(),
                    name,
                    duration: None,
                    data: data.then(|| PhaseData {
                        customers: Some(n as u64 * 10),
                        drop_off_pct: Some(n as f64 * 2.5),
                        throughput: None,
                    }),
                    review: Default::default(),
                });
            }
        }
        for (n, key, kind, title) in ls {
            let id = format!("lane_{n}");
            if j.lane(&id).is_none() {
                j.lanes.push(Lane {
                    id,
                    order: key.into(),
                    kind: LaneKind::ALL[kind],
                    title,
                    hint: String::new(),
                    persona_id: None,
                });
            }
        }
        if !j.phases.is_empty() && !j.lanes.is_empty() {
            for (n, p, l, key, text, emotion) in cs {
                let id = format!("card_{n}");
                if j.card(&id).is_none() {
                    let mut c = Card::new(
                        id,
                        j.phases[p % j.phases.len()].id.clone(),
                        j.lanes[l % j.lanes.len()].id.clone(),
                        key.into(),
                        text,
                    );
                    c.emotion = (emotion > -3).then_some(emotion);
                    c.impact = n % 3 == 0;
                    j.cards.push(c);
                }
            }
        }
        j.sort();
        j
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn diff_turns_a_into_b_and_undo_gives_a_back(a in journey(), b in journey()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.klantreis");
        let mut doc = Document::create(&path).expect("create");
        for id in ["persona_a", "persona_b"] {
            doc.apply(&Edit::CreatePersona {
                persona: Persona { id: id.into(), name: id.into(), ..Default::default() },
            })
            .expect("persona");
        }
        doc.apply(&Edit::CreateJourney { journey: a.clone(), personas: vec![] }).expect("a");
        let a = doc.workspace().journey(&a.meta.id).expect("a stored").clone();
        let start = doc.workspace().clone();

        let cs = diff(&a, &b);
        // In memory, without the store.
        let mut ws = start.clone();
        edit::apply_changes(&mut ws, &cs);
        prop_assert_eq!(ws.journey(&b.meta.id), Some(&b), "apply_changes(a, diff) != b");

        doc.apply_changes(&cs, "restore", Origin::Restore).expect("diff commits");
        prop_assert_eq!(doc.workspace().journey(&b.meta.id), Some(&b), "stored diff != b");
        if a.meta.id != b.meta.id {
            prop_assert!(doc.workspace().journey(&a.meta.id).is_none(), "a replaced");
        }
        let end = doc.workspace().clone();
        if !cs.changes.is_empty() {
            let entry = doc.undo_entry().expect("entry").expect("undoable");
            prop_assert_eq!(entry.origin, Origin::Restore);
            doc.undo().expect("undo").expect("undone");
        }
        prop_assert_eq!(doc.workspace(), &start, "undo of the diff != a");
        prop_assert_eq!(&Document::open(&path).expect("reopen").workspace().clone(), &start);
        if !cs.changes.is_empty() {
            doc.redo().expect("redo").expect("redone");
        }
        prop_assert_eq!(doc.workspace(), &end, "redo of the diff != b");
        prop_assert_eq!(&Document::open(&path).expect("reopen").workspace().clone(), &end);
    }
}
