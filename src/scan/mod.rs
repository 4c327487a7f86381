//! Reading a photo of the printed wall canvas back into cards (issue 15, `docs/scan.md`).
//!
//! The pipeline, one file per step:
//! - the print side puts registration marks and a [`SheetCode`] on every blank sheet, from the
//!   same Scene as the print, so every cell's place on the paper is known;
//! - `locate`: find the marks and read the code in a photo, and the homography from the photo to
//!   the sheet's paper coordinates (millimetres);
//! - `notes`: find the sticky notes on the rectified sheet by colour against the paper, and give
//!   each the cell under its centre, its nearest card colour and its crop;
//! - `ocr`: the text of a crop through Tesseract, with a confidence;
//! - `apply`: the notes the user accepted become one undoable group of edits (cards with their
//!   crop as image, marked as coming from the photo; the photo kept as a wall photo).
//!
//! Everything here is pure (bytes in, values out) except `ocr`, which runs the `tesseract`
//! program, so the CLI, the app and the tests share one reader.

use serde::{Deserialize, Serialize};

use crate::model::CardColour;

/// What the small code printed on a canvas sheet says: whose canvas it is and which layout it
/// shows, so a photo is read against the layout that was printed, not today's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetCode {
    pub journey_id: String,
    /// The journey's version when the canvas was printed.
    pub layout_version: u64,
    /// For a tiled print: this sheet's column and row (from 0) and the grid's size; `None` for a
    /// canvas on one sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<SheetPlace>,
}

/// Where a tiled sheet sits in the poster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetPlace {
    pub col: u32,
    pub row: u32,
    pub cols: u32,
    pub rows: u32,
}

/// One sticky note found in a photo, with the cell it is proposed for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FoundNote {
    /// Stable within one scan ("n1", "n2", …), so the review screen can refer to a note.
    pub id: String,
    /// Which of the scanned photos it was found on (from 0).
    pub photo: u32,
    /// The note's corners in the photo's pixels (clockwise from top left), to outline it.
    pub outline: [[f32; 2]; 4],
    pub phase_id: String,
    pub lane_id: String,
    pub colour: CardColour,
    /// The text read by OCR; empty when nothing legible was found.
    pub text: String,
    /// OCR confidence, 0 … 1 (0 when there is no text).
    pub confidence: f32,
    /// The note cut out of the photo and straightened, as PNG: it becomes the card's image, so
    /// the handwriting is kept even where OCR fails. Not sent to the UI as JSON.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub crop_png: Vec<u8>,
}

pub mod apply;
pub mod ocr;
pub mod review;
