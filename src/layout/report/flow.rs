//! The flow of the report: blocks go down the page one after another, and a block that does
//! not fit on what is left of the page starts a new one.
//!
//! Invariants: a block is measured before it is drawn, so it is never split or cut off; only
//! a block taller than a whole page runs past the bottom (a card text of a page's length);
//! every page gets the running header and, once the page count is known, the footer with
//! "page n of m". Coordinates are natural A4 millimetres; the builder's scale blows them up
//! for A3.

use super::super::builder::{Align, Builder, TextStyle};
use super::super::palette::{INK, INK_FAINT, INK_SOFT, RULE};
use super::super::plan::{pt_mm, LINE};
use super::super::Ctx;
use super::{Report, ReportOptions, A4_H, A4_W, MARGIN};
use crate::scene::fonts::Fonts;
use crate::scene::{Mm, Pt, Rect, Scene, TextRole, Warning};

/// Section headings.
pub(super) const HEADING: TextStyle = TextStyle {
    pt: 13.0,
    bold: true,
    colour: INK,
    role: TextRole::Heading,
    align: Align::Left,
    max_lines: usize::MAX,
};
/// Running text.
pub(super) const BODY: TextStyle = TextStyle {
    pt: 9.5,
    bold: false,
    colour: INK,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: usize::MAX,
};
/// Small print: explanations, figures beside a chart, the meta line of a safari item.
pub(super) const SMALL: TextStyle = TextStyle {
    pt: 8.0,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: usize::MAX,
};
/// The running header and footer.
const RUNNING: TextStyle = TextStyle {
    pt: 7.5,
    bold: false,
    colour: INK_FAINT,
    role: TextRole::Stamp,
    align: Align::Left,
    max_lines: 1,
};

/// Height of the running header band at the top of every page.
const HEAD: f32 = 8.0;
/// Room kept at the bottom for the footer.
const FOOT: f32 = 8.0;
/// Space between two sections.
pub(super) const SECTION: f32 = 8.0;

pub(super) struct Flow<'f> {
    pub(super) b: Builder<'f>,
    pub(super) cx: &'f Ctx<'f>,
    done: Vec<Builder<'f>>,
    /// Where the next block goes.
    pub(super) y: f32,
    /// The usable column: left edge and width.
    pub(super) x: f32,
    pub(super) w: f32,
    top: f32,
    bottom: f32,
    scale: f32,
    fonts: Option<&'f Fonts>,
    title: String,
    /// What the running header calls the document ("Insights report").
    label: String,
}

