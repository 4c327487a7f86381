//! Journey templates from Dutch practice, each in Dutch and English: phases, lanes and a hint per
//! lane (the prompt printed faintly in the empty cells of a workshop canvas).

use serde::Serialize;

use crate::model::order;
use crate::model::*;

mod defs;
mod sample;

use defs::*;
pub use sample::sample;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TemplateError {
    #[error("unknown template {0:?}; run `klantreis templates` to list them")]
    Unknown(String),
}

/// A template as listed to users.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    /// Phase names, for a preview.
    pub phases: Vec<&'static str>,
    /// Lane titles, for a preview.
    pub lanes: Vec<&'static str>,
    /// An example goal, shown in the empty goal field of a journey made from this template:
    /// an example is no goal the team set, so it is not put in the journey (the workshop's
    /// first step would count it as done before the workshop began).
    pub goal_example: &'static str,
}

/// (Dutch, English)
pub(super) type T2 = (&'static str, &'static str);

pub(super) struct LaneDef {
    pub(super) kind: LaneKind,
    pub(super) title: T2,
    pub(super) hint: T2,
}

pub(super) struct PhaseDef {
    pub(super) name: T2,
    pub(super) duration: Option<T2>,
}

pub(super) struct Def {
    pub(super) id: &'static str,
    pub(super) name: T2,
    pub(super) description: T2,
    pub(super) goal: T2,
    pub(super) phases: Vec<PhaseDef>,
    pub(super) lanes: Vec<LaneDef>,
    pub(super) data: bool,
}

pub(super) fn pick(t: T2, lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => t.0,
        Lang::En => t.1,
    }
}

/// The standard (title, hint) of a lane of `kind` in `lang`; `None` for a custom lane.
pub fn standard_lane(kind: LaneKind, lang: Lang) -> Option<(&'static str, &'static str)> {
    let def = match kind {
        LaneKind::Actions => ACTIONS,
        LaneKind::Touchpoints => TOUCHPOINTS,
        LaneKind::Channels => CHANNELS,
        LaneKind::Thoughts => THOUGHTS,
        LaneKind::Feelings => FEELINGS,
        LaneKind::PainPoints => PAIN,
        LaneKind::Opportunities => OPPORTUNITIES,
        LaneKind::ImpactMoments => IMPACT,
        LaneKind::PhysicalEvidence => EVIDENCE,
        LaneKind::Frontstage => FRONTSTAGE,
        LaneKind::Backstage => BACKSTAGE,
        LaneKind::SupportProcesses => SUPPORT,
        LaneKind::Data => DATA,
        LaneKind::Custom => return None,
    };
    Some((pick(def.0, lang), pick(def.1, lang)))
}

/// The kind of lane a title names, when it is a standard title in Dutch or English (case and
/// surrounding space aside): what an import uses for lanes it has only a title for.
pub fn kind_of_title(title: &str) -> Option<LaneKind> {
    let t = title.trim().to_lowercase();
    LaneKind::ALL.into_iter().find(|&k| {
        [Lang::Nl, Lang::En]
            .into_iter()
            .any(|lang| standard_lane(k, lang).is_some_and(|(s, _)| s.to_lowercase() == t))
    })
}

/// The templates, named in `lang`.
pub fn list(lang: Lang) -> Vec<TemplateInfo> {
    defs()
        .into_iter()
        .map(|d| TemplateInfo {
            id: d.id,
            name: pick(d.name, lang),
            description: pick(d.description, lang),
            phases: d.phases.iter().map(|p| pick(p.name, lang)).collect(),
            lanes: d.lanes.iter().map(|l| pick(l.title, lang)).collect(),
            goal_example: pick(d.goal, lang),
        })
        .collect()
}

/// Ids of all templates.
pub fn ids() -> Vec<&'static str> {
    defs().into_iter().map(|d| d.id).collect()
}

