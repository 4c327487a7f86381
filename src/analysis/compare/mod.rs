//! Comparing two journeys: as-is against to-be, ours against a competitor's, one segment
//! against another, a version against today.
//!
//! Journey `a` is the reference and `b` the one measured against it: "better" means `b` is
//! better than `a` (the to-be journey, the competitor, the newer version).
//!
//! Invariants:
//! - phases are paired by [`pair_phases`]: first the pairs the team made by hand (kept in the
//!   journey, `JourneyMeta::phase_matches`), then by name, ignoring case and spacing; each
//!   phase is in at most one pair, and a phase without a partner is listed on its own side;
//! - every figure comes from the analysis of each journey on its own ([`super::emotion`],
//!   [`super::pain`], [`super::funnel`]), so the comparison and the insights of either journey
//!   agree; cards are compared by their text (case and spacing ignored), as a multiset, per
//!   pair of phases: two identical notes on one side and one on the other leave one "only";
//! - differences are `b − a`; the funnel is put side by side only where both phases have data.

mod pairs;
#[cfg(test)]
mod tests;

use serde::Serialize;

use super::emotion::{curve, figures, PhaseEmotion};
use super::format::num;
use super::funnel::{funnel, PhaseFunnel};
use super::pain::pain;
use crate::model::{Card, Journey, Lang};

pub use pairs::{pair_phases, same_name, MatchedBy, PhasePair};

/// A phase of one of the two journeys.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhaseRef {
    pub id: String,
    pub name: String,
}

/// Lowest and mean emotion of one phase of one journey.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EmotionSide {
    /// Moments (cards with an emotion) in the phase.
    pub moments: usize,
    pub lowest: Option<i8>,
    pub mean: Option<f64>,
    /// The emotions in curve order (what the comparison chart draws).
    pub points: Vec<i8>,
}

/// A card on one side only.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CardRef {
    pub id: String,
    pub text: String,
    pub lane_id: String,
}

/// The funnel figures of both phases of a pair (only where both have data).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FunnelPair {
    pub a: PhaseFunnel,
    pub b: PhaseFunnel,
}

/// One row of the comparison: a pair of phases, or a phase on one side only.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhaseComparison {
    pub phase_a: Option<PhaseRef>,
    pub phase_b: Option<PhaseRef>,
    pub matched_by: MatchedBy,
    pub emotion_a: EmotionSide,
    pub emotion_b: EmotionSide,
    /// `b − a` of the lowest emotion, when both phases have one.
    pub lowest_diff: Option<i8>,
    /// `b − a` of the mean emotion, when both phases have one.
    pub mean_diff: Option<f64>,
    /// Cards (by text) only in `a`'s phase, or only in `b`'s.
    pub only_a: Vec<CardRef>,
    pub only_b: Vec<CardRef>,
    /// Pain points (cards in pain-points lanes) only on one side, by text.
    pub pain_only_a: Vec<CardRef>,
    pub pain_only_b: Vec<CardRef>,
    /// Impact moments (flagged cards) only on one side, by text.
    pub impact_only_a: Vec<CardRef>,
    pub impact_only_b: Vec<CardRef>,
    pub funnel: Option<FunnelPair>,
}

/// What a change in the summary is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Measure {
    LowestEmotion,
    MeanEmotion,
    PainPoints,
    DropOff,
    Conversion,
}

/// One thing that got better or worse, with the figures on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    pub measure: Measure,
    /// The phase (its name in `a`, else in `b`); absent for the whole journey.
    pub phase: Option<String>,
    pub a: f64,
    pub b: f64,
    /// The change in words (in `a`'s language).
    pub message: String,
}

/// Two journeys side by side (the `klantreis compare --json` form).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison {
    pub journey_a: String,
    pub title_a: String,
    pub journey_b: String,
    pub title_b: String,
    pub language: Lang,
    pub phases: Vec<PhaseComparison>,
    /// Overall conversion of each funnel (percent), when both have one.
    pub conversion_a: Option<f64>,
    pub conversion_b: Option<f64>,
    /// What is better in `b` than in `a`, and what is worse; in phase order.
    pub better: Vec<Change>,
    pub worse: Vec<Change>,
}

