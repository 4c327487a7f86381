//! Layout: a journey (or its blank workshop canvas) on a page, as a [`Scene`].
//!
//! [`layout`] is a pure function of its inputs: it reads no store, no clock and no files, so
//! the screen, the PDF and the SVG all draw the same Scene and a test can pin it down.
//!
//! How the page is filled:
//! - the map is first measured at its *natural* size (cards 44 mm wide, card text 10 pt);
//! - a **filled map** tries 1 to 8 cards side by side per cell and keeps the arrangement that
//!   prints the largest text, then scales it to fit the page (down to a step of the scale,
//!   sixteen per doubling, so one more row rarely rescales the whole map) and hands the spare
//!   room to the columns or rows, so the map fills the page without distorting text;
//! - a **blank canvas** keeps the chrome at a size fitting the paper and divides the rest into
//!   cells, which on A0 hold several 76 × 76 mm sticky notes each; cells smaller than a sticky
//!   note are reported as a warning.
//!
//! Card text smaller than [`MIN_LEGIBLE_PT`] on paper is reported with a suggestion.
//!
//! Where things are: [`plan`] decides every size before anything is drawn; [`builder`] turns
//! natural millimetres into Scene items (text styled by [`builder::TextStyle`] presets);
//! [`palette`] names every colour; each band of the page has its own file, drawn top to
//! bottom by [`draw`]: [`title`] (with [`personas`]), [`phases`], [`emotion`], [`lanes`] (the
//! cards, with [`blueprint`]'s lines and marks and the [`votes`] as dots), [`links`] (arrows
//! between cards, over them), [`data`], [`review`] (the team's answers to the review
//! questions, only when there are any) and [`footer`]; [`marks`] holds what several bands draw
//! alike. The insights report ([`report`]) is laid out with the same builder and palette, page
//! by page. [`compare`] lays out the comparison of two journeys, its own page; [`persona_sheet`] the
//! print kit's persona sheets.

mod blueprint;
mod builder;
pub mod compare;
mod data;
mod emotion;
mod footer;
mod lanes;
mod links;
mod marks;
mod persona_sheet;
mod personas;
mod phases;
mod plan;
pub mod report;
mod review;
mod title;
mod votes;

// The Scene and the font metrics sit below the layout (every exporter imports them from
// `crate::scene`); they are re-exported here so `layout::Scene` keeps reading naturally.
pub use crate::scene::fonts::{
    wrap, Face, FontError, Fonts, NOTO_SANS_BOLD, NOTO_SANS_REGULAR, SYMBOLA,
};
pub use crate::scene::words::{int as format_int, pct as format_pct, words, Words};
pub use crate::scene::*;

pub use compare::layout_compare;
// The palette sits in `scene` (the PowerPoint writer and the scan reader use it too); the
// glob above brings it in as `palette` for the bands.
pub use crate::scene::palette::{card_colours, emotion_colour};
pub use persona_sheet::persona_sheets;

use crate::model::{Journey, Lang, Persona};
use builder::Builder;
use plan::{plan_blank, plan_filled, Plan, FOOT_H, HEAD_H, SECTION_GAP};

/// Card text below this size (on paper) is hard to read on a wall from a step back.
pub const MIN_LEGIBLE_PT: f32 = 9.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The journey with its cards, emotion curve and data.
    #[default]
    Filled,
    /// The journey's phases and lanes with empty cells, for a workshop wall.
    Blank,
}

/// What to lay out and on which paper. Deserializable with every field optional, so a
/// print dialog can send only what the user changed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct LayoutOptions {
    pub paper: Paper,
    pub orientation: Orientation,
    /// Page margin; `None` picks one for the paper (1.2 % of the long side, 6–15 mm).
    pub margin: Option<Mm>,
    pub mode: Mode,
    /// Language of the printed labels; `None` uses the journey's.
    pub lang: Option<Lang>,
    /// Date of printing for the stamp ("2026-11-23"); the layout never reads the clock.
    pub printed: Option<String>,
    /// On a blank canvas, a legend in each lane's label: its guiding question and the colour
    /// of sticky note to use (the print kit's canvas).
    pub legend: bool,
    /// Room kept free below the map, inside the bottom margin (a blank canvas's scan code sits
    /// there, `crate::print::marks`).
    pub bottom_room: Mm,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            paper: Paper::A0,
            orientation: Orientation::Landscape,
            margin: None,
            mode: Mode::Filled,
            lang: None,
            printed: None,
            legend: false,
            bottom_room: Mm(0.0),
        }
    }
}

