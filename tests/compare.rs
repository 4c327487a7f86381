//! `klantreis compare`, `snapshot`, `snapshots`, `restore` and the version a print takes, run
//! as a user would: the to-be journey made with `apply`, one emotion changed, the comparison
//! read back as JSON and as text; a snapshot, an edit, a restore, checked through the CLI.

mod common;

use std::process::Command;

use common::*;

fn journey_json(doc: &str, id: &str) -> serde_json::Value {
    let text = ok(&["export-json", doc, "--journey", id]);
    serde_json::from_str(&text).expect("json")
}

/// The journey without what every edit or restore bumps.
fn content(mut v: serde_json::Value) -> serde_json::Value {
    let j = v["journey"].as_object_mut().expect("journey");
    j.remove("version");
    j.remove("updated");
    v
}

#[test]
fn compare_the_to_be_journey_after_changing_one_emotion() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("map.klantreis");
    let doc = doc.to_str().expect("utf-8 path");
    let a = ok(&["sample", doc, "--lang", "en"]).trim().to_string();
    let edit = dir.path().join("tobe.json");
    std::fs::write(
        &edit,
        format!(r#"{{"op": "make_to_be", "id": "{a}", "new_id": "journey_tobe"}}"#),
    )
    .expect("write edit");
    let created = ok(&["apply", doc, edit.to_str().expect("path")]);
    assert!(created.lines().any(|l| l == "journey_tobe"), "{created}");

    // The lowest moment of the to-be journey becomes +2.
    let b = journey_json(doc, "journey_tobe");
    let card = b["journey"]["cards"]
        .as_array()
        .expect("cards")
        .iter()
        .filter(|c| c["emotion"].is_i64())
        .min_by_key(|c| c["emotion"].as_i64())
        .expect("a card with an emotion")
        .clone();
    let phase_id = card["phase_id"].as_str().expect("phase");
    let phase_name = b["journey"]["phases"]
        .as_array()
        .expect("phases")
        .iter()
        .find(|p| p["id"] == phase_id)
        .and_then(|p| p["name"].as_str())
        .expect("phase name")
        .to_string();
    let update = format!(
        r#"{{"op": "update_card", "id": "{}", "patch": {{"emotion": 2}}}}"#,
        card["id"].as_str().expect("id")
    );
    let edit2 = dir.path().join("emotion.json");
    std::fs::write(&edit2, update).expect("write");
    ok(&["apply", doc, edit2.to_str().expect("path")]);

    let out = ok(&[
        "compare",
        doc,
        "--journey",
        &a,
        "--with",
        "journey_tobe",
        "--json",
    ]);
    let c: serde_json::Value = serde_json::from_str(&out).expect("json");
    let phases = c["phases"].as_array().expect("phases");
    assert_eq!(phases.len(), 5, "the copy's five phases match by name");
    for p in phases {
        for key in [
            "phase_a",
            "phase_b",
            "emotion_a",
            "emotion_b",
            "only_a",
            "only_b",
        ] {
            assert!(p.get(key).is_some(), "{key} missing in {p}");
        }
    }
    let row = phases
        .iter()
        .find(|p| p["phase_b"]["id"] == phase_id)
        .expect("the changed phase");
    assert!(
        row["emotion_b"]["mean"].as_f64() > row["emotion_a"]["mean"].as_f64(),
        "{row}"
    );
    assert!(row["emotion_a"]["lowest"].is_i64() && row["emotion_b"]["lowest"].is_i64());
    assert_eq!(
        row["only_a"].as_array().map(Vec::len),
        Some(0),
        "same text on both sides"
    );
    let better = c["better"].as_array().expect("better");
    assert!(
        better
            .iter()
            .any(|ch| ch["measure"] == "mean_emotion" && ch["phase"] == phase_name.as_str()),
        "{better:?}"
    );
    assert_eq!(c["worse"].as_array().map(Vec::len), Some(0));

    let text = ok(&["compare", doc, "--journey", &a, "--with", "journey_tobe"]);
    assert!(
        text.contains("Better:") && text.contains(&phase_name),
        "{text}"
    );

    let err = fails(&["compare", doc, "--journey", &a, "--with", "journey_nope"]);
    assert!(err.contains("journey_nope"), "{err}");
}

