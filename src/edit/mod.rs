//! Every change a user can make, as data.
//!
//! [`apply`] turns an [`Edit`] into a [`ChangeSet`] — the records before and after — without
//! changing anything. The store writes the ChangeSet and records it in the history; undo writes
//! [`ChangeSet::inverted`]. Because undo and redo only ever replay ChangeSets, no edit needs a
//! hand-written inverse and every new edit is undoable the day it is added.
//!
//! Invariants of a ChangeSet: changes are listed in an order that keeps foreign keys valid when
//! applied front to back (parents are created before children, children deleted before
//! parents), so the inverted list (back to front, before/after swapped) is valid too.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::ids::new_id;
use crate::model::order;
use crate::model::*;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum EditError {
    #[error("no {kind} with id {id:?}")]
    NotFound { kind: &'static str, id: String },
    #[error("{0}")]
    Invalid(String),
}

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
                let id = match r {
                    Record::Journey(j) => Some(&j.id),
                    Record::Phase { journey_id, .. }
                    | Record::Lane { journey_id, .. }
                    | Record::Card { journey_id, .. } => Some(journey_id),
                    Record::Persona(_) => None,
                };
                if let Some(id) = id {
                    if !out.contains(id) {
                        out.push(id.clone());
                    }
                }
            }
        }
        out
    }

    fn push(&mut self, before: Option<Record>, after: Option<Record>) {
        if before != after {
            self.changes.push(Change { before, after });
        }
    }
}

