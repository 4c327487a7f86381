//! Handlers of the `klantreis` subcommands that have outgrown `main.rs`: one file per family
//! ([`compare`]: two journeys side by side; [`imports`]: JSON, CSV and Mermaid in, Mermaid out;
//! [`pptx`]: the canvas for PowerPoint; [`report`]: the insights report; [`versions`]: snapshots;
//! [`share`]: sharing and merging journeys; [`live`]: the same through a sync server; [`scan`]: reading a photo of the wall; [`meta`]: completions and manual pages), so `main.rs`
//! keeps only the argument definitions and the dispatch.

pub mod compare;
pub mod imports;
pub mod live;
pub mod meta;
pub mod pptx;
pub mod report;
pub mod scan;
pub mod share;
pub mod versions;

use std::path::Path;

use klantreis::{Document, Journey};

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
