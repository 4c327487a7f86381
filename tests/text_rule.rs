//! The one rule for control characters (`model::text`, `docs/interchange.md`): the Mermaid
//! input the fuzzer found (an actor name with NUL, a control byte and a run of lone carriage
//! returns, whose export → import → export listed a persona twice) round-trips; and the same
//! text gives the same stored text through every door: Mermaid, CSV, JSON import, an edit,
//! and a change from a shared journey's peer.

mod common;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjType, ReadDoc};
use base64::Engine;
use klantreis::edit::{CardPatch, PhasePatch};
use klantreis::interchange::csv_import::{self, Target};
use klantreis::interchange::{json, mermaid};
use klantreis::model::text::{multi_line, single_line};
use klantreis::*;
use proptest::prelude::*;

use common::temp_doc;

/// The input of issue 33, as the fuzz target `text_imports` stopped on it.
const REPRODUCER: &str = "am91cm5leQogICAgdGl0bGUgTXkgd29ya2luZyBkYScKICAgIHNlY3Rpb24gR28gdG8gd29yawogICAgICAmYWtlYGtlYHRlYTogNTogTWUAAAAAAAAABm8NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDSB3b3JrOiAxOiBNZWF0CiAgICBzZWN0aW9uIEdvIGhvbWUKICB0ZWE6IDQ6IE1lAAAAAAAAAAZvIHdvcms6IDE6IE1lYXQKICAgIHNlY3Rpb24gR28gaG9tZQogKiAgICIgU2l0IGRvd246IDIK";

/// What the fuzz target checks: a diagram that parses imports, its export parses, and export →
/// import → export gives the same text. Returns the first export.
fn round_trip(text: &str) -> String {
    let (_dir, mut doc) = temp_doc();
    let id = mermaid::import_mermaid(&mut doc, text, Lang::En, "mermaid").expect("import");
    let first = mermaid::export_mermaid(doc.workspace(), &id).expect("export");
    mermaid::parse(&first).expect("the export parses");
    let id2 = mermaid::import_mermaid(&mut doc, &first, Lang::Nl, "x").expect("import again");
    let second = mermaid::export_mermaid(doc.workspace(), &id2).expect("export again");
    assert_eq!(first, second, "export → import → export differs");
    first
}

fn no_controls(s: &str) -> bool {
    !s.chars().any(|c| c < ' ' && c != '\t' && c != '\n')
}

#[test]
fn the_fuzzers_mermaid_input_round_trips() {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(REPRODUCER)
        .expect("base64");
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(text.contains('\0') && text.contains("\r\r\r"), "{text:?}");
    let first = round_trip(&text);
    // A lone CR ends a line, as in the CSV import: the run of them starts a task of its own.
    let (_dir, mut doc) = temp_doc();
    let id = mermaid::import_mermaid(&mut doc, &text, Lang::En, "m").expect("import");
    let ws = doc.workspace();
    let names: Vec<&str> = ws
        .journey(&id)
        .expect("journey")
        .meta
        .persona_ids
        .iter()
        .map(|p| ws.persona(p).expect("persona").name.as_str())
        .collect();
    assert_eq!(names, ["Meo", "Meat", "Meo work: 1: Meat"]);
    assert!(
        first.contains(": Meo, Meat, Meo work∶ 1∶ Meat\n"),
        "{first}"
    );
    assert!(no_controls(&first), "{first:?}");
}

