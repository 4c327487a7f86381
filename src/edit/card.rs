//! Card edits: add, update, move (a multi-selection keeps its order), duplicate, delete, and
//! paste (copies with new ids). Cards placed together into a cell get keys in one gap of the
//! cell's order, so their neighbours are never renumbered.

use super::{
    card_rec, check_new_id, journey, journey_of, key_before, not_found, touch, CardPatch,
    ChangeSet, EditError,
};
use crate::model::ids::new_id;
use crate::model::order;
use crate::model::*;

/// A cell of a journey: where a card is added or pasted.
pub(super) struct Cell<'a> {
    pub journey_id: &'a str,
    pub phase_id: &'a str,
    pub lane_id: &'a str,
}

pub(super) fn check_emotion(e: Option<i8>) -> Result<(), EditError> {
    match e {
        Some(v) if !(EMOTION_MIN..=EMOTION_MAX).contains(&v) => Err(EditError::Invalid(format!(
            "emotion must be between -2 and 2, got {v}"
        ))),
        _ => Ok(()),
    }
}

/// The order keys around the gap before `before` among `cell` (`None`: after the last card).
fn gap<'a>(
    cell: &[&'a Card],
    before: Option<&str>,
) -> Result<(Option<&'a str>, Option<&'a str>), EditError> {
    match before {
        None => Ok((cell.last().map(|c| c.order.as_str()), None)),
        Some(b) => {
            let pos = cell
                .iter()
                .position(|c| c.id == b)
                .ok_or_else(|| not_found("card", b))?;
            Ok((
                pos.checked_sub(1).map(|p| cell[p].order.as_str()),
                Some(cell[pos].order.as_str()),
            ))
        }
    }
}

/// Successive keys in the gap `(lo, hi)`, one per card placed.
fn keys_in(lo: Option<&str>, hi: Option<&str>) -> impl FnMut() -> String {
    let mut prev = lo.map(str::to_string);
    let hi = hi.map(str::to_string);
    move || {
        let key = match &hi {
            Some(h) => order::between(prev.as_deref(), Some(h)),
            None => order::after(prev.as_deref()),
        };
        prev = Some(key.clone());
        key
    }
}

/// The journey of the first card of a selection (every card must be in it).
fn selection<'a>(ws: &'a Workspace, ids: &[String], what: &str) -> Result<&'a Journey, EditError> {
    let first = ids
        .first()
        .ok_or_else(|| EditError::Invalid(format!("no cards to {what}")))?;
    journey_of(ws, first, "card")
}

pub(super) fn add(
    ws: &Workspace,
    cell: &Cell,
    text: &str,
    colour: Option<CardColour>,
    before: Option<&str>,
    id: Option<&str>,
    now: &str,
) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let j = journey(ws, cell.journey_id)?;
    j.phase(cell.phase_id)
        .ok_or_else(|| not_found("phase", cell.phase_id))?;
    let lane = j
        .lane(cell.lane_id)
        .ok_or_else(|| not_found("lane", cell.lane_id))?;
    let order = key_before(
        j.cell_cards(cell.phase_id, cell.lane_id)
            .map(|c| (c.id.as_str(), c.order.as_str())),
        before,
    )?;
    let mut c = Card::new(
        id.map_or_else(|| new_id("card"), str::to_string),
        cell.phase_id.to_string(),
        cell.lane_id.to_string(),
        order,
        text.to_string(),
    );
    check_new_id(ws, &c.id)?;
    c.colour = colour.unwrap_or_else(|| lane.kind.default_colour());
    if lane.kind == LaneKind::ImpactMoments {
        c.impact = true;
    }
    touch(&mut cs, &j.meta, now);
    cs.push(None, Some(card_rec(cell.journey_id, &c)));
    Ok(cs)
}

pub(super) fn update(
    ws: &Workspace,
    id: &str,
    patch: &CardPatch,
    now: &str,
) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
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
    if let Some(v) = patch.fail_point {
        c.fail_point = v;
    }
    if let Some(v) = patch.wait_point {
        c.wait_point = v;
    }
    if let Some(v) = &patch.image {
        if v.as_deref().is_some_and(|i| i.trim().is_empty()) {
            return Err(EditError::Invalid(
                "a card's image id must not be empty".into(),
            ));
        }
        c.image = v.clone();
    }
    if let Some(v) = patch.from_photo {
        c.from_photo = v;
    }
    if let Some(v) = patch.votes {
        // Not capped here: a count read from the wall or typed after the round is what the
        // team did; the insights warn when it breaks the round's cap or budget.
        c.votes = v;
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
    Ok(cs)
}

pub(super) fn move_to(
    ws: &Workspace,
    ids: &[String],
    phase_id: &str,
    lane_id: &str,
    before: Option<&str>,
    now: &str,
) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let j = selection(ws, ids, "move")?;
    j.phase(phase_id)
        .ok_or_else(|| not_found("phase", phase_id))?;
    j.lane(lane_id).ok_or_else(|| not_found("lane", lane_id))?;
    let moving: Vec<&Card> = ids
        .iter()
        .map(|id| j.card(id).ok_or_else(|| not_found("card", id)))
        .collect::<Result<_, _>>()?;
    if before.is_some_and(|b| ids.iter().any(|i| i == b)) {
        return Err(EditError::Invalid(
            "cannot place cards before one of themselves".into(),
        ));
    }
    // Keys for the target cell without the moving cards, then n keys in the gap.
    let rest: Vec<&Card> = j
        .cell_cards(phase_id, lane_id)
        .filter(|c| !ids.contains(&c.id))
        .collect();
    let (lo, hi) = gap(&rest, before)?;
    let mut next = keys_in(lo, hi);
    let mut changed = Vec::new();
    for c in &moving {
        let mut m = (*c).clone();
        m.phase_id = phase_id.to_string();
        m.lane_id = lane_id.to_string();
        m.order = next();
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
    Ok(cs)
}

pub(super) fn duplicate(ws: &Workspace, ids: &[String], now: &str) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let j = selection(ws, ids, "duplicate")?;
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
    Ok(cs)
}

pub(super) fn delete(ws: &Workspace, ids: &[String], now: &str) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let j = selection(ws, ids, "delete")?;
    touch(&mut cs, &j.meta, now);
    for id in ids {
        let c = j.card(id).ok_or_else(|| not_found("card", id))?;
        cs.push(Some(card_rec(&j.meta.id, c)), None);
    }
    Ok(cs)
}

pub(super) fn paste(
    ws: &Workspace,
    cell: &Cell,
    cards: &[Card],
    before: Option<&str>,
    now: &str,
) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let j = journey(ws, cell.journey_id)?;
    j.phase(cell.phase_id)
        .ok_or_else(|| not_found("phase", cell.phase_id))?;
    j.lane(cell.lane_id)
        .ok_or_else(|| not_found("lane", cell.lane_id))?;
    let here: Vec<&Card> = j.cell_cards(cell.phase_id, cell.lane_id).collect();
    let (lo, hi) = gap(&here, before)?;
    let mut next = keys_in(lo, hi);
    touch(&mut cs, &j.meta, now);
    for c in cards {
        check_emotion(c.emotion)?;
        check_score("value", c.value).map_err(EditError::Invalid)?;
        check_score("effort", c.effort).map_err(EditError::Invalid)?;
        let mut copy = c.clone();
        copy.id = new_id("card");
        copy.phase_id = cell.phase_id.to_string();
        copy.lane_id = cell.lane_id.to_string();
        copy.order = next();
        cs.push(None, Some(card_rec(cell.journey_id, &copy)));
    }
    Ok(cs)
}
