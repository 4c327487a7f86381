//! Validation of a journey against the invariants listed in [`crate::model`]: unique,
//! non-empty ids, valid order keys, cards that point at their own journey's phases and lanes,
//! links between two different cards of the journey, emotions and scores in range, a parking
//! lot with ids and texts. Phase figures are flagged by the insights instead (see below).

use super::{check_score, Journey, EMOTION_MAX, EMOTION_MIN};

impl Journey {
    /// Checks the invariants listed in the module docs. Errors carry a JSON-path-like
    /// location relative to the journey (`cards[3].emotion`).
    pub fn validate(&self) -> Result<(), (String, String)> {
        let mut seen = std::collections::HashSet::new();
        if self.meta.id.trim().is_empty() {
            return Err(("id".into(), "must not be empty".into()));
        }
        seen.insert(self.meta.id.as_str());
        for (i, p) in self.phases.iter().enumerate() {
            check_id(&mut seen, &p.id).map_err(|m| (format!("phases[{i}].id"), m))?;
            check_order(&p.order).map_err(|m| (format!("phases[{i}].order"), m))?;
            // A phase's figures (customers, drop-off) are not checked here: a figure out of
            // range is kept and flagged by the insights with the phase named
            // (`analysis::funnel`), never a reason to refuse the journey (docs/insights.md).
        }
        for (i, l) in self.lanes.iter().enumerate() {
            check_id(&mut seen, &l.id).map_err(|m| (format!("lanes[{i}].id"), m))?;
            check_order(&l.order).map_err(|m| (format!("lanes[{i}].order"), m))?;
        }
        for (i, c) in self.cards.iter().enumerate() {
            check_id(&mut seen, &c.id).map_err(|m| (format!("cards[{i}].id"), m))?;
            check_order(&c.order).map_err(|m| (format!("cards[{i}].order"), m))?;
            if self.phase(&c.phase_id).is_none() {
                return Err((
                    format!("cards[{i}].phase_id"),
                    format!("no phase with id {:?} in this journey", c.phase_id),
                ));
            }
            if self.lane(&c.lane_id).is_none() {
                return Err((
                    format!("cards[{i}].lane_id"),
                    format!("no lane with id {:?} in this journey", c.lane_id),
                ));
            }
            if let Some(e) = c.emotion {
                if !(EMOTION_MIN..=EMOTION_MAX).contains(&e) {
                    return Err((
                        format!("cards[{i}].emotion"),
                        format!("must be between -2 and 2, got {e}"),
                    ));
                }
            }
            for (field, v) in [("value", c.value), ("effort", c.effort)] {
                check_score(field, v).map_err(|m| (format!("cards[{i}].{field}"), m))?;
            }
        }
        self.meta
            .parking_lot
            .check()
            .map_err(|(at, m)| (format!("parking_lot.{at}"), m))?;
        for (i, l) in self.meta.links.iter().enumerate() {
            check_id(&mut seen, &l.id).map_err(|m| (format!("links[{i}].id"), m))?;
            for (field, card) in [("from", &l.from), ("to", &l.to)] {
                if self.card(card).is_none() {
                    return Err((
                        format!("links[{i}].{field}"),
                        format!("no card with id {card:?} in this journey"),
                    ));
                }
            }
            if l.from == l.to {
                return Err((
                    format!("links[{i}].to"),
                    "a card cannot link to itself".into(),
                ));
            }
        }
        Ok(())
    }
}

fn check_id<'a>(seen: &mut std::collections::HashSet<&'a str>, id: &'a str) -> Result<(), String> {
    if id.trim().is_empty() {
        return Err("must not be empty".into());
    }
    if !seen.insert(id) {
        return Err(format!("duplicate id {id:?}"));
    }
    Ok(())
}

fn check_order(key: &str) -> Result<(), String> {
    if crate::model::order::is_valid(key) {
        Ok(())
    } else {
        Err(format!(
            "{key:?} is not an order key (digits 0-9, A-Z, a-z, not ending in 0)"
        ))
    }
}
