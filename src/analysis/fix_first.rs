//! Fix first: one ranked list that joins the other analyses, each line saying why it is there.
//!
//! What goes in, and its score (a count a reader can redo; higher is more urgent):
//! - a trough below neutral: 2 + its distance from neutral (each feelings lane's own trough too);
//! - the three steepest falls of two steps or more between consecutive moments: the steps it
//!   falls;
//!   a moment that is both the trough and the end of a steep fall is one line with both scores;
//!   either way + ½ per pain point in the moment's phase (the pain points are listed with it);
//! - up to three phases that lose customers, most first: 1 + drop-off % ÷ 20;
//! - an impact moment still marked as an assumption: 2, + 1 when its emotion is negative;
//! - a quick-win opportunity: 1 + (value − effort) ÷ 2;
//! - the team's votes: every line gains 5 × its share of all dots given (the dots on its cards
//!   ÷ the dots on all cards), and a card with dots that is on no line yet gets its own line
//!   scored 1 + 5 × its share. A card with every dot thus outweighs anything but a deep trough
//!   with pain points; the analysis still speaks where the team did not vote.
//!
//! Ties keep the order above, then map order, so the list is deterministic.

use std::collections::HashMap;

use serde::Serialize;

use super::emotion::{self, EmotionInsights, Moment};
use super::format::{num, quote};
use super::funnel::Funnel;
use super::opportunities::Matrix;
use super::pain::PainInsights;
use crate::model::{Card, Journey, Lang, Validation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FixKind {
    /// A low point of the emotion curve (trough and/or steep fall).
    Emotion,
    /// A phase that loses many customers.
    Funnel,
    /// An impact moment nobody has checked with customers.
    UnvalidatedImpact,
    /// An opportunity with high value for little effort.
    QuickWin,
    /// A card the team voted for that no other line is about.
    Voted,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FixItem {
    pub kind: FixKind,
    pub phase_id: Option<String>,
    /// The card the line is about first, then related cards (the phase's pain points).
    pub card_ids: Vec<String>,
    pub score: f64,
    /// Why it is on the list (journey language).
    pub why: String,
}

/// Steps a fall must have to count as steep.
const STEEP: i8 = 2;
const MAX_FUNNEL: usize = 3;
const MAX_FALLS: usize = 3;
/// Pain point texts quoted in one line; the rest are counted (all are in `card_ids`).
const MAX_PAIN_TEXTS: usize = 3;

struct Low {
    moment: Moment,
    trough: bool,
    /// Steps of the steepest fall that lands here (0: none).
    fall: i8,
    from: Option<Moment>,
    lane: Option<String>,
}

fn phase_name<'a>(j: &'a Journey, id: &str) -> &'a str {
    j.phase(id).map(|p| p.name.as_str()).unwrap_or("?")
}

fn signed(e: i8) -> String {
    match e {
        e if e > 0 => format!("+{e}"),
        e if e < 0 => format!("−{}", e.unsigned_abs()),
        _ => "0".into(),
    }
}

