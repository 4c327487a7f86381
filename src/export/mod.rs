//! Exports of a [`crate::scene::Scene`]: PDF (single page or tiled poster) and SVG.
//!
//! Exporters draw the Scene and nothing else, so paper, SVG and screen agree.

pub mod pdf;
pub mod svg;
pub mod tile;

/// Looks up a document image (persona photo) by id: `(mime, bytes)`.
pub type ImageResolver<'a> = &'a dyn Fn(&str) -> Option<(String, Vec<u8>)>;
