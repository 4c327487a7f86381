//! Short summaries of the journeys in a workspace, for lists (the app's home view, the CLI).
//! Pure functions over the model, so every front end counts the same way.

use serde::Serialize;

use crate::model::{Journey, JourneyState, Lang, Workspace};

/// One journey as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JourneySummary {
    pub id: String,
    pub title: String,
    pub goal: String,
    /// Names of the linked personas, in the journey's order; unknown ids are left out.
    pub personas: Vec<String>,
    pub state: JourneyState,
    pub language: Lang,
    pub template: Option<String>,
    pub phases: u32,
    pub lanes: u32,
    pub cards: u32,
    pub version: u64,
    /// RFC 3339 time of the last change.
    pub updated: String,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Summarises one journey of `ws`.
pub fn summarise(ws: &Workspace, j: &Journey) -> JourneySummary {
    JourneySummary {
        id: j.meta.id.clone(),
        title: j.meta.title.clone(),
        goal: j.meta.goal.clone(),
        personas: j
            .meta
            .persona_ids
            .iter()
            .filter_map(|id| ws.persona(id).map(|p| p.name.clone()))
            .collect(),
        state: j.meta.state,
        language: j.meta.language,
        template: j.meta.template.clone(),
        phases: count(j.phases.len()),
        lanes: count(j.lanes.len()),
        cards: count(j.cards.len()),
        version: j.meta.version,
        updated: j.meta.updated.clone(),
    }
}

/// All journeys, most recently changed first (ties by title, then id, so the order is stable).
pub fn journeys(ws: &Workspace) -> Vec<JourneySummary> {
    let mut out: Vec<JourneySummary> = ws.journeys.iter().map(|j| summarise(ws, j)).collect();
    out.sort_by(|a, b| {
        b.updated
            .cmp(&a.updated)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    #[test]
    fn sample_summary_counts_and_names_the_persona() {
        let (mut j, p) = templates::sample(Lang::En);
        j.meta.persona_ids = vec![p.id.clone(), "persona_gone".into()];
        let ws = Workspace {
            personas: vec![p.clone()],
            journeys: vec![j.clone()],
        };
        let s = &journeys(&ws)[0];
        assert_eq!(s.personas, vec![p.name], "unknown persona ids are left out");
        assert_eq!(s.phases as usize, j.phases.len());
        assert_eq!(s.lanes as usize, j.lanes.len());
        assert_eq!(s.cards as usize, j.cards.len());
        assert!(s.cards > 0, "the sample has cards");
    }

    #[test]
    fn most_recent_first() {
        let mut a = templates::build("five-stages", Lang::En, Some("A")).expect("template");
        let mut b = templates::build("five-stages", Lang::En, Some("B")).expect("template");
        a.meta.updated = "2026-01-01T00:00:00Z".into();
        b.meta.updated = "2026-02-01T00:00:00Z".into();
        let ws = Workspace {
            personas: vec![],
            journeys: vec![a, b],
        };
        let titles: Vec<_> = journeys(&ws).into_iter().map(|s| s.title).collect();
        assert_eq!(titles, ["B", "A"]);
    }
}
