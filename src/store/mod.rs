//! The `.klantreis` document: a SQLite database holding a workspace and its undo history.
//!
//! Invariants:
//! - a file is checked before anything is written to it ([`check_file`]): not SQLite, another
//!   application's database, a newer schema or a failed `quick_check` each give their own
//!   [`StoreError`] and leave the file byte-identical;
//! - every edit (or group of edits) is one transaction holding both the changed records and
//!   the history rows, so an acknowledged edit survives a crash and is always undoable; the
//!   in-memory workspace is only updated after the commit succeeded, so a failed write (full
//!   disk) changes nothing;
//! - records are stored as JSON in a `data` column, with the keys the database must enforce
//!   (journey, phase, lane, order) as real columns with foreign keys;
//! - images are content-addressed and never deleted by an edit, so undo never needs their bytes;
//! - another process may edit the same file: each write starts with `BEGIN IMMEDIATE` and
//!   reloads the workspace first when `PRAGMA data_version` says someone else committed.
//!
//! Files: [`document`] (check, open, create, save as, close), [`history`] (edits, groups,
//! origins, undo and redo), [`images`], [`migrations`] (forward-only, schema 1 → 4),
//! [`snapshots`] (named versions of a journey, restored through the history), [`shared`]
//! (the Automerge documents of shared journeys, merges), `records` (rows ↔ records). May import `model` and `edit`. See `docs/architecture.md`.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::model::Workspace;

pub mod document;
mod error;
pub mod history;
pub mod images;
pub mod live;
pub mod migrations;
mod records;
pub mod shared;
pub mod snapshots;
pub mod temp;

pub use document::check_file;
pub use error::StoreError;
pub use history::{HistoryEntry, Origin, Step};
pub use shared::{MergeOutcome, SharedJourney};
pub use snapshots::{Snapshot, SnapshotInfo};

/// `application_id` of a Klantreis document: "KLNT".
pub const APPLICATION_ID: i32 = 0x4B4C_4E54;
/// The schema version this build writes; files with a higher `user_version` are refused.
pub const SCHEMA_VERSION: i32 = 5;

/// An open document.
pub struct Document {
    conn: Connection,
    path: PathBuf,
    ws: Workspace,
    data_version: i64,
    /// The file's identity (device, inode) when it was opened: a write checks that the path
    /// still names this file ([`Document::ensure_in_place`]).
    file_id: Option<(u64, u64)>,
    /// Why this document takes no writes, if it does not.
    read_only: Option<ReadOnly>,
    /// The Automerge actor of this opening (random, never stored: two copies of one file
    /// edited apart must be two actors), see [`shared`].
    actor: automerge::ActorId,
    /// The loaded Automerge documents of shared journeys, as committed (loading one is most of
    /// the cost of an edit); dropped whenever another process changed the file.
    shared_docs: std::collections::HashMap<String, automerge::AutoCommit>,
}

/// Why a document is open read-only: every write is refused with [`StoreError::ReadOnly`],
/// reading (and "save as" to a place that can be written) works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReadOnly {
    /// The file (or its folder) cannot be written by this user.
    File,
    /// Another Klantreis window has the document open (the app's lock, see `src-tauri`).
    OpenElsewhere,
}

/// The identity of the file at `path`: on Unix its device and inode, on Windows its volume's
/// serial number and its file index; `None` when there is no file. Two paths to one file give
/// the same identity; a file put in the place of another gives a new one.
fn file_id(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(windows)]
    {
        // Opened only to ask; std opens it sharing read, write and delete, so neither SQLite's
        // own handle nor a rename by the user is in the way.
        let file = std::fs::File::open(path).ok()?;
        match winapi_util::file::information(&file) {
            Ok(info) => Some((info.volume_serial_number(), info.file_index())),
            // A file system that gives no index (some network shares): only whether a file is
            // there at all is checked then, which still sees a move or a delete.
            Err(_) => Some((0, 0)),
        }
    }
    #[cfg(not(any(unix, windows)))]
    {
        // No identity to ask for: whether a file is there at all.
        std::fs::metadata(path).ok().map(|_| (0, 0))
    }
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("path", &self.path)
            .finish()
    }
}

fn disp(path: &Path) -> String {
    path.display().to_string()
}

fn data_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}
