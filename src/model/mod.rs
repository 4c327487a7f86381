//! The domain: a workspace of personas and journeys.
//!
//! Invariants (checked by [`Journey::validate`] and kept by every [`crate::edit::Edit`]):
//! - every record has a stable, non-empty string id, unique within the workspace;
//! - phases, lanes and cards are ordered by fractional `order` keys ([`crate::model::order`]); ties
//!   are broken by id so the order is total and reordering never renumbers other records;
//! - every card points at a phase and a lane of its own journey;
//! - every link joins two different cards of its own journey;
//! - emotions lie in `-2 ..= 2`; value and effort scores of a card in `1 ..= 5`.
//!
//! The types are plain serde data, shared by the store, the JSON interchange format and the UI.
//!
//! The ground floor of the core: imports nothing of the crate but its own `ids` (stable record
//! ids, timestamps), `order` (fractional order keys) and `text` (the one rule for control
//! characters in text that enters a document). See `docs/architecture.md`.

mod card;
mod grid;
pub mod ids;
mod image;
mod journey;
mod link;
pub mod order;
mod persona;
pub mod text;
mod validate;
mod workshop;

pub use card::*;
pub use grid::*;
pub use image::*;
pub use journey::*;
pub use link::*;
pub use persona::*;
pub use workshop::*;
