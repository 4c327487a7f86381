//! Layout: a journey (or its blank workshop canvas) on a page, as a [`Scene`].
//!
//! [`layout`] is a pure function of its inputs: it reads no store, no clock and no files, so
//! the screen, the PDF and the SVG all draw the same Scene and a test can pin it down.
//!
//! How the page is filled:
//! - the map is first measured at its *natural* size (cards 44 mm wide, card text 10 pt);
//! - a **filled map** tries 1 to 8 cards side by side per cell and keeps the arrangement that
//!   prints the largest text, then scales it to fit the page and hands the spare room to the
//!   columns or rows, so the map fills the page without distorting text;
//! - a **blank canvas** keeps the chrome at a size fitting the paper and divides the rest into
//!   cells, which on A0 hold several 76 × 76 mm sticky notes each; cells smaller than a sticky
//!   note are reported as a warning.
//!
//! Card text smaller than [`MIN_LEGIBLE_PT`] on paper is reported with a suggestion.

use std::collections::{BTreeSet, HashMap};

// The Scene and the font metrics sit below the layout (every exporter imports them from
// `crate::scene`); they are re-exported here so `layout::Scene` keeps reading naturally.
pub use crate::scene::fonts::{
    wrap, Face, FontError, Fonts, NOTO_SANS_BOLD, NOTO_SANS_REGULAR, SYMBOLA,
};
pub use crate::scene::words::{int as format_int, pct as format_pct, words, Words};
pub use crate::scene::*;

use crate::model::{Card, CardColour, Journey, JourneyState, LaneKind, Lang, Persona, Validation};

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
        }
    }
}

// ---- palette: calm greys and soft sticky-note tints -------------------------------------

const INK: &str = "#1f2933";
const INK_SOFT: &str = "#52606d";
const INK_FAINT: &str = "#9aa5b1";
const HINT: &str = "#b3bcc6";
const PAPER: &str = "#ffffff";
const BAND_A: &str = "#f7f8fa";
const BAND_B: &str = "#eef1f5";
const LABEL_BG: &str = "#e4e8ee";
const RULE: &str = "#cbd2d9";
const HEADER: &str = "#2d3a4a";
const HEADER_SOFT: &str = "#c7d0db";
const SHADOW: &str = "#dde1e6";
const GOOD: &str = "#2f9e6b";
const GOOD_SOFT: &str = "#dcf1e6";
const BAD: &str = "#d64550";
const BAD_SOFT: &str = "#f9e0e2";
const NEUTRAL: &str = "#8a96a3";
const AMBER: &str = "#f0a020";

/// Fill and border of a sticky note.
pub fn card_colours(c: CardColour) -> (&'static str, &'static str) {
    match c {
        CardColour::Yellow => ("#fff3b0", "#e6cf5c"),
        CardColour::Orange => ("#ffddb5", "#eaa860"),
        CardColour::Pink => ("#ffd1dc", "#e58fa5"),
        CardColour::Purple => ("#e5dbfa", "#a892dc"),
        CardColour::Blue => ("#d3e8fb", "#7fb0e0"),
        CardColour::Green => ("#d5f0dc", "#7cc495"),
        CardColour::Grey => ("#e9ecef", "#aab3bd"),
    }
}

/// Colour of an emotion value: green above neutral, red below.
pub fn emotion_colour(e: f32) -> &'static str {
    if e > 0.0 {
        GOOD
    } else if e < 0.0 {
        BAD
    } else {
        NEUTRAL
    }
}

// ---- natural sizes (mm at scale 1) --------------------------------------------------------

const CARD_W: f32 = 44.0;
const CARD_PAD: f32 = 3.0;
const CARD_PT: f32 = 10.0;
const CARD_MIN_H: f32 = 24.0;
const BADGE_ROW: f32 = 5.0;
const GAP: f32 = 3.0;
const CELL_PAD: f32 = 4.0;
const LABEL_W: f32 = 48.0;
const HEAD_H: f32 = 17.0;
const EMO_H: f32 = 46.0;
const LANE_MIN: f32 = 30.0;
const DATA_H: f32 = 24.0;
const FOOT_H: f32 = 11.0;
const SECTION_GAP: f32 = 4.0;
const LINE: f32 = 1.28;
/// A workshop sticky note plus room to place it.
const STICKY: f32 = 76.0;

fn pt_mm(pt: f32) -> f32 {
    Pt(pt).to_mm().0
}

/// Lays out `journey` on a page. `personas` are those of the document; the journey's own
/// (`meta.persona_ids`) are shown in the title block.
pub fn layout(journey: &Journey, personas: &[Persona], opts: &LayoutOptions) -> Scene {
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
        .unwrap_or_else(|| (pw.max(ph) * 0.012).clamp(6.0, 15.0));
    let aw = (pw - 2.0 * margin).max(10.0);
    let ah = (ph - 2.0 * margin).max(10.0);
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
    let mut b = Builder {
        s: plan.scale,
        ox: margin,
        oy: margin,
        items: Vec::with_capacity(journey.cards.len() * 6 + 200),
        regions: Vec::new(),
        fonts: cx.fonts,
        min_card_pt: f32::INFINITY,
        min_other_pt: f32::INFINITY,
        missing: BTreeSet::new(),
    };
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
        min_text_pt: Pt(if min_pt.is_finite() { min_pt } else { 0.0 }),
        warnings,
    }
}

struct Ctx<'f> {
    fonts: Option<&'f Fonts>,
    lang: Lang,
    w: &'static Words,
}

impl Ctx<'_> {
    fn wrap(&self, text: &str, bold: bool, max_em: f32) -> Vec<String> {
        match self.fonts {
            Some(f) => wrap(f, text, bold, max_em),
            None => vec![text.to_string()],
        }
    }
}

/// Sizes, in natural millimetres, of every band and column.
struct Plan {
    scale: f32,
    width: f32,
    height: f32,
    title_h: f32,
    emo_h: f32,
    data_h: f32,
    label_w: f32,
    col_w: Vec<f32>,
    lane_h: Vec<f32>,
    /// Cards side by side in a cell (filled map).
    per_row: usize,
    card_w: f32,
    blank: bool,
    small_cell: Option<Rect>,
}

fn has_emotions(j: &Journey) -> bool {
    j.cards.iter().any(|c| c.emotion.is_some())
}

fn has_data(j: &Journey) -> bool {
    j.phases.iter().any(|p| {
        p.data.as_ref().is_some_and(|d| {
            d.customers.is_some() || d.drop_off_pct.is_some() || d.throughput.is_some()
        })
    })
}

