//! Live sync rounds: the shared journeys of an open document against a sync server
//! ([`crate::sync::live::Live`]). What came from the server goes through
//! [`Document::merge_shared`] (repaired, origin `remote`), what was committed here is pushed;
//! the network never sits inside a SQLite transaction.
//!
//! Invariants:
//! - [`Document::sync_step`] never waits on the network: the app calls it from its background
//!   task as often as it likes, and an edit is never held up by it;
//! - [`Document::sync_round`] waits (up to its timeout) until the server and this document
//!   hold the same changes for every shared journey, pushing again whatever a merge added (a
//!   repair), so when it returns Ok both sides agree.

use std::time::{Duration, Instant};

use automerge::{AutoCommit, ChangeHash};

use super::shared::MergeOutcome;
use super::{Document, StoreError};
use crate::sync::live::{Live, LiveError};

/// What one round or step did, and what is waiting.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SyncReport {
    /// Merges that changed records here (remote edits that arrived).
    pub merged: Vec<MergeOutcome>,
    /// Shared journeys whose local changes the server has not confirmed yet.
    pub waiting: usize,
}

/// Why a round failed: the network, or the document.
#[derive(Debug, thiserror::Error)]
pub enum RoundError {
    #[error(transparent)]
    Live(#[from] LiveError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Document {
    /// One step for every shared journey, without waiting: pushes the local changes the live
    /// copy lacks, and merges the changes of the live copy that this document lacks. Only
    /// changes travel (the whole document is sent once, when the live copy is first opened),
    /// and the document compared is the one kept in memory, so a step with nothing new costs
    /// a few hash look-ups.
    pub fn sync_step(&mut self, live: &mut Live) -> Result<SyncReport, RoundError> {
        let mut report = SyncReport::default();
        for s in self.shared_journeys()? {
            let Some(ours) = self.shared_cached(&s.journey_id)? else {
                continue;
            };
            let our_heads = ours.get_heads();
            match live.heads(&s.doc_id) {
                None => live.push(&s.doc_id, &ours.save())?,
                Some(_) if live.has_changes(&s.doc_id, &our_heads) => {}
                Some(live_heads) => live.push_changes(&s.doc_id, missing(ours, &live_heads))?,
            }
            let live_heads = live.heads(&s.doc_id).unwrap_or_default();
            let lacking = self
                .shared_cached(&s.journey_id)?
                .is_some_and(|d| !d.get_missing_deps(&live_heads).is_empty());
            if lacking {
                let theirs = live.changes_after(&s.doc_id, &our_heads);
                let m = self.merge_shared_changes(&s.journey_id, theirs)?;
                // A repair made here is a change the others need too.
                if let Some(after) = self.shared_cached(&s.journey_id)? {
                    if after.get_heads() != live_heads {
                        live.push_changes(&s.doc_id, missing(after, &live_heads))?;
                    }
                }
                if !m.changes.changes.is_empty() {
                    report.merged.push(m);
                }
            }
            if !live.agreed(&s.doc_id) {
                report.waiting += 1;
            }
        }
        Ok(report)
    }

    /// One round for every shared journey: steps until the server and this document agree on
    /// each, or `timeout` has passed (then the error says which server and document).
    pub fn sync_round(
        &mut self,
        live: &mut Live,
        timeout: Duration,
    ) -> Result<SyncReport, RoundError> {
        let deadline = Instant::now() + timeout;
        live.wait_connected(timeout)?;
        let mut report = SyncReport::default();
        for s in self.shared_journeys()? {
            loop {
                let step = self.sync_step(live)?;
                report.merged.extend(step.merged);
                let left = deadline.saturating_duration_since(Instant::now());
                live.settle(&s.doc_id, left)?;
                // Settled: did the server bring anything this document has not merged yet?
                let ours = self.shared_heads(&s.journey_id)?.unwrap_or_default();
                if live.heads(&s.doc_id).unwrap_or_default() == ours {
                    break;
                }
                if left.is_zero() {
                    return Err(LiveError::Timeout {
                        server: live.server().to_string(),
                        url: s.url.clone(),
                        secs: timeout.as_secs(),
                    }
                    .into());
                }
            }
        }
        Ok(report)
    }
}

/// The changes of `ours` that a side at `theirs` lacks (heads of `theirs` that `ours` does not
/// know are left out of the comparison: they are the other side's own).
fn missing(ours: &mut AutoCommit, theirs: &[ChangeHash]) -> Vec<automerge::Change> {
    let unknown = ours.get_missing_deps(theirs);
    let known: Vec<ChangeHash> = theirs
        .iter()
        .filter(|h| !unknown.contains(h))
        .copied()
        .collect();
    ours.get_changes(&known)
}
