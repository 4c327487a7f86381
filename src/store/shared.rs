//! Shared journeys in the document: each one's Automerge document (tables `sync_docs` and
//! `sync_changes`), written in the same transaction as every commit that changes the journey,
//! and merges of someone else's changes through the one commit path.
//!
//! Invariants:
//! - `sync_docs` holds one row per shared journey: its document id (the `automerge:` URL's)
//!   and a saved document; `sync_changes` holds what was added since, one row per commit
//!   (Automerge's incremental save), folded into `sync_docs.doc` every [`COMPACT_AFTER`] rows.
//!   Base plus rows in `seq` order is the document;
//! - every commit (an edit, a group, undo, redo, a restore, a merge) that changes a shared
//!   journey or a persona it links writes the Automerge change in its own transaction
//!   ([`record`], called by `history`), so records and document never disagree on disk;
//! - the Automerge actor is random per opened document, never stored in the file: two copies
//!   of one file (a USB stick) edited apart are two actors, as Automerge requires;
//! - a merge reads the incoming document, repairs it deterministically (`sync::repair`),
//!   commits the difference as one history group with origin `remote` (local undo skips it),
//!   and stores the incoming changes and the repair; anything unreadable is refused before a
//!   byte is written;
//! - deleting a shared journey here leaves its document as it was: it does not delete the
//!   journey for everyone.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use automerge::transaction::CommitOptions;
use automerge::{ActorId, AutoCommit, ChangeHash};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use super::history::Step;
use super::{check_file, disp, Document, Origin, StoreError};
use crate::edit::{self, Change, ChangeSet, Record};
use crate::model::Workspace;
use crate::sync::{self, write, SyncError};

/// Incremental rows after which a shared journey's document is saved whole again.
pub const COMPACT_AFTER: i64 = 64;

/// A shared journey, for lists and the CLI.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SharedJourney {
    pub journey_id: String,
    pub doc_id: String,
    /// The `automerge:` URL any Automerge client can open.
    pub url: String,
}

/// What one merge did.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    pub journey_id: String,
    /// The records the merge changed here (empty when this side already had everything).
    pub changes: ChangeSet,
    /// What the repair did or left out, in words.
    pub notes: Vec<String>,
}

/// A document merged with incoming changes, handed to [`record`] instead of the stored one.
pub(super) struct Merged {
    pub journey_id: String,
    pub doc: AutoCommit,
    /// The heads of the stored document before the merge: everything after them is saved.
    pub stored_heads: Vec<ChangeHash>,
}

fn not_automerge(e: impl std::fmt::Display) -> StoreError {
    StoreError::Sync(SyncError::NotAutomerge(e.to_string()))
}