/// Natural height of a card `card_w` wide showing `text`.
/// Width of a card's text: the card minus its padding, and minus room for the impact star
/// in the top right corner.
fn card_text_w(card_w: f32, impact: bool) -> f32 {
    card_w - 2.0 * CARD_PAD - if impact { 3.0 } else { 0.0 }
}

fn card_height(cx: &Ctx, c: &Card, card_w: f32) -> f32 {
    let size = pt_mm(CARD_PT);
    let lines = cx
        .wrap(&c.text, false, card_text_w(card_w, c.impact) / size)
        .len()
        .max(1);
    (2.0 * CARD_PAD + lines as f32 * size * LINE + BADGE_ROW).max(CARD_MIN_H)
}

/// Heights of the rows of a cell holding cards of `heights`, `k` per row.
fn cell_height(heights: &[f32], k: usize) -> f32 {
    if heights.is_empty() {
        return 0.0;
    }
    let rows: f32 = heights
        .chunks(k.max(1))
        .map(|r| r.iter().copied().fold(0.0, f32::max))
        .sum();
    rows + GAP * (heights.len().div_ceil(k.max(1)) as f32 - 1.0) + 2.0 * CELL_PAD
}

fn title_height(cx: &Ctx, j: &Journey, personas: &[&Persona], width: f32) -> f32 {
    let persona_w = persona_block_width(personas);
    let text_w = (width - persona_w - 8.0).max(60.0);
    let title_lines = cx.wrap(&j.meta.title, true, text_w / pt_mm(24.0)).len() as f32;
    let goal_lines = if j.meta.goal.is_empty() {
        0.0
    } else {
        cx.wrap(&goal_text(cx, j), false, text_w / pt_mm(11.0))
            .len() as f32
    };
    let text_h =
        title_lines * pt_mm(24.0) * 1.15 + goal_lines * pt_mm(11.0) * LINE + pt_mm(10.0) * 2.6;
    text_h.max(persona_block_height(personas)).max(30.0) + 2.0
}

fn goal_text(cx: &Ctx, j: &Journey) -> String {
    format!("{}: {}", cx.w.goal, j.meta.goal)
}

fn persona_block_width(personas: &[&Persona]) -> f32 {
    if personas.is_empty() {
        110.0
    } else {
        personas.len().min(3) as f32 * 112.0
    }
}

fn persona_block_height(_personas: &[&Persona]) -> f32 {
    34.0
}

fn plan_filled(cx: &Ctx, j: &Journey, personas: &[&Persona], aw: f32, ah: f32) -> Plan {
    let np = j.phases.len().max(1);
    let phase_ix: HashMap<&str, usize> = j
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let lane_ix: HashMap<&str, usize> = j
        .lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.as_str(), i))
        .collect();
    // Card heights per cell, at the natural card width.
    let mut cells: Vec<Vec<Vec<f32>>> = vec![vec![Vec::new(); np]; j.lanes.len()];
    for c in &j.cards {
        if let (Some(&pi), Some(&li)) = (
            phase_ix.get(c.phase_id.as_str()),
            lane_ix.get(c.lane_id.as_str()),
        ) {
            cells[li][pi].push(card_height(cx, c, CARD_W));
        }
    }
    let emo_h = if has_emotions(j) { EMO_H } else { 0.0 };
    let data_h = if has_data(j) { DATA_H } else { 0.0 };
    let mut best: Option<(f32, usize, f32, f32, Vec<f32>)> = None;
    for k in 1..=8usize {
        let col = 2.0 * CELL_PAD + k as f32 * CARD_W + (k as f32 - 1.0) * GAP;
        let width = LABEL_W + np as f32 * col;
        let lane_h: Vec<f32> = cells
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| cell_height(c, k))
                    .fold(LANE_MIN, f32::max)
            })
            .collect();
        let title_h = title_height(cx, j, personas, width);
        let height = title_h
            + SECTION_GAP
            + HEAD_H
            + emo_h
            + lane_h.iter().sum::<f32>()
            + data_h
            + SECTION_GAP
            + FOOT_H;
        let s = (aw / width).min(ah / height);
        // Ties go to fewer cards per row: narrower cells read more like the wall.
        if best.as_ref().is_none_or(|b| s > b.0 * 1.0001) {
            best = Some((s, k, width, height, lane_h));
        }
        if k >= cells
            .iter()
            .flatten()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(1)
        {
            break;
        }
    }
    let (s, k, width, height, mut lane_h) =
        best.unwrap_or((1.0, 1, aw, ah, vec![LANE_MIN; j.lanes.len()]));
    // Hand the spare room to columns (cards grow a little) or rows, so the page is filled.
    let nat_w = aw / s;
    let nat_h = ah / s;
    let col0 = 2.0 * CELL_PAD + k as f32 * CARD_W + (k as f32 - 1.0) * GAP;
    let col = col0 + (nat_w - width).max(0.0) / np as f32;
    let extra_h = (nat_h - height).max(0.0);
    if !lane_h.is_empty() {
        let add = extra_h / lane_h.len() as f32;
        for h in &mut lane_h {
            *h += add;
        }
    }
    // Cards take the room a wider column gives, up to a point: a very wide sticky note
    // reads like a banner.
    let card_w = ((col - 2.0 * CELL_PAD - (k as f32 - 1.0) * GAP) / k as f32).min(CARD_W * 1.8);
    let title_h = title_height(cx, j, personas, nat_w);
    let used = title_h
        + SECTION_GAP
        + HEAD_H
        + emo_h
        + lane_h.iter().sum::<f32>()
        + data_h
        + SECTION_GAP
        + FOOT_H;
    Plan {
        scale: s,
        width: nat_w,
        height: used.max(nat_h),
        title_h,
        emo_h,
        data_h,
        label_w: LABEL_W,
        col_w: vec![col; j.phases.len()],
        lane_h,
        per_row: k,
        card_w,
        blank: false,
        small_cell: None,
    }
}

