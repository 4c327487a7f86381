//! The document as a file: checking an untrusted file before anything is written to it
//! ([`check_file`]), opening (with migrations), creating, "save as", closing.
//!
//! Invariants: a file that fails a check stays byte-identical; a new file or a copy appears
//! only once complete (built under a temporary name, fsynced, renamed); closing checkpoints the
//! write-ahead log so no `-wal` file is left behind.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::migrations::migrate;
use super::records::load;
use super::temp::temp_sibling;
use super::{
    data_version, disp, file_id, Document, ReadOnly, StoreError, APPLICATION_ID, SCHEMA_VERSION,
};
use crate::model::Workspace;

/// Checks a file that is about to be opened, without writing to it: readable SQLite, our
/// `application_id`, a schema version we know, and a passing `quick_check`.
pub fn check_file(path: &Path) -> Result<(), StoreError> {
    let p = disp(path);
    let mut f = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound { path: p.clone() },
        _ => StoreError::Io(e),
    })?;
    let len = f.metadata()?.len();
    if len == 0 {
        return Err(StoreError::Empty { path: p });
    }
    let mut header = [0u8; 100];
    if len < 100 || f.read_exact(&mut header).is_err() {
        return Err(StoreError::NotSqlite { path: p });
    }
    if &header[..16] != b"SQLite format 3\0" {
        return Err(StoreError::NotSqlite { path: p });
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let app = be32(68);
    if app as i32 != APPLICATION_ID {
        return Err(StoreError::WrongApplication {
            path: p,
            found: app,
        });
    }
    let version = be32(60) as i32;
    // Every Klantreis file has a schema version from 1 up; a negative one is damage, and
    // migrating from it would write to a file we then refuse (found by the open_bytes fuzzer).
    if version < 0 {
        return Err(StoreError::Corrupt {
            path: p,
            detail: format!("schema version {version} is not a version"),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: p,
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n => n as u64,
    };
    // With a non-empty write-ahead log beside it (a crash before the last checkpoint), the
    // main file may legitimately be shorter than its header says: the log holds the rest, and
    // quick_check below reads both. Only a file that stands alone must match its header.
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let has_wal = std::fs::metadata(&wal)
        .map(|m| m.len() > 0)
        .unwrap_or(false);
    if page_size < 512 || !page_size.is_power_of_two() || (!has_wal && len % page_size != 0) {
        return Err(StoreError::Corrupt {
            path: p,
            detail: "the file is truncated or padded".into(),
        });
    }
    // The page count in the header is valid when the "version valid for" number matches the
    // change counter; a shorter file than that was cut off.
    if !has_wal && be32(92) == be32(24) && (be32(28) as u64) * page_size > len {
        return Err(StoreError::Corrupt {
            path: p,
            detail: "the file is truncated".into(),
        });
    }
    let quick_check = |conn: &Connection| -> Result<Vec<String>, rusqlite::Error> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mut stmt = conn.prepare("PRAGMA quick_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::Corrupt {
        path: p.clone(),
        detail: e.to_string(),
    })?;
    let mut result = quick_check(&conn);
    // A write-ahead-log document needs its `-shm` file beside it even to be read; in a folder
    // nobody may write, SQLite cannot make one and says "unable to open", which is no damage.
    if cannot_open(&result) && !folder_writable(path) {
        result = open_in_read_only_folder(path).and_then(|c| quick_check(&c));
    }
    match result {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(()),
        Ok(rows) => Err(StoreError::Corrupt {
            path: p,
            detail: rows.into_iter().take(3).collect::<Vec<_>>().join("; "),
        }),
        Err(e) => match StoreError::from(e) {
            StoreError::Busy => Err(StoreError::Busy),
            other => Err(StoreError::Corrupt {
                path: p,
                detail: other.to_string(),
            }),
        },
    }
}

/// Whether a check failed because SQLite could not open a file it needs (the `-shm` beside
/// the document, in a folder it may not write).
fn cannot_open<T>(result: &Result<T, rusqlite::Error>) -> bool {
    matches!(result, Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen))
}