/// The stored document of journey `jid`, `None` when the journey is not shared.
pub(super) fn load_doc(conn: &Connection, jid: &str) -> Result<Option<AutoCommit>, StoreError> {
    let base: Option<Vec<u8>> = conn
        .prepare_cached("SELECT doc FROM sync_docs WHERE journey_id = ?1")?
        .query_row([jid], |r| r.get(0))
        .optional()?;
    let Some(mut bytes) = base else {
        return Ok(None);
    };
    // One load of the saved document and the changes after it, concatenated (Automerge reads
    // a sequence of chunks). Loading is most of the cost of an edit to a large shared journey
    // (docs/sharing.md), so an open document keeps what it loaded (`Document::shared_docs`).
    let mut stmt =
        conn.prepare_cached("SELECT bytes FROM sync_changes WHERE journey_id = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([jid])?;
    while let Some(r) = rows.next()? {
        bytes.extend_from_slice(r.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?);
    }
    let doc = AutoCommit::load(&bytes).map_err(not_automerge)?;
    Ok(Some(doc))
}

fn shared_ids(conn: &Connection) -> Result<HashSet<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT journey_id FROM sync_docs")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// Writes the Automerge side of a commit: for every shared journey that `cs` touches (its
/// records, or a persona it links), the changed records go into its document and the new
/// change into `sync_changes`. `before` is the workspace the ChangeSet starts from. Documents
/// come from `cache` (the caller's, as last committed) or the file; the changed ones are
/// returned for the caller to cache once the transaction is committed.
pub(super) fn record(
    tx: &Connection,
    before: &Workspace,
    cs: &ChangeSet,
    actor: &ActorId,
    label: &str,
    merged: Option<Merged>,
    cache: &mut HashMap<String, AutoCommit>,
) -> Result<Vec<(String, AutoCommit)>, StoreError> {
    let mut written = Vec::new();
    let shared = shared_ids(tx)?;
    if shared.is_empty() {
        return Ok(written);
    }
    // The journeys as they will be: a persona change reaches every shared journey linking it.
    let mut metas: BTreeMap<&str, &crate::model::JourneyMeta> = before
        .journeys
        .iter()
        .map(|j| (j.meta.id.as_str(), &j.meta))
        .collect();
    let mut gone: HashSet<&str> = HashSet::new();
    for c in &cs.changes {
        match (&c.before, &c.after) {
            (_, Some(Record::Journey(m))) => {
                metas.insert(m.id.as_str(), m);
            }
            (Some(Record::Journey(m)), None) => {
                gone.insert(m.id.as_str());
            }
            _ => {}
        }
    }
    let mut touched: BTreeMap<String, Vec<&Change>> = BTreeMap::new();
    for c in &cs.changes {
        let Some(r) = c.after.as_ref().or(c.before.as_ref()) else {
            continue;
        };
        match r.journey_id() {
            Some(j) => {
                if shared.contains(j) && !gone.contains(j) {
                    touched.entry(j.to_string()).or_default().push(c);
                }
            }
            None => {
                for (j, m) in &metas {
                    if shared.contains(*j)
                        && !gone.contains(j)
                        && m.persona_ids.contains(&r.id().to_string())
                    {
                        touched.entry(j.to_string()).or_default().push(c);
                    }
                }
            }
        }
    }
    if let Some(m) = &merged {
        touched.entry(m.journey_id.clone()).or_default();
    }
    let mut merged = merged;
    for (jid, changes) in touched {
        let (mut doc, base) = match merged.take_if(|m| m.journey_id == jid) {
            Some(m) => (m.doc, m.stored_heads),
            None => {
                // Taken out of the cache: it goes back (changed) only once the commit is done.
                let cached = cache.remove(&jid);
                let Some(mut d) = cached.map_or_else(|| load_doc(tx, &jid), |d| Ok(Some(d)))?
                else {
                    continue;
                };
                let heads = d.get_heads();
                (d, heads)
            }
        };
        doc.set_actor(actor.clone());
        let mut linked_changed = false;
        for c in changes {
            match (&c.before, &c.after) {
                (_, Some(r)) => {
                    linked_changed |= matches!(r, Record::Journey(_));
                    write::write_record(&mut doc, r).map_err(SyncError::from)?;
                }
                (Some(r), None) => write::delete_record(&mut doc, r).map_err(SyncError::from)?,
                (None, None) => {}
            }
        }
        // A journey that links a persona carries that persona in its document.
        if linked_changed {
            if let Some(m) = metas.get(jid.as_str()) {
                for pid in &m.persona_ids {
                    let after = cs.changes.iter().rev().find_map(|c| match &c.after {
                        Some(Record::Persona(p)) if p.id == *pid => Some(p),
                        _ => None,
                    });
                    if let Some(p) = after.or_else(|| before.persona(pid)) {
                        write::write_record(&mut doc, &Record::Persona(p.clone()))
                            .map_err(SyncError::from)?;
                    }
                }
            }
        }
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        doc.commit_with(CommitOptions::default().with_message(label).with_time(now));
        save_after(tx, &jid, &mut doc, &base)?;
        written.push((jid, doc));
    }
    Ok(written)
}

/// Stores what `doc` has beyond `base` and folds the rows into one save now and then.
fn save_after(
    tx: &Connection,
    jid: &str,
    doc: &mut AutoCommit,
    base: &[ChangeHash],
) -> Result<(), StoreError> {
    let bytes = doc.save_after(base);
    if bytes.is_empty() {
        return Ok(());
    }
    tx.prepare_cached("INSERT INTO sync_changes (journey_id, bytes) VALUES (?1, ?2)")?
        .execute(params![jid, bytes])?;
    let rows: i64 = tx
        .prepare_cached("SELECT count(*) FROM sync_changes WHERE journey_id = ?1")?
        .query_row([jid], |r| r.get(0))?;
    if rows > COMPACT_AFTER {
        tx.prepare_cached("UPDATE sync_docs SET doc = ?2 WHERE journey_id = ?1")?
            .execute(params![jid, doc.save()])?;
        tx.prepare_cached("DELETE FROM sync_changes WHERE journey_id = ?1")?
            .execute([jid])?;
    }
    Ok(())
}

impl Document {
    /// Shares journey `jid`: makes its Automerge document (the journey, its phases, lanes,
    /// cards and the personas it links) with a new document id. Sharing a journey that is
    /// shared already returns it as it is.
    pub fn share(&mut self, jid: &str) -> Result<SharedJourney, StoreError> {
        if let Some(s) = self
            .shared_journeys()?
            .into_iter()
            .find(|s| s.journey_id == jid)
        {
            return Ok(s);
        }
        self.ensure_in_place()?;
        let j = self.ws.journey(jid).ok_or_else(|| {
            StoreError::InvalidChanges(format!("no journey with id {jid:?} to share"))
        })?;
        let mut doc = AutoCommit::new().with_actor(self.actor.clone());
        write::init(&mut doc).map_err(SyncError::from)?;
        let mut records = vec![Record::Journey(j.meta.clone())];
        for pid in &j.meta.persona_ids {
            if let Some(p) = self.ws.persona(pid) {
                records.push(Record::Persona(p.clone()));
            }
        }
        records.extend(j.phases.iter().map(|p| Record::phase(jid, p)));
        records.extend(j.lanes.iter().map(|l| Record::lane(jid, l)));
        records.extend(j.cards.iter().map(|c| Record::card(jid, c)));
        for r in &records {
            write::write_record(&mut doc, r).map_err(SyncError::from)?;
        }
        doc.commit_with(CommitOptions::default().with_message("share"));
        let doc_id = sync::new_doc_id();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO sync_docs (journey_id, doc_id, doc) VALUES (?1, ?2, ?3)",
            params![jid, doc_id, doc.save()],
        )?;
        tx.commit()?;
        Ok(SharedJourney {
            journey_id: jid.to_string(),
            url: sync::url_of(&doc_id),
            doc_id,
        })
    }

    /// The shared journeys of this document.
    pub fn shared_journeys(&self) -> Result<Vec<SharedJourney>, StoreError> {
        shared_in(&self.conn)
    }

    /// The whole Automerge document of shared journey `jid` (what another copy merges).
    pub fn shared_doc(&self, jid: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(load_doc(&self.conn, jid)?.map(|mut d| d.save()))
    }

    /// Merges Automerge data from elsewhere (a whole document or changes) into shared journey
    /// `jid`. The result is repaired, committed as one step with origin `remote`, and the
    /// incoming changes are stored; data that cannot be read changes nothing.
    pub fn merge_shared(&mut self, jid: &str, incoming: &[u8]) -> Result<MergeOutcome, StoreError> {
        self.ensure_in_place()?;
        let Some(mut doc) = load_doc(&self.conn, jid)? else {
            return Err(StoreError::InvalidChanges(format!(
                "journey {jid:?} is not shared in this document"
            )));
        };
        let stored_heads = doc.get_heads();
        if incoming.len() > sync::MAX_INCOMING {
            return Err(StoreError::Sync(SyncError::TooLarge(incoming.len())));
        }
        // Loaded and checked apart first: bytes that are no Automerge at all, another kind of
        // document, or another journey's, never touch ours.
        let mut theirs = AutoCommit::load(incoming).map_err(not_automerge)?;
        sync::check_related(&mut doc, &mut theirs)?;
        doc.merge(&mut theirs).map_err(not_automerge)?;
        self.commit_merged(jid, doc, stored_heads, None)
    }

    /// Merges `changes` (from the live copy of shared journey `jid`: what this side lacks)
    /// like [`Document::merge_shared`], but into the document this one keeps in memory: no
    /// whole document is loaded, saved or compared, so a live step costs what arrived (plus
    /// reading the journey back).
    pub fn merge_shared_changes(
        &mut self,
        jid: &str,
        changes: Vec<automerge::Change>,
    ) -> Result<MergeOutcome, StoreError> {
        self.ensure_in_place()?;
        let size: usize = changes.iter().map(|c| c.raw_bytes().len()).sum();
        if size > sync::MAX_INCOMING {
            return Err(StoreError::Sync(SyncError::TooLarge(size)));
        }
        self.refresh()?;
        // Taken out of the cache: it goes back (merged) only once the commit is done, and a
        // failure leaves the file's copy to be loaded again.
        let cached = self.shared_docs.remove(jid);
        let Some(mut doc) = cached.map_or_else(|| load_doc(&self.conn, jid), |d| Ok(Some(d)))?
        else {
            return Err(StoreError::InvalidChanges(format!(
                "journey {jid:?} is not shared in this document"
            )));
        };
        let stored_heads = doc.get_heads();
        doc.apply_changes(changes).map_err(not_automerge)?;
        if !doc.get_missing_deps(&[]).is_empty() {
            // Changes whose history this side does not hold: Automerge keeps them aside.
            return Err(StoreError::Sync(SyncError::Unrelated));
        }
        // Only the records the changes reached are read back (one card's move: one card).
        let heads = doc.get_heads();
        let touched = sync::read::Touched::of(&doc.diff(&stored_heads, &heads));
        self.commit_merged(jid, doc, stored_heads, touched)
    }

    /// The heads of shared journey `jid`'s document as last committed (kept in memory after
    /// the first look), `None` when it is not shared.
    pub fn shared_heads(&mut self, jid: &str) -> Result<Option<Vec<ChangeHash>>, StoreError> {
        Ok(self.shared_cached(jid)?.map(AutoCommit::get_heads))
    }

    /// The document of shared journey `jid` as last committed, loaded once and kept.
    pub(super) fn shared_cached(
        &mut self,
        jid: &str,
    ) -> Result<Option<&mut AutoCommit>, StoreError> {
        self.refresh()?;
        if !self.shared_docs.contains_key(jid) {
            let Some(d) = load_doc(&self.conn, jid)? else {
                return Ok(None);
            };
            self.shared_docs.insert(jid.to_string(), d);
        }
        Ok(self.shared_docs.get_mut(jid))
    }

    /// Reads merged document `doc` back, repairs it and commits the difference with the local
    /// journey as one step with origin `remote`, storing what `doc` has beyond `stored_heads`.
    /// With `touched`, only those records are read back; without, the whole document.
    fn commit_merged(
        &mut self,
        jid: &str,
        doc: AutoCommit,
        stored_heads: Vec<ChangeHash>,
        touched: Option<sync::read::Touched>,
    ) -> Result<MergeOutcome, StoreError> {
        let local = self
            .ws
            .journey(jid)
            .ok_or_else(|| StoreError::InvalidChanges(format!("no journey with id {jid:?}")))?;
        let h = match &touched {
            Some(t) => sync::read::hydrate_touched(&doc, local, &self.ws.personas, t)?,
            None => sync::hydrate(&doc, local, &self.ws.personas)?,
        };
        let mut cs = ChangeSet::default();
        for p in &h.personas {
            let mine = self.ws.persona(&p.id);
            if mine != Some(p) && (mine.is_some() || h.journey.meta.persona_ids.contains(&p.id)) {
                cs.push(
                    mine.cloned().map(Record::Persona),
                    Some(Record::Persona(p.clone())),
                );
            }
        }
        // Cards changed and nothing else (a move, a text): only those cards can differ, so only
        // those are compared; anything more (a deleted card drops its links) is compared whole.
        // (The journey's own fields change with every edit: its `updated` time.)
        let cards_only = touched.as_ref().is_some_and(|t| {
            t.records
                .iter()
                .all(|(k, id)| *k == sync::fields::Kind::Card && h.journey.card(id).is_some())
        }) && h.journey.phases == local.phases
            && h.journey.lanes == local.lanes;
        match touched.as_ref().filter(|_| cards_only) {
            Some(t) => {
                if h.journey.meta != local.meta {
                    cs.push(
                        Some(Record::Journey(local.meta.clone())),
                        Some(Record::Journey(h.journey.meta.clone())),
                    );
                }
                for (_, id) in &t.records {
                    let before = local.card(id);
                    let after = h.journey.card(id);
                    if before != after {
                        cs.push(
                            before.map(|c| Record::card(jid, c)),
                            after.map(|c| Record::card(jid, c)),
                        );
                    }
                }
            }
            None => cs.extend(edit::diff(local, &h.journey)),
        }
        let merged = Merged {
            journey_id: jid.to_string(),
            doc,
            stored_heads,
        };
        let label = "merge changes";
        let changes = self.commit_remote(&cs, label, merged)?;
        Ok(MergeOutcome {
            journey_id: jid.to_string(),
            changes,
            notes: h.notes,
        })
    }

    /// Merges every journey that this document and the copy at `other` share (the same
    /// document id). The copy is only read. Journeys of the copy that are not shared here are
    /// named in the error-free result's second list.
    pub fn merge_file(
        &mut self,
        other: &Path,
    ) -> Result<(Vec<MergeOutcome>, Vec<SharedJourney>), StoreError> {
        check_file(other)?;
        let conn = Connection::open_with_flags(
            other,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let has: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'sync_docs'",
            [],
            |r| r.get(0),
        )?;
        if !has {
            return Err(StoreError::InvalidChanges(format!(
                "{}: shares no journeys",
                disp(other)
            )));
        }
        let mine = self.shared_journeys()?;
        let mut done = Vec::new();
        let mut skipped = Vec::new();
        for theirs in shared_in(&conn)? {
            match mine.iter().find(|m| m.doc_id == theirs.doc_id) {
                Some(m) => {
                    let Some(mut d) = load_doc(&conn, &theirs.journey_id)? else {
                        continue;
                    };
                    done.push(self.merge_shared(&m.journey_id.clone(), &d.save())?);
                }
                None => skipped.push(theirs),
            }
        }
        Ok((done, skipped))
    }

    /// Adds the journey of a shared document that this document does not hold yet (joining
    /// it from a link): a new journey with its phases, lanes, cards and the personas it
    /// links, committed as one step with origin `remote`, and the document stored as this
    /// journey's. Joining a document that is shared here already returns that journey.
    pub fn join_shared(&mut self, doc_id: &str, incoming: &[u8]) -> Result<String, StoreError> {
        self.ensure_in_place()?;
        if let Some(s) = self
            .shared_journeys()?
            .into_iter()
            .find(|s| s.doc_id == doc_id)
        {
            if self.ws.journey(&s.journey_id).is_some() {
                return Ok(s.journey_id);
            }
            // A join cut short between its two transactions: the row is taken again below.
            self.conn.execute(
                "DELETE FROM sync_docs WHERE journey_id = ?1",
                [&s.journey_id],
            )?;
            self.conn.execute(
                "DELETE FROM sync_changes WHERE journey_id = ?1",
                [&s.journey_id],
            )?;
        }
        let mut doc = AutoCommit::load(incoming).map_err(not_automerge)?;
        let jid = crate::model::ids::new_id("journey");
        let blank = crate::model::Journey {
            meta: crate::model::JourneyMeta {
                id: jid.clone(),
                ..Default::default()
            },
            ..Default::default()
        };
        // Read (and refused) before a byte is written.
        let h = sync::hydrate(&doc, &blank, &self.ws.personas)?;
        let mut cs = ChangeSet::default();
        for p in &h.personas {
            let mine = self.ws.persona(&p.id);
            if mine != Some(p) && h.journey.meta.persona_ids.contains(&p.id) {
                cs.push(
                    mine.cloned().map(Record::Persona),
                    Some(Record::Persona(p.clone())),
                );
            }
        }
        let j = &h.journey;
        cs.push(None, Some(Record::Journey(j.meta.clone())));
        for p in &j.phases {
            cs.push(None, Some(Record::phase(&jid, p)));
        }
        for l in &j.lanes {
            cs.push(None, Some(Record::lane(&jid, l)));
        }
        for c in &j.cards {
            cs.push(None, Some(Record::card(&jid, c)));
        }
        let stored_heads = doc.get_heads();
        self.conn.execute(
            "INSERT INTO sync_docs (journey_id, doc_id, doc) VALUES (?1, ?2, ?3)",
            params![jid, doc_id, doc.save()],
        )?;
        let merged = Merged {
            journey_id: jid.clone(),
            doc,
            stored_heads,
        };
        if let Err(e) = self.commit_remote(&cs, "join shared journey", merged) {
            let _ = self
                .conn
                .execute("DELETE FROM sync_docs WHERE journey_id = ?1", [&jid]);
            return Err(e);
        }
        Ok(jid)
    }

    fn commit_remote(
        &mut self,
        cs: &ChangeSet,
        label: &str,
        merged: Merged,
    ) -> Result<ChangeSet, StoreError> {
        self.apply_steps_with(
            &[Step::Changes { changes: cs, label }],
            Origin::Remote,
            Some(merged),
        )
    }
}

fn shared_in(conn: &Connection) -> Result<Vec<SharedJourney>, StoreError> {
    let mut stmt = conn.prepare("SELECT journey_id, doc_id FROM sync_docs ORDER BY journey_id")?;
    let rows = stmt.query_map([], |r| {
        let doc_id: String = r.get(1)?;
        Ok(SharedJourney {
            journey_id: r.get(0)?,
            url: sync::url_of(&doc_id),
            doc_id,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
