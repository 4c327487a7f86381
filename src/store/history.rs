//! Edits, the undo history and undo/redo.
//!
//! Every commit is one transaction: the records a ChangeSet changes and one history row per
//! edit, each with its [`Origin`] and its group. A group is several edits that are one undo
//! step ([`Document::apply_group`]: "new persona" and "link it to the journey"); its rows
//! share `group_id`, the `seq` of the group's first row. Undo takes the latest group that is
//! not undone and replays its ChangeSets inverted, newest first; redo replays the earliest
//! undone group in order. Whole groups are marked undone or redone, never part of one, and a
//! new edit drops every undone row (the redo branch).
//!
//! Undo and redo only replay onto the state a ChangeSet was made from
//! ([`ChangeSet::check_applies_to`]); anything else would silently overwrite newer work, and
//! gives [`StoreError::Conflict`] instead.

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::records::{load, write_changes};
use super::shared::{self, Merged};
use super::{data_version, Document, StoreError};
use crate::edit::{self, ChangeSet, Edit};
use crate::model::Workspace;

/// Where a history row came from. Local undo and redo take only the user's own steps: changes
/// merged from other people ([`Origin::Remote`]) are recorded but never undone here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The user, in the app or with `klantreis apply`.
    Local,
    /// A journey imported from a file.
    Import,
    /// A journey restored from a version (a [`crate::edit::diff`]).
    Restore,
    /// Changes merged from someone else's copy of a shared journey (`store::shared`).
    Remote,
}

impl Origin {
    /// The value in the `history.origin` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Local => "local",
            Origin::Import => "import",
            Origin::Restore => "restore",
            Origin::Remote => "remote",
        }
    }

    pub fn parse(s: &str) -> Option<Origin> {
        match s {
            "local" => Some(Origin::Local),
            "import" => Some(Origin::Import),
            "restore" => Some(Origin::Restore),
            "remote" => Some(Origin::Remote),
            _ => None,
        }
    }
}

/// One undo step of the history, for menus ("Undo add card").
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryEntry {
    /// The `seq` of the step's first row (its group id).
    pub seq: i64,
    pub at: String,
    /// The label of the step's first edit.
    pub label: String,
    pub origin: Origin,
    /// How many edits the step holds (more than one for a group).
    pub edits: i64,
}

/// One part of a commit: an edit, or a ChangeSet made elsewhere (a [`crate::edit::diff`])
/// with the label its history row gets.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Edit(&'a Edit),
    Changes {
        changes: &'a ChangeSet,
        label: &'a str,
    },
}

/// A card's image must be in the document's image store: the edit layer sees only records, so
/// the store checks what it holds.
fn check_image(tx: &rusqlite::Transaction, e: &Edit) -> Result<(), edit::EditError> {
    if let Edit::UpdateCard { patch, .. } = e {
        if let Some(Some(img)) = &patch.image {
            let found: Option<i64> = tx
                .query_row("SELECT 1 FROM images WHERE id = ?1", [img], |r| r.get(0))
                .optional()
                .map_err(|e| edit::EditError::Invalid(e.to_string()))?;
            if found.is_none() {
                return Err(edit::EditError::Invalid(format!(
                    "no image with id {img:?} in this document"
                )));
            }
        }
    }
    Ok(())
}

impl Document {
    /// Applies an edit made by the user: one transaction with the records and the history row.
    pub fn apply(&mut self, edit: &Edit) -> Result<ChangeSet, StoreError> {
        self.apply_steps(&[Step::Edit(edit)], Origin::Local)
    }

    /// Applies an edit with the given origin (an import records [`Origin::Import`]).
    pub fn apply_as(&mut self, edit: &Edit, origin: Origin) -> Result<ChangeSet, StoreError> {
        self.apply_steps(&[Step::Edit(edit)], origin)
    }

