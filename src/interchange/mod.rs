//! Interchange: journeys in and out of the document in formats other programs read.
//!
//! The JSON format `klantreis/1` ([`json`]), CSV for spreadsheets ([`csv`] out,
//! [`csv_import`] in) and Mermaid `journey` diagrams ([`mermaid`], both ways); the imports
//! share [`fill`]. May import
//! `model`, `edit` and `store` (an import is one undoable edit), never `layout` or `export`.

pub mod csv;
pub mod csv_import;
pub mod fill;
pub mod json;
pub mod mermaid;

pub use json::*;
