//! Where the journey hurts: pain points per phase, and the phases ranked by how much they hurt.
//!
//! The score of a phase is a count a reader can redo by hand, and the reason shows its parts:
//! one point per pain point (a card in a pain-points lane), one per step below neutral of every
//! emotion in the phase (−2 counts two), and one per 10 % drop-off. Phases that do not hurt
//! (score 0) are left out of the ranking; ties keep phase order.

use serde::Serialize;

use super::format::num;
use super::funnel::Funnel;
use crate::model::{Journey, LaneKind, Lang};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhasePain {
    pub phase_id: String,
    pub name: String,
    /// Cards in pain-points lanes, in map order.
    pub pain_points: Vec<String>,
    /// Moments below neutral in the phase, and the sum of their distance from neutral.
    pub negative_emotions: usize,
    pub negative_sum: u32,
    pub drop_off_pct: Option<f64>,
    pub score: f64,
    /// The parts of the score, in words (journey language).
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PainInsights {
    /// Every phase, in phase order.
    pub phases: Vec<PhasePain>,
    /// Ids of the phases that hurt, most first.
    pub ranked: Vec<String>,
}

pub fn pain(j: &Journey, funnel: &Funnel) -> PainInsights {
    let lang = j.meta.language;
    let pain_lanes: Vec<&str> = j
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::PainPoints)
        .map(|l| l.id.as_str())
        .collect();
    // One pass over the cards, each to its phase (a filter per phase read every card again).
    let mut per: Vec<(Vec<String>, Vec<u32>)> = vec![(Vec::new(), Vec::new()); j.phases.len()];
    for (c, (pi, _)) in j.cards.iter().zip(super::index::positions(j)) {
        let Some((pain_points, negs)) = pi.and_then(|i| per.get_mut(i)) else {
            continue;
        };
        if pain_lanes.contains(&c.lane_id.as_str()) {
            pain_points.push(c.id.clone());
        }
        if let Some(e) = c.emotion.filter(|e| *e < 0) {
            negs.push(e.unsigned_abs() as u32);
        }
    }
    let phases: Vec<PhasePain> = j
        .phases
        .iter()
        .zip(per)
        .enumerate()
        .map(|(i, (p, (pain_points, negs)))| {
            let drop = funnel
                .phases
                .get(i)
                .and_then(|f| f.drop_off_pct)
                .filter(|x| (0.0..=100.0).contains(x));
            let negative_sum: u32 = negs.iter().sum();
            let score = pain_points.len() as f64 + negative_sum as f64 + drop.unwrap_or(0.0) / 10.0;
            let mut parts = Vec::new();
            if !pain_points.is_empty() {
                parts.push(match (lang, pain_points.len()) {
                    (Lang::Nl, 1) => "1 pijnpunt".to_string(),
                    (Lang::Nl, n) => format!("{n} pijnpunten"),
                    (Lang::En, 1) => "1 pain point".to_string(),
                    (Lang::En, n) => format!("{n} pain points"),
                });
            }
            if !negs.is_empty() {
                let list = negs
                    .iter()
                    .map(|e| format!("−{e}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                parts.push(match lang {
                    Lang::Nl => format!("negatieve emotie ({list})"),
                    Lang::En => format!("negative emotion ({list})"),
                });
            }
            if let Some(x) = drop.filter(|x| *x > 0.0) {
                parts.push(match lang {
                    Lang::Nl => format!("{} % uitval", num(x, 1, lang)),
                    Lang::En => format!("{} % drop-off", num(x, 1, lang)),
                });
            }
            PhasePain {
                phase_id: p.id.clone(),
                name: p.name.clone(),
                pain_points,
                negative_emotions: negs.len(),
                negative_sum,
                drop_off_pct: drop,
                score,
                reason: parts.join(" + "),
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..phases.len())
        .filter(|&i| phases[i].score > 0.0)
        .collect();
    // Stable sort: equal scores keep phase order.
    order.sort_by(|&a, &b| phases[b].score.total_cmp(&phases[a].score));
    let ranked = order.iter().map(|&i| phases[i].phase_id.clone()).collect();
    PainInsights { phases, ranked }
}
