//! Undo/redo as a property: for random sequences of edits (with undos mixed in), undoing
//! everything gives the starting state, redoing everything gives the final state, and the file
//! reopened from disk equals the state in memory at every checkpoint.

use klantreis::edit::{CardPatch, JourneyPatch, PhasePatch};
use klantreis::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Op {
    kind: u8,
    a: usize,
    b: usize,
    c: usize,
}

fn op() -> impl Strategy<Value = Op> {
    (0u8..20, 0usize..1000, 0usize..1000, 0usize..1000).prop_map(|(kind, a, b, c)| Op {
        kind,
        a,
        b,
        c,
    })
}

fn pick<T>(v: &[T], i: usize) -> Option<&T> {
    if v.is_empty() {
        None
    } else {
        v.get(i % v.len())
    }
}

/// Turns an abstract op into a concrete edit valid for the current workspace (or `None`
/// when the op does not apply, e.g. deleting from an empty list).
fn concretise(ws: &Workspace, op: &Op) -> Option<Edit> {
    let j = pick(&ws.journeys, op.a)?;
    let jid = j.meta.id.clone();
    let phase = pick(&j.phases, op.b);
    let lane = pick(&j.lanes, op.c);
    let card = pick(&j.cards, op.b + op.c);
    Some(match op.kind {
        0 | 1 => {
            let (p, l) = (phase?, lane?);
            let cell: Vec<_> = j.cell_cards(&p.id, &l.id).collect();
            Edit::AddCard {
                journey_id: jid,
                phase_id: p.id.clone(),
                lane_id: l.id.clone(),
                text: format!("kaart {} “ë”", op.c),
                colour: None,
                before: if op.kind == 1 {
                    pick(&cell, op.a).map(|c| c.id.clone())
                } else {
                    None
                },
                id: None,
            }
        }
        2 => Edit::UpdateCard {
            id: card?.id.clone(),
            patch: CardPatch {
                text: Some(format!("bewerkt {}", op.a)),
                emotion: Some(Some((op.c % 5) as i8 - 2)),
                impact: Some(op.a.is_multiple_of(2)),
                ..Default::default()
            },
        },
        3 => {
            let (p, l) = (phase?, lane?);
            let mut ids = vec![card?.id.clone()];
            if let Some(other) = pick(&j.cards, op.a) {
                if !ids.contains(&other.id) {
                    ids.push(other.id.clone());
                }
            }
            let before = j
                .cell_cards(&p.id, &l.id)
                .find(|c| !ids.contains(&c.id) && op.a.is_multiple_of(3))
                .map(|c| c.id.clone());
            Edit::MoveCards {
                ids,
                phase_id: p.id.clone(),
                lane_id: l.id.clone(),
                before,
            }
        }
        4 => Edit::DeleteCards {
            ids: vec![card?.id.clone()],
        },
        5 => Edit::DuplicateCards {
            ids: vec![card?.id.clone()],
        },
        6 => Edit::AddPhase {
            journey_id: jid,
            name: format!("Fase {}", op.b),
            before: pick(&j.phases, op.c)
                .filter(|_| op.a.is_multiple_of(2))
                .map(|p| p.id.clone()),
            id: None,
        },
        7 => Edit::MovePhase {
            id: phase?.id.clone(),
            before: pick(&j.phases, op.c)
                .filter(|_| op.a.is_multiple_of(2))
                .map(|p| p.id.clone()),
        },
        8 if j.phases.len() > 1 => Edit::DeletePhase {
            id: phase?.id.clone(),
        },
        9 => Edit::AddLane {
            journey_id: jid,
            kind: LaneKind::ALL[op.b % LaneKind::ALL.len()],
            title: format!("Baan {}", op.c),
            hint: String::new(),
            before: None,
            id: None,
        },
        10 => Edit::MoveLane {
            id: lane?.id.clone(),
            before: pick(&j.lanes, op.a).map(|l| l.id.clone()),
        },
        11 if j.lanes.len() > 1 => Edit::DeleteLane {
            id: lane?.id.clone(),
        },
        12 => Edit::UpdateJourney {
            id: jid,
            patch: JourneyPatch {
                title: Some(format!("Reis {}", op.b)),
                goal: Some("Doel".into()),
                ..Default::default()
            },
        },
        13 => Edit::UpdatePhase {
            id: phase?.id.clone(),
            patch: PhasePatch {
                duration: Some(Some(format!("{} dagen", op.c))),
                data: Some(Some(PhaseData {
                    customers: Some(op.a as u64),
                    drop_off_pct: Some((op.b % 100) as f64),
                    throughput: None,
                })),
                ..Default::default()
            },
        },
        14 => Edit::DuplicateJourney {
            id: jid,
            title: "Kopie".into(),
            new_id: None,
        },
        15 if ws.journeys.len() > 1 => Edit::DeleteJourney { id: jid },
        16 => Edit::PasteCards {
            journey_id: jid,
            phase_id: phase?.id.clone(),
            lane_id: lane?.id.clone(),
            cards: pick(&ws.journeys, op.c)
                .map(|o| o.cards.iter().take(3).cloned().collect())
                .unwrap_or_default(),
            before: None,
        },
        // Links: deleting their cards (kinds 4, 8, 11) must take them along in the same step.
        18 => {
            let from = card?;
            let to = pick(&j.cards, op.a)?;
            if from.id == to.id
                || j.meta
                    .links
                    .iter()
                    .any(|l| l.from == from.id && l.to == to.id)
            {
                return None;
            }
            Edit::AddLink {
                from: from.id.clone(),
                to: to.id.clone(),
                label: format!("via {}", op.c),
                id: None,
            }
        }
        19 => Edit::DeleteLink {
            id: pick(&j.meta.links, op.a)?.id.clone(),
        },
        _ => Edit::CreatePersona {
            persona: Persona {
                name: format!("Persona {}", op.b),
                ..Default::default()
            },
        },
    })
}

