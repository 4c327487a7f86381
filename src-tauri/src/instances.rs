//! One writer per document among Klantreis windows: the app holds an exclusive lock for the
//! document it has open, so a second app on the same file opens it read-only (with a banner,
//! `DocState::read_only`) instead of being a second writer, and takes over writing when the
//! first one lets go. A leaf of the shell: imports nothing of it.
//!
//! The lock is on a file of its own in the data directory (`open/<hash of the path>.lock`),
//! never on the document: closing any other descriptor of the document would drop SQLite's
//! own POSIX locks on it. Two windows of one process never share a document (the menu
//! refuses to open the open one), so the lock is only ever contended between processes. The command-line tool takes no lock; the store keeps it and the app
//! from overwriting each other (see `src/store/mod.rs`).

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// The lock file for `doc` under `data_dir`.
fn lock_path(data_dir: &Path, doc: &Path) -> PathBuf {
    let canonical = doc.canonicalize().unwrap_or_else(|_| doc.to_path_buf());
    // SipHash with fixed keys: the same name in every process of this build.
    let mut h = std::hash::DefaultHasher::new();
    canonical.hash(&mut h);
    data_dir
        .join("open")
        .join(format!("{:016x}.lock", h.finish()))
}

/// This app's hold on a document: while it lives, no other app gets the lock.
pub struct Lock {
    _held: rusqlite::Connection,
}

/// Takes the lock for `doc`: `Ok(Some(lock))` while this app is its writer (dropping the
/// lock lets go; so does the process ending, however it ends), `Ok(None)` when another app
/// holds it. The lock is SQLite's own on the lock file (exclusive locking mode, held from a
/// first write until the connection closes): the same on every platform and Rust version.
pub fn lock(data_dir: &Path, doc: &Path) -> std::io::Result<Option<Lock>> {
    let path = lock_path(data_dir, doc);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let conn = rusqlite::Connection::open(&path).map_err(std::io::Error::other)?;
    let taken = (|| {
        conn.busy_timeout(std::time::Duration::ZERO)?;
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
    })();
    match taken {
        Ok(()) => Ok(Some(Lock { _held: conn })),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(std::io::Error::other(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_per_document_and_the_next_takes_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = dir.path().join("a.klantreis");
        std::fs::write(&doc, b"").expect("doc");
        let first = lock(dir.path(), &doc).expect("lock").expect("free");
        assert!(lock(dir.path(), &doc).expect("lock").is_none(), "held");
        // Another document is free.
        let other = dir.path().join("b.klantreis");
        std::fs::write(&other, b"").expect("doc");
        assert!(lock(dir.path(), &other).expect("lock").is_some());
        drop(first);
        assert!(lock(dir.path(), &doc).expect("lock").is_some(), "let go");
    }
}
