//! The workshop report as a PDF (`klantreis workshop-report`, "Workshop report" in the app):
//! the report's pages (`layout::report::workshop`), then the map fitted to one page.

use serde::{Deserialize, Serialize};

use super::{scene_warnings, today, PrintError, Rendered};
use crate::export::pdf;
use crate::layout::{self, Orientation, Paper, Scene};
use crate::model::Persona;
use crate::store::Document;

/// The seconds the facilitator timer ran on one workshop step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StepTime {
    pub step: crate::analysis::workshop::StepId,
    pub seconds: u64,
}

/// What the workshop report is asked for (`klantreis workshop-report`, "Workshop report" in
/// the app): the paper (A4, or A3), the language (`None`: the journey's) and the timer's times
/// per step (empty when it did not run; the command line has no timer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkshopReportRequest {
    pub paper: Paper,
    #[serde(default)]
    pub lang: Option<crate::model::Lang>,
    #[serde(default)]
    pub step_times: Vec<StepTime>,
}

/// Journey `id`'s workshop report as a PDF: the report's pages, then the map fitted to one
/// landscape page of the same paper (`layout::report::workshop`).
pub fn render_workshop_report(
    doc: &Document,
    id: &str,
    req: &WorkshopReportRequest,
) -> Result<Rendered, PrintError> {
    let ws = doc.workspace();
    let journey = ws
        .journey(id)
        .ok_or_else(|| PrintError::NoJourney(id.to_string()))?;
    let paper = match req.paper {
        Paper::A3 => Paper::A3,
        _ => Paper::A4,
    };
    let personas: Vec<Persona> = ws
        .personas
        .iter()
        .filter(|p| journey.meta.persona_ids.contains(&p.id))
        .cloned()
        .collect();
    let steps = crate::analysis::workshop::steps(journey, &personas);
    let (votes, _) = crate::analysis::votes::votes(journey);
    let times: Vec<_> = req.step_times.iter().map(|t| (t.step, t.seconds)).collect();
    let input = layout::report::workshop::WorkshopInput {
        journey,
        personas: &personas,
        steps: &steps,
        votes: &votes,
        step_times: &times,
    };
    let opts = layout::report::ReportOptions {
        paper,
        lang: req.lang,
        printed: Some(today()),
    };
    let mut pages = layout::report::workshop::workshop_report(&input, &opts);
    let mut map = layout::layout(
        journey,
        &ws.personas,
        &layout::LayoutOptions {
            paper,
            orientation: Orientation::Landscape,
            lang: req.lang,
            printed: Some(today()),
            ..Default::default()
        },
    );
    // Fitted to one page on purpose: the small-text advice (print it larger) is for the map
    // on the wall, not for its picture in a report.
    map.warnings
        .retain(|w| matches!(w, layout::Warning::MissingGlyphs { .. }));
    pages.push(map);
    let meta = pdf::PdfMeta {
        title: journey.meta.title.clone(),
        lang: req.lang.unwrap_or(journey.meta.language),
        print_shop: None,
    };
    let refs: Vec<&Scene> = pages.iter().collect();
    let resolve = |img: &str| doc.image(img).ok().flatten().map(|i| (i.mime, i.data));
    let out = pdf::to_pdf_pages(&refs, &meta, Some(&resolve))?;
    let mut warnings = scene_warnings(&pages);
    warnings.extend(out.warnings);
    Ok(Rendered {
        bytes: out.bytes,
        pages: out.pages,
        warnings,
    })
}