fn reopened(doc: &Document) -> Workspace {
    Document::open(doc.path())
        .expect("reopen")
        .workspace()
        .clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn undo_all_restores_start_and_redo_all_restores_end(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.klantreis");
        let mut doc = Document::create(&path).expect("create");
        let (journey, persona) = templates::sample(Lang::Nl);
        doc.apply(&Edit::CreateJourney { journey, personas: vec![persona] }).expect("sample");
        let start = doc.workspace().clone();
        let mut undoable = 0usize;
        for op in &ops {
            if op.kind == 17 && op.a % 4 == 0 {
                // An undo in the middle: the redo branch is dropped by the next edit.
                if undoable > 0 {
                    prop_assert!(doc.undo().expect("undo").is_some());
                    undoable -= 1;
                }
                continue;
            }
            if let Some(edit) = concretise(doc.workspace(), op) {
                let cs = doc.apply(&edit).expect("edit applies");
                if !cs.changes.is_empty() {
                    undoable += 1;
                }
            }
        }
        let end = doc.workspace().clone();
        prop_assert_eq!(&reopened(&doc), &end, "reopened file differs from memory after edits");
        for j in &end.journeys {
            // No link outlives its cards, whatever deleted them.
            prop_assert_eq!(j.validate(), Ok(()), "journey {} after edits", j.meta.id);
        }

        for _ in 0..undoable {
            prop_assert!(doc.undo().expect("undo").is_some());
        }
        prop_assert_eq!(doc.workspace(), &start, "undo all != start");
        prop_assert_eq!(&reopened(&doc), &start, "reopened after undo all != start");

        for _ in 0..undoable {
            prop_assert!(doc.redo().expect("redo").is_some());
        }
        prop_assert_eq!(doc.workspace(), &end, "redo all != end");
        doc.close().expect("close");
        let again = Document::open(&path).expect("reopen after close");
        prop_assert_eq!(again.workspace(), &end, "reopened after redo all != end");
    }
}

#[test]
fn undo_survives_closing_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("u.klantreis");
    let mut doc = Document::create(&path).expect("create");
    let j = templates::build("canvas", Lang::En, Some("Before")).expect("template");
    let id = j.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![],
    })
    .expect("create journey");
    doc.apply(&Edit::UpdateJourney {
        id: id.clone(),
        patch: JourneyPatch {
            title: Some("After".into()),
            ..Default::default()
        },
    })
    .expect("rename");
    doc.close().expect("close");
    assert!(
        !dir.path().join("u.klantreis-wal").exists(),
        "close leaves no -wal file"
    );

    let mut doc = Document::open(&path).expect("reopen");
    assert_eq!(
        doc.undo_entry().expect("entry").map(|e| e.label),
        Some("update_journey".to_string())
    );
    doc.undo().expect("undo");
    assert_eq!(
        doc.workspace().journey(&id).map(|j| j.meta.title.as_str()),
        Some("Before")
    );
    doc.close().expect("close");
    let mut doc = Document::open(&path).expect("reopen");
    doc.redo().expect("redo");
    assert_eq!(
        doc.workspace().journey(&id).map(|j| j.meta.title.as_str()),
        Some("After")
    );
}

#[test]
fn two_processes_editing_one_file_keep_both_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.klantreis");
    let mut a = Document::create(&path).expect("create");
    let j = templates::build("canvas", Lang::Nl, None).expect("template");
    let id = j.meta.id.clone();
    a.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![],
    })
    .expect("create");
    // A second process renames; the first one's view reloads and both edits are kept.
    let mut b = Document::open(&path).expect("second open");
    b.apply(&Edit::UpdateJourney {
        id: id.clone(),
        patch: JourneyPatch {
            title: Some("Door B".into()),
            ..Default::default()
        },
    })
    .expect("edit in b");
    a.apply(&Edit::UpdateJourney {
        id: id.clone(),
        patch: JourneyPatch {
            goal: Some("Door A".into()),
            ..Default::default()
        },
    })
    .expect("edit in a");
    let meta = &a.workspace().journey(&id).expect("journey").meta;
    assert_eq!(
        (meta.title.as_str(), meta.goal.as_str()),
        ("Door B", "Door A")
    );
    assert!(b.refresh().expect("refresh"), "b sees a's commit");
    assert_eq!(b.workspace(), a.workspace());
    a.integrity_check().expect("integrity");
}
