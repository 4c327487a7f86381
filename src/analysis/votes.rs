//! Votes: the cards ranked by the dots the team put on them ("most votes"), and the voting
//! round's budget (participants × dots per person) against the dots given, with a warning when
//! they differ or a card has more dots than the round's cap allows.
//!
//! A difference is flagged, never corrected: dots read from a photo of the wall or typed after
//! the session are what the team did, and the facilitator decides what a missing dot means.

use serde::Serialize;

use super::{Warning, WarningCode};
use crate::model::{Journey, Lang, VotingRound};

/// One card with votes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VotedCard {
    pub card_id: String,
    pub phase_id: String,
    pub text: String,
    pub votes: u32,
}

/// The voting round and its outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VoteInsights {
    /// The round the facilitator set, if any.
    pub round: Option<VotingRound>,
    /// participants × dots per person (absent without a round).
    pub budget: Option<u64>,
    /// The dots on all cards together.
    pub given: u64,
    /// The cards with votes, most first; ties in map order.
    pub most: Vec<VotedCard>,
}

/// The votes of `j` and the warnings about them.
pub fn votes(j: &Journey) -> (VoteInsights, Vec<Warning>) {
    let lang = j.meta.language;
    let given: u64 = j.cards.iter().map(|c| u64::from(c.votes)).sum();
    let phase = j.phase_index();
    let lane = j.lane_index();
    let mut voted: Vec<_> = j.cards.iter().filter(|c| c.votes > 0).collect();
    // Map order (phase, lane, card order) first, so the stable sort by votes breaks ties by it.
    voted.sort_by_key(|c| {
        (
            phase.get(c.phase_id.as_str()).copied(),
            lane.get(c.lane_id.as_str()).copied(),
        )
    });
    voted.sort_by_key(|c| std::cmp::Reverse(c.votes));
    let most = voted
        .iter()
        .map(|c| VotedCard {
            card_id: c.id.clone(),
            phase_id: c.phase_id.clone(),
            text: c.text.clone(),
            votes: c.votes,
        })
        .collect();
    let mut warnings = Vec::new();
    let round = j.meta.voting.clone();
    if let Some(r) = &round {
        let budget = r.budget();
        if given != budget {
            warnings.push(Warning {
                code: if given > budget {
                    WarningCode::VotesOverBudget
                } else {
                    WarningCode::VotesUnderBudget
                },
                phase_id: None,
                message: budget_message(lang, r, given),
            });
        }
        if let Some(cap) = r.cap_per_card {
            for c in voted.iter().filter(|c| c.votes > cap) {
                warnings.push(Warning::phase(
                    WarningCode::VotesOverCap,
                    &c.phase_id,
                    match lang {
                        Lang::Nl => format!(
                            "{:?} ({}) heeft {} stippen, meer dan de {cap} per kaart die de ronde toestaat",
                            c.text,
                            j.phase(&c.phase_id).map(|p| p.name.as_str()).unwrap_or("?"),
                            c.votes
                        ),
                        Lang::En => format!(
                            "{:?} ({}) has {} dots, more than the round's cap of {cap} per card",
                            c.text,
                            j.phase(&c.phase_id).map(|p| p.name.as_str()).unwrap_or("?"),
                            c.votes
                        ),
                    },
                ));
            }
        }
    }
    (
        VoteInsights {
            budget: round.as_ref().map(VotingRound::budget),
            round,
            given,
            most,
        },
        warnings,
    )
}

fn budget_message(lang: Lang, r: &VotingRound, given: u64) -> String {
    let budget = r.budget();
    let (more, fewer) = (lang.pick("meer", "more"), lang.pick("minder", "fewer"));
    let diff = given.abs_diff(budget);
    let how = if given > budget { more } else { fewer };
    match lang {
        Lang::Nl => format!(
            "er zijn {given} stippen gegeven, {diff} {how} dan de {budget} van de ronde \
             ({} deelnemers × {} stippen)",
            r.participants, r.dots_per_person
        ),
        Lang::En => format!(
            "{given} dots were given, {diff} {how} than the round's {budget} \
             ({} participants × {} dots)",
            r.participants, r.dots_per_person
        ),
    }
}
