//! Sharing a journey between two real documents without a network: a journey is shared in
//! one file, the file is copied (as it would go by mail or on a USB stick), both copies are
//! edited apart and then merged both ways (`Document::merge_file`). Concurrent typing in one
//! card merges, concurrent moves land in one cell, a card whose phase was deleted elsewhere is
//! repaired the same way on both sides, undo after a merge undoes only one's own edit, and
//! data that is not a shared journey is refused without changing anything.

use std::path::PathBuf;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjType, ReadDoc};
use klantreis::store::{Origin, StoreError};
use klantreis::*;
use proptest::prelude::*;

mod common;
use common::set_text;

struct Pair {
    _dir: tempfile::TempDir,
    a_path: PathBuf,
    b_path: PathBuf,
    a: Document,
    b: Document,
    jid: String,
}

/// Document A with the sample journey, shared; B a copy of A's file.
fn pair() -> Pair {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b, jid) = common::shared_pair(dir.path());
    Pair {
        a,
        b,
        a_path: dir.path().join("a.klantreis"),
        b_path: dir.path().join("b.klantreis"),
        _dir: dir,
        jid,
    }
}

impl Pair {
    fn journey<'a>(&self, doc: &'a Document) -> &'a Journey {
        doc.workspace().journey(&self.jid).expect("journey")
    }

    /// Merges B into A and A into B, and checks that both sides agree and are valid.
    fn merge_both_ways(&mut self) {
        let (done, skipped) = self.a.merge_file(&self.b_path).expect("merge b into a");
        assert_eq!((done.len(), skipped.len()), (1, 0));
        let (done, _) = self.b.merge_file(&self.a_path).expect("merge a into b");
        assert_eq!(done.len(), 1);
        let (ja, jb) = (self.journey(&self.a), self.journey(&self.b));
        assert_eq!(
            ja, jb,
            "both sides hold the same journey after merging both ways"
        );
        ja.validate().expect("the merged journey is valid");
        for d in [&self.a, &self.b] {
            let stored = d.shared_doc(&self.jid).expect("doc").expect("shared");
            let doc = AutoCommit::load(&stored).expect("load");
            let h = sync::hydrate(&doc, self.journey(d), &d.workspace().personas).expect("read");
            assert_eq!(
                &h.journey,
                self.journey(d),
                "the Automerge document agrees with the records"
            );
        }
    }
}

fn card_text(j: &Journey, id: &str) -> String {
    j.card(id).expect("card").text.clone()
}

#[test]
fn concurrent_edits_to_one_cards_text_merge() {
    let mut p = pair();
    let card = p.journey(&p.a).cards[0].clone();
    let words = "ik zoek een product";
    set_text(&mut p.a, &card.id, words);
    p.b.merge_file(&p.a_path).expect("b takes the start text");
    assert_eq!(card_text(p.journey(&p.b), &card.id), words);

    set_text(&mut p.a, &card.id, "ik zoek snel een product");
    set_text(&mut p.b, &card.id, "ik zoek een goed product");
    p.merge_both_ways();
    let merged = card_text(p.journey(&p.a), &card.id);
    assert_eq!(
        merged, "ik zoek snel een goed product",
        "both edits are in the card"
    );
}

#[test]
fn two_concurrent_moves_of_one_card_end_in_one_cell() {
    let mut p = pair();
    let j = p.journey(&p.a).clone();
    let card = j.cards[0].clone();
    let cell_a = (j.phases[1].id.clone(), j.lanes[1].id.clone());
    let cell_b = (j.phases[2].id.clone(), j.lanes[2].id.clone());
    for (doc, (phase, lane)) in [(&mut p.a, &cell_a), (&mut p.b, &cell_b)] {
        doc.apply(&Edit::MoveCards {
            ids: vec![card.id.clone()],
            phase_id: phase.clone(),
            lane_id: lane.clone(),
            before: None,
        })
        .expect("move");
    }
    p.merge_both_ways();
    let moved = p.journey(&p.a).card(&card.id).expect("card").clone();
    let cell = (moved.phase_id.clone(), moved.lane_id.clone());
    assert!(
        cell == cell_a || cell == cell_b,
        "the card is in one of the two cells, not a mix: {cell:?}"
    );
}

