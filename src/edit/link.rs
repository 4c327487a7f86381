//! Link edits: add (from one card to another of the same journey), relabel, delete; and
//! [`prune`], which every edit passes through so that deleting a card (alone, or with its
//! phase or lane) deletes the links that touch it in the same ChangeSet, hence the same undo
//! step.
//!
//! Links live in the journey's own record (see `model::link`), so each of these edits is one
//! change of that record, with the version bump.

use super::{journey_of, not_found, ChangeSet, EditError, Record};
use crate::model::ids::new_id;
use crate::model::*;

pub(super) fn add(
    ws: &Workspace,
    from: &str,
    to: &str,
    label: &str,
    id: Option<&str>,
    now: &str,
) -> Result<ChangeSet, EditError> {
    let j = journey_of(ws, from, "card")?;
    if j.card(from).is_none() {
        return Err(not_found("card", from));
    }
    if from == to {
        return Err(EditError::Invalid("a card cannot link to itself".into()));
    }
    if j.card(to).is_none() {
        return Err(match ws.journey_of(to) {
            Some(_) => EditError::Invalid(format!(
                "card {to:?} is in another journey: links join cards of one journey"
            )),
            None => not_found("card", to),
        });
    }
    if j.meta.links.iter().any(|l| l.from == from && l.to == to) {
        return Err(EditError::Invalid(format!(
            "card {from:?} already links to {to:?}"
        )));
    }
    let id = match id {
        Some(i) if !i.is_empty() => i.to_string(),
        _ => new_id("link"),
    };
    if ws.journey_of_link(&id).is_some() || ws.journey_of(&id).is_some() {
        return Err(EditError::Invalid(format!("id {id:?} exists")));
    }
    let mut m = j.meta.clone();
    m.links.push(Link {
        id,
        from: from.to_string(),
        to: to.to_string(),
        label: label.trim().to_string(),
    });
    Ok(change(&j.meta, m, now))
}

pub(super) fn update(
    ws: &Workspace,
    id: &str,
    label: &str,
    now: &str,
) -> Result<ChangeSet, EditError> {
    let j = ws
        .journey_of_link(id)
        .ok_or_else(|| not_found("link", id))?;
    let mut m = j.meta.clone();
    for l in m.links.iter_mut().filter(|l| l.id == id) {
        l.label = label.trim().to_string();
    }
    if m == j.meta {
        return Ok(ChangeSet::default());
    }
    Ok(change(&j.meta, m, now))
}

pub(super) fn delete(ws: &Workspace, id: &str, now: &str) -> Result<ChangeSet, EditError> {
    let j = ws
        .journey_of_link(id)
        .ok_or_else(|| not_found("link", id))?;
    let mut m = j.meta.clone();
    m.links.retain(|l| l.id != id);
    Ok(change(&j.meta, m, now))
}

fn change(before: &JourneyMeta, mut after: JourneyMeta, now: &str) -> ChangeSet {
    after.version += 1;
    after.updated = now.to_string();
    let mut cs = ChangeSet::default();
    cs.push(
        Some(Record::Journey(before.clone())),
        Some(Record::Journey(after)),
    );
    cs
}

/// Drops, from the journey records this ChangeSet writes, every link to or from a card it
/// deletes. Every edit that deletes cards also writes its journey's record (the version
/// bump) before the cards go, so the links leave first and, undone, come back after the cards.
pub(super) fn prune(cs: &mut ChangeSet) {
    let gone: Vec<(String, String)> = cs
        .changes
        .iter()
        .filter(|c| c.after.is_none())
        .filter_map(|c| match &c.before {
            Some(Record::Card { journey_id, card }) => Some((journey_id.clone(), card.id.clone())),
            _ => None,
        })
        .collect();
    if gone.is_empty() {
        return;
    }
    for c in &mut cs.changes {
        if let Some(Record::Journey(m)) = &mut c.after {
            let id = m.id.clone();
            m.links.retain(|l| {
                !gone
                    .iter()
                    .any(|(jid, card)| *jid == id && (l.from == *card || l.to == *card))
            });
        }
    }
    // A change whose journey record now equals its before (links were its only difference)
    // would break the ChangeSet's invariant; none is made by today's edits, which all bump
    // the version, but keep the invariant whatever an edit does.
    cs.changes.retain(|c| c.before != c.after);
}