/// Text as cards are compared: trimmed, lower case, inner spacing as single spaces.
pub fn norm(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn card_ref(c: &Card) -> CardRef {
    CardRef {
        id: c.id.clone(),
        text: c.text.clone(),
        lane_id: c.lane_id.clone(),
    }
}

/// The cards of `xs` whose text `ys` does not have (as a multiset: each card of `ys` answers
/// for one card of `xs`).
fn only<'a>(xs: &[&'a Card], ys: &[&Card]) -> Vec<&'a Card> {
    let mut left: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for c in ys {
        *left.entry(norm(&c.text)).or_default() += 1;
    }
    xs.iter()
        .copied()
        .filter(|c| {
            let n = left.entry(norm(&c.text)).or_default();
            if *n > 0 {
                *n -= 1;
                false
            } else {
                true
            }
        })
        .collect()
}

/// What one journey brings to the comparison, computed once.
struct Side<'a> {
    j: &'a Journey,
    emotion: Vec<PhaseEmotion>,
    points: Vec<Vec<i8>>,
    funnel: super::funnel::Funnel,
    pain: std::collections::HashSet<String>,
    /// Cards per phase, in map order.
    cards: Vec<Vec<&'a Card>>,
}

impl<'a> Side<'a> {
    fn new(j: &'a Journey) -> Side<'a> {
        let pts = curve(j, None);
        let mut points = vec![Vec::new(); j.phases.len()];
        for p in &pts {
            points[p.phase_index].push(p.emotion);
        }
        let emotion = figures(j, &pts).phases;
        let (funnel, _) = funnel(j);
        let pain = pain(j, &funnel)
            .phases
            .into_iter()
            .flat_map(|p| p.pain_points)
            .collect();
        let ix = j.phase_index();
        let mut cards = vec![Vec::new(); j.phases.len()];
        for c in &j.cards {
            if let Some(&i) = ix.get(c.phase_id.as_str()) {
                cards[i].push(c);
            }
        }
        Side {
            j,
            emotion,
            points,
            funnel,
            pain,
            cards,
        }
    }

    fn emotion(&self, i: Option<usize>) -> EmotionSide {
        let Some(i) = i else {
            return EmotionSide::default();
        };
        let e = &self.emotion[i];
        EmotionSide {
            moments: e.moments,
            lowest: e.lowest.as_ref().map(|m| m.emotion),
            mean: e.mean,
            points: self.points[i].clone(),
        }
    }

    fn cards(&self, i: Option<usize>) -> &[&'a Card] {
        i.map_or(&[], |i| &self.cards[i])
    }

    fn pain_cards(&self, i: Option<usize>) -> Vec<&'a Card> {
        self.cards(i)
            .iter()
            .copied()
            .filter(|c| self.pain.contains(&c.id))
            .collect()
    }

    fn impact_cards(&self, i: Option<usize>) -> Vec<&'a Card> {
        self.cards(i).iter().copied().filter(|c| c.impact).collect()
    }

    fn phase(&self, i: Option<usize>) -> Option<PhaseRef> {
        i.map(|i| PhaseRef {
            id: self.j.phases[i].id.clone(),
            name: self.j.phases[i].name.clone(),
        })
    }

    fn funnel_has_data(&self, i: usize) -> Option<&PhaseFunnel> {
        self.funnel
            .phases
            .get(i)
            .filter(|f| f.customers_in.is_some() || f.drop_off_pct.is_some())
    }
}

fn refs(cs: Vec<&Card>) -> Vec<CardRef> {
    cs.into_iter().map(card_ref).collect()
}

