//! The workshop report from the app: asks where to save (or uses `KLANTREIS_EXPORT_DIR`, as
//! the tests do) and writes `klantreis::print::render_workshop_report` off the main thread.
//! A thin wrapper: the report, its pages and its words are the core's.

use std::path::PathBuf;

use klantreis::print::{self, WorkshopReportRequest};
use klantreis::session::{ApiError, ErrorCode};
use tauri::{AppHandle, Manager, Wry};
use tauri_plugin_dialog::DialogExt;

use crate::canvas::{ExportDone, ENV_EXPORT_DIR};
use crate::state::AppState;

type Res<T> = Result<T, ApiError>;

/// Writes journey `id`'s workshop report as a PDF; `None` when the user cancelled the dialog.
#[tauri::command]
pub async fn export_workshop_report(
    app: AppHandle<Wry>,
    id: String,
    request: WorkshopReportRequest,
) -> Res<Option<ExportDone>> {
    let title = {
        let state = app.state::<AppState>();
        let inner = state.lock();
        let ws = inner.doc()?.workspace();
        ws.journey(&id)
            .map(|j| j.meta.title.clone())
            .ok_or_else(|| ApiError::no_journey(&id))?
    };
    let name = format!("{} - workshop.pdf", title.replace(['/', '\\'], "-"));
    let path = match std::env::var_os(ENV_EXPORT_DIR) {
        Some(dir) => PathBuf::from(dir).join(&name),
        None => {
            let picked = app
                .dialog()
                .file()
                .add_filter("PDF", &["pdf"])
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
        let state = worker.state::<AppState>();
        let rendered = {
            let inner = state.lock();
            print::render_workshop_report(inner.doc()?, &id, &request)?
        };
        print::write_atomic(&path, &rendered.bytes)?;
        Ok(ExportDone {
            path: path.display().to_string(),
            pages: u32::try_from(rendered.pages).unwrap_or(u32::MAX),
            bytes: u32::try_from(rendered.bytes.len()).unwrap_or(u32::MAX),
            warnings: rendered.warnings,
        })
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))??;
    Ok(Some(done))
}