fn plan_blank(cx: &Ctx, j: &Journey, personas: &[&Persona], long: f32, aw: f32, ah: f32) -> Plan {
    // A wall canvas is read from a few steps away: on A0 the chrome is twice its natural
    // size, and it shrinks with the paper more slowly than the paper does. The cells come
    // first, though: when they would not hold a sticky note, the chrome gives up size (down
    // to natural size) before the cells do.
    let preferred = (2.0 * (long / 1189.0).sqrt()).clamp(0.8, 2.0);
    let np = j.phases.len().max(1);
    let lanes = j.lanes.len().max(1);
    let emo_h = if j.lanes.iter().any(|l| l.kind == LaneKind::Feelings) {
        EMO_H * 1.2
    } else {
        0.0
    };
    let data_h = if j.phases.iter().any(|p| p.data.is_some()) {
        DATA_H
    } else {
        0.0
    };
    let geometry = |s: f32| {
        let (nat_w, nat_h) = (aw / s, ah / s);
        let title_h = title_height(cx, j, personas, nat_w);
        let fixed = title_h + SECTION_GAP + HEAD_H + emo_h + data_h + SECTION_GAP + FOOT_H;
        let lane = ((nat_h - fixed) / lanes as f32).max(10.0);
        let col = (nat_w - LABEL_W) / np as f32;
        (nat_w, nat_h, title_h, lane, col)
    };
    let fits = |s: f32| {
        let (_, _, _, lane, col) = geometry(s);
        col * s >= STICKY + 4.0 && lane * s >= STICKY + 4.0
    };
    let mut s = preferred;
    while !fits(s) && s > preferred.min(1.0) + 1e-3 {
        s = (s - 0.1).max(preferred.min(1.0));
    }
    let (nat_w, nat_h, title_h, lane, col) = geometry(s);
    let cell = Rect::new(0.0, 0.0, r2(col * s), r2(lane * s));
    let small = (!fits(s)).then_some(cell);
    Plan {
        scale: s,
        width: nat_w,
        height: nat_h,
        title_h,
        emo_h,
        data_h,
        label_w: LABEL_W,
        col_w: vec![col; j.phases.len()],
        lane_h: vec![lane; j.lanes.len()],
        per_row: 1,
        card_w: CARD_W,
        blank: true,
        small_cell: small,
    }
}

/// Emits items at natural coordinates, scaled by `s` and offset by the margin.
struct Builder<'f> {
    s: f32,
    ox: f32,
    oy: f32,
    items: Vec<Item>,
    regions: Vec<Region>,
    fonts: Option<&'f Fonts>,
    min_card_pt: f32,
    min_other_pt: f32,
    missing: BTreeSet<char>,
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Centre,
    Right,
}

fn r2(v: f32) -> f32 {
    // Hundredths of a millimetre: finer than any printer, and stable in snapshots.
    (v * 100.0).round() / 100.0
}

impl Builder<'_> {
    fn p(&self, x: f32, y: f32) -> Point {
        Point::new(r2(self.ox + x * self.s), r2(self.oy + y * self.s))
    }

    fn r(&self, x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::new(
            r2(self.ox + x * self.s),
            r2(self.oy + y * self.s),
            r2(w * self.s),
            r2(h * self.s),
        )
    }

    fn mm(&self, v: f32) -> Mm {
        Mm(r2(v * self.s))
    }

    fn stroke(&self, colour: &str, w: f32, dash: &[f32]) -> Option<Stroke> {
        Some(Stroke {
            colour: colour.to_string(),
            width: Mm(r2(w * self.s)),
            dash: dash.iter().map(|d| Mm(r2(d * self.s))).collect(),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        radius: f32,
        fill: Option<&str>,
        stroke: Option<Stroke>,
        target: Option<RecordRef>,
    ) {
        let rect = self.r(x, y, w, h);
        self.items.push(Item::Rect {
            rect,
            radius: self.mm(radius),
            fill: fill.map(str::to_string),
            stroke,
            target,
        });
    }

    fn circle(
        &mut self,
        x: f32,
        y: f32,
        r: f32,
        fill: Option<&str>,
        stroke: Option<Stroke>,
        target: Option<RecordRef>,
    ) {
        let centre = self.p(x, y);
        self.items.push(Item::Circle {
            centre,
            r: self.mm(r),
            fill: fill.map(str::to_string),
            stroke,
            target,
        });
    }

    fn line(&mut self, pts: &[(f32, f32)], stroke: Option<Stroke>) {
        let segs = pts
            .iter()
            .enumerate()
            .map(|(i, &(x, y))| {
                let to = self.p(x, y);
                if i == 0 {
                    Seg::Move { to }
                } else {
                    Seg::Line { to }
                }
            })
            .collect();
        self.items.push(Item::Path {
            segs,
            fill: None,
            stroke,
            target: None,
        });
    }

    fn polygon(&mut self, pts: &[(f32, f32)], fill: &str, target: Option<RecordRef>) {
        let mut segs: Vec<Seg> = pts
            .iter()
            .enumerate()
            .map(|(i, &(x, y))| {
                let to = self.p(x, y);
                if i == 0 {
                    Seg::Move { to }
                } else {
                    Seg::Line { to }
                }
            })
            .collect();
        segs.push(Seg::Close);
        self.items.push(Item::Path {
            segs,
            fill: Some(fill.to_string()),
            stroke: None,
            target,
        });
    }

    fn width_em(&self, text: &str, bold: bool) -> f32 {
        match self.fonts {
            Some(f) => f.width_em(text, bold),
            None => text.chars().count() as f32 * 0.55,
        }
    }

    /// A text block wrapped to `max_w` (natural mm) with its first line's top at `y`;
    /// returns its height. `max_lines` cuts the block with an ellipsis.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        x: f32,
        y: f32,
        max_w: f32,
        text: &str,
        pt: f32,
        bold: bool,
        colour: &str,
        role: TextRole,
        align: Align,
        max_lines: usize,
        target: Option<RecordRef>,
    ) -> f32 {
        if text.trim().is_empty() {
            return 0.0;
        }
        let size = pt_mm(pt);
        let mut lines = match self.fonts {
            Some(f) => wrap(f, text, bold, max_w / size),
            None => vec![text.to_string()],
        };
        if lines.len() > max_lines {
            lines.truncate(max_lines.max(1));
            if let Some(last) = lines.last_mut() {
                while !last.is_empty() && self.width_em(&format!("{last}…"), bold) * size > max_w
                {
                    last.pop();
                }
                last.push('…');
            }
        }
        if let Some(f) = self.fonts {
            for l in &lines {
                f.missing(l, bold, &mut self.missing);
            }
        }
        let asc = self.fonts.map(|f| f.ascender_em()).unwrap_or(0.9) * size;
        let out: Vec<TextLine> = lines
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let w = self.width_em(&t, bold) * size;
                let lx = match align {
                    Align::Left => x,
                    Align::Centre => x + (max_w - w) / 2.0,
                    Align::Right => x + max_w - w,
                };
                let base = y + asc * 0.92 + i as f32 * size * LINE;
                TextLine {
                    text: t,
                    x: Mm(r2(self.ox + lx * self.s)),
                    baseline: Mm(r2(self.oy + base * self.s)),
                    width: Mm(r2(w * self.s)),
                }
            })
            .collect();
        let n = out.len() as f32;
        let size_pt = r2(pt * self.s);
        match role {
            TextRole::Card => self.min_card_pt = self.min_card_pt.min(size_pt),
            TextRole::Body | TextRole::Label | TextRole::Heading => {
                self.min_other_pt = self.min_other_pt.min(size_pt)
            }
            TextRole::Title | TextRole::Stamp | TextRole::Hint => {}
        }
        self.items.push(Item::Text {
            lines: out,
            size: self.mm(size),
            size_pt: Pt(size_pt),
            bold,
            colour: colour.to_string(),
            role,
            target,
        });
        n * size * LINE
    }
}

