//! Links between cards (non-linear journeys): made, relabelled and deleted by edits, checked
//! (one journey, no self link), deleted with their cards in the same undo step, undone and
//! redone through the history, copied with new ids by "make the to-be journey", kept by the
//! JSON interchange (and older files without links still import), and drawn as arrows.

use klantreis::edit::{Edit, EditError};
use klantreis::interchange::json as ijson;
use klantreis::layout::{layout, Item, LayoutOptions, RecordKind};
use klantreis::store::StoreError;
use klantreis::*;

fn sample_doc(path: &std::path::Path) -> (Document, String) {
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

/// Two cards of the journey: one in the first phase and one in the last.
fn ends(doc: &Document, jid: &str) -> (String, String) {
    let j = doc.workspace().journey(jid).expect("journey");
    let first = &j.phases[0].id;
    let last = &j.phases[j.phases.len() - 1].id;
    let a = j.cards.iter().find(|c| &c.phase_id == first).expect("card");
    let b = j.cards.iter().find(|c| &c.phase_id == last).expect("card");
    (a.id.clone(), b.id.clone())
}

fn links(doc: &Document, jid: &str) -> Vec<Link> {
    doc.workspace()
        .journey(jid)
        .expect("journey")
        .meta
        .links
        .clone()
}

fn add(from: &str, to: &str, label: &str, id: &str) -> Edit {
    Edit::AddLink {
        from: from.into(),
        to: to.into(),
        label: label.into(),
        id: Some(id.into()),
    }
}

#[test]
fn a_link_is_added_relabelled_deleted_and_each_step_undoes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("l.klantreis");
    let (mut doc, jid) = sample_doc(&path);
    let (a, b) = ends(&doc, &jid);
    let cs = doc
        .apply(&add(&a, &b, " slaat over ", "link_1"))
        .expect("add");
    assert_eq!(
        cs.created_ids(),
        vec!["link_1".to_string()],
        "the new link's id is reported"
    );
    let l = &links(&doc, &jid)[0];
    assert_eq!(
        (l.from.as_str(), l.to.as_str(), l.label.as_str()),
        (a.as_str(), b.as_str(), "slaat over")
    );

    doc.apply(&Edit::UpdateLink {
        id: "link_1".into(),
        label: "na een klacht".into(),
    })
    .expect("relabel");
    assert_eq!(links(&doc, &jid)[0].label, "na een klacht");
    doc.apply(&Edit::DeleteLink {
        id: "link_1".into(),
    })
    .expect("delete");
    assert!(links(&doc, &jid).is_empty());

    doc.undo().expect("undo delete");
    assert_eq!(links(&doc, &jid)[0].label, "na een klacht");
    doc.undo().expect("undo relabel");
    assert_eq!(links(&doc, &jid)[0].label, "slaat over");
    doc.undo().expect("undo add");
    assert!(links(&doc, &jid).is_empty());
    doc.redo().expect("redo add");
    assert_eq!(links(&doc, &jid).len(), 1);

    // The file holds what memory holds.
    drop(doc);
    let doc = Document::open(&path).expect("reopen");
    assert_eq!(links(&doc, &jid)[0].id, "link_1");
}

#[test]
fn links_join_two_different_cards_of_one_journey() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut doc, jid) = sample_doc(&dir.path().join("v.klantreis"));
    let (a, b) = ends(&doc, &jid);
    let invalid = |r: Result<_, StoreError>| match r {
        Err(StoreError::Edit(EditError::Invalid(m))) => m,
        other => panic!("expected an invalid edit, got {other:?}"),
    };
    let m = invalid(doc.apply(&add(&a, &a, "", "self")));
    assert!(m.contains("itself"), "{m}");

    // A card of another journey.
    let (other, p) = templates::sample(Lang::En);
    let oid = other.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: other,
        personas: vec![p],
    })
    .expect("second");
    let (c, _) = ends(&doc, &oid);
    let m = invalid(doc.apply(&add(&a, &c, "", "across")));
    assert!(m.contains("another journey"), "{m}");

    match doc.apply(&add(&a, "card_nope", "", "x")) {
        Err(StoreError::Edit(EditError::NotFound { kind: "card", .. })) => {}
        other => panic!("expected card not found, got {other:?}"),
    }
    doc.apply(&add(&a, &b, "", "link_1")).expect("first");
    let m = invalid(doc.apply(&add(&a, &b, "", "link_2")));
    assert!(m.contains("already"), "{m}");
    match doc.apply(&Edit::DeleteLink {
        id: "link_nope".into(),
    }) {
        Err(StoreError::Edit(EditError::NotFound { kind: "link", .. })) => {}
        other => panic!("expected link not found, got {other:?}"),
    }
}

#[test]
fn deleting_a_card_deletes_its_links_in_the_same_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut doc, jid) = sample_doc(&dir.path().join("d.klantreis"));
    let (a, b) = ends(&doc, &jid);
    doc.apply(&add(&a, &b, "vooruit", "link_f"))
        .expect("forward");
    doc.apply(&add(&b, &a, "terug", "link_b")).expect("back");
    let before = doc.workspace().clone();

    doc.apply(&Edit::DeleteCards {
        ids: vec![b.clone()],
    })
    .expect("delete card");
    assert!(links(&doc, &jid).is_empty(), "both links touched the card");
    doc.undo().expect("one undo");
    assert_eq!(
        doc.workspace(),
        &before,
        "one undo brings back the card and its links"
    );

    // Deleting the phase that holds a card takes the card's links too.
    let phase = doc
        .workspace()
        .journey(&jid)
        .expect("j")
        .card(&a)
        .expect("a")
        .phase_id
        .clone();
    doc.apply(&Edit::DeletePhase { id: phase })
        .expect("delete phase");
    assert!(links(&doc, &jid).is_empty());
    doc.undo().expect("undo");
    assert_eq!(doc.workspace(), &before);
    doc.workspace()
        .journey(&jid)
        .expect("j")
        .validate()
        .expect("valid after undo");
}

