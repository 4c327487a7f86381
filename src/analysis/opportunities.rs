//! Opportunities on a value × effort matrix: quick wins, big bets, fill-ins and money pits.
//!
//! Invariants: an opportunity is a card in an opportunities lane, or any card with a value or
//! effort score; it sits in a quadrant only when it has both scores (else it is `unscored`).
//! A score counts as high above the scale's midpoint (4 or 5): a 3 is the team saying "middling",
//! and calling that high would make every undecided card a quick win or a big bet. Within a
//! quadrant the best first: highest value, then lowest effort, then map order.

use serde::Serialize;

use crate::model::{Journey, LaneKind};

/// Scores above this are high.
pub const MIDPOINT: u8 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High value, low effort: do these first.
    QuickWin,
    /// High value, high effort: plan them.
    BigBet,
    /// Low value, low effort: when there is time.
    FillIn,
    /// Low value, high effort: leave them.
    MoneyPit,
}

impl Quadrant {
    pub fn of(value: u8, effort: u8) -> Quadrant {
        match (value > MIDPOINT, effort > MIDPOINT) {
            (true, false) => Quadrant::QuickWin,
            (true, true) => Quadrant::BigBet,
            (false, false) => Quadrant::FillIn,
            (false, true) => Quadrant::MoneyPit,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Opportunity {
    pub card_id: String,
    pub text: String,
    pub phase_id: String,
    pub value: Option<u8>,
    pub effort: Option<u8>,
    pub quadrant: Option<Quadrant>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Matrix {
    pub quick_wins: Vec<Opportunity>,
    pub big_bets: Vec<Opportunity>,
    pub fill_ins: Vec<Opportunity>,
    pub money_pits: Vec<Opportunity>,
    /// Opportunities that miss a value or an effort, in map order.
    pub unscored: Vec<Opportunity>,
}

pub fn opportunities(j: &Journey) -> Matrix {
    let lanes: Vec<&str> = j
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Opportunities)
        .map(|l| l.id.as_str())
        .collect();
    let pos = super::index::positions(j);
    // Map order: phase, lane, card.
    type MapOrder = (Option<usize>, Option<usize>, usize);
    let mut all: Vec<(MapOrder, Opportunity)> = j
        .cards
        .iter()
        .zip(&pos)
        .enumerate()
        .filter(|(_, (c, _))| {
            lanes.contains(&c.lane_id.as_str()) || c.value.is_some() || c.effort.is_some()
        })
        .map(|(i, (c, &(pi, li)))| {
            (
                (pi, li, i),
                Opportunity {
                    card_id: c.id.clone(),
                    text: c.text.clone(),
                    phase_id: c.phase_id.clone(),
                    value: c.value,
                    effort: c.effort,
                    quadrant: c.value.zip(c.effort).map(|(v, e)| Quadrant::of(v, e)),
                },
            )
        })
        .collect();
    // Map order (phase, lane, card) first, so the sort by score below keeps it on ties.
    all.sort_by_key(|x| x.0);
    let mut m = Matrix::default();
    let (scored, unscored): (Vec<_>, Vec<_>) =
        all.into_iter().partition(|(_, o)| o.quadrant.is_some());
    // Unscored ones stay in map order, not sorted by a partial score.
    m.unscored = unscored.into_iter().map(|x| x.1).collect();
    let mut scored: Vec<Opportunity> = scored.into_iter().map(|x| x.1).collect();
    // Stable: equal scores keep map order.
    scored.sort_by_key(|o| {
        (
            std::cmp::Reverse(o.value.unwrap_or(0)),
            o.effort.unwrap_or(u8::MAX),
        )
    });
    for o in scored {
        match o.quadrant {
            Some(Quadrant::QuickWin) => m.quick_wins.push(o),
            Some(Quadrant::BigBet) => m.big_bets.push(o),
            Some(Quadrant::FillIn) => m.fill_ins.push(o),
            Some(Quadrant::MoneyPit) | None => m.money_pits.push(o),
        }
    }
    m
}
