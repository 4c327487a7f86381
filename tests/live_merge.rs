//! The live step's merge without a network (`Document::merge_shared_changes`, what
//! `sync_step` calls with the changes the server brought): it reads back only the records the
//! changes reached, so it must end where a whole merge ends; and a hostile peer's changes (a
//! huge text, a flood of data, a field no version knows, a change that fails validation) are
//! repaired or refused with a clear message, the local document staying valid.

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjType, ReadDoc, ScalarValue};
use klantreis::edit::CardPatch;
use klantreis::store::StoreError;
use klantreis::*;

mod common;

/// The changes of `from`'s document of `jid` that `to` lacks: what a live step brings.
fn changes_for(from: &Document, to: &mut Document, jid: &str) -> Vec<automerge::Change> {
    let mut doc =
        AutoCommit::load(&from.shared_doc(jid).expect("doc").expect("shared")).expect("load");
    let heads = to.shared_heads(jid).expect("heads").expect("shared");
    doc.get_changes(&heads)
}

/// `to`'s document plus a change made by `hostile` outside the app: the changes `to` lacks.
fn hostile_changes(
    to: &mut Document,
    jid: &str,
    hostile: impl FnOnce(&mut AutoCommit, automerge::ObjId),
) -> Vec<automerge::Change> {
    let mut doc =
        AutoCommit::load(&to.shared_doc(jid).expect("doc").expect("shared")).expect("load");
    let before = doc.get_heads();
    let cards = doc
        .get(automerge::ROOT, "cards")
        .expect("get")
        .expect("cards")
        .1;
    hostile(&mut doc, cards);
    doc.commit();
    doc.get_changes(&before)
}

#[test]
fn a_live_merge_of_only_the_new_changes_ends_where_a_whole_merge_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut a, mut b, jid) = common::shared_pair(dir.path());
    let j = a.workspace().journey(&jid).expect("journey").clone();
    // A move, a text, a new phase, a deleted card (its links go too), one after another, each
    // brought to B on its own as a live step would.
    // The sample's ids are random, so its first card may sit anywhere: move it to a phase it
    // is not in, or the move changes nothing.
    let elsewhere = j
        .phases
        .iter()
        .rev()
        .find(|p| p.id != j.cards[0].phase_id)
        .expect("another phase")
        .id
        .clone();
    let edits = vec![
        Edit::MoveCards {
            ids: vec![j.cards[0].id.clone()],
            phase_id: elsewhere,
            lane_id: j.cards[0].lane_id.clone(),
            before: None,
        },
        Edit::UpdateCard {
            id: j.cards[1].id.clone(),
            patch: CardPatch {
                text: Some("Nieuwe tekst".into()),
                emotion: Some(Some(-1)),
                ..Default::default()
            },
        },
        Edit::AddPhase {
            journey_id: jid.clone(),
            name: "Nazorg".into(),
            before: None,
            id: Some("phase_nazorg".into()),
        },
        Edit::DeleteCards {
            ids: vec![j.cards[2].id.clone()],
        },
    ];
    for e in &edits {
        a.apply(e).expect("edit on A");
        let changes = changes_for(&a, &mut b, &jid);
        assert!(!changes.is_empty(), "{e:?} makes a change to send");
        b.merge_shared_changes(&jid, changes).expect("live merge");
        assert_eq!(
            b.workspace().journey(&jid),
            a.workspace().journey(&jid),
            "B holds what A holds after {e:?}"
        );
    }
    // And the document B stored reads back whole to the same journey.
    let stored =
        AutoCommit::load(&b.shared_doc(&jid).expect("doc").expect("shared")).expect("load");
    let jb = b.workspace().journey(&jid).expect("journey");
    let h = sync::hydrate(&stored, jb, &b.workspace().personas).expect("read");
    assert_eq!(&h.journey, jb, "records and document agree");
}

