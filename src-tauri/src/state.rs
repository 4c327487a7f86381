//! What the shell holds between calls: the open document, the settings, where they live, and
//! the menu items whose text follows the document's undo history.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use klantreis::{templates, Document, Edit, Lang};
use serde::Serialize;
use tauri::menu::MenuItem;
use tauri::{AppHandle, Emitter, Manager, Wry};

use crate::settings::Settings;
use crate::ApiError;

/// Points the app at another data directory (settings, default document): tests and the
/// measurements use it so they never touch the user's own data.
pub const ENV_DATA_DIR: &str = "KLANTREIS_DATA_DIR";
/// Opens this document (created with the sample journey when missing) instead of the last one.
pub const ENV_DOCUMENT: &str = "KLANTREIS_DOCUMENT";

/// Sent to the UI when something outside it changed the document (menu, another document).
pub const EVENT_DOC_CHANGED: &str = "doc-changed";
/// Sent to the UI with an [`ApiError`] when a menu action failed.
pub const EVENT_ERROR: &str = "app-error";
/// Sent to the UI with a menu action it handles itself (e.g. "settings").
pub const EVENT_MENU: &str = "menu";

#[derive(Default)]
pub struct Inner {
    pub doc: Option<Document>,
    pub settings: Settings,
    /// Why the last document could not be reopened at start, shown once by the UI.
    pub startup_notice: Option<ApiError>,
}

pub struct AppState {
    pub inner: Mutex<Inner>,
    pub data_dir: PathBuf,
    pub menu: Mutex<Option<crate::menu::MenuHandles>>,
}

/// The document as the UI and the window title show it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DocState {
    pub path: String,
    /// File name without the extension.
    pub name: String,
    /// Label of the edit Undo would undo (`Edit::label`), if any.
    pub undo: Option<String>,
    pub redo: Option<String>,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> AppState {
        let settings = Settings::load(&data_dir.join("settings.json"));
        AppState {
            inner: Mutex::new(Inner {
                settings,
                ..Default::default()
            }),
            data_dir,
            menu: Mutex::new(None),
        }
    }

    /// The lock, also after a panic elsewhere: the document itself is transactional, so its
    /// state is never half-changed.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn settings_path(&self) -> PathBuf {
        self.data_dir.join("settings.json")
    }
}

impl Inner {
    pub fn doc(&self) -> Result<&Document, ApiError> {
        self.doc.as_ref().ok_or_else(ApiError::no_document)
    }

    pub fn doc_mut(&mut self) -> Result<&mut Document, ApiError> {
        self.doc.as_mut().ok_or_else(ApiError::no_document)
    }

    pub fn doc_state(&self) -> Result<DocState, ApiError> {
        let doc = self.doc()?;
        Ok(DocState {
            path: doc.path().display().to_string(),
            name: doc_name(doc.path()),
            undo: doc.undo_entry()?.map(|e| e.label),
            redo: doc.redo_entry()?.map(|e| e.label),
        })
    }
}

pub fn doc_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// File name of the document made on first start.
fn default_doc_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "Mijn klantreizen.klantreis",
        Lang::En => "My journeys.klantreis",
    }
}

/// Creates a document holding the sample journey and its persona in `lang`.
pub fn create_with_sample(path: &Path, lang: Lang) -> Result<Document, ApiError> {
    let mut doc = Document::create(path)?;
    let (journey, persona) = templates::sample(lang);
    doc.apply(&Edit::CreateJourney {
        journey,
        personas: vec![persona],
    })?;
    Ok(doc)
}

/// Picks and opens the document to start with: `KLANTREIS_DOCUMENT`, a `.klantreis` path on
/// the command line (file association), the last document, or the default one (made with the
/// sample journey on first start). When the last document cannot be opened the default one is
/// used and the reason is kept for the UI.
pub fn open_initial(state: &AppState, arg: Option<PathBuf>) -> Result<(), ApiError> {
    let mut inner = state.lock();
    let lang = inner.settings.lang();
    let explicit = std::env::var_os(ENV_DOCUMENT).map(PathBuf::from).or(arg);
    let doc = if let Some(path) = explicit {
        if path.exists() {
            Document::open(&path)?
        } else {
            create_with_sample(&path, lang)?
        }
    } else {
        let default = state.data_dir.join(default_doc_name(lang));
        let last = inner.settings.last_document.clone();
        match last.map(Document::open) {
            Some(Ok(doc)) => doc,
            Some(Err(e)) => {
                inner.startup_notice = Some(e.into());
                open_or_sample(&default, lang)?
            }
            None => open_or_sample(&default, lang)?,
        }
    };
    let path = doc.path().to_path_buf();
    inner.doc = Some(doc);
    inner.settings.opened(&path);
    save_settings(state, &inner.settings);
    Ok(())
}

