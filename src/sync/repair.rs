//! The deterministic repair of a merged journey. Two peers that each made a valid edit can
//! still merge into something the app does not allow: a card whose phase was deleted
//! elsewhere, two phases with one order key, an emotion out of range from a client that does
//! not check. Every rule below is a function of the merged journey alone (never of which peer
//! runs it or in what order changes came), so every peer that holds the same changes repairs
//! the same way, and a repair written back into the document is the same value everywhere.
//!
//! Rules, in order:
//! - records with an empty id, or an id another record of the journey already has (the
//!   journey, then phases, lanes, cards, each by id), are left out;
//! - an order key that is not one becomes `V` (the middle); equal keys stay equal: records are
//!   sorted by key, then id, as everywhere, so two phases with one key show in one order;
//! - numbers out of range are clamped (emotion −2…2, value and effort 1…5, drop-off 0…100);
//! - a card whose phase or lane is gone moves to the first phase or lane (by order, then id);
//!   when the journey has none left, one is made with an id derived from the journey's, so
//!   every peer makes the same one; nothing a peer did not delete is lost;
//! - links to personas that neither the document nor this file holds are dropped, and a
//!   persona linked twice is linked once.

use std::collections::HashSet;

use crate::model::*;

pub fn repair(
    j: &mut Journey,
    personas: &mut Vec<Persona>,
    local_personas: &[Persona],
    notes: &mut Vec<String>,
) {
    j.sort();
    let mut seen: HashSet<String> = HashSet::from([j.meta.id.clone()]);
    let mut unique = |id: &str, what: &str, notes: &mut Vec<String>| {
        let ok = !id.trim().is_empty() && seen.insert(id.to_string());
        if !ok {
            notes.push(format!(
                "{what} {id:?} was left out: its id is empty or taken"
            ));
        }
        ok
    };
    j.phases.retain(|p| unique(&p.id, "phase", notes));
    j.lanes.retain(|l| unique(&l.id, "lane", notes));
    j.cards.retain(|c| unique(&c.id, "card", notes));

    let fix_order = |key: &mut String, what: &str, id: &str, notes: &mut Vec<String>| {
        if !order::is_valid(key) {
            notes.push(format!("{what} {id}: order key {key:?} replaced"));
            *key = "V".into();
        }
    };
    for p in &mut j.phases {
        fix_order(&mut p.order, "phase", &p.id, notes);
        if let Some(d) = &mut p.data {
            if let Some(pct) = d.drop_off_pct {
                let fixed = if pct.is_nan() {
                    None
                } else {
                    Some(pct.clamp(0.0, 100.0))
                };
                if fixed != Some(pct) {
                    notes.push(format!("phase {}: drop-off {pct} out of range", p.id));
                    d.drop_off_pct = fixed;
                }
            }
        }
    }
    for l in &mut j.lanes {
        fix_order(&mut l.order, "lane", &l.id, notes);
    }
    for c in &mut j.cards {
        fix_order(&mut c.order, "card", &c.id, notes);
        if let Some(e) = c.emotion {
            let fixed = e.clamp(EMOTION_MIN, EMOTION_MAX);
            if fixed != e {
                notes.push(format!("card {}: emotion {e} clamped to {fixed}", c.id));
                c.emotion = Some(fixed);
            }
        }
        for (field, v) in [("value", &mut c.value), ("effort", &mut c.effort)] {
            if let Some(x) = *v {
                let fixed = x.clamp(SCORE_MIN, SCORE_MAX);
                if fixed != x {
                    notes.push(format!("card {}: {field} {x} clamped to {fixed}", c.id));
                    *v = Some(fixed);
                }
            }
        }
    }
    j.sort();

    let lost_phase = j.cards.iter().any(|c| j.phase(&c.phase_id).is_none());
    let lost_lane = j.cards.iter().any(|c| j.lane(&c.lane_id).is_none());
    let en = j.meta.language == Lang::En;
    if lost_phase && j.phases.is_empty() {
        j.phases.push(Phase {
            id: format!("{}_recovered_phase", j.meta.id),
            order: "V".into(),
            name: if en { "Recovered" } else { "Teruggezet" }.into(),
            duration: None,
            data: None,
            review: Default::default(),
        });
    }
    if lost_lane && j.lanes.is_empty() {
        j.lanes.push(Lane {
            id: format!("{}_recovered_lane", j.meta.id),
            order: "V".into(),
            kind: LaneKind::Custom,
            title: if en { "Recovered" } else { "Teruggezet" }.into(),
            hint: String::new(),
            persona_id: None,
        });
    }
    // Journeys are sorted, so the first phase and lane are the first by order, then id.
    let first_phase = j.phases.first().map(|p| p.id.clone()).unwrap_or_default();
    let first_lane = j.lanes.first().map(|l| l.id.clone()).unwrap_or_default();
    let phases: HashSet<String> = j.phases.iter().map(|p| p.id.clone()).collect();
    let lanes: HashSet<String> = j.lanes.iter().map(|l| l.id.clone()).collect();
    for c in &mut j.cards {
        if !phases.contains(&c.phase_id) {
            notes.push(format!(
                "card {}: its phase {:?} is gone; moved to the first phase",
                c.id, c.phase_id
            ));
            c.phase_id = first_phase.clone();
        }
        if !lanes.contains(&c.lane_id) {
            notes.push(format!(
                "card {}: its lane {:?} is gone; moved to the first lane",
                c.id, c.lane_id
            ));
            c.lane_id = first_lane.clone();
        }
    }

    // Links between cards: one side deleted a card while the other drew an arrow to it, or
    // both drew one with the same id. An arrow needs both its cards (and two different ones).
    let cards: HashSet<&str> = j.cards.iter().map(|c| c.id.as_str()).collect();
    let mut link_ids = HashSet::new();
    let before = j.meta.links.len();
    j.meta.links.retain(|l| {
        l.from != l.to
            && cards.contains(l.from.as_str())
            && cards.contains(l.to.as_str())
            && link_ids.insert(l.id.clone())
    });
    if j.meta.links.len() != before {
        notes.push("links to missing cards, or repeated links, were dropped".into());
    }

    let mut linked = HashSet::new();
    let ids = &mut j.meta.persona_ids;
    let known =
        |id: &str| personas.iter().any(|p| p.id == id) || local_personas.iter().any(|p| p.id == id);
    let before = ids.len();
    ids.retain(|id| known(id) && linked.insert(id.clone()));
    if ids.len() != before {
        notes.push("links to missing or repeated personas were dropped".into());
    }
    personas.retain(|p| !p.id.trim().is_empty());
    j.sort();
}
