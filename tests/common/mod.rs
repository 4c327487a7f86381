//! What the integration tests share: running the command-line tool as a user would, reading
//! PDFs back with poppler and qpdf, and a fresh document in a temporary folder. Each test file
//! that needs them says `mod common;`; not every file uses every helper.
#![allow(dead_code)]

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
