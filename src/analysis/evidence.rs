//! What the map rests on: per phase and per lane the assumptions, validated and refuted cards,
//! and the customer safari list (every assumption, with the kind of evidence that would settle
//! it) to plan interviews and experiments.
//!
//! Invariants: every card is counted once per phase and once per lane; the share validated is
//! validated ÷ all cards (absent when there are none); the safari list holds exactly the cards
//! still marked as assumptions, impact moments first, then pain points, then the rest, each
//! group in map order (phase, lane, card).

use serde::Serialize;

use crate::model::{Card, EvidenceSource, Journey, Lane, LaneKind, Validation};

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Counts {
    pub cards: usize,
    pub assumptions: usize,
    pub validated: usize,
    pub refuted: usize,
    /// Validated ÷ cards, 0 … 1.
    pub validated_share: Option<f64>,
}

impl Counts {
    fn add(&mut self, c: &Card) {
        self.cards += 1;
        match c.validation {
            Validation::Assumption => self.assumptions += 1,
            Validation::Validated => self.validated += 1,
            Validation::Refuted => self.refuted += 1,
        }
        self.validated_share = Some(self.validated as f64 / self.cards as f64);
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhaseEvidence {
    pub phase_id: String,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LaneEvidence {
    pub lane_id: String,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvidenceInsights {
    pub total: Counts,
    pub phases: Vec<PhaseEvidence>,
    pub lanes: Vec<LaneEvidence>,
}

/// Why an assumption is high on the safari list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SafariPriority {
    ImpactMoment,
    PainPoint,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SafariItem {
    pub card_id: String,
    pub phase_id: String,
    pub phase: String,
    pub lane_id: String,
    pub lane: String,
    pub text: String,
    pub priority: SafariPriority,
    /// The kind of evidence that would settle the assumption.
    pub settle_with: EvidenceSource,
}

/// The evidence that settles a card: how customers feel or think is asked (interview); what
/// they do shows in figures (data); a pain point shows in complaints and reviews (feedback); an
/// improvement is proven by trying it (experiment).
pub fn settle_with(c: &Card, lane: Option<&Lane>) -> EvidenceSource {
    if c.emotion.is_some() {
        return EvidenceSource::Interview;
    }
    match lane.map(|l| l.kind) {
        Some(LaneKind::PainPoints) => EvidenceSource::Feedback,
        Some(LaneKind::Opportunities) => EvidenceSource::Experiment,
        Some(
            LaneKind::Actions
            | LaneKind::Touchpoints
            | LaneKind::Channels
            | LaneKind::PhysicalEvidence
            | LaneKind::Frontstage
            | LaneKind::Backstage
            | LaneKind::SupportProcesses
            | LaneKind::Data,
        ) => EvidenceSource::Data,
        Some(
            LaneKind::Thoughts | LaneKind::Feelings | LaneKind::ImpactMoments | LaneKind::Custom,
        )
        | None => EvidenceSource::Interview,
    }
}

pub fn evidence(j: &Journey) -> EvidenceInsights {
    let mut total = Counts::default();
    let mut phases: Vec<PhaseEvidence> = j
        .phases
        .iter()
        .map(|p| PhaseEvidence {
            phase_id: p.id.clone(),
            counts: Counts::default(),
        })
        .collect();
    let mut lanes: Vec<LaneEvidence> = j
        .lanes
        .iter()
        .map(|l| LaneEvidence {
            lane_id: l.id.clone(),
            counts: Counts::default(),
        })
        .collect();
    for (c, (pi, li)) in j.cards.iter().zip(super::index::positions(j)) {
        total.add(c);
        if let Some(i) = pi {
            phases[i].counts.add(c);
        }
        if let Some(i) = li {
            lanes[i].counts.add(c);
        }
    }
    EvidenceInsights {
        total,
        phases,
        lanes,
    }
}

/// The customer safari list of `j`.
pub fn safari(j: &Journey) -> Vec<SafariItem> {
    // Sort small keys, then build the items in order: sorting the items themselves moved
    // every one of them a dozen times (most of the time on a 5,000-card journey).
    let mut keys: Vec<(SafariPriority, usize, usize, usize)> = j
        .cards
        .iter()
        .zip(super::index::positions(j))
        .enumerate()
        .filter(|(_, (c, _))| c.validation == Validation::Assumption)
        .filter_map(|(ci, (c, (pi, li)))| {
            let (pi, li) = (pi?, li?);
            let priority = if c.impact {
                SafariPriority::ImpactMoment
            } else if j.lanes[li].kind == LaneKind::PainPoints {
                SafariPriority::PainPoint
            } else {
                SafariPriority::Other
            };
            Some((priority, pi, li, ci))
        })
        .collect();
    // The card index makes every key distinct, so an unstable sort gives the same order.
    keys.sort_unstable();
    keys.into_iter()
        .map(|(priority, pi, li, ci)| {
            let (c, p, l) = (&j.cards[ci], &j.phases[pi], &j.lanes[li]);
            SafariItem {
                card_id: c.id.clone(),
                phase_id: p.id.clone(),
                phase: p.name.clone(),
                lane_id: l.id.clone(),
                lane: l.title.clone(),
                text: c.text.clone(),
                priority,
                settle_with: settle_with(c, Some(l)),
            }
        })
        .collect()
}
