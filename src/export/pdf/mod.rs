//! PDF export of a Scene: one vector page, or a poster tiled over A4/A3 sheets; either with
//! more pages after it (the insights report), each its own Scene.
//!
//! Invariants:
//! - text is real text in embedded, subset TrueType fonts (Noto Sans; Symbola for the
//!   characters Noto lacks), so it can be searched and extracted; each run is drawn with the
//!   face [`Fonts::face_for`](crate::scene::fonts::Fonts::face_for) picked when the layout measured it, and the pen advances by the
//!   embedded widths, which are the advances the layout measured;
//! - the page is exactly the Scene's size (A0 landscape: 3370.39 × 2383.94 pt);
//! - a tiled poster draws the map **once**, as a Form XObject, which every sheet and the
//!   overview reference with their own transform and clip. Redrawing it per sheet would make a
//!   5000-card poster twenty times larger and slower (measured: 22 MB and 8.6 s against
//!   1 MB and 0.7 s; `benches/print-bench.sh`).
//!
//! - the file is compact: a 5000-card A0 map is under half a megabyte (see [`content`]).
//!
//! Division of labour, along typst-pdf's seams: printpdf embeds and subsets the fonts, embeds
//! images and writes the document ([`fonts`], [`assembly`]); the content streams are written
//! here, straight from the Scene ([`content`]). (Going through printpdf's `Op`s cost two
//! thirds of the export time of a 5000-card map.)

mod assembly;
mod cmyk;
mod cmyk_images;
mod content;
mod fonts;
mod printshop;

pub use cmyk::cmyk;
pub use printshop::{PrintShop, MAX_BLEED_MM};

use std::collections::BTreeSet;

use assembly::{build, contents_from, map_to_xobject, save, Placement};