    /// Applies several edits as one undo step, in one transaction: each edit sees what the
    /// earlier ones did (so "create persona" with a client-chosen id, then "update journey"
    /// linking that id, works). When any edit fails nothing is saved, and the error names it.
    /// Returns the group's changes, in order.
    pub fn apply_group(&mut self, edits: &[Edit], origin: Origin) -> Result<ChangeSet, StoreError> {
        let steps: Vec<Step> = edits.iter().map(Step::Edit).collect();
        self.apply_steps(&steps, origin)
    }

    /// Commits a ChangeSet made elsewhere (a [`crate::edit::diff`]) as one undo step. It must
    /// start from the document as it is (every `before` matches), may not move a record to
    /// another journey, and must leave every journey it touches valid with the personas and
    /// journeys it links present; otherwise nothing is saved.
    pub fn apply_changes(
        &mut self,
        changes: &ChangeSet,
        label: &str,
        origin: Origin,
    ) -> Result<ChangeSet, StoreError> {
        self.apply_steps(&[Step::Changes { changes, label }], origin)
    }

    /// Edits and ChangeSets as one undo step (see [`Document::apply_group`] and
    /// [`Document::apply_changes`]). Steps that change nothing leave no history row; when no
    /// step changes anything, nothing is recorded at all.
    pub fn apply_steps(
        &mut self,
        steps: &[Step<'_>],
        origin: Origin,
    ) -> Result<ChangeSet, StoreError> {
        self.apply_steps_with(steps, origin, None)
    }

    /// [`Document::apply_steps`], with the merged Automerge document of a remote commit (its
    /// incoming changes are stored even when they change no record here).
    pub(super) fn apply_steps_with(
        &mut self,
        steps: &[Step<'_>],
        origin: Origin,
        merged: Option<Merged>,
    ) -> Result<ChangeSet, StoreError> {
        self.ensure_in_place()?;
        let now = crate::model::ids::now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let v = data_version(&tx)?;
        if v != self.data_version {
            self.ws = load(&tx)?;
            self.shared_docs.clear();
            self.data_version = v;
        }
        // Later steps see earlier ones' results: a scratch copy of the workspace, made only
        // when a group needs it, so a single edit costs no copy.
        let mut scratch: Option<Workspace> = None;
        let mut parts: Vec<(usize, ChangeSet)> = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            let ws = scratch.as_ref().unwrap_or(&self.ws);
            let mut cs = match step {
                Step::Edit(e) => check_image(&tx, e)
                    .and_then(|()| edit::apply(ws, e, &now))
                    .map_err(|source| {
                        if steps.len() == 1 {
                            StoreError::Edit(source)
                        } else {
                            StoreError::GroupEdit {
                                index: i + 1,
                                count: steps.len(),
                                label: e.label(),
                                source,
                            }
                        }
                    })?,
                Step::Changes { changes, .. } => {
                    check_changes(ws, changes)?;
                    (*changes).clone()
                }
            };
            // Every text a commit writes passes here, whichever door it came in by.
            cs.clean_text();
            if cs.changes.is_empty() {
                continue;
            }
            if i + 1 < steps.len() {
                edit::apply_changes(scratch.get_or_insert_with(|| self.ws.clone()), &cs);
            }
            parts.push((i, cs));
        }
        if parts.is_empty() && merged.is_none() {
            return Ok(ChangeSet::default());
        }
        // A merge from elsewhere keeps the user's redo steps: it is not their own edit.
        if origin != Origin::Remote {
            tx.execute("DELETE FROM history WHERE undone = 1", [])?;
        }
        let mut group: Option<i64> = None;
        for (i, cs) in &parts {
            write_changes(&tx, cs)?;
            let (label, edit_json) = match steps[*i] {
                Step::Edit(e) => (e.label(), serde_json::to_string(e)?),
                // No edit made these changes; the row's ChangeSet is all there is.
                Step::Changes { label, .. } => (label, "null".to_string()),
            };
            tx.execute(
                "INSERT INTO history (at, label, edit, changes, origin, group_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    now,
                    label,
                    edit_json,
                    serde_json::to_string(cs)?,
                    origin.as_str(),
                    group.unwrap_or(0)
                ],
            )?;
            if group.is_none() {
                let seq = tx.last_insert_rowid();
                tx.execute(
                    "UPDATE history SET group_id = ?1 WHERE seq = ?1",
                    params![seq],
                )?;
                group = Some(seq);
            }
        }
        let mut all = ChangeSet::default();
        for (_, cs) in parts {
            all.extend(cs);
        }
        let label = match steps.first() {
            Some(Step::Edit(e)) => e.label(),
            Some(Step::Changes { label, .. }) => label,
            None => "",
        };
        let docs = shared::record(
            &tx,
            &self.ws,
            &all,
            &self.actor,
            label,
            merged,
            &mut self.shared_docs,
        )?;
        tx.commit()?;
        self.shared_docs.extend(docs);
        edit::apply_changes(&mut self.ws, &all);
        Ok(all)
    }