fn rec(kind: RecordKind, id: &str) -> Option<RecordRef> {
    Some(RecordRef {
        kind,
        id: id.to_string(),
    })
}

fn draw(
    b: &mut Builder,
    cx: &Ctx,
    j: &Journey,
    personas: &[&Persona],
    plan: &Plan,
    opts: &LayoutOptions,
) {
    let w = plan.width;
    // Page background is the paper; the map sits on it directly.
    // ---- title block
    let persona_w = persona_block_width(personas);
    let text_w = (w - persona_w - 8.0).max(60.0);
    let jt = rec(RecordKind::Journey, &j.meta.id);
    let mut y = 0.0;
    let th = b.text(
        0.0,
        y,
        text_w,
        &j.meta.title,
        24.0,
        true,
        INK,
        TextRole::Title,
        Align::Left,
        3,
        jt.clone(),
    );
    y += th + 1.0;
    if !j.meta.goal.is_empty() {
        y += b.text(
            0.0,
            y,
            text_w,
            &goal_text(cx, j),
            11.0,
            false,
            INK,
            TextRole::Body,
            Align::Left,
            3,
            jt.clone(),
        );
    }
    let mut meta = Vec::new();
    if !j.meta.scope.start.is_empty() || !j.meta.scope.end.is_empty() {
        meta.push(format!(
            "{} “{}” {} “{}”",
            cx.w.from, j.meta.scope.start, cx.w.to, j.meta.scope.end
        ));
    }
    meta.push(
        match j.meta.state {
            JourneyState::AsIs => cx.w.as_is,
            JourneyState::ToBe => cx.w.to_be,
        }
        .to_string(),
    );
    b.text(
        0.0,
        y + 0.8,
        text_w,
        &meta.join("  ·  "),
        10.0,
        false,
        INK_SOFT,
        TextRole::Body,
        Align::Left,
        2,
        jt,
    );
    draw_personas(
        b,
        cx,
        personas,
        w - persona_w,
        0.0,
        persona_w,
        plan.title_h - 2.0,
        plan.blank,
    );

    // ---- phase headers
    let x0 = plan.label_w;
    let top = plan.title_h + SECTION_GAP;
    let mut xs = Vec::with_capacity(plan.col_w.len());
    let mut x = x0;
    for cw in &plan.col_w {
        xs.push(x);
        x += cw;
    }
    let grid_right = x;
    for (i, p) in j.phases.iter().enumerate() {
        let (px, cw) = (xs[i], plan.col_w[i]);
        let t = rec(RecordKind::Phase, &p.id);
        b.rect(
            px + 1.0,
            top,
            cw - 2.0,
            HEAD_H - 2.0,
            2.0,
            Some(HEADER),
            None,
            t.clone(),
        );
        let name = format!("{}  {}", i + 1, p.name);
        let dur = p.duration.as_deref().unwrap_or("");
        let name_y = if dur.is_empty() { top + 3.6 } else { top + 1.8 };
        // A long name in a narrow column gets smaller (down to 9 pt) before it is cut short.
        let name_pt = (13.0 * (cw - 8.0) / (b.width_em(&name, true) * pt_mm(13.0)).max(1e-3))
            .clamp(9.0, 13.0);
        b.text(
            px + 4.0,
            name_y + (13.0 - name_pt) * 0.12,
            cw - 8.0,
            &name,
            name_pt,
            true,
            PAPER,
            TextRole::Heading,
            Align::Left,
            1,
            t.clone(),
        );
        if !dur.is_empty() {
            b.text(
                px + 4.0,
                top + 8.6,
                cw - 8.0,
                dur,
                9.0,
                false,
                HEADER_SOFT,
                TextRole::Label,
                Align::Left,
                1,
                t.clone(),
            );
        }
        let r = b.r(px, top, cw, HEAD_H);
        b.regions.push(Region::PhaseHeader {
            rect: r,
            phase_id: p.id.clone(),
        });
    }

    // ---- emotion band
    let mut y = top + HEAD_H;
    if plan.emo_h > 0.0 {
        draw_emotion(b, cx, j, plan, &xs, y);
        y += plan.emo_h;
    }

    // ---- lanes
    let phase_ix: HashMap<&str, usize> = j
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut by_cell: HashMap<(&str, usize), Vec<&Card>> = HashMap::new();
    for c in &j.cards {
        if let Some(&pi) = phase_ix.get(c.phase_id.as_str()) {
            by_cell.entry((c.lane_id.as_str(), pi)).or_default().push(c);
        }
    }
    for (li, lane) in j.lanes.iter().enumerate() {
        let lh = plan.lane_h[li];
        let band = if li % 2 == 0 { BAND_A } else { BAND_B };
        b.rect(x0, y, grid_right - x0, lh, 0.0, Some(band), None, None);
        let lt = rec(RecordKind::Lane, &lane.id);
        let th = row_label(b, plan, y, lh, &lane.title, 4, lt.clone());
        if !plan.blank && !lane.hint.is_empty() {
            b.text(
                3.0,
                y + 4.0 + th,
                plan.label_w - 7.0,
                &lane.hint,
                8.0,
                false,
                INK_SOFT,
                TextRole::Hint,
                Align::Left,
                4,
                lt.clone(),
            );
        }
        let r = b.r(0.0, y, plan.label_w, lh);
        b.regions.push(Region::LaneHeader {
            rect: r,
            lane_id: lane.id.clone(),
        });
        for (pi, p) in j.phases.iter().enumerate() {
            let (cxp, cw) = (xs[pi], plan.col_w[pi]);
            if pi > 0 {
                b.line(
                    &[(cxp, y + 2.0), (cxp, y + lh - 2.0)],
                    b.stroke(RULE, 0.35, &[0.4, 1.6]),
                );
            }
            let r = b.r(cxp, y, cw, lh);
            b.regions.push(Region::Cell {
                rect: r,
                phase_id: p.id.clone(),
                lane_id: lane.id.clone(),
            });
            if plan.blank {
                b.text(
                    cxp + 5.0,
                    y + 4.0,
                    cw - 10.0,
                    &lane.hint,
                    12.0,
                    false,
                    HINT,
                    TextRole::Hint,
                    Align::Left,
                    2,
                    None,
                );
                continue;
            }
            if let Some(cards) = by_cell.get(&(lane.id.as_str(), pi)) {
                draw_cards(b, cx, cards, cxp, y, plan);
            }
        }
        y += lh;
    }
    if !j.lanes.is_empty() {
        b.line(&[(x0, y), (grid_right, y)], b.stroke(RULE, 0.35, &[]));
    }

    // ---- data row
    if plan.data_h > 0.0 {
        draw_data(b, cx, j, plan, &xs, y);
        y += plan.data_h;
    }

    // ---- footer: legend and stamp
    let fy = y.max(plan.height - FOOT_H) + 2.0;
    draw_footer(b, cx, j, plan, fy, opts);
}

