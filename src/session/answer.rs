//! The open journey's detail after an edit, by id: the records the edit's [`ChangeSet`]
//! touched, as they are now (`upsert`) or the ids of those that went (`remove`), as Yaak sends
//! records (docs/scene.md). The ChangeSet already says what changed; nothing is diffed. The
//! Scene's answer, by key, is [`crate::scene::SceneChange`].
//!
//! Invariant: [`DetailChange::apply`] on the detail sent before the edit gives the detail read
//! anew (`JourneyDetail::of`); a front end does the same (`ui/src/engine/scene-patch.ts`).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::JourneyDetail;
use crate::edit::{ChangeSet, Record};
use crate::model::{Card, JourneyMeta, Lane, Persona, Phase};

/// The records of one kind an edit touched: those that are there now, whole, and the ids of
/// those that are not.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Changed<T> {
    pub upsert: Vec<T>,
    pub remove: Vec<String>,
}

impl<T> Default for Changed<T> {
    fn default() -> Self {
        Changed {
            upsert: Vec::new(),
            remove: Vec::new(),
        }
    }
}

/// What an edit changed of the open journey's detail.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DetailChange {
    /// The journey's own record (title, linked personas, links, …), when the edit touched it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub meta: Option<JourneyMeta>,
    pub phases: Changed<Phase>,
    pub lanes: Changed<Lane>,
    pub cards: Changed<Card>,
    /// The linked personas and the others, whole, when the edit touched a persona or the
    /// journey's record (a handful: not worth keying).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub personas: Option<Vec<Persona>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub others: Option<Vec<Persona>>,
}

/// Ids in the order first touched, each once.
#[derive(Default)]
struct Ids<'a> {
    seen: HashSet<&'a str>,
    order: Vec<&'a str>,
}

impl<'a> Ids<'a> {
    fn add(&mut self, id: &'a str) {
        if self.seen.insert(id) {
            self.order.push(id);
        }
    }

    /// The touched records as `now` has them, or gone.
    fn changed<T: Clone>(&self, now: &[T], id_of: impl Fn(&T) -> &str) -> Changed<T> {
        if self.order.is_empty() {
            return Changed::default();
        }
        let by_id: HashMap<&str, &T> = now.iter().map(|r| (id_of(r), r)).collect();
        let mut out = Changed::default();
        for id in &self.order {
            match by_id.get(id) {
                Some(r) => out.upsert.push((*r).clone()),
                None => out.remove.push((*id).to_string()),
            }
        }
        out
    }
}

impl DetailChange {
    /// What `cs` changed of journey `id`, whose detail is now `now`.
    pub fn of(cs: &ChangeSet, id: &str, now: &JourneyDetail) -> DetailChange {
        let (mut phases, mut lanes, mut cards) = (Ids::default(), Ids::default(), Ids::default());
        let (mut meta, mut personas) = (false, false);
        let records = cs
            .changes
            .iter()
            .flat_map(|c| [&c.before, &c.after])
            .flatten();
        for r in records {
            match r {
                Record::Persona(_) => personas = true,
                Record::Journey(j) => meta |= j.id == id,
                Record::Phase { journey_id, phase } if journey_id == id => phases.add(&phase.id),
                Record::Lane { journey_id, lane } if journey_id == id => lanes.add(&lane.id),
                Record::Card { journey_id, card } if journey_id == id => cards.add(&card.id),
                Record::Phase { .. } | Record::Lane { .. } | Record::Card { .. } => {}
            }
        }
        // The journey's record holds which personas it links: they move between the lists.
        let personas = personas || meta;
        let j = &now.journey;
        DetailChange {
            meta: meta.then(|| j.meta.clone()),
            phases: phases.changed(&j.phases, |p| &p.id),
            lanes: lanes.changed(&j.lanes, |l| &l.id),
            cards: cards.changed(&j.cards, |c| &c.id),
            personas: personas.then(|| now.personas.clone()),
            others: personas.then(|| now.others.clone()),
        }
    }

    /// How many cards it carries or removes (to judge whether the whole detail is cheaper).
    pub fn carried(&self) -> usize {
        self.cards.upsert.len() + self.cards.remove.len()
    }

    /// `old` with the change applied: what a front end does, and how the session checks that
    /// the change gives what is there now before it sends it.
    pub fn apply(&self, old: &JourneyDetail) -> JourneyDetail {
        let mut d = old.clone();
        if let Some(meta) = &self.meta {
            d.journey.meta = meta.clone();
        }
        applied(&mut d.journey.phases, &self.phases, |p| &p.id);
        applied(&mut d.journey.lanes, &self.lanes, |l| &l.id);
        applied(&mut d.journey.cards, &self.cards, |c| &c.id);
        // The canonical order (order key, then id), as the store keeps it.
        d.journey.sort();
        if let Some(p) = &self.personas {
            d.personas = p.clone();
        }
        if let Some(o) = &self.others {
            d.others = o.clone();
        }
        d
    }
}

/// `list` with `change`'s records put in by id and its removed ids taken out.
fn applied<T: Clone>(list: &mut Vec<T>, change: &Changed<T>, id_of: impl Fn(&T) -> &str) {
    list.retain(|r| !change.remove.iter().any(|id| id == id_of(r)));
    for r in &change.upsert {
        match list.iter_mut().find(|x| id_of(x) == id_of(r)) {
            Some(x) => *x = r.clone(),
            None => list.push(r.clone()),
        }
    }
}