/// Found by `text_imports` after the fix above (the campaign in `docs/reliability.md`): two
/// sections whose names differ only in white space were two phases that the export wrote as
/// one name twice, and the second import made them one. Each section is now a phase of its
/// own (as Mermaid draws them, and as a journey made in the app with two phases of one name
/// needs), so both imports keep both and the round trip is stable.
#[test]
fn sections_that_export_as_one_name_stay_two_phases() {
    let text = "journey\n    title My working day\n    section Go toe My working day\n    \
                section Go to    work\n     $Make tea: 5: Me\n        section Go to work\n \
                \0\0   Make tea: 5: Me\n      Do work: 1:*Me, Cat\n    section  section Go \
                home\n      Sit down: 2\n";
    let first = round_trip(text);
    assert_eq!(first.matches("section Go to work\n").count(), 2, "{first}");
    let (_dir, mut doc) = temp_doc();
    let id = mermaid::import_mermaid(&mut doc, text, Lang::En, "m").expect("import");
    let phases: Vec<String> = doc
        .workspace()
        .journey(&id)
        .expect("j")
        .phases
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(
        phases,
        [
            "Go toe My working day",
            "Go to work",
            "Go to work",
            "section Go home"
        ]
    );
}

#[test]
fn actors_that_export_as_one_name_are_one_persona() {
    // Each pair writes the same in Mermaid; before, each became two personas that the export
    // listed as one name twice, and the second import made them one.
    let text = "journey\n  section S\n    a: 3: A  B, A B, Me: x\n    b: 4: Me∶ x, C\u{1}D, CD\n";
    let first = round_trip(text);
    assert!(first.ends_with("      b: 4: A B, Me∶ x, CD\n"), "{first}");
    let (_dir, mut doc) = temp_doc();
    let id = mermaid::import_mermaid(&mut doc, text, Lang::En, "m").expect("import");
    assert_eq!(
        doc.workspace()
            .journey(&id)
            .expect("j")
            .meta
            .persona_ids
            .len(),
        3
    );
    // A persona already in the document whose name writes the same is reused.
    let again =
        mermaid::import_mermaid(&mut doc, "journey\nsection S\n t: 1: A\tB\n", Lang::En, "m")
            .expect("import");
    assert_eq!(doc.workspace().personas.len(), 3);
    let j = doc.workspace().journey(&again).expect("j");
    assert_eq!(j.meta.persona_ids.len(), 1);
}

#[test]
fn csv_cells_follow_the_rule_and_match_names_as_stored() {
    let (_dir, mut doc) = temp_doc();
    let csv =
        "phase,lane,text\r\"Fase\u{0} 1\",Acties,\"een\rtwee\u{7}\"\rFase 1,\"Ac\r\nties\",drie\r";
    let id =
        csv_import::import_csv(&mut doc, csv, Target::New { title: "t\u{1b}" }).expect("import");
    let j = doc.workspace().journey(&id).expect("journey").clone();
    assert_eq!(j.meta.title, "t");
    let phases: Vec<&str> = j.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(phases, ["Fase 1"], "a NUL does not make a second phase");
    let lanes: Vec<&str> = j.lanes.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(
        lanes,
        ["Acties", "Ac ties"],
        "a line break in a name is a space"
    );
    let texts: Vec<&str> = j.cards.iter().map(|c| c.text.as_str()).collect();
    assert!(
        texts.contains(&"een\ntwee") && texts.contains(&"drie"),
        "{texts:?}"
    );
    // Into the journey it made: the same names are found again, nothing new is made.
    csv_import::import_csv(&mut doc, csv, Target::Journey(&id)).expect("again");
    let j2 = doc.workspace().journey(&id).expect("journey");
    assert_eq!((j2.phases.len(), j2.lanes.len()), (1, 2));
}

/// A document with one journey of one phase, one lane and one card: its ids.
fn one_card() -> (tempfile::TempDir, Document, String, String) {
    let (dir, mut doc) = temp_doc();
    let id = csv_import::import_csv(
        &mut doc,
        "phase,lane,text\nP,L,x\n",
        Target::New { title: "t" },
    )
    .expect("import");
    let card = doc.workspace().journey(&id).expect("j").cards[0].id.clone();
    (dir, doc, id, card)
}

