//! Klantreis core: customer journeys in a local SQLite document, with undo history, templates,
//! JSON interchange, layout and exports. No UI framework in here; the desktop shell and the CLI
//! are thin layers over this crate.
//!
//! Folders follow the pipeline (`docs/architecture.md`), each depending only on those below it:
//!
//! ```text
//!  model ──► edit ──► store                      (the document and its history; sync, media)
//!    │
//!    ├──► analysis                               (figures: emotion curve, peak-end, …)
//!    │
//!  scene ──► layout ──► export                   (one Scene for screen and paper)
//!                 └──► print ◄──┘                (the one print use case: `print::export`)
//!                        ▼
//!                       scan                     (a photo of the printed wall read back)
//! ```
//!
//! `templates`, `interchange` and `overview` sit on top of the floors they use; `session` is
//! the top: an open document as a front end works on it (one answer per edit, the scan
//! review). The table of what may import what is in `docs/architecture.md`, and the
//! `architecture` test holds the code to it.

pub mod analysis;
#[cfg(test)]
mod architecture;
pub mod edit;
pub mod export;
pub mod interchange;
pub mod layout;
pub mod media;
pub mod model;
pub mod overview;
pub mod preflight;
pub mod print;
pub mod scan;
pub mod scene;
pub mod sentences;
pub mod session;
pub mod store;
pub mod sync;
pub mod templates;

pub use edit::{ChangeSet, Edit};
pub use model::*;
pub use model::{ids, order};
pub use store::{Document, StoreError};