impl<'f> Flow<'f> {
    pub(super) fn new(cx: &'f Ctx<'f>, scale: f32, title: &str) -> Flow<'f> {
        let mut f = Flow {
            b: builder(cx.fonts, scale),
            cx,
            done: Vec::new(),
            y: MARGIN,
            x: MARGIN,
            w: A4_W - 2.0 * MARGIN,
            top: MARGIN + HEAD,
            bottom: A4_H - MARGIN - FOOT,
            scale,
            fonts: cx.fonts,
            title: title.to_string(),
            label: cx
                .lang
                .pick("Inzichtenrapport", "Insights report")
                .to_string(),
        };
        f.y = MARGIN;
        f
    }

    /// The same flow with another name in the running header (the workshop report).
    pub(super) fn labelled(mut self, label: &str) -> Flow<'f> {
        self.label = label.to_string();
        self
    }

    /// The height `text` takes in `style` wrapped to `w`.
    pub(super) fn measure(&self, text: &str, style: TextStyle, w: f32) -> f32 {
        if text.trim().is_empty() {
            return 0.0;
        }
        let n = self.cx.wrap(text, style.bold, w / pt_mm(style.pt)).len();
        n.min(style.max_lines) as f32 * pt_mm(style.pt) * LINE
    }

    /// Makes sure a block `h` high fits below `y`: if not, and the page already holds
    /// something, the block starts a new page.
    pub(super) fn need(&mut self, h: f32) {
        if self.y + h > self.bottom && self.y > self.top + 0.5 {
            self.page_break();
        }
    }

    pub(super) fn page_break(&mut self) {
        let next = builder(self.fonts, self.scale);
        let full = std::mem::replace(&mut self.b, next);
        self.done.push(full);
        self.running_header();
    }

    /// The journey's title, small, over every page but the first (which has the title block).
    fn running_header(&mut self) {
        let label = format!("{} · {}", self.label, self.title);
        self.b.text(self.x, MARGIN, self.w, &label, RUNNING, None);
        let ly = MARGIN + 5.0;
        let stroke = self.b.stroke(RULE, 0.2, &[]);
        self.b.line(&[(self.x, ly), (self.x + self.w, ly)], stroke);
        self.y = self.top;
    }

    /// A section heading, kept on one page with the first `keep` millimetres of its content.
    pub(super) fn heading(&mut self, text: &str, keep: f32) {
        let h = self.measure(text, HEADING, self.w) + 2.5;
        if self.y > self.top + 0.5 {
            self.y += SECTION;
        }
        self.need(h + keep);
        self.b.text(self.x, self.y, self.w, text, HEADING, None);
        self.y += h;
    }

    /// A paragraph in `style` across the column.
    pub(super) fn para(&mut self, text: &str, style: TextStyle) {
        let h = self.measure(text, style, self.w);
        self.need(h);
        self.b.text(self.x, self.y, self.w, text, style, None);
        self.y += h + 1.5;
    }

    /// The pages, each with its footer ("page n of m" and the date of printing).
    pub(super) fn finish(mut self, opts: &ReportOptions, size: (f32, f32)) -> Report {
        let last = std::mem::replace(&mut self.b, builder(self.fonts, self.scale));
        self.done.push(last);
        let n = self.done.len();
        let lang = self.cx.lang;
        let mut pages = Vec::with_capacity(n);
        for (i, mut b) in self.done.into_iter().enumerate() {
            let fy = A4_H - MARGIN - 3.5;
            let stroke = b.stroke(RULE, 0.2, &[]);
            b.line(&[(self.x, fy - 1.5), (self.x + self.w, fy - 1.5)], stroke);
            b.text(
                self.x,
                fy,
                self.w * 0.6,
                "Klantreis",
                RUNNING.bold(true),
                None,
            );
            let mut right = format!(
                "{} {} {} {}",
                lang.pick("pagina", "page"),
                i + 1,
                lang.pick("van", "of"),
                n
            );
            if let Some(d) = &opts.printed {
                right = format!("{} {d} · {right}", lang.pick("geprint", "printed"));
            }
            let stamp = RUNNING.colour(INK_SOFT).align_right();
            b.text(self.x, fy, self.w, &right, stamp, None);
            pages.push(scene_of(b, size, self.scale));
        }
        Report { pages }
    }
}

/// An empty page builder at `scale` (natural A4 millimetres; A3 is √2).
pub(in crate::layout) fn builder(fonts: Option<&Fonts>, scale: f32) -> Builder<'_> {
    Builder::new(scale, 0.0, 0.0, fonts, 0)
}

/// A finished page of `w × h` mm: the builder's items, with a warning for missing glyphs.
pub(in crate::layout) fn scene_of(b: Builder, (w, h): (f32, f32), scale: f32) -> Scene {
    let mut warnings = Vec::new();
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
    let min = b.min_card_pt.min(b.min_other_pt);
    let m = MARGIN * scale;
    Scene {
        width: Mm(w),
        height: Mm(h),
        content: Rect::new(m, m, w - 2.0 * m, h - 2.0 * m),
        scale,
        items: b.items,
        regions: b.regions,
        groups: Vec::new(),
        min_text_pt: Pt(if min.is_finite() { min } else { 0.0 }),
        warnings,
    }
}