#[test]
fn edits_follow_the_rule_and_an_edit_of_only_controls_changes_nothing() {
    let (_dir, mut doc, id, card) = one_card();
    common::set_text(&mut doc, &card, "a\0b\r\nc\rd");
    let j = doc.workspace().journey(&id).expect("j");
    assert_eq!(j.card(&card).expect("card").text, "ab\nc\nd");
    let phase = j.phases[0].id.clone();
    doc.apply(&Edit::UpdatePhase {
        id: phase.clone(),
        patch: PhasePatch {
            name: Some("Na\r\nzorg\u{8}".into()),
            ..Default::default()
        },
    })
    .expect("rename");
    let j = doc.workspace().journey(&id).expect("j");
    assert_eq!(j.phase(&phase).expect("phase").name, "Na zorg");
    // The same text with a stray control character is the same text: nothing to store.
    let cs = doc
        .apply(&Edit::UpdateCard {
            id: card.clone(),
            patch: CardPatch {
                text: Some("ab\nc\n\u{0}d".into()),
                ..Default::default()
            },
        })
        .expect("update");
    assert!(
        !cs.changes
            .iter()
            .any(|c| matches!(&c.after, Some(edit::Record::Card { .. }))),
        "{cs:?}"
    );
    // And what was stored is what the file holds.
    let path = doc.path().to_path_buf();
    doc.close().expect("close");
    let again = Document::open(&path).expect("open");
    let j = again.workspace().journey(&id).expect("j");
    assert_eq!(j.card(&card).expect("card").text, "ab\nc\nd");
}

#[test]
fn a_json_file_follows_the_rule_and_is_never_refused_for_it() {
    let (_dir, doc, id, _) = one_card();
    let mut file: serde_json::Value =
        serde_json::from_str(&json::export(&doc, &id, false).expect("export")).expect("json");
    file["journey"]["title"] = "Ti\ntel\u{0}".into();
    file["journey"]["cards"][0]["text"] = "a\rb\u{1f}".into();
    file["journey"]["phases"][0]["name"] = "\u{3}".into();
    let (_dir2, mut other) = temp_doc();
    let jid = json::import(&mut other, &file.to_string()).expect("import");
    let j = other.workspace().journey(&jid).expect("j");
    assert_eq!(j.meta.title, "Ti tel");
    assert_eq!(j.cards[0].text, "a\nb");
    assert_eq!(
        j.phases[0].name, "",
        "a name of only controls is empty, not refused"
    );
}

/// `to`'s shared document of `jid` with card `card`'s text typed as `text` by a peer outside
/// the app (no rule of ours applied): the changes `to` lacks.
fn peer_types(to: &mut Document, jid: &str, card: &str, text: &str) -> Vec<automerge::Change> {
    let mut doc =
        AutoCommit::load(&to.shared_doc(jid).expect("doc").expect("shared")).expect("load");
    let before = doc.get_heads();
    let cards = doc
        .get(automerge::ROOT, "cards")
        .expect("get")
        .expect("cards")
        .1;
    let c = doc.get(&cards, card).expect("get").expect("card").1;
    match doc.get(&c, "text").expect("get") {
        Some((automerge::Value::Object(ObjType::Text), t)) => doc.update_text(&t, text),
        _ => doc.put(&c, "text", text),
    }
    .expect("type");
    doc.commit();
    doc.get_changes(&before)
}

#[test]
fn a_peers_text_follows_the_rule_and_the_document_agrees_with_the_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut a, _b, jid) = common::shared_pair(dir.path());
    let card = a.workspace().journey(&jid).expect("j").cards[0].id.clone();
    let changes = peer_types(&mut a, &jid, &card, "van\u{0}\rbuiten");
    a.merge_shared_changes(&jid, changes).expect("merge");
    let j = a.workspace().journey(&jid).expect("j").clone();
    assert_eq!(j.card(&card).expect("card").text, "van\nbuiten");
    let doc = AutoCommit::load(&a.shared_doc(&jid).expect("doc").expect("shared")).expect("load");
    let h = sync::hydrate(&doc, &j, &a.workspace().personas).expect("read");
    assert_eq!(h.journey, j, "the Automerge document reads as the records");
}

