//! Exports of a [`crate::scene::Scene`]: PDF (single page or tiled poster) and SVG.
//!
//! Exporters draw the Scene and nothing else, so paper, SVG and screen agree. The one
//! exception is [`pptx`], the blank canvas as editable PowerPoint shapes on a 16:9 slide,
//! which lays out its own grid from the journey (see its docs for why); [`zip`] packs it.

pub mod pdf;
pub mod pptx;
pub mod svg;
pub mod tile;
pub mod zip;

/// Looks up a document image (persona photo) by id: `(mime, bytes)`.
pub type ImageResolver<'a> = &'a dyn Fn(&str) -> Option<(String, Vec<u8>)>;