/// Compares `a` (the reference) with `b`; `manual` pairs phase ids of `a` with phase ids of
/// `b` by hand (pairs naming a phase that is not there are ignored).
pub fn compare(a: &Journey, b: &Journey, manual: &[(String, String)]) -> Comparison {
    let sa = Side::new(a);
    let sb = Side::new(b);
    let lang = a.meta.language;
    let mut phases = Vec::new();
    let mut better = Vec::new();
    let mut worse = Vec::new();
    for pair in pair_phases(a, b, manual) {
        let (ia, ib) = (pair.a, pair.b);
        let emotion_a = sa.emotion(ia);
        let emotion_b = sb.emotion(ib);
        let lowest_diff = emotion_a.lowest.zip(emotion_b.lowest).map(|(x, y)| y - x);
        let mean_diff = emotion_a.mean.zip(emotion_b.mean).map(|(x, y)| y - x);
        let funnel = ia.zip(ib).and_then(|(x, y)| {
            Some(FunnelPair {
                a: sa.funnel_has_data(x)?.clone(),
                b: sb.funnel_has_data(y)?.clone(),
            })
        });
        let (pa, pb) = (sa.pain_cards(ia), sb.pain_cards(ib));
        let (ma, mb) = (sa.impact_cards(ia), sb.impact_cards(ib));
        let row = PhaseComparison {
            phase_a: sa.phase(ia),
            phase_b: sb.phase(ib),
            matched_by: pair.by,
            lowest_diff,
            mean_diff,
            only_a: refs(only(sa.cards(ia), sb.cards(ib))),
            only_b: refs(only(sb.cards(ib), sa.cards(ia))),
            pain_only_a: refs(only(&pa, &pb)),
            pain_only_b: refs(only(&pb, &pa)),
            impact_only_a: refs(only(&ma, &mb)),
            impact_only_b: refs(only(&mb, &ma)),
            funnel,
            emotion_a,
            emotion_b,
        };
        if ia.is_some() && ib.is_some() {
            changes(&row, pa.len(), pb.len(), lang, &mut better, &mut worse);
        }
        phases.push(row);
    }
    let conversion_a = sa.funnel.conversion;
    let conversion_b = sb.funnel.conversion;
    if let (Some(x), Some(y)) = (conversion_a, conversion_b) {
        let words = match lang {
            Lang::Nl => "conversie",
            Lang::En => "conversion",
        };
        let c = Change {
            measure: Measure::Conversion,
            phase: None,
            a: x,
            b: y,
            message: format!("{words} {} % → {} %", num(x, 1, lang), num(y, 1, lang)),
        };
        push_change(c, y - x, &mut better, &mut worse);
    }
    Comparison {
        journey_a: a.meta.id.clone(),
        title_a: a.meta.title.clone(),
        journey_b: b.meta.id.clone(),
        title_b: b.meta.title.clone(),
        language: lang,
        phases,
        conversion_a,
        conversion_b,
        better,
        worse,
    }
}

/// Files a change under better (`gain > 0`) or worse (`gain < 0`); no change, no entry.
fn push_change(c: Change, gain: f64, better: &mut Vec<Change>, worse: &mut Vec<Change>) {
    if gain > 1e-9 {
        better.push(c);
    } else if gain < -1e-9 {
        worse.push(c);
    }
}

/// The changes of one pair of phases: emotions up are better, pain points and drop-off down.
fn changes(
    row: &PhaseComparison,
    pain_a: usize,
    pain_b: usize,
    lang: Lang,
    better: &mut Vec<Change>,
    worse: &mut Vec<Change>,
) {
    let phase = row
        .phase_a
        .as_ref()
        .or(row.phase_b.as_ref())
        .map(|p| p.name.clone());
    let name = phase.clone().unwrap_or_default();
    let mk = |measure, a: f64, b: f64, what: &str, unit: &str| Change {
        measure,
        phase: phase.clone(),
        a,
        b,
        message: format!(
            "{name}: {what} {}{unit} → {}{unit}",
            num(a, 1, lang),
            num(b, 1, lang)
        ),
    };
    if let (Some(x), Some(y)) = (row.emotion_a.lowest, row.emotion_b.lowest) {
        let c = mk(
            Measure::LowestEmotion,
            x as f64,
            y as f64,
            lang.pick("laagste emotie", "lowest emotion"),
            "",
        );
        push_change(c, (y - x) as f64, better, worse);
    }
    if let (Some(x), Some(y)) = (row.emotion_a.mean, row.emotion_b.mean) {
        let c = mk(
            Measure::MeanEmotion,
            x,
            y,
            lang.pick("gemiddelde emotie", "mean emotion"),
            "",
        );
        push_change(c, y - x, better, worse);
    }
    if pain_a != pain_b {
        let c = mk(
            Measure::PainPoints,
            pain_a as f64,
            pain_b as f64,
            lang.pick("pijnpunten", "pain points"),
            "",
        );
        push_change(c, pain_a as f64 - pain_b as f64, better, worse);
    }
    if let Some(f) = &row.funnel {
        if let (Some(x), Some(y)) = (f.a.drop_off_pct, f.b.drop_off_pct) {
            let c = mk(
                Measure::DropOff,
                x,
                y,
                lang.pick("uitval", "drop-off"),
                " %",
            );
            push_change(c, x - y, better, worse);
        }
    }
}