#[allow(clippy::too_many_arguments)]
fn draw_personas(
    b: &mut Builder,
    cx: &Ctx,
    personas: &[&Persona],
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    blank: bool,
) {
    if personas.is_empty() {
        if blank {
            b.rect(
                x,
                y,
                w,
                h,
                3.0,
                Some(PAPER),
                b.stroke(RULE, 0.4, &[1.5, 1.2]),
                None,
            );
            b.text(
                x + 4.0,
                y + 3.0,
                w - 8.0,
                cx.w.persona,
                11.0,
                true,
                INK_SOFT,
                TextRole::Label,
                Align::Left,
                1,
                None,
            );
            b.text(
                x + 4.0,
                y + 9.0,
                w - 8.0,
                cx.w.blank_persona,
                9.0,
                false,
                HINT,
                TextRole::Hint,
                Align::Left,
                3,
                None,
            );
        }
        return;
    }
    let each = w / personas.len().min(3) as f32;
    for (i, p) in personas.iter().take(3).enumerate() {
        let px = x + i as f32 * each;
        let t = rec(RecordKind::Persona, &p.id);
        b.rect(
            px + 2.0,
            y,
            each - 2.0,
            h,
            3.0,
            Some(BAND_A),
            b.stroke(RULE, 0.3, &[]),
            t.clone(),
        );
        let r = 9.5;
        let (ccx, ccy) = (px + 6.0 + r, y + 4.0 + r);
        match &p.photo {
            Some(id) => {
                let rect = b.r(ccx - r, ccy - r, 2.0 * r, 2.0 * r);
                b.items.push(Item::Image {
                    rect,
                    image_id: id.clone(),
                    round: true,
                    target: t.clone(),
                });
            }
            None => {
                b.circle(ccx, ccy, r, Some(HEADER), None, t.clone());
                let initials: String = p
                    .name
                    .split_whitespace()
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .filter_map(|w| w.chars().next())
                    .take(2)
                    .collect();
                b.text(
                    ccx - r,
                    ccy - 3.6,
                    2.0 * r,
                    &initials,
                    15.0,
                    true,
                    PAPER,
                    TextRole::Label,
                    Align::Centre,
                    1,
                    t.clone(),
                );
            }
        }
        let tx = px + 6.0 + 2.0 * r + 4.0;
        let tw = each - (tx - px) - 3.0;
        let mut ty = y + 3.0;
        ty += b.text(
            tx,
            ty,
            tw,
            &p.name,
            12.0,
            true,
            INK,
            TextRole::Label,
            Align::Left,
            1,
            t.clone(),
        );
        let seg: Vec<&str> = [p.segment.as_str(), p.customer_type.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !seg.is_empty() {
            ty += b.text(
                tx,
                ty,
                tw,
                &seg.join(" · "),
                9.0,
                false,
                INK_SOFT,
                TextRole::Body,
                Align::Left,
                1,
                t.clone(),
            );
        }
        let mut desc = p.description.clone();
        if let Some(g) = p.goals.first() {
            desc = format!("{desc} ✓ {g}");
        }
        if let Some(f) = p.frustrations.first() {
            desc = format!("{desc} ✗ {f}");
        }
        b.text(
            tx,
            ty + 0.8,
            tw,
            desc.trim(),
            8.5,
            false,
            INK,
            TextRole::Body,
            Align::Left,
            4,
            t.clone(),
        );
    }
}

fn draw_cards(b: &mut Builder, cx: &Ctx, cards: &[&Card], x: f32, y: f32, plan: &Plan) {
    let k = plan.per_row.max(1);
    let cw = plan.card_w;
    let mut cy = y + CELL_PAD;
    for row in cards.chunks(k) {
        let heights: Vec<f32> = row.iter().map(|c| card_height(cx, c, cw)).collect();
        let rh = heights.iter().copied().fold(0.0, f32::max);
        for (i, c) in row.iter().enumerate() {
            let ccx = x + CELL_PAD + i as f32 * (cw + GAP);
            draw_card(b, c, ccx, cy, cw, rh);
        }
        cy += rh + GAP;
    }
}

fn draw_card(b: &mut Builder, c: &Card, x: f32, y: f32, w: f32, h: f32) {
    let t = rec(RecordKind::Card, &c.id);
    let (fill, border) = card_colours(c.colour);
    b.rect(x + 0.5, y + 0.8, w, h, 1.4, Some(SHADOW), None, None);
    let dash: &[f32] = if c.company_involved { &[] } else { &[1.6, 1.0] };
    let border_w = if c.company_involved { 0.3 } else { 0.45 };
    b.rect(
        x,
        y,
        w,
        h,
        1.4,
        Some(fill),
        b.stroke(border, border_w, dash),
        t.clone(),
    );
    b.text(
        x + CARD_PAD,
        y + CARD_PAD,
        card_text_w(w, c.impact),
        &c.text,
        CARD_PT,
        false,
        INK,
        TextRole::Card,
        Align::Left,
        usize::MAX,
        t.clone(),
    );
    // Badges along the bottom edge: emotion left, validation right; impact at the top right.
    let by = y + h - 3.2;
    if let Some(e) = c.emotion {
        let label = if e > 0 {
            format!("+{e}")
        } else if e < 0 {
            format!("–{}", -e)
        } else {
            "0".into()
        };
        let col = emotion_colour(e as f32);
        b.rect(x + 2.0, by - 2.0, 7.5, 4.0, 2.0, Some(col), None, t.clone());
        b.text(
            x + 2.0,
            by - 1.75,
            7.5,
            &label,
            7.5,
            true,
            PAPER,
            TextRole::Label,
            Align::Centre,
            1,
            t.clone(),
        );
    }
    let (vx, vy, vr) = (x + w - 3.4, by, 2.0);
    match c.validation {
        Validation::Validated => {
            b.circle(vx, vy, vr, Some(GOOD), None, t.clone());
            b.line(
                &[
                    (vx - 0.95, vy + 0.05),
                    (vx - 0.25, vy + 0.8),
                    (vx + 1.0, vy - 0.75),
                ],
                b.stroke(PAPER, 0.45, &[]),
            );
        }
        Validation::Refuted => {
            b.circle(vx, vy, vr, Some(BAD), None, t.clone());
            b.line(
                &[(vx - 0.8, vy - 0.8), (vx + 0.8, vy + 0.8)],
                b.stroke(PAPER, 0.45, &[]),
            );
            b.line(
                &[(vx - 0.8, vy + 0.8), (vx + 0.8, vy - 0.8)],
                b.stroke(PAPER, 0.45, &[]),
            );
        }
        Validation::Assumption => {
            b.circle(vx, vy, vr, None, b.stroke(INK_FAINT, 0.25, &[]), t.clone());
            b.text(
                vx - vr,
                vy - 1.45,
                2.0 * vr,
                "?",
                7.0,
                true,
                INK_FAINT,
                TextRole::Label,
                Align::Centre,
                1,
                t.clone(),
            );
        }
    }
    if c.impact {
        star(b, x + w - 2.2, y + 2.2, 3.0, t);
    }
}

/// An impact-moment badge: a white star on an amber disc.
fn star(b: &mut Builder, x: f32, y: f32, r: f32, target: Option<RecordRef>) {
    b.circle(
        x,
        y,
        r,
        Some(AMBER),
        b.stroke(PAPER, 0.35, &[]),
        target.clone(),
    );
    let pts: Vec<(f32, f32)> = (0..10)
        .map(|i| {
            let a = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::PI / 5.0;
            let rr = if i % 2 == 0 { r * 0.68 } else { r * 0.28 };
            (x + rr * a.cos(), y + rr * a.sin())
        })
        .collect();
    b.polygon(&pts, PAPER, target);
}

/// The grey label block at the left of a row (a lane, the emotion curve, the data row) with its
/// bold title; returns the title's height so a hint can follow it.
#[allow(clippy::too_many_arguments)]
fn row_label(
    b: &mut Builder,
    plan: &Plan,
    y: f32,
    h: f32,
    title: &str,
    max_lines: usize,
    target: Option<RecordRef>,
) -> f32 {
    b.rect(
        0.0,
        y + 0.6,
        plan.label_w - 2.0,
        h - 1.2,
        2.0,
        Some(LABEL_BG),
        None,
        target.clone(),
    );
    b.text(
        3.0,
        y + 3.0,
        plan.label_w - 7.0,
        title,
        11.0,
        true,
        INK,
        TextRole::Label,
        Align::Left,
        max_lines,
        target,
    )
}

fn draw_emotion(b: &mut Builder, cx: &Ctx, j: &Journey, plan: &Plan, xs: &[f32], y: f32) {
    let h = plan.emo_h;
    let x0 = plan.label_w;
    let right = xs.last().copied().unwrap_or(x0) + plan.col_w.last().copied().unwrap_or(0.0);
    // Room above +2 and below −2 for the peak and end labels.
    let pad = 9.0;
    let y_of = |e: f32| y + pad + (2.0 - e) / 4.0 * (h - 2.0 * pad);
    b.rect(x0, y, right - x0, h, 0.0, Some(PAPER), None, None);
    row_label(b, plan, y, h, cx.w.emotion, 2, None);
    // Scale: a faint rule per step, the neutral line stronger.
    for e in [-2i8, -1, 0, 1, 2] {
        let ly = y_of(e as f32);
        let label = match e {
            2 => "+2",
            1 => "+1",
            0 => "0",
            -1 => "–1",
            _ => "–2",
        };
        b.text(
            plan.label_w - 15.0,
            ly - 2.1,
            10.0,
            label,
            9.0,
            e == 0,
            emotion_colour(e as f32),
            TextRole::Label,
            Align::Right,
            1,
            None,
        );
        let stroke = if e == 0 {
            b.stroke(NEUTRAL, 0.35, &[])
        } else {
            b.stroke(RULE, 0.25, &[0.5, 1.5])
        };
        b.line(&[(x0 + 2.0, ly), (right - 2.0, ly)], stroke);
    }
    for (i, p) in j.phases.iter().enumerate() {
        if i > 0 {
            b.line(
                &[(xs[i], y + 2.0), (xs[i], y + h - 2.0)],
                b.stroke(RULE, 0.35, &[0.4, 1.6]),
            );
        }
        let r = b.r(xs[i], y, plan.col_w[i], h);
        b.regions.push(Region::Emotion {
            rect: r,
            phase_id: p.id.clone(),
            // Page positions (through the offset), where the +2 and −2 rules are drawn.
            top: b.p(0.0, y_of(2.0)).y,
            bottom: b.p(0.0, y_of(-2.0)).y,
        });
    }
    if plan.blank {
        return;
    }
    // Points: emotion cards of a phase spread across its column, in lane then card order.
    let lane_ix: HashMap<&str, usize> = j
        .lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.as_str(), i))
        .collect();
    let mut pts: Vec<(f32, f32, f32, &Card)> = Vec::new();
    for (pi, p) in j.phases.iter().enumerate() {
        let mut cs: Vec<&Card> = j
            .cards
            .iter()
            .filter(|c| c.phase_id == p.id && c.emotion.is_some())
            .collect();
        cs.sort_by_key(|c| {
            lane_ix
                .get(c.lane_id.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        });
        let n = cs.len() as f32;
        for (i, c) in cs.into_iter().enumerate() {
            let e = c.emotion.unwrap_or(0) as f32;
            let px = xs[pi] + (i as f32 + 0.5) / n * plan.col_w[pi];
            pts.push((px, y_of(e), e, c));
        }
    }
    let neutral = y_of(0.0);
    let curve = sample_monotone(&pts.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(), 14);
    for (above, run) in split_at_level(&curve, neutral) {
        let (fill, stroke) = if above {
            (GOOD_SOFT, GOOD)
        } else {
            (BAD_SOFT, BAD)
        };
        if let (Some(first), Some(last)) = (run.first(), run.last()) {
            let mut area = Vec::with_capacity(run.len() + 2);
            area.push((first.0, neutral));
            area.extend(run.iter().copied());
            area.push((last.0, neutral));
            b.polygon(&area, fill, None);
        }
        let _ = stroke;
    }
    for (above, run) in split_at_level(&curve, neutral) {
        let stroke = if above { GOOD } else { BAD };
        b.line(&run, b.stroke(stroke, 0.9, &[]));
    }
    for (px, py, e, c) in &pts {
        let t = rec(RecordKind::Card, &c.id);
        b.circle(
            *px,
            *py,
            if c.impact { 2.6 } else { 1.9 },
            Some(emotion_colour(*e)),
            b.stroke(PAPER, 0.6, &[]),
            t.clone(),
        );
        if c.impact {
            star(b, *px + 3.2, *py - 3.2, 2.2, t);
        }
    }
    // Peak-end rule: the most intense moment and the end weigh most in how a journey is
    // remembered, so both are named on the curve.
    let peak = pts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1 .2.abs().total_cmp(&b.1 .2.abs()).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i);
    let last = pts.len().checked_sub(1);
    for (i, word) in [(peak, cx.w.peak), (last, cx.w.end)] {
        let Some(i) = i else { continue };
        if word == cx.w.end && Some(i) == peak {
            // One label for both when the end is the peak.
            continue;
        }
        let (px, py, e, c) = pts[i];
        let label = if Some(i) == last && Some(i) == peak {
            format!("{} · {}", cx.w.peak, cx.w.end)
        } else {
            word.to_string()
        };
        // Above a high point, below a low one, so the label never crosses the curve's body.
        let ly = if e >= 0.0 { py - 8.0 } else { py + 3.4 };
        // Clear of the impact star, which sits to the upper right of its point.
        let lx = if c.impact && e >= 0.0 { px - 4.5 } else { px };
        b.text(
            lx - 15.0,
            ly,
            30.0,
            &label,
            8.0,
            true,
            emotion_colour(e),
            TextRole::Label,
            Align::Centre,
            1,
            None,
        );
    }
}

