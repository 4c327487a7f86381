//! `klantreis report FILE --journey ID [--paper a4|a3] -o report.pdf`: the insights report of
//! one journey as a PDF (A4 or A3 portrait), through the same layout and PDF exporter as the
//! map. Warnings go to stderr; the file is written whole or not at all.

use std::path::Path;

use klantreis::layout::Paper;
use klantreis::{print, Document};

pub fn run(file: &Path, journey: &str, paper: &str, out: &Path) -> Result<(), String> {
    let paper = match paper.to_ascii_lowercase().as_str() {
        "a4" => Paper::A4,
        "a3" => Paper::A3,
        p => return Err(format!("unknown paper {p:?} for the report (use a4 or a3)")),
    };
    let doc = Document::open(file).map_err(|x| x.to_string())?;
    let rendered = print::render_report(&doc, journey, paper)
        .map_err(|x| format!("{x}; see `klantreis list {}`", file.display()))?;
    doc.close().map_err(|x| x.to_string())?;
    for w in &rendered.warnings {
        eprintln!("klantreis: warning: {w}");
    }
    print::write_atomic(out, &rendered.bytes).map_err(|x| x.to_string())
}
