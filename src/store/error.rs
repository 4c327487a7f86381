//! The store's errors: one variant per thing the user can be told apart (a bad file, a busy
//! document, a full disk, an edit that does not apply), each with a stable [`StoreError::code`]
//! for the UI.

use crate::edit::EditError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: file not found")]
    NotFound { path: String },
    #[error("{path}: the file is empty, not a Klantreis document")]
    Empty { path: String },
    #[error("{path}: not a Klantreis document (not a SQLite database)")]
    NotSqlite { path: String },
    #[error("{path}: a SQLite database of another program (application id {found:#x}), not a Klantreis document")]
    WrongApplication { path: String, found: u32 },
    #[error("{path}: made by a newer Klantreis (file version {found}, this version reads up to {supported}); update Klantreis to open it")]
    TooNew {
        path: String,
        found: i32,
        supported: i32,
    },
    #[error("{path}: the document is damaged ({detail}); it was not changed")]
    Corrupt { path: String, detail: String },
    #[error("{path}: already exists")]
    Exists { path: String },
    #[error("{path}: the file was moved or deleted while it was open; this change was not saved (use Save as to keep the document)")]
    Gone { path: String },
    #[error("{path}: {}; this change was not saved", read_only_reason(.why))]
    ReadOnly { path: String, why: super::ReadOnly },
    #[error("the document is busy: another program is writing to it; try again")]
    Busy,
    #[error("the disk is full; the last change was not saved, nothing else was lost")]
    DiskFull,
    #[error("could not write the document (is the disk full or read-only?); the last change was not saved, nothing else was lost")]
    WriteFailed,
    #[error(transparent)]
    Edit(#[from] EditError),
    /// An edit of a group (several edits as one undo step) does not apply; nothing of the
    /// group was saved. `index` counts from 1.
    #[error("edit {index} of {count} ({label}): {source}")]
    GroupEdit {
        index: usize,
        count: usize,
        label: &'static str,
        source: EditError,
    },
    /// A ChangeSet committed as such (a journey restored from a version) would leave the
    /// document inconsistent.
    #[error("{0}")]
    InvalidChanges(String),
    #[error("cannot undo: {0}")]
    Conflict(String),
    /// Shared data from elsewhere that cannot be merged; nothing was changed.
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("stored record cannot be read: {0}")]
    Json(#[from] serde_json::Error),
}

/// Storing a refused image (`crate::media::check`) is an invalid edit: nothing was written.
impl From<crate::media::ImageError> for StoreError {
    fn from(e: crate::media::ImageError) -> Self {
        StoreError::Edit(EditError::Invalid(e.to_string()))
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::ReadOnly) => StoreError::WriteFailed,
            Some(ErrorCode::SystemIoFailure) => match &e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.extended_code == rusqlite::ffi::SQLITE_IOERR_READ
                        || f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHORT_READ =>
                {
                    StoreError::Sqlite(e)
                }
                _ => StoreError::WriteFailed,
            },
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// A stable code for the UI, which branches on a few of them.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound { .. } | StoreError::Gone { .. } => "not_found",
            StoreError::ReadOnly { .. } => "read_only",
            StoreError::Empty { .. } | StoreError::NotSqlite { .. } => "not_klantreis",
            StoreError::WrongApplication { .. } => "not_klantreis",
            StoreError::TooNew { .. } => "too_new",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::Exists { .. } => "exists",
            StoreError::Busy => "busy",
            StoreError::DiskFull | StoreError::WriteFailed => "disk_full",
            StoreError::Edit(_)
            | StoreError::GroupEdit { .. }
            | StoreError::InvalidChanges(_)
            | StoreError::Sync(_) => "invalid_edit",
            StoreError::Conflict(_) => "conflict",
            StoreError::Sqlite(_) | StoreError::Io(_) | StoreError::Json(_) => "io",
        }
    }
}

fn read_only_reason(why: &super::ReadOnly) -> &'static str {
    match why {
        super::ReadOnly::File => {
            "the document is read-only (the file or its folder cannot be written)"
        }
        super::ReadOnly::OpenElsewhere => {
            "the document is open in another Klantreis window, so it is read-only here"
        }
    }
}
