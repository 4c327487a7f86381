//! The builder every band draws with: natural millimetres in, scaled and rounded Scene items
//! out.
//!
//! Between [`Builder::begin`] and [`Builder::end`] the items go into a keyed group
//! (docs/scene.md) at natural millimetres relative to the group's origin, and the fit is
//! applied when the Scene is flattened; outside any group they are placed on the page at once.
//!
//! Invariants: every page coordinate goes through [`r2`] (hundredths of a millimetre), so
//! Scenes are stable in snapshots; a group's items come back to the same page coordinates
//! through `Scene::flatten` as they would have been placed outside it; text is wrapped and measured here with the bundled fonts, never by
//! a renderer; a text block is styled by a [`TextStyle`] preset (each band keeps its presets
//! beside the code that uses them), not by a row of positional arguments.

use std::collections::{BTreeSet, HashMap};

use super::plan::{pt_mm, LINE};
use crate::scene::fonts::{wrap, Fonts};
use crate::scene::group::relative;
use crate::scene::{
    Group, Item, Key, Mm, Point, Pt, RecordKind, RecordRef, Rect, Region, Seg, Stroke, TextLine,
    TextRole,
};

/// How a text block looks: size in natural points (scaled with the map), weight, colour, role,
/// alignment inside its width, and how many lines it may take before it is cut with "…".
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct TextStyle {
    pub pt: f32,
    pub bold: bool,
    pub colour: &'static str,
    pub role: TextRole,
    pub align: Align,
    pub max_lines: usize,
}

impl TextStyle {
    /// The same style cut at `n` lines.
    pub const fn lines(self, n: usize) -> TextStyle {
        TextStyle {
            max_lines: n,
            ..self
        }
    }

    /// The same style at `pt` points.
    pub const fn pt(self, pt: f32) -> TextStyle {
        TextStyle { pt, ..self }
    }

    /// The same style, bold or not.
    pub const fn bold(self, bold: bool) -> TextStyle {
        TextStyle { bold, ..self }
    }

    /// The same style, aligned to the right of its width.
    pub const fn align_right(self) -> TextStyle {
        TextStyle {
            align: Align::Right,
            ..self
        }
    }

    /// The same style, centred in its width.
    pub const fn align_centre(self) -> TextStyle {
        TextStyle {
            align: Align::Centre,
            ..self
        }
    }

    /// The same style, aligned to the left of its width.
    pub const fn align_left(self) -> TextStyle {
        TextStyle {
            align: Align::Left,
            ..self
        }
    }

    /// The same style in `colour`.
    pub const fn colour(self, colour: &'static str) -> TextStyle {
        TextStyle { colour, ..self }
    }
}

/// Emits items at natural coordinates, scaled by `s` and offset by the margin.
pub(super) struct Builder<'f> {
    pub(super) s: f32,
    pub(super) ox: f32,
    pub(super) oy: f32,
    pub(super) items: Vec<Item>,
    pub(super) regions: Vec<Region>,
    pub(super) fonts: Option<&'f Fonts>,
    /// Smallest card text and smallest other text so far (pt on paper), for the warnings.
    pub(super) min_card_pt: f32,
    pub(super) min_other_pt: f32,
    /// Characters no bundled font can draw.
    pub(super) missing: BTreeSet<char>,
    /// The top of the lane being drawn: (natural y, its rounded place on the page). Inside a
    /// lane, y is placed as that rounded top plus the rounded offset from it, so when a lane
    /// above grows a row, everything in this lane shifts by one offset to the hundredth, and
    /// the Scene patch sends it as moves (src/session/patch.rs; docs/architecture.md).
    /// Outside the lanes (`None`), y is rounded from the margin as x is.
    pub(super) top: Option<(f32, f32)>,
    /// The groups being drawn, innermost last, each with its origin in natural millimetres
    /// from the page's map origin (the sum of the `at`s above it, as flatten adds them).
    pub(super) open: Vec<(Group, (f32, f32))>,
    /// The finished top-level groups.
    pub(super) groups: Vec<Group>,
    /// Each card's note as placed on the page (the links are drawn from them).
    pub(super) notes: HashMap<String, Rect>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Align {
    Left,
    Centre,
    Right,
}

pub(super) use crate::scene::r2;

impl<'f> Builder<'f> {
    /// A builder at scale `s` with the map's origin at (`ox`, `oy`) on the page.
    pub(super) fn new(s: f32, ox: f32, oy: f32, fonts: Option<&'f Fonts>, cap: usize) -> Self {
        Builder {
            s,
            ox,
            oy,
            items: Vec::with_capacity(cap),
            regions: Vec::new(),
            fonts,
            min_card_pt: f32::INFINITY,
            min_other_pt: f32::INFINITY,
            missing: BTreeSet::new(),
            top: None,
            open: Vec::new(),
            groups: Vec::new(),
            notes: HashMap::new(),
        }
    }

    /// From here to the matching [`Builder::end`], items go into the group `key` whose origin
    /// is at natural (`x`, `y`) from the map's origin. Coordinates stay absolute for the bands;
    /// the builder keeps them relative to the group.
    pub(super) fn begin(&mut self, key: Key, x: f32, y: f32) {
        let parent = self.origin();
        let at = (relative(x, parent.0), relative(y, parent.1));
        let origin = (parent.0 + at.0, parent.1 + at.1);
        self.open
            .push((Group::new(key, Point::new(at.0, at.1)), origin));
    }

    /// Closes the innermost group: measures it and hands it to its parent (or the Scene).
    pub(super) fn end(&mut self) {
        let Some((mut g, _)) = self.open.pop() else {
            return;
        };
        g.measure();
        match self.open.last_mut() {
            Some((parent, _)) => parent.children.push(g),
            None => self.groups.push(g),
        }
    }

