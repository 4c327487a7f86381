//! Every change a user can make, as data.
//!
//! [`apply`] turns an [`Edit`] into a [`ChangeSet`] — the records before and after — without
//! changing anything. The store writes the ChangeSet and records it in the history; undo writes
//! [`ChangeSet::inverted`]. Because undo and redo only ever replay ChangeSets, no edit needs a
//! hand-written inverse and every new edit is undoable the day it is added. [`diff`] makes the
//! ChangeSet that turns one journey into another (restoring a version, comparing journeys).
//!
//! Invariants of a ChangeSet ([`changes`]): changes are listed in an order that keeps foreign
//! keys valid when applied front to back (parents are created before children, children
//! deleted before parents), so the inverted list (back to front, before/after swapped) is
//! valid too.
//!
//! Ids: every edit that creates a record takes an optional client-chosen id (`id`, `new_id`, a
//! persona's or journey's own `id`; empty or absent means "make one"), so a group of edits
//! (`store::Document::apply_group`) can refer to a record an earlier edit of the same group
//! creates. Only `duplicate_cards` and `paste_cards` always make new ids.
//!
//! One file per record kind: [`persona`], [`journey`], [`axis`] (phases and lanes, through one
//! generic path), [`card`], [`link`] (links between cards, kept in the journey's record). May import `model` only. See `docs/architecture.md`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::order;
use crate::model::*;

mod axis;
mod card;
mod changes;
mod diff;
mod journey;
pub mod json;
mod link;
mod patch;
mod persona;
mod workshop;

