//! Reading a photo of the printed wall canvas back into cards (issue 15, `docs/scan.md`).
//!
//! The pipeline, one file per step:
//! - the print side (`crate::print::marks`, `crate::print::code`) puts registration marks and a
//!   [`SheetCode`] on every blank sheet, from the same Scene as the print, so every cell's place
//!   on the paper is known;
//! - `locate`: find the marks and read the codes in a photo, and for every sheet in it the
//!   homography from the sheet's paper coordinates (millimetres) to the photo;
//! - `notes`: find the sticky notes on the rectified sheet by colour against the paper, and give
//!   each the cell under its centre, its nearest card colour and its crop;
//! - `ocr`: the text of a crop through Tesseract, with a confidence;
//! - `preview`: each photo scaled down for the review screen;
//! - `apply`: the notes the user accepted become one undoable group of edits (cards with their
//!   crop as image, marked as coming from the photo; the photo kept as a wall photo).
//!
//! Everything here is pure (bytes in, values out) except `ocr`, which runs the `tesseract`
//! program, so the CLI, the app and the tests share one reader.

pub mod again;
mod blobs;
mod corner;
pub mod dots;
pub mod geom;
pub mod locate;
pub mod notes;
pub mod preview;
mod read;

use serde::{Deserialize, Serialize};

use crate::model::CardColour;

// The marks and the code are printed (`print` draws them) and read here, so they live below
// the print and the reader imports them from there.
pub use crate::print::code::{CanvasCode, SheetCode, SheetPlace};
pub use crate::print::{code, marks};
pub use again::GoneCard;
pub use read::read_photos;

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
    /// The round dot stickers (votes) found on the note.
    #[serde(default)]
    pub dots: u32,
    /// The card this note already is, when the wall was read before (`again`): the note is
    /// "already on the map", and accepting it sets that card's votes and adds no card.
    /// Absent for a new note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "string | undefined"))]
    pub card_id: Option<String>,
    /// The note cut out of the photo and straightened, as PNG: it becomes the card's image, so
    /// the handwriting is kept even where OCR fails. Not sent to the UI as JSON.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub crop_png: Vec<u8>,
    /// The note as OCR reads it: grey, cut from the full photo at a finer scale than the crop
    /// (`ocr::note_image`). `None` when only the crop is known; OCR then reads the crop.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub ocr_image: Option<image::GrayImage>,
}

/// What reading one or more photos of the wall found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scan {
    /// Every note, with ids `n1`, `n2`, … unique across the photos.
    pub notes: Vec<FoundNote>,
    /// The journey version whose layout the notes were placed by (the one printed).
    pub layout_version: u64,
    /// Things the user should know (an older layout, notes left out), as sentences.
    pub warnings: Vec<String>,
    /// Cards read from an earlier photo, in a cell these photos show, that no note found now
    /// is: gone from the wall (listed, never deleted).
    pub gone: Vec<GoneCard>,
    /// Each photo scaled down for the review screen, made from the reader's working image
    /// (`preview::preview_of`), so the review need not decode the photos again.
    #[serde(skip)]
    pub previews: Vec<preview::ReviewPhoto>,
}

/// Why a photo could not be read, in words for the user.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("photo {photo}: {source}")]
    Image {
        photo: u32,
        source: crate::media::ImageError,
    },
    #[error("No Klantreis canvas found in this photo (photo {photo}): {why}")]
    NoCanvas { photo: u32, why: String },
    #[error("photo {photo} shows a canvas of another journey ({found}), not of {expected}")]
    OtherJourney {
        photo: u32,
        found: String,
        expected: String,
    },
    #[error("no journey with id {0:?}")]
    NoJourney(String),
    #[error("photo {photo} shows version {version} of this journey as it was printed, and no saved version holds it: take a version when you print (it is taken on every print) or print the canvas again")]
    UnknownVersion { photo: u32, version: u64 },
    #[error("the photos show canvases of different printed versions ({0} and {1}); scan one print at a time")]
    MixedVersions(u64, u64),
    #[error("no photos to read")]
    NoPhotos,
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl ScanError {
    /// A stable code for the UI, so it branches on codes, not on messages.
    pub fn code(&self) -> &'static str {
        match self {
            ScanError::Image { .. } => "not_image",
            ScanError::NoCanvas { .. } => "no_canvas",
            ScanError::OtherJourney { .. } => "other_journey",
            ScanError::NoJourney(_) => "not_found",
            ScanError::UnknownVersion { .. } => "unknown_version",
            ScanError::MixedVersions(..) => "mixed_versions",
            ScanError::NoPhotos => "no_photos",
            ScanError::Store(_) => "store",
        }
    }
}

pub mod apply;
pub mod ocr;
mod program;