    /// The innermost open group's origin (natural mm from the map's origin).
    fn origin(&self) -> (f32, f32) {
        self.open.last().map_or((0.0, 0.0), |(_, o)| *o)
    }

    fn grouped(&self) -> bool {
        !self.open.is_empty()
    }

    /// Adds an item made with [`Builder::p`], [`Builder::r`] and the like.
    pub(super) fn push(&mut self, item: Item) {
        match self.open.last_mut() {
            Some((g, _)) => g.items.push(item),
            None => self.items.push(item),
        }
    }

    /// Adds a drop region made with [`Builder::r`].
    pub(super) fn region(&mut self, region: Region) {
        match self.open.last_mut() {
            Some((g, _)) => g.regions.push(region),
            None => self.regions.push(region),
        }
    }

    /// Natural (`x`, `y`) as a point of the Scene: on the page, or in the open group.
    pub(super) fn p(&self, x: f32, y: f32) -> Point {
        if self.grouped() {
            let o = self.origin();
            return Point::new(relative(x, o.0), relative(y, o.1));
        }
        Point::new(r2(self.ox + x * self.s), self.py(y))
    }

    /// A natural rectangle as a rectangle of the Scene: on the page, or in the open group.
    pub(super) fn r(&self, x: f32, y: f32, w: f32, h: f32) -> Rect {
        if self.grouped() {
            let o = self.origin();
            return Rect::new(relative(x, o.0), relative(y, o.1), w, h);
        }
        self.page_rect(x, y, w, h)
    }

    /// A natural rectangle on the page, wherever the builder draws.
    pub(super) fn page_rect(&self, x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::new(
            r2(self.ox + x * self.s),
            self.py(y),
            r2(w * self.s),
            r2(h * self.s),
        )
    }

    /// A natural x (for a text line) in the Scene.
    fn sx(&self, x: f32) -> f32 {
        if self.grouped() {
            return relative(x, self.origin().0);
        }
        r2(self.ox + x * self.s)
    }

    /// A natural y (for a text line's baseline) in the Scene.
    fn sy(&self, y: f32) -> f32 {
        if self.grouped() {
            return relative(y, self.origin().1);
        }
        self.py(y)
    }

    /// Natural `y` on the page (see [`Builder::top`]).
    fn py(&self, y: f32) -> f32 {
        match self.top {
            Some((nat, page)) => r2(page + r2((y - nat) * self.s)),
            None => r2(self.oy + y * self.s),
        }
    }

    /// From here on, y is placed from a lane's top at natural `y` (see [`Builder::top`]);
    /// `None` goes back to placing it from the margin.
    pub(super) fn lane_top(&mut self, y: Option<f32>) {
        self.top = y.map(|y| (y, r2(self.oy + y * self.s)));
    }

    /// A natural length in the Scene: scaled on the page, as it is in a group.
    pub(super) fn mm(&self, v: f32) -> Mm {
        if self.grouped() {
            return Mm(v);
        }
        Mm(r2(v * self.s))
    }

    pub(super) fn stroke(&self, colour: &str, w: f32, dash: &[f32]) -> Option<Stroke> {
        Some(Stroke {
            colour: colour.to_string(),
            width: self.mm(w),
            dash: dash.iter().map(|d| self.mm(*d)).collect(),
        })
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn rect(
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
        self.push(Item::Rect {
            rect,
            radius: self.mm(radius),
            fill: fill.map(str::to_string),
            stroke,
            target,
        });
    }

    pub(super) fn circle(
        &mut self,
        x: f32,
        y: f32,
        r: f32,
        fill: Option<&str>,
        stroke: Option<Stroke>,
        target: Option<RecordRef>,
    ) {
        let centre = self.p(x, y);
        self.push(Item::Circle {
            centre,
            r: self.mm(r),
            fill: fill.map(str::to_string),
            stroke,
            target,
        });
    }

    pub(super) fn line(&mut self, pts: &[(f32, f32)], stroke: Option<Stroke>) {
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
        self.push(Item::Path {
            segs,
            fill: None,
            stroke,
            target: None,
        });
    }

    pub(super) fn polygon(&mut self, pts: &[(f32, f32)], fill: &str, target: Option<RecordRef>) {
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
        self.push(Item::Path {
            segs,
            fill: Some(fill.to_string()),
            stroke: None,
            target,
        });
    }

    pub(super) fn width_em(&self, text: &str, bold: bool) -> f32 {
        match self.fonts {
            Some(f) => f.width_em(text, bold),
            None => text.chars().count() as f32 * 0.55,
        }
    }

    /// A text block wrapped to `max_w` (natural mm) with its first line's top at `y`;
    /// returns its height. The style's `max_lines` cuts the block with an ellipsis.
    pub(super) fn text(
        &mut self,
        x: f32,
        y: f32,
        max_w: f32,
        text: &str,
        style: TextStyle,
        target: Option<RecordRef>,
    ) -> f32 {
        let TextStyle {
            pt,
            bold,
            colour,
            role,
            align,
            max_lines,
        } = style;
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
                    x: Mm(self.sx(lx)),
                    baseline: Mm(self.sy(base)),
                    width: self.mm(w),
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
        // In a group the size stays natural; flatten scales it as `size_pt` is scaled here.
        let item_pt = if self.grouped() { pt } else { size_pt };
        self.push(Item::Text {
            lines: out,
            size: self.mm(size),
            size_pt: Pt(item_pt),
            bold,
            colour: colour.to_string(),
            role,
            target,
        });
        n * size * LINE
    }
}

pub(super) fn rec(kind: RecordKind, id: &str) -> Option<RecordRef> {
    Some(RecordRef {
        kind,
        id: id.to_string(),
    })
}
