//! What the integration tests share: running the command-line tool as a user would, reading
//! PDFs back with poppler and qpdf, and a fresh document in a temporary folder. Each test file
//! that needs them says `mod common;`; not every file uses every helper.
#![allow(dead_code)]

pub mod journeys;

use std::path::Path;
use std::process::{Command, Output};

use klantreis::Document;

/// The command-line tool of this build.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_klantreis")
}

/// `klantreis ARGS`, whatever its outcome.
pub fn klantreis(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .output()
        .expect("run klantreis")
}

/// `klantreis ARGS`, which must succeed: its standard output.
pub fn ok(args: &[&str]) -> String {
    let out = klantreis(args);
    assert!(
        out.status.success(),
        "klantreis {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// `klantreis ARGS`, which must fail with one line on standard error that starts with
/// "klantreis: ": that line.
pub fn fails(args: &[&str]) -> String {
    let out = klantreis(args);
    assert!(!out.status.success(), "klantreis {args:?} should fail");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.lines().count(), 1, "one-line error, got {err:?}");
    assert!(err.starts_with("klantreis: "), "{err}");
    err
}

/// Runs `cmd`, which must succeed.
pub fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?} cannot start: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The standard output of `cmd`, which must succeed.
pub fn stdout(cmd: &mut Command) -> String {
    String::from_utf8_lossy(&run(cmd).stdout).into_owned()
}

/// `s` with every run of whitespace made one space (pdftotext breaks lines where the layout
/// wrapped them).
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number of pages, by pdfinfo.
pub fn pages(pdf: &Path) -> usize {
    let info = stdout(Command::new("pdfinfo").arg(pdf));
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// "W x H pts" of every page, by pdfinfo.
pub fn page_sizes(pdf: &Path) -> Vec<String> {
    let info = stdout(
        Command::new("pdfinfo")
            .args(["-f", "1", "-l", "999"])
            .arg(pdf),
    );
    info.lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .filter_map(|l| l.split_once("size:").map(|x| x.1.trim().to_string()))
        .collect()
}

/// qpdf finds nothing wrong in the file.
pub fn qpdf_check(pdf: &Path) {
    run(Command::new("qpdf").arg("--check").arg(pdf));
}

/// A new, empty document in a temporary folder (kept as long as the folder is).
pub fn temp_doc() -> (tempfile::TempDir, Document) {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = Document::create(dir.path().join("m.klantreis")).expect("create");
    (dir, doc)
}

/// A new document at `path` holding the Dutch sample journey, shared: the document and the
/// journey's id. The link it was shared under is an `automerge:` link.
pub fn shared_sample(path: &Path) -> (Document, String, String) {
    let mut doc = Document::create(path).expect("create");
    let (j, p) = klantreis::templates::sample(klantreis::Lang::Nl);
    let jid = j.meta.id.clone();
    doc.apply(&klantreis::Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("sample");
    let shared = doc.share(&jid).expect("share");
    assert!(shared.url.starts_with("automerge:"), "{}", shared.url);
    (doc, jid, shared.url)
}

/// Two documents that share one journey, as two people who each hold a copy: A (`a.klantreis`
/// in `dir`) made by `shared_sample`, B (`b.klantreis`) a copy of A's file. Both open, and the
/// journey's id.
pub fn shared_pair(dir: &Path) -> (Document, Document, String) {
    let (a_path, b_path) = (dir.join("a.klantreis"), dir.join("b.klantreis"));
    let (a, jid, _) = shared_sample(&a_path);
    a.close().expect("close");
    std::fs::copy(&a_path, &b_path).expect("copy");
    (
        Document::open(&a_path).expect("open a"),
        Document::open(&b_path).expect("open b"),
        jid,
    )
}

/// Sets card `id`'s text, as the app's text field does.
pub fn set_text(doc: &mut Document, id: &str, text: &str) {
    doc.apply(&klantreis::Edit::UpdateCard {
        id: id.into(),
        patch: klantreis::edit::CardPatch {
            text: Some(text.into()),
            ..Default::default()
        },
    })
    .expect("update card");
}

/// Moves card `id` to the end of cell (`phase`, `lane`), as a drag does.
pub fn move_card(doc: &mut Document, id: &str, phase: &str, lane: &str) {
    doc.apply(&klantreis::Edit::MoveCards {
        ids: vec![id.into()],
        phase_id: phase.into(),
        lane_id: lane.into(),
        before: None,
    })
    .expect("move");
}
