//! Handlers of the `klantreis` subcommands that have outgrown `main.rs`: one file per family
//! ([`compare`]: two journeys side by side; [`imports`]: JSON, CSV and Mermaid in, Mermaid out;
//! [`pptx`]: the canvas for PowerPoint; [`report`]: the insights report; [`versions`]: snapshots;
//! [`share`]: sharing and merging journeys; [`live`]: the same through a sync server; [`scan`]: reading a photo of the wall; [`meta`]: completions and manual pages), so `main.rs`
//! keeps only the dispatch. [`args`] holds the grammar; [`print`]: pdf, svg and scene;
//! [`history`]: apply, undo and redo; [`analysis`]: insights and csv.

pub mod analysis;
pub mod args;
pub mod compare;
pub mod history;
pub mod imports;
pub mod live;
pub mod meta;
pub mod pptx;
pub mod preflight;
pub mod print;
pub mod report;
pub mod scan;
pub mod share;
pub mod versions;

use std::io::Write;
use std::path::{Path, PathBuf};

use klantreis::{Document, Journey, Lang};

/// Opens `file`, or says why not in one line.
pub fn open(file: &Path) -> Result<Document, String> {
    Document::open(file).map_err(|x| x.to_string())
}

/// Journey `id` of `doc`, or an error that points at `klantreis list`.
pub fn journey<'a>(doc: &'a Document, id: &str) -> Result<&'a Journey, String> {
    doc.workspace().journey(id).ok_or_else(|| {
        format!(
            "no journey with id {id:?}; see `klantreis list {}`",
            doc.path().display()
        )
    })
}

pub fn secs(s: u64) -> std::time::Duration {
    std::time::Duration::from_secs(s)
}

pub fn warn(msg: &str) {
    eprintln!("klantreis: warning: {msg}");
}

pub fn lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?} (use nl or en)"))
}

pub fn write_out(out: &Option<PathBuf>, text: &str) -> Result<(), String> {
    match out {
        Some(path) => {
            klantreis::print::write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())
        }
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    }
}
