//! The emotion curve and what it says: peak, trough, end, the peak-end score, per phase the
//! lowest and mean emotion, and the steepest fall between two consecutive moments.
//!
//! Invariants:
//! - the curve is every card with an emotion, in the order the map draws it: phase order, then
//!   lane order within a phase, then card order within a lane ([`curve`]); the layout calls
//!   [`curve`] and [`most_intense`] so the labels on the map and these figures agree;
//! - ties go to the earliest moment on the curve (see [`CurveFigures`]), so the figures are
//!   deterministic and never depend on a sort's stability;
//! - with two or more feelings lanes (one per persona or stakeholder) each lane's cards form a
//!   curve of their own ([`EmotionInsights::lanes`]); the overall figures still cover all cards.

use serde::Serialize;

use crate::model::{Card, Journey, LaneKind};

/// One point of the curve: a card with an emotion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Moment {
    pub card_id: String,
    pub text: String,
    pub emotion: i8,
    pub phase_id: String,
    pub lane_id: String,
}

impl Moment {
    /// The moment a card makes on the curve; `None` when it has no emotion.
    pub fn of(c: &Card) -> Option<Moment> {
        Some(Moment {
            card_id: c.id.clone(),
            text: c.text.clone(),
            emotion: c.emotion?,
            phase_id: c.phase_id.clone(),
            lane_id: c.lane_id.clone(),
        })
    }
}

/// A point of the curve as the layout needs it: the card and the index of its phase column.
#[derive(Debug, Clone, Copy)]
pub struct CurvePoint<'a> {
    pub phase_index: usize,
    pub card: &'a Card,
    pub emotion: i8,
}

/// The emotion curve of `j`: every card with an emotion, by phase, then lane order, then card
/// order (cards are kept sorted by order key, so the stable sort by lane keeps that order).
/// With `lane`, only that lane's cards. Cards of an unknown phase or lane are left out.
pub fn curve<'a>(j: &'a Journey, lane: Option<&str>) -> Vec<CurvePoint<'a>> {
    let pos = super::index::positions(j);
    let lanes = j.lanes.len();
    // A counting sort by (phase, lane): stable, so the cards of one lane keep their order-key
    // order, and linear (a comparison sort of every card was a tenth of the insights' time).
    let cell = |pi: usize, li: usize| pi * lanes + li;
    let mut counts = vec![0usize; j.phases.len() * lanes + 1];
    let keep: Vec<Option<(usize, &'a Card)>> = j
        .cards
        .iter()
        .zip(&pos)
        .map(|(c, &(pi, li))| {
            c.emotion?;
            if lane.is_some_and(|l| c.lane_id != l) {
                return None;
            }
            let k = cell(pi?, li?);
            counts[k + 1] += 1;
            Some((k, c))
        })
        .collect();
    for k in 1..counts.len() {
        counts[k] += counts[k - 1];
    }
    let n = counts.last().copied().unwrap_or(0);
    let mut out: Vec<Option<CurvePoint<'a>>> = vec![None; n];
    for (k, c) in keep.into_iter().flatten() {
        let slot = &mut counts[k];
        out[*slot] = c.emotion.map(|e| CurvePoint {
            phase_index: k / lanes.max(1),
            card: c,
            emotion: e,
        });
        *slot += 1;
    }
    out.into_iter().flatten().collect()
}

/// The most intense moment (largest distance from neutral) of a curve's emotions: what the
/// peak-end rule weighs, and what the map labels "peak". Ties go to the earliest, because the
/// first time a feeling is that strong is the one that colours what follows.
pub fn most_intense(emotions: &[i8]) -> Option<usize> {
    let mut best: Option<(usize, u8)> = None;
    for (i, e) in emotions.iter().enumerate() {
        let a = e.unsigned_abs();
        if best.is_none_or(|(_, b)| a > b) {
            best = Some((i, a));
        }
    }
    best.map(|b| b.0)
}

/// A fall between two consecutive moments of a curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fall {
    pub from: Moment,
    pub to: Moment,
    /// How many steps the emotion falls (positive).
    pub drop: i8,
}

/// Lowest and mean emotion of one phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhaseEmotion {
    pub phase_id: String,
    /// How many moments the phase has on the curve (0: `lowest` and `mean` are absent).
    pub moments: usize,
    pub lowest: Option<Moment>,
    pub mean: Option<f64>,
}