pub use changes::{apply_changes, Change, ChangeSet, Record};
pub use diff::diff;
pub use journey::renew_ids;
pub use patch::{CardPatch, JourneyPatch, LanePatch, PhasePatch};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum EditError {
    #[error("no {kind} with id {id:?}")]
    NotFound { kind: &'static str, id: String },
    #[error("{0}")]
    Invalid(String),
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
    /// "Make the to-be journey": copies the journey (new ids) as to-be and links the two
    /// (`compared_with`, both ways). Empty title: the original's with "(to-be)".
    MakeToBe {
        id: String,
        #[serde(default)]
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
    /// An arrow from card `from` to card `to` of the same journey (a jump forward or a loop
    /// back). Deleting either card deletes the link in the same edit.
    AddLink {
        from: String,
        to: String,
        #[serde(default)]
        label: String,
        #[serde(default)]
        id: Option<String>,
    },
    /// Changes a link's label (empty: no label).
    UpdateLink {
        id: String,
        label: String,
    },
    DeleteLink {
        id: String,
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
            Edit::MakeToBe { .. } => "make_to_be",
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
            Edit::AddLink { .. } => "add_link",
            Edit::UpdateLink { .. } => "update_link",
            Edit::DeleteLink { .. } => "delete_link",
        }
    }
}

/// Computes what `edit` changes in `ws`, without changing it. `now` is the RFC 3339 time
/// stamped on touched journeys.
pub fn apply(ws: &Workspace, edit: &Edit, now: &str) -> Result<ChangeSet, EditError> {
    let mut cs = apply_one(ws, edit, now)?;
    link::prune(&mut cs);
    Ok(cs)
}

fn apply_one(ws: &Workspace, edit: &Edit, now: &str) -> Result<ChangeSet, EditError> {
    match edit {
        Edit::CreatePersona { persona } => persona::create(ws, persona),
        Edit::UpdatePersona { persona } => persona::update(ws, persona),
        Edit::DeletePersona { id } => persona::delete(ws, id, now),
        Edit::CreateJourney { journey, personas } => journey::create(ws, journey, personas, now),
        Edit::UpdateJourney { id, patch } => journey::update(ws, id, patch, now),
        Edit::DuplicateJourney {
            id,
            title,
            new_id: nid,
        } => journey::duplicate(ws, id, title, nid.as_deref(), now),
        Edit::MakeToBe {
            id,
            title,
            new_id: nid,
        } => journey::make_to_be(ws, id, title, nid.as_deref(), now),
        Edit::DeleteJourney { id } => journey::delete(ws, id, now),
        Edit::AddPhase {
            journey_id,
            name,
            before,
            id,
        } => axis::add(
            ws,
            journey_id,
            before.as_deref(),
            id.as_deref(),
            now,
            |j, id, order| {
                Phase {
                    id,
                    order,
                    name: name.clone(),
                    duration: None,
                    // A phase added to a data-driven journey tracks data like its siblings.
                    data: j
                        .phases
                        .iter()
                        .any(|p| p.data.is_some())
                        .then(PhaseData::default),
                    review: Review::default(),
                }
            },
        ),
        Edit::UpdatePhase { id, patch } => axis::update::<Phase>(ws, id, patch, now),
        Edit::MovePhase { id, before } => axis::move_to::<Phase>(ws, id, before.as_deref(), now),
        Edit::DeletePhase { id } => axis::delete::<Phase>(ws, id, now),
        Edit::AddLane {
            journey_id,
            kind,
            title,
            hint,
            before,
            id,
        } => axis::add(
            ws,
            journey_id,
            before.as_deref(),
            id.as_deref(),
            now,
            |_, id, order| Lane {
                id,
                order,
                kind: *kind,
                title: title.clone(),
                hint: hint.clone(),
                persona_id: None,
            },
        ),
        Edit::UpdateLane { id, patch } => axis::update::<Lane>(ws, id, patch, now),
        Edit::MoveLane { id, before } => axis::move_to::<Lane>(ws, id, before.as_deref(), now),
        Edit::DeleteLane { id } => axis::delete::<Lane>(ws, id, now),
        Edit::AddCard {
            journey_id,
            phase_id,
            lane_id,
            text,
            colour,
            before,
            id,
        } => card::add(
            ws,
            &card::Cell {
                journey_id,
                phase_id,
                lane_id,
            },
            text,
            *colour,
            before.as_deref(),
            id.as_deref(),
            now,
        ),
        Edit::UpdateCard { id, patch } => card::update(ws, id, patch, now),
        Edit::MoveCards {
            ids,
            phase_id,
            lane_id,
            before,
        } => card::move_to(ws, ids, phase_id, lane_id, before.as_deref(), now),
        Edit::DuplicateCards { ids } => card::duplicate(ws, ids, now),
        Edit::DeleteCards { ids } => card::delete(ws, ids, now),
        Edit::PasteCards {
            journey_id,
            phase_id,
            lane_id,
            cards,
            before,
        } => card::paste(
            ws,
            &card::Cell {
                journey_id,
                phase_id,
                lane_id,
            },
            cards,
            before.as_deref(),
            now,
        ),
        Edit::AddLink {
            from,
            to,
            label,
            id,
        } => link::add(ws, from, to, label, id.as_deref(), now),
        Edit::UpdateLink { id, label } => link::update(ws, id, label, now),
        Edit::DeleteLink { id } => link::delete(ws, id, now),
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

/// The journey holding the phase, lane or card `id` (`kind` names it in the error).
fn journey_of<'a>(
    ws: &'a Workspace,
    id: &str,
    kind: &'static str,
) -> Result<&'a Journey, EditError> {
    ws.journey_of(id).ok_or_else(|| not_found(kind, id))
}

fn card_rec(journey_id: &str, c: &Card) -> Record {
    Record::card(journey_id, c)
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

/// Order key for inserting before the sibling `before` among `siblings` (`(id, order)` in
/// order); `None` appends.
fn key_before<'a>(
    mut siblings: impl Iterator<Item = (&'a str, &'a str)>,
    before: Option<&str>,
) -> Result<String, EditError> {
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

/// Refuses a record id that a phase, lane or card of any journey already has.
fn check_new_id(ws: &Workspace, id: &str) -> Result<(), EditError> {
    if ws.journey_of(id).is_some() {
        return Err(EditError::Invalid(format!("id {id:?} exists")));
    }
    Ok(())
}
