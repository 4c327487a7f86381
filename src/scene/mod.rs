//! The Scene: what a journey looks like, as a flat list of drawing items in millimetres.
//!
//! Invariants:
//! - coordinates are millimetres on the page, origin top-left, y pointing down;
//! - items are in paint order (later items are drawn over earlier ones);
//! - text is already broken into lines: each line has its own start `x` and `baseline`, and
//!   its measured `width`, so renderers never wrap or measure text themselves;
//! - colours are `#rrggbb` strings;
//! - coordinates are rounded to hundredths of a millimetre ([`r2`]), finer than any printer;
//! - every item that shows a record carries `target`, which is what hit testing returns.
//!
//! The Scene is plain data (`Serialize`), shipped to the webview as JSON.
//!
//! The map itself is a tree of keyed groups in natural millimetres ([`group`], docs/scene.md);
//! [`Scene::flatten`] gives the flat list of page items above, which the writers draw.

pub mod change;
pub mod fonts;
pub mod group;
pub mod near;
pub mod palette;
pub mod words;

pub use change::{Node, Placed, SceneChange};
pub use group::{Fit, Group, Key};

/// `v` rounded to hundredths of a millimetre: finer than any printer, and stable in snapshots.
/// Every coordinate of a flat Scene goes through it (the layout's builder, [`Scene::flatten`]).
pub fn r2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

use serde::{Deserialize, Serialize};

/// A length in millimetres. Serializes as a bare number (serde writes newtype structs as
/// their content), so JSON and TypeScript see `number`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mm(pub f32);

/// A length in PostScript points (1/72 inch), for font sizes on paper.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pt(pub f32);

impl Mm {
    pub fn to_pt(self) -> Pt {
        Pt(self.0 * 72.0 / 25.4)
    }
}

impl Pt {
    pub fn to_mm(self) -> Mm {
        Mm(self.0 * 25.4 / 72.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Point {
    pub x: Mm,
    pub y: Mm,
}

impl Point {
    pub fn new(x: f32, y: f32) -> Point {
        Point { x: Mm(x), y: Mm(y) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rect {
    pub x: Mm,
    pub y: Mm,
    pub w: Mm,
    pub h: Mm,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect {
            x: Mm(x),
            y: Mm(y),
            w: Mm(w),
            h: Mm(h),
        }
    }

    pub fn right(&self) -> f32 {
        self.x.0 + self.w.0
    }

    pub fn bottom(&self) -> f32 {
        self.y.0 + self.h.0
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x.0 >= self.x.0 && p.x.0 <= self.right() && p.y.0 >= self.y.0 && p.y.0 <= self.bottom()
    }
}

/// Which record an item shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Journey,
    Persona,
    Phase,
    Lane,
    Card,
    /// An arrow between two cards (`model::Link`).
    Link,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Stroke {
    pub colour: String,
    pub width: Mm,
    /// Dash and gap lengths; empty for a solid line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dash: Vec<Mm>,
}

/// One line of a text block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TextLine {
    pub text: String,
    pub x: Mm,
    pub baseline: Mm,
    pub width: Mm,
}

/// What a text block is, so the size report and the UI can tell card text from chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TextRole {
    Title,
    Heading,
    Label,
    Body,
    Card,
    Hint,
    Stamp,
}

/// A segment of a path.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Seg {
    Move { to: Point },
    Line { to: Point },
    Cubic { c1: Point, c2: Point, to: Point },
    Close,
}

/// One drawing item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Item {
    Rect {
        rect: Rect,
        /// Corner radius; 0 for square corners.
        radius: Mm,
        #[serde(skip_serializing_if = "Option::is_none")]
        fill: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        stroke: Option<Stroke>,
        #[serde(skip_serializing_if = "Option::is_none")]
        target: Option<RecordRef>,
    },
    Circle {
        centre: Point,
        r: Mm,
        #[serde(skip_serializing_if = "Option::is_none")]
        fill: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        stroke: Option<Stroke>,
        #[serde(skip_serializing_if = "Option::is_none")]
        target: Option<RecordRef>,
    },
    Path {
        segs: Vec<Seg>,
        #[serde(skip_serializing_if = "Option::is_none")]
        fill: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        stroke: Option<Stroke>,
        #[serde(skip_serializing_if = "Option::is_none")]
        target: Option<RecordRef>,
    },
    Text {
        lines: Vec<TextLine>,
        /// Font size (em) in millimetres on the page.
        size: Mm,
        /// The same size in points, as it will print.
        size_pt: Pt,
        bold: bool,
        colour: String,
        role: TextRole,
        #[serde(skip_serializing_if = "Option::is_none")]
        target: Option<RecordRef>,
    },
    /// A picture from the document (a persona photo), drawn to cover `rect` and clipped to a
    /// circle when `round`.
    Image {
        rect: Rect,
        image_id: String,
        round: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        target: Option<RecordRef>,
    },
}

impl Item {
    pub fn target(&self) -> Option<&RecordRef> {
        match self {
            Item::Rect { target, .. }
            | Item::Circle { target, .. }
            | Item::Path { target, .. }
            | Item::Text { target, .. }
            | Item::Image { target, .. } => target.as_ref(),
        }
    }
}

/// A place a drag can drop onto.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Region {
    /// A phase × lane cell: dropping a card here moves it into that phase and lane.
    Cell {
        rect: Rect,
        phase_id: String,
        lane_id: String,
    },
    PhaseHeader {
        rect: Rect,
        phase_id: String,
    },
    LaneHeader {
        rect: Rect,
        lane_id: String,
    },
    /// The emotion band of one phase: a drop at height `y` means emotion
    /// `2 - 4 * (y - top) / (bottom - top)` where `top` is +2 and `bottom` is −2.
    Emotion {
        rect: Rect,
        phase_id: String,
        top: Mm,
        bottom: Mm,
    },
}