pub fn fix_first(
    j: &Journey,
    emo: &EmotionInsights,
    pain: &PainInsights,
    funnel: &Funnel,
    matrix: &Matrix,
) -> Vec<FixItem> {
    let lang = j.meta.language;
    let mut items: Vec<FixItem> = Vec::new();

    // Troughs and steep falls, one line per moment.
    let mut lows: Vec<Low> = Vec::new();
    let mut low =
        |m: &Moment, trough: bool, fall: i8, from: Option<&Moment>, lane: Option<&str>| match lows
            .iter_mut()
            .find(|l| l.moment.card_id == m.card_id)
        {
            Some(l) => {
                l.trough |= trough;
                if fall > l.fall {
                    l.fall = fall;
                    l.from = from.cloned();
                }
            }
            None => lows.push(Low {
                moment: m.clone(),
                trough,
                fall,
                from: from.cloned(),
                lane: lane.map(str::to_string),
            }),
        };
    let mut curves: Vec<(Option<&str>, &emotion::CurveFigures)> = vec![(None, &emo.overall)];
    curves.extend(
        emo.lanes
            .iter()
            .map(|l| (Some(l.title.as_str()), &l.figures)),
    );
    for (lane, f) in &curves {
        if let Some(m) = f.trough.as_ref().filter(|m| m.emotion < 0) {
            low(m, true, 0, None, *lane);
        }
    }
    // The steepest falls of the whole curve (two steps or more), at most three: a long list of
    // small dips would bury the breaks that matter.
    let pts = emotion::curve(j, None);
    let mut falls: Vec<(i8, usize)> = pts
        .windows(2)
        .enumerate()
        .map(|(i, w)| (w[0].emotion - w[1].emotion, i))
        .filter(|(drop, _)| *drop >= STEEP)
        .collect();
    // Stable: equal falls keep curve order.
    falls.sort_by_key(|f| std::cmp::Reverse(f.0));
    falls.truncate(MAX_FALLS);
    falls.sort_by_key(|f| f.1);
    for (drop, i) in falls {
        if let (Some(from), Some(to)) = (Moment::of(pts[i].card), Moment::of(pts[i + 1].card)) {
            low(&to, false, drop, Some(&from), None);
        }
    }
    // Only the few pain point texts a line quotes are looked up (a map of every card by id
    // cost more than the rest of the list on a large journey); pain points are in map order,
    // so they are found near the front.
    let by_id: HashMap<&str, &Card> = lows
        .iter()
        .filter_map(|l| pain.phases.iter().find(|p| p.phase_id == l.moment.phase_id))
        .flat_map(|p| p.pain_points.iter().take(MAX_PAIN_TEXTS))
        .filter_map(|id| j.card(id).map(|c| (id.as_str(), c)))
        .collect();
    for l in lows {
        let m = &l.moment;
        let pp = pain
            .phases
            .iter()
            .find(|p| p.phase_id == m.phase_id)
            .map(|p| p.pain_points.clone())
            .unwrap_or_default();
        let mut score = pp.len() as f64 * 0.5;
        let mut why = Vec::new();
        if l.trough {
            score += 2.0 + m.emotion.unsigned_abs() as f64;
            why.push(match (lang, &l.lane) {
                (Lang::Nl, None) => format!("dieptepunt van de curve ({})", signed(m.emotion)),
                (Lang::Nl, Some(t)) => {
                    format!("dieptepunt van {t} ({})", signed(m.emotion))
                }
                (Lang::En, None) => format!("trough of the curve ({})", signed(m.emotion)),
                (Lang::En, Some(t)) => format!("trough of {t} ({})", signed(m.emotion)),
            });
        }
        if l.fall > 0 {
            score += l.fall as f64;
            let from = l
                .from
                .as_ref()
                .map(|f| signed(f.emotion))
                .unwrap_or_default();
            why.push(match lang {
                Lang::Nl => format!(
                    "de beleving zakt {} stappen ({from} → {})",
                    l.fall,
                    signed(m.emotion)
                ),
                Lang::En => format!(
                    "the feeling falls {} steps ({from} → {})",
                    l.fall,
                    signed(m.emotion)
                ),
            });
        }
        if !pp.is_empty() {
            let mut texts: Vec<String> = pp
                .iter()
                .take(MAX_PAIN_TEXTS)
                .filter_map(|id| by_id.get(id.as_str()))
                .map(|c| quote(&c.text))
                .collect();
            if pp.len() > MAX_PAIN_TEXTS {
                texts.push(format!(
                    "{} {}",
                    lang.pick("en nog", "and"),
                    pp.len() - MAX_PAIN_TEXTS
                ));
            }
            why.push(format!(
                "{}: {}",
                lang.pick("pijnpunten hier", "pain points here"),
                texts.join(", ")
            ));
        }
        let mut card_ids = vec![m.card_id.clone()];
        card_ids.extend(pp);
        items.push(FixItem {
            kind: FixKind::Emotion,
            phase_id: Some(m.phase_id.clone()),
            card_ids,
            score,
            why: format!(
                "{} ({}): {}",
                quote(&m.text),
                phase_name(j, &m.phase_id),
                why.join("; ")
            ),
        });
    }

    // Phases that lose customers.
    let mut losers: Vec<_> = funnel
        .phases
        .iter()
        .filter_map(|f| Some((f, f.lost.filter(|l| *l > 0)?, f.drop_off_pct?)))
        .collect();
    losers.sort_by_key(|l| std::cmp::Reverse(l.1));
    for (i, (f, lost, pct)) in losers.into_iter().take(MAX_FUNNEL).enumerate() {
        let most = if i == 0 {
            lang.pick(", de meeste van alle fasen", ", the most of any phase")
        } else {
            ""
        };
        items.push(FixItem {
            kind: FixKind::Funnel,
            phase_id: Some(f.phase_id.clone()),
            card_ids: Vec::new(),
            score: 1.0 + pct / 20.0,
            why: match lang {
                Lang::Nl => format!(
                    "{} verliest {lost} klanten ({} % uitval){most}",
                    f.name,
                    num(pct, 1, lang)
                ),
                Lang::En => format!(
                    "{} loses {lost} customers ({} % drop-off){most}",
                    f.name,
                    num(pct, 1, lang)
                ),
            },
        });
    }

    // Impact moments nobody has checked.
    for c in j
        .cards
        .iter()
        .filter(|c| c.impact && c.validation == Validation::Assumption)
    {
        let negative = c.emotion.is_some_and(|e| e < 0);
        items.push(FixItem {
            kind: FixKind::UnvalidatedImpact,
            phase_id: Some(c.phase_id.clone()),
            card_ids: vec![c.id.clone()],
            score: 2.0 + if negative { 1.0 } else { 0.0 },
            why: format!(
                "{} ({}): {}",
                quote(&c.text),
                phase_name(j, &c.phase_id),
                if negative {
                    lang.pick(
                        "impactmoment met een negatieve emotie, nog niet getoetst bij klanten",
                        "impact moment with a negative emotion, not yet checked with customers",
                    )
                } else {
                    lang.pick(
                        "impactmoment, nog niet getoetst bij klanten",
                        "impact moment, not yet checked with customers",
                    )
                }
            ),
        });
    }

    // Quick wins.
    for o in &matrix.quick_wins {
        let (v, e) = (o.value.unwrap_or(0), o.effort.unwrap_or(0));
        items.push(FixItem {
            kind: FixKind::QuickWin,
            phase_id: Some(o.phase_id.clone()),
            card_ids: vec![o.card_id.clone()],
            score: 1.0 + (v as f64 - e as f64) / 2.0,
            why: format!(
                "{} ({}): {} {v}, {} {e}",
                quote(&o.text),
                phase_name(j, &o.phase_id),
                lang.pick("quick win: waarde", "quick win: value"),
                lang.pick("moeite", "effort"),
            ),
        });
    }

    weigh_votes(j, &mut items);
    // Stable: ties keep the order in which the kinds were added, and map order within.
    items.sort_by(|a, b| b.score.total_cmp(&a.score));
    items
}