#[test]
fn a_card_whose_phase_was_deleted_elsewhere_is_repaired_the_same_way_on_both_sides() {
    let mut p = pair();
    let j = p.journey(&p.a).clone();
    let doomed = j.phases[2].id.clone();
    p.a.apply(&Edit::DeletePhase { id: doomed.clone() })
        .expect("delete phase");
    p.b.apply(&Edit::AddCard {
        journey_id: p.jid.clone(),
        phase_id: doomed.clone(),
        lane_id: j.lanes[0].id.clone(),
        text: "nieuw in de verwijderde fase".into(),
        colour: None,
        before: None,
        id: Some("card_added_in_b".into()),
    })
    .expect("add card");
    p.merge_both_ways();
    let ja = p.journey(&p.a);
    assert!(ja.phase(&doomed).is_none(), "the delete stands");
    let card = ja
        .card("card_added_in_b")
        .expect("the card added in B is kept");
    assert_eq!(
        card.phase_id, ja.phases[0].id,
        "it moved to the first phase"
    );
    assert_eq!(
        p.a.undo_entry().expect("entry").map(|e| e.origin),
        Some(Origin::Local),
        "the merge is not offered to undo"
    );
}

/// One side deletes a card while the other draws an arrow to it: the merged journey would
/// hold a link to nothing, which no journey may. The repair drops the link on both sides.
#[test]
fn a_link_to_a_card_deleted_elsewhere_is_dropped_on_both_sides() {
    let mut p = pair();
    let j = p.journey(&p.a).clone();
    let (from, doomed) = (j.cards[0].id.clone(), j.cards[1].id.clone());
    p.a.apply(&Edit::DeleteCards {
        ids: vec![doomed.clone()],
    })
    .expect("delete card");
    p.b.apply(&Edit::AddLink {
        from: from.clone(),
        to: doomed.clone(),
        label: "terug".into(),
        id: Some("link_in_b".into()),
    })
    .expect("add link");
    assert_eq!(p.journey(&p.b).meta.links.len(), 1);
    p.merge_both_ways();
    for side in [&p.a, &p.b] {
        let j = p.journey(side);
        assert!(j.card(&doomed).is_none(), "the delete stands");
        assert!(j.meta.links.is_empty(), "no link to a deleted card");
        j.validate().expect("a valid journey");
    }
}

#[test]
fn undo_after_a_merge_undoes_only_the_local_edit() {
    let mut p = pair();
    let j = p.journey(&p.a).clone();
    let (mine, theirs) = (j.cards[0].clone(), j.cards[1].clone());
    set_text(&mut p.a, &mine.id, "mijn tekst");
    set_text(&mut p.b, &theirs.id, "hun tekst");
    p.a.merge_file(&p.b_path).expect("merge");
    let ja = p.journey(&p.a);
    assert_eq!(card_text(ja, &theirs.id), "hun tekst");

    let entry = p.a.undo_entry().expect("entry").expect("something to undo");
    assert_eq!(entry.origin, Origin::Local);
    p.a.undo().expect("undo").expect("undone");
    let ja = p.journey(&p.a);
    assert_eq!(
        card_text(ja, &mine.id),
        mine.text,
        "the local edit is undone"
    );
    assert_eq!(
        card_text(ja, &theirs.id),
        "hun tekst",
        "the merged edit stays"
    );
    let next = p.a.undo_entry().expect("entry").expect("older step");
    assert_eq!(
        (next.label.as_str(), next.origin),
        ("create_journey", Origin::Local),
        "the next undo is the older local step, not the merge"
    );
    p.a.redo().expect("redo").expect("redone");
    assert_eq!(card_text(p.journey(&p.a), &mine.id), "mijn tekst");
    p.a.undo().expect("undo").expect("undone again");
    // The undo travels like any edit: B gets its own edit back and A's undone.
    p.b.merge_file(&p.a_path).expect("merge back");
    assert_eq!(card_text(p.journey(&p.b), &mine.id), mine.text);
    assert_eq!(card_text(p.journey(&p.b), &theirs.id), "hun tekst");
}

