use super::*;
use crate::model::{B2bRole, Card, JourneyMeta, Lang, Persona};
use crate::templates;

fn template(id: &str) -> Journey {
    templates::build(id, Lang::En, None).expect("template")
}

fn persona(id: &str, segment: &str, role: Option<B2bRole>) -> Persona {
    Persona {
        id: id.into(),
        name: id.into(),
        segment: segment.into(),
        b2b_role: role,
        ..Default::default()
    }
}

fn lane_of(j: &Journey, kind: LaneKind) -> String {
    j.lanes
        .iter()
        .find(|l| l.kind == kind)
        .map(|l| l.id.clone())
        .expect("lane of that kind")
}

fn add_card(j: &mut Journey, phase: usize, lane: &str, text: &str) -> String {
    let id = format!("card_{}", j.cards.len());
    let order = format!("a{:03}", j.cards.len());
    let c = Card::new(
        id.clone(),
        j.phases[phase].id.clone(),
        lane.into(),
        order,
        text.into(),
    );
    j.cards.push(c);
    id
}

fn get(w: &WorkshopSteps, id: StepId) -> &Step {
    w.steps
        .iter()
        .find(|s| s.id == id)
        .expect("every step is there")
}

fn done(w: &WorkshopSteps) -> Vec<StepId> {
    w.steps.iter().filter(|s| s.done).map(|s| s.id).collect()
}

#[test]
fn all_nine_steps_in_the_methods_order() {
    let w = steps(&Journey::default(), &[]);
    let ids: Vec<StepId> = w.steps.iter().map(|s| s.id).collect();
    assert_eq!(ids, StepId::ALL.to_vec());
    assert!(w.steps.iter().all(|s| !s.done && s.total >= 1));
    for s in &w.steps {
        assert_eq!(s.done, s.gaps.is_empty(), "{:?}: done means no gaps", s.id);
    }
}

#[test]
fn a_new_journey_from_a_template_has_its_phases_but_no_step_done() {
    let j = template("canvas");
    let w = steps(&j, &[]);
    assert!(
        done(&w).is_empty(),
        "the template's example goal is no goal the team set: {:?}",
        done(&w)
    );
    assert_eq!(get(&w, StepId::Goal).gaps, vec![Gap::Goal]);
    assert_eq!(get(&w, StepId::Persona).gaps, vec![Gap::Persona]);
    assert_eq!(
        get(&w, StepId::Scope).gaps,
        vec![Gap::ScopeStart, Gap::ScopeEnd]
    );
    let touch = get(&w, StepId::Touchpoints);
    assert_eq!(touch.gaps.len(), j.phases.len(), "one gap per phase");
    assert_eq!(touch.filled, 0);
    assert_eq!(
        touch.gaps[0],
        Gap::PhaseTouchpoints {
            phase_id: j.phases[0].id.clone()
        }
    );
    assert_eq!(get(&w, StepId::Review).gaps, vec![Gap::Review]);
    assert_eq!(get(&w, StepId::NextSteps).gaps, vec![Gap::NextSteps]);
}

