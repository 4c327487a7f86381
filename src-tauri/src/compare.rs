//! Commands of the comparison and the versions: compare two journeys (with the phases the team
//! matched by hand), print the comparison, list, take, look at and restore versions (snapshots). Thin
//! wrappers over the core (`klantreis::print::compare`, `klantreis::print::export`, `klantreis::store` snapshots); making
//! the to-be journey and matching phases by hand are ordinary edits (`commands::apply_edit`).

use std::path::PathBuf;

use klantreis::analysis::compare::Comparison;
use klantreis::layout::Scene;
use klantreis::overview::{self, JourneySummary};
use klantreis::print::{self, compare, versions, PrintRequest};
use klantreis::session::{export_file_name, ApiError, ErrorCode, View, ViewUpdate};
use klantreis::store::SnapshotInfo;
use tauri::{AppHandle, Manager, State, Wry};
use tauri_plugin_dialog::DialogExt;

use crate::canvas::{ExportDone, ENV_EXPORT_DIR};
use crate::state::AppState;

type Res<T> = Result<T, ApiError>;

/// The document's journeys, for "Compare with…" (the editor's view carries only its own).
#[tauri::command]
pub fn list_journeys(state: State<'_, AppState>) -> Res<Vec<JourneySummary>> {
    let inner = state.lock();
    Ok(overview::journeys(inner.doc()?.workspace()))
}

/// Journey `a` against journey `b` (`b − a`), phases paired by hand first, then by name.
// Off the main thread: it only reads, and the window keeps drawing meanwhile.
#[tauri::command(async)]
pub fn compare_journeys(state: State<'_, AppState>, a: String, b: String) -> Res<Comparison> {
    let inner = state.lock();
    Ok(compare::comparison(inner.doc()?.workspace(), &a, &b)?)
}

/// The versions of journey `id`, oldest first.
// Off the main thread: it only reads, and the window keeps drawing meanwhile.
#[tauri::command(async)]
pub fn list_versions(state: State<'_, AppState>, id: String) -> Res<Vec<SnapshotInfo>> {
    let inner = state.lock();
    Ok(inner.doc()?.snapshots(&id)?)
}

/// Takes a version of journey `id` named `name` (not an edit: undo leaves it).
#[tauri::command]
pub fn take_version(state: State<'_, AppState>, id: String, name: String) -> Res<SnapshotInfo> {
    let inner = state.lock();
    Ok(inner.doc()?.snapshot(&id, name.trim())?)
}

/// Restores journey `id` to version `snapshot`: one undoable step; answers like an edit.
#[tauri::command]
pub fn restore_version(
    app: AppHandle<Wry>,
    state: State<'_, AppState>,
    id: String,
    snapshot: String,
    view: View,
) -> Res<ViewUpdate> {
    let update = {
        let mut inner = state.lock();
        let session = inner.session_mut()?;
        let cs = session.doc_mut().restore_snapshot(&id, &snapshot)?;
        let mut update = session.show(&view)?;
        // `show` reports no change of its own; this answer is the restore's.
        update.outcome.changed = !cs.changes.is_empty();
        update.outcome.journeys = cs.journey_ids();
        update
    };
    crate::chrome::refresh(&app);
    Ok(update)
}

/// Version `snapshot` laid out for `request` (`null`: the screen's default), to be looked at
/// read-only on the canvas; nothing in the document changes.
// Off the main thread: it only reads, and the window keeps drawing meanwhile.
#[tauri::command(async)]
pub fn version_scene(
    state: State<'_, AppState>,
    snapshot: String,
    request: Option<PrintRequest>,
) -> Res<Scene> {
    let inner = state.lock();
    versions::version_scene(inner.doc()?, &snapshot, &request.unwrap_or_default())?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no version {snapshot}")))
}

/// Compares journey `id` as it is today with its version `snapshot` (the version is `a`).
// Off the main thread: it only reads, and the window keeps drawing meanwhile.
#[tauri::command(async)]
pub fn compare_version(
    state: State<'_, AppState>,
    id: String,
    snapshot: String,
) -> Res<Comparison> {
    let inner = state.lock();
    let doc = inner.doc()?;
    let snap = doc
        .load_snapshot(&snapshot)?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no version {snapshot}")))?;
    let today = doc
        .workspace()
        .journey(&id)
        .cloned()
        .ok_or_else(|| ApiError::no_journey(&id))?;
    Ok(klantreis::analysis::compare::compare(
        &snap.journey,
        &today,
        &snap.journey.phase_matches_with(&today),
    ))
}

/// Asks where to save and prints the comparison of `a` and `b` as a one-page PDF; `None` when
/// the user cancelled the dialog.
#[tauri::command]
pub async fn export_comparison(
    app: AppHandle<Wry>,
    a: String,
    b: String,
    request: PrintRequest,
) -> Res<Option<ExportDone>> {
    let title = {
        let state = app.state::<AppState>();
        let inner = state.lock();
        let ws = inner.doc()?.workspace();
        let t = |id: &str| {
            ws.journey(id)
                .map(|j| j.meta.title.clone())
                .ok_or_else(|| ApiError::no_journey(id))
        };
        format!("{} - {}", t(&a)?, t(&b)?)
    };
    let name = export_file_name(&title, &request);
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
        let job = print::Job::Compare { a: &a, b: &b };
        let done = print::export(state.lock().doc()?, job, &request, &path, &mut |_| {})?;
        Ok(ExportDone::new(&path, done))
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))??;
    Ok(Some(done))
}
