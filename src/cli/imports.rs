//! `klantreis import`, `import-csv`, `import-mermaid` and `export-mermaid`: journeys in from
//! other formats and out as Mermaid.
//!
//! Invariants:
//! - The input is read (and, for CSV and Mermaid, checked whole) before the document is
//!   touched, so a file that does not fit leaves no trace.
//! - An import creates the document when it does not exist yet, as `new` does; when the import
//!   then fails, the document it just made is removed again.

use std::path::{Path, PathBuf};

use klantreis::interchange::{self, csv_import, mermaid};
use klantreis::{Document, Lang};

/// Which import: the input's format and its options.
pub enum Import<'a> {
    Json,
    Csv { journey: Option<&'a str> },
    Mermaid { lang: Lang },
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|x| format!("{}: {x}", path.display()))
}

/// The file name without its extension: the title of a journey made from it.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Import".into())
}

/// Imports `input` into document `file` (created if absent); prints the journey's id.
pub fn run(file: &PathBuf, input: &Path, kind: Import<'_>) -> Result<(), String> {
    let text = read(input)?;
    let name = input.display();
    // Check the input before anything is created.
    match &kind {
        Import::Json => {
            interchange::parse(&text).map_err(|x| format!("{name}: {x}"))?;
        }
        Import::Csv { .. } => {
            csv_import::parse(&text).map_err(|x| format!("{name}: {x}"))?;
        }
        Import::Mermaid { .. } => {
            mermaid::parse(&text).map_err(|x| format!("{name}: {x}"))?;
        }
    }
    let existed = file.exists();
    let mut doc = Document::open_or_create(file).map_err(|x| x.to_string())?;
    let title = stem(input);
    let result = match kind {
        Import::Json => interchange::import(&mut doc, &text).map_err(|x| format!("{name}: {x}")),
        Import::Csv { journey } => {
            let target = match journey {
                Some(id) => csv_import::Target::Journey(id),
                None => csv_import::Target::New { title: &title },
            };
            csv_import::import_csv(&mut doc, &text, target).map_err(|x| match x {
                csv_import::CsvImportError::NoJourney(id) => format!(
                    "no journey with id {id:?}; see `klantreis list {}`",
                    file.display()
                ),
                x => format!("{name}: {x}"),
            })
        }
        Import::Mermaid { lang } => mermaid::import_mermaid(&mut doc, &text, lang, &title)
            .map_err(|x| format!("{name}: {x}")),
    };
    let flagged = result
        .as_ref()
        .ok()
        .and_then(|id| doc.workspace().journey(id))
        .map(klantreis::analysis::funnel::figure_warnings)
        .unwrap_or_default();
    let closed = doc.close().map_err(|x| x.to_string());
    match result {
        Ok(id) => {
            closed?;
            println!("{id}");
            // Figures that cannot be right: the journey was kept with them, each is flagged
            // with its phase (docs/insights.md says why).
            for w in &flagged {
                super::warn(&w.message);
            }
            Ok(())
        }
        Err(msg) => {
            if !existed && closed.is_ok() {
                // Best effort: the document was made for this import only.
                let _ = std::fs::remove_file(file);
            }
            Err(msg)
        }
    }
}

/// `klantreis export-mermaid`: journey `journey` as a Mermaid diagram.
pub fn export_mermaid(file: &Path, journey: &str) -> Result<String, String> {
    let doc = super::open(file)?;
    super::journey(&doc, journey)?;
    let text = mermaid::export_mermaid(doc.workspace(), journey).map_err(|x| x.to_string())?;
    doc.close().map_err(|x| x.to_string())?;
    Ok(text)
}