impl Region {
    pub fn rect(&self) -> &Rect {
        match self {
            Region::Cell { rect, .. }
            | Region::PhaseHeader { rect, .. }
            | Region::LaneHeader { rect, .. }
            | Region::Emotion { rect, .. } => rect,
        }
    }
}

/// Something the user should know before printing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// Card text would print smaller than the legible minimum (9 pt).
    SmallText {
        size_pt: Pt,
        /// The smallest paper (of A0–A4) on which card text reaches 9 pt, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        suggest_paper: Option<String>,
        message: String,
    },
    /// Characters no bundled font can draw.
    MissingGlyphs { chars: Vec<char>, message: String },
    /// A blank canvas whose cells are smaller than a 76 mm sticky note.
    SmallCells { cell: Rect, message: String },
}

impl Warning {
    pub fn message(&self) -> &str {
        match self {
            Warning::SmallText { message, .. }
            | Warning::MissingGlyphs { message, .. }
            | Warning::SmallCells { message, .. } => message,
        }
    }
}

/// A laid-out page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scene {
    /// Page size.
    pub width: Mm,
    pub height: Mm,
    /// Where the map sits on the page (inside the margins).
    pub content: Rect,
    /// Factor from the map's natural size to the page (1.0 = cards at natural size).
    pub scale: f32,
    /// Loose items and regions, at page millimetres (report pages, the comparison, sheets).
    pub items: Vec<Item>,
    pub regions: Vec<Region>,
    /// The map as keyed groups in natural millimetres, placed by [`Scene::fit`] and drawn
    /// after the loose items (docs/scene.md); empty in a flattened Scene ([`Scene::flatten`]).
    /// Absent from the JSON when empty, so flat Scenes read as they always did.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Group>>", optional))]
    pub groups: Vec<Group>,
    /// The smallest card text (or, without cards, the smallest body text) in points on paper.
    pub min_text_pt: Pt,
    pub warnings: Vec<Warning>,
}

impl Scene {
    /// The topmost record under `p`, for clicks (on a flattened Scene).
    pub fn hit(&self, p: Point) -> Option<&RecordRef> {
        self.items.iter().rev().find_map(|it| {
            let t = it.target()?;
            let inside = match it {
                Item::Rect { rect, .. } | Item::Image { rect, .. } => rect.contains(p),
                Item::Circle { centre, r, .. } => {
                    let (dx, dy) = (p.x.0 - centre.x.0, p.y.0 - centre.y.0);
                    dx * dx + dy * dy <= r.0 * r.0
                }
                _ => false,
            };
            inside.then_some(t)
        })
    }

    /// The drop region under `p` (the innermost: cells and headers do not overlap).
    pub fn region_at(&self, p: Point) -> Option<&Region> {
        self.regions.iter().find(|r| r.rect().contains(p))
    }
}

#[cfg(all(test, feature = "ts"))]
mod ts_tests {
    use super::*;
    use ts_rs::TS;

    #[test]
    fn scene_types_have_typescript_declarations() {
        let cfg = ts_rs::Config::new();
        assert_eq!(Mm::decl(&cfg), "type Mm = number;");
        let item = Item::decl(&cfg);
        assert!(item.contains("\"type\": \"rect\""), "{item}");
        let scene = Scene::decl(&cfg);
        assert!(scene.contains("regions: Array<Region>"), "{scene}");
    }
}

/// Paper sizes (portrait width × height in mm).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A0,
    A1,
    A2,
    A3,
    A4,
    Letter,
}

impl Paper {
    pub const ISO: [Paper; 5] = [Paper::A4, Paper::A3, Paper::A2, Paper::A1, Paper::A0];

    /// Portrait size in millimetres.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A0 => (841.0, 1189.0),
            Paper::A1 => (594.0, 841.0),
            Paper::A2 => (420.0, 594.0),
            Paper::A3 => (297.0, 420.0),
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Paper::A0 => "A0",
            Paper::A1 => "A1",
            Paper::A2 => "A2",
            Paper::A3 => "A3",
            Paper::A4 => "A4",
            Paper::Letter => "Letter",
        }
    }

    pub fn parse(s: &str) -> Option<Paper> {
        match s.to_ascii_lowercase().as_str() {
            "a0" => Some(Paper::A0),
            "a1" => Some(Paper::A1),
            "a2" => Some(Paper::A2),
            "a3" => Some(Paper::A3),
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }

    /// Size in mm in the given orientation.
    pub fn oriented(self, o: Orientation) -> (f32, f32) {
        let (w, h) = self.size();
        match o {
            Orientation::Portrait => (w, h),
            Orientation::Landscape => (h, w),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}
