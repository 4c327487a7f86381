//! What an edit produces: [`ChangeSet`]s of [`Change`]s, each a [`Record`] before and after, and
//! [`apply_changes`], which writes a ChangeSet into an in-memory [`Workspace`].
//!
//! Invariants: a ChangeSet lists its changes in an order that keeps foreign keys valid when
//! applied front to back (parents created before children, children deleted before parents),
//! so its [`ChangeSet::inverted`] (back to front, before and after swapped) is valid too. A
//! change never has `before == after` ([`ChangeSet::push`] drops those). The serde form is
//! stored in every document's history: it must stay readable by later versions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::*;

/// One stored record: what a [`Change`] is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    Persona(Persona),
    Journey(JourneyMeta),
    Phase { journey_id: String, phase: Phase },
    Lane { journey_id: String, lane: Lane },
    Card { journey_id: String, card: Card },
}

impl Record {
    pub fn phase(journey_id: &str, phase: &Phase) -> Record {
        Record::Phase {
            journey_id: journey_id.to_string(),
            phase: phase.clone(),
        }
    }

    pub fn lane(journey_id: &str, lane: &Lane) -> Record {
        Record::Lane {
            journey_id: journey_id.to_string(),
            lane: lane.clone(),
        }
    }

    pub fn card(journey_id: &str, card: &Card) -> Record {
        Record::Card {
            journey_id: journey_id.to_string(),
            card: card.clone(),
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Record::Persona(p) => &p.id,
            Record::Journey(j) => &j.id,
            Record::Phase { phase, .. } => &phase.id,
            Record::Lane { lane, .. } => &lane.id,
            Record::Card { card, .. } => &card.id,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Record::Persona(_) => "persona",
            Record::Journey(_) => "journey",
            Record::Phase { .. } => "phase",
            Record::Lane { .. } => "lane",
            Record::Card { .. } => "card",
        }
    }

    /// The journey this record belongs to (a journey belongs to itself); `None` for personas,
    /// which the workspace holds beside its journeys.
    pub fn journey_id(&self) -> Option<&str> {
        match self {
            Record::Journey(j) => Some(&j.id),
            Record::Phase { journey_id, .. }
            | Record::Lane { journey_id, .. }
            | Record::Card { journey_id, .. } => Some(journey_id),
            Record::Persona(_) => None,
        }
    }

    /// The record of the same kind and id in `ws` as it is now, wherever it is: a phase, lane
    /// or card is looked up in every journey, so a record that moved to another journey (or
    /// whose id another journey uses) is not mistaken for absent.
    pub fn current(&self, ws: &Workspace) -> Option<Record> {
        let id = self.id();
        match self {
            Record::Persona(_) => ws.persona(id).cloned().map(Record::Persona),
            Record::Journey(_) => ws.journey(id).map(|j| Record::Journey(j.meta.clone())),
            Record::Phase { .. } => ws.journeys.iter().find_map(|j| {
                j.phase(id).map(|p| Record::Phase {
                    journey_id: j.meta.id.clone(),
                    phase: p.clone(),
                })
            }),
            Record::Lane { .. } => ws.journeys.iter().find_map(|j| {
                j.lane(id).map(|l| Record::Lane {
                    journey_id: j.meta.id.clone(),
                    lane: l.clone(),
                })
            }),
            Record::Card { .. } => ws.journeys.iter().find_map(|j| {
                j.card(id).map(|c| Record::Card {
                    journey_id: j.meta.id.clone(),
                    card: c.clone(),
                })
            }),
        }
    }
}

/// A record before and after an edit: `before: None` is a creation, `after: None` a deletion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    pub before: Option<Record>,
    pub after: Option<Record>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeSet {
    pub changes: Vec<Change>,
}

impl ChangeSet {
    /// The ChangeSet that undoes this one.
    pub fn inverted(&self) -> ChangeSet {
        ChangeSet {
            changes: self
                .changes
                .iter()
                .rev()
                .map(|c| Change {
                    before: c.after.clone(),
                    after: c.before.clone(),
                })
                .collect(),
        }
    }

    /// Ids of the records this ChangeSet creates, in order.
    pub fn created_ids(&self) -> Vec<String> {
        self.changes
            .iter()
            .filter(|c| c.before.is_none())
            .filter_map(|c| c.after.as_ref().map(|r| r.id().to_string()))
            .collect()
    }

    /// Ids of the journeys this ChangeSet touches.
    pub fn journey_ids(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in &self.changes {
            for r in [&c.before, &c.after].into_iter().flatten() {
                if let Some(id) = r.journey_id() {
                    if !out.iter().any(|o| o == id) {
                        out.push(id.to_string());
                    }
                }
            }
        }
        out
    }

