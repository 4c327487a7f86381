//! Links between cards (non-linear journeys: a customer jumps ahead past touchpoints, or loops
//! back to an earlier one) and the team's answers to the method's review questions.
//!
//! Both live inside the journey's own record ([`super::JourneyMeta`]) rather than in tables of
//! their own: every edit of a journey already rewrites that record (its version bump), so a
//! link or an answer costs no extra write, needs no schema migration, and is carried by
//! everything that copies a journey's fields (history, snapshots, diff, the JSON interchange).
//! Invariants (checked by [`super::Journey::validate`]): a link joins two different cards of
//! its own journey, and its id is unique in the journey.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An arrow from one card to another: a jump forward or a loop back, told apart by where the
/// cards sit (the layout decides), not stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub id: String,
    /// The card the arrow starts at.
    pub from: String,
    /// The card the arrow points at.
    pub to: String,
    /// Optional words on the arrow ("na 2 weken", "bij een klacht").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "string | undefined"))]
    pub label: String,
}

/// The team's answers to the method's four review questions, for the whole journey or one
/// phase. Empty answers are left out of the JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct Review {
    /// What surprises us?
    #[serde(skip_serializing_if = "String::is_empty")]
    pub surprises: String,
    /// What crucial things are missing?
    #[serde(skip_serializing_if = "String::is_empty")]
    pub missing: String,
    /// Where can the journey improve most?
    #[serde(skip_serializing_if = "String::is_empty")]
    pub improve: String,
    /// How does it compare with our biggest competitors?
    #[serde(skip_serializing_if = "String::is_empty")]
    pub competitors: String,
}

/// The four review questions, in the method's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewQuestion {
    Surprises,
    Missing,
    Improve,
    Competitors,
}

impl ReviewQuestion {
    pub const ALL: [ReviewQuestion; 4] = [
        ReviewQuestion::Surprises,
        ReviewQuestion::Missing,
        ReviewQuestion::Improve,
        ReviewQuestion::Competitors,
    ];
}

impl Review {
    /// True when no question has an answer (blank counts as none).
    pub fn is_empty(&self) -> bool {
        self.answers().next().is_none()
    }

    pub fn answer(&self, q: ReviewQuestion) -> &str {
        match q {
            ReviewQuestion::Surprises => &self.surprises,
            ReviewQuestion::Missing => &self.missing,
            ReviewQuestion::Improve => &self.improve,
            ReviewQuestion::Competitors => &self.competitors,
        }
    }

    /// The questions with an answer, in order, with the answer trimmed.
    pub fn answers(&self) -> impl Iterator<Item = (ReviewQuestion, &str)> {
        ReviewQuestion::ALL
            .into_iter()
            .map(|q| (q, self.answer(q).trim()))
            .filter(|(_, a)| !a.is_empty())
    }
}