/// Samples a monotone cubic (Fritsch–Carlson) through `pts` (x strictly increasing), so the
/// curve is smooth but never overshoots past the points (no bumps above +2 or below −2).
fn sample_monotone(pts: &[(f32, f32)], per_seg: usize) -> Vec<(f32, f32)> {
    let n = pts.len();
    if n < 2 {
        return pts.to_vec();
    }
    let d: Vec<f32> = pts
        .windows(2)
        .map(|w| (w[1].1 - w[0].1) / (w[1].0 - w[0].0).max(1e-3))
        .collect();
    let mut m = vec![0.0f32; n];
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for i in 1..n - 1 {
        m[i] = if d[i - 1] * d[i] <= 0.0 {
            0.0
        } else {
            (d[i - 1] + d[i]) / 2.0
        };
    }
    for i in 0..n - 1 {
        if d[i] == 0.0 {
            m[i] = 0.0;
            m[i + 1] = 0.0;
            continue;
        }
        let (a, bb) = (m[i] / d[i], m[i + 1] / d[i]);
        let s = a * a + bb * bb;
        if s > 9.0 {
            let t = 3.0 / s.sqrt();
            m[i] = t * a * d[i];
            m[i + 1] = t * bb * d[i];
        }
    }
    let mut out = Vec::with_capacity((n - 1) * per_seg + 1);
    for i in 0..n - 1 {
        let (x0, y0) = pts[i];
        let (x1, y1) = pts[i + 1];
        let hx = x1 - x0;
        for k in 0..per_seg {
            let t = k as f32 / per_seg as f32;
            let (t2, t3) = (t * t, t * t * t);
            let h00 = 2.0 * t3 - 3.0 * t2 + 1.0;
            let h10 = t3 - 2.0 * t2 + t;
            let h01 = -2.0 * t3 + 3.0 * t2;
            let h11 = t3 - t2;
            out.push((
                x0 + t * hx,
                h00 * y0 + h10 * hx * m[i] + h01 * y1 + h11 * hx * m[i + 1],
            ));
        }
    }
    out.push(pts[n - 1]);
    out
}

