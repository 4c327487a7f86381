//! `klantreis share` and `klantreis merge`: a journey shared through its Automerge document,
//! and the changes of a copy (another `.klantreis` file, or an Automerge file) merged in.

use std::path::Path;

use klantreis::store::MergeOutcome;

use super::{journey, open};

/// Shares journey `id`; returns its `automerge:` link, and writes the document to `out`.
pub fn share(file: &Path, id: &str, out: Option<&Path>) -> Result<String, String> {
    let mut doc = open(file)?;
    journey(&doc, id)?;
    let shared = doc.share(id).map_err(|x| x.to_string())?;
    if let Some(out) = out {
        let bytes = doc
            .shared_doc(id)
            .map_err(|x| x.to_string())?
            .ok_or("the journey is not shared")?;
        std::fs::write(out, bytes).map_err(|x| format!("{}: {x}", out.display()))?;
    }
    doc.close().map_err(|x| x.to_string())?;
    Ok(shared.url)
}

/// Merges `other` into `file`: a `.klantreis` copy (every journey both share), or an
/// Automerge file into journey `id`. Prints one line per merged journey; the repair's notes go
/// to standard error.
pub fn merge(file: &Path, other: &Path, id: Option<&str>) -> Result<(), String> {
    let mut doc = open(file)?;
    let bytes = std::fs::read(other).map_err(|x| format!("{}: {x}", other.display()))?;
    let outcomes = if bytes.starts_with(b"SQLite format 3\0") {
        let (done, skipped) = doc.merge_file(other).map_err(|x| x.to_string())?;
        for s in skipped {
            eprintln!(
                "journey {} ({}) is not shared in {}: skipped",
                s.journey_id,
                s.url,
                file.display()
            );
        }
        done
    } else {
        let id =
            id.ok_or("an Automerge file needs --journey: the shared journey to merge it into")?;
        journey(&doc, id)?;
        vec![doc
            .merge_shared(id, &bytes)
            .map_err(|x| format!("{}: {x}", other.display()))?]
    };
    doc.close().map_err(|x| x.to_string())?;
    for MergeOutcome {
        journey_id,
        changes,
        notes,
    } in outcomes
    {
        for n in notes {
            eprintln!("{journey_id}: {n}");
        }
        println!("{journey_id}\t{} records changed", changes.changes.len());
    }
    Ok(())
}
