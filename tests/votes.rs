//! Votes on cards and the voting round, through `klantreis apply` as a script would: set, undo
//! and redo; the JSON round trip (absent when zero); the budget warning and the "most votes"
//! list in `klantreis insights`.

mod common;

use common::*;
use serde_json::Value;

/// A document with the five-stages template and three cards; returns the journey id and the
/// card ids.
fn setup(doc: &str, dir: &std::path::Path) -> (String, Vec<String>) {
    let id = ok(&[
        "new",
        doc,
        "--template",
        "five-stages",
        "--lang",
        "en",
        "--title",
        "Votes",
    ]);
    let id = id.trim().to_string();
    let json: Value =
        serde_json::from_str(&ok(&["export-json", doc, "--journey", &id])).expect("json");
    let phase = json["journey"]["phases"][1]["id"].as_str().expect("phase");
    let lane = json["journey"]["lanes"][0]["id"].as_str().expect("lane");
    let cards = ["Waiting on hold", "Form asks twice", "Friendly driver"];
    let edits: Vec<Value> = cards
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::json!({"op": "add_card", "journey_id": id, "phase_id": phase,
                "lane_id": lane, "text": t, "id": format!("card_v{i}")})
        })
        .collect();
    let path = dir.join("cards.json");
    std::fs::write(&path, serde_json::to_string(&edits).expect("json")).expect("write");
    ok(&["apply", doc, path.to_str().expect("utf-8")]);
    (id, (0..3).map(|i| format!("card_v{i}")).collect())
}

fn apply(doc: &str, dir: &std::path::Path, edit: Value) -> String {
    let path = dir.join("edit.json");
    std::fs::write(&path, edit.to_string()).expect("write");
    ok(&["apply", doc, path.to_str().expect("utf-8")])
}

fn journey(doc: &str, id: &str) -> Value {
    let json: Value =
        serde_json::from_str(&ok(&["export-json", doc, "--journey", id])).expect("json");
    json["journey"].clone()
}

fn votes_of(j: &Value, card: &str) -> Option<u64> {
    let c = j["cards"]
        .as_array()
        .expect("cards")
        .iter()
        .find(|c| c["id"] == card)
        .expect("card");
    c.get("votes").map(|v| v.as_u64().expect("a count"))
}

#[test]
fn votes_are_an_edit_undone_and_redone_and_absent_when_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("map.klantreis");
    let doc = doc.to_str().expect("utf-8");
    let (id, cards) = setup(doc, dir.path());
    assert_eq!(
        votes_of(&journey(doc, &id), &cards[0]),
        None,
        "absent at zero"
    );

    apply(
        doc,
        dir.path(),
        serde_json::json!({"op": "update_card", "id": cards[0], "patch": {"votes": 5}}),
    );
    assert_eq!(votes_of(&journey(doc, &id), &cards[0]), Some(5));
    assert_eq!(ok(&["undo", doc]).trim(), "update_card");
    assert_eq!(votes_of(&journey(doc, &id), &cards[0]), None, "undone");
    assert_eq!(ok(&["redo", doc]).trim(), "update_card");
    assert_eq!(votes_of(&journey(doc, &id), &cards[0]), Some(5), "redone");

    // Back to zero: the field leaves the JSON again.
    apply(
        doc,
        dir.path(),
        serde_json::json!({"op": "update_card", "id": cards[0], "patch": {"votes": 0}}),
    );
    assert_eq!(votes_of(&journey(doc, &id), &cards[0]), None);

    // A negative count is refused in one line, and the document stays as it was.
    let before = ok(&["export-json", doc, "--journey", &id]);
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        serde_json::json!({"op": "update_card", "id": cards[1], "patch": {"votes": -2}})
            .to_string(),
    )
    .expect("write");
    fails(&["apply", doc, bad.to_str().expect("utf-8")]);
    assert_eq!(ok(&["export-json", doc, "--journey", &id]), before);
}

