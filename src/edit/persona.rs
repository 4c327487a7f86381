//! Persona edits: create, update, delete (which also unlinks the persona from every journey).

use super::{not_found, ChangeSet, EditError, Record};
use crate::model::ids::new_id;
use crate::model::*;

pub(super) fn create(ws: &Workspace, persona: &Persona) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let mut p = persona.clone();
    if p.id.is_empty() {
        p.id = new_id("persona");
    }
    if ws.persona(&p.id).is_some() {
        return Err(EditError::Invalid(format!("persona {:?} exists", p.id)));
    }
    cs.push(None, Some(Record::Persona(p)));
    Ok(cs)
}

pub(super) fn update(ws: &Workspace, persona: &Persona) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let old = ws
        .persona(&persona.id)
        .ok_or_else(|| not_found("persona", &persona.id))?;
    cs.push(
        Some(Record::Persona(old.clone())),
        Some(Record::Persona(persona.clone())),
    );
    Ok(cs)
}

pub(super) fn delete(ws: &Workspace, id: &str, now: &str) -> Result<ChangeSet, EditError> {
    let mut cs = ChangeSet::default();
    let old = ws.persona(id).ok_or_else(|| not_found("persona", id))?;
    for j in &ws.journeys {
        if j.meta.persona_ids.iter().any(|p| p == id) {
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
    Ok(cs)
}
