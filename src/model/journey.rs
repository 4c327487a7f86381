//! Journeys and the workspace that holds them: a journey's own fields ([`JourneyMeta`]), the
//! journey with its records ([`Journey`], kept sorted by order key, then id) and the
//! [`Workspace`] (personas and journeys, sorted by id so memory and disk compare equal).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Card, Lane, Link, ParkingLot, Persona, Phase, Review, VotingRound};

/// Interface and content language of a journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// The Dutch or the English of a pair, as this language asks: the one way the core picks
    /// its words (`lang.pick("Fase", "Phase")`), so every sentence is written once per language
    /// where it is used.
    pub fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "nl" | "nl-nl" | "nl-be" | "dutch" | "nederlands" => Some(Lang::Nl),
            "en" | "en-us" | "en-gb" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks a language from a POSIX/BCP-47 locale string such as `nl_NL.UTF-8`;
    /// anything that is not Dutch gets English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("nl") {
            Lang::Nl
        } else {
            Lang::En
        }
    }
}

/// Whether a journey describes today's situation or the one the company wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum JourneyState {
    #[default]
    AsIs,
    ToBe,
}

/// Whose journey it is: ours, or a competitor's (named), so a comparison can say whose curve
/// is whose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Owner {
    #[default]
    Ours,
    Competitor {
        name: String,
    },
}

impl Owner {
    pub fn is_ours(&self) -> bool {
        matches!(self, Owner::Ours)
    }
}

/// A pair of phases the team matched by hand for a comparison (their names differ): this
/// journey's `phase_id` with `other_phase_id` of journey `journey_id`. Kept in the journey so
/// the comparison is the same next time; a pair naming a phase that is gone is ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PhaseMatch {
    pub journey_id: String,
    pub phase_id: String,
    pub other_phase_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Where the journey starts ("ziet een advertentie").
    #[serde(default)]
    pub start: String,
    /// Where it ends ("beveelt ons aan").
    #[serde(default)]
    pub end: String,
}

/// A journey's own fields, without its phases, lanes and cards (those are separate records so
/// an edit to one card stores one card, not the whole journey).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JourneyMeta {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub persona_ids: Vec<String>,
    /// What the team does after the workshop to check the map (a customer safari: interviews,
    /// experiments; data to collect), in the team's words, one step a line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "string | undefined"))]
    pub next_steps: String,
    #[serde(default)]
    pub state: JourneyState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compared_with: Option<String>,
    /// Ours (absent in the JSON) or a competitor's.
    #[serde(default, skip_serializing_if = "Owner::is_ours")]
    #[cfg_attr(feature = "ts", ts(type = "Owner | undefined"))]
    pub owner: Owner,
    /// Phases matched by hand with another journey's (see [`PhaseMatch`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Array<PhaseMatch> | undefined"))]
    pub phase_matches: Vec<PhaseMatch>,
    #[serde(default)]
    pub language: Lang,
    /// Template the journey was made from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Photos of the physical wall (image ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Array<string> | undefined"))]
    pub wall_photos: Vec<String>,
    /// Arrows between cards: jumps forward and loops back (see [`Link`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Array<Link> | undefined"))]
    pub links: Vec<Link>,
    /// The team's answers to the review questions for the journey as a whole.
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Review | undefined"))]
    pub review: Review,
    /// The workshop's dot-voting round, when the team held one (the votes are on the cards).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "VotingRound | undefined"))]
    pub voting: Option<VotingRound>,
    /// The workshop's open questions, decisions and actions.
    #[serde(default, skip_serializing_if = "ParkingLot::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "ParkingLot | undefined"))]
    pub parking_lot: ParkingLot,
    /// Bumped by every edit to the journey or its records; printed on exports so stale
    /// prints can be recognised.
    #[serde(default)]
    pub version: u64,
    /// RFC 3339 time of the last change.
    #[serde(default)]
    pub updated: String,
}

/// A journey with its records, sorted by order key. (`deny_unknown_fields` does not work with
/// `flatten`, so unknown journey fields are ignored rather than refused.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Journey {
    #[serde(flatten)]
    pub meta: JourneyMeta,
    #[serde(default)]
    pub phases: Vec<Phase>,
    #[serde(default)]
    pub lanes: Vec<Lane>,
    #[serde(default)]
    pub cards: Vec<Card>,
}

/// Everything in a document, in memory. Personas and journeys are kept sorted by id (a
/// canonical order; views sort as they like).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Workspace {
    pub personas: Vec<Persona>,
    pub journeys: Vec<Journey>,
}

impl Workspace {
    pub fn journey(&self, id: &str) -> Option<&Journey> {
        self.journeys.iter().find(|j| j.meta.id == id)
    }

    pub fn persona(&self, id: &str) -> Option<&Persona> {
        self.personas.iter().find(|p| p.id == id)
    }

    /// Finds the journey that holds the link with this id.
    pub fn journey_of_link(&self, link_id: &str) -> Option<&Journey> {
        self.journeys.iter().find(|j| j.link(link_id).is_some())
    }

    /// Finds the journey that holds a phase, lane or card with this id.
    pub fn journey_of(&self, record_id: &str) -> Option<&Journey> {
        self.journeys.iter().find(|j| {
            j.phases.iter().any(|p| p.id == record_id)
                || j.lanes.iter().any(|l| l.id == record_id)
                || j.cards.iter().any(|c| c.id == record_id)
        })
    }
}

impl Journey {
    /// The phase pairs matched by hand between this journey and `other`, as (phase of this
    /// journey, phase of `other`): those kept in either journey.
    pub fn phase_matches_with(&self, other: &Journey) -> Vec<(String, String)> {
        let mine = self
            .meta
            .phase_matches
            .iter()
            .filter(|m| m.journey_id == other.meta.id)
            .map(|m| (m.phase_id.clone(), m.other_phase_id.clone()));
        let theirs = other
            .meta
            .phase_matches
            .iter()
            .filter(|m| m.journey_id == self.meta.id)
            .map(|m| (m.other_phase_id.clone(), m.phase_id.clone()));
        mine.chain(theirs).collect()
    }

    /// Each phase's position by id: what the layout and the analysis use to put cards in
    /// columns without a search per card.
    pub fn phase_index(&self) -> std::collections::HashMap<&str, usize> {
        self.phases
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect()
    }

    /// Each lane's position by id (rows), as [`Journey::phase_index`] for phases.
    pub fn lane_index(&self) -> std::collections::HashMap<&str, usize> {
        self.lanes
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.as_str(), i))
            .collect()
    }

    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    pub fn lane(&self, id: &str) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }

    pub fn card(&self, id: &str) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }

    pub fn link(&self, id: &str) -> Option<&Link> {
        self.meta.links.iter().find(|l| l.id == id)
    }

    /// Cards of one cell, in order.
    pub fn cell_cards<'a>(
        &'a self,
        phase_id: &'a str,
        lane_id: &'a str,
    ) -> impl Iterator<Item = &'a Card> + 'a {
        self.cards
            .iter()
            .filter(move |c| c.phase_id == phase_id && c.lane_id == lane_id)
    }

    /// Restores the canonical order of phases, lanes and cards (order key, then id).
    pub fn sort(&mut self) {
        self.phases
            .sort_by(|a, b| (&a.order, &a.id).cmp(&(&b.order, &b.id)));
        self.lanes
            .sort_by(|a, b| (&a.order, &a.id).cmp(&(&b.order, &b.id)));
        self.cards
            .sort_by(|a, b| (&a.order, &a.id).cmp(&(&b.order, &b.id)));
    }
}