    /// The step that [`Document::undo`] would undo.
    pub fn undo_entry(&self) -> Result<Option<HistoryEntry>, StoreError> {
        self.history_entry("undone = 0 AND origin != 'remote' ORDER BY seq DESC")
    }

    /// The step that [`Document::redo`] would redo.
    pub fn redo_entry(&self) -> Result<Option<HistoryEntry>, StoreError> {
        self.history_entry("undone = 1 AND origin != 'remote' ORDER BY seq ASC")
    }

    fn history_entry(&self, pick: &str) -> Result<Option<HistoryEntry>, StoreError> {
        let sql = format!(
            "SELECT seq, at, label, origin,
                (SELECT count(*) FROM history g WHERE g.group_id = h.group_id)
             FROM history h
             WHERE group_id = (SELECT group_id FROM history WHERE {pick} LIMIT 1)
             ORDER BY seq LIMIT 1"
        );
        Ok(self
            .conn
            .query_row(&sql, [], |r| {
                Ok(HistoryEntry {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    label: r.get(2)?,
                    origin: Origin::parse(r.get_ref(3)?.as_str()?).unwrap_or(Origin::Local),
                    edits: r.get(4)?,
                })
            })
            .optional()?)
    }

    /// Undoes the latest step (an edit, or a whole group); `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<ChangeSet>, StoreError> {
        self.step(true)
    }

    /// Redoes the latest undone step; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<ChangeSet>, StoreError> {
        self.step(false)
    }

    fn step(&mut self, undo: bool) -> Result<Option<ChangeSet>, StoreError> {
        self.ensure_in_place()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let v = data_version(&tx)?;
        if v != self.data_version {
            self.ws = load(&tx)?;
            self.shared_docs.clear();
            self.data_version = v;
        }
        let pick = if undo {
            "SELECT group_id FROM history WHERE undone = 0 AND origin != 'remote'
             ORDER BY seq DESC LIMIT 1"
        } else {
            "SELECT group_id FROM history WHERE undone = 1 AND origin != 'remote'
             ORDER BY seq ASC LIMIT 1"
        };
        let Some(group) = tx.query_row(pick, [], |r| r.get::<_, i64>(0)).optional()? else {
            return Ok(None);
        };
        // Undo replays the group newest first, each ChangeSet inverted; redo oldest first.
        let rows = if undo {
            "SELECT changes FROM history WHERE group_id = ?1 AND undone = 0 ORDER BY seq DESC"
        } else {
            "SELECT changes FROM history WHERE group_id = ?1 AND undone = 1 ORDER BY seq ASC"
        };
        let mut cs = ChangeSet::default();
        {
            let mut stmt = tx.prepare(rows)?;
            let mut found = stmt.query([group])?;
            while let Some(r) = found.next()? {
                let stored: ChangeSet =
                    serde_json::from_str(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?)?;
                cs.extend(if undo { stored.inverted() } else { stored });
            }
        }
        rebase_bookkeeping(&mut cs, &self.ws);
        if let Err((kind, id)) = cs.check_applies_to(&self.ws) {
            return Err(StoreError::Conflict(format!(
                "{kind} {id} was changed since"
            )));
        }
        write_changes(&tx, &cs)?;
        tx.execute(
            "UPDATE history SET undone = ?1 WHERE group_id = ?2",
            params![undo as i64, group],
        )?;
        let label = if undo { "undo" } else { "redo" };
        let docs = shared::record(
            &tx,
            &self.ws,
            &cs,
            &self.actor,
            label,
            None,
            &mut self.shared_docs,
        )?;
        tx.commit()?;
        self.shared_docs.extend(docs);
        edit::apply_changes(&mut self.ws, &cs);
        Ok(Some(cs))
    }

    /// Number of history rows, one per edit (for tests and diagnostics).
    pub fn history_len(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM history", [], |r| r.get(0))?)
    }
}

