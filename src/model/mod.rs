//! The domain: a workspace of personas and journeys.
//!
//! Invariants (checked by [`Journey::validate`] and kept by every [`crate::edit::Edit`]):
//! - every record has a stable, non-empty string id, unique within the workspace;
//! - phases, lanes and cards are ordered by fractional `order` keys ([`crate::model::order`]); ties
//!   are broken by id so the order is total and reordering never renumbers other records;
//! - every card points at a phase and a lane of its own journey;
//! - emotions lie in `-2 ..= 2`; value and effort scores of a card in `1 ..= 5`.
//!
//! The types are plain serde data, shared by the store, the JSON interchange format and the UI.
//!
//! The ground floor of the core: imports nothing of the crate but its own `ids` (stable record
//! ids, timestamps) and `order` (fractional order keys). See `docs/architecture.md`.

pub mod ids;
pub mod order;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The lowest and highest emotion on the common −2 … +2 scale.
pub const EMOTION_MIN: i8 = -2;
pub const EMOTION_MAX: i8 = 2;

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

/// A stakeholder's role in a B2B journey (several people decide together there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum B2bRole {
    DecisionMaker,
    User,
    Buyer,
    Influencer,
    Gatekeeper,
    Initiator,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub segment: String,
    #[serde(default)]
    pub customer_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b2b_role: Option<B2bRole>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub frustrations: Vec<String>,
    /// Id of an image in the document (or in the interchange file's `images`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
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

/// Numbers per phase for a data-driven journey. Every field is optional: a workshop often
/// knows one figure and not the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PhaseData {
    /// How many customers enter this phase (per period the team chooses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customers: Option<u64>,
    /// Share of those customers that drop out in this phase, 0 … 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop_off_pct: Option<f64>,
    /// Throughput time as the team says it ("3 dagen", "2 weeks").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub order: String,
    pub name: String,
    /// Free text, e.g. "2 weken".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// Present when the phase tracks data (the data-driven template sets it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<PhaseData>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    Actions,
    Touchpoints,
    Channels,
    Thoughts,
    /// The feelings lane: its cards carry emotions that form the emotion curve.
    Feelings,
    PainPoints,
    Opportunities,
    /// The most crucial touchpoints per phase (moments of truth).
    ImpactMoments,
    Backstage,
    Data,
    Custom,
}

impl LaneKind {
    pub const ALL: [LaneKind; 11] = [
        LaneKind::Actions,
        LaneKind::Touchpoints,
        LaneKind::Channels,
        LaneKind::Thoughts,
        LaneKind::Feelings,
        LaneKind::PainPoints,
        LaneKind::Opportunities,
        LaneKind::ImpactMoments,
        LaneKind::Backstage,
        LaneKind::Data,
        LaneKind::Custom,
    ];