/// Deserialises a field that may be absent (leave as is), `null` (clear) or a value (set).
fn double_option<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Fields of a journey to change; absent fields stay as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
// Absent fields stay as they are, so TypeScript may leave them out.
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct JourneyPatch {
    pub title: Option<String>,
    pub goal: Option<String>,
    pub scope: Option<Scope>,
    pub persona_ids: Option<Vec<String>>,
    pub state: Option<JourneyState>,
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub compared_with: Option<Option<String>>,
    pub language: Option<Lang>,
    pub wall_photos: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
// Absent fields stay as they are, so TypeScript may leave them out.
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct PhasePatch {
    pub name: Option<String>,
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub duration: Option<Option<String>>,
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub data: Option<Option<PhaseData>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
// Absent fields stay as they are, so TypeScript may leave them out.
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct LanePatch {
    pub title: Option<String>,
    pub kind: Option<LaneKind>,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
// Absent fields stay as they are, so TypeScript may leave them out.
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct CardPatch {
    pub text: Option<String>,
    pub colour: Option<CardColour>,
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub emotion: Option<Option<i8>>,
    pub impact: Option<bool>,
    pub validation: Option<Validation>,
    pub evidence: Option<Vec<Evidence>>,
    pub company_involved: Option<bool>,
    // Value score of an opportunity (1–5); `null` clears it. (Plain comments: the generated
    // TypeScript keeps this struct on one line.)
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<Option<u8>>,
    // Effort score of an opportunity (1–5); `null` clears it.
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub effort: Option<Option<u8>>,
}

/// Every change a user can make. Positions are given as "before this sibling" (`None`: at the
/// end), the way a drop indicator shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    CreatePersona {
        persona: Persona,
    },
    UpdatePersona {
        persona: Persona,
    },
    /// Deletes the persona and unlinks it from every journey.
    DeletePersona {
        id: String,
    },
    /// Adds a whole journey (from a template, an import, a paste), with the personas it brings
    /// that the document does not have yet. Empty ids are filled in.
    CreateJourney {
        journey: Journey,
        #[serde(default)]
        personas: Vec<Persona>,
    },
    UpdateJourney {
        id: String,
        patch: JourneyPatch,
    },
    DuplicateJourney {
        id: String,
        title: String,
        #[serde(default)]
        new_id: Option<String>,
    },
    DeleteJourney {
        id: String,
    },
    AddPhase {
        journey_id: String,
        name: String,
        #[serde(default)]
        before: Option<String>,
        #[serde(default)]
        id: Option<String>,
    },
    UpdatePhase {
        id: String,
        patch: PhasePatch,
    },
    MovePhase {
        id: String,
        #[serde(default)]
        before: Option<String>,
    },
    /// Deletes the phase and its cards.
    DeletePhase {
        id: String,
    },
    AddLane {
        journey_id: String,
        kind: LaneKind,
        title: String,
        #[serde(default)]
        hint: String,
        #[serde(default)]
        before: Option<String>,
        #[serde(default)]
        id: Option<String>,
    },
    UpdateLane {
        id: String,
        patch: LanePatch,
    },
    MoveLane {
        id: String,
        #[serde(default)]
        before: Option<String>,
    },
    /// Deletes the lane and its cards.
    DeleteLane {
        id: String,
    },
    AddCard {
        journey_id: String,
        phase_id: String,
        lane_id: String,
        text: String,
        /// Default: the lane kind's colour.
        #[serde(default)]
        colour: Option<CardColour>,
        #[serde(default)]
        before: Option<String>,
        #[serde(default)]
        id: Option<String>,
    },
    UpdateCard {
        id: String,
        patch: CardPatch,
    },
    /// Moves cards (a multi-selection keeps its order) into a cell.
    MoveCards {
        ids: Vec<String>,
        phase_id: String,
        lane_id: String,
        #[serde(default)]
        before: Option<String>,
    },
    /// Copies of the cards right after each original.
    DuplicateCards {
        ids: Vec<String>,
    },
    DeleteCards {
        ids: Vec<String>,
    },
    /// Pastes cards (copied from any journey) into a cell, with new ids.
    PasteCards {
        journey_id: String,
        phase_id: String,
        lane_id: String,
        cards: Vec<Card>,
        #[serde(default)]
        before: Option<String>,
    },
}

impl Edit {
    /// A short label for menus ("Undo Move cards").
    pub fn label(&self) -> &'static str {
        match self {
            Edit::CreatePersona { .. } => "create_persona",
            Edit::UpdatePersona { .. } => "update_persona",
            Edit::DeletePersona { .. } => "delete_persona",
            Edit::CreateJourney { .. } => "create_journey",
            Edit::UpdateJourney { .. } => "update_journey",
            Edit::DuplicateJourney { .. } => "duplicate_journey",
            Edit::DeleteJourney { .. } => "delete_journey",
            Edit::AddPhase { .. } => "add_phase",
            Edit::UpdatePhase { .. } => "update_phase",
            Edit::MovePhase { .. } => "move_phase",
            Edit::DeletePhase { .. } => "delete_phase",
            Edit::AddLane { .. } => "add_lane",
            Edit::UpdateLane { .. } => "update_lane",
            Edit::MoveLane { .. } => "move_lane",
            Edit::DeleteLane { .. } => "delete_lane",
            Edit::AddCard { .. } => "add_card",
            Edit::UpdateCard { .. } => "update_card",
            Edit::MoveCards { .. } => "move_cards",
            Edit::DuplicateCards { .. } => "duplicate_cards",
            Edit::DeleteCards { .. } => "delete_cards",
            Edit::PasteCards { .. } => "paste_cards",
        }
    }
}

fn not_found(kind: &'static str, id: &str) -> EditError {
    EditError::NotFound {
        kind,
        id: id.to_string(),
    }
}

fn journey<'a>(ws: &'a Workspace, id: &str) -> Result<&'a Journey, EditError> {
    ws.journey(id).ok_or_else(|| not_found("journey", id))
}

fn journey_of<'a>(
    ws: &'a Workspace,
    id: &str,
    kind: &'static str,
) -> Result<&'a Journey, EditError> {
    ws.journey_of(id).ok_or_else(|| not_found(kind, id))
}