#[test]
fn a_huge_text_from_a_peer_is_cut_with_a_note_and_the_cut_travels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_a, mut b, jid) = common::shared_pair(dir.path());
    let card = b.workspace().journey(&jid).expect("j").cards[0].id.clone();
    let huge = "a".repeat(sync::MAX_TEXT_CHARS * 3);
    let changes = hostile_changes(&mut b, &jid, |doc, cards| {
        let c = doc.get(&cards, &card).expect("get").expect("card").1;
        let text = doc.put_object(&c, "text", ObjType::Text).expect("text");
        doc.splice_text(&text, 0, 0, &huge).expect("splice");
    });
    let out = b
        .merge_shared_changes(&jid, changes)
        .expect("repaired, not refused");
    assert!(
        out.notes.iter().any(|n| n.contains("cut to")),
        "the note says so: {:?}",
        out.notes
    );
    let j = b.workspace().journey(&jid).expect("j");
    assert_eq!(
        j.card(&card).expect("card").text.chars().count(),
        sync::MAX_TEXT_CHARS
    );
    j.validate().expect("valid");
    // The cut is in B's document too, so it goes back to the others.
    let stored =
        AutoCommit::load(&b.shared_doc(&jid).expect("doc").expect("shared")).expect("load");
    let h = sync::hydrate(&stored, j, &b.workspace().personas).expect("read");
    assert!(h.notes.is_empty(), "nothing left to repair: {:?}", h.notes);
}

#[test]
fn a_flood_of_data_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_a, mut b, jid) = common::shared_pair(dir.path());
    let card = b.workspace().journey(&jid).expect("j").cards[0].id.clone();
    let before = b.workspace().clone();
    let heads = b.shared_heads(&jid).expect("heads");
    // Bytes that do not compress: the change is as large as they are.
    let mut noise = vec![0u8; sync::MAX_INCOMING + 1024];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for byte in noise.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *byte = x as u8;
    }
    let changes = hostile_changes(&mut b, &jid, |doc, cards| {
        let c = doc.get(&cards, &card).expect("get").expect("card").1;
        doc.put(&c, "attachment", ScalarValue::Bytes(noise))
            .expect("put");
    });
    let err = b
        .merge_shared_changes(&jid, changes)
        .expect_err("too much data");
    assert!(
        matches!(err, StoreError::Sync(sync::SyncError::TooLarge(_))),
        "{err}"
    );
    assert!(err.to_string().contains("refused"), "{err}");
    assert_eq!(b.workspace(), &before, "nothing changed");
    assert_eq!(
        b.shared_heads(&jid).expect("heads"),
        heads,
        "nor the document"
    );
}

#[test]
fn an_unknown_field_is_ignored_and_a_change_that_fails_validation_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_a, mut b, jid) = common::shared_pair(dir.path());
    let j = b.workspace().journey(&jid).expect("j").clone();
    let card = j.cards[0].id.clone();

    // A field no version knows: ignored, the rest of the change taken.
    let changes = hostile_changes(&mut b, &jid, |doc, cards| {
        let c = doc.get(&cards, &card).expect("get").expect("card").1;
        doc.put(&c, "secret_field", "x").expect("put");
        doc.put(&c, "emotion", 2_i64).expect("put");
    });
    b.merge_shared_changes(&jid, changes).expect("merged");
    let after = b.workspace().journey(&jid).expect("j");
    assert_eq!(after.card(&card).expect("card").emotion, Some(2));
    after.validate().expect("valid");

    // An arrow whose id is a card's: no repair rule makes that valid, so it is refused.
    let before = b.workspace().clone();
    let (c0, c1) = (j.cards[0].id.clone(), j.cards[1].id.clone());
    let changes = hostile_changes(&mut b, &jid, |doc, _| {
        let meta = doc
            .get(automerge::ROOT, "journey")
            .expect("get")
            .expect("journey")
            .1;
        let links = doc
            .put_object(&meta, "links", ObjType::List)
            .expect("links");
        let l = doc.insert_object(&links, 0, ObjType::Map).expect("link");
        doc.put(&l, "id", c0.as_str()).expect("put");
        doc.put(&l, "from", c0.as_str()).expect("put");
        doc.put(&l, "to", c1.as_str()).expect("put");
    });
    let err = b.merge_shared_changes(&jid, changes).expect_err("refused");
    assert!(
        err.to_string().contains("not valid"),
        "a clear message: {err}"
    );
    assert_eq!(b.workspace(), &before, "nothing changed");
    b.workspace()
        .journey(&jid)
        .expect("j")
        .validate()
        .expect("still valid");
}