    /// The sticky-note colour a new card in this lane gets.
    pub fn default_colour(self) -> CardColour {
        match self {
            LaneKind::Actions => CardColour::Yellow,
            LaneKind::Touchpoints | LaneKind::Channels => CardColour::Blue,
            LaneKind::Thoughts => CardColour::Purple,
            LaneKind::Feelings => CardColour::Orange,
            LaneKind::PainPoints => CardColour::Pink,
            LaneKind::Opportunities => CardColour::Green,
            LaneKind::ImpactMoments => CardColour::Orange,
            LaneKind::Backstage | LaneKind::Data | LaneKind::Custom => CardColour::Grey,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: String,
    pub order: String,
    pub kind: LaneKind,
    pub title: String,
    /// The prompt shown faintly in empty cells ("Wat denkt de klant?").
    #[serde(default)]
    pub hint: String,
}

/// Soft sticky-note colours; the exact tints live in the layout so screen and paper agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CardColour {
    #[default]
    Yellow,
    Orange,
    Pink,
    Purple,
    Blue,
    Green,
    Grey,
}

impl CardColour {
    pub const ALL: [CardColour; 7] = [
        CardColour::Yellow,
        CardColour::Orange,
        CardColour::Pink,
        CardColour::Purple,
        CardColour::Blue,
        CardColour::Green,
        CardColour::Grey,
    ];
}

/// Whether a card's content was confirmed by a "customer safari" or is still assumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Validation {
    #[default]
    Assumption,
    Validated,
    Refuted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceSource {
    Interview,
    Experiment,
    Feedback,
    Data,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub source: EvidenceSource,
    #[serde(default)]
    pub note: String,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub phase_id: String,
    pub lane_id: String,
    pub order: String,
    pub text: String,
    #[serde(default)]
    pub colour: CardColour,
    /// −2 … +2; cards with an emotion form the emotion curve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion: Option<i8>,
    /// An impact moment (moment of truth).
    #[serde(default, skip_serializing_if = "is_false")]
    // Left out of the JSON when false, so TypeScript sees it as possibly absent.
    #[cfg_attr(feature = "ts", ts(type = "boolean | undefined"))]
    pub impact: bool,
    #[serde(default)]
    pub validation: Validation,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Array<Evidence> | undefined"))]
    pub evidence: Vec<Evidence>,
    /// False for touchpoints where the company plays no part (a review site, a friend).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    // Absent means true (the common case).
    #[cfg_attr(feature = "ts", ts(type = "boolean | undefined"))]
    pub company_involved: bool,
    /// For opportunity cards: how much the improvement is worth, 1 (little) … 5 (much).
    /// Optional: a team scores opportunities when it prioritises them, not when it writes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 5))]
    pub value: Option<u8>,
    /// For opportunity cards: how much work the improvement takes, 1 (little) … 5 (much).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 5))]
    pub effort: Option<u8>,
}

/// The lowest and highest value or effort score of an opportunity card.
pub const SCORE_MIN: u8 = 1;
pub const SCORE_MAX: u8 = 5;

/// Checks an optional value or effort score; the error says what was wrong.
pub fn check_score(field: &str, v: Option<u8>) -> Result<(), String> {
    match v {
        Some(x) if !(SCORE_MIN..=SCORE_MAX).contains(&x) => {
            Err(format!("{field} must be between 1 and 5, got {x}"))
        }
        _ => Ok(()),
    }
}

impl Card {
    pub fn new(id: String, phase_id: String, lane_id: String, order: String, text: String) -> Card {
        Card {
            id,
            phase_id,
            lane_id,
            order,
            text,
            colour: CardColour::Yellow,
            emotion: None,
            impact: false,
            validation: Validation::Assumption,
            evidence: Vec::new(),
            company_involved: true,
            value: None,
            effort: None,
        }
    }
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
    #[serde(default)]
    pub state: JourneyState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compared_with: Option<String>,
    #[serde(default)]
    pub language: Lang,
    /// Template the journey was made from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Photos of the physical wall (image ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Array<string> | undefined"))]
    pub wall_photos: Vec<String>,
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

/// An image stored in the document (persona photo, photo of the wall).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Content hash, so storing the same photo twice stores it once.
    pub id: String,
    pub mime: String,
    pub data: Vec<u8>,
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
    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    pub fn lane(&self, id: &str) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }

    pub fn card(&self, id: &str) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
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
            if let Some(d) = &p.data {
                if let Some(pct) = d.drop_off_pct {
                    if !(0.0..=100.0).contains(&pct) {
                        return Err((
                            format!("phases[{i}].data.drop_off_pct"),
                            format!("must be between 0 and 100, got {pct}"),
                        ));
                    }
                }
            }
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

impl Image {
    /// The image as a `data:` URL, the one way the webview's content policy lets it show
    /// document images.
    pub fn data_url(&self) -> String {
        use base64::Engine;
        format!(
            "data:{};base64,{}",
            self.mime,
            base64::engine::general_purpose::STANDARD.encode(&self.data)
        )
    }

    /// The MIME type of PNG or JPEG bytes, from their signature; `None` for anything else.
    pub fn sniff_mime(data: &[u8]) -> Option<&'static str> {
        if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some("image/png")
        } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some("image/jpeg")
        } else {
            None
        }
    }
}
