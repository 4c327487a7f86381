//! Impact moments (moments of truth): the ones the team flagged, and the ones the emotion
//! curve points at (peak, trough, end, steepest fall) that are not flagged yet.
//!
//! Invariants: a card is suggested at most once, with every reason that points at it, in
//! curve order; a flagged card is never suggested; accepting a suggestion is exactly one
//! `update_card` edit ([`Suggestion::accept`]), so it is one undo step.

use serde::Serialize;

use super::emotion::{CurveFigures, EmotionInsights, Moment};
use crate::edit::{CardPatch, Edit};
use crate::model::{Journey, Validation};

/// Why the curve points at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CurveMark {
    Peak,
    Trough,
    End,
    SteepestFall,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Flagged {
    pub card_id: String,
    pub text: String,
    pub phase_id: String,
    pub lane_id: String,
    pub emotion: Option<i8>,
    pub validation: Validation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion {
    pub card_id: String,
    pub text: String,
    pub phase_id: String,
    pub lane_id: String,
    pub emotion: i8,
    /// What the curve says about this moment (several when, say, the trough is also the end).
    pub reasons: Vec<CurveMark>,
    /// With several feelings lanes: the lanes whose own curve points here too.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lanes: Vec<String>,
    /// The one edit that accepts the suggestion.
    pub accept: Edit,
}

impl Suggestion {
    /// The edit that flags the card as an impact moment.
    pub fn accept(card_id: &str) -> Edit {
        Edit::UpdateCard {
            id: card_id.to_string(),
            patch: CardPatch {
                impact: Some(true),
                ..CardPatch::default()
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImpactInsights {
    /// Cards flagged as impact moments, in map order.
    pub flagged: Vec<Flagged>,
    /// Moments the curve points at that are not flagged, in curve order.
    pub suggested: Vec<Suggestion>,
}

fn marks(f: &CurveFigures) -> Vec<(&Moment, CurveMark)> {
    let mut v = Vec::new();
    if let Some(m) = &f.peak {
        v.push((m, CurveMark::Peak));
    }
    if let Some(m) = &f.trough {
        v.push((m, CurveMark::Trough));
    }
    if let Some(m) = &f.end {
        v.push((m, CurveMark::End));
    }
    if let Some(fall) = &f.steepest_fall {
        // The moment the curve lands on is where the experience broke.
        v.push((&fall.to, CurveMark::SteepestFall));
    }
    v
}

pub fn impact(j: &Journey, emotion: &EmotionInsights) -> ImpactInsights {
    let flagged = j
        .cards
        .iter()
        .filter(|c| c.impact)
        .map(|c| Flagged {
            card_id: c.id.clone(),
            text: c.text.clone(),
            phase_id: c.phase_id.clone(),
            lane_id: c.lane_id.clone(),
            emotion: c.emotion,
            validation: c.validation,
        })
        .collect();
    let mut suggested: Vec<Suggestion> = Vec::new();
    let mut add = |m: &Moment, mark: CurveMark, lane: Option<&str>| {
        if j.card(&m.card_id).is_none_or(|c| c.impact) {
            return;
        }
        let s = match suggested.iter_mut().position(|s| s.card_id == m.card_id) {
            Some(i) => &mut suggested[i],
            None => {
                suggested.push(Suggestion {
                    card_id: m.card_id.clone(),
                    text: m.text.clone(),
                    phase_id: m.phase_id.clone(),
                    lane_id: m.lane_id.clone(),
                    emotion: m.emotion,
                    reasons: Vec::new(),
                    lanes: Vec::new(),
                    accept: Suggestion::accept(&m.card_id),
                });
                let last = suggested.len() - 1;
                &mut suggested[last]
            }
        };
        if !s.reasons.contains(&mark) {
            s.reasons.push(mark);
        }
        if let Some(l) = lane {
            if !s.lanes.iter().any(|x| x == l) {
                s.lanes.push(l.to_string());
            }
        }
    };
    for (m, mark) in marks(&emotion.overall) {
        add(m, mark, None);
    }
    for lc in &emotion.lanes {
        for (m, mark) in marks(&lc.figures) {
            add(m, mark, Some(&lc.lane_id));
        }
    }
    // Curve order: the order a reader meets them on the map.
    let pos = |id: &str| j.cards.iter().position(|c| c.id == id);
    let phase_pos = |id: &str| j.phases.iter().position(|p| p.id == id);
    let lane_pos = |id: &str| j.lanes.iter().position(|l| l.id == id);
    suggested.sort_by_key(|s| {
        (
            phase_pos(&s.phase_id),
            lane_pos(&s.lane_id),
            pos(&s.card_id),
        )
    });
    ImpactInsights { flagged, suggested }
}
