//! Named versions of a journey ("na workshop 1", "A0 printed 3 Dec"): the journey as it was,
//! with the personas it linked, stored in the document's `snapshots` table.
//!
//! Invariants:
//! - taking a snapshot is not an edit: it changes no record and leaves the undo history as it
//!   is (it only adds a row beside it), so it cannot be undone and undo never removes one;
//! - restoring is one edit: the [`crate::edit::diff`] from the journey as it is to the
//!   snapshot, committed through the one commit path ([`Document::apply_steps`]) with origin
//!   [`Origin::Restore`], so undo brings back the journey as it was before the restore. The
//!   restored journey gets the next version number (a restored map printed again is a new
//!   print, not the old one); links to journeys that are gone are dropped, and personas it
//!   linked that are gone are created again in the same undo step;
//! - a snapshot belongs to the journey whose id it holds; restoring it onto another journey is
//!   refused.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{Document, Origin, Step, StoreError};
use crate::edit::{self, ChangeSet, Edit};
use crate::model::{Journey, Persona};

/// A snapshot as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnapshotInfo {
    pub id: String,
    pub journey_id: String,
    pub name: String,
    /// RFC 3339 time it was taken.
    pub created: String,
    /// The journey's version at the time.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub version: u64,
    pub phases: u32,
    pub lanes: u32,
    pub cards: u32,
}

/// A whole snapshot: what it says and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    #[serde(flatten)]
    pub info: SnapshotInfo,
    pub journey: Journey,
    /// The personas the journey linked, as they were.
    #[serde(default)]
    pub personas: Vec<Persona>,
}

/// What the `data` column holds.
#[derive(Serialize, Deserialize)]
struct Data {
    journey: Journey,
    #[serde(default)]
    personas: Vec<Persona>,
}

const COLUMNS: &str = "id, journey_id, name, created, version, phases, lanes, cards";

fn info(r: &rusqlite::Row<'_>) -> rusqlite::Result<SnapshotInfo> {
    Ok(SnapshotInfo {
        id: r.get(0)?,
        journey_id: r.get(1)?,
        name: r.get(2)?,
        created: r.get(3)?,
        version: r.get::<_, i64>(4)? as u64,
        phases: r.get(5)?,
        lanes: r.get(6)?,
        cards: r.get(7)?,
    })
}

impl Document {
    /// Takes a snapshot of journey `journey_id` named `name`; returns what the list shows.
    pub fn snapshot(&self, journey_id: &str, name: &str) -> Result<SnapshotInfo, StoreError> {
        let ws = self.workspace();
        let j = ws
            .journey(journey_id)
            .ok_or_else(|| edit::EditError::NotFound {
                kind: "journey",
                id: journey_id.to_string(),
            })?;
        let personas = j
            .meta
            .persona_ids
            .iter()
            .filter_map(|p| ws.persona(p).cloned())
            .collect();
        let snap = Snapshot {
            info: SnapshotInfo {
                id: crate::model::ids::new_id("snapshot"),
                journey_id: journey_id.to_string(),
                name: crate::model::text::single_line(name).into_owned(),
                created: crate::model::ids::now_rfc3339(),
                version: j.meta.version,
                phases: j.phases.len() as u32,
                lanes: j.lanes.len() as u32,
                cards: j.cards.len() as u32,
            },
            journey: j.clone(),
            personas,
        };
        self.put_snapshot(&snap)?;
        Ok(snap.info)
    }

    /// Stores a whole snapshot as it is (an imported one keeps its name and date).
    pub fn put_snapshot(&self, s: &Snapshot) -> Result<(), StoreError> {
        // The text rule (`model::text`), as for every record a commit writes: an imported
        // version's texts are stored as the journey's would be.
        let mut journey = s.journey.clone();
        journey.clean_text();
        let mut personas = s.personas.clone();
        personas
            .iter_mut()
            .for_each(crate::model::Persona::clean_text);
        let data = serde_json::to_string(&Data { journey, personas })?;
        let mut i = s.info.clone();
        i.name = crate::model::text::single_line(&i.name).into_owned();
        self.conn.execute(
            &format!("INSERT INTO snapshots ({COLUMNS}, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
            params![
                i.id,
                i.journey_id,
                i.name,
                i.created,
                i.version as i64,
                i.phases,
                i.lanes,
                i.cards,
                data
            ],
        )?;
        Ok(())
    }

    /// The snapshots of a journey, oldest first.
    pub fn snapshots(&self, journey_id: &str) -> Result<Vec<SnapshotInfo>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM snapshots WHERE journey_id = ?1 ORDER BY created, rowid"
        ))?;
        let rows = stmt.query_map([journey_id], info)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One whole snapshot, by id.
    pub fn load_snapshot(&self, id: &str) -> Result<Option<Snapshot>, StoreError> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS}, data FROM snapshots WHERE id = ?1"),
                [id],
                |r| Ok((info(r)?, r.get::<_, String>(8)?)),
            )
            .optional()?;
        let Some((info, data)) = row else {
            return Ok(None);
        };
        let d: Data = serde_json::from_str(&data)?;
        Ok(Some(Snapshot {
            info,
            journey: d.journey,
            personas: d.personas,
        }))
    }

    /// Deletes a snapshot; returns whether there was one.
    pub fn delete_snapshot(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM snapshots WHERE id = ?1", [id])?
            > 0)
    }

    /// Restores journey `journey_id` to snapshot `snapshot_id` as one undoable step (see the
    /// module docs); returns the changes.
    pub fn restore_snapshot(
        &mut self,
        journey_id: &str,
        snapshot_id: &str,
    ) -> Result<ChangeSet, StoreError> {
        self.refresh()?;
        let snap = self.load_snapshot(snapshot_id)?.ok_or_else(|| {
            StoreError::Edit(edit::EditError::NotFound {
                kind: "snapshot",
                id: snapshot_id.to_string(),
            })
        })?;
        if snap.journey.meta.id != journey_id {
            return Err(StoreError::InvalidChanges(format!(
                "snapshot {snapshot_id} is a version of journey {}, not of {journey_id}",
                snap.journey.meta.id
            )));
        }
        let ws = self.workspace();
        let current = ws.journey(journey_id).ok_or_else(|| {
            StoreError::Edit(edit::EditError::NotFound {
                kind: "journey",
                id: journey_id.to_string(),
            })
        })?;
        let mut target = snap.journey;
        target.meta.version = current.meta.version + 1;
        target.meta.updated = crate::model::ids::now_rfc3339();
        if target
            .meta
            .compared_with
            .as_ref()
            .is_some_and(|c| c == journey_id || ws.journey(c).is_none())
        {
            target.meta.compared_with = None;
        }
        target
            .meta
            .phase_matches
            .retain(|m| ws.journey(&m.journey_id).is_some());
        let mut edits = Vec::new();
        target.meta.persona_ids.retain(|p| {
            if ws.persona(p).is_some() {
                return true;
            }
            match snap.personas.iter().find(|x| x.id == *p) {
                Some(x) => {
                    edits.push(Edit::CreatePersona { persona: x.clone() });
                    true
                }
                None => false,
            }
        });
        target.sort();
        let cs = edit::diff(current, &target);
        let mut steps: Vec<Step> = edits.iter().map(Step::Edit).collect();
        steps.push(Step::Changes {
            changes: &cs,
            label: "restore_snapshot",
        });
        self.apply_steps(&steps, Origin::Restore)
    }
}