fn phase_rec(j: &Journey, p: &Phase) -> Record {
    Record::Phase {
        journey_id: j.meta.id.clone(),
        phase: p.clone(),
    }
}

fn lane_rec(j: &Journey, l: &Lane) -> Record {
    Record::Lane {
        journey_id: j.meta.id.clone(),
        lane: l.clone(),
    }
}

fn card_rec(journey_id: &str, c: &Card) -> Record {
    Record::Card {
        journey_id: journey_id.to_string(),
        card: c.clone(),
    }
}

/// Adds the version bump of a journey (every edit inside it makes a new version).
fn touch(cs: &mut ChangeSet, j: &JourneyMeta, now: &str) {
    let mut after = j.clone();
    after.version += 1;
    after.updated = now.to_string();
    cs.push(
        Some(Record::Journey(j.clone())),
        Some(Record::Journey(after)),
    );
}

/// Order key for inserting before `before` among `keys` (sorted); `None` appends.
fn key_before<'a>(
    mut siblings: impl Iterator<Item = (&'a str, &'a str)>,
    before: Option<&str>,
) -> Result<String, EditError> {
    // siblings yields (id, order) in order.
    let mut prev: Option<&str> = None;
    match before {
        None => {
            let last = siblings.last().map(|(_, o)| o);
            Ok(order::after(last))
        }
        Some(b) => {
            for (id, o) in siblings.by_ref() {
                if id == b {
                    return Ok(order::between(prev, Some(o)));
                }
                prev = Some(o);
            }
            Err(not_found("sibling", b))
        }
    }
}

fn check_emotion(e: Option<i8>) -> Result<(), EditError> {
    match e {
        Some(v) if !(EMOTION_MIN..=EMOTION_MAX).contains(&v) => Err(EditError::Invalid(format!(
            "emotion must be between -2 and 2, got {v}"
        ))),
        _ => Ok(()),
    }
}

