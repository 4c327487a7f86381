//! What the app's review screen needs between reading the photos and accepting the notes: each
//! note's crop as a `data:` URL, the photos' previews (`crate::scan::preview`), and the scan
//! kept on the side ([`Pending`]) so accepting it needs only the user's choices. It answers in
//! the session's terms (`ApiError`, `ViewUpdate`), so it lives here, above the reader (which
//! knows nothing of the session). The desktop shell's commands are thin wrappers of these.

use base64::Engine;
use serde::Serialize;

use super::{ApiError, ErrorCode, Session, View, ViewUpdate};
use crate::scan::apply::{self, ApplyError, NoteChoice};
use crate::scan::preview::{preview, ReviewPhoto};
use crate::scan::{ocr, read_photos, FoundNote, GoneCard, Scan, ScanError};
use crate::store::Document;

/// What a scan found, for the review screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScanReview {
    pub notes: Vec<FoundNote>,
    /// Each note's crop as a `data:` URL, in the order of `notes`.
    pub crops: Vec<String>,
    pub warnings: Vec<String>,
    pub photos: Vec<ReviewPhoto>,
    /// Cards read from an earlier photo that these photos no longer show (listed; accepting
    /// deletes none of them).
    pub gone: Vec<GoneCard>,
}

/// A scan waiting for the user's review: the notes with their crops and the photos' bytes.
#[derive(Debug, Clone)]
pub struct Pending {
    pub journey_id: String,
    pub notes: Vec<FoundNote>,
    pub photos: Vec<Vec<u8>>,
    pub gone: Vec<GoneCard>,
}

/// Finds the notes on `photos` of journey `journey_id`'s printed canvas (the reader, without
/// OCR): the part that needs the document, so a caller holding it locked lets go before
/// [`finish`] runs the slow OCR.
pub fn find(doc: &Document, journey_id: &str, photos: &[Vec<u8>]) -> Result<Scan, ApiError> {
    let refs: Vec<&[u8]> = photos.iter().map(Vec::as_slice).collect();
    read_photos(doc, journey_id, &refs).map_err(|e| scan_error(&e))
}

/// OCR of every note of `scan`, then the review and the scan kept for accepting. A note whose
/// text could not be read keeps its crop and gets a warning, never an error.
pub fn finish(
    journey_id: &str,
    mut scan: Scan,
    photos: Vec<Vec<u8>>,
) -> Result<(ScanReview, Pending), ApiError> {
    let mut warnings = std::mem::take(&mut scan.warnings);
    let previews = std::mem::take(&mut scan.previews);
    if let Some(e) = ocr::fill(&mut scan.notes) {
        warnings.push(format!("The text of some notes could not be read: {e}"));
    }
    let pending = Pending {
        journey_id: journey_id.to_string(),
        notes: scan.notes,
        photos,
        gone: scan.gone,
    };
    Ok((review(&pending, warnings, previews)?, pending))
}

/// A reader's refusal as the UI gets it: the image's own codes, and `not_canvas` for a photo
/// that is not this journey's printed canvas (the message says which case).
pub fn scan_error(e: &ScanError) -> ApiError {
    let code = match e {
        ScanError::Image { source, .. } => ErrorCode::of_image(source),
        ScanError::NoJourney(_) => ErrorCode::NotFound,
        ScanError::Store(s) => ErrorCode::of_store(s),
        _ => ErrorCode::NotCanvas,
    };
    ApiError::new(code, e.to_string())
}

/// The review of `pending`'s notes (with `warnings` from the reader); `previews` are the
/// photos' previews when the reader made them (one per photo), else they are made here.
pub fn review(
    pending: &Pending,
    warnings: Vec<String>,
    previews: Vec<ReviewPhoto>,
) -> Result<ScanReview, ApiError> {
    let photos = if previews.len() == pending.photos.len() {
        previews
    } else {
        pending
            .photos
            .iter()
            .map(|p| preview(p))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| ApiError::new(ErrorCode::of_image(&e), e.to_string()))?
    };
    let crops = pending
        .notes
        .iter()
        .map(|n| {
            if n.crop_png.is_empty() {
                String::new()
            } else {
                format!(
                    "data:image/png;base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(&n.crop_png)
                )
            }
        })
        .collect();
    Ok(ScanReview {
        notes: pending.notes.clone(),
        crops,
        warnings,
        photos,
        gone: pending.gone.clone(),
    })
}

/// Applies the user's `choices` on `pending` through the session, as one undo step, and answers
/// with what `view` needs.
pub fn accept(
    session: &mut Session,
    pending: &Pending,
    choices: &[NoteChoice],
    view: &View,
) -> Result<ViewUpdate, ApiError> {
    let notes = apply::accepted(&pending.notes, choices).map_err(api_error)?;
    let photos: Vec<&[u8]> = pending.photos.iter().map(Vec::as_slice).collect();
    let edits =
        apply::edits(session.doc_mut(), &pending.journey_id, &notes, &photos).map_err(api_error)?;
    session.apply_group(&edits, view)
}

fn api_error(e: ApplyError) -> ApiError {
    match e {
        ApplyError::NoJourney(id) => ApiError::no_journey(&id),
        ApplyError::NoNote(_) => ApiError::new(ErrorCode::InvalidEdit, e.to_string()),
        ApplyError::Store(s) => s.into(),
    }
}