/// A journey's `version` and `updated` are bookkeeping that every edit bumps, so after a merge
/// (someone else's edits bumped them too) they never match what an undo expects. Undo and redo
/// take them as they are now: a step whose journey change is only bookkeeping leaves the
/// journey alone, and one that changed real fields (a title) only needs those to be as it
/// left them.
fn rebase_bookkeeping(cs: &mut ChangeSet, ws: &Workspace) {
    use crate::edit::Record;
    let plain = |m: &crate::model::JourneyMeta| {
        let mut m = m.clone();
        m.version = 0;
        m.updated.clear();
        m
    };
    // A group changes a journey once per edit: each change must start from where the one
    // before it in the group left the journey, not from the journey as it is now.
    let mut running: std::collections::HashMap<String, crate::model::JourneyMeta> =
        std::collections::HashMap::new();
    for c in &mut cs.changes {
        let (Some(Record::Journey(b)), Some(Record::Journey(a))) = (&c.before, &mut c.after) else {
            continue;
        };
        let Some(now) = running
            .get(&b.id)
            .cloned()
            .or_else(|| ws.journey(&b.id).map(|j| j.meta.clone()))
        else {
            continue;
        };
        if now != *b && plain(&now) == plain(b) {
            if plain(a) == plain(b) {
                *a = now.clone();
            } else {
                a.version = now.version.max(a.version);
                a.updated = now.updated.clone().max(a.updated.clone());
            }
            c.before = Some(Record::Journey(now));
        }
        running.insert(a.id.clone(), a.clone());
    }
}

/// Checks a ChangeSet made outside [`edit::apply`] before it is committed: it starts from `ws`
/// as it is, keeps every record in its journey, and leaves the journeys it touches valid.
fn check_changes(ws: &Workspace, cs: &ChangeSet) -> Result<(), StoreError> {
    let bad = StoreError::InvalidChanges;
    if let Err((kind, id)) = cs.check_applies_to(ws) {
        return Err(bad(format!(
            "{kind} {id} is not as these changes expect (changed since they were made?)"
        )));
    }
    for c in &cs.changes {
        if let (Some(b), Some(a)) = (&c.before, &c.after) {
            if b.journey_id() != a.journey_id() {
                return Err(bad(format!(
                    "{} {} cannot move to another journey",
                    b.kind(),
                    b.id()
                )));
            }
        }
    }
    let mut after = ws.clone();
    edit::apply_changes(&mut after, cs);
    for id in cs.journey_ids() {
        let Some(j) = after.journey(&id) else {
            continue;
        };
        j.validate()
            .map_err(|(path, msg)| bad(format!("journey {id}: {path}: {msg}")))?;
        for p in &j.meta.persona_ids {
            if after.persona(p).is_none() {
                return Err(bad(format!(
                    "journey {id} links persona {p:?}, which is missing"
                )));
            }
        }
        if let Some(other) = &j.meta.compared_with {
            if *other == id || after.journey(other).is_none() {
                return Err(bad(format!(
                    "journey {id} is compared with {other:?}, which is missing"
                )));
            }
        }
    }
    Ok(())
}