/// Computes what `edit` changes in `ws`, without changing it. `now` is the RFC 3339 time
/// stamped on touched journeys.
pub fn apply(ws: &Workspace, edit: &Edit, now: &str) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    match edit {
        Edit::CreatePersona { persona } => {
            let mut p = persona.clone();
            if p.id.is_empty() {
                p.id = new_id("persona");
            }
            if ws.persona(&p.id).is_some() {
                return Err(EditError::Invalid(format!("persona {:?} exists", p.id)));
            }
            cs.push(None, Some(Record::Persona(p)));
        }
        Edit::UpdatePersona { persona } => {
            let old = ws
                .persona(&persona.id)
                .ok_or_else(|| not_found("persona", &persona.id))?;
            cs.push(
                Some(Record::Persona(old.clone())),
                Some(Record::Persona(persona.clone())),
            );
        }
        Edit::DeletePersona { id } => {
            let old = ws.persona(id).ok_or_else(|| not_found("persona", id))?;
            for j in &ws.journeys {
                if j.meta.persona_ids.contains(id) {
                    let mut after = j.meta.clone();
                    after.persona_ids.retain(|p| p != id);
                    after.version += 1;
                    after.updated = now.to_string();
                    cs.push(
                        Some(Record::Journey(j.meta.clone())),
                        Some(Record::Journey(after)),
                    );
                }
            }
            cs.push(Some(Record::Persona(old.clone())), None);
        }
        Edit::CreateJourney { journey, personas } => {
            for p in personas {
                if p.id.is_empty() || ws.persona(&p.id).is_some() {
                    return Err(EditError::Invalid(format!("persona {:?} exists", p.id)));
                }
                cs.push(None, Some(Record::Persona(p.clone())));
            }
            let mut j = journey.clone();
            fill_ids(&mut j);
            j.meta.version = j.meta.version.max(1);
            if j.meta.updated.is_empty() {
                j.meta.updated = now.to_string();
            }
            j.sort();
            if ws.journey(&j.meta.id).is_some() {
                return Err(EditError::Invalid(format!(
                    "journey {:?} exists",
                    j.meta.id
                )));
            }
            j.validate()
                .map_err(|(path, msg)| EditError::Invalid(format!("{path}: {msg}")))?;
            for p in &j.meta.persona_ids {
                if ws.persona(p).is_none() && !personas.iter().any(|n| n.id == *p) {
                    return Err(not_found("persona", p));
                }
            }
            push_journey(&mut cs, &j);
        }
        Edit::UpdateJourney { id, patch } => {
            let j = journey(ws, id)?;
            let mut m = j.meta.clone();
            if let Some(v) = &patch.title {
                m.title = v.clone();
            }
            if let Some(v) = &patch.goal {
                m.goal = v.clone();
            }
            if let Some(v) = &patch.scope {
                m.scope = v.clone();
            }
            if let Some(v) = &patch.persona_ids {
                for p in v {
                    if ws.persona(p).is_none() {
                        return Err(not_found("persona", p));
                    }
                }
                m.persona_ids = v.clone();
            }
            if let Some(v) = patch.state {
                m.state = v;
            }
            if let Some(v) = &patch.compared_with {
                if let Some(other) = v {
                    if other == id {
                        return Err(EditError::Invalid(
                            "a journey cannot be compared with itself".into(),
                        ));
                    }
                    journey(ws, other)?;
                }
                m.compared_with = v.clone();
            }
            if let Some(v) = patch.language {
                m.language = v;
            }
            if let Some(v) = &patch.wall_photos {
                m.wall_photos = v.clone();
            }
            if m != j.meta {
                m.version += 1;
                m.updated = now.to_string();
                cs.push(
                    Some(Record::Journey(j.meta.clone())),
                    Some(Record::Journey(m)),
                );
            }
        }
        Edit::DuplicateJourney {
            id,
            title,
            new_id: nid,
        } => {
            let j = journey(ws, id)?;
            let mut copy = j.clone();
            copy.meta.id = nid.clone().unwrap_or_else(|| new_id("journey"));
            copy.meta.title = title.clone();
            copy.meta.version = 1;
            copy.meta.updated = now.to_string();
            renew_ids(&mut copy);
            push_journey(&mut cs, &copy);
        }
        Edit::DeleteJourney { id } => {
            let j = journey(ws, id)?;
            // Journeys compared with this one lose the link (it would dangle).
            for other in &ws.journeys {
                if other.meta.compared_with.as_deref() == Some(id.as_str()) {
                    let mut after = other.meta.clone();
                    after.compared_with = None;
                    after.version += 1;
                    after.updated = now.to_string();
                    cs.push(
                        Some(Record::Journey(other.meta.clone())),
                        Some(Record::Journey(after)),
                    );
                }
            }
            for c in &j.cards {
                cs.push(Some(card_rec(id, c)), None);
            }
            for l in &j.lanes {
                cs.push(Some(lane_rec(j, l)), None);
            }
            for p in &j.phases {
                cs.push(Some(phase_rec(j, p)), None);
            }
            cs.push(Some(Record::Journey(j.meta.clone())), None);
        }
        Edit::AddPhase {
            journey_id,
            name,
            before,
            id,
        } => {
            let j = journey(ws, journey_id)?;
            let order = key_before(
                j.phases.iter().map(|p| (p.id.as_str(), p.order.as_str())),
                before.as_deref(),
            )?;
            let p = Phase {
                id: id.clone().unwrap_or_else(|| new_id("phase")),
                order,
                name: name.clone(),
                duration: None,
                // A phase added to a data-driven journey tracks data like its siblings.
                data: j
                    .phases
                    .iter()
                    .any(|p| p.data.is_some())
                    .then(PhaseData::default),
            };
            if ws.journey_of(&p.id).is_some() {
                return Err(EditError::Invalid(format!("id {:?} exists", p.id)));
            }
            touch(&mut cs, &j.meta, now);
            cs.push(None, Some(phase_rec(j, &p)));
        }
        Edit::UpdatePhase { id, patch } => {
            let j = journey_of(ws, id, "phase")?;
            let old = j.phase(id).ok_or_else(|| not_found("phase", id))?;
            let mut p = old.clone();
            if let Some(v) = &patch.name {
                p.name = v.clone();
            }
            if let Some(v) = &patch.duration {
                p.duration = v.clone();
            }
            if let Some(v) = &patch.data {
                if let Some(pct) = v.as_ref().and_then(|d| d.drop_off_pct) {
                    if !(0.0..=100.0).contains(&pct) {
                        return Err(EditError::Invalid(format!(
                            "drop-off must be between 0 and 100 %, got {pct}"
                        )));
                    }
                }
                p.data = v.clone();
            }
            if p != *old {
                touch(&mut cs, &j.meta, now);
                cs.push(Some(phase_rec(j, old)), Some(phase_rec(j, &p)));
            }
        }
        Edit::MovePhase { id, before } => {
            let j = journey_of(ws, id, "phase")?;
            let old = j.phase(id).ok_or_else(|| not_found("phase", id))?;
            if before.as_deref() == Some(id.as_str()) {
                return Ok(cs);
            }
            let order = key_before(
                j.phases
                    .iter()
                    .filter(|p| p.id != *id)
                    .map(|p| (p.id.as_str(), p.order.as_str())),
                before.as_deref(),
            )?;
            let mut p = old.clone();
            p.order = order;
            touch(&mut cs, &j.meta, now);
            cs.push(Some(phase_rec(j, old)), Some(phase_rec(j, &p)));
        }
        Edit::DeletePhase { id } => {
            let j = journey_of(ws, id, "phase")?;
            let old = j.phase(id).ok_or_else(|| not_found("phase", id))?;
            touch(&mut cs, &j.meta, now);
            for c in j.cards.iter().filter(|c| c.phase_id == *id) {
                cs.push(Some(card_rec(&j.meta.id, c)), None);
            }
            cs.push(Some(phase_rec(j, old)), None);
        }
        Edit::AddLane {
            journey_id,
            kind,
            title,
            hint,
            before,
            id,
        } => {
            let j = journey(ws, journey_id)?;
            let order = key_before(
                j.lanes.iter().map(|l| (l.id.as_str(), l.order.as_str())),
                before.as_deref(),
            )?;
            let l = Lane {
                id: id.clone().unwrap_or_else(|| new_id("lane")),
                order,
                kind: *kind,
                title: title.clone(),
                hint: hint.clone(),
            };
            if ws.journey_of(&l.id).is_some() {
                return Err(EditError::Invalid(format!("id {:?} exists", l.id)));
            }
            touch(&mut cs, &j.meta, now);
            cs.push(None, Some(lane_rec(j, &l)));
        }
        Edit::UpdateLane { id, patch } => {
            let j = journey_of(ws, id, "lane")?;
            let old = j.lane(id).ok_or_else(|| not_found("lane", id))?;
            let mut l = old.clone();
            if let Some(v) = &patch.title {
                l.title = v.clone();
            }
            if let Some(v) = patch.kind {
                l.kind = v;
            }
            if let Some(v) = &patch.hint {
                l.hint = v.clone();
            }
            if l != *old {
                touch(&mut cs, &j.meta, now);
                cs.push(Some(lane_rec(j, old)), Some(lane_rec(j, &l)));
            }
        }
        Edit::MoveLane { id, before } => {
            let j = journey_of(ws, id, "lane")?;
            let old = j.lane(id).ok_or_else(|| not_found("lane", id))?;
            if before.as_deref() == Some(id.as_str()) {
                return Ok(cs);
            }
            let order = key_before(
                j.lanes
                    .iter()
                    .filter(|l| l.id != *id)
                    .map(|l| (l.id.as_str(), l.order.as_str())),
                before.as_deref(),
            )?;
            let mut l = old.clone();
            l.order = order;
            touch(&mut cs, &j.meta, now);
            cs.push(Some(lane_rec(j, old)), Some(lane_rec(j, &l)));
        }
        Edit::DeleteLane { id } => {
            let j = journey_of(ws, id, "lane")?;
            let old = j.lane(id).ok_or_else(|| not_found("lane", id))?;
            touch(&mut cs, &j.meta, now);
            for c in j.cards.iter().filter(|c| c.lane_id == *id) {
                cs.push(Some(card_rec(&j.meta.id, c)), None);
            }
            cs.push(Some(lane_rec(j, old)), None);
        }
        Edit::AddCard {
            journey_id,
            phase_id,
            lane_id,
            text,
            colour,
            before,
            id,
        } => {
            let j = journey(ws, journey_id)?;
            j.phase(phase_id)
                .ok_or_else(|| not_found("phase", phase_id))?;
            let lane = j.lane(lane_id).ok_or_else(|| not_found("lane", lane_id))?;
            let order = key_before(
                j.cell_cards(phase_id, lane_id)
                    .map(|c| (c.id.as_str(), c.order.as_str())),
                before.as_deref(),
            )?;
            let mut c = Card::new(
                id.clone().unwrap_or_else(|| new_id("card")),
                phase_id.clone(),
                lane_id.clone(),
                order,
                text.clone(),
            );
            if ws.journey_of(&c.id).is_some() {
                return Err(EditError::Invalid(format!("id {:?} exists", c.id)));
            }
            c.colour = colour.unwrap_or_else(|| lane.kind.default_colour());
            if lane.kind == LaneKind::ImpactMoments {
                c.impact = true;
            }
            touch(&mut cs, &j.meta, now);
            cs.push(None, Some(card_rec(journey_id, &c)));
        }
        Edit::UpdateCard { id, patch } => {
            let j = journey_of(ws, id, "card")?;
            let old = j.card(id).ok_or_else(|| not_found("card", id))?;
            let mut c = old.clone();
            if let Some(v) = &patch.text {
                c.text = v.clone();
            }
            if let Some(v) = patch.colour {
                c.colour = v;
            }
            if let Some(v) = patch.emotion {
                check_emotion(v)?;
                c.emotion = v;
            }
            if let Some(v) = patch.impact {
                c.impact = v;
            }
            if let Some(v) = patch.validation {
                c.validation = v;
            }
            if let Some(v) = &patch.evidence {
                c.evidence = v.clone();
            }
            if let Some(v) = patch.company_involved {
                c.company_involved = v;
            }
            if let Some(v) = patch.value {
                check_score("value", v).map_err(EditError::Invalid)?;
                c.value = v;
            }
            if let Some(v) = patch.effort {
                check_score("effort", v).map_err(EditError::Invalid)?;
                c.effort = v;
            }
            if c != *old {
                touch(&mut cs, &j.meta, now);
                cs.push(
                    Some(card_rec(&j.meta.id, old)),
                    Some(card_rec(&j.meta.id, &c)),
                );
            }
        }
        Edit::MoveCards {
            ids,
            phase_id,
            lane_id,
            before,
        } => {
            let first = ids
                .first()
                .ok_or_else(|| EditError::Invalid("no cards to move".into()))?;
            let j = journey_of(ws, first, "card")?;
            j.phase(phase_id)
                .ok_or_else(|| not_found("phase", phase_id))?;
            j.lane(lane_id).ok_or_else(|| not_found("lane", lane_id))?;
            let moving: Vec<&Card> = ids
                .iter()
                .map(|id| j.card(id).ok_or_else(|| not_found("card", id)))
                .collect::<Result<_, _>>()?;
            if before.as_ref().is_some_and(|b| ids.contains(b)) {
                return Err(EditError::Invalid(
                    "cannot place cards before one of themselves".into(),
                ));
            }
            // Keys for the target cell without the moving cards, then n keys in the gap.
            let rest: Vec<&Card> = j
                .cell_cards(phase_id, lane_id)
                .filter(|c| !ids.contains(&c.id))
                .collect();
            let (lo, hi) = match before {
                None => (rest.last().map(|c| c.order.as_str()), None),
                Some(b) => {
                    let pos = rest
                        .iter()
                        .position(|c| c.id == *b)
                        .ok_or_else(|| not_found("card", b))?;
                    (
                        pos.checked_sub(1).map(|p| rest[p].order.as_str()),
                        Some(rest[pos].order.as_str()),
                    )
                }
            };
            let mut prev = lo.map(str::to_string);
            let mut changed = Vec::new();
            for c in &moving {
                let key = match hi {
                    Some(h) => order::between(prev.as_deref(), Some(h)),
                    None => order::after(prev.as_deref()),
                };
                let mut m = (*c).clone();
                m.phase_id = phase_id.clone();
                m.lane_id = lane_id.clone();
                m.order = key.clone();
                prev = Some(key);
                if m != **c {
                    changed.push((*c, m));
                }
            }
            if !changed.is_empty() {
                touch(&mut cs, &j.meta, now);
                for (old, new) in changed {
                    cs.push(
                        Some(card_rec(&j.meta.id, old)),
                        Some(card_rec(&j.meta.id, &new)),
                    );
                }
            }
        }
        Edit::DuplicateCards { ids } => {
            let first = ids
                .first()
                .ok_or_else(|| EditError::Invalid("no cards to duplicate".into()))?;
            let j = journey_of(ws, first, "card")?;
            touch(&mut cs, &j.meta, now);
            for id in ids {
                let c = j.card(id).ok_or_else(|| not_found("card", id))?;
                let next = j
                    .cell_cards(&c.phase_id, &c.lane_id)
                    .skip_while(|s| s.id != c.id)
                    .nth(1);
                let mut copy = c.clone();
                copy.id = new_id("card");
                copy.order = order::between(Some(&c.order), next.map(|n| n.order.as_str()));
                cs.push(None, Some(card_rec(&j.meta.id, &copy)));
            }
        }
        Edit::DeleteCards { ids } => {
            let first = ids
                .first()
                .ok_or_else(|| EditError::Invalid("no cards to delete".into()))?;
            let j = journey_of(ws, first, "card")?;
            touch(&mut cs, &j.meta, now);
            for id in ids {
                let c = j.card(id).ok_or_else(|| not_found("card", id))?;
                cs.push(Some(card_rec(&j.meta.id, c)), None);
            }
        }
        Edit::PasteCards {
            journey_id,
            phase_id,
            lane_id,
            cards,
            before,
        } => {
            let j = journey(ws, journey_id)?;
            j.phase(phase_id)
                .ok_or_else(|| not_found("phase", phase_id))?;
            j.lane(lane_id).ok_or_else(|| not_found("lane", lane_id))?;
            let cell: Vec<&Card> = j.cell_cards(phase_id, lane_id).collect();
            let (lo, hi) = match before {
                None => (cell.last().map(|c| c.order.as_str()), None),
                Some(b) => {
                    let pos = cell
                        .iter()
                        .position(|c| c.id == *b)
                        .ok_or_else(|| not_found("card", b))?;
                    (
                        pos.checked_sub(1).map(|p| cell[p].order.as_str()),
                        Some(cell[pos].order.as_str()),
                    )
                }
            };
            touch(&mut cs, &j.meta, now);
            let mut prev = lo.map(str::to_string);
            for c in cards {
                check_emotion(c.emotion)?;
                check_score("value", c.value).map_err(EditError::Invalid)?;
                check_score("effort", c.effort).map_err(EditError::Invalid)?;
                let key = match hi {
                    Some(h) => order::between(prev.as_deref(), Some(h)),
                    None => order::after(prev.as_deref()),
                };
                let mut copy = c.clone();
                copy.id = new_id("card");
                copy.phase_id = phase_id.clone();
                copy.lane_id = lane_id.clone();
                copy.order = key.clone();
                prev = Some(key);
                cs.push(None, Some(card_rec(journey_id, &copy)));
            }
        }
    }
    Ok(cs)
}