/// What a line gains per share of all dots: a card with every dot gains 5.
const VOTE_WEIGHT: f64 = 5.0;

/// Adds the team's votes to the lines (see the module docs) and a line for each voted card
/// that no line is about yet.
fn weigh_votes(j: &Journey, items: &mut Vec<FixItem>) {
    let lang = j.meta.language;
    let total: u64 = j.cards.iter().map(|c| u64::from(c.votes)).sum();
    if total == 0 {
        return;
    }
    let dots = |n: u64| match lang {
        Lang::Nl => format!("{n} van de {total} stippen"),
        Lang::En => format!("{n} of {total} dots"),
    };
    let votes_of = |id: &str| j.card(id).map_or(0, |c| u64::from(c.votes));
    for item in items.iter_mut() {
        let n: u64 = item.card_ids.iter().map(|id| votes_of(id.as_str())).sum();
        if n > 0 {
            item.score += VOTE_WEIGHT * n as f64 / total as f64;
            item.why = format!("{}; {}", item.why, dots(n));
        }
    }
    let listed: std::collections::HashSet<String> = items
        .iter()
        .flat_map(|i| i.card_ids.iter().cloned())
        .collect();
    for c in j
        .cards
        .iter()
        .filter(|c| c.votes > 0 && !listed.contains(&c.id))
    {
        let n = u64::from(c.votes);
        items.push(FixItem {
            kind: FixKind::Voted,
            phase_id: Some(c.phase_id.clone()),
            card_ids: vec![c.id.clone()],
            score: 1.0 + VOTE_WEIGHT * n as f64 / total as f64,
            why: format!(
                "{} ({}): {} {}",
                quote(&c.text),
                phase_name(j, &c.phase_id),
                lang.pick("de keuze van het team,", "the team's choice,"),
                dots(n)
            ),
        });
    }
}
