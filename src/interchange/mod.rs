//! Interchange: journeys in and out of the document in formats other programs read.
//!
//! The JSON format `klantreis/1` ([`json`]) and CSV for spreadsheets ([`csv`]); other formats
//! join here. May import
//! `model`, `edit` and `store` (an import is one undoable edit), never `layout` or `export`.

pub mod csv;
pub mod json;

pub use json::*;
