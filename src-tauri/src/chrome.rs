//! The window's chrome: the native menu (File, Edit) in the UI language, the window title, and
//! the Undo/Redo items that follow the document's history. What the menu items *do* is in
//! `menu.rs`, which builds on this file (as `commands.rs` does); this file only reads the state.
//!
//! Undo and Redo carry no accelerator on purpose: on GTK a menu accelerator takes the key
//! before the webview sees it, which would steal Ctrl+Z from text fields. The UI handles
//! Ctrl+Z / Ctrl+Shift+Z itself when no text field has the focus.

use std::sync::Mutex;

use klantreis::session::doc_name;
use klantreis::Lang;
use tauri::menu::{Menu, MenuBuilder, MenuItem, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Manager, Wry};

use crate::state::AppState;

/// Menu ids of the recent documents start with this, followed by the index in the list.
pub const RECENT_PREFIX: &str = "recent:";

/// The menu items whose text and state follow the document (managed by Tauri beside
/// [`AppState`]).
#[derive(Default)]
pub struct Chrome {
    items: Mutex<Option<Items>>,
}

struct Items {
    undo: MenuItem<Wry>,
    redo: MenuItem<Wry>,
}

fn undo_text(lang: Lang, undo: bool) -> &'static str {
    if undo {
        lang.pick("Ongedaan maken", "Undo")
    } else {
        lang.pick("Opnieuw", "Redo")
    }
}

/// Builds the menu for the current language and recent documents.
fn build(app: &AppHandle<Wry>) -> tauri::Result<(Menu<Wry>, Items)> {
    let state = app.state::<AppState>();
    let (lang, recent) = {
        let inner = state.lock();
        (inner.settings.lang(), inner.settings.recent.clone())
    };
    let mut recent_menu =
        SubmenuBuilder::new(app, lang.pick("Recente documenten", "Recent documents"));
    if recent.is_empty() {
        recent_menu = recent_menu.item(
            &MenuItemBuilder::with_id("recent-none", lang.pick("(geen)", "(none)"))
                .enabled(false)
                .build(app)?,
        );
    }
    for (i, path) in recent.iter().enumerate() {
        let label = format!("{}  —  {}", doc_name(path), path.display());
        recent_menu = recent_menu
            .item(&MenuItemBuilder::with_id(format!("{RECENT_PREFIX}{i}"), label).build(app)?);
    }
    let file = SubmenuBuilder::new(app, lang.pick("Bestand", "File"))
        .item(
            &MenuItemBuilder::with_id("new", lang.pick("Nieuw document…", "New document…"))
                .accelerator("CmdOrCtrl+N")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("open", lang.pick("Openen…", "Open…"))
                .accelerator("CmdOrCtrl+O")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("save_as", lang.pick("Opslaan als…", "Save as…"))
                .accelerator("CmdOrCtrl+Shift+S")
                .build(app)?,
        )
        .item(&recent_menu.build()?)
        .separator()
        .item(
            &MenuItemBuilder::with_id("quit", lang.pick("Afsluiten", "Quit"))
                .accelerator("CmdOrCtrl+Q")
                .build(app)?,
        )
        .build()?;
    let undo = MenuItemBuilder::with_id("undo", undo_text(lang, true)).build(app)?;
    let redo = MenuItemBuilder::with_id("redo", undo_text(lang, false)).build(app)?;
    let edit = SubmenuBuilder::new(app, lang.pick("Bewerken", "Edit"))
        .item(&undo)
        .item(&redo)
        .separator()
        .item(
            &MenuItemBuilder::with_id("settings", lang.pick("Instellingen…", "Settings…"))
                .build(app)?,
        )
        .build()?;
    let menu = MenuBuilder::new(app).item(&file).item(&edit).build()?;
    Ok((menu, Items { undo, redo }))
}

/// Replaces the menu (after a language or recent-documents change) and brings it in line
/// with the document.
pub fn rebuild(app: &AppHandle<Wry>) {
    match build(app) {
        Ok((menu, items)) => {
            let _ = app.set_menu(menu);
            let chrome = app.state::<Chrome>();
            *chrome.items.lock().unwrap_or_else(|e| e.into_inner()) = Some(items);
        }
        Err(e) => eprintln!("klantreis: cannot build the menu: {e}"),
    }
    refresh(app);
}

/// Brings the window title and the Undo/Redo menu items in line with the document.
pub fn refresh(app: &AppHandle<Wry>) {
    let state = app.state::<AppState>();
    let (doc_state, lang) = {
        let inner = state.lock();
        let doc = inner.session().ok().and_then(|s| s.doc_state().ok());
        (doc, inner.settings.lang())
    };
    if let Some(window) = app.get_webview_window("main") {
        let title = match &doc_state {
            Some(d) => format!("{} — Klantreis", d.name),
            None => "Klantreis".to_string(),
        };
        let _ = window.set_title(&title);
    }
    let chrome = app.state::<Chrome>();
    let items = chrome.items.lock().unwrap_or_else(|e| e.into_inner());
    if let (Some(items), Some(d)) = (items.as_ref(), doc_state) {
        let _ = items.undo.set_enabled(d.undo.is_some());
        let _ = items.undo.set_text(undo_text(lang, true));
        let _ = items.redo.set_enabled(d.redo.is_some());
        let _ = items.redo.set_text(undo_text(lang, false));
    }
}
