//! What an edit produces: [`ChangeSet`]s of [`Change`]s, each a [`Record`] before and after, and
//! [`apply_changes`], which writes a ChangeSet into an in-memory [`Workspace`].
//!
//! Invariants: a ChangeSet lists its changes in an order that keeps foreign keys valid when
//! applied front to back (parents created before children, children deleted before parents),
//! so its [`ChangeSet::inverted`] (back to front, before and after swapped) is valid too. A
//! change never has `before == after` ([`ChangeSet::push`] drops those). The serde form is
//! stored in every document's history: it must stay readable by later versions.

use std::collections::{HashMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::*;

/// One stored record: what a [`Change`] is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
// A journey's own fields (with its voting round and parking lot) make its variant the largest;
// records live briefly in a ChangeSet's list and are serialised once, so boxing it would add an
// allocation per change and a `Box` at every match for no measurable gain.
#[allow(clippy::large_enum_variant)]
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

    /// The text rule ([`crate::model::text`]) on the record's text fields.
    pub fn clean_text(&mut self) {
        match self {
            Record::Persona(p) => p.clean_text(),
            Record::Journey(j) => j.clean_text(),
            Record::Phase { phase, .. } => phase.clean_text(),
            Record::Lane { lane, .. } => lane.clean_text(),
            Record::Card { card, .. } => card.clean_text(),
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

    /// Ids of the records this ChangeSet creates, in order, with the links it adds to a
    /// journey that already existed (links live in the journey's record, not as records).
    pub fn created_ids(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.changes {
            match (&c.before, &c.after) {
                (None, Some(r)) => out.push(r.id().to_string()),
                (Some(Record::Journey(a)), Some(Record::Journey(b))) => out.extend(
                    b.links
                        .iter()
                        .filter(|l| !a.links.iter().any(|o| o.id == l.id))
                        .map(|l| l.id.clone()),
                ),
                _ => {}
            }
        }
        out
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

    /// Applies the text rule ([`crate::model::text`]) to every record this ChangeSet writes,
    /// and drops the changes that then change nothing. The store calls it on every commit, so
    /// every door (edits, imports, merges) stores text the same way. `before` stays as it was:
    /// it is what the document held.
    pub fn clean_text(&mut self) {
        for c in &mut self.changes {
            if let Some(r) = &mut c.after {
                r.clean_text();
            }
        }
        self.changes.retain(|c| c.before != c.after);
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
        let mut pending: HashMap<(&'static str, &str), Option<&Record>> = HashMap::new();
        let mut lookup = Lookup::new(ws);
        for c in &self.changes {
            let Some(key) = c.before.as_ref().or(c.after.as_ref()) else {
                continue;
            };
            let k = (key.kind(), key.id());
            let now = match pending.get(&k) {
                Some(r) => r.cloned(),
                None => lookup.current(key),
            };
            if now != c.before {
                return Err((key.kind(), key.id().to_string()));
            }
            pending.insert(k, c.after.as_ref());
        }
        Ok(())
    }
}

/// [`Record::current`] for many records: the cards, phases and lanes of the workspace by id,
/// indexed the first time a record of their kind is asked for, so checking a ChangeSet of
/// 10,000 cards is not 10,000 searches.
struct Lookup<'a> {
    ws: &'a Workspace,
    cards: Option<HashMap<&'a str, (&'a str, &'a Card)>>,
    phases: Option<HashMap<&'a str, (&'a str, &'a Phase)>>,
    lanes: Option<HashMap<&'a str, (&'a str, &'a Lane)>>,
}

/// Every record of one kind by id, the first one (in journey order) winning, as
/// [`Record::current`] finds it.
fn by_id<'a, T>(
    ws: &'a Workspace,
    of: impl Fn(&'a Journey) -> &'a [T],
    id: impl Fn(&'a T) -> &'a str,
) -> HashMap<&'a str, (&'a str, &'a T)> {
    let mut out = HashMap::new();
    for j in &ws.journeys {
        for x in of(j) {
            out.entry(id(x)).or_insert((j.meta.id.as_str(), x));
        }
    }
    out
}

impl<'a> Lookup<'a> {
    fn new(ws: &'a Workspace) -> Lookup<'a> {
        Lookup {
            ws,
            cards: None,
            phases: None,
            lanes: None,
        }
    }

    fn current(&mut self, r: &Record) -> Option<Record> {
        let ws = self.ws;
        let id = r.id();
        match r {
            Record::Persona(_) | Record::Journey(_) => r.current(ws),
            Record::Phase { .. } => self
                .phases
                .get_or_insert_with(|| by_id(ws, |j| j.phases.as_slice(), |x| x.id.as_str()))
                .get(id)
                .map(|(jid, p)| Record::phase(jid, p)),
            Record::Lane { .. } => self
                .lanes
                .get_or_insert_with(|| by_id(ws, |j| j.lanes.as_slice(), |x| x.id.as_str()))
                .get(id)
                .map(|(jid, l)| Record::lane(jid, l)),
            Record::Card { .. } => self
                .cards
                .get_or_insert_with(|| by_id(ws, |j| j.cards.as_slice(), |x| x.id.as_str()))
                .get(id)
                .map(|(jid, c)| Record::card(jid, c)),
        }
    }
}

/// Applies a ChangeSet to the in-memory workspace: creations, updates and deletions by id.
/// Unknown records in `before` are tolerated (the store is the source of truth and checks).
///
/// Linear in the size of the change set plus the records of the vectors it touches: each
/// vector gets an index by id the first time a change reaches it, and deletions are marked
/// and done in one pass at the end, so importing or undoing 10,000 cards in one journey is
/// not 10,000 searches of 10,000 cards. The result is the same as applying the changes one
/// by one with a search each (the first record with an id is the one updated; a deletion
/// removes every record with its id; a record deleted and made again goes to the end).
pub fn apply_changes(ws: &mut Workspace, cs: &ChangeSet) {
    let mut open = Indexes::default();
    for c in &cs.changes {
        match (&c.before, &c.after) {
            (_, Some(r)) => upsert(ws, &mut open, r),
            (Some(r), None) => remove(ws, &mut open, r),
            (None, None) => {}
        }
    }
    open.finish_all(ws);
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

/// Positions by id in one vector of records while a ChangeSet is applied to it.
#[derive(Default)]
struct Index {
    /// Where the records with each id are (in ascending order; more than one only in a
    /// damaged document).
    at: HashMap<String, Vec<usize>>,
    /// Positions deleted so far; removed from the vector by [`Index::finish`].
    removed: HashSet<usize>,
}

impl Index {
    fn new<T>(v: &[T], id: impl Fn(&T) -> &str) -> Index {
        let mut at: HashMap<String, Vec<usize>> = HashMap::with_capacity(v.len());
        for (i, x) in v.iter().enumerate() {
            at.entry(id(x).to_string()).or_default().push(i);
        }
        Index {
            at,
            removed: HashSet::new(),
        }
    }

    fn upsert<T: Clone>(&mut self, v: &mut Vec<T>, id: &str, item: &T) {
        match self.at.get_mut(id).and_then(|at| at.first().copied()) {
            Some(i) => v[i] = item.clone(),
            None => {
                self.at.insert(id.to_string(), vec![v.len()]);
                v.push(item.clone());
            }
        }
    }

    fn remove(&mut self, id: &str) {
        if let Some(at) = self.at.remove(id) {
            self.removed.extend(at);
        }
    }

    fn finish<T>(self, v: &mut Vec<T>) {
        if self.removed.is_empty() {
            return;
        }
        let mut i = 0;
        v.retain(|_| {
            let keep = !self.removed.contains(&i);
            i += 1;
            keep
        });
    }
}

/// The indexes opened while a ChangeSet is applied: the personas', and each journey's
/// phases, lanes and cards.
#[derive(Default)]
struct Indexes {
    personas: Option<Index>,
    journeys: HashMap<String, JourneyIndexes>,
}

#[derive(Default)]
struct JourneyIndexes {
    phases: Option<Index>,
    lanes: Option<Index>,
    cards: Option<Index>,
}

impl Indexes {
    /// Applies the pending deletions of journey `id` and forgets its indexes (before the
    /// journey itself is replaced or removed, which would move its vectors).
    fn finish_journey(&mut self, ws: &mut Workspace, id: &str) {
        if let Some(ix) = self.journeys.remove(id) {
            if let Some(j) = journey_mut(ws, id) {
                ix.finish(j);
            }
        }
    }

    fn finish_all(self, ws: &mut Workspace) {
        if let Some(ix) = self.personas {
            ix.finish(&mut ws.personas);
        }
        for (id, ix) in self.journeys {
            if let Some(j) = journey_mut(ws, &id) {
                ix.finish(j);
            }
        }
    }
}

impl JourneyIndexes {
    fn finish(self, j: &mut Journey) {
        if let Some(ix) = self.phases {
            ix.finish(&mut j.phases);
        }
        if let Some(ix) = self.lanes {
            ix.finish(&mut j.lanes);
        }
        if let Some(ix) = self.cards {
            ix.finish(&mut j.cards);
        }
    }
}

fn journey_mut<'a>(ws: &'a mut Workspace, id: &str) -> Option<&'a mut Journey> {
    ws.journeys.iter_mut().find(|j| j.meta.id == id)
}

/// The journey `id` and its indexes, when the workspace has it.
fn journey_and_index<'a>(
    ws: &'a mut Workspace,
    open: &'a mut Indexes,
    id: &str,
) -> Option<(&'a mut Journey, &'a mut JourneyIndexes)> {
    let j = journey_mut(ws, id)?;
    let ix = open.journeys.entry(id.to_string()).or_default();
    Some((j, ix))
}

fn upsert(ws: &mut Workspace, open: &mut Indexes, r: &Record) {
    match r {
        Record::Persona(p) => open
            .personas
            .get_or_insert_with(|| Index::new(&ws.personas, |x| x.id.as_str()))
            .upsert(&mut ws.personas, &p.id, p),
        Record::Journey(m) => match journey_mut(ws, &m.id) {
            Some(j) => j.meta = m.clone(),
            None => ws.journeys.push(Journey {
                meta: m.clone(),
                ..Default::default()
            }),
        },
        Record::Phase { journey_id, phase } => {
            if let Some((j, ix)) = journey_and_index(ws, open, journey_id) {
                ix.phases
                    .get_or_insert_with(|| Index::new(&j.phases, |x| x.id.as_str()))
                    .upsert(&mut j.phases, &phase.id, phase);
            }
        }
        Record::Lane { journey_id, lane } => {
            if let Some((j, ix)) = journey_and_index(ws, open, journey_id) {
                ix.lanes
                    .get_or_insert_with(|| Index::new(&j.lanes, |x| x.id.as_str()))
                    .upsert(&mut j.lanes, &lane.id, lane);
            }
        }
        Record::Card { journey_id, card } => {
            if let Some((j, ix)) = journey_and_index(ws, open, journey_id) {
                ix.cards
                    .get_or_insert_with(|| Index::new(&j.cards, |x| x.id.as_str()))
                    .upsert(&mut j.cards, &card.id, card);
            }
        }
    }
}

fn remove(ws: &mut Workspace, open: &mut Indexes, r: &Record) {
    match r {
        Record::Persona(p) => open
            .personas
            .get_or_insert_with(|| Index::new(&ws.personas, |x| x.id.as_str()))
            .remove(&p.id),
        Record::Journey(m) => {
            open.finish_journey(ws, &m.id);
            ws.journeys.retain(|j| j.meta.id != m.id);
        }
        Record::Phase { journey_id, phase } => {
            if let Some((j, ix)) = journey_and_index(ws, open, journey_id) {
                ix.phases
                    .get_or_insert_with(|| Index::new(&j.phases, |x| x.id.as_str()))
                    .remove(&phase.id);
            }
        }
        Record::Lane { journey_id, lane } => {
            if let Some((j, ix)) = journey_and_index(ws, open, journey_id) {
                ix.lanes
                    .get_or_insert_with(|| Index::new(&j.lanes, |x| x.id.as_str()))
                    .remove(&lane.id);
            }
        }
        Record::Card { journey_id, card } => {
            if let Some((j, ix)) = journey_and_index(ws, open, journey_id) {
                ix.cards
                    .get_or_insert_with(|| Index::new(&j.cards, |x| x.id.as_str()))
                    .remove(&card.id);
            }
        }
    }
}