/// Splits a polyline where it crosses the horizontal line `level`; each run says whether it
/// lies above the line (smaller y). Runs share their crossing point, so they join up.
fn split_at_level(pts: &[(f32, f32)], level: f32) -> Vec<(bool, Vec<(f32, f32)>)> {
    let mut runs: Vec<(bool, Vec<(f32, f32)>)> = Vec::new();
    for w in pts.windows(2) {
        let (a, c) = (w[0], w[1]);
        let (da, dc) = (a.1 - level, c.1 - level);
        if da * dc < 0.0 {
            let t = da / (da - dc);
            let x = (a.0 + t * (c.0 - a.0), level);
            push_pt(&mut runs, da < 0.0, a);
            push_pt(&mut runs, da < 0.0, x);
            push_pt(&mut runs, dc < 0.0, x);
            push_pt(&mut runs, dc < 0.0, c);
        } else {
            // On the line counts as the side of the other end.
            let above = if da != 0.0 { da < 0.0 } else { dc < 0.0 };
            push_pt(&mut runs, above, a);
            push_pt(&mut runs, above, c);
        }
    }
    runs
}

fn push_pt(runs: &mut Vec<(bool, Vec<(f32, f32)>)>, above: bool, p: (f32, f32)) {
    match runs.last_mut() {
        Some((a, run)) if *a == above => {
            if run.last() != Some(&p) {
                run.push(p);
            }
        }
        _ => runs.push((above, vec![p])),
    }
}

fn draw_data(b: &mut Builder, cx: &Ctx, j: &Journey, plan: &Plan, xs: &[f32], y: f32) {
    let h = plan.data_h;
    let right =
        xs.last().copied().unwrap_or(plan.label_w) + plan.col_w.last().copied().unwrap_or(0.0);
    b.rect(
        plan.label_w,
        y,
        right - plan.label_w,
        h,
        0.0,
        Some(PAPER),
        None,
        None,
    );
    row_label(b, plan, y, h, cx.w.data, 2, None);
    for (i, p) in j.phases.iter().enumerate() {
        let (x, w) = (xs[i] + 4.0, plan.col_w[i] - 8.0);
        if i > 0 {
            b.line(
                &[(xs[i], y + 2.0), (xs[i], y + h - 2.0)],
                b.stroke(RULE, 0.35, &[0.4, 1.6]),
            );
        }
        let t = rec(RecordKind::Phase, &p.id);
        let Some(d) = &p.data else { continue };
        if plan.blank {
            let line = format!(
                "{}: ……   {}: …… %   {}: ……",
                cx.w.customers, cx.w.drop_off, cx.w.throughput
            );
            b.text(
                x,
                y + 4.0,
                w,
                &line,
                10.0,
                false,
                HINT,
                TextRole::Hint,
                Align::Left,
                2,
                t,
            );
            continue;
        }
        let mut ty = y + 2.5;
        if let Some(n) = d.customers {
            ty += b.text(
                x,
                ty,
                w,
                &format!("{} {}", format_int(n, cx.lang), cx.w.customers),
                11.0,
                true,
                INK,
                TextRole::Body,
                Align::Left,
                1,
                t.clone(),
            );
        }
        if let Some(pct) = d.drop_off_pct {
            let label = format!("{} {}", cx.w.drop_off, format_pct(pct, cx.lang));
            let lw = b.width_em(&label, false) * pt_mm(9.5) + 2.0;
            b.text(
                x,
                ty,
                w,
                &label,
                9.5,
                false,
                BAD,
                TextRole::Body,
                Align::Left,
                1,
                t.clone(),
            );
            let (bx, bw) = (x + lw, (w - lw).clamp(0.0, 40.0));
            if bw > 6.0 {
                b.rect(bx, ty + 1.1, bw, 2.2, 1.1, Some(GOOD_SOFT), None, None);
                b.rect(
                    bx,
                    ty + 1.1,
                    bw * (pct as f32 / 100.0).clamp(0.0, 1.0),
                    2.2,
                    1.1,
                    Some(BAD),
                    None,
                    None,
                );
            }
            ty += pt_mm(9.5) * LINE;
        }
        if let Some(tp) = &d.throughput {
            b.text(
                x,
                ty,
                w,
                &format!("{}: {tp}", cx.w.throughput),
                9.5,
                false,
                INK_SOFT,
                TextRole::Body,
                Align::Left,
                1,
                t.clone(),
            );
        }
    }
}

