//! What the shell holds between calls: the open document (as a core `Session`), the settings
//! and where they live. The bottom of the shell: it knows nothing of windows, menus or
//! commands (`chrome.rs`, `menu.rs` and `commands.rs` build on it, never the other way round).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use klantreis::session::{ApiError, Session};
use klantreis::store::ReadOnly;
use klantreis::{Document, Lang};

use crate::settings::Settings;

/// Points the app at another data directory (settings, default document): tests and the
/// measurements use it so they never touch the user's own data.
pub const ENV_DATA_DIR: &str = "KLANTREIS_DATA_DIR";
/// Opens this document (created with the sample journey when missing) instead of the last one.
pub const ENV_DOCUMENT: &str = "KLANTREIS_DOCUMENT";

#[derive(Default)]
pub struct Inner {
    pub session: Option<Session>,
    pub settings: Settings,
    /// Why the last document could not be reopened at start, shown once by the UI.
    pub startup_notice: Option<ApiError>,
    /// This app's writer lock on the open document (`instances.rs`); `None` while another
    /// app has it, and the document is then read-only here.
    pub writer_lock: Option<crate::instances::Lock>,
}

pub struct AppState {
    pub inner: Mutex<Inner>,
    pub data_dir: PathBuf,
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

    /// Settings are a convenience: failing to write them is reported on stderr, not to the user.
    pub fn save_settings(&self, settings: &Settings) {
        if let Err(e) = settings.save(&self.settings_path()) {
            eprintln!("klantreis: cannot save settings: {e}");
        }
    }
}

impl Inner {
    /// When the document is read-only because another app had it open, tries the lock again:
    /// true when this app is now its writer (the other one closed it).
    pub fn take_over(&mut self, data_dir: &Path) -> bool {
        let Some(session) = self.session.as_mut() else {
            return false;
        };
        if session.doc().read_only() != Some(ReadOnly::OpenElsewhere) {
            return false;
        }
        match crate::instances::lock(data_dir, session.doc().path()) {
            Ok(Some(lock)) => {
                self.writer_lock = Some(lock);
                session.doc_mut().set_read_only(None);
                true
            }
            _ => false,
        }
    }

    pub fn session(&self) -> Result<&Session, ApiError> {
        self.session.as_ref().ok_or_else(ApiError::no_document)
    }

    pub fn session_mut(&mut self) -> Result<&mut Session, ApiError> {
        self.session.as_mut().ok_or_else(ApiError::no_document)
    }

    pub fn doc(&self) -> Result<&Document, ApiError> {
        self.session().map(Session::doc)
    }

    /// Makes `session` the open one: the old document is closed (checkpointed) and the
    /// settings remember the new one.
    pub fn replace(&mut self, mut session: Session, state: &AppState) {
        if let Some(old) = self.session.take() {
            if let Err(e) = old.into_doc().close() {
                eprintln!("klantreis: closing the previous document: {e}");
            }
        }
        self.writer_lock = None;
        let path = session.doc().path().to_path_buf();
        match crate::instances::lock(&state.data_dir, &path) {
            Ok(Some(lock)) => self.writer_lock = Some(lock),
            Ok(None) => session
                .doc_mut()
                .set_read_only(Some(ReadOnly::OpenElsewhere)),
            // Without the lock machinery the app works as before: the store still keeps two
            // writers from overwriting each other.
            Err(e) => eprintln!("klantreis: cannot lock {}: {e}", path.display()),
        }
        self.session = Some(session);
        self.settings.opened(&path);
        state.save_settings(&self.settings);
    }
}

/// File name of the document made on first start.
fn default_doc_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "Mijn klantreizen.klantreis",
        Lang::En => "My journeys.klantreis",
    }
}

/// Picks and opens the document to start with: `KLANTREIS_DOCUMENT`, a `.klantreis` path on
/// the command line (file association), the last document, or the default one (made with the
/// sample journey on first start). When the last document cannot be opened the default one is
/// used and the reason is kept for the UI.
pub fn open_initial(state: &AppState, arg: Option<PathBuf>) -> Result<(), ApiError> {
    let mut inner = state.lock();
    let lang = inner.settings.lang();
    let explicit = std::env::var_os(ENV_DOCUMENT).map(PathBuf::from).or(arg);
    let session = if let Some(path) = explicit {
        open_or_sample(&path, lang)?
    } else {
        let default = state.data_dir.join(default_doc_name(lang));
        let last = inner.settings.last_document.clone();
        match last.map(Document::open) {
            Some(Ok(doc)) => Session::new(doc),
            Some(Err(e)) => {
                inner.startup_notice = Some(e.into());
                open_or_sample(&default, lang)?
            }
            None => open_or_sample(&default, lang)?,
        }
    };
    inner.replace(session, state);
    Ok(())
}

fn open_or_sample(path: &Path, lang: Lang) -> Result<Session, ApiError> {
    Ok(if path.exists() {
        Session::new(Document::open(path)?)
    } else {
        Session::create_with_sample(path, lang)?
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use klantreis::session::ErrorCode;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("klantreis-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    fn doc_state(state: &AppState) -> klantreis::session::DocState {
        state
            .lock()
            .session()
            .and_then(Session::doc_state)
            .expect("a document")
    }

    #[test]
    fn first_start_makes_the_sample_and_a_restart_reopens_it() {
        let dir = temp_dir("first");
        let state = AppState::new(dir.clone());
        state.lock().settings.language = crate::settings::LanguagePref::Nl;
        open_initial(&state, None).expect("opens");
        let doc = doc_state(&state);
        assert_eq!(doc.name, "Mijn klantreizen");
        let count = |s: &AppState| {
            s.lock()
                .doc()
                .map(|d| d.workspace().journeys.len())
                .unwrap_or(0)
        };
        assert_eq!(count(&state), 1, "the sample journey");
        state.save_settings(&state.lock().settings);
        if let Some(s) = state.lock().session.take() {
            s.into_doc().close().expect("closes");
        }

        let again = AppState::new(dir.clone());
        open_initial(&again, None).expect("reopens");
        assert_eq!(doc_state(&again).path, doc.path);
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
        assert_eq!(notice.code, ErrorCode::NotKlantreis);
        assert_ne!(doc_state(&state).path, bad.display().to_string());
        assert_eq!(
            std::fs::read(&bad).expect("reads"),
            b"this is not a database",
            "left untouched"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
