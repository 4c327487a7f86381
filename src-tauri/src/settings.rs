//! The app's own settings (language, last and recent documents, the sync server), kept as JSON in the data
//! directory. They are not part of any document: a document moves between machines, the
//! settings stay with the user.

use std::path::{Path, PathBuf};

use klantreis::Lang;
use serde::{Deserialize, Serialize};

/// How many documents File → Recent documents lists.
const RECENT_MAX: usize = 8;

/// The UI language the user chose; `System` follows the system locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum LanguagePref {
    #[default]
    System,
    Nl,
    En,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Settings {
    pub language: LanguagePref,
    pub last_document: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    /// The sync server for live sharing (`ws://host:port`); none by default, so nothing
    /// leaves the machine unless the user sets one and shares (`sync.rs`).
    pub sync_server: Option<String>,
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults, since losing a
    /// recent-documents list must never stop the app from starting.
    pub fn load(path: &Path) -> Settings {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Writes through a temporary file and a rename, so a crash never leaves half a file.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, path)
    }

    /// Notes that `doc` is now open: it becomes the last document and the first recent one.
    pub fn opened(&mut self, doc: &Path) {
        self.last_document = Some(doc.to_path_buf());
        self.recent.retain(|p| p != doc);
        self.recent.insert(0, doc.to_path_buf());
        self.recent.truncate(RECENT_MAX);
    }

    pub fn lang(&self) -> Lang {
        match self.language {
            LanguagePref::System => system_lang(),
            LanguagePref::Nl => Lang::Nl,
            LanguagePref::En => Lang::En,
        }
    }
}

/// The system language from the POSIX locale variables, in their order of precedence.
pub fn system_lang() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            if !v.is_empty() {
                return Lang::from_locale(&v);
            }
        }
    }
    Lang::En
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opened_moves_a_document_to_the_front_without_duplicates() {
        let mut s = Settings::default();
        for name in ["a", "b", "a"] {
            s.opened(Path::new(name));
        }
        assert_eq!(s.recent, [PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!(s.last_document, Some(PathBuf::from("a")));
        for i in 0..20 {
            s.opened(Path::new(&format!("d{i}")));
        }
        assert_eq!(s.recent.len(), RECENT_MAX, "the list is capped");
    }

    #[test]
    fn round_trip_and_bad_file() {
        let dir = std::env::temp_dir().join(format!("klantreis-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("settings.json");
        let mut s = Settings {
            language: LanguagePref::Nl,
            ..Default::default()
        };
        s.opened(Path::new("/tmp/x.klantreis"));
        s.save(&path).expect("saves");
        assert_eq!(Settings::load(&path), s);
        std::fs::write(&path, "{ not json").expect("writes");
        assert_eq!(
            Settings::load(&path),
            Settings::default(),
            "bad file gives defaults"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
