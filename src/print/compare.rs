//! The comparison of two journeys, for the app and the command line: the figures
//! ([`analysis::compare`], with the phases the team matched by hand) and the printed page
//! (the [`layout::layout_compare`] Scene through the one PDF exporter). Either journey may be
//! a version (a snapshot) of the other: "this version against today".
//!
//! [`analysis::compare`]: crate::analysis::compare
//! [`layout::layout_compare`]: crate::layout::layout_compare

use super::{today, PrintError, PrintRequest, Rendered};
use crate::analysis::compare::{compare, Comparison};
use crate::export::pdf;
use crate::layout::{self, LayoutOptions};
use crate::model::{Journey, Workspace};

fn pair<'a>(ws: &'a Workspace, a: &str, b: &str) -> Result<(&'a Journey, &'a Journey), PrintError> {
    let get = |id: &str| {
        ws.journey(id)
            .ok_or_else(|| PrintError::NoJourney(id.to_string()))
    };
    Ok((get(a)?, get(b)?))
}

/// Journeys `a` and `b` of `ws` compared, with the kept hand matches.
pub fn comparison(ws: &Workspace, a: &str, b: &str) -> Result<Comparison, PrintError> {
    let (ja, jb) = pair(ws, a, b)?;
    Ok(compare(ja, jb, &ja.phase_matches_with(jb)))
}

/// The comparison page of `a` and `b` on the request's paper and orientation.
pub fn scene_of(a: &Journey, b: &Journey, req: &PrintRequest) -> layout::Scene {
    let c = compare(a, b, &a.phase_matches_with(b));
    let opts = LayoutOptions {
        paper: req.paper,
        orientation: req.orientation,
        printed: Some(today()),
        ..LayoutOptions::default()
    };
    layout::layout_compare(a, b, &c, &opts)
}

/// The comparison page of `a` and `b` as a one-page vector PDF.
pub fn pdf_of(a: &Journey, b: &Journey, req: &PrintRequest) -> Result<Rendered, PrintError> {
    let scene = scene_of(a, b, req);
    let meta = pdf::PdfMeta {
        title: format!("{} ↔ {}", a.meta.title, b.meta.title),
        lang: a.meta.language,
        print_shop: None,
    };
    let out = pdf::to_pdf(&scene, &meta, None)?;
    Ok(Rendered {
        bytes: out.bytes,
        pages: out.pages,
        warnings: out.warnings,
    })
}

/// Journeys `a` and `b` of `ws`, compared on paper.
pub fn render_pdf(
    ws: &Workspace,
    a: &str,
    b: &str,
    req: &PrintRequest,
) -> Result<Rendered, PrintError> {
    let (ja, jb) = pair(ws, a, b)?;
    pdf_of(ja, jb, req)
}
