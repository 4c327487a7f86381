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

use super::shared::{load_doc, MergeOutcome};
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
    /// The stored document of shared journey `jid` as last committed (from the cache when it
    /// is current).
    fn current_shared(&mut self, jid: &str) -> Result<Option<AutoCommit>, StoreError> {
        self.refresh()?;
        if let Some(d) = self.shared_docs.get(jid) {
            return Ok(Some(d.clone()));
        }
        load_doc(&self.conn, jid)
    }

    /// One step for every shared journey, without waiting: pushes local changes the live copy
    /// lacks, and merges the live copy here when it holds changes this document lacks.
    pub fn sync_step(&mut self, live: &mut Live) -> Result<SyncReport, RoundError> {
        let mut report = SyncReport::default();
        for s in self.shared_journeys()? {
            let Some(mut ours) = self.current_shared(&s.journey_id)? else {
                continue;
            };
            let our_heads = ours.get_heads();
            let known = live.heads(&s.doc_id);
            if !contains_all(live, &s.doc_id, &our_heads, known.as_deref()) {
                live.push(&s.doc_id, &ours.save())?;
            }
            let live_heads = live.heads(&s.doc_id).unwrap_or_default();
            if !live_heads
                .iter()
                .all(|h| ours.get_change_by_hash(h).is_some())
            {
                if let Some(bytes) = live.save(&s.doc_id) {
                    let m = self.merge_shared(&s.journey_id, &bytes)?;
                    if let Some(mut after) = self.current_shared(&s.journey_id)? {
                        // A repair made here is a change the others need too.
                        if after.get_heads() != live_heads {
                            live.push(&s.doc_id, &after.save())?;
                        }
                    }
                    if !m.changes.changes.is_empty() {
                        report.merged.push(m);
                    }
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
                let ours = self
                    .current_shared(&s.journey_id)?
                    .map(|mut d| d.get_heads())
                    .unwrap_or_default();
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

/// Whether the live copy of `doc_id` holds every head in `heads`.
fn contains_all(
    live: &Live,
    doc_id: &str,
    heads: &[ChangeHash],
    known: Option<&[ChangeHash]>,
) -> bool {
    let Some(known) = known else {
        return false;
    };
    if heads.iter().all(|h| known.contains(h)) {
        return true;
    }
    live.has_changes(doc_id, heads)
}