#[test]
fn two_phases_added_with_the_same_key_show_in_one_order_on_both_sides() {
    let mut p = pair();
    let first = p.journey(&p.a).phases[0].id.clone();
    let second = p.journey(&p.a).phases[1].id.clone();
    for (doc, id) in [(&mut p.a, "phase_from_a"), (&mut p.b, "phase_from_b")] {
        doc.apply(&Edit::AddPhase {
            journey_id: p.jid.clone(),
            name: id.into(),
            before: Some(second.clone()),
            id: Some(id.into()),
        })
        .expect("add phase");
    }
    let (ka, kb) = (
        p.journey(&p.a)
            .phase("phase_from_a")
            .expect("a")
            .order
            .clone(),
        p.journey(&p.b)
            .phase("phase_from_b")
            .expect("b")
            .order
            .clone(),
    );
    assert_eq!(
        ka, kb,
        "both sides chose the same key between the same neighbours"
    );
    p.merge_both_ways();
    let ids: Vec<&str> = p
        .journey(&p.a)
        .phases
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(
        &ids[..4],
        [
            first.as_str(),
            "phase_from_a",
            "phase_from_b",
            second.as_str()
        ]
    );
}

/// `doc` with a change made outside the app: an emotion far out of range, a field no version
/// knows, and a card without its place.
fn hostile(shared: &[u8], card_id: &str) -> Vec<u8> {
    let mut doc = AutoCommit::load(shared).expect("load");
    let cards = match doc.get(automerge::ROOT, "cards").expect("get") {
        Some((_, id)) => id,
        None => panic!("no cards"),
    };
    let card = doc.get(&cards, card_id).expect("get").expect("card").1;
    doc.put(&card, "emotion", 99_i64).expect("put");
    doc.put(&card, "colour", "plaid").expect("put");
    doc.put(&card, "secret_field", "x").expect("put");
    let other = doc
        .put_object(&cards, "card_without_place", ObjType::Map)
        .expect("put");
    doc.put(&other, "text", "zwevend").expect("put");
    doc.commit();
    doc.save()
}

#[test]
fn a_hostile_change_is_repaired_deterministically_and_the_repair_travels() {
    let mut p = pair();
    let card = p.journey(&p.a).cards[0].id.clone();
    let bad = hostile(
        &p.a.shared_doc(&p.jid).expect("doc").expect("shared"),
        &card,
    );
    let out = p.a.merge_shared(&p.jid, &bad).expect("merge");
    assert!(!out.notes.is_empty(), "the repair says what it did");
    let ja = p.journey(&p.a);
    let c = ja.card(&card).expect("card");
    assert_eq!(c.emotion, Some(2), "clamped to the scale");
    assert_eq!(
        c.colour,
        CardColour::default(),
        "a colour that is none falls back"
    );
    let floating = ja.card("card_without_place").expect("kept");
    assert_eq!(
        (floating.phase_id.as_str(), floating.lane_id.as_str()),
        (ja.phases[0].id.as_str(), ja.lanes[0].id.as_str())
    );
    p.b.merge_shared(&p.jid, &bad).expect("merge in b");
    p.merge_both_ways();
}

