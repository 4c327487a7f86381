//! The `klantreis` command line, run as a user would: exit codes, output, one-line errors.

use std::process::{Command, Output};

fn klantreis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args(args)
        .output()
        .expect("run klantreis")
}

fn ok(args: &[&str]) -> String {
    let out = klantreis(args);
    assert!(
        out.status.success(),
        "klantreis {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn fails(args: &[&str]) -> String {
    let out = klantreis(args);
    assert!(!out.status.success(), "klantreis {args:?} should fail");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.lines().count(), 1, "one-line error, got {err:?}");
    assert!(err.starts_with("klantreis: "), "{err}");
    err
}

#[test]
fn a_session_from_the_shell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("map.klantreis");
    let doc = doc.to_str().expect("utf-8 path");

    let templates = ok(&["templates", "--lang", "nl"]);
    assert!(templates.contains("five-stages\tVijf fasen"), "{templates}");
    assert_eq!(templates.lines().count(), 5);

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
    assert!(json.contains("Belangenbehartiging"));

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
    ] {
        assert!(help.contains(cmd), "--help lists {cmd}");
    }
}