fn push_journey(cs: &mut ChangeSet, j: &Journey) {
    cs.push(None, Some(Record::Journey(j.meta.clone())));
    for p in &j.phases {
        cs.push(None, Some(phase_rec(j, p)));
    }
    for l in &j.lanes {
        cs.push(None, Some(lane_rec(j, l)));
    }
    for c in &j.cards {
        cs.push(None, Some(card_rec(&j.meta.id, c)));
    }
}

/// Gives every record without an id a new one.
fn fill_ids(j: &mut Journey) {
    if j.meta.id.is_empty() {
        j.meta.id = new_id("journey");
    }
    for p in &mut j.phases {
        if p.id.is_empty() {
            p.id = new_id("phase");
        }
    }
    for l in &mut j.lanes {
        if l.id.is_empty() {
            l.id = new_id("lane");
        }
    }
    for c in &mut j.cards {
        if c.id.is_empty() {
            c.id = new_id("card");
        }
    }
}

/// Gives every phase, lane and card a new id, keeping the cards' links.
pub fn renew_ids(j: &mut Journey) {
    let mut map = std::collections::HashMap::new();
    for p in &mut j.phases {
        let n = new_id("phase");
        map.insert(std::mem::replace(&mut p.id, n.clone()), n);
    }
    for l in &mut j.lanes {
        let n = new_id("lane");
        map.insert(std::mem::replace(&mut l.id, n.clone()), n);
    }
    for c in &mut j.cards {
        c.id = new_id("card");
        if let Some(n) = map.get(&c.phase_id) {
            c.phase_id = n.clone();
        }
        if let Some(n) = map.get(&c.lane_id) {
            c.lane_id = n.clone();
        }
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

fn upsert(ws: &mut Workspace, r: &Record) {
    match r {
        Record::Persona(p) => upsert_vec(&mut ws.personas, p, |x| x.id == p.id),
        Record::Journey(m) => match ws.journeys.iter_mut().find(|j| j.meta.id == m.id) {
            Some(j) => j.meta = m.clone(),
            None => ws.journeys.push(Journey {
                meta: m.clone(),
                ..Default::default()
            }),
        },
        Record::Phase { journey_id, phase } => {
            if let Some(j) = ws.journeys.iter_mut().find(|j| j.meta.id == *journey_id) {
                upsert_vec(&mut j.phases, phase, |x| x.id == phase.id);
            }
        }
        Record::Lane { journey_id, lane } => {
            if let Some(j) = ws.journeys.iter_mut().find(|j| j.meta.id == *journey_id) {
                upsert_vec(&mut j.lanes, lane, |x| x.id == lane.id);
            }
        }
        Record::Card { journey_id, card } => {
            if let Some(j) = ws.journeys.iter_mut().find(|j| j.meta.id == *journey_id) {
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
            if let Some(j) = ws.journeys.iter_mut().find(|j| j.meta.id == *journey_id) {
                j.phases.retain(|x| x.id != phase.id);
            }
        }
        Record::Lane { journey_id, lane } => {
            if let Some(j) = ws.journeys.iter_mut().find(|j| j.meta.id == *journey_id) {
                j.lanes.retain(|x| x.id != lane.id);
            }
        }
        Record::Card { journey_id, card } => {
            if let Some(j) = ws.journeys.iter_mut().find(|j| j.meta.id == *journey_id) {
                j.cards.retain(|x| x.id != card.id);
            }
        }
    }
}
