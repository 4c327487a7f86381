//! Where each card sits: its phase's and its lane's position, looked up once per analysis
//! instead of once per phase (a filter per phase over every card was most of the time of a
//! 5,000-card journey's insights; see `benches/insights.rs`).
//!
//! Invariant: a card whose phase or lane is not in the journey has `None` there, as the
//! analyses expect (such cards are left out of the curve, counted only in totals).

use std::collections::HashMap;

use crate::model::Journey;

/// Positions of ids. A journey has a handful of phases and lanes: comparing the card's id with
/// each of them is cheaper than hashing it, so a map is built only for long lists.
pub(crate) struct Index<'a> {
    ids: Vec<&'a str>,
    map: Option<HashMap<&'a str, usize>>,
}

/// Above this many ids a hash map is faster than comparing with each.
const LINEAR: usize = 24;

impl<'a> Index<'a> {
    pub(crate) fn new(ids: impl Iterator<Item = &'a str>) -> Index<'a> {
        let ids: Vec<&'a str> = ids.collect();
        let map =
            (ids.len() > LINEAR).then(|| ids.iter().enumerate().map(|(i, id)| (*id, i)).collect());
        Index { ids, map }
    }

    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        match &self.map {
            Some(m) => m.get(id).copied(),
            None => self.ids.iter().position(|x| *x == id),
        }
    }
}

/// The phase and lane position of every card of `j`, in card order.
pub(crate) fn positions(j: &Journey) -> Vec<(Option<usize>, Option<usize>)> {
    let phases = Index::new(j.phases.iter().map(|p| p.id.as_str()));
    let lanes = Index::new(j.lanes.iter().map(|l| l.id.as_str()));
    j.cards
        .iter()
        .map(|c| (phases.get(&c.phase_id), lanes.get(&c.lane_id)))
        .collect()
}
