//! The native menu (File, Edit, View) in the UI language, and what its items do. Document
//! actions run here; actions that belong to the UI are forwarded as a `menu` event.
//!
//! Undo and Redo carry no accelerator on purpose: on GTK a menu accelerator takes the key
//! before the webview sees it, which would steal Ctrl+Z from text fields. The UI handles
//! Ctrl+Z / Ctrl+Shift+Z itself when no text field has the focus.

use std::path::PathBuf;

use klantreis::{Document, Lang};
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItem, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Wry};
use tauri_plugin_dialog::DialogExt;

use crate::state::{self, AppState, EVENT_DOC_CHANGED, EVENT_ERROR, EVENT_MENU};
use crate::ApiError;

pub struct MenuHandles {
    pub undo: MenuItem<Wry>,
    pub redo: MenuItem<Wry>,
}

const RECENT_PREFIX: &str = "recent:";

fn t(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

pub fn undo_text(lang: Lang, undo: bool) -> String {
    if undo {
        t(lang, "Ongedaan maken", "Undo").to_string()
    } else {
        t(lang, "Opnieuw", "Redo").to_string()
    }
}

/// Builds the menu for the current language and recent documents.
pub fn build(app: &AppHandle<Wry>) -> tauri::Result<(Menu<Wry>, MenuHandles)> {
    let state = app.state::<AppState>();
    let (lang, recent) = {
        let inner = state.lock();
        (inner.settings.lang(), inner.settings.recent.clone())
    };
    let mut recent_menu =
        SubmenuBuilder::new(app, t(lang, "Recente documenten", "Recent documents"));
    if recent.is_empty() {
        recent_menu = recent_menu.item(
            &MenuItemBuilder::with_id("recent-none", t(lang, "(geen)", "(none)"))
                .enabled(false)
                .build(app)?,
        );
    }
    for (i, path) in recent.iter().enumerate() {
        let label = format!("{}  —  {}", state::doc_name(path), path.display());
        recent_menu = recent_menu
            .item(&MenuItemBuilder::with_id(format!("{RECENT_PREFIX}{i}"), label).build(app)?);
    }
    let file = SubmenuBuilder::new(app, t(lang, "Bestand", "File"))
        .item(
            &MenuItemBuilder::with_id("new", t(lang, "Nieuw document…", "New document…"))
                .accelerator("CmdOrCtrl+N")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("open", t(lang, "Openen…", "Open…"))
                .accelerator("CmdOrCtrl+O")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("save_as", t(lang, "Opslaan als…", "Save as…"))
                .accelerator("CmdOrCtrl+Shift+S")
                .build(app)?,
        )
        .item(&recent_menu.build()?)
        .separator()
        .item(
            &MenuItemBuilder::with_id("quit", t(lang, "Afsluiten", "Quit"))
                .accelerator("CmdOrCtrl+Q")
                .build(app)?,
        )
        .build()?;
    let undo = MenuItemBuilder::with_id("undo", undo_text(lang, true)).build(app)?;
    let redo = MenuItemBuilder::with_id("redo", undo_text(lang, false)).build(app)?;
    let edit = SubmenuBuilder::new(app, t(lang, "Bewerken", "Edit"))
        .item(&undo)
        .item(&redo)
        .separator()
        .item(
            &MenuItemBuilder::with_id("settings", t(lang, "Instellingen…", "Settings…"))
                .build(app)?,
        )
        .build()?;
    let menu = MenuBuilder::new(app).item(&file).item(&edit).build()?;
    Ok((menu, MenuHandles { undo, redo }))
}

/// Replaces the menu (after a language or recent-documents change).
pub fn rebuild(app: &AppHandle<Wry>) {
    match build(app) {
        Ok((menu, handles)) => {
            let _ = app.set_menu(menu);
            let state = app.state::<AppState>();
            *state.menu.lock().unwrap_or_else(|e| e.into_inner()) = Some(handles);
        }
        Err(e) => eprintln!("klantreis: cannot build the menu: {e}"),
    }
}

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
            let result = crate::commands::step(&app.state::<AppState>(), id == "undo");
            match result {
                Ok(_) => {
                    state::refresh_chrome(app);
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

fn lang(app: &AppHandle<Wry>) -> Lang {
    app.state::<AppState>().lock().settings.lang()
}

fn current_path(app: &AppHandle<Wry>) -> Option<PathBuf> {
    app.state::<AppState>()
        .lock()
        .doc
        .as_ref()
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
        .set_title(t(lang, "Nieuw document", "New document"))
        .add_filter("Klantreis", &["klantreis"])
        .set_file_name(t(
            lang,
            "Nieuw document.klantreis",
            "New document.klantreis",
        ))
        .save_file(move |picked| {
            let Some(path) = dialog_path(picked).map(with_extension) else {
                return;
            };
            if Some(&path) == current_path(&handle).as_ref() {
                report(
                    &handle,
                    ApiError::new(
                        "exists",
                        t(
                            lang,
                            "Dit document is al open.",
                            "This document is already open.",
                        ),
                    ),
                );
                return;
            }
            // The dialog already asked whether to replace an existing file.
            if path.exists() {
                if let Err(e) = std::fs::remove_file(&path) {
                    report(&handle, ApiError::new("io", e.to_string()));
                    return;
                }
            }
            match Document::create(&path) {
                Ok(doc) => state::switch_to(&handle, doc),
                Err(e) => report(&handle, e.into()),
            }
        });
}

fn open_document(app: &AppHandle<Wry>) {
    let lang = lang(app);
    let handle = app.clone();
    app.dialog()
        .file()
        .set_title(t(lang, "Document openen", "Open document"))
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
        Ok(doc) => state::switch_to(app, doc),
        Err(e) => report(app, e.into()),
    }
}

fn save_as(app: &AppHandle<Wry>) {
    let lang = lang(app);
    let name = current_path(app)
        .map(|p| format!("{}.klantreis", state::doc_name(&p)))
        .unwrap_or_default();
    let handle = app.clone();
    app.dialog()
        .file()
        .set_title(t(lang, "Opslaan als", "Save as"))
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
                Ok(doc) => state::switch_to(&handle, doc),
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