/// A new journey from template `id` in `lang`, with fresh ids. `title` defaults to the
/// template's name.
pub fn build(id: &str, lang: Lang, title: Option<&str>) -> Result<Journey, TemplateError> {
    let d = defs()
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| TemplateError::Unknown(id.to_string()))?;
    let phase_keys = order::spread(d.phases.len());
    let lane_keys = order::spread(d.lanes.len());
    let mut j = Journey {
        meta: JourneyMeta {
            id: crate::model::ids::new_id("journey"),
            title: title.unwrap_or(pick(d.name, lang)).to_string(),
            // The goal is the team's to set: the template's is an example (`goal_example`).
            language: lang,
            template: Some(d.id.to_string()),
            version: 1,
            ..Default::default()
        },
        ..Default::default()
    };
    for (p, key) in d.phases.iter().zip(phase_keys) {
        j.phases.push(Phase {
            id: crate::model::ids::new_id("phase"),
            order: key,
            name: pick(p.name, lang).to_string(),
            duration: p.duration.map(|t| pick(t, lang).to_string()),
            data: d.data.then(PhaseData::default),
            review: Default::default(),
        });
    }
    for (l, key) in d.lanes.iter().zip(lane_keys) {
        j.lanes.push(Lane {
            id: crate::model::ids::new_id("lane"),
            order: key,
            kind: l.kind,
            title: pick(l.title, lang).to_string(),
            hint: pick(l.hint, lang).to_string(),
            persona_id: None,
        });
    }
    j.sort();
    Ok(j)
}

/// Template `id`'s journey with `n` cards spread over its cells: the i-th in phase i mod phases
/// and in lane (i / phases) mod lanes, saying `text(i)`. A large map in one call, for the
/// benchmarks and for the tests that need one (`benches/common`, `src/session/tests.rs`).
pub fn filled(
    id: &str,
    lang: Lang,
    title: &str,
    n: usize,
    text: impl Fn(usize) -> String,
) -> Result<Journey, TemplateError> {
    let mut j = build(id, lang, Some(title))?;
    for (i, key) in order::spread(n).into_iter().enumerate() {
        let phase = j.phases[i % j.phases.len()].id.clone();
        let lane = j.lanes[(i / j.phases.len()) % j.lanes.len()].id.clone();
        j.cards.push(Card::new(
            crate::model::ids::new_id("card"),
            phase,
            lane,
            key,
            text(i),
        ));
    }
    Ok(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_builds_valid_journeys_in_both_languages() {
        for id in ids() {
            for lang in [Lang::Nl, Lang::En] {
                let j = build(id, lang, None).expect("template builds");
                j.validate().expect("valid");
                assert!(j.phases.len() >= 5, "{id}: phases");
                assert!(j.lanes.len() >= 3, "{id}: lanes");
                assert!(j.lanes.iter().all(|l| !l.hint.is_empty()), "{id}: hints");
                assert!(
                    j.meta.goal.is_empty(),
                    "{id}: the goal is the team's to set"
                );
                let info = list(lang).into_iter().find(|t| t.id == id).expect("listed");
                assert!(!info.goal_example.is_empty(), "{id}: an example goal");
            }
        }
        let nl = build("five-stages", Lang::Nl, None).expect("builds");
        let names: Vec<_> = nl.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Bekendheid",
                "Overweging",
                "Beslissing",
                "Retentie",
                "Ambassadeurschap"
            ]
        );
        assert_eq!(
            build("nope", Lang::Nl, None),
            Err(TemplateError::Unknown("nope".into()))
        );
    }

    #[test]
    fn sample_is_valid() {
        for lang in [Lang::Nl, Lang::En] {
            let (j, _) = sample(lang);
            j.validate().expect("valid");
            assert!(j.cards.len() > 20);
            assert!(j.cards.iter().any(|c| c.emotion.is_some()));
        }
    }

    #[test]
    fn a_filled_template_spreads_its_cards_over_every_cell_in_order() {
        let j =
            filled("five-stages", Lang::En, "Big", 120, |i| format!("Card {i}")).expect("builds");
        j.validate().expect("valid");
        assert_eq!(j.cards.len(), 120);
        let cells: std::collections::HashSet<_> =
            j.cards.iter().map(|c| (&c.phase_id, &c.lane_id)).collect();
        assert_eq!(
            cells.len(),
            j.phases.len() * j.lanes.len().min(120 / j.phases.len())
        );
        let keys: Vec<_> = j.cards.iter().map(|c| c.order.clone()).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "order keys ascend");
        assert_eq!(j.cards[7].text, "Card 7");
        assert_eq!(j.cards[7].phase_id, j.phases[7 % j.phases.len()].id);
    }
}