#[test]
fn snapshot_edit_restore_and_undo_from_the_shell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("v.klantreis");
    let doc = doc.to_str().expect("utf-8 path");
    let id = ok(&["sample", doc, "--lang", "nl"]).trim().to_string();
    let before = journey_json(doc, &id);
    let sid = ok(&["snapshot", doc, "--journey", &id, "--name", "na workshop 1"])
        .trim()
        .to_string();
    assert!(sid.starts_with("snapshot_"), "{sid}");

    let card = before["journey"]["cards"][0]["id"]
        .as_str()
        .expect("card")
        .to_string();
    let edit = dir.path().join("del.json");
    std::fs::write(
        &edit,
        format!(r#"{{"op": "delete_cards", "ids": ["{card}"]}}"#),
    )
    .expect("write");
    ok(&["apply", doc, edit.to_str().expect("path")]);
    let edited = journey_json(doc, &id);
    assert_ne!(content(edited.clone()), content(before.clone()));

    // The version against today: the deleted card is only in the version (A).
    let c: serde_json::Value = serde_json::from_str(&ok(&[
        "compare",
        doc,
        "--journey",
        &id,
        "--snapshot",
        &sid,
        "--json",
    ]))
    .expect("json");
    let only_a: Vec<String> = c["phases"]
        .as_array()
        .expect("phases")
        .iter()
        .flat_map(|p| p["only_a"].as_array().cloned().unwrap_or_default())
        .filter_map(|x| x["id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(only_a, vec![card.clone()], "{c}");

    let list = ok(&["snapshots", doc, "--journey", &id]);
    let line = list.lines().next().expect("one snapshot");
    let fields: Vec<&str> = line.split('\t').collect();
    assert_eq!(fields[0], sid);
    assert_eq!(fields[2], "na workshop 1");
    let cards = before["journey"]["cards"]
        .as_array()
        .map(Vec::len)
        .expect("n");
    assert_eq!(fields[6], format!("{cards} cards"));

    let version = ok(&["restore", doc, "--journey", &id, "--snapshot", &sid]);
    let after = journey_json(doc, &id);
    assert_eq!(content(after.clone()), content(before.clone()), "restored");
    assert_eq!(
        version.trim(),
        after["journey"]["version"].to_string(),
        "prints the new version"
    );
    assert_eq!(ok(&["undo", doc]).trim(), "restore_snapshot");
    assert_eq!(content(journey_json(doc, &id)), content(edited));

    // Printing takes a version named after the print.
    let pdf = dir.path().join("map.pdf");
    ok(&[
        "pdf",
        doc,
        "--journey",
        &id,
        "-o",
        pdf.to_str().expect("path"),
    ]);
    let list = ok(&["snapshots", doc, "--journey", &id]);
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(
        list.lines()
            .nth(1)
            .is_some_and(|l| l.contains("\tA0 geprint ")),
        "{list}"
    );

    let with = ok(&["export-json", doc, "--journey", &id, "--snapshots"]);
    let v: serde_json::Value = serde_json::from_str(&with).expect("json");
    assert_eq!(v["snapshots"].as_array().map(Vec::len), Some(2));
    assert!(journey_json(doc, &id).get("snapshots").is_none());

    let err = fails(&[
        "restore",
        doc,
        "--journey",
        &id,
        "--snapshot",
        "snapshot_nope",
    ]);
    assert!(err.contains("snapshot_nope"), "{err}");
}

/// Runs a tool no one here wrote; its stdout.
fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .expect("poppler-utils and qpdf installed");
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_comparison_prints_as_real_text_on_a3_and_a0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("p.klantreis");
    let doc = doc.to_str().expect("utf-8 path");
    let a = ok(&["sample", doc, "--lang", "en"]).trim().to_string();
    let edit = dir.path().join("tobe.json");
    std::fs::write(
        &edit,
        format!(r#"{{"op": "make_to_be", "id": "{a}", "new_id": "journey_tobe"}}"#),
    )
    .expect("write edit");
    ok(&["apply", doc, edit.to_str().expect("path")]);
    for (paper, width) in [("a3", "1190.55 x 841.89"), ("a0", "3370.39 x 2383.94")] {
        let pdf = dir.path().join(format!("compare-{paper}.pdf"));
        let pdf = pdf.to_str().expect("path");
        ok(&[
            "compare",
            doc,
            "--journey",
            &a,
            "--with",
            "journey_tobe",
            "--paper",
            paper,
            "-o",
            pdf,
        ]);
        let text = tool("pdftotext", &["-layout", pdf, "-"]);
        for want in [
            "Comparison",
            "Better in B",
            "Worse in B",
            "Only in A",
            "(to-be)",
        ] {
            assert!(
                text.contains(want),
                "{paper}: {want:?} in the PDF text:\n{text}"
            );
        }
        let info = tool("pdfinfo", &[pdf]);
        assert!(info.contains(width), "{paper}: page size in {info}");
        tool("qpdf", &["--check", pdf]);
    }
}
