//! Team sharing: one Automerge document per shared journey, and the way back from a merged
//! document to the records the rest of the app reads.
//!
//! SQLite stays the file and the source every view reads; the Automerge document of a shared
//! journey travels beside it (tables `sync_docs` and `sync_changes`, see
//! `store::shared`). Two directions, each one pure function here:
//! - **out** ([`write`]): every commit that touches a shared journey writes the records it
//!   changed into that journey's Automerge document, in the same SQLite transaction as the
//!   records and the history row (the store calls [`write::write_record`]);
//! - **in** ([`read`], [`repair`]): a merged document is read back into a journey and its
//!   personas, repaired deterministically (every peer that holds the same changes repairs the
//!   same way), and the difference with the local journey becomes a ChangeSet that goes
//!   through the one commit path with origin `remote`.
//!
//! The document's shape (its root map), documented for other Automerge clients in
//! `docs/sharing.md`:
//! - `klantreis`: the format, [`FORMAT`];
//! - `journey`: the journey's own fields; `personas`, `phases`, `lanes`, `cards`: maps from a
//!   record's stable id to the record's fields;
//! - prose (a card's text, names, titles, descriptions) is Automerge text, so two people typing
//!   in one card both keep their words; every other field is one value (last writer wins), and
//!   lists and nested objects are replaced whole, never edited in place;
//! - a card's `{phase_id, lane_id, order}` is one value, the map `place`, written afresh on
//!   every move, so two concurrent moves leave the card in one of the two cells, never in a
//!   mix of both; order keys stay fractional strings (ties broken by id, as everywhere);
//! - fields that point outside the journey (a comparison, phase matches, photos, which are
//!   images in this file only) stay local: they are not written, and a merge keeps the local
//!   value.
//!
//! May import `model` and `edit`; `store` imports this module, not the other way round.

pub mod fields;
pub mod live;
pub mod read;
pub mod repair;
pub mod url;
pub mod write;

pub use read::{hydrate, Hydrated};
pub use url::{new_doc_id, url_of};

/// The value of the root key `klantreis` in every shared journey's document.
pub const FORMAT: &str = "klantreis-journey/1";

/// The most Automerge data one merge takes from elsewhere (a file's document, or the changes a
/// live step brings). A 5,000-card journey's whole document is about 140 KB, so this leaves
/// room for years of history and refuses a peer that floods.
pub const MAX_INCOMING: usize = 8 * 1024 * 1024;

/// The longest prose (a card's text, a name) read from a shared document, in characters; a
/// longer one is cut there, with a note, and the cut is written back like any repair.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Why a document from elsewhere cannot be merged. The local document is never changed when
/// one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the shared data cannot be read as an Automerge document ({0})")]
    NotAutomerge(String),
    #[error("the Automerge document holds no Klantreis journey (its `klantreis` key is {0})")]
    NotJourney(String),
    #[error("the Automerge document is another one: it does not share this journey's history")]
    Unrelated,
    #[error("the merged journey is not valid even after repair: {0}")]
    Invalid(String),
    #[error("the shared data is {0} bytes, more than the {max} a merge takes: refused", max = MAX_INCOMING)]
    TooLarge(usize),
    #[error("Automerge: {0}")]
    Automerge(#[from] automerge::AutomergeError),
}

/// Checks that `theirs` is a shared journey and the same one as `ours`: it carries the format
/// marker and the change that made `ours` (the first one, which shared the journey). Merging
/// an unrelated document would put two journeys' tables in conflict.
pub fn check_related(
    ours: &mut automerge::AutoCommit,
    theirs: &mut automerge::AutoCommit,
) -> Result<(), SyncError> {
    match fields::get(theirs, &automerge::ROOT, "klantreis") {
        Some(serde_json::Value::String(f)) if f == FORMAT => {}
        other => {
            return Err(SyncError::NotJourney(
                other.map_or("missing".to_string(), |v| v.to_string()),
            ))
        }
    }
    let first = ours
        .get_changes(&[])
        .into_iter()
        .find(|c| c.deps().is_empty())
        .map(|c| c.hash());
    match first {
        Some(h) if theirs.get_change_by_hash(&h).is_some() => Ok(()),
        _ => Err(SyncError::Unrelated),
    }
}
