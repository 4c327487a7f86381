//! Fuzz target: arbitrary bytes opened as a document. Opening must succeed or fail with a
//! clear error, never panic, and never change a file it refuses; a document that opens is
//! walked like a user would (see `klantreis_fuzz::exercise`).
#![no_main]

use klantreis::Document;
use klantreis_fuzz::{exercise, remove, scratch_path};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
});