#[test]
fn copies_of_a_journey_keep_their_links_on_their_own_cards() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut doc, jid) = sample_doc(&dir.path().join("c.klantreis"));
    let (a, b) = ends(&doc, &jid);
    doc.apply(&add(&b, &a, "terug", "link_b")).expect("link");
    doc.apply(&Edit::MakeToBe {
        id: jid.clone(),
        title: String::new(),
        new_id: Some("journey_tobe".into()),
    })
    .expect("to-be");
    let copy = doc
        .workspace()
        .journey("journey_tobe")
        .expect("copy")
        .clone();
    copy.validate().expect("the copy is valid");
    let l = &copy.meta.links[0];
    assert_ne!(l.id, "link_b", "a new id");
    assert!(
        copy.card(&l.from).is_some() && copy.card(&l.to).is_some(),
        "on the copy's cards"
    );
    assert_eq!(l.label, "terug");
}

#[test]
fn the_interchange_keeps_links_and_reads_files_without_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut doc, jid) = sample_doc(&dir.path().join("i.klantreis"));
    let (a, b) = ends(&doc, &jid);
    doc.apply(&add(&a, &b, "slaat over", "link_1"))
        .expect("link");
    let text = ijson::export(&doc, &jid, false).expect("export");
    assert!(text.contains("\"links\""), "links are in the file");

    let mut fresh = Document::create(dir.path().join("fresh.klantreis")).expect("create");
    let id = ijson::import(&mut fresh, &text).expect("import");
    assert_eq!(links(&fresh, &id), links(&doc, &jid));
    assert_eq!(
        ijson::export(&fresh, &id, false).expect("export"),
        text,
        "round trip"
    );

    // Into the same document: new ids, links follow their cards.
    let id2 = ijson::import(&mut doc, &text).expect("import again");
    let copy = doc.workspace().journey(&id2).expect("copy");
    copy.validate().expect("valid");
    assert_ne!(copy.meta.links[0].id, "link_1");

    // A file written before links existed.
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["journey"]
        .as_object_mut()
        .expect("object")
        .remove("links");
    let mut older = Document::create(dir.path().join("older.klantreis")).expect("create");
    let id3 = ijson::import(&mut older, &v.to_string()).expect("an older file imports");
    assert!(links(&older, &id3).is_empty());

    // A link to a card that is not in the file is refused with its path.
    v["journey"]["links"] = serde_json::json!([{"id": "l", "from": a, "to": "card_gone"}]);
    let err = ijson::parse(&v.to_string()).expect_err("dangling link");
    assert!(err.to_string().contains("$.journey.links[0].to"), "{err}");
}

#[test]
fn links_are_drawn_as_arrows_a_loop_back_unlike_a_jump_forward() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut doc, jid) = sample_doc(&dir.path().join("s.klantreis"));
    let (a, b) = ends(&doc, &jid);
    let plain = layout(
        doc.workspace().journey(&jid).expect("j"),
        &doc.workspace().personas,
        &LayoutOptions::default(),
    );
    doc.apply(&add(&a, &b, "slaat over", "link_f"))
        .expect("forward");
    doc.apply(&add(&b, &a, "komt terug", "link_b"))
        .expect("back");
    let ws = doc.workspace();
    let scene = layout(
        ws.journey(&jid).expect("j"),
        &ws.personas,
        &LayoutOptions::default(),
    );
    let of = |id: &str| -> Vec<&Item> {
        scene
            .items
            .iter()
            .filter(|i| {
                i.target()
                    .is_some_and(|t| t.kind == RecordKind::Link && t.id == id)
            })
            .collect()
    };
    let stroke = |items: &[&Item]| -> (String, usize) {
        items
            .iter()
            .find_map(|i| match i {
                Item::Path {
                    stroke: Some(s),
                    fill: None,
                    ..
                } => Some((s.colour.clone(), s.dash.len())),
                _ => None,
            })
            .expect("an arrow line")
    };
    let (f, bk) = (of("link_f"), of("link_b"));
    assert!(
        f.len() >= 3 && bk.len() >= 3,
        "line, head and label each: {f:?}"
    );
    assert_ne!(
        stroke(&f),
        stroke(&bk),
        "a loop back looks unlike a jump forward"
    );
    let labels: Vec<&str> = scene
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                lines,
                target: Some(t),
                ..
            } if t.kind == RecordKind::Link => Some(lines[0].text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(labels, vec!["slaat over", "komt terug"]);
    // Arrows are drawn over the cards and change nothing else.
    assert_eq!(scene.items.len(), plain.items.len() + f.len() + bk.len());
}

#[test]
fn a_snapshot_keeps_the_links_and_restoring_it_brings_them_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut doc, jid) = sample_doc(&dir.path().join("n.klantreis"));
    let (a, b) = ends(&doc, &jid);
    doc.apply(&add(&b, &a, "terug", "link_b")).expect("link");
    let snap = doc.snapshot(&jid, "met lus").expect("snapshot");
    doc.apply(&Edit::DeleteCards {
        ids: vec![a.clone()],
    })
    .expect("delete the card");
    assert!(links(&doc, &jid).is_empty());
    doc.restore_snapshot(&jid, &snap.id).expect("restore");
    let l = &links(&doc, &jid)[0];
    assert_eq!(
        (l.id.as_str(), l.from.as_str(), l.to.as_str()),
        ("link_b", b.as_str(), a.as_str())
    );
    doc.workspace()
        .journey(&jid)
        .expect("j")
        .validate()
        .expect("valid");
}
