//! What the native menu's items do: new, open and save-as documents (with their dialogs), the
//! recent documents, undo and redo. Actions that belong to the UI are forwarded as a `menu`
//! event. Builds on `chrome.rs` (the menu itself) and `state.rs`; nothing imports this file
//! but `main.rs`.

use std::path::PathBuf;

use klantreis::session::{doc_name, ApiError, ErrorCode, Session, View};
use klantreis::{Document, Lang};
use tauri::menu::MenuEvent;
use tauri::{AppHandle, Emitter, Manager, Wry};
use tauri_plugin_dialog::DialogExt;

use crate::chrome::{self, RECENT_PREFIX};
use crate::lifecycle::EVENT_DOC_CHANGED;
use crate::state::AppState;

/// Sent to the UI with an [`ApiError`] when a menu action failed.
pub const EVENT_ERROR: &str = "app-error";
/// Sent to the UI with a menu action it handles itself (e.g. "settings").
pub const EVENT_MENU: &str = "menu";

fn report(app: &AppHandle<Wry>, err: ApiError) {
    let _ = app.emit(EVENT_ERROR, err);
}

pub fn on_event(app: &AppHandle<Wry>, event: MenuEvent) {
    let id = event.id().as_ref();
    match id {
        "new" => new_document(app),
        "open" => open_document(app),
        "save_as" => save_as(app),
        "quit" => app.exit(0),
        "undo" | "redo" => {
            let result = {
                let state = app.state::<AppState>();
                let mut inner = state.lock();
                // The menu does not know what the UI shows: it tells the UI, which asks
                // for its view anew.
                inner.session_mut().and_then(|s| {
                    if id == "undo" {
                        s.undo(&View::Home)
                    } else {
                        s.redo(&View::Home)
                    }
                })
            };
            match result {
                Ok(_) => {
                    chrome::refresh(app);
                    let _ = app.emit(EVENT_DOC_CHANGED, ());
                }
                Err(e) => report(app, e),
            }
        }
        "settings" => {
            let _ = app.emit(EVENT_MENU, "settings");
        }
        _ => {
            if let Some(i) = id
                .strip_prefix(RECENT_PREFIX)
                .and_then(|i| i.parse::<usize>().ok())
            {
                let path = app
                    .state::<AppState>()
                    .lock()
                    .settings
                    .recent
                    .get(i)
                    .cloned();
                if let Some(path) = path {
                    open_path(app, path);
                }
            }
        }
    }
}

/// Makes `doc` the open document: the old one is closed (checkpointed), the settings,
/// window title and menu follow, and the UI is told to reload.
fn switch_to(app: &AppHandle<Wry>, doc: Document) {
    {
        let state = app.state::<AppState>();
        let mut inner = state.lock();
        inner.replace(Session::new(doc), &state);
    }
    chrome::rebuild(app);
    let _ = app.emit(EVENT_DOC_CHANGED, ());
}

fn lang(app: &AppHandle<Wry>) -> Lang {
    app.state::<AppState>().lock().settings.lang()
}

fn current_path(app: &AppHandle<Wry>) -> Option<PathBuf> {
    app.state::<AppState>()
        .lock()
        .doc()
        .ok()
        .map(|d| d.path().to_path_buf())
}

fn dialog_path(p: Option<tauri_plugin_dialog::FilePath>) -> Option<PathBuf> {
    p.and_then(|p| p.into_path().ok())
}

/// The save dialog may return a name without our extension; documents always get it, so the
/// file association finds them.
fn with_extension(mut path: PathBuf) -> PathBuf {
    if path.extension().and_then(|e| e.to_str()) != Some("klantreis") {
        let mut name = path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        name.push(".klantreis");
        path.set_file_name(name);
    }
    path
}

fn new_document(app: &AppHandle<Wry>) {
    let lang = lang(app);
    let handle = app.clone();
    app.dialog()
        .file()
        .set_title(lang.pick("Nieuw document", "New document"))
        .add_filter("Klantreis", &["klantreis"])
        .set_file_name(lang.pick("Nieuw document.klantreis", "New document.klantreis"))
        .save_file(move |picked| {
            let Some(path) = dialog_path(picked).map(with_extension) else {
                return;
            };
            if Some(&path) == current_path(&handle).as_ref() {
                report(
                    &handle,
                    ApiError::new(
                        ErrorCode::Exists,
                        lang.pick("Dit document is al open.", "This document is already open."),
                    ),
                );
                return;
            }
            // The dialog already asked whether to replace an existing file.
            if path.exists() {
                if let Err(e) = std::fs::remove_file(&path) {
                    report(&handle, ApiError::new(ErrorCode::Io, e.to_string()));
                    return;
                }
            }
            match Document::create(&path) {
                Ok(doc) => switch_to(&handle, doc),
                Err(e) => report(&handle, e.into()),
            }
        });
}

fn open_document(app: &AppHandle<Wry>) {
    let lang = lang(app);
    let handle = app.clone();
    app.dialog()
        .file()
        .set_title(lang.pick("Document openen", "Open document"))
        .add_filter("Klantreis", &["klantreis"])
        .pick_file(move |picked| {
            if let Some(path) = dialog_path(picked) {
                open_path(&handle, path);
            }
        });
}

fn open_path(app: &AppHandle<Wry>, path: PathBuf) {
    if Some(&path) == current_path(app).as_ref() {
        return;
    }
    match Document::open(&path) {
        Ok(doc) => switch_to(app, doc),
        Err(e) => report(app, e.into()),
    }
}

fn save_as(app: &AppHandle<Wry>) {
    let lang = lang(app);
    let name = current_path(app)
        .map(|p| format!("{}.klantreis", doc_name(&p)))
        .unwrap_or_default();
    let handle = app.clone();
    app.dialog()
        .file()
        .set_title(lang.pick("Opslaan als", "Save as"))
        .add_filter("Klantreis", &["klantreis"])
        .set_file_name(name)
        .save_file(move |picked| {
            let Some(dest) = dialog_path(picked).map(with_extension) else {
                return;
            };
            if Some(&dest) == current_path(&handle).as_ref() {
                return;
            }
            let saved = {
                let state = handle.state::<AppState>();
                let inner = state.lock();
                inner
                    .doc()
                    .and_then(|d| d.save_as(&dest).map_err(ApiError::from))
            };
            // Work goes on in the copy, as after "Save as" anywhere else.
            match saved.and_then(|()| Document::open(&dest).map_err(ApiError::from)) {
                Ok(doc) => switch_to(&handle, doc),
                Err(e) => report(&handle, e),
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_documents_always_get_the_extension() {
        assert_eq!(
            with_extension("/a/Plan".into()),
            PathBuf::from("/a/Plan.klantreis")
        );
        assert_eq!(
            with_extension("/a/Plan.klantreis".into()),
            PathBuf::from("/a/Plan.klantreis")
        );
        assert_eq!(
            with_extension("/a/v1.2".into()),
            PathBuf::from("/a/v1.2.klantreis")
        );
    }
}