#[test]
fn walking_the_steps_turns_each_one_done_in_turn() {
    let mut j = template("five-stages");
    j.meta.goal.clear();
    let mut personas = vec![];
    assert!(done(&steps(&j, &personas)).is_empty());

    j.meta.goal = "Sell more bikes".into();
    assert!(get(&steps(&j, &personas), StepId::Goal).done);

    // A persona without a segment or type is named as the gap.
    personas.push(persona("persona_a", "", None));
    let w = steps(&j, &personas);
    assert_eq!(
        get(&w, StepId::Persona).gaps,
        vec![Gap::PersonaSegment {
            persona_id: "persona_a".into()
        }]
    );
    personas[0].segment = "Commuters".into();
    assert!(get(&steps(&j, &personas), StepId::Persona).done);

    j.meta.scope.start = "Sees an ad".into();
    let w = steps(&j, &personas);
    assert_eq!(get(&w, StepId::Scope).gaps, vec![Gap::ScopeEnd]);
    assert_eq!(
        (get(&w, StepId::Scope).filled, get(&w, StepId::Scope).total),
        (1, 2)
    );
    j.meta.scope.end = "Recommends us".into();
    assert!(get(&steps(&j, &personas), StepId::Scope).done);

    // Durations: the gap names the phase without one.
    for p in &mut j.phases {
        p.duration = Some("1 week".into());
    }
    j.phases[2].duration = Some("  ".into());
    let w = steps(&j, &personas);
    assert_eq!(
        get(&w, StepId::Phases).gaps,
        vec![Gap::PhaseDuration {
            phase_id: j.phases[2].id.clone()
        }]
    );
    j.phases[2].duration = Some("2 days".into());
    assert!(get(&steps(&j, &personas), StepId::Phases).done);

    // Touchpoints in every phase; one where the company plays no part.
    let touch = lane_of(&j, LaneKind::Touchpoints);
    let mut cards = vec![];
    for i in 0..j.phases.len() {
        cards.push(add_card(&mut j, i, &touch, &format!("touchpoint {i}")));
    }
    j.cards[1].company_involved = false;
    let w = steps(&j, &personas);
    assert!(get(&w, StepId::Touchpoints).done);
    assert_eq!(w.outside_touchpoints, 1);
    let emo = get(&w, StepId::Emotions);
    assert_eq!(emo.total as usize, j.phases.len(), "a phase each");
    assert_eq!(
        emo.gaps[0],
        Gap::TouchpointEmotion {
            card_id: cards[0].clone()
        },
        "in map order"
    );

    for c in &mut j.cards {
        c.emotion = Some(1);
    }
    assert!(get(&steps(&j, &personas), StepId::Emotions).done);

    // Impact: a flagged card in every phase but the last.
    for c in j.cards.iter_mut().take(cards.len() - 1) {
        c.impact = true;
    }
    let w = steps(&j, &personas);
    let last = j.phases.last().map(|p| p.id.clone()).expect("phases");
    assert_eq!(
        get(&w, StepId::ImpactMoments).gaps,
        vec![Gap::PhaseImpact { phase_id: last }]
    );
    if let Some(c) = j.cards.last_mut() {
        c.impact = true;
    }
    assert!(get(&steps(&j, &personas), StepId::ImpactMoments).done);

    j.meta.next_steps = "Interview five customers".into();
    let w = steps(&j, &personas);
    assert!(get(&w, StepId::NextSteps).done);
    let open: Vec<StepId> = w.steps.iter().filter(|s| !s.done).map(|s| s.id).collect();
    assert_eq!(open, vec![StepId::Review], "all but the review");
    assert_eq!(get(&w, StepId::Review).gaps, vec![Gap::Review]);

    // One answer, here on a phase, does the review; then every step is done.
    let mut answered = j.clone();
    answered.phases[0].review.surprises = "The wait for a test ride".into();
    let w = steps(&answered, &personas);
    assert!(w.steps.iter().all(|s| s.done), "{:?}", w.steps);
    // A blank answer is none.
    j.meta.review.improve = "   ".into();
    assert!(!get(&steps(&j, &personas), StepId::Review).done);
}

#[test]
fn a_card_in_the_impact_lane_counts_as_an_impact_moment() {
    let mut j = template("journey-map");
    let lane = lane_of(&j, LaneKind::ImpactMoments);
    for i in 0..j.phases.len() {
        add_card(&mut j, i, &lane, "moment");
    }
    assert!(get(&steps(&j, &[]), StepId::ImpactMoments).done);
    // An empty card is not a moment.
    j.cards[0].text = " ".into();
    assert!(!get(&steps(&j, &[]), StepId::ImpactMoments).done);
}

#[test]
fn channels_count_as_touchpoints_and_a_map_without_either_says_so() {
    let mut j = template("journey-map");
    let lane = lane_of(&j, LaneKind::Channels);
    for i in 0..j.phases.len() {
        add_card(&mut j, i, &lane, "website");
    }
    assert!(get(&steps(&j, &[]), StepId::Touchpoints).done);

    j.lanes.retain(|l| !matches!(l.kind, LaneKind::Channels));
    let w = steps(&j, &[]);
    assert_eq!(get(&w, StepId::Touchpoints).gaps, vec![Gap::TouchpointLane]);
    assert_eq!(
        get(&w, StepId::Emotions).gaps[0],
        Gap::PhaseEmotion {
            phase_id: j.phases[0].id.clone()
        },
        "no touchpoint to give an emotion to: the phase itself"
    );
}

#[test]
fn the_emotions_step_counts_what_the_curve_draws() {
    // The curve draws every card with an emotion: a feelings card's emotion fills its phase
    // just as a touchpoint's does, and the step agrees with the curve phase by phase.
    let mut j = template("canvas");
    let feelings = lane_of(&j, LaneKind::Feelings);
    let touch = lane_of(&j, LaneKind::Touchpoints);
    let n = j.phases.len();
    for i in 0..n {
        add_card(&mut j, i, &feelings, "Twijfelt over de prijs");
    }
    let w = steps(&j, &[]);
    let emo = get(&w, StepId::Emotions);
    assert_eq!((emo.filled, emo.total as usize), (0, n));
    for c in &mut j.cards {
        c.emotion = Some(-1);
    }
    let touchpoint = add_card(&mut j, 0, &touch, "Web shop");
    let w = steps(&j, &[]);
    assert!(
        get(&w, StepId::Emotions).done,
        "{:?}",
        get(&w, StepId::Emotions)
    );
    let curve = crate::analysis::emotion::curve(&j, None);
    assert_eq!(curve.len(), n, "the curve draws the same feelings");

    // A phase whose only feeling is taken away: its touchpoint is the gap.
    j.cards[0].emotion = None;
    let w = steps(&j, &[]);
    let emo = get(&w, StepId::Emotions);
    assert_eq!(
        emo.gaps,
        vec![Gap::TouchpointEmotion {
            card_id: touchpoint
        }]
    );
    assert_eq!((emo.filled as usize, emo.total as usize), (n - 1, n));
}