fn draw_footer(b: &mut Builder, cx: &Ctx, j: &Journey, plan: &Plan, y: f32, opts: &LayoutOptions) {
    let w = plan.width;
    let mut legend_end = plan.label_w;
    // Legend (filled map only: a blank canvas has nothing to explain yet).
    if !plan.blank {
        let mut x = plan.label_w;
        let ly = y + 3.0;
        star(b, x + 2.0, ly, 2.0, None);
        b.text(
            x + 5.0,
            ly - 1.9,
            60.0,
            cx.w.impact,
            8.0,
            false,
            INK_SOFT,
            TextRole::Label,
            Align::Left,
            1,
            None,
        );
        x += 5.0 + b.width_em(cx.w.impact, false) * pt_mm(8.0) + 6.0;
        for (fill, label, kind) in [
            (Some(GOOD), cx.w.validated, 0),
            (None, cx.w.assumption, 1),
            (Some(BAD), cx.w.refuted, 2),
        ] {
            b.circle(
                x + 2.0,
                ly,
                2.0,
                fill,
                if fill.is_none() {
                    b.stroke(INK_FAINT, 0.25, &[])
                } else {
                    None
                },
                None,
            );
            match kind {
                0 => b.line(
                    &[
                        (x + 1.05, ly + 0.05),
                        (x + 1.75, ly + 0.8),
                        (x + 3.0, ly - 0.75),
                    ],
                    b.stroke(PAPER, 0.45, &[]),
                ),
                1 => {
                    b.text(
                        x,
                        ly - 1.45,
                        4.0,
                        "?",
                        7.0,
                        true,
                        INK_FAINT,
                        TextRole::Label,
                        Align::Centre,
                        1,
                        None,
                    );
                }
                _ => {
                    b.line(
                        &[(x + 1.2, ly - 0.8), (x + 2.8, ly + 0.8)],
                        b.stroke(PAPER, 0.45, &[]),
                    );
                    b.line(
                        &[(x + 1.2, ly + 0.8), (x + 2.8, ly - 0.8)],
                        b.stroke(PAPER, 0.45, &[]),
                    );
                }
            }
            b.text(
                x + 5.0,
                ly - 1.9,
                60.0,
                label,
                8.0,
                false,
                INK_SOFT,
                TextRole::Label,
                Align::Left,
                1,
                None,
            );
            x += 5.0 + b.width_em(label, false) * pt_mm(8.0) + 6.0;
        }
        b.rect(
            x,
            ly - 2.0,
            6.0,
            4.0,
            0.8,
            Some(BAND_B),
            b.stroke(INK_FAINT, 0.35, &[1.2, 0.8]),
            None,
        );
        legend_end = x + 8.0 + b.width_em(cx.w.not_involved, false) * pt_mm(8.0);
        b.text(
            x + 8.0,
            ly - 1.9,
            60.0,
            cx.w.not_involved,
            8.0,
            false,
            INK_SOFT,
            TextRole::Label,
            Align::Left,
            1,
            None,
        );
    }
    b.text(
        0.0,
        y + 1.1,
        plan.label_w,
        "Klantreis",
        9.0,
        true,
        INK_FAINT,
        TextRole::Stamp,
        Align::Left,
        1,
        None,
    );
    let mut stamp = format!("{}  ·  {} {}", j.meta.title, cx.w.version, j.meta.version);
    if j.meta.updated.len() >= 10 {
        stamp.push_str(&format!("  ·  {} {}", cx.w.updated, &j.meta.updated[..10]));
    }
    if let Some(d) = &opts.printed {
        stamp.push_str(&format!("  ·  {} {d}", cx.w.printed));
    }
    // On a narrow page the stamp goes under the legend rather than over it.
    let stamp_w = b.width_em(&stamp, false) * pt_mm(9.0);
    let stamp_y = if legend_end + 8.0 + stamp_w > w {
        y + 6.0
    } else {
        y + 1.1
    };
    b.text(
        0.0,
        stamp_y,
        w,
        &stamp,
        9.0,
        false,
        INK_SOFT,
        TextRole::Stamp,
        Align::Right,
        1,
        rec(RecordKind::Journey, &j.meta.id),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monotone_curve_stays_within_its_points() {
        let pts = [
            (0.0, 10.0),
            (10.0, 0.0),
            (20.0, 10.0),
            (30.0, 10.0),
            (40.0, 30.0),
        ];
        let c = sample_monotone(&pts, 10);
        assert!(
            c.iter().all(|p| p.1 >= 0.0 && p.1 <= 30.0),
            "overshoot: {c:?}"
        );
        assert_eq!(c.first(), Some(&(0.0, 10.0)));
        assert_eq!(c.last(), Some(&(40.0, 30.0)));
    }

    #[test]
    fn split_runs_meet_at_the_crossing() {
        let runs = split_at_level(&[(0.0, 0.0), (10.0, 20.0)], 10.0);
        assert_eq!(runs.len(), 2);
        assert!(runs[0].0, "first run is above (smaller y)");
        assert_eq!(runs[0].1.last(), Some(&(5.0, 10.0)));
        assert_eq!(runs[1].1.first(), Some(&(5.0, 10.0)));
    }
}
