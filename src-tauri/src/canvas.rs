//! Commands of the canvas editor and the print dialog: the journey's Scene (what the canvas
//! draws), exports in the background with progress events, and document images. Thin
//! wrappers: layout and export live in the core (`klantreis::print`).

use std::path::PathBuf;
use std::sync::Mutex;

use klantreis::layout::Scene;
use klantreis::print::{self, Format, PrintRequest};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State, Wry};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;
use crate::ApiError;

type Res<T> = Result<T, ApiError>;

/// Sent while an export runs: `fraction` goes from 0 to 1.
pub const EVENT_EXPORT_PROGRESS: &str = "export-progress";
/// Tests set this to a directory: exports go there without the save dialog (WebDriver cannot
/// drive native dialogs).
pub const ENV_EXPORT_DIR: &str = "KLANTREIS_EXPORT_DIR";
/// Largest image accepted as a photo; larger files are almost certainly not meant.
const MAX_IMAGE_BYTES: u64 = klantreis::media::MAX_IMAGE_BYTES as u64;

/// The file the last export wrote, the only one `reveal_export` may show.
static LAST_EXPORT: Mutex<Option<PathBuf>> = Mutex::new(None);

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportProgress {
    pub fraction: f32,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportDone {
    pub path: String,
    pub pages: u32,
    pub bytes: u32,
    pub warnings: Vec<String>,
}

fn print_err(e: print::PrintError) -> ApiError {
    ApiError::new("print", e.to_string())
}

#[tauri::command]
pub fn journey_scene(state: State<'_, AppState>, id: String, request: PrintRequest) -> Res<Scene> {
    let inner = state.lock();
    print::scene(inner.doc()?.workspace(), &id, &request).map_err(print_err)
}

#[tauri::command]
pub fn print_preview(
    state: State<'_, AppState>,
    id: String,
    request: PrintRequest,
) -> Res<print::PrintPreview> {
    let inner = state.lock();
    print::preview(inner.doc()?.workspace(), &id, &request).map_err(print_err)
}

fn file_name(title: &str, req: &PrintRequest) -> String {
    // Keep titles readable but safe as a file name on every desktop.
    let clean: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let base = clean.trim();
    let base = if base.is_empty() { "klantreis" } else { base };
    let kind = match (req.blank, req.tile) {
        (true, _) => "-blank",
        (false, Some(_)) => "-poster",
        _ => "",
    };
    let ext = match req.format {
        Format::Pdf => "pdf",
        Format::Svg => "svg",
    };
    format!("{base}{kind}.{ext}")
}

/// Asks where to save, renders on a background thread with progress events, writes the file
/// atomically. `None` when the user cancelled the dialog.
#[tauri::command]
pub async fn export_journey(
    app: AppHandle<Wry>,
    id: String,
    request: PrintRequest,
) -> Res<Option<ExportDone>> {
    let title = {
        let state = app.state::<AppState>();
        let inner = state.lock();
        let ws = inner.doc()?.workspace();
        ws.journey(&id)
            .map(|j| j.meta.title.clone())
            .ok_or_else(|| ApiError::new("not_found", format!("no journey with id {id:?}")))?
    };
    let name = file_name(&title, &request);
    let path = match std::env::var_os(ENV_EXPORT_DIR) {
        Some(dir) => PathBuf::from(dir).join(&name),
        None => {
            let (label, ext) = match request.format {
                Format::Pdf => ("PDF", "pdf"),
                Format::Svg => ("SVG", "svg"),
            };
            let picked = app
                .dialog()
                .file()
                .add_filter(label, &[ext])
                .set_file_name(&name)
                .blocking_save_file();
            match picked.and_then(|p| p.into_path().ok()) {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    let worker = app.clone();
    let done = tauri::async_runtime::spawn_blocking(move || -> Res<ExportDone> {
        let emit = |fraction: f32| {
            let _ = worker.emit(EVENT_EXPORT_PROGRESS, ExportProgress { fraction });
        };
        let state = worker.state::<AppState>();
        let rendered = {
            let inner = state.lock();
            print::render(inner.doc()?, &id, &request, &mut |f| emit(f)).map_err(print_err)?
        };
        print::write_atomic(&path, &rendered.bytes).map_err(print_err)?;
        emit(1.0);
        Ok(ExportDone {
            path: path.display().to_string(),
            pages: u32::try_from(rendered.pages).unwrap_or(u32::MAX),
            bytes: u32::try_from(rendered.bytes.len()).unwrap_or(u32::MAX),
            warnings: rendered.warnings,
        })
    })
    .await
    .map_err(|e| ApiError::new("internal", e.to_string()))??;
    if let Ok(mut last) = LAST_EXPORT.lock() {
        *last = Some(PathBuf::from(&done.path));
    }
    Ok(Some(done))
}

/// Shows the last exported file in the file manager (its folder, opened by the desktop).
#[tauri::command]
pub fn reveal_export() -> Res<()> {
    let path = LAST_EXPORT
        .lock()
        .ok()
        .and_then(|p| p.clone())
        .ok_or_else(|| ApiError::new("not_found", "nothing was exported yet"))?;
    let dir = path.parent().map(PathBuf::from).unwrap_or_default();
    std::process::Command::new("xdg-open")
        .arg(&dir)
        .spawn()
        .map(|_| ())
        .map_err(|e| ApiError::new("io", format!("cannot open {}: {e}", dir.display())))
}

/// A document image as a `data:` URL (the content policy allows no other image source).
#[tauri::command]
pub fn image_data(state: State<'_, AppState>, id: String) -> Res<Option<String>> {
    let inner = state.lock();
    Ok(inner.doc()?.image(&id)?.map(|img| img.data_url()))
}

/// Lets the user pick a PNG or JPEG and stores it in the document; returns its id, or `None`
/// when cancelled. Linking it (persona photo, wall photo) is a separate, undoable edit.
#[tauri::command]
pub async fn pick_image(app: AppHandle<Wry>) -> Res<Option<String>> {
    let picked = app
        .dialog()
        .file()
        .add_filter("Image", &["png", "jpg", "jpeg"])
        .blocking_pick_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    let size = std::fs::metadata(&path)
        .map_err(|e| ApiError::new("io", format!("{shown}: {e}")))?
        .len();
    if size > MAX_IMAGE_BYTES {
        return Err(ApiError::new(
            "too_large",
            format!("{shown}: the image is larger than 30 MB"),
        ));
    }
    let bytes = std::fs::read(&path).map_err(|e| ApiError::new("io", format!("{shown}: {e}")))?;
    let mime = klantreis::media::check(&bytes)
        .map_err(|e| ApiError::new(e.code(), format!("{shown}: {e}")))?
        .mime;
    let state = app.state::<AppState>();
    let mut inner = state.lock();
    Ok(Some(inner.doc_mut()?.add_image(mime, &bytes)?))
}