/// (`meta.persona_ids`) are shown in the title block.
///
/// The Scene is flat: every item at page millimetres, as the writers draw it
/// ([`Scene::flatten`] of [`layout_keyed`]).
pub fn layout(journey: &Journey, personas: &[Persona], opts: &LayoutOptions) -> Scene {
    layout_keyed(journey, personas, opts).flatten()
}

/// The same layout as keyed groups in natural millimetres (docs/scene.md): what the session
/// sends the screen, group by group.
pub fn layout_keyed(journey: &Journey, personas: &[Persona], opts: &LayoutOptions) -> Scene {
    let mut scene = layout_page(journey, personas, opts);
    let min_pt = scene.min_text_pt.0;
    if scene.min_text_pt.0 < MIN_LEGIBLE_PT {
        // Suggest the smallest larger paper on which the text really reaches the minimum:
        // lay it out there (the arrangement of cards changes with the page's proportions, so
        // scaling the current size up would only be a guess).
        let long = |p: Paper| p.size().1;
        let suggest = Paper::ISO
            .iter()
            .copied()
            .filter(|p| long(*p) > long(opts.paper))
            .find(|p| {
                let o = LayoutOptions {
                    paper: *p,
                    ..opts.clone()
                };
                layout_page(journey, personas, &o).min_text_pt.0 >= MIN_LEGIBLE_PT
            });
        let what = if journey.cards.is_empty() || opts.mode == Mode::Blank {
            "text"
        } else {
            "card text"
        };
        let message = match suggest {
            Some(p) => format!(
                "{what} prints at {:.1} pt on {}, under the legible {MIN_LEGIBLE_PT} pt: choose {} or larger, or tile it as an {} poster over A4/A3 sheets (--paper {} --tile a4)",
                min_pt,
                opts.paper.name(),
                p.name(),
                p.name(),
                p.name().to_ascii_lowercase()
            ),
            None => format!(
                "{what} prints at {:.1} pt on {}, under the legible {MIN_LEGIBLE_PT} pt even on A0: split the journey into smaller journeys, or print it tiled as an A0 poster and read it up close",
                min_pt,
                opts.paper.name()
            ),
        };
        scene.warnings.insert(
            0,
            Warning::SmallText {
                size_pt: Pt(min_pt),
                suggest_paper: suggest.map(|p| p.name().to_string()),
                message,
            },
        );
    }
    scene
}

/// The page margin a paper gets when none is asked for: 1.2 % of its long side, 6–15 mm.
pub fn default_margin(pw: f32, ph: f32) -> f32 {
    (pw.max(ph) * 0.012).clamp(6.0, 15.0)
}

