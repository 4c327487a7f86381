//! One print request → one file: the layout options, the exporter, the atomic write and the
//! version a print keeps, shared by the desktop app's print dialog and the command line so both
//! print the same thing: [`export`] is the one use case both call.
//!
//! Invariant: the target file is either left as it was or replaced whole (written beside it
//! and renamed), so a failed or cancelled export never leaves half a PDF.
//!
//! A blank canvas carries registration marks and a code (`marks`, `code`) so a photo of the
//! filled wall can be read back (`crate::scan`); they are drawn here and read there, so they
//! live on this floor and the reader imports them from below.

pub mod code;
pub mod compare;
pub mod marks;
pub mod versions;
mod workshop;

pub use workshop::{render_workshop_report, StepTime, WorkshopReportRequest};

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::export::{pdf, svg, tile};
use crate::layout::{self, Mm, Mode, Orientation, Paper, Scene};
use crate::model::{Journey, Persona, Workspace};
use crate::store::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Pdf,
    Svg,
}

/// What the print dialog (or `klantreis pdf`) asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrintRequest {
    pub paper: Paper,
    pub orientation: Orientation,
    /// An empty workshop canvas instead of the filled map.
    pub blank: bool,
    /// Split the page over these sheets (A4 or A3) as a poster.
    pub tile: Option<Paper>,
    /// Overlap between neighbouring sheets, in mm.
    pub overlap_mm: f32,
    pub format: Format,
    /// Add the insights report (`layout::report`) as pages after the map: A3 when the poster
    /// is tiled on A3 sheets, else A4. PDF only (an SVG is one page).
    #[serde(default)]
    pub report: bool,
    /// The print kit for a workshop: the blank canvas with a legend per lane (its guiding
    /// question and note colour), then a persona sheet per persona and the parking-lot sheet
    /// (A3 when tiled on A3, else A4). Implies `blank`. Tiled sheets carry a scale bar whether
    /// or not this is set.
    #[serde(default)]
    pub kit: bool,
    /// Written for a print shop: PDF/X-4 (or X-1a), CMYK on FOGRA39, with a bleed
    /// (`export::pdf::PrintShop`, docs/printing.md). PDF only.
    #[serde(default)]
    pub print_shop: Option<pdf::PrintShop>,
}

