//! The workshop's guided steps (the Customer Journey Canvas method, in its order) and how far a
//! journey is with each: goal → persona → scope → phases with durations → touchpoints per
//! phase → the emotion in each phase → impact moments per phase → review → next steps.
//!
//! Invariants:
//! - [`steps`] is a pure function of the journey and its linked personas; the UI's workshop
//!   panel shows its answer as is, so the panel, the CLI and the tests agree on "done";
//! - the steps come back in the method's order, one per [`StepId`], always all nine;
//! - a step is done exactly when it has no [`Gap`]s; every gap names the record to go to
//!   (a phase, a card, a persona) or the journey field to fill, so the UI can take the user
//!   there without searching.
//!
//! Touchpoints are the cards of the touchpoint lanes (kind `touchpoints`, or `channels` in
//! templates that call them that). Those where the company plays no part count like any other;
//! the step reports how many there are, because the method asks the team not to forget them.
//!
//! The emotions step counts what the emotion curve draws (`analysis::emotion::curve`: every
//! card with an emotion, a touchpoint's or a card's in a feelings lane): a phase is felt when
//! the curve has a point in it. So the step, the curve on the map and the insights never
//! disagree about whether the customer's feelings are there.

use serde::Serialize;

use crate::model::{Journey, LaneKind, Persona};

/// The steps of the method, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StepId {
    Goal,
    Persona,
    Scope,
    Phases,
    Touchpoints,
    Emotions,
    ImpactMoments,
    Review,
    NextSteps,
}

impl StepId {
    pub const ALL: [StepId; 9] = [
        StepId::Goal,
        StepId::Persona,
        StepId::Scope,
        StepId::Phases,
        StepId::Touchpoints,
        StepId::Emotions,
        StepId::ImpactMoments,
        StepId::Review,
        StepId::NextSteps,
    ];
}

/// Something a step still misses, with where to fill it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Gap {
    /// The journey has no goal.
    Goal,
    /// No persona is linked to the journey.
    Persona,
    /// A linked persona says neither its segment nor its customer type.
    PersonaSegment {
        persona_id: String,
    },
    /// A B2B journey names fewer than two stakeholders (personas with a B2B role): several
    /// people decide together there.
    Stakeholders,
    ScopeStart,
    ScopeEnd,
    /// The journey has no phases.
    Phases,
    PhaseDuration {
        phase_id: String,
    },
    /// The journey has no touchpoint lane to put touchpoints in.
    TouchpointLane,
    PhaseTouchpoints {
        phase_id: String,
    },
    /// A touchpoint in a phase without any emotion yet: giving it one fills the phase.
    TouchpointEmotion {
        card_id: String,
    },
    /// A phase without any emotion and without a touchpoint to give one to: a card in a
    /// feelings lane with an emotion, or a touchpoint with one, fills it.
    PhaseEmotion {
        phase_id: String,
    },
    PhaseImpact {
        phase_id: String,
    },
    /// The team has not answered the review questions.
    Review,
    NextSteps,
    /// An open question of the parking lot with neither an answer nor an action.
    OpenQuestion {
        question_id: String,
    },
}

/// One step and how far the journey is with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Step {
    pub id: StepId,
    pub done: bool,
    /// How many of the things this step checks are filled in, of `total` (a phase count for
    /// the phase steps and the emotions); `total` is at least 1.
    pub filled: u32,
    pub total: u32,
    /// What is missing, in map order; empty when done.
    pub gaps: Vec<Gap>,
}

/// The guided steps of one journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkshopSteps {
    pub journey_id: String,
    pub steps: Vec<Step>,
    /// Touchpoints where the company plays no part (a review site, a friend's advice).
    pub outside_touchpoints: u32,
}

/// Whether the team answered the review questions: at least one answer, on the journey or on
/// a phase (the review panel asks all four; which ones a team answers is theirs to choose).
pub fn review_answered(j: &Journey) -> bool {
    !j.meta.review.is_empty() || j.phases.iter().any(|p| !p.review.is_empty())
}