/// The layout on one paper, without the paper suggestion.
fn layout_page(journey: &Journey, personas: &[Persona], opts: &LayoutOptions) -> Scene {
    // The fonts are bundled; if they could not be parsed the binary itself is broken, and the
    // layout still has to return something: fall back to a fixed advance.
    let fonts = Fonts::load().ok();
    let lang = opts.lang.unwrap_or(journey.meta.language);
    let (pw, ph) = opts.paper.oriented(opts.orientation);
    let margin = opts
        .margin
        .map(|m| m.0)
        .unwrap_or_else(|| default_margin(pw, ph));
    let aw = (pw - 2.0 * margin).max(10.0);
    let ah = (ph - 2.0 * margin - opts.bottom_room.0.max(0.0)).max(10.0);
    let cx = Ctx {
        fonts: fonts.as_ref(),
        lang,
        w: words(lang),
    };
    let jp: Vec<&Persona> = journey
        .meta
        .persona_ids
        .iter()
        .filter_map(|id| personas.iter().find(|p| &p.id == id))
        .collect();

    let plan = match opts.mode {
        Mode::Filled => plan_filled(&cx, journey, &jp, aw, ah),
        Mode::Blank => plan_blank(&cx, journey, &jp, pw.max(ph), aw, ah),
    };
    let mut b = Builder::new(plan.scale, margin, margin, cx.fonts, 0);
    draw(&mut b, &cx, journey, &jp, &plan, opts);

    let mut warnings = Vec::new();
    let has_card_text = b.min_card_pt.is_finite();
    let min_pt = if has_card_text {
        b.min_card_pt
    } else {
        b.min_other_pt
    };
    if let Some(cell) = plan.small_cell {
        warnings.push(Warning::SmallCells {
            cell,
            message: format!(
                "cells are {:.0} × {:.0} mm, smaller than a 76 × 76 mm sticky note: print on a larger paper or tile the canvas as an A0 poster",
                cell.w.0, cell.h.0
            ),
        });
    }
    if !b.missing.is_empty() {
        let chars: Vec<char> = b.missing.iter().copied().collect();
        let list: String = chars
            .iter()
            .map(|c| format!("{c} (U+{:04X})", *c as u32))
            .collect::<Vec<_>>()
            .join(", ");
        warnings.push(Warning::MissingGlyphs {
            chars,
            message: format!(
                "no bundled font can draw these characters; they print as empty boxes: {list}"
            ),
        });
    }
    let sw = plan.width * plan.scale;
    let sh = plan.height * plan.scale;
    Scene {
        width: Mm(pw),
        height: Mm(ph),
        content: Rect::new(margin, margin, sw, sh),
        scale: plan.scale,
        items: b.items,
        regions: b.regions,
        groups: b.groups,
        min_text_pt: Pt(if min_pt.is_finite() { min_pt } else { 0.0 }),
        warnings,
    }
}

/// What every band reads besides the journey: the fonts (`None` only if the bundled fonts
/// are broken), the language of the labels and its words.
pub(super) struct Ctx<'f> {
    pub(super) fonts: Option<&'f Fonts>,
    pub(super) lang: Lang,
    pub(super) w: &'static Words,
}

impl Ctx<'_> {
    /// `wrap(..).len()`, without building the lines.
    pub(super) fn line_count(&self, text: &str, bold: bool, max_em: f32) -> usize {
        match self.fonts {
            Some(f) => crate::scene::fonts::line_count(f, text, bold, max_em),
            None => 1,
        }
    }

    pub(super) fn wrap(&self, text: &str, bold: bool, max_em: f32) -> Vec<String> {
        match self.fonts {
            Some(f) => wrap(f, text, bold, max_em),
            None => vec![text.to_string()],
        }
    }
}

/// `f` drawing into the group of band `name`, at the map's origin.
fn band<'f, R>(b: &mut Builder<'f>, name: &str, f: impl FnOnce(&mut Builder<'f>) -> R) -> R {
    b.begin(Key::band(name), 0.0, 0.0);
    let out = f(b);
    b.end();
    out
}

/// Draws the bands top to bottom; each band's file says what it draws.
fn draw(
    b: &mut Builder,
    cx: &Ctx,
    j: &Journey,
    personas: &[&Persona],
    plan: &Plan,
    opts: &LayoutOptions,
) {
    // Page background is the paper; the map sits on it directly. Each band is a group at the
    // map's origin (docs/scene.md), its records groups of their own inside it.
    band(b, "title", |b| title::draw(b, cx, j, personas, plan));
    let (xs, grid_right) = phases::columns(plan);
    let top = plan.title_h + SECTION_GAP;
    band(b, "phases", |b| phases::draw(b, j, plan, &xs, top));
    let mut y = top + HEAD_H;
    if plan.emo_h > 0.0 {
        band(b, "emotion", |b| {
            emotion::draw(b, cx, j, personas, plan, &xs, y)
        });
        y += plan.emo_h;
    }
    let legend = opts.legend && opts.mode == Mode::Blank;
    let mut y = band(b, "lanes", |b| {
        lanes::draw(b, cx, j, plan, (&xs, grid_right), y, legend)
    });
    band(b, "links", |b| links::draw(b, j));
    if plan.data_h > 0.0 {
        band(b, "data", |b| data::draw(b, cx, j, plan, &xs, y));
        y += plan.data_h;
    }
    if plan.review_h > 0.0 {
        band(b, "review", |b| review::draw(b, cx, j, plan, &xs, y));
        y += plan.review_h;
    }
    let fy = y.max(plan.height - FOOT_H) + 2.0;
    band(b, "footer", |b| footer::draw(b, cx, j, plan, fy, opts));
}
