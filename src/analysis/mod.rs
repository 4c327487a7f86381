//! Analysis: what a journey says, computed from the model alone — the emotion curve and
//! peak-end ([`emotion`]), impact moments ([`impact`]), pain per phase ([`pain`]), the funnel
//! and throughput time ([`funnel`], [`duration`]), evidence and the customer safari list
//! ([`evidence`]), the value × effort matrix ([`opportunities`]) and one ranked list of what to
//! fix first ([`fix_first`]); [`insights`] computes them all; `crate::sentences` writes them out as
//! sentences, and [`format`] writes a figure as people read it.
//!
//! Pure functions over `model` types: no store, no layout, no clock. The layout asks this
//! module for its figures and draws the answers, so the map, the CLI and the UI agree. The one
//! import from above `model` is `edit::Edit` as data: a suggested impact moment carries the edit
//! that accepts it.
//!
//! Every figure carries its reasons: the card ids and phase ids it comes from. Sentences meant
//! for people (reasons, warnings) are in the journey's language; Dutch copy is informal.

pub mod compare;
pub mod duration;
pub mod emotion;
pub mod evidence;
pub mod fix_first;
pub mod format;
pub mod funnel;
pub mod impact;
mod index;
pub mod opportunities;
pub mod pain;
pub mod votes;
pub mod workshop;

use serde::Serialize;

use crate::model::{Journey, Lang};

pub use emotion::{curve, most_intense, CurvePoint, EmotionInsights, Moment};
pub use evidence::{EvidenceInsights, SafariItem};
pub use fix_first::FixItem;
pub use funnel::Funnel;
pub use impact::ImpactInsights;
pub use opportunities::Matrix;
pub use pain::PainInsights;
pub use votes::{VoteInsights, VotedCard};

/// What kind of problem a warning reports (stable, for programs; the message is for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    DropOffOutOfRange,
    MoreCustomersThanKept,
    MissingCustomers,
    MissingDropOff,
    UnreadableThroughput,
    ConversionUnknown,
    /// More dots on the cards than the voting round hands out.
    VotesOverBudget,
    /// Fewer dots on the cards than the voting round hands out.
    VotesUnderBudget,
    /// A card with more dots than the round's cap per card.
    VotesOverCap,
}

/// Inconsistent or unreadable data, with the phase it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
// The Scene has a `Warning` of its own; TypeScript has one namespace for both.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "InsightWarning"))]
pub struct Warning {
    pub code: WarningCode,
    pub phase_id: Option<String>,
    pub message: String,
}

impl Warning {
    pub(crate) fn phase(code: WarningCode, phase_id: &str, message: String) -> Warning {
        Warning {
            code,
            phase_id: Some(phase_id.to_string()),
            message,
        }
    }
}

/// Everything the analysis says about one journey (the `klantreis insights --json` form,
/// described in `docs/insights.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Insights {
    pub journey_id: String,
    pub title: String,
    pub language: Lang,
    pub cards: usize,
    pub emotion: EmotionInsights,
    pub impact: ImpactInsights,
    pub pain: PainInsights,
    pub funnel: Funnel,
    pub evidence: EvidenceInsights,
    pub safari: Vec<SafariItem>,
    /// How many items the whole safari list has: `safari.len()`, unless the app asked for its
    /// first items only ([`Insights::safari_shown`]).
    pub safari_total: usize,
    pub opportunities: Matrix,
    pub fix_first: Vec<FixItem>,
    /// The voting round, its budget against the dots given, and the cards by votes.
    pub votes: VoteInsights,
    pub warnings: Vec<Warning>,
}

/// All figures of `j`.
pub fn insights(j: &Journey) -> Insights {
    let emo = emotion::emotion(j);
    let impact = impact::impact(j, &emo);
    let (funnel, mut warnings) = funnel::funnel(j);
    let (votes, vote_warnings) = votes::votes(j);
    warnings.extend(vote_warnings);
    let pain = pain::pain(j, &funnel);
    let evidence = evidence::evidence(j);
    let safari = evidence::safari(j);
    let opportunities = opportunities::opportunities(j);
    let fix_first = fix_first::fix_first(j, &emo, &pain, &funnel, &opportunities);
    Insights {
        journey_id: j.meta.id.clone(),
        title: j.meta.title.clone(),
        language: j.meta.language,
        cards: j.cards.len(),
        emotion: emo,
        impact,
        pain,
        funnel,
        evidence,
        safari_total: safari.len(),
        safari,
        opportunities,
        fix_first,
        votes,
        warnings,
    }
}

impl Insights {
    /// The same figures with only the first `n` items of the safari list. The app's insights
    /// tab shows the first few until the user asks for all; on a 5,000-card map of assumptions
    /// the whole list is 1.3 MB, which every edit would otherwise send again.
    pub fn safari_shown(mut self, n: usize) -> Insights {
        self.safari.truncate(n);
        self
    }
}