/// Whether a new file can be made beside `path`. Asked by trying, because permission bits do
/// not tell: root ignores them, and an immutable folder or a read-only mount refuses anyway.
fn folder_writable(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let probe = dir.join(format!(".klantreis-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// Opens a document in a folder that cannot be written, for reading only. `immutable=1` lets
/// SQLite read a write-ahead-log file without the `-shm` it cannot create there; nobody else
/// can be writing to it either, for that needs the same `-wal` and `-shm` files.
fn open_in_read_only_folder(path: &Path) -> Result<Connection, rusqlite::Error> {
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'%' | b'?' | b'#' | 0x80.. => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(b as char),
        }
    }
    uri.push_str("?immutable=1");
    let conn = Connection::open_with_flags(
        &uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Sqlite(rusqlite::Error::InvalidQuery));
    }
    // NORMAL in WAL mode: a commit reaches the OS before it is acknowledged, so it survives
    // the app crashing or being killed; only a power cut can drop the last few commits, and
    // never corrupts the file. FULL would fsync every edit (p99 ≈ 12 ms measured here, against
    // the 2 ms target for one edit).
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

impl Document {
    /// Opens an existing document after checking it (see [`check_file`]).
    pub fn open(path: impl AsRef<Path>) -> Result<Document, StoreError> {
        let path = path.as_ref();
        check_file(path)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if let Err(e) = configure(&conn) {
            // A writable file in a folder that is not (a shared drive, a locked folder): it
            // opens read-only, with the banner, instead of failing as if it were damaged.
            let refused = matches!(&e, StoreError::Sqlite(err)
                if err.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen));
            if !refused || folder_writable(path) {
                return Err(e);
            }
            let conn = open_in_read_only_folder(path)?;
            let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version < SCHEMA_VERSION {
                // An older file must be migrated before it can be read, and that is a write.
                return Err(StoreError::ReadOnly {
                    path: disp(path),
                    why: ReadOnly::File,
                });
            }
            let mut doc = Document::finish_open(conn, path)?;
            doc.read_only = Some(ReadOnly::File);
            return Ok(doc);
        }
        migrate(&mut conn).map_err(|e| match e {
            StoreError::TooNew {
                found, supported, ..
            } => StoreError::TooNew {
                path: disp(path),
                found,
                supported,
            },
            e => e,
        })?;
        // SQLite opens a file it may not write read-only without a word, and says so only at
        // the first write; asked here, the front end can say so before any edit. (Asked of the
        // connection: opening and closing a descriptor of our own would drop this process's
        // POSIX locks on the file, SQLite's among them.)
        let read_only = conn.is_readonly(rusqlite::DatabaseName::Main)?;
        let mut doc = Document::finish_open(conn, path)?;
        if read_only {
            doc.read_only = Some(ReadOnly::File);
        }
        Ok(doc)
    }

    /// Creates a new, empty document. The file appears only once it is complete (it is built
    /// under a temporary name and renamed), so a failure never leaves a half-made document.
    pub fn create(path: impl AsRef<Path>) -> Result<Document, StoreError> {
        let path = path.as_ref();
        if path.exists() {
            return Err(StoreError::Exists { path: disp(path) });
        }
        let tmp = temp_sibling(path);
        {
            let mut conn = Connection::open(&tmp)?;
            // Build in rollback-journal mode so the result is a single self-contained file.
            conn.pragma_update(None, "journal_mode", "DELETE")?;
            migrate(&mut conn)?;
            conn.close().map_err(|(_, e)| StoreError::from(e))?;
        }
        File::open(&tmp)?.sync_all()?;
        if let Err(e) = std::fs::rename(&tmp, path) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
        sync_dir(path);
        Document::open(path)
    }

    /// Opens the document, creating it when the file does not exist.
    pub fn open_or_create(path: impl AsRef<Path>) -> Result<Document, StoreError> {
        let path = path.as_ref();
        if path.exists() {
            Document::open(path)
        } else {
            Document::create(path)
        }
    }

    fn finish_open(conn: Connection, path: &Path) -> Result<Document, StoreError> {
        let ws = load(&conn)?;
        let data_version = data_version(&conn)?;
        Ok(Document {
            conn,
            path: path.to_path_buf(),
            ws,
            data_version,
            file_id: file_id(path),
            read_only: None,
            actor: automerge::ActorId::random(),
            shared_docs: Default::default(),
        })
    }

    /// Why the document takes no writes (`None`: it does).
    pub fn read_only(&self) -> Option<ReadOnly> {
        self.read_only
    }

    /// Makes the document refuse every write from now on (`None`: take writes again), for a
    /// front end that knows more than the file, e.g. that another window has it open.
    pub fn set_read_only(&mut self, why: Option<ReadOnly>) {
        self.read_only = why;
    }

    /// Whether the file was moved or deleted (or replaced by another) since it was opened.
    /// SQLite keeps writing to the file it opened, wherever it went: after a delete, that is
    /// a file nobody can open again.
    pub fn is_gone(&self) -> bool {
        self.file_id.is_some() && file_id(&self.path) != self.file_id
    }

    /// Refuses a write to a document whose file is gone ([`Document::is_gone`]): the change
    /// would be "saved" where nobody finds it. "Save as" still works (it reads).
    pub(super) fn ensure_in_place(&self) -> Result<(), StoreError> {
        if self.is_gone() {
            return Err(StoreError::Gone {
                path: disp(&self.path),
            });
        }
        if let Some(why) = self.read_only {
            return Err(StoreError::ReadOnly {
                path: disp(&self.path),
                why,
            });
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// Reloads from disk when another connection committed since we last looked; returns
    /// whether it did.
    pub fn refresh(&mut self) -> Result<bool, StoreError> {
        let v = data_version(&self.conn)?;
        if v != self.data_version {
            self.ws = load(&self.conn)?;
            self.shared_docs.clear();
            self.data_version = v;
            return Ok(true);
        }
        Ok(false)
    }

    /// Writes a complete copy of the document to `dest` (SQLite's backup API into a temporary
    /// file, fsync, rename), so `dest` is either the old file or the whole new one.
    pub fn save_as(&self, dest: impl AsRef<Path>) -> Result<(), StoreError> {
        let dest = dest.as_ref();
        let tmp = temp_sibling(dest);
        let result = (|| -> Result<(), StoreError> {
            let mut out = Connection::open(&tmp)?;
            {
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
                backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
            }
            // A single self-contained file: no -wal beside the copy.
            let _: String = out.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))?;
            out.close().map_err(|(_, e)| StoreError::from(e))?;
            File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, dest)?;
            sync_dir(dest);
            Ok(())
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// Checkpoints the WAL into the main file and closes, leaving no `-wal` file behind.
    pub fn close(mut self) -> Result<(), StoreError> {
        // A file we may not write has nothing of ours in its log to put back.
        if self.read_only != Some(ReadOnly::File) {
            self.checkpoint()?;
        }
        let conn = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        conn.close().map_err(|(_, e)| StoreError::from(e))
    }

    /// Copies the write-ahead log into the main file. The log is named after the path the
    /// document was opened at: when the file was moved away ([`Document::is_gone`]), this makes
    /// the moved file whole on its own.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Runs SQLite's full `integrity_check`; `Ok(())` when it reports ok.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let rows: Vec<String> = {
            let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<Result<_, _>>()?
        };
        if rows == ["ok"] {
            Ok(())
        } else {
            Err(StoreError::Corrupt {
                path: disp(&self.path),
                detail: rows.join("; "),
            })
        }
    }
}

impl Drop for Document {
    fn drop(&mut self) {
        // Best effort: `close` is the way to hear about errors; SQLite also checkpoints and
        // removes the -wal when the last connection closes.
        let _ = self.checkpoint();
    }
}

fn sync_dir(path: &Path) {
    // Makes the rename durable; not every platform can open a directory, so this is best effort.
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}
