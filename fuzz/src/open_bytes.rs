//! Fuzz target: arbitrary bytes opened as a document. Opening must succeed or fail with a
//! clear error, never panic, and never change a file it refuses; a document that opens is
//! walked like a user would (see `klantreis_fuzz::exercise`).

use crate::{exercise, remove, scratch_path};
use klantreis::Document;

pub fn check(data: &[u8]) {
    let path = scratch_path();
    if std::fs::write(&path, data).is_err() {
        return;
    }
    match Document::open(&path) {
        Ok(mut doc) => exercise(&mut doc, true, false),
        Err(_) => {
            let after = std::fs::read(&path).unwrap_or_default();
            assert!(after == data, "a refused file was changed");
        }
    }
    remove(&path);
}