fn filled(s: &str) -> bool {
    !s.trim().is_empty()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn step(id: StepId, total: usize, gaps: Vec<Gap>, missing: usize) -> Step {
    let total = total.max(1);
    Step {
        id,
        done: gaps.is_empty(),
        filled: count(total.saturating_sub(missing)),
        total: count(total),
        gaps,
    }
}

/// One gap per phase for which `has` is false.
fn per_phase(j: &Journey, has: impl Fn(&str) -> bool, gap: impl Fn(String) -> Gap) -> Vec<Gap> {
    j.phases
        .iter()
        .filter(|p| !has(&p.id))
        .map(|p| gap(p.id.clone()))
        .collect()
}

/// The steps of `j`, whose linked personas are `personas` (those of `persona_ids` that exist).
pub fn steps(j: &Journey, personas: &[Persona]) -> WorkshopSteps {
    let m = &j.meta;
    let goal = if filled(&m.goal) {
        vec![]
    } else {
        vec![Gap::Goal]
    };

    let mut persona = Vec::new();
    if personas.is_empty() {
        persona.push(Gap::Persona);
    }
    for p in personas {
        if !filled(&p.segment) && !filled(&p.customer_type) {
            persona.push(Gap::PersonaSegment {
                persona_id: p.id.clone(),
            });
        }
    }
    let stakeholders = personas.iter().filter(|p| p.b2b_role.is_some()).count();
    let b2b = stakeholders > 0 || m.template.as_deref() == Some("b2b");
    if b2b && stakeholders < 2 {
        persona.push(Gap::Stakeholders);
    }
    let persona_total = personas.len().max(1) + usize::from(b2b);
    let persona_missing = persona.len();

    let mut scope = Vec::new();
    if !filled(&m.scope.start) {
        scope.push(Gap::ScopeStart);
    }
    if !filled(&m.scope.end) {
        scope.push(Gap::ScopeEnd);
    }
    let scope_missing = scope.len();

    let mut phases = per_phase(
        j,
        |id| {
            j.phase(id)
                .and_then(|p| p.duration.as_deref())
                .is_some_and(filled)
        },
        |phase_id| Gap::PhaseDuration { phase_id },
    );
    if j.phases.is_empty() {
        phases.push(Gap::Phases);
    }
    let phases_missing = phases.len();

    let touch_lanes: Vec<&str> = j
        .lanes
        .iter()
        .filter(|l| matches!(l.kind, LaneKind::Touchpoints | LaneKind::Channels))
        .map(|l| l.id.as_str())
        .collect();
    let touchpoints: Vec<_> = j
        .cards
        .iter()
        .filter(|c| touch_lanes.contains(&c.lane_id.as_str()) && filled(&c.text))
        .filter(|c| j.phase(&c.phase_id).is_some())
        .collect();
    let mut touch = if touch_lanes.is_empty() {
        vec![Gap::TouchpointLane]
    } else {
        per_phase(
            j,
            |id| touchpoints.iter().any(|c| c.phase_id == id),
            |phase_id| Gap::PhaseTouchpoints { phase_id },
        )
    };
    if j.phases.is_empty() {
        touch.push(Gap::Phases);
    }
    let touch_missing = touch.len();

    // In map order (phase, then lane, then card), so "next" walks the map left to right.
    let phase_at = j.phase_index();
    let lane_at = j.lane_index();
    let mut in_order = touchpoints.clone();
    in_order.sort_by_key(|c| {
        (
            phase_at.get(c.phase_id.as_str()),
            lane_at.get(c.lane_id.as_str()),
        )
    });
    // A phase is felt when the curve has a point in it (any card with an emotion). A phase
    // that is not points at its first touchpoint, else at the phase itself.
    let mut emotions = per_phase(
        j,
        |id| {
            j.cards
                .iter()
                .any(|c| c.phase_id == id && c.emotion.is_some())
        },
        |phase_id| match in_order.iter().find(|c| c.phase_id == phase_id) {
            Some(c) => Gap::TouchpointEmotion {
                card_id: c.id.clone(),
            },
            None => Gap::PhaseEmotion { phase_id },
        },
    );
    if j.phases.is_empty() {
        emotions.push(Gap::Phases);
    }
    let emotions_missing = emotions.len();

    let impact = per_phase(
        j,
        |id| {
            j.cards.iter().any(|c| {
                c.phase_id == id
                    && filled(&c.text)
                    && (c.impact
                        || j.lane(&c.lane_id)
                            .is_some_and(|l| l.kind == LaneKind::ImpactMoments))
            })
        },
        |phase_id| Gap::PhaseImpact { phase_id },
    );
    let mut impact = impact;
    if j.phases.is_empty() {
        impact.push(Gap::Phases);
    }
    let impact_missing = impact.len();

    let review = if review_answered(j) {
        vec![]
    } else {
        vec![Gap::Review]
    };
    // Next steps: written down (or as actions in the parking lot), and every open question
    // settled by an answer or an action.
    let planned = filled(&m.next_steps) || !m.parking_lot.actions.is_empty();
    let mut next = if planned {
        vec![]
    } else {
        vec![Gap::NextSteps]
    };
    next.extend(m.parking_lot.unresolved().map(|q| Gap::OpenQuestion {
        question_id: q.id.clone(),
    }));
    let next_missing = next.len();

    let n_phases = j.phases.len();
    let steps = vec![
        step(StepId::Goal, 1, goal, 1 - usize::from(filled(&m.goal))),
        step(StepId::Persona, persona_total, persona, persona_missing),
        step(StepId::Scope, 2, scope, scope_missing),
        step(StepId::Phases, n_phases, phases, phases_missing),
        step(StepId::Touchpoints, n_phases, touch, touch_missing),
        step(StepId::Emotions, n_phases, emotions, emotions_missing),
        step(StepId::ImpactMoments, n_phases, impact, impact_missing),
        step(StepId::Review, 1, review, usize::from(!review_answered(j))),
        step(
            StepId::NextSteps,
            1 + m.parking_lot.questions.len(),
            next,
            next_missing,
        ),
    ];
    WorkshopSteps {
        journey_id: m.id.clone(),
        steps,
        outside_touchpoints: count(touchpoints.iter().filter(|c| !c.company_involved).count()),
    }
}

#[cfg(test)]
mod tests;
