//! Interchange: journeys in and out of the document in formats other programs read.
//!
//! Today the JSON format `klantreis/1` ([`json`]); CSV and other formats join here. May import
//! `model`, `edit` and `store` (an import is one undoable edit), never `layout` or `export`.

pub mod json;

pub use json::*;