#[test]
fn a_b2b_journey_wants_several_stakeholders() {
    let j = template("b2b");
    let one = vec![persona("p1", "IT", Some(B2bRole::DecisionMaker))];
    let w = steps(&j, &one);
    assert_eq!(get(&w, StepId::Persona).gaps, vec![Gap::Stakeholders]);
    let two = vec![
        one[0].clone(),
        persona("p2", "Finance", Some(B2bRole::Buyer)),
    ];
    assert!(get(&steps(&j, &two), StepId::Persona).done);
    // A persona with a B2B role makes any journey a B2B one.
    let consumer = template("five-stages");
    assert_eq!(
        get(&steps(&consumer, &one), StepId::Persona).gaps,
        vec![Gap::Stakeholders]
    );
}

#[test]
fn no_phases_is_a_gap_of_every_phase_step() {
    let mut j = template("canvas");
    j.phases.clear();
    let w = steps(&j, &[]);
    for id in [StepId::Phases, StepId::Touchpoints, StepId::ImpactMoments] {
        assert!(get(&w, id).gaps.contains(&Gap::Phases), "{id:?}");
    }
}

#[test]
fn next_steps_are_an_undoable_edit_and_absent_from_old_json() {
    use crate::edit::{self, Edit, JourneyPatch};
    let j = template("canvas");
    let id = j.meta.id.clone();
    // Older files and exports have no next steps; an empty field is not written.
    let json = serde_json::to_value(&j.meta).expect("json");
    assert!(json.get("next_steps").is_none(), "{json}");
    let mut ws = crate::model::Workspace {
        personas: vec![],
        journeys: vec![j],
    };
    let set = Edit::UpdateJourney {
        id: id.clone(),
        patch: JourneyPatch {
            next_steps: Some("Interview five customers".into()),
            ..Default::default()
        },
    };
    let cs = edit::apply(&ws, &set, "2026-12-01T20:00:00Z").expect("edit");
    edit::apply_changes(&mut ws, &cs);
    let j = ws.journey(&id).expect("journey");
    assert!(get(&steps(j, &[]), StepId::NextSteps).done);
    let back: JourneyMeta =
        serde_json::from_value(serde_json::to_value(&j.meta).expect("json")).expect("read back");
    assert_eq!(back.next_steps, "Interview five customers");
    edit::apply_changes(&mut ws, &cs.inverted());
    let j = ws.journey(&id).expect("journey");
    assert!(j.meta.next_steps.is_empty(), "undone");
    assert!(!get(&steps(j, &[]), StepId::NextSteps).done);
}

#[test]
fn next_steps_wait_for_every_open_question() {
    use crate::model::{Action, OpenQuestion};
    let mut j = template("five-stages");
    j.meta.next_steps = "Interview five customers".into();
    let q = |id: &str| OpenQuestion {
        id: id.into(),
        text: format!("Question {id}"),
        answer: String::new(),
    };
    j.meta.parking_lot.questions = vec![q("q1"), q("q2")];
    let s = get(&steps(&j, &[]), StepId::NextSteps).clone();
    assert!(!s.done);
    assert_eq!(
        s.gaps,
        vec![
            Gap::OpenQuestion {
                question_id: "q1".into()
            },
            Gap::OpenQuestion {
                question_id: "q2".into()
            }
        ]
    );
    assert_eq!((s.filled, s.total), (1, 3));

    // q1 answered, q2 given an action: done.
    j.meta.parking_lot.questions[0].answer = "Yes, by phone".into();
    j.meta.parking_lot.actions.push(Action {
        id: "a1".into(),
        text: "Ask the call centre".into(),
        owner: "Sanne".into(),
        due: "2026-12-15".into(),
        done: false,
        question_id: Some("q2".into()),
    });
    assert!(get(&steps(&j, &[]), StepId::NextSteps).done);

    // Actions alone count as next steps written down.
    j.meta.next_steps.clear();
    assert!(get(&steps(&j, &[]), StepId::NextSteps).done);
    j.meta.parking_lot.actions.clear();
    let s = get(&steps(&j, &[]), StepId::NextSteps).clone();
    assert_eq!(
        s.gaps,
        vec![
            Gap::NextSteps,
            Gap::OpenQuestion {
                question_id: "q2".into()
            }
        ]
    );
}