/// Text with everything the rule is about: letters, spaces, tabs, NUL and other C0 controls,
/// lone CRs, CR LF, LF, and characters that are not C0 (DEL, NEL, é, ∶).
fn messy() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        4 => prop::sample::select(vec!['a', 'b', 'Z', ' ', 'é', '∶', '\u{7f}', '\u{85}']),
        3 => prop::sample::select(vec!['\0', '\u{1}', '\u{6}', '\u{b}', '\u{1b}', '\u{1f}', '\t']),
        3 => prop::sample::select(vec!['\r', '\n']),
    ];
    prop::collection::vec(c, 0..24).prop_map(|v| v.into_iter().collect())
}

/// The card's text after `text` came in through each door; Mermaid reads one line, so the line
/// breaks are structure there and the text reaches it without them.
fn through_each_door(text: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    // An edit (the app, `klantreis apply`).
    let (_d1, mut doc, id, card) = one_card();
    common::set_text(&mut doc, &card, text);
    let stored = |doc: &Document, jid: &str| {
        doc.workspace().journey(jid).expect("j").cards[0]
            .text
            .clone()
    };
    out.push(("edit", stored(&doc, &id)));
    // JSON import.
    let mut file: serde_json::Value =
        serde_json::from_str(&json::export(&doc, &id, false).expect("export")).expect("json");
    file["journey"]["cards"][0]["text"] = text.into();
    let (_d2, mut other) = temp_doc();
    let jid = json::import(&mut other, &file.to_string()).expect("json import");
    out.push(("json", stored(&other, &jid)));
    // CSV import (a quoted cell).
    let csv = format!("phase,lane,text\nP,L,\"{}\"\n", text.replace('"', "\"\""));
    let (_d3, mut other) = temp_doc();
    let jid = csv_import::import_csv(&mut other, &csv, Target::New { title: "t" }).expect("csv");
    out.push(("csv", stored(&other, &jid)));
    // A shared journey's peer.
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut a, _b, sjid) = common::shared_pair(dir.path());
    let scard = a.workspace().journey(&sjid).expect("j").cards[0].id.clone();
    let changes = peer_types(&mut a, &sjid, &scard, text);
    a.merge_shared_changes(&sjid, changes).expect("merge");
    let j = a.workspace().journey(&sjid).expect("j");
    out.push(("sharing", j.card(&scard).expect("card").text.clone()));
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_stored_the_same_through_every_door(text in messy()) {
        let want = multi_line(&text).into_owned();
        for (door, got) in through_each_door(&text) {
            prop_assert_eq!(&got, &want, "door {}", door);
        }
        // Mermaid: one line (its line breaks are structure), between two letters so that its
        // trimming of a task name does not count; the task becomes the card.
        let line: String = text.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
        let task = format!("x{line}x");
        let (_d, mut doc) = temp_doc();
        let id = mermaid::import_mermaid(&mut doc, &format!("journey\nsection S\n  {task}: 3\n"), Lang::En, "m")
            .expect("mermaid");
        let card = doc.workspace().journey(&id).expect("j").cards[0].text.clone();
        prop_assert_eq!(card, single_line(&task).into_owned(), "door mermaid");
    }

    #[test]
    fn the_rule_is_idempotent_and_leaves_no_control(text in messy()) {
        let m = multi_line(&text).into_owned();
        let s = single_line(&text).into_owned();
        prop_assert_eq!(multi_line(&m).into_owned(), m.clone());
        prop_assert_eq!(single_line(&s).into_owned(), s.clone());
        prop_assert!(no_controls(&m) && !m.contains('\r'));
        prop_assert!(no_controls(&s) && !s.contains('\n'));
    }
}