    /// This ChangeSet followed by `other` (a group of edits is one ChangeSet).
    pub fn extend(&mut self, other: ChangeSet) {
        self.changes.extend(other.changes);
    }

    /// Adds a change unless it changes nothing.
    pub(crate) fn push(&mut self, before: Option<Record>, after: Option<Record>) {
        if before != after {
            self.changes.push(Change { before, after });
        }
    }

    /// Checks that every change starts from the state it was made from: the `before` of each
    /// change equals the record in `ws` as the earlier changes of this set leave it. Returns
    /// the first record that differs (kind, id). Replaying onto anything else would silently
    /// overwrite newer work.
    pub fn check_applies_to(&self, ws: &Workspace) -> Result<(), (&'static str, String)> {
        // The state as the changes so far leave it, keyed by kind and id.
        let mut pending: std::collections::HashMap<(&'static str, &str), Option<&Record>> =
            std::collections::HashMap::new();
        for c in &self.changes {
            let Some(key) = c.before.as_ref().or(c.after.as_ref()) else {
                continue;
            };
            let k = (key.kind(), key.id());
            let now = match pending.get(&k) {
                Some(r) => r.cloned(),
                None => key.current(ws),
            };
            if now != c.before {
                return Err((key.kind(), key.id().to_string()));
            }
            pending.insert(k, c.after.as_ref());
        }
        Ok(())
    }
}

/// Applies a ChangeSet to the in-memory workspace: creations, updates and deletions by id.
/// Unknown records in `before` are tolerated (the store is the source of truth and checks).
pub fn apply_changes(ws: &mut Workspace, cs: &ChangeSet) {
    for c in &cs.changes {
        match (&c.before, &c.after) {
            (_, Some(r)) => upsert(ws, r),
            (Some(r), None) => remove(ws, r),
            (None, None) => {}
        }
    }
    // Canonical order (by id) so that a workspace reloaded from disk equals the one in
    // memory, whatever order records were created, deleted and restored in.
    ws.personas.sort_by(|a, b| a.id.cmp(&b.id));
    ws.journeys.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    let touched = cs.journey_ids();
    for j in ws
        .journeys
        .iter_mut()
        .filter(|j| touched.contains(&j.meta.id))
    {
        j.sort();
    }
}

fn upsert_vec<T: Clone>(v: &mut Vec<T>, item: &T, same: impl Fn(&T) -> bool) {
    match v.iter_mut().find(|x| same(x)) {
        Some(x) => *x = item.clone(),
        None => v.push(item.clone()),
    }
}

fn journey_mut<'a>(ws: &'a mut Workspace, id: &str) -> Option<&'a mut Journey> {
    ws.journeys.iter_mut().find(|j| j.meta.id == id)
}

fn upsert(ws: &mut Workspace, r: &Record) {
    match r {
        Record::Persona(p) => upsert_vec(&mut ws.personas, p, |x| x.id == p.id),
        Record::Journey(m) => match journey_mut(ws, &m.id) {
            Some(j) => j.meta = m.clone(),
            None => ws.journeys.push(Journey {
                meta: m.clone(),
                ..Default::default()
            }),
        },
        Record::Phase { journey_id, phase } => {
            if let Some(j) = journey_mut(ws, journey_id) {
                upsert_vec(&mut j.phases, phase, |x| x.id == phase.id);
            }
        }
        Record::Lane { journey_id, lane } => {
            if let Some(j) = journey_mut(ws, journey_id) {
                upsert_vec(&mut j.lanes, lane, |x| x.id == lane.id);
            }
        }
        Record::Card { journey_id, card } => {
            if let Some(j) = journey_mut(ws, journey_id) {
                upsert_vec(&mut j.cards, card, |x| x.id == card.id);
            }
        }
    }
}

fn remove(ws: &mut Workspace, r: &Record) {
    match r {
        Record::Persona(p) => ws.personas.retain(|x| x.id != p.id),
        Record::Journey(m) => ws.journeys.retain(|j| j.meta.id != m.id),
        Record::Phase { journey_id, phase } => {
            if let Some(j) = journey_mut(ws, journey_id) {
                j.phases.retain(|x| x.id != phase.id);
            }
        }
        Record::Lane { journey_id, lane } => {
            if let Some(j) = journey_mut(ws, journey_id) {
                j.lanes.retain(|x| x.id != lane.id);
            }
        }
        Record::Card { journey_id, card } => {
            if let Some(j) = journey_mut(ws, journey_id) {
                j.cards.retain(|x| x.id != card.id);
            }
        }
    }
}
