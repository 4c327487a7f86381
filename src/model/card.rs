//! Cards: the sticky notes in a cell (one phase × one lane), with their emotion, impact flag,
//! validation and evidence.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The lowest and highest emotion on the common −2 … +2 scale.
pub const EMOTION_MIN: i8 = -2;
pub const EMOTION_MAX: i8 = 2;

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

fn is_zero(n: &u32) -> bool {
    *n == 0
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
    /// A service blueprint's fail point: where this step often goes wrong.
    #[serde(default, skip_serializing_if = "is_false")]
    // Left out of the JSON when false (so maps without marks are unchanged).
    #[cfg_attr(feature = "ts", ts(type = "boolean | undefined"))]
    pub fail_point: bool,
    /// A service blueprint's wait point: where the customer waits at this step.
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(type = "boolean | undefined"))]
    pub wait_point: bool,
    /// An image of the card in the document's image store: for a card read from a photo of the
    /// wall, the note as it was photographed, so the handwriting is kept where OCR failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "string | undefined"))]
    pub image: Option<String>,
    /// The card was read from a photo of the wall (`klantreis scan`), not typed.
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(type = "boolean | undefined"))]
    pub from_photo: bool,
    /// Dots the team put on this card in a voting round (see [`super::VotingRound`]); absent
    /// in the JSON when zero.
    #[serde(default, skip_serializing_if = "is_zero")]
    #[cfg_attr(feature = "ts", ts(type = "number | undefined"))]
    pub votes: u32,
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
            fail_point: false,
            wait_point: false,
            image: None,
            from_photo: false,
            votes: 0,
        }
    }
}