#[test]
fn nonsense_bytes_give_a_clear_error_and_change_nothing() {
    let mut p = pair();
    let before = p.a.workspace().clone();
    let rows = p.a.history_len().expect("len");
    let stored = p.a.shared_doc(&p.jid).expect("doc");
    let err =
        p.a.merge_shared(&p.jid, b"this is not automerge")
            .expect_err("refused");
    assert!(matches!(err, StoreError::Sync(_)), "{err:?}");
    assert!(
        err.to_string()
            .contains("cannot be read as an Automerge document"),
        "{err}"
    );

    // A valid Automerge document that is no journey.
    let mut other = AutoCommit::new();
    other.put(automerge::ROOT, "todo", "milk").expect("put");
    let err =
        p.a.merge_shared(&p.jid, &other.save())
            .expect_err("refused");
    assert!(err.to_string().contains("no Klantreis journey"), "{err}");

    // A shared journey, but another one (shared apart, with its own history).
    let mut stranger = AutoCommit::new();
    sync::write::init(&mut stranger).expect("init");
    stranger.commit();
    let err =
        p.a.merge_shared(&p.jid, &stranger.save())
            .expect_err("refused");
    assert!(
        err.to_string()
            .contains("does not share this journey's history"),
        "{err}"
    );

    assert_eq!(p.a.workspace(), &before);
    assert_eq!(p.a.history_len().expect("len"), rows);
    assert_eq!(p.a.shared_doc(&p.jid).expect("doc"), stored);
}

#[test]
fn the_copy_is_only_read() {
    let mut p = pair();
    let card = p.journey(&p.b).cards[0].id.clone();
    set_text(&mut p.b, &card, "in b");
    let Pair {
        _dir,
        mut a,
        b,
        b_path,
        ..
    } = p;
    b.close().expect("close");
    let bytes = std::fs::read(&b_path).expect("read");
    let (done, _) = a.merge_file(&b_path).expect("merge");
    assert_eq!(done.len(), 1);
    assert_eq!(
        std::fs::read(&b_path).expect("read"),
        bytes,
        "the copy is byte-identical"
    );
}

#[test]
fn a_copy_without_shared_journeys_merges_nothing() {
    let mut p = pair();
    let plain = p._dir.path().join("plain.klantreis");
    Document::create(&plain)
        .expect("create")
        .close()
        .expect("close");
    let (done, skipped) = p.a.merge_file(&plain).expect("nothing to merge");
    assert!(done.is_empty() && skipped.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn random_bytes_never_change_the_document(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut p = pair();
        let before = p.a.workspace().clone();
        let rows = p.a.history_len().expect("len");
        // Mostly refused; whatever is accepted must leave a valid journey.
        if p.a.merge_shared(&p.jid, &bytes).is_err() {
            prop_assert_eq!(p.a.workspace(), &before);
            prop_assert_eq!(p.a.history_len().expect("len"), rows);
        } else {
            p.journey(&p.a).validate().expect("valid");
        }
    }
}

#[test]
fn the_command_line_shares_and_merges() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (
        dir.path().join("a.klantreis"),
        dir.path().join("b.klantreis"),
    );
    let mut doc = Document::create(&a).expect("create");
    let (j, p) = templates::sample(Lang::En);
    let (jid, card) = (j.meta.id.clone(), j.cards[0].id.clone());
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("sample");
    doc.close().expect("close");
    let cli = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_klantreis"))
            .args(args)
            .output()
            .expect("run klantreis")
    };
    let out = cli(&[
        "share".as_ref(),
        a.as_os_str(),
        "--journey".as_ref(),
        jid.as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("automerge:"));

    std::fs::copy(&a, &b).expect("copy");
    let mut other = Document::open(&b).expect("open b");
    set_text(&mut other, &card, "typed in the copy");
    other.close().expect("close");
    let out = cli(&["merge".as_ref(), a.as_os_str(), b.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with(&format!("{jid}\t")));
    let doc = Document::open(&a).expect("open a");
    assert_eq!(
        card_text(doc.workspace().journey(&jid).expect("j"), &card),
        "typed in the copy"
    );
    doc.close().expect("close");

    let junk = dir.path().join("junk.automerge");
    std::fs::write(&junk, b"\x85\x6f\x4a\x83 not really").expect("write");
    let out = cli(&[
        "merge".as_ref(),
        a.as_os_str(),
        junk.as_os_str(),
        "--journey".as_ref(),
        jid.as_ref(),
    ]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot be read as an Automerge document"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
