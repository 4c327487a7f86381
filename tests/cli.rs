//! The `klantreis` command line, run as a user would: exit codes, output, one-line errors.

mod common;

use std::process::{Command, Output};

use common::*;

#[test]
fn a_session_from_the_shell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("map.klantreis");
    let doc = doc.to_str().expect("utf-8 path");

    let templates = ok(&["templates", "--lang", "nl"]);
    assert!(templates.contains("five-stages\tVijf fasen"), "{templates}");
    assert_eq!(
        templates.lines().count(),
        6,
        "five templates and the service blueprint"
    );

    let id = ok(&[
        "new",
        doc,
        "--template",
        "five-stages",
        "--lang",
        "nl",
        "--title",
        "Fietsplezier",
    ]);
    let id = id.trim();
    assert!(id.starts_with("journey_"), "{id}");

    let list = ok(&["list", doc]);
    assert_eq!(
        list.trim(),
        format!("{id}\tFietsplezier\t5 phases\t6 lanes\t0 cards")
    );

    let json_path = dir.path().join("j.json");
    let json_path = json_path.to_str().expect("utf-8 path");
    ok(&["export-json", doc, "--journey", id, "-o", json_path]);
    let json = std::fs::read_to_string(json_path).expect("exported file");
    assert!(json.contains("\"format\": \"klantreis/1\""));
    assert!(json.contains("Ambassadeurschap"));

    let copy = ok(&["import", doc, json_path]);
    assert_ne!(copy.trim(), id, "imported into the same document: a copy");
    assert_eq!(ok(&["list", doc]).lines().count(), 2);

    assert_eq!(ok(&["undo", doc]).trim(), "create_journey");
    assert_eq!(ok(&["list", doc]).lines().count(), 1);
    assert_eq!(ok(&["redo", doc]).trim(), "create_journey");
    assert_eq!(ok(&["list", doc]).lines().count(), 2);
    fails(&["redo", doc]);

    let stdout = ok(&["export-json", doc, "--journey", id]);
    assert_eq!(stdout, json, "stdout export equals file export");
    assert!(
        !dir.path().join("map.klantreis-wal").exists(),
        "no -wal left behind"
    );
}

#[test]
fn errors_are_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.klantreis");
    std::fs::write(&bad, b"hello, I am not a database").expect("write");
    let bad = bad.to_str().expect("utf-8 path");
    let err = fails(&["list", bad]);
    assert!(err.contains("not a Klantreis document"), "{err}");
    let err = fails(&["new", bad, "--template", "canvas"]);
    assert!(err.contains("not a Klantreis document"), "{err}");
    assert_eq!(
        std::fs::read(bad).expect("read"),
        b"hello, I am not a database",
        "bad file untouched"
    );

    let doc = dir.path().join("ok.klantreis");
    let doc = doc.to_str().expect("utf-8 path");
    let err = fails(&["new", doc, "--template", "nope"]);
    assert!(err.contains("unknown template"), "{err}");
    ok(&["new", doc, "--template", "canvas", "--lang", "en"]);
    let err = fails(&["export-json", doc, "--journey", "journey_missing"]);
    assert!(err.contains("no journey"), "{err}");
    let bad_json = dir.path().join("bad.json");
    std::fs::write(
        &bad_json,
        r#"{"format":"klantreis/1","journey":{"id":"j","title":"x","cards":[{"id":1}]}}"#,
    )
    .expect("write");
    let err = fails(&["import", doc, bad_json.to_str().expect("utf-8")]);
    assert!(err.contains("$.journey"), "path in error: {err}");
}

#[test]
fn help_documents_every_command() {
    let help = ok(&["--help"]);
    for cmd in [
        "templates",
        "new",
        "list",
        "import",
        "export-json",
        "undo",
        "redo",
        "apply",
    ] {
        assert!(help.contains(cmd), "--help lists {cmd}");
    }
}

