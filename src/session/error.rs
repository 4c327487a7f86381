//! Errors as a front end receives them: a stable [`ErrorCode`] to branch on and a readable
//! message. The desktop shell sends these as they are (`{code, message}`); the UI's types are
//! generated from them, so a code cannot be misspelt on either side.
//!
//! Invariant: every core error maps to exactly one code here; a new `StoreError` variant does
//! not compile until it is given one.

use serde::Serialize;

use crate::print::PrintError;
use crate::store::StoreError;
use crate::templates::TemplateError;

/// What went wrong, as far as a front end needs to tell cases apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No document is open (the app failed to open or create one).
    NoDocument,
    /// A file, journey or other record that is not there.
    NotFound,
    /// The file is not a Klantreis document.
    NotKlantreis,
    /// Made by a newer Klantreis.
    TooNew,
    Corrupt,
    /// The target already exists (or is already open).
    Exists,
    /// Another program holds the document.
    Busy,
    /// The document is open read-only (see `DocState::read_only`): the change was refused.
    ReadOnly,
    /// Nothing could be written; nothing was lost.
    DiskFull,
    /// The edit does not fit the document (unknown id, bad value): the caller's copy is stale.
    InvalidEdit,
    /// Undo or redo cannot be applied to the document as it is now.
    Conflict,
    Io,
    UnknownTemplate,
    /// Laying out or writing an export failed.
    Print,
    /// A file too large to take in.
    TooLarge,
    /// A file that is not a PNG or JPEG image.
    NotImage,
    /// A photo that is not a printed canvas of this journey (no canvas found, another
    /// journey's, a layout no saved version holds).
    NotCanvas,
    /// A bug or a failure of the machinery between UI and core.
    Internal,
}

impl ErrorCode {
    /// The code of a refused image.
    pub fn of_image(e: &crate::media::ImageError) -> ErrorCode {
        use crate::media::ImageError;
        match e {
            ImageError::TooManyBytes { .. } | ImageError::TooManyPixels { .. } => {
                ErrorCode::TooLarge
            }
            ImageError::NotAnImage | ImageError::Unreadable { .. } => ErrorCode::NotImage,
        }
    }

    /// The code of a document error.
    pub fn of_store(e: &StoreError) -> ErrorCode {
        match e {
            StoreError::NotFound { .. } | StoreError::Gone { .. } => ErrorCode::NotFound,
            StoreError::ReadOnly { .. } => ErrorCode::ReadOnly,
            StoreError::Empty { .. }
            | StoreError::NotSqlite { .. }
            | StoreError::WrongApplication { .. } => ErrorCode::NotKlantreis,
            StoreError::TooNew { .. } => ErrorCode::TooNew,
            StoreError::Corrupt { .. } => ErrorCode::Corrupt,
            StoreError::Exists { .. } => ErrorCode::Exists,
            StoreError::Busy => ErrorCode::Busy,
            StoreError::DiskFull | StoreError::WriteFailed => ErrorCode::DiskFull,
            // Shared data that cannot be merged is a change that does not apply; the UI has no
            // branch of its own for it (yet).
            StoreError::Edit(_)
            | StoreError::GroupEdit { .. }
            | StoreError::InvalidChanges(_)
            | StoreError::Sync(_) => ErrorCode::InvalidEdit,
            StoreError::Conflict(_) => ErrorCode::Conflict,
            StoreError::Sqlite(_) | StoreError::Io(_) | StoreError::Json(_) => ErrorCode::Io,
        }
    }
}

/// An error as a front end receives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
        }
    }

    pub fn no_document() -> ApiError {
        ApiError::new(ErrorCode::NoDocument, "no document is open")
    }

    pub fn no_journey(id: &str) -> ApiError {
        ApiError::new(ErrorCode::NotFound, format!("no journey with id {id:?}"))
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        ApiError::new(ErrorCode::of_store(&e), e.to_string())
    }
}

impl From<PrintError> for ApiError {
    fn from(e: PrintError) -> ApiError {
        let code = match e {
            PrintError::NoJourney(_) => ErrorCode::NotFound,
            _ => ErrorCode::Print,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<TemplateError> for ApiError {
    fn from(e: TemplateError) -> ApiError {
        ApiError::new(ErrorCode::UnknownTemplate, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_the_ui_names_them() {
        let e = ApiError::from(StoreError::DiskFull);
        let json = serde_json::to_value(&e).expect("serialises");
        assert_eq!(json["code"], "disk_full");
        assert!(json["message"]
            .as_str()
            .is_some_and(|m| m.contains("disk is full")));
        let missing = ApiError::from(PrintError::NoJourney("journey_x".into()));
        assert_eq!(missing.code, ErrorCode::NotFound);
    }

    #[test]
    fn store_codes_agree_with_the_store_s_own_names() {
        // The store names its errors for the CLI and logs; the UI's code must say the same.
        for e in [
            StoreError::NotFound { path: "x".into() },
            StoreError::Empty { path: "x".into() },
            StoreError::TooNew {
                path: "x".into(),
                found: 9,
                supported: 1,
            },
            StoreError::Busy,
            StoreError::WriteFailed,
            StoreError::Conflict("x".into()),
        ] {
            let json = serde_json::to_value(ErrorCode::of_store(&e)).expect("serialises");
            assert_eq!(json, e.code(), "{e}");
        }
    }
}