/// The figures of one curve. Ties: `peak`, `trough`, `most_intense` and `steepest_fall` take
/// the earliest moment on the curve. With two equal peaks the first wins: the team reads the map
/// from left to right, and the first high sets the expectation that later moments are measured
/// against; the map's "peak" label uses the same rule.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CurveFigures {
    /// How many moments (cards with an emotion) the curve has.
    pub moments: usize,
    /// The highest moment.
    pub peak: Option<Moment>,
    /// The lowest moment.
    pub trough: Option<Moment>,
    /// The last moment on the curve.
    pub end: Option<Moment>,
    /// The moment furthest from neutral, up or down (the "peak" of the peak-end rule).
    pub most_intense: Option<Moment>,
    /// Mean of the most intense moment and the end (the peak-end rule), −2 … +2.
    pub peak_end: Option<f64>,
    /// The largest fall between two consecutive moments; absent when the curve never falls.
    pub steepest_fall: Option<Fall>,
    /// Per phase of the journey, in phase order (also phases without moments).
    pub phases: Vec<PhaseEmotion>,
}

/// The figures of one feelings lane, when the journey has several.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LaneCurve {
    pub lane_id: String,
    pub title: String,
    #[serde(flatten)]
    pub figures: CurveFigures,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EmotionInsights {
    /// The figures of the whole curve (every card with an emotion), as drawn on the map.
    #[serde(flatten)]
    pub overall: CurveFigures,
    /// One entry per feelings lane when the journey has two or more of them; else empty.
    pub lanes: Vec<LaneCurve>,
}

/// Figures of the curve made of `pts`. Only the moments that are named (peak, trough, …) are
/// made into [`Moment`]s: copying every card's text was most of the time on a large map.
pub fn figures(j: &Journey, pts: &[CurvePoint<'_>]) -> CurveFigures {
    let es: Vec<i8> = pts.iter().map(|p| p.emotion).collect();
    let moment = |i: usize| Moment::of(pts[i].card);
    let first_by = |better: fn(i8, i8) -> bool| {
        let mut best: Option<usize> = None;
        for (i, &e) in es.iter().enumerate() {
            if best.is_none_or(|b| better(e, es[b])) {
                best = Some(i);
            }
        }
        best.and_then(moment)
    };
    let peak = first_by(|a, b| a > b);
    let trough = first_by(|a, b| a < b);
    let end = es.len().checked_sub(1).and_then(moment);
    let intense = most_intense(&es).and_then(moment);
    let peak_end = match (&intense, &end) {
        (Some(p), Some(e)) => Some((p.emotion as f64 + e.emotion as f64) / 2.0),
        _ => None,
    };
    let mut steepest: Option<(usize, i8)> = None;
    for (i, w) in es.windows(2).enumerate() {
        let drop = w[0] - w[1];
        if drop > 0 && steepest.is_none_or(|(_, d)| drop > d) {
            steepest = Some((i, drop));
        }
    }
    let steepest_fall = steepest.and_then(|(i, drop)| {
        Some(Fall {
            from: moment(i)?,
            to: moment(i + 1)?,
            drop,
        })
    });
    // Per phase in one pass over the curve: count, sum and the first lowest moment.
    let mut per: Vec<(usize, i64, Option<usize>)> = vec![(0, 0, None); j.phases.len()];
    for (i, p) in pts.iter().enumerate() {
        if let Some((n, sum, lowest)) = per.get_mut(p.phase_index) {
            *n += 1;
            *sum += es[i] as i64;
            if lowest.is_none_or(|l| es[i] < es[l]) {
                *lowest = Some(i);
            }
        }
    }
    let phases = j
        .phases
        .iter()
        .zip(per)
        .map(|(p, (n, sum, lowest))| PhaseEmotion {
            phase_id: p.id.clone(),
            moments: n,
            lowest: lowest.and_then(moment),
            mean: (n > 0).then(|| sum as f64 / n as f64),
        })
        .collect();
    CurveFigures {
        moments: es.len(),
        peak,
        trough,
        end,
        most_intense: intense,
        peak_end,
        steepest_fall,
        phases,
    }
}

/// The emotion figures of `j`: the whole curve, and each feelings lane when there are several.
pub fn emotion(j: &Journey) -> EmotionInsights {
    let all = curve(j, None);
    let overall = figures(j, &all);
    let feelings: Vec<_> = j
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Feelings)
        .collect();
    let lanes = if feelings.len() >= 2 {
        feelings
            .into_iter()
            .map(|l| LaneCurve {
                lane_id: l.id.clone(),
                title: l.title.clone(),
                // The lane's curve is the whole curve's points in that lane: the same order
                // as `curve(j, Some(lane))`, without looking every card up again.
                figures: figures(
                    j,
                    &all.iter()
                        .filter(|p| p.card.lane_id == l.id)
                        .copied()
                        .collect::<Vec<_>>(),
                ),
            })
            .collect()
    } else {
        Vec::new()
    };
    EmotionInsights { overall, lanes }
}
