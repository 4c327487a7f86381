//! Phases and lanes: the two axes of a journey's grid, edited through one generic path.
//!
//! A phase is a column and a lane a row; both are ordered by fractional keys, both hold cards,
//! and adding, updating, moving and deleting them works the same. [`Axis`] says where the two
//! differ (their list in the journey, the card field that points at them, their patch), and
//! [`add`], [`update`], [`move_to`] and [`delete`] do the rest once. A new field of a phase or
//! lane is declared in the record, its patch and its [`Axis::patch`], nothing else.

use super::{
    card_rec, check_new_id, journey, journey_of, key_before, not_found, touch, ChangeSet,
    EditError, LanePatch, PhasePatch, Record,
};
use crate::model::ids::new_id;
use crate::model::*;

/// What the generic phase and lane edits need to know of either.
pub(super) trait Axis: Clone + PartialEq + Sized {
    /// The record kind, as errors and ids name it ("phase", "lane").
    const KIND: &'static str;
    type Patch;
    fn id(&self) -> &str;
    fn order(&self) -> &str;
    fn set_order(&mut self, key: String);
    /// The journey's records of this kind, in order.
    fn all(j: &Journey) -> &[Self];
    /// Whether `card` sits in the record with id `id` (its phase, or its lane).
    fn holds(card: &Card, id: &str) -> bool;
    fn record(journey_id: &str, item: &Self) -> Record;
    /// Applies the patch's present fields, refusing values out of range.
    fn patch(&mut self, patch: &Self::Patch) -> Result<(), EditError>;

    fn find<'a>(j: &'a Journey, id: &str) -> Option<&'a Self> {
        Self::all(j).iter().find(|x| x.id() == id)
    }
}

impl Axis for Phase {
    const KIND: &'static str = "phase";
    type Patch = PhasePatch;
    fn id(&self) -> &str {
        &self.id
    }
    fn order(&self) -> &str {
        &self.order
    }
    fn set_order(&mut self, key: String) {
        self.order = key;
    }
    fn all(j: &Journey) -> &[Phase] {
        &j.phases
    }
    fn holds(card: &Card, id: &str) -> bool {
        card.phase_id == id
    }
    fn record(journey_id: &str, item: &Phase) -> Record {
        Record::phase(journey_id, item)
    }
    fn patch(&mut self, patch: &PhasePatch) -> Result<(), EditError> {
        if let Some(v) = &patch.name {
            self.name = v.clone();
        }
        if let Some(v) = &patch.duration {
            self.duration = v.clone();
        }
        if let Some(v) = &patch.data {
            // A drop-off outside 0–100 % is kept as typed, with the rest of the phase's
            // figures: the insights flag it by phase name and leave it out of the funnel's
            // sums, and the phase panel says so at the field (docs/insights.md).
            self.data = v.clone();
        }
        if let Some(v) = &patch.review {
            self.review = v.clone();
        }
        Ok(())
    }
}

impl Axis for Lane {
    const KIND: &'static str = "lane";
    type Patch = LanePatch;
    fn id(&self) -> &str {
        &self.id
    }
    fn order(&self) -> &str {
        &self.order
    }
    fn set_order(&mut self, key: String) {
        self.order = key;
    }
    fn all(j: &Journey) -> &[Lane] {
        &j.lanes
    }
    fn holds(card: &Card, id: &str) -> bool {
        card.lane_id == id
    }
    fn record(journey_id: &str, item: &Lane) -> Record {
        Record::lane(journey_id, item)
    }
    fn patch(&mut self, patch: &LanePatch) -> Result<(), EditError> {
        if let Some(v) = &patch.title {
            self.title = v.clone();
        }
        if let Some(v) = patch.kind {
            self.kind = v;
        }
        if let Some(v) = &patch.hint {
            self.hint = v.clone();
        }
        if let Some(v) = &patch.persona_id {
            self.persona_id = v.clone();
        }
        Ok(())
    }
}

/// The journey holding the record `id` of kind `A`, and the record.
fn locate<'a, A: Axis>(ws: &'a Workspace, id: &str) -> Result<(&'a Journey, &'a A), EditError> {
    let j = journey_of(ws, id, A::KIND)?;
    let item = A::find(j, id).ok_or_else(|| not_found(A::KIND, id))?;
    Ok((j, item))
}

/// Adds a record before the sibling `before` (`None`: at the end). `make` builds it from the
/// journey, its id (the client's, or a new one) and its order key.
pub(super) fn add<A: Axis>(
    ws: &Workspace,
    journey_id: &str,
    before: Option<&str>,
    id: Option<&str>,
    now: &str,
    make: impl FnOnce(&Journey, String, String) -> A,
) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let j = journey(ws, journey_id)?;
    let order = key_before(A::all(j).iter().map(|x| (x.id(), x.order())), before)?;
    let id = id.map_or_else(|| new_id(A::KIND), str::to_string);
    let item = make(j, id, order);
    check_new_id(ws, item.id())?;
    touch(&mut cs, &j.meta, now);
    cs.push(None, Some(A::record(&j.meta.id, &item)));
    Ok(cs)
}

pub(super) fn update<A: Axis>(
    ws: &Workspace,
    id: &str,
    patch: &A::Patch,
    now: &str,
) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let (j, old) = locate::<A>(ws, id)?;
    let mut item = old.clone();
    item.patch(patch)?;
    if item != *old {
        touch(&mut cs, &j.meta, now);
        cs.push(
            Some(A::record(&j.meta.id, old)),
            Some(A::record(&j.meta.id, &item)),
        );
    }
    Ok(cs)
}

/// Moves the record before the sibling `before` (`None`: to the end); before itself is no move.
pub(super) fn move_to<A: Axis>(
    ws: &Workspace,
    id: &str,
    before: Option<&str>,
    now: &str,
) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let (j, old) = locate::<A>(ws, id)?;
    if before == Some(id) {
        return Ok(cs);
    }
    let order = key_before(
        A::all(j)
            .iter()
            .filter(|x| x.id() != id)
            .map(|x| (x.id(), x.order())),
        before,
    )?;
    let mut item = old.clone();
    item.set_order(order);
    touch(&mut cs, &j.meta, now);
    cs.push(
        Some(A::record(&j.meta.id, old)),
        Some(A::record(&j.meta.id, &item)),
    );
    Ok(cs)
}

/// Deletes the record and the cards in it.
pub(super) fn delete<A: Axis>(ws: &Workspace, id: &str, now: &str) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let (j, old) = locate::<A>(ws, id)?;
    touch(&mut cs, &j.meta, now);
    for c in j.cards.iter().filter(|c| A::holds(c, id)) {
        cs.push(Some(card_rec(&j.meta.id, c)), None);
    }
    cs.push(Some(A::record(&j.meta.id, old)), None);
    Ok(cs)
}
