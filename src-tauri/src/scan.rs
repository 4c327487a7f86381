//! Commands of "Read a photo of the wall…": pick the photos, read them in the background (the
//! reader and OCR, `klantreis::scan`), and accept or cancel the review. Thin wrappers: the scan
//! waiting for review is kept here between the calls (the notes' crops never cross to the UI as
//! bytes), everything else is the core's (`klantreis::session::scan`).

use std::path::PathBuf;
use std::sync::Mutex;

use klantreis::scan::apply::NoteChoice;
use klantreis::session::scan::{self as review, Pending, ScanReview};
use klantreis::session::{ApiError, ErrorCode, View, ViewUpdate};
use tauri::{AppHandle, Manager, State, Wry};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

type Res<T> = Result<T, ApiError>;

/// Tests set this to the photos to scan (paths joined by `:`): WebDriver cannot drive the
/// native file dialog.
pub const ENV_SCAN_PHOTOS: &str = "KLANTREIS_SCAN_PHOTOS";

/// The scan the review screen shows, until it is accepted or cancelled.
static PENDING: Mutex<Option<Pending>> = Mutex::new(None);

fn pending_scan() -> std::sync::MutexGuard<'static, Option<Pending>> {
    // A panic while holding it left a value that is still whole: go on with it.
    PENDING.lock().unwrap_or_else(|p| p.into_inner())
}

/// Lets the user pick one or more photos (JPEG or PNG) of the wall; `None` when cancelled.
#[tauri::command]
pub async fn pick_scan_photos(app: AppHandle<Wry>) -> Res<Option<Vec<String>>> {
    if let Some(list) = std::env::var_os(ENV_SCAN_PHOTOS) {
        let paths: Vec<String> = std::env::split_paths(&list)
            .map(|p| p.display().to_string())
            .collect();
        return Ok(Some(paths));
    }
    let picked = app
        .dialog()
        .file()
        .add_filter("JPEG, PNG", &["jpg", "jpeg", "png"])
        .blocking_pick_files();
    Ok(picked.map(|files| {
        files
            .into_iter()
            .filter_map(|f| f.into_path().ok())
            .map(|p: PathBuf| p.display().to_string())
            .collect()
    }))
}

/// Reads the photos at `paths` against journey `journey_id`'s printed canvas on a background
/// thread (the UI shows it is busy): the notes found, with their text, for review. The document
/// is locked only while the notes are found, not during OCR.
#[tauri::command]
pub async fn scan_photos(
    app: AppHandle<Wry>,
    journey_id: String,
    paths: Vec<String>,
) -> Res<ScanReview> {
    tauri::async_runtime::spawn_blocking(move || -> Res<ScanReview> {
        let started = std::time::Instant::now();
        let photos = paths
            .iter()
            .map(|p| read_photo(p))
            .collect::<Res<Vec<_>>>()?;
        let scan = {
            let state = app.state::<AppState>();
            let inner = state.lock();
            review::find(inner.doc()?, &journey_id, &photos)?
        };
        let (review, pending) = review::finish(&journey_id, scan, photos)?;
        *pending_scan() = Some(pending);
        // The measure (photo to review screen), for whoever asks with the variable set.
        if std::env::var_os("KLANTREIS_SCAN_TRACE").is_some() {
            eprintln!(
                "klantreis-scan {} photo(s), {} notes, {:.2} s to the review",
                paths.len(),
                review.notes.len(),
                started.elapsed().as_secs_f64()
            );
        }
        Ok(review)
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
}

/// A photo's bytes, refused with a clear message when it is too large to be a photo.
fn read_photo(path: &str) -> Res<Vec<u8>> {
    let size = std::fs::metadata(path)
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("{path}: {e}")))?
        .len();
    if size > klantreis::media::MAX_IMAGE_BYTES as u64 {
        return Err(ApiError::new(
            ErrorCode::TooLarge,
            format!("{path}: the photo is larger than 30 MB"),
        ));
    }
    std::fs::read(path).map_err(|e| ApiError::new(ErrorCode::Io, format!("{path}: {e}")))
}

/// Accepts the review: the chosen notes become cards and the photos wall photos, as one undo
/// step. Answers like an edit.
#[tauri::command]
pub fn scan_accept(
    app: AppHandle<Wry>,
    state: State<'_, AppState>,
    journey_id: String,
    notes: Vec<NoteChoice>,
    view: View,
) -> Res<ViewUpdate> {
    let mut slot = pending_scan();
    let scan = slot
        .as_ref()
        .filter(|p| p.journey_id == journey_id)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                "there is no scan of this journey to accept; read the photo again",
            )
        })?;
    let update = {
        let mut inner = state.lock();
        review::accept(inner.session_mut()?, scan, &notes, &view)?
    };
    *slot = None;
    crate::chrome::refresh(&app);
    Ok(update)
}

/// Forgets the scan under review; nothing was changed.
#[tauri::command]
pub fn scan_cancel() {
    *pending_scan() = None;
}
