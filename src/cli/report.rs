//! `klantreis report FILE --journey ID [--paper a4|a3] -o report.pdf`: the insights report of
//! one journey as a PDF (A4 or A3 portrait), through the same layout and PDF exporter as the
//! map. Warnings go to stderr; the file is written whole or not at all. Also
//! `klantreis workshop-report`: the workshop report ([`workshop`]), written the same way.

use std::path::Path;

use klantreis::layout::Paper;
use klantreis::{print, Document};

fn paper_of(paper: &str) -> Result<Paper, String> {
    match paper.to_ascii_lowercase().as_str() {
        "a4" => Ok(Paper::A4),
        "a3" => Ok(Paper::A3),
        p => Err(format!("unknown paper {p:?} for the report (use a4 or a3)")),
    }
}

pub fn run(file: &Path, journey: &str, paper: &str, out: &Path) -> Result<(), String> {
    let paper = paper_of(paper)?;
    let doc = Document::open(file).map_err(|x| x.to_string())?;
    let rendered = print::render_report(&doc, journey, paper)
        .map_err(|x| format!("{x}; see `klantreis list {}`", file.display()))?;
    doc.close().map_err(|x| x.to_string())?;
    for w in &rendered.warnings {
        eprintln!("klantreis: warning: {w}");
    }
    print::write_atomic(out, &rendered.bytes).map_err(|x| x.to_string())
}

/// `klantreis workshop-report FILE --journey ID [--paper a4|a3] [--lang nl|en] -o report.pdf`.
pub fn workshop(
    file: &Path,
    journey: &str,
    paper: &str,
    lang: Option<&str>,
    out: &Path,
) -> Result<(), String> {
    let req = print::WorkshopReportRequest {
        paper: paper_of(paper)?,
        lang: lang.map(super::lang).transpose()?,
        step_times: Vec::new(),
    };
    let doc = Document::open(file).map_err(|x| x.to_string())?;
    let rendered = print::render_workshop_report(&doc, journey, &req)
        .map_err(|x| format!("{x}; see `klantreis list {}`", file.display()))?;
    doc.close().map_err(|x| x.to_string())?;
    for w in &rendered.warnings {
        eprintln!("klantreis: warning: {w}");
    }
    print::write_atomic(out, &rendered.bytes).map_err(|x| x.to_string())
}
