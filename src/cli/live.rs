//! `klantreis share --server`, `join` and `sync`: shared journeys through a sync server
//! (`klantreis::sync::live`). Each command opens the file, connects, does its one round and
//! closes; a server that cannot be reached within the timeout is a clear error and the file
//! keeps every change for the next round.

use std::path::Path;
use std::time::Duration;

use klantreis::sync::live::{doc_id_of_link, server_url, unencrypted_warning, Live};

use super::open;

fn connect(server: &str) -> Result<Live, String> {
    if let Some(warning) = server_url(server)
        .ok()
        .as_ref()
        .and_then(unencrypted_warning)
    {
        eprintln!("klantreis: warning: {warning}");
    }
    Live::connect(server).map_err(|x| x.to_string())
}

/// Sends shared journey `id` of `file` to `server` and waits until the server holds it.
pub fn share(file: &Path, id: &str, server: &str, timeout: Duration) -> Result<(), String> {
    let doc = open(file)?;
    let mut live = connect(server)?;
    let shared = doc
        .shared_journeys()
        .map_err(|x| x.to_string())?
        .into_iter()
        .find(|s| s.journey_id == id)
        .ok_or("the journey is not shared")?;
    let bytes = doc
        .shared_doc(id)
        .map_err(|x| x.to_string())?
        .ok_or("the journey is not shared")?;
    live.wait_connected(timeout).map_err(|x| x.to_string())?;
    live.push(&shared.doc_id, &bytes)
        .map_err(|x| x.to_string())?;
    live.settle(&shared.doc_id, timeout)
        .map_err(|x| x.to_string())?;
    doc.close().map_err(|x| x.to_string())
}

/// Fetches the journey `link` names from `server`, adds it to `file` and prints its id.
pub fn join(file: &Path, link: &str, server: &str, timeout: Duration) -> Result<(), String> {
    let doc_id = doc_id_of_link(link).map_err(|x| x.to_string())?;
    let mut doc = open(file)?;
    let mut live = connect(server)?;
    let bytes = live.fetch(&doc_id, timeout).map_err(|x| x.to_string())?;
    let jid = doc
        .join_shared(&doc_id, &bytes)
        .map_err(|x| x.to_string())?;
    doc.close().map_err(|x| x.to_string())?;
    println!("{jid}");
    Ok(())
}

/// One round for every shared journey of `file`; prints what arrived.
pub fn sync(file: &Path, server: &str, timeout: Duration) -> Result<(), String> {
    let mut doc = open(file)?;
    if doc.shared_journeys().map_err(|x| x.to_string())?.is_empty() {
        return Err(format!(
            "{} shares no journeys; see `klantreis share`",
            file.display()
        ));
    }
    let mut live = connect(server)?;
    let report = doc
        .sync_round(&mut live, timeout)
        .map_err(|x| x.to_string())?;
    doc.close().map_err(|x| x.to_string())?;
    for m in report.merged {
        for n in m.notes {
            eprintln!("{}: {n}", m.journey_id);
        }
        println!(
            "{}\t{} records changed",
            m.journey_id,
            m.changes.changes.len()
        );
    }
    Ok(())
}
