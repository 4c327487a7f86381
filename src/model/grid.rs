//! The two axes of the map grid: phases (columns, in time order) and lanes (rows, by kind of
//! content). Both are ordered by fractional keys; [`crate::edit`] edits them through one
//! generic path, so the two stay alike.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{CardColour, Review};

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
    /// The team's answers to the review questions for this phase.
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Review | undefined"))]
    pub review: Review,
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
    /// Service blueprint: what the customer sees and holds (a receipt, the website, the shop).
    PhysicalEvidence,
    /// Service blueprint: what staff do in the customer's sight (below the line of
    /// interaction).
    Frontstage,
    /// What staff do out of the customer's sight (below the line of visibility).
    Backstage,
    /// Service blueprint: systems and other teams that make backstage work possible (below the
    /// line of internal interaction).
    SupportProcesses,
    Data,
    Custom,
}

impl LaneKind {
    /// Every kind. The blueprint kinds come last so the indices of the older ones stay put
    /// (property tests pick kinds by index).
    pub const ALL: [LaneKind; 14] = [
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
        LaneKind::PhysicalEvidence,
        LaneKind::Frontstage,
        LaneKind::SupportProcesses,
    ];

    /// The kinds that make a journey a service blueprint (its lines of interaction,
    /// visibility and internal interaction are drawn); a backstage lane alone does not.
    pub fn is_blueprint(self) -> bool {
        matches!(
            self,
            LaneKind::PhysicalEvidence | LaneKind::Frontstage | LaneKind::SupportProcesses
        )
    }

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
            LaneKind::PhysicalEvidence => CardColour::Purple,
            LaneKind::Frontstage => CardColour::Blue,
            LaneKind::Backstage
            | LaneKind::SupportProcesses
            | LaneKind::Data
            | LaneKind::Custom => CardColour::Grey,
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
    /// Whose feelings a feelings lane holds (a B2B decision maker, a user, a segment): with
    /// several feelings lanes each draws its own curve, named after this persona. A persona
    /// that is no longer linked to the journey is ignored (the lane's title names the curve).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub persona_id: Option<String>,
}
