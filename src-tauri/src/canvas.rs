//! Commands of the print dialog and the canvas editor's pictures: the print preview, exports
//! in the background with progress events, and document images. Thin wrappers: layout,
//! export and file names live in the core (`klantreis::print`, `klantreis::session`). The
//! canvas's own Scene comes with the view (`commands::show` and every edit).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use klantreis::print::{self, Format, PrintRequest};
use klantreis::session::{export_file_name, ApiError, ErrorCode};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State, Wry};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

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

impl ExportDone {
    /// What the UI hears of an export to `path`.
    pub fn new(path: &std::path::Path, done: print::Exported) -> ExportDone {
        ExportDone {
            path: path.display().to_string(),
            pages: u32::try_from(done.pages).unwrap_or(u32::MAX),
            bytes: u32::try_from(done.bytes).unwrap_or(u32::MAX),
            warnings: done.warnings,
        }
    }
}

// Off the main thread: it only reads, and the window keeps drawing meanwhile.
#[tauri::command(async)]
pub fn print_preview(
    state: State<'_, AppState>,
    id: String,
    request: PrintRequest,
) -> Res<print::PrintPreview> {
    let inner = state.lock();
    Ok(print::preview(inner.doc()?.workspace(), &id, &request)?)
}

/// The preflight of the file `request` would write (a print-shop PDF), in the app's language:
/// the print dialog shows its findings before saving.
#[tauri::command(async)]
pub fn preflight_print(
    state: State<'_, AppState>,
    id: String,
    request: PrintRequest,
) -> Res<klantreis::preflight::Report> {
    let inner = state.lock();
    let lang = inner.settings.lang();
    Ok(print::preflight(inner.doc()?, &id, &request, lang)?)
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
            .ok_or_else(|| ApiError::no_journey(&id))?
    };
    let name = export_file_name(&title, &request);
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
        // Renders, writes the file whole and keeps the version it shows ("A0 printed 3 Dec").
        let job = print::Job::Journey(&id);
        let done = print::export(state.lock().doc()?, job, &request, &path, &mut |f| emit(f))?;
        Ok(ExportDone::new(&path, done))
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))??;
    if let Ok(mut last) = LAST_EXPORT.lock() {
        *last = Some(PathBuf::from(&done.path));
    }
    Ok(Some(done))
}

/// Shows the last exported file in the file manager (see [`reveal_command`]).
#[tauri::command]
pub fn reveal_export() -> Res<()> {
    let path = LAST_EXPORT
        .lock()
        .ok()
        .and_then(|p| p.clone())
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "nothing was exported yet"))?;
    let mut child = reveal_command(&path).spawn().map_err(|e| {
        ApiError::new(
            ErrorCode::Io,
            format!("cannot show {} in the file manager: {e}", path.display()),
        )
    })?;
    // Waited for off the command's thread, so no finished child is left behind (a zombie on
    // Unix) while the app runs.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// The desktop's way to show `file`: Windows' Explorer and the macOS Finder open its folder
/// with the file selected; elsewhere (freedesktop desktops) `xdg-open` opens its folder.
fn reveal_command(file: &Path) -> Command {
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        // Explorer parses its own command line: `/select,"C:\a b\Map.pdf"` as one raw
        // argument, which std's quoting of a single argument would break.
        let mut c = Command::new("explorer");
        c.raw_arg(format!("/select,\"{}\"", file.display()));
        c
    }
    #[cfg(target_os = "macos")]
    {
        let mut c = Command::new("open");
        c.arg("-R").arg(file);
        c
    }
    #[cfg(not(any(windows, target_os = "macos")))]
    {
        let dir = file.parent().map(PathBuf::from).unwrap_or_default();
        let mut c = Command::new("xdg-open");
        c.arg(dir);
        c
    }
}

/// A document image as a `data:` URL (the content policy allows no other image source).
// Off the main thread: it only reads, and the window keeps drawing meanwhile.
#[tauri::command(async)]
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
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("{shown}: {e}")))?
        .len();
    if size > MAX_IMAGE_BYTES {
        return Err(ApiError::new(
            ErrorCode::TooLarge,
            format!("{shown}: the image is larger than 30 MB"),
        ));
    }
    let bytes =
        std::fs::read(&path).map_err(|e| ApiError::new(ErrorCode::Io, format!("{shown}: {e}")))?;
    let mime = klantreis::media::check(&bytes)
        .map_err(|e| ApiError::new(ErrorCode::of_image(&e), format!("{shown}: {e}")))?
        .mime;
    let state = app.state::<AppState>();
    let mut inner = state.lock();
    Ok(Some(
        inner.session_mut()?.doc_mut().add_image(mime, &bytes)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_shown_by_this_systems_file_manager() {
        let file = std::env::temp_dir().join("a b").join("Map.pdf");
        let c = reveal_command(&file);
        let program = c.get_program().to_string_lossy().into_owned();
        let args: Vec<String> = c
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        if cfg!(windows) {
            assert_eq!(program, "explorer");
            assert_eq!(args, [format!("/select,\"{}\"", file.display())]);
        } else if cfg!(target_os = "macos") {
            assert_eq!((program.as_str(), args[0].as_str()), ("open", "-R"));
            assert_eq!(args[1], file.display().to_string());
        } else {
            assert_eq!(program, "xdg-open");
            let dir = std::env::temp_dir().join("a b");
            assert_eq!(args, [dir.display().to_string()]);
        }
    }
}