fn open_or_sample(path: &Path, lang: Lang) -> Result<Document, ApiError> {
    if path.exists() {
        Ok(Document::open(path)?)
    } else {
        create_with_sample(path, lang)
    }
}

/// Settings are a convenience: failing to write them is reported on stderr, not to the user.
pub fn save_settings(state: &AppState, settings: &Settings) {
    if let Err(e) = settings.save(&state.settings_path()) {
        eprintln!("klantreis: cannot save settings: {e}");
    }
}

/// Makes `doc` the open document: the old one is closed (checkpointed), the settings,
/// window title and menu follow, and the UI is told to reload.
pub fn switch_to(app: &AppHandle<Wry>, doc: Document) {
    let state = app.state::<AppState>();
    {
        let mut inner = state.lock();
        if let Some(old) = inner.doc.take() {
            if let Err(e) = old.close() {
                eprintln!("klantreis: closing the previous document: {e}");
            }
        }
        let path = doc.path().to_path_buf();
        inner.doc = Some(doc);
        inner.settings.opened(&path);
        save_settings(&state, &inner.settings);
    }
    crate::menu::rebuild(app);
    refresh_chrome(app);
    let _ = app.emit(EVENT_DOC_CHANGED, ());
}

/// Brings the window title and the Undo/Redo menu items in line with the document.
pub fn refresh_chrome(app: &AppHandle<Wry>) {
    let state = app.state::<AppState>();
    let (doc_state, lang) = {
        let inner = state.lock();
        (inner.doc_state().ok(), inner.settings.lang())
    };
    if let Some(window) = app.get_webview_window("main") {
        let title = match &doc_state {
            Some(d) => format!("{} — Klantreis", d.name),
            None => "Klantreis".to_string(),
        };
        let _ = window.set_title(&title);
    }
    let menu = state.menu.lock().unwrap_or_else(|e| e.into_inner());
    if let (Some(handles), Some(d)) = (menu.as_ref(), doc_state) {
        set_item(
            &handles.undo,
            d.undo.is_some(),
            crate::menu::undo_text(lang, true),
        );
        set_item(
            &handles.redo,
            d.redo.is_some(),
            crate::menu::undo_text(lang, false),
        );
    }
}

fn set_item(item: &MenuItem<Wry>, enabled: bool, text: String) {
    let _ = item.set_enabled(enabled);
    let _ = item.set_text(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("klantreis-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn first_start_makes_the_sample_and_a_restart_reopens_it() {
        let dir = temp_dir("first");
        let state = AppState::new(dir.clone());
        state.lock().settings.language = crate::settings::LanguagePref::Nl;
        open_initial(&state, None).expect("opens");
        let doc = state.lock().doc_state().expect("a document");
        assert_eq!(doc.name, "Mijn klantreizen");
        let count = |s: &AppState| {
            s.lock()
                .doc()
                .map(|d| d.workspace().journeys.len())
                .unwrap_or(0)
        };
        assert_eq!(count(&state), 1, "the sample journey");
        save_settings(&state, &state.lock().settings);
        if let Some(d) = state.lock().doc.take() {
            d.close().expect("closes");
        }

        let again = AppState::new(dir.clone());
        open_initial(&again, None).expect("reopens");
        assert_eq!(again.lock().doc_state().expect("doc").path, doc.path);
        assert_eq!(count(&again), 1, "no second sample on a restart");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_damaged_last_document_falls_back_to_the_default_with_a_notice() {
        let dir = temp_dir("damaged");
        let bad = dir.join("bad.klantreis");
        std::fs::write(&bad, b"this is not a database").expect("writes");
        let mut settings = Settings::default();
        settings.opened(&bad);
        settings.save(&dir.join("settings.json")).expect("saves");

        let state = AppState::new(dir.clone());
        open_initial(&state, None).expect("opens the default instead");
        let notice = state
            .lock()
            .startup_notice
            .clone()
            .expect("a notice for the UI");
        assert_eq!(notice.code, "not_klantreis");
        assert_ne!(
            state.lock().doc_state().expect("doc").path,
            bad.display().to_string()
        );
        assert_eq!(
            std::fs::read(&bad).expect("reads"),
            b"this is not a database",
            "left untouched"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
