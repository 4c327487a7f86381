//! Journey edits: create (a whole journey with its records, from a template, an import or a
//! paste), update its own fields, duplicate, delete (with its records, and the links of
//! journeys compared with it).

use super::{card_rec, journey, not_found, ChangeSet, EditError, JourneyPatch, Record};
use crate::model::ids::new_id;
use crate::model::*;

pub(super) fn create(
    ws: &Workspace,
    journey: &Journey,
    personas: &[Persona],
    now: &str,
) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
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
    Ok(cs)
}

pub(super) fn update(
    ws: &Workspace,
    id: &str,
    patch: &JourneyPatch,
    now: &str,
) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
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
    if let Some(v) = &patch.next_steps {
        m.next_steps = v.clone();
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
    if let Some(v) = &patch.owner {
        m.owner = v.clone();
    }
    if let Some(v) = &patch.phase_matches {
        for pm in v {
            if pm.journey_id == id {
                return Err(EditError::Invalid(
                    "a journey's phases cannot be matched with its own".into(),
                ));
            }
            let other = journey(ws, &pm.journey_id)?;
            if j.phase(&pm.phase_id).is_none() {
                return Err(not_found("phase", &pm.phase_id));
            }
            if other.phase(&pm.other_phase_id).is_none() {
                return Err(not_found("phase", &pm.other_phase_id));
            }
        }
        m.phase_matches = v.clone();
    }
    if let Some(v) = &patch.review {
        m.review = v.clone();
    }
    super::workshop::apply(&mut m, patch)?;
    if m != j.meta {
        m.version += 1;
        m.updated = now.to_string();
        cs.push(
            Some(Record::Journey(j.meta.clone())),
            Some(Record::Journey(m)),
        );
    }
    Ok(cs)
}

pub(super) fn duplicate(
    ws: &Workspace,
    id: &str,
    title: &str,
    nid: Option<&str>,
    now: &str,
) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let j = journey(ws, id)?;
    let mut copy = j.clone();
    copy.meta.id = nid.map_or_else(|| new_id("journey"), str::to_string);
    copy.meta.title = title.to_string();
    copy.meta.version = 1;
    copy.meta.updated = now.to_string();
    renew_ids(&mut copy);
    push_journey(&mut cs, &copy);
    Ok(cs)
}

/// "Make the to-be journey": a copy of journey `id` (new ids) marked to-be, and the two linked
/// both ways with `compared_with`, as one ChangeSet (one undo step).
pub(super) fn make_to_be(
    ws: &Workspace,
    id: &str,
    title: &str,
    nid: Option<&str>,
    now: &str,
) -> Result<ChangeSet, EditError> {
    let j = journey(ws, id)?;
    let new = nid.map_or_else(|| new_id("journey"), str::to_string);
    if new.is_empty() || ws.journey(&new).is_some() {
        return Err(EditError::Invalid(format!("journey {new:?} exists")));
    }
    let title = if title.trim().is_empty() {
        match j.meta.language {
            Lang::Nl => format!("{} (gewenst)", j.meta.title),
            Lang::En => format!("{} (to-be)", j.meta.title),
        }
    } else {
        title.to_string()
    };
    let mut cs = ChangeSet::default();
    let mut copy = j.clone();
    copy.meta.id = new.clone();
    copy.meta.title = title;
    copy.meta.state = JourneyState::ToBe;
    copy.meta.compared_with = Some(id.to_string());
    // Hand matches were made for the original's partners, not for the original itself.
    copy.meta.phase_matches.clear();
    copy.meta.version = 1;
    copy.meta.updated = now.to_string();
    renew_ids(&mut copy);
    push_journey(&mut cs, &copy);
    let mut after = j.meta.clone();
    after.compared_with = Some(new);
    after.version += 1;
    after.updated = now.to_string();
    cs.push(
        Some(Record::Journey(j.meta.clone())),
        Some(Record::Journey(after)),
    );
    Ok(cs)
}

pub(super) fn delete(ws: &Workspace, id: &str, now: &str) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let j = journey(ws, id)?;
    // Journeys compared with this one lose the link and the hand matches (they would dangle).
    for other in &ws.journeys {
        let matched = other.meta.phase_matches.iter().any(|m| m.journey_id == id);
        if other.meta.compared_with.as_deref() == Some(id) || matched {
            let mut after = other.meta.clone();
            if after.compared_with.as_deref() == Some(id) {
                after.compared_with = None;
            }
            after.phase_matches.retain(|m| m.journey_id != id);
            after.version += 1;
            after.updated = now.to_string();
            cs.push(
                Some(Record::Journey(other.meta.clone())),
                Some(Record::Journey(after)),
            );
        }
    }
    cs.extend(removal(j));
    Ok(cs)
}

/// The changes that create `j` with all its records, parents first.
pub(super) fn creation(j: &Journey) -> ChangeSet {
    let mut cs = ChangeSet::default();
    push_journey(&mut cs, j);
    cs
}

/// The changes that delete `j` with all its records, children first.
pub(super) fn removal(j: &Journey) -> ChangeSet {
    let mut cs = ChangeSet::default();
    let id = &j.meta.id;
    for c in &j.cards {
        cs.push(Some(card_rec(id, c)), None);
    }
    for l in &j.lanes {
        cs.push(Some(Record::lane(id, l)), None);
    }
    for p in &j.phases {
        cs.push(Some(Record::phase(id, p)), None);
    }
    cs.push(Some(Record::Journey(j.meta.clone())), None);
    cs
}

fn push_journey(cs: &mut ChangeSet, j: &Journey) {
    let id = &j.meta.id;
    cs.push(None, Some(Record::Journey(j.meta.clone())));
    for p in &j.phases {
        cs.push(None, Some(Record::phase(id, p)));
    }
    for l in &j.lanes {
        cs.push(None, Some(Record::lane(id, l)));
    }
    for c in &j.cards {
        cs.push(None, Some(card_rec(id, c)));
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
    for l in &mut j.meta.links {
        if l.id.is_empty() {
            l.id = new_id("link");
        }
    }
}

/// Gives every phase, lane, card and link a new id, keeping the cards' places and the links
/// between them.
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
        let n = new_id("card");
        map.insert(std::mem::replace(&mut c.id, n.clone()), n);
        if let Some(n) = map.get(&c.phase_id) {
            c.phase_id = n.clone();
        }
        if let Some(n) = map.get(&c.lane_id) {
            c.lane_id = n.clone();
        }
    }
    for l in &mut j.meta.links {
        l.id = new_id("link");
        if let Some(n) = map.get(&l.from) {
            l.from = n.clone();
        }
        if let Some(n) = map.get(&l.to) {
            l.to = n.clone();
        }
    }
}
