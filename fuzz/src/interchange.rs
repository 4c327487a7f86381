//! Fuzz target: arbitrary bytes as a `klantreis/1` interchange file. Parsing must return a
//! value or a message naming the JSON path; a file that parses must import into a fresh
//! document, and the imported journey must lay out, export and parse back.

use crate::{empty_document, exercise, remove, scratch_path};
use klantreis::interchange::json;

pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if json::parse(text).is_err() {
        return;
    }
    let path = scratch_path();
    if let Ok(mut doc) = empty_document(&path) {
        if json::import(&mut doc, text).is_ok() {
            // Importing the same file twice gives the copy fresh ids instead of a clash.
            let _ = json::import(&mut doc, text);
            exercise(&mut doc, false, true);
        }
    }
    remove(&path);
}