impl Default for PrintRequest {
    fn default() -> Self {
        PrintRequest {
            paper: Paper::A0,
            orientation: Orientation::Landscape,
            blank: false,
            tile: None,
            overlap_mm: 10.0,
            format: Format::Pdf,
            report: false,
            kit: false,
            print_shop: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("no journey with id {0:?}")]
    NoJourney(String),
    #[error("tiles are printed on A4 or A3 sheets, not {0}")]
    TileSheet(&'static str),
    #[error(transparent)]
    Tile(#[from] tile::TileError),
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    #[error("{0}")]
    Preflight(String),
    #[error("{path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// The finished file's contents.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Layout and exporter warnings, for the user.
    pub warnings: Vec<String>,
}

/// Today's date for the footer stamp (the layout itself never reads the clock).
pub fn today() -> String {
    crate::model::ids::now_rfc3339().chars().take(10).collect()
}

/// Lays out journey `id` as the request asks.
pub fn scene(ws: &Workspace, id: &str, req: &PrintRequest) -> Result<Scene, PrintError> {
    let journey = ws
        .journey(id)
        .ok_or_else(|| PrintError::NoJourney(id.to_string()))?;
    Ok(scene_of(journey, &ws.personas, req))
}

/// Journey `id` of `ws` laid out for `req` as keyed groups (docs/scene.md): what the session
/// sends the screen. Its [`Scene::flatten`] is [`scene`].
pub fn scene_keyed(ws: &Workspace, id: &str, req: &PrintRequest) -> Result<Scene, PrintError> {
    let journey = ws
        .journey(id)
        .ok_or_else(|| PrintError::NoJourney(id.to_string()))?;
    Ok(layout::layout_keyed(
        journey,
        &ws.personas,
        &layout_options(req),
    ))
}

/// Any journey (one in the document, or a version of it as it was, with the personas it
/// linked then) laid out for `req`: the one path the canvas, the print and a version share.
pub fn scene_of(journey: &Journey, personas: &[Persona], req: &PrintRequest) -> Scene {
    layout::layout(journey, personas, &layout_options(req))
}

/// The layout's options for `req`.
fn layout_options(req: &PrintRequest) -> layout::LayoutOptions {
    // A blank canvas on one sheet keeps its margins free for the scan marks and its code
    // (`marks::single_sheet`): the map never runs under them. The reader lays the
    // printed canvas out through here too, so both agree on every cell.
    let (margin, bottom_room) = if (req.blank || req.kit) && req.tile.is_none() {
        let (pw, ph) = req.paper.oriented(req.orientation);
        let room = marks::single_sheet_room(pw, ph);
        (Some(Mm(room.margin)), Mm(room.bottom))
    } else {
        (None, Mm(0.0))
    };
    layout::LayoutOptions {
        margin,
        bottom_room,
        paper: req.paper,
        orientation: req.orientation,
        mode: if req.blank || req.kit {
            Mode::Blank
        } else {
            Mode::Filled
        },
        printed: Some(today()),
        legend: req.kit,
        ..Default::default()
    }
}

/// The pages of journey `id`'s insights report on `paper` (A3, or A4 for anything else).
pub fn report(ws: &Workspace, id: &str, paper: Paper) -> Result<Vec<Scene>, PrintError> {
    let journey = ws
        .journey(id)
        .ok_or_else(|| PrintError::NoJourney(id.to_string()))?;
    let ins = crate::analysis::insights(journey);
    let opts = layout::report::ReportOptions {
        paper,
        lang: None,
        printed: Some(today()),
    };
    Ok(layout::report::report(journey, &ins, &opts).pages)
}

/// The print kit's persona sheets for journey `id` (see [`PrintRequest::kit`]).
pub fn persona_sheets(ws: &Workspace, id: &str, paper: Paper) -> Result<Vec<Scene>, PrintError> {
    let journey = ws
        .journey(id)
        .ok_or_else(|| PrintError::NoJourney(id.to_string()))?;
    Ok(layout::persona_sheets(
        journey,
        &ws.personas,
        paper,
        Some(&today()),
    ))
}

/// The print kit's parking-lot sheet for journey `id`: ruled lists for open questions,
/// decisions and actions, prefilled with the journey's parking lot.
pub fn parking_lot_sheet(ws: &Workspace, id: &str, paper: Paper) -> Result<Vec<Scene>, PrintError> {
    let journey = ws
        .journey(id)
        .ok_or_else(|| PrintError::NoJourney(id.to_string()))?;
    Ok(layout::report::parking::parking_lot_sheet(
        journey,
        paper,
        Some(&today()),
    ))
}

/// The pages a PDF print adds after the map: the kit's persona sheets and parking-lot sheet,
/// then the report.
fn extra_pages(ws: &Workspace, id: &str, req: &PrintRequest) -> Result<Vec<Scene>, PrintError> {
    let mut extra = Vec::new();
    if req.kit {
        extra.extend(persona_sheets(ws, id, report_paper(req))?);
        extra.extend(parking_lot_sheet(ws, id, report_paper(req))?);
    }
    if req.report {
        extra.extend(report(ws, id, report_paper(req))?);
    }
    Ok(extra)
}

/// The paper of the report pages and persona sheets added to a map print: the tile sheet
/// when it is A3 (one printer, one paper), else A4.
fn report_paper(req: &PrintRequest) -> Paper {
    match req.tile {
        Some(Paper::A3) => Paper::A3,
        _ => Paper::A4,
    }
}

/// Journey `id`'s insights report alone, as a PDF (`klantreis report`).
pub fn render_report(doc: &Document, id: &str, paper: Paper) -> Result<Rendered, PrintError> {
    let ws = doc.workspace();
    let pages = report(ws, id, paper)?;
    let journey = ws
        .journey(id)
        .ok_or_else(|| PrintError::NoJourney(id.to_string()))?;
    let meta = pdf::PdfMeta {
        title: journey.meta.title.clone(),
        lang: journey.meta.language,
        print_shop: None,
    };
    let refs: Vec<&Scene> = pages.iter().collect();
    let out = pdf::to_pdf_pages(&refs, &meta, None)?;
    let mut warnings = scene_warnings(&pages);
    warnings.extend(out.warnings);
    Ok(Rendered {
        bytes: out.bytes,
        pages: out.pages,
        warnings,
    })
}

/// What the preflight finds in the PDF that `req` would write for journey `id` (the print
/// dialog shows it before saving), in `lang`. The file is rendered in memory, not written.
pub fn preflight(
    doc: &Document,
    id: &str,
    req: &PrintRequest,
    lang: crate::model::Lang,
) -> Result<crate::preflight::Report, PrintError> {
    let req = PrintRequest {
        format: Format::Pdf,
        ..req.clone()
    };
    let rendered = render(doc, id, &req, &mut |_| {})?;
    crate::preflight::check(&rendered.bytes, lang).map_err(|e| PrintError::Preflight(e.to_string()))
}

/// The distinct warnings of several pages (the same missing glyph is reported once).
fn scene_warnings(pages: &[Scene]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in pages.iter().flat_map(|p| &p.warnings) {
        let m = w.message().to_string();
        if !out.contains(&m) {
            out.push(m);
        }
    }
    out
}

/// Renders journey `id` to PDF or SVG bytes; `progress` hears 0 … 1 as the work advances.
pub fn render(
    doc: &Document,
    id: &str,
    req: &PrintRequest,
    progress: &mut dyn FnMut(f32),
) -> Result<Rendered, PrintError> {
    progress(0.05);
    let ws = doc.workspace();
    let mut scene = scene(ws, id, req)?;
    let version = ws.journey(id).map(|j| j.meta.version).unwrap_or(0);
    // A blank canvas on one sheet carries its scan marks and code (`marks`), so
    // a photo of the filled wall can be read back; a tiled one gets them per sheet below.
    if (req.blank || req.kit) && req.tile.is_none() {
        let geo = marks::single_sheet(scene.width.0, scene.height.0);
        let code = code::CanvasCode::for_print(id, version, req, None);
        scene.items.extend(marks::items(&geo, &code));
    }
    progress(0.3);
    let mut warnings: Vec<String> = scene
        .warnings
        .iter()
        .map(|w| w.message().to_string())
        .collect();
    let resolve = |img: &str| doc.image(img).ok().flatten().map(|i| (i.mime, i.data));
    let out = match req.format {
        Format::Svg => Rendered {
            bytes: svg::to_svg(&scene, Some(&resolve)).into_bytes(),
            pages: 1,
            warnings: Vec::new(),
        },
        Format::Pdf => {
            let journey = ws
                .journey(id)
                .ok_or_else(|| PrintError::NoJourney(id.to_string()))?;
            let meta = pdf::PdfMeta {
                title: journey.meta.title.clone(),
                lang: journey.meta.language,
                print_shop: req.print_shop,
            };
            let extra = extra_pages(ws, id, req)?;
            warnings.extend(scene_warnings(&extra));
            let extra: Vec<&Scene> = extra.iter().collect();
            let pdf = match req.tile {
                None => {
                    let mut all = vec![&scene];
                    all.extend(extra.iter().copied());
                    pdf::to_pdf_pages(&all, &meta, Some(&resolve))?
                }
                Some(sheet) => {
                    if !matches!(sheet, Paper::A4 | Paper::A3) {
                        return Err(PrintError::TileSheet(sheet.name()));
                    }
                    let opts = tile::TileOptions {
                        sheet,
                        overlap: Mm(req.overlap_mm),
                        ..Default::default()
                    };
                    let marks = |g: &tile::Grid, r: usize, c: usize| {
                        if !(req.blank || req.kit) {
                            return Vec::new();
                        }
                        let place = code::SheetPlace {
                            col: c as u32,
                            row: r as u32,
                            cols: g.cols as u32,
                            rows: g.rows as u32,
                        };
                        let code = code::CanvasCode::for_print(id, version, req, Some(place));
                        marks::items(&marks::tile_sheet(g), &code)
                    };
                    pdf::to_tiled_pdf_with(&scene, &meta, Some(&resolve), &opts, &extra, &marks)?
                }
            };
            Rendered {
                bytes: pdf.bytes,
                pages: pdf.pages,
                warnings: pdf.warnings,
            }
        }
    };
    progress(0.9);
    warnings.extend(out.warnings);
    Ok(Rendered { warnings, ..out })
}

/// What an exported file shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job<'a> {
    /// Journey `id` as the request asks: the map or the blank canvas, with the kit's persona
    /// sheets and the insights report when asked. Keeps a version of the journey.
    Journey(&'a str),
    /// Journeys `a` and `b` side by side on one page (always a PDF). Keeps no version: the
    /// page stands for two journeys, and either may itself be a version.
    Compare { a: &'a str, b: &'a str },
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub pages: usize,
    pub bytes: usize,
    /// Layout and exporter warnings, and a version that could not be kept, for the user.
    pub warnings: Vec<String>,
}

/// The one print use case of the app and the command line: renders `job` as `req` asks,
/// writes it to `path` whole ([`write_atomic`]) and keeps the version of the journey it shows
/// ([`versions::snapshot_export`], "A0 printed 3 Dec"), so the map on the wall can be found
/// again. A version that cannot be kept is a warning, never a failed export: the file is
/// already written. `progress` hears 0 … 1 as the work advances.
pub fn export(
    doc: &Document,
    job: Job<'_>,
    req: &PrintRequest,
    path: &Path,
    progress: &mut dyn FnMut(f32),
) -> Result<Exported, PrintError> {
    let rendered = match job {
        Job::Journey(id) => render(doc, id, req, progress)?,
        Job::Compare { a, b } => compare::render_pdf(doc.workspace(), a, b, req)?,
    };
    write_atomic(path, &rendered.bytes)?;
    let mut warnings = rendered.warnings;
    if let Job::Journey(id) = job {
        if let Err(e) = versions::snapshot_export(doc, id, req) {
            warnings.push(format!("the printed version was not kept: {e}"));
        }
    }
    progress(1.0);
    Ok(Exported {
        pages: rendered.pages,
        bytes: rendered.bytes.len(),
        warnings,
    })
}

/// Writes `bytes` to `path` whole: a temporary file beside it, fsync, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), PrintError> {
    let err = |source| PrintError::Write {
        path: path.display().to_string(),
        source,
    };
    let tmp = crate::store::temp::temp_sibling(path);
    let result = (|| {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(())
}

/// What the print dialog shows before printing: the page, and where each sheet of a tiled
/// poster falls on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrintPreview {
    pub scene: Scene,
    /// The printable part of each sheet on the page, row by row (empty when not tiled).
    pub sheets: Vec<layout::Rect>,
    /// Pages in the file (a tiled poster adds an assembly overview page; the insights report
    /// its own pages).
    pub pages: u32,
}

/// The preview for the print dialog.
pub fn preview(ws: &Workspace, id: &str, req: &PrintRequest) -> Result<PrintPreview, PrintError> {
    let scene = scene(ws, id, req)?;
    let mut sheets = Vec::new();
    let mut pages = 1;
    if let Some(sheet) = req.tile {
        if !matches!(sheet, Paper::A4 | Paper::A3) {
            return Err(PrintError::TileSheet(sheet.name()));
        }
        let opts = tile::TileOptions {
            sheet,
            overlap: Mm(req.overlap_mm),
            ..Default::default()
        };
        let g = tile::grid(scene.width.0, scene.height.0, &opts)?;
        for r in 0..g.rows {
            for c in 0..g.cols {
                // `offset` moves the poster onto the sheet; the sheet's printable area shows
                // the poster from (margin - offset).
                let (dx, dy) = g.offset(r, c);
                sheets.push(layout::Rect::new(
                    g.margin - dx,
                    g.margin - dy,
                    g.print_w,
                    g.print_h,
                ));
            }
        }
        pages = u32::try_from(g.tiles() + 1).unwrap_or(u32::MAX);
    }
    if req.format == Format::Pdf {
        let n = extra_pages(ws, id, req)?.len();
        pages = pages.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
    }
    Ok(PrintPreview {
        scene,
        sheets,
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn tiled_preview_covers_the_page_and_counts_the_overview() {
        let (j, p) = crate::templates::sample(Lang::Nl);
        let ws = Workspace {
            personas: vec![p],
            journeys: vec![j.clone()],
        };
        let req = PrintRequest {
            tile: Some(Paper::A4),
            ..Default::default()
        };
        let pv = preview(&ws, &j.meta.id, &req).expect("preview");
        assert!(pv.sheets.len() > 4, "A0 on A4 needs many sheets");
        assert_eq!(pv.pages as usize, pv.sheets.len() + 1);
        let right = pv.sheets.iter().map(|r| r.right()).fold(0.0, f32::max);
        let bottom = pv.sheets.iter().map(|r| r.bottom()).fold(0.0, f32::max);
        assert!(
            right >= pv.scene.width.0 && bottom >= pv.scene.height.0,
            "sheets cover the page"
        );
        let plain = preview(&ws, &j.meta.id, &PrintRequest::default()).expect("preview");
        assert!(plain.sheets.is_empty());
        assert_eq!(plain.pages, 1);
        assert!(matches!(
            preview(&ws, "journey_nope", &req),
            Err(PrintError::NoJourney(_))
        ));
    }
}
