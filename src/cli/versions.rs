//! `klantreis snapshot`, `snapshots` and `restore`: named versions of a journey from the shell.
//! A restore is one undo step (`klantreis undo` takes it back).

use std::path::Path;

use super::{journey, open};

/// Takes a snapshot; prints its id.
pub fn snapshot(file: &Path, id: &str, name: &str) -> Result<(), String> {
    let doc = open(file)?;
    journey(&doc, id)?;
    let info = doc.snapshot(id, name).map_err(|x| x.to_string())?;
    doc.close().map_err(|x| x.to_string())?;
    println!("{}", info.id);
    Ok(())
}

/// Lists the snapshots of a journey, oldest first: id, date, name, version and counts
/// (tab-separated), or as a JSON array.
pub fn list(file: &Path, id: &str, json: bool) -> Result<(), String> {
    let doc = open(file)?;
    journey(&doc, id)?;
    let list = doc.snapshots(id).map_err(|x| x.to_string())?;
    doc.close().map_err(|x| x.to_string())?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&list).map_err(|x| x.to_string())?
        );
        return Ok(());
    }
    for s in list {
        println!(
            "{}\t{}\t{}\tversion {}\t{} phases\t{} lanes\t{} cards",
            s.id, s.created, s.name, s.version, s.phases, s.lanes, s.cards
        );
    }
    Ok(())
}

/// Restores a journey to a snapshot (one undo step); prints the journey's new version.
pub fn restore(file: &Path, id: &str, snapshot: &str) -> Result<(), String> {
    let mut doc = open(file)?;
    journey(&doc, id)?;
    doc.restore_snapshot(id, snapshot).map_err(|x| {
        format!(
            "{x}; see `klantreis snapshots {} --journey {id}`",
            file.display()
        )
    })?;
    let version = journey(&doc, id)?.meta.version;
    doc.close().map_err(|x| x.to_string())?;
    println!("{version}");
    Ok(())
}
