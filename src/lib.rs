//! Klantreis core: customer journeys in a local SQLite document, with undo history, templates,
//! JSON interchange, layout and exports. No UI framework in here; the desktop shell and the CLI
//! are thin layers over this crate.
//!
//! Modules follow the pipeline, each depending only on those before it:
//! `model` → `edit` → `store` → `layout` → `export`, plus `templates` and `interchange`.

pub mod edit;
pub mod export;
pub mod ids;
pub mod interchange;
pub mod layout;
pub mod model;
pub mod order;
pub mod overview;
pub mod print;
pub mod store;
pub mod templates;

pub use edit::{ChangeSet, Edit};
pub use model::*;
pub use store::{Document, StoreError};