#[test]
fn votes_and_the_round_survive_the_json_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("map.klantreis");
    let doc = doc.to_str().expect("utf-8");
    let (id, cards) = setup(doc, dir.path());
    apply(
        doc,
        dir.path(),
        serde_json::json!([
            {"op": "update_card", "id": cards[1], "patch": {"votes": 7}},
            {"op": "update_journey", "id": id,
             "patch": {"voting": {"participants": 4, "cap_per_card": 3}}},
        ]),
    );
    let out = dir.path().join("j.json");
    let out = out.to_str().expect("utf-8");
    ok(&["export-json", doc, "--journey", &id, "-o", out]);
    let other = dir.path().join("other.klantreis");
    let other = other.to_str().expect("utf-8");
    let copy = ok(&["import", other, out]);
    let j = journey(other, copy.trim());
    assert_eq!(votes_of(&j, &cards[1]), Some(7));
    assert_eq!(
        j["voting"],
        serde_json::json!({"participants": 4, "dots_per_person": 3, "cap_per_card": 3}),
        "the default of three dots is written out"
    );
}

#[test]
fn insights_rank_by_votes_and_warn_when_the_budget_is_not_met() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("map.klantreis");
    let doc = doc.to_str().expect("utf-8");
    let (id, cards) = setup(doc, dir.path());
    // Three participants with two dots each: a budget of 6. Given: 4 + 1 = 5, one short, and
    // one card over the cap of 3.
    apply(
        doc,
        dir.path(),
        serde_json::json!([
            {"op": "update_journey", "id": id,
             "patch": {"voting": {"participants": 3, "dots_per_person": 2, "cap_per_card": 3}}},
            {"op": "update_card", "id": cards[2], "patch": {"votes": 1}},
            {"op": "update_card", "id": cards[1], "patch": {"votes": 4}},
        ]),
    );
    let ins: Value =
        serde_json::from_str(&ok(&["insights", doc, "--journey", &id, "--json"])).expect("json");
    let v = &ins["votes"];
    assert_eq!(v["budget"], 6);
    assert_eq!(v["given"], 5);
    let most: Vec<(&str, u64)> = v["most"]
        .as_array()
        .expect("most")
        .iter()
        .map(|c| {
            (
                c["card_id"].as_str().expect("id"),
                c["votes"].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(most, [(cards[1].as_str(), 4), (cards[2].as_str(), 1)]);
    let codes: Vec<&str> = ins["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| w["code"].as_str().expect("code"))
        .collect();
    assert!(codes.contains(&"votes_under_budget"), "{codes:?}");
    assert!(codes.contains(&"votes_over_cap"), "{codes:?}");
    let text = ok(&["insights", doc, "--journey", &id]);
    assert!(
        text.contains("5 dots were given, 1 fewer than the round's 6 (3 participants × 2 dots)"),
        "{text}"
    );
    assert!(text.contains("Most votes"), "{text}");

    // The budget met exactly and no card over the cap: no vote warnings.
    apply(
        doc,
        dir.path(),
        serde_json::json!([
            {"op": "update_card", "id": cards[1], "patch": {"votes": 3}},
            {"op": "update_card", "id": cards[0], "patch": {"votes": 2}},
        ]),
    );
    let ins: Value =
        serde_json::from_str(&ok(&["insights", doc, "--journey", &id, "--json"])).expect("json");
    assert_eq!(ins["votes"]["given"], 6);
    let vote_warnings = ins["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter(|w| w["code"].as_str().is_some_and(|c| c.starts_with("votes")))
        .count();
    assert_eq!(vote_warnings, 0, "{}", ins["warnings"]);
}

#[test]
fn a_bad_round_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("map.klantreis");
    let doc = doc.to_str().expect("utf-8");
    let (id, _) = setup(doc, dir.path());
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        serde_json::json!({"op": "update_journey", "id": id,
            "patch": {"voting": {"participants": 0}}})
        .to_string(),
    )
    .expect("write");
    let err = fails(&["apply", doc, bad.to_str().expect("utf-8")]);
    assert!(err.contains("at least one participant"), "{err}");
    assert!(journey(doc, &id).get("voting").is_none());
}