/// Runs `klantreis apply DOC -` with `json` on standard input.
fn apply_stdin(doc: &str, json: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args(["apply", doc, "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run klantreis");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(json.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

/// Writes `edit` to a file beside the document and applies it; returns stdout.
fn apply_ok(dir: &std::path::Path, doc: &str, edit: &serde_json::Value) -> String {
    let file = dir.join("edit.json");
    std::fs::write(&file, edit.to_string()).expect("write edit");
    ok(&["apply", doc, file.to_str().expect("utf-8")])
}

/// A document with the sample journey: (dir, path, journey id).
fn sample_doc() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("map.klantreis");
    let doc = doc.to_str().expect("utf-8 path").to_string();
    let id = ok(&["sample", &doc, "--lang", "nl"]).trim().to_string();
    (dir, doc, id)
}

fn workspace(doc: &str) -> klantreis::Workspace {
    klantreis::Document::open(doc)
        .expect("open")
        .workspace()
        .clone()
}

/// Every `op` in `docs/edit.schema.json`, i.e. every `Edit` variant.
fn schema_ops() -> std::collections::BTreeSet<String> {
    let schema: serde_json::Value =
        serde_json::from_str(&ok(&["schema", "edit"])).expect("schema is JSON");
    let one_of = schema["$defs"]["Edit"]["oneOf"]
        .as_array()
        .expect("Edit is a oneOf");
    one_of
        .iter()
        .map(|v| {
            v["properties"]["op"]["const"]
                .as_str()
                .expect("each variant has a const op")
                .to_string()
        })
        .collect()
}

#[test]
fn apply_makes_every_kind_of_edit() {
    use serde_json::json;
    let (dir, doc, j) = sample_doc();
    let ws = workspace(&doc);
    let journey = ws.journey(&j).expect("sample");
    let (p0, l0) = (&journey.phases[0].id, &journey.lanes[0].id);
    let card = serde_json::to_value(&journey.cards[0]).expect("card json");

    // (edit, how many ids it prints); in an order where each edit finds what it needs.
    let edits = [
        (
            json!({"op": "create_persona", "persona": {"id": "persona_cli", "name": "Kim"}}),
            1,
        ),
        (
            json!({"op": "update_persona", "persona": {"id": "persona_cli", "name": "Kim J."}}),
            0,
        ),
        (
            json!({"op": "update_journey", "id": j, "patch": {"goal": "Sneller"}}),
            0,
        ),
        (
            json!({"op": "add_phase", "journey_id": j, "name": "Extra", "id": "phase_cli"}),
            1,
        ),
        (
            json!({"op": "update_phase", "id": "phase_cli", "patch": {"duration": "2 dagen"}}),
            0,
        ),
        (
            json!({"op": "move_phase", "id": "phase_cli", "before": p0}),
            0,
        ),
        (
            json!({"op": "add_lane", "journey_id": j, "kind": "thoughts", "title": "Denken",
                "id": "lane_cli"}),
            1,
        ),
        (
            json!({"op": "update_lane", "id": "lane_cli", "patch": {"hint": "Wat denkt ze?"}}),
            0,
        ),
        (
            json!({"op": "move_lane", "id": "lane_cli", "before": null}),
            0,
        ),
        (
            json!({"op": "add_card", "journey_id": j, "phase_id": "phase_cli", "lane_id": "lane_cli",
                "text": "Hallo", "id": "card_cli"}),
            1,
        ),
        (
            json!({"op": "update_card", "id": "card_cli", "patch": {"emotion": 1}}),
            0,
        ),
        (
            json!({"op": "add_link", "from": "card_cli", "to": journey.cards[0].id,
                "label": "terug", "id": "link_cli"}),
            1,
        ),
        (
            json!({"op": "update_link", "id": "link_cli", "label": "later"}),
            0,
        ),
        (json!({"op": "delete_link", "id": "link_cli"}), 0),
        (
            json!({"op": "move_cards", "ids": ["card_cli"], "phase_id": p0, "lane_id": l0,
                "before": null}),
            0,
        ),
        (json!({"op": "duplicate_cards", "ids": ["card_cli"]}), 1),
        (
            json!({"op": "paste_cards", "journey_id": j, "phase_id": p0, "lane_id": l0,
                "cards": [card]}),
            1,
        ),
        (json!({"op": "delete_cards", "ids": ["card_cli"]}), 0),
        (json!({"op": "delete_lane", "id": "lane_cli"}), 0),
        (json!({"op": "delete_phase", "id": "phase_cli"}), 0),
        (
            json!({"op": "duplicate_journey", "id": j, "title": "Kopie", "new_id": "journey_cli"}),
            1 + journey.phases.len() + journey.lanes.len() + journey.cards.len() + 2,
        ),
        (json!({"op": "delete_journey", "id": "journey_cli"}), 0),
        (
            json!({"op": "make_to_be", "id": j, "new_id": "journey_tobe_cli"}),
            1 + journey.phases.len() + journey.lanes.len() + journey.cards.len() + 2,
        ),
        (json!({"op": "delete_journey", "id": "journey_tobe_cli"}), 0),
        (
            json!({"op": "create_journey", "journey": {"id": "journey_leeg", "title": "Leeg"}}),
            1,
        ),
        (json!({"op": "delete_persona", "id": "persona_cli"}), 0),
    ];
    let mut ops = std::collections::BTreeSet::new();
    for (edit, created) in &edits {
        let out = apply_ok(dir.path(), &doc, edit);
        assert_eq!(
            out.lines().count(),
            *created,
            "ids printed by {edit}: {out:?}"
        );
        ops.insert(edit["op"].as_str().expect("op").to_string());
    }
    assert_eq!(
        ops,
        schema_ops(),
        "the examples cover every Edit variant; add one for a new variant"
    );

    let ws = workspace(&doc);
    let journey = ws.journey(&j).expect("sample");
    assert_eq!(journey.meta.goal, "Sneller");
    assert!(ws.persona("persona_cli").is_none(), "deleted last");
    assert!(ws.journey("journey_cli").is_none());
    assert!(ws.journey("journey_leeg").is_some());
    assert!(journey.phase("phase_cli").is_none() && journey.lane("lane_cli").is_none());
    // card_cli was deleted; its duplicate (moved, then copied with the update) stays.
    let copies = journey
        .cell_cards(p0, l0)
        .filter(|c| c.text == "Hallo" && c.emotion == Some(1))
        .count();
    assert_eq!(copies, 1, "the duplicate of card_cli stays");

    // Standard input, and --json.
    let out = apply_stdin(
        &doc,
        &json!({"op": "add_card", "journey_id": j, "phase_id": p0, "lane_id": l0,
                "text": "Via stdin"})
        .to_string(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout).expect("utf-8");
    assert!(id.trim().starts_with("card_"), "{id}");
    let file = dir.path().join("p.json");
    std::fs::write(
        &file,
        json!({"op": "add_phase", "journey_id": j, "name": "Json"}).to_string(),
    )
    .expect("write");
    let out = ok(&["apply", &doc, file.to_str().expect("utf-8"), "--json"]);
    let ids: Vec<String> = serde_json::from_str(&out).expect("a JSON array");
    assert!(ids.len() == 1 && ids[0].starts_with("phase_"), "{out}");
}

#[test]
fn apply_errors_are_one_line_and_leave_the_document_alone() {
    let (dir, doc, j) = sample_doc();
    let before = std::fs::read(&doc).expect("read");
    let cases = [
        ("{\"op\": \"update_card\", \"id\": ", "not valid JSON"),
        (
            r#"{"op": "update_card", "id": "card_nope", "patch": {"emotion": 1}}"#,
            "no card with id \"card_nope\"",
        ),
        (r#"{"op": "paint_it_black"}"#, "paint_it_black"),
        (r#"{"op": "delete_phase"}"#, "missing field `id`"),
        (
            r#"{"op": "update_card", "id": "x", "patch": {"emotion": 1, "mood": 2}}"#,
            "mood",
        ),
        ("[]", "no edits"),
    ];
    let file = dir.path().join("bad.json");
    let file = file.to_str().expect("utf-8");
    for (json, expect) in cases {
        std::fs::write(file, json).expect("write");
        let err = fails(&["apply", &doc, file]);
        assert!(err.contains(expect), "{json}: {err}");
    }
    // A group whose second edit fails saves nothing of the first.
    let group = serde_json::json!([
        {"op": "update_journey", "id": j, "patch": {"title": "Niet bewaard"}},
        {"op": "delete_lane", "id": "lane_nope"}
    ]);
    std::fs::write(file, group.to_string()).expect("write");
    let err = fails(&["apply", &doc, file]);
    assert!(err.contains("edit 2 of 2 (delete_lane)"), "{err}");
    assert!(err.contains("lane_nope"), "{err}");
    fails(&["apply", &doc, "/nonexistent/edit.json"]);
    assert!(
        std::fs::read(&doc).expect("read") == before,
        "failed applies leave the document byte-identical"
    );
}

#[test]
fn undo_after_a_grouped_apply_undoes_the_whole_group() {
    use serde_json::json;
    let (dir, doc, j) = sample_doc();
    let start = workspace(&doc);
    let mut linked = start.journey(&j).expect("j").meta.persona_ids.clone();
    linked.push("persona_new".into());
    let group = json!([
        {"op": "create_persona", "persona": {"id": "persona_new", "name": "Noor"}},
        {"op": "update_journey", "id": j, "patch": {"persona_ids": linked}}
    ]);
    assert_eq!(apply_ok(dir.path(), &doc, &group).trim(), "persona_new");
    let after = workspace(&doc);
    assert_eq!(after.journey(&j).expect("j").meta.persona_ids, linked);

    assert_eq!(ok(&["undo", &doc]).trim(), "create_persona");
    assert_eq!(
        workspace(&doc),
        start,
        "one undo takes back the whole group"
    );
    assert_eq!(ok(&["redo", &doc]).trim(), "create_persona");
    assert_eq!(workspace(&doc), after);
    assert_eq!(ok(&["undo", &doc]).trim(), "create_persona");
    assert_eq!(
        ok(&["undo", &doc]).trim(),
        "create_journey",
        "then the sample"
    );
}

#[test]
fn edit_schema_in_docs_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/edit.schema.json");
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == klantreis::edit::json::schema_json(),
        "docs/edit.schema.json is stale: run `cargo run -- schema edit > docs/edit.schema.json`"
    );
    assert_eq!(ok(&["schema", "edit"]), on_disk);
}