use super::tile::{self, Grid, TileOptions};
use super::ImageResolver;
use crate::model::Lang;
use crate::scene::fonts::Fonts;
use crate::scene::{Item, Scene};
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("{0}")]
    Font(#[from] crate::scene::fonts::FontError),
    #[error("bundled font {0} cannot be embedded")]
    Embed(&'static str),
    #[error("{0}")]
    Tile(#[from] tile::TileError),
    #[error("PDF assembly failed: {0}")]
    Assemble(String),
}

/// A finished PDF.
#[derive(Debug)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Things the user should know beyond the Scene's own warnings (images that could not be
    /// read).
    pub warnings: Vec<String>,
}

/// Document metadata printed into the PDF's info dictionary.
#[derive(Debug, Clone, Default)]
pub struct PdfMeta {
    pub title: String,
    pub lang: Lang,
    /// Written for a print shop (PDF/X, CMYK, bleed) instead of for screens and home printers.
    pub print_shop: Option<PrintShop>,
}

/// Makes a written document a print shop's PDF/X when `meta` asks for one.
fn finish(lo: &mut lopdf::Document, meta: &PdfMeta) -> Result<(), PdfError> {
    match &meta.print_shop {
        Some(shop) => printshop::finish(lo, meta, shop),
        None => Ok(()),
    }
}

/// The Scene as a one-page vector PDF of the Scene's size.
pub fn to_pdf(
    scene: &Scene,
    meta: &PdfMeta,
    images: Option<ImageResolver>,
) -> Result<Pdf, PdfError> {
    let (mut lo, warnings) = build(meta, scene, images, &[])?;
    finish(&mut lo, meta)?;
    Ok(Pdf {
        bytes: save(lo, &BTreeSet::new())?,
        pages: 1,
        warnings,
    })
}

/// Several Scenes as one vector PDF, a page each at its own size: the map with the pages of
/// the insights report after it. Images are drawn on the first page only (the report has
/// none).
pub fn to_pdf_pages(
    pages: &[&Scene],
    meta: &PdfMeta,
    images: Option<ImageResolver>,
) -> Result<Pdf, PdfError> {
    let (first, rest) = pages
        .split_first()
        .ok_or_else(|| PdfError::Assemble("no pages to print".into()))?;
    let rest: Vec<(&[Item], f32, f32)> = rest
        .iter()
        .map(|s| (s.items.as_slice(), s.width.0, s.height.0))
        .collect();
    let (mut lo, warnings) = build(meta, first, images, &rest)?;
    // The pages after the first are the report's: deflated fast.
    let fast = contents_from(&lo, 2);
    finish(&mut lo, meta)?;
    Ok(Pdf {
        bytes: save(lo, &fast)?,
        pages: pages.len(),
        warnings,
    })
}

/// The Scene as a poster tiled over sheets, with an assembly overview as page 1, and the
/// `extra` pages (the insights report) after the sheets, untiled.
pub fn to_tiled_pdf(
    scene: &Scene,
    meta: &PdfMeta,
    images: Option<ImageResolver>,
    opts: &TileOptions,
    extra: &[&Scene],
) -> Result<Pdf, PdfError> {
    to_tiled_pdf_with(scene, meta, images, opts, extra, &|_, _, _| Vec::new())
}

/// [`to_tiled_pdf`] with `sheet_items(grid, row, col)` drawn over each sheet, in the sheet's
/// millimetres (the scan marks and code of a blank canvas, `crate::print::marks`).
pub fn to_tiled_pdf_with(
    scene: &Scene,
    meta: &PdfMeta,
    images: Option<ImageResolver>,
    opts: &TileOptions,
    extra: &[&Scene],
    sheet_items: &dyn Fn(&Grid, usize, usize) -> Vec<Item>,
) -> Result<Pdf, PdfError> {
    let (pw, ph) = (scene.width.0, scene.height.0);
    let g: Grid = tile::grid(pw, ph, opts)?;
    let fonts = Fonts::load()?;
    let measure = |t: &str, b: bool| fonts.width_em(t, b);
    let pages = g.tiles() + 1;
    let (ov_items, thumb) = tile::overview(&g, &meta.title, meta.lang, (pw, ph), &measure);
    let mut sheets: Vec<(Vec<Item>, Placement)> = vec![(
        ov_items,
        Placement {
            clip: thumb,
            scale: thumb.w.0 / pw,
            dx: thumb.x.0,
            dy: thumb.y.0,
        },
    )];
    let mut page = 2;
    for r in 0..g.rows {
        for c in 0..g.cols {
            let (dx, dy) = g.offset(r, c);
            let mut overlay = tile::tile_overlay(
                &g,
                r,
                c,
                page,
                pages,
                &meta.title,
                meta.lang,
                (pw, ph),
                &measure,
            );
            overlay.extend(sheet_items(&g, r, c));
            sheets.push((
                overlay,
                Placement {
                    clip: g.printable(),
                    scale: 1.0,
                    dx,
                    dy,
                },
            ));
            page += 1;
        }
    }
    // The extra pages come after the sheets, so the map's XObject (placed on the sheets
    // only) never reaches them.
    let rest: Vec<(&[Item], f32, f32)> = sheets
        .iter()
        .map(|s| (s.0.as_slice(), g.sheet_w, g.sheet_h))
        .chain(
            extra
                .iter()
                .map(|s| (s.items.as_slice(), s.width.0, s.height.0)),
        )
        .collect();
    let (mut lo, warnings) = build(meta, scene, images, &rest)?;
    let places: Vec<Placement> = sheets.into_iter().map(|s| s.1).collect();
    map_to_xobject(&mut lo, (pw, ph), g.sheet_h, &places)?;
    // After the overview and the sheets come the extra (report) pages: deflated fast.
    let fast = if extra.is_empty() {
        BTreeSet::new()
    } else {
        contents_from(&lo, pages as u32 + 1)
    };
    finish(&mut lo, meta)?;
    Ok(Pdf {
        bytes: save(lo, &fast)?,
        pages: pages + extra.len(),
        warnings,
    })
}
