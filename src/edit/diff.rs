//! [`diff`]: the ChangeSet that turns one journey into another. Restoring a version, merging a
//! synced change and comparing journeys use it; the store commits it like any edit
//! (`store::Document::apply_changes`), so it is undone like any edit.
//!
//! Decisions:
//! - Only the journey's own records change (its fields, phases, lanes, cards). Personas are
//!   workspace records that other journeys may link, so a diff never creates or deletes one:
//!   `b.meta.persona_ids` must name personas the workspace has (the store refuses the
//!   ChangeSet otherwise). A caller restoring a version whose persona is gone creates it in the
//!   same group (`store::Document::apply_group`) first.
//! - The result is `b` exactly, `version` and `updated` included: a caller that wants the
//!   restored journey to count as a new version sets those in `b` before diffing.
//! - Journeys with the same id are diffed record by record (by id). With different ids the diff
//!   deletes `a` whole and creates `b` whole (records never move between journeys).
//!
//! Order, so that foreign keys hold front to back and, inverted, back to front: the journey's
//! fields; phases and lanes created; phases and lanes updated; cards deleted, created and
//! updated; lanes and phases deleted. Running it backwards re-creates deleted phases and lanes
//! before cards return to them, and deletes created ones after cards left them.

use super::axis::Axis;
use super::journey::{creation, removal};
use super::{card_rec, ChangeSet, Record};
use crate::model::*;

/// The ChangeSet that turns journey `a` into journey `b` (see the module docs).
pub fn diff(a: &Journey, b: &Journey) -> ChangeSet {
    if a.meta.id != b.meta.id {
        let mut cs = removal(a);
        cs.extend(creation(b));
        return cs;
    }
    let jid = &a.meta.id;
    let mut cs = ChangeSet::default();
    cs.push(
        Some(Record::Journey(a.meta.clone())),
        Some(Record::Journey(b.meta.clone())),
    );
    created::<Phase>(&mut cs, jid, a, b);
    created::<Lane>(&mut cs, jid, a, b);
    updated::<Phase>(&mut cs, jid, a, b);
    updated::<Lane>(&mut cs, jid, a, b);
    for c in &a.cards {
        if b.card(&c.id).is_none() {
            cs.push(Some(card_rec(jid, c)), None);
        }
    }
    for c in &b.cards {
        if a.card(&c.id).is_none() {
            cs.push(None, Some(card_rec(jid, c)));
        }
    }
    for c in &b.cards {
        if let Some(old) = a.card(&c.id) {
            cs.push(Some(card_rec(jid, old)), Some(card_rec(jid, c)));
        }
    }
    deleted::<Lane>(&mut cs, jid, a, b);
    deleted::<Phase>(&mut cs, jid, a, b);
    cs
}

fn created<A: Axis>(cs: &mut ChangeSet, jid: &str, a: &Journey, b: &Journey) {
    for x in A::all(b) {
        if A::find(a, x.id()).is_none() {
            cs.push(None, Some(A::record(jid, x)));
        }
    }
}

fn updated<A: Axis>(cs: &mut ChangeSet, jid: &str, a: &Journey, b: &Journey) {
    for x in A::all(b) {
        if let Some(old) = A::find(a, x.id()) {
            cs.push(Some(A::record(jid, old)), Some(A::record(jid, x)));
        }
    }
}

fn deleted<A: Axis>(cs: &mut ChangeSet, jid: &str, a: &Journey, b: &Journey) {
    for x in A::all(a) {
        if A::find(b, x.id()).is_none() {
            cs.push(Some(A::record(jid, x)), None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply_changes;

    fn ws_with(j: &Journey) -> Workspace {
        let mut ws = Workspace::default();
        apply_changes(&mut ws, &creation(j));
        ws
    }

    #[test]
    fn a_journey_diffed_with_itself_changes_nothing() {
        let (j, _) = crate::templates::sample(Lang::En);
        assert!(diff(&j, &j).changes.is_empty());
    }

    #[test]
    fn diff_of_a_template_and_the_sample_turns_one_into_the_other() {
        let (mut b, _) = crate::templates::sample(Lang::Nl);
        b.sort();
        let mut a = crate::templates::build("five-stages", Lang::Nl, None).expect("template");
        a.meta.id = b.meta.id.clone();
        a.sort();
        let mut ws = ws_with(&a);
        let cs = diff(&a, &b);
        apply_changes(&mut ws, &cs);
        assert_eq!(ws.journey(&b.meta.id), Some(&b));
        apply_changes(&mut ws, &cs.inverted());
        assert_eq!(ws.journey(&a.meta.id), Some(&a));
    }
}
