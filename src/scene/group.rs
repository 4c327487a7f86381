//! The keyed groups of a Scene (docs/scene.md): a group draws one record (a card, a lane, a
//! cell, a phase, a link) or one band of the page, holds its items and regions relative to
//! its own origin in natural millimetres, and sits at `at` relative to its parent. The fit
//! (`Scene::fit`) places the whole tree on the page; [`Scene::flatten`] turns it into the flat
//! list of page-millimetre items the writers draw.
//!
//! Invariants:
//! - a key is unique in a Scene;
//! - paint order is a group's own items, then its children in order;
//! - `bounds` covers the group's items, regions and children (relative to its own origin).

use serde::{Deserialize, Serialize};

use super::{r2, Item, Mm, Point, Rect, Region, Scene, Seg, Stroke, TextLine};

/// What a group draws: `"card:<id>"`, `"lane:<id>"`, `"cell:<lane id>/<phase id>"`,
/// `"phase:<id>"`, `"link:<id>"`, or a band of the page, `"band:<name>"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct Key(pub String);

impl Key {
    pub fn band(name: &str) -> Key {
        Key(format!("band:{name}"))
    }
    pub fn card(id: &str) -> Key {
        Key(format!("card:{id}"))
    }
    pub fn lane(id: &str) -> Key {
        Key(format!("lane:{id}"))
    }
    pub fn phase(id: &str) -> Key {
        Key(format!("phase:{id}"))
    }
    pub fn link(id: &str) -> Key {
        Key(format!("link:{id}"))
    }
    pub fn cell(lane_id: &str, phase_id: &str) -> Key {
        Key(format!("cell:{lane_id}/{phase_id}"))
    }

    /// The kind before the colon (`"card"`, `"band"`, …).
    pub fn kind(&self) -> &str {
        self.0.split_once(':').map_or(self.0.as_str(), |(k, _)| k)
    }
}

/// Natural millimetres to the page: `page = (dx, dy) + scale × natural`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fit {
    pub scale: f32,
    pub dx: Mm,
    pub dy: Mm,
}

/// One keyed group: its items and regions relative to its origin, its children after them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Group {
    pub key: Key,
    /// Its origin, relative to its parent's origin (natural mm).
    pub at: Point,
    /// The box of its items, regions and children, relative to its own origin (natural mm;
    /// the geometry only: a stroke's ink reaches half its width beyond).
    pub bounds: Rect,
    pub items: Vec<Item>,
    /// Absent from the JSON when empty (most groups have none), and so optional in TypeScript.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Region>>", optional))]
    pub regions: Vec<Region>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Group>>", optional))]
    pub children: Vec<Group>,
}

impl Group {
    /// An empty group at `at` (relative to its parent).
    pub fn new(key: Key, at: Point) -> Group {
        Group {
            key,
            at,
            bounds: Rect::default(),
            items: Vec::new(),
            regions: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Sets `bounds` from the items, regions and children (whose own bounds are set).
    pub fn measure(&mut self) {
        let mut b = Bounds::default();
        for it in &self.items {
            b.item(it);
        }
        for r in &self.regions {
            b.rect(r.rect());
        }
        for c in &self.children {
            let r = &c.bounds;
            b.rect(&Rect::new(c.at.x.0 + r.x.0, c.at.y.0 + r.y.0, r.w.0, r.h.0));
        }
        self.bounds = b.rect_or_empty();
    }

    /// This group and every group under it, depth first in paint order.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Group)) {
        f(self);
        for c in &self.children {
            c.walk(f);
        }
    }
}

/// A running union of boxes.
#[derive(Default)]
struct Bounds {
    min: Option<(f32, f32)>,
    max: (f32, f32),
}

impl Bounds {
    fn point(&mut self, x: f32, y: f32) {
        match &mut self.min {
            None => {
                self.min = Some((x, y));
                self.max = (x, y);
            }
            Some(m) => {
                m.0 = m.0.min(x);
                m.1 = m.1.min(y);
                self.max.0 = self.max.0.max(x);
                self.max.1 = self.max.1.max(y);
            }
        }
    }

    fn rect(&mut self, r: &Rect) {
        self.point(r.x.0, r.y.0);
        self.point(r.right(), r.bottom());
    }

    fn item(&mut self, it: &Item) {
        match it {
            Item::Rect { rect, .. } | Item::Image { rect, .. } => self.rect(rect),
            Item::Circle { centre, r, .. } => {
                self.point(centre.x.0 - r.0, centre.y.0 - r.0);
                self.point(centre.x.0 + r.0, centre.y.0 + r.0);
            }
            Item::Path { segs, .. } => {
                for s in segs {
                    match s {
                        Seg::Move { to } | Seg::Line { to } => self.point(to.x.0, to.y.0),
                        Seg::Cubic { c1, c2, to } => {
                            // The curve stays inside the hull of its control points.
                            self.point(c1.x.0, c1.y.0);
                            self.point(c2.x.0, c2.y.0);
                            self.point(to.x.0, to.y.0);
                        }
                        Seg::Close => {}
                    }
                }
            }
            Item::Text { lines, size, .. } => {
                for l in lines {
                    // From the ascender above the baseline to the descender below it.
                    self.point(l.x.0, l.baseline.0 - size.0);
                    self.point(l.x.0 + l.width.0, l.baseline.0 + size.0 * 0.3);
                }
            }
        }
    }

    fn rect_or_empty(&self) -> Rect {
        match self.min {
            None => Rect::default(),
            Some((x, y)) => Rect::new(x, y, self.max.0 - x, self.max.1 - y),
        }
    }
}

impl Scene {
    /// The transform from natural millimetres to the page.
    pub fn fit(&self) -> Fit {
        Fit {
            scale: self.scale,
            dx: self.content.x,
            dy: self.content.y,
        }
    }

    /// The Scene as the writers draw it: no groups, every item and region at page millimetres
    /// in paint order (the loose items first), rounded to hundredths.
    pub fn flatten(&self) -> Scene {
        let fit = self.fit();
        let mut items = self.items.clone();
        let mut regions = self.regions.clone();
        for g in &self.groups {
            let place = Place {
                fit,
                origin: (0.0, 0.0),
                lane_top: None,
            };
            place.group(g, &mut items, &mut regions);
        }
        Scene {
            width: self.width,
            height: self.height,
            content: self.content,
            scale: self.scale,
            items,
            regions,
            groups: Vec::new(),
            min_text_pt: self.min_text_pt,
            warnings: self.warnings.clone(),
        }
    }

    /// Every group of the Scene, depth first in paint order.
    pub fn walk<'a>(&'a self, mut f: impl FnMut(&'a Group)) {
        for g in &self.groups {
            g.walk(&mut f);
        }
    }
}

/// Where a group's items land on the page: the fit, the group's origin in natural millimetres
/// (the sum of the origins above it) and, inside a lane, the lane's top.
///
/// Rounding (stage A of docs/scene.md): x is rounded from the margin, `r2(dx + scale × x)`;
/// y likewise, except inside a lane, where it is the lane's rounded top plus the rounded
/// offset from it, as the flat layout placed it (`Builder::top` in `src/layout/builder.rs`).
#[derive(Clone, Copy)]
struct Place {
    fit: Fit,
    origin: (f32, f32),
    /// The lane's top: natural y and its rounded place on the page.
    lane_top: Option<(f32, f32)>,
}

impl Place {
    fn group(&self, g: &Group, items: &mut Vec<Item>, regions: &mut Vec<Region>) {
        let origin = (self.origin.0 + g.at.x.0, self.origin.1 + g.at.y.0);
        let lane_top = if g.key.kind() == "lane" {
            Some((origin.1, r2(self.fit.dy.0 + origin.1 * self.fit.scale)))
        } else {
            self.lane_top
        };
        let here = Place {
            fit: self.fit,
            origin,
            lane_top,
        };
        items.extend(g.items.iter().map(|it| here.item(it)));
        regions.extend(g.regions.iter().map(|r| here.region(r)));
        for c in &g.children {
            here.group(c, items, regions);
        }
    }

    fn x(&self, x: f32) -> f32 {
        r2(self.fit.dx.0 + (self.origin.0 + x) * self.fit.scale)
    }

    fn y(&self, y: f32) -> f32 {
        let y = self.origin.1 + y;
        match self.lane_top {
            Some((nat, page)) => r2(page + r2((y - nat) * self.fit.scale)),
            None => r2(self.fit.dy.0 + y * self.fit.scale),
        }
    }

    fn len(&self, v: Mm) -> Mm {
        Mm(r2(v.0 * self.fit.scale))
    }

    fn point(&self, p: &Point) -> Point {
        Point::new(self.x(p.x.0), self.y(p.y.0))
    }

    fn rect(&self, r: &Rect) -> Rect {
        Rect::new(
            self.x(r.x.0),
            self.y(r.y.0),
            self.len(r.w).0,
            self.len(r.h).0,
        )
    }

    fn stroke(&self, s: &Option<Stroke>) -> Option<Stroke> {
        s.as_ref().map(|s| Stroke {
            colour: s.colour.clone(),
            width: self.len(s.width),
            dash: s.dash.iter().map(|d| self.len(*d)).collect(),
        })
    }

    fn item(&self, it: &Item) -> Item {
        match it {
            Item::Rect {
                rect,
                radius,
                fill,
                stroke,
                target,
            } => Item::Rect {
                rect: self.rect(rect),
                radius: self.len(*radius),
                fill: fill.clone(),
                stroke: self.stroke(stroke),
                target: target.clone(),
            },
            Item::Circle {
                centre,
                r,
                fill,
                stroke,
                target,
            } => Item::Circle {
                centre: self.point(centre),
                r: self.len(*r),
                fill: fill.clone(),
                stroke: self.stroke(stroke),
                target: target.clone(),
            },
            Item::Path {
                segs,
                fill,
                stroke,
                target,
            } => Item::Path {
                segs: segs.iter().map(|s| self.seg(s)).collect(),
                fill: fill.clone(),
                stroke: self.stroke(stroke),
                target: target.clone(),
            },
            Item::Text {
                lines,
                size,
                size_pt,
                bold,
                colour,
                role,
                target,
            } => Item::Text {
                lines: lines
                    .iter()
                    .map(|l| TextLine {
                        text: l.text.clone(),
                        x: Mm(self.x(l.x.0)),
                        baseline: Mm(self.y(l.baseline.0)),
                        width: self.len(l.width),
                    })
                    .collect(),
                size: self.len(*size),
                size_pt: super::Pt(r2(size_pt.0 * self.fit.scale)),
                bold: *bold,
                colour: colour.clone(),
                role: *role,
                target: target.clone(),
            },
            Item::Image {
                rect,
                image_id,
                round,
                target,
            } => Item::Image {
                rect: self.rect(rect),
                image_id: image_id.clone(),
                round: *round,
                target: target.clone(),
            },
        }
    }

    fn seg(&self, s: &Seg) -> Seg {
        match s {
            Seg::Move { to } => Seg::Move { to: self.point(to) },
            Seg::Line { to } => Seg::Line { to: self.point(to) },
            Seg::Cubic { c1, c2, to } => Seg::Cubic {
                c1: self.point(c1),
                c2: self.point(c2),
                to: self.point(to),
            },
            Seg::Close => Seg::Close,
        }
    }

    fn region(&self, r: &Region) -> Region {
        match r {
            Region::Cell {
                rect,
                phase_id,
                lane_id,
            } => Region::Cell {
                rect: self.rect(rect),
                phase_id: phase_id.clone(),
                lane_id: lane_id.clone(),
            },
            Region::PhaseHeader { rect, phase_id } => Region::PhaseHeader {
                rect: self.rect(rect),
                phase_id: phase_id.clone(),
            },
            Region::LaneHeader { rect, lane_id } => Region::LaneHeader {
                rect: self.rect(rect),
                lane_id: lane_id.clone(),
            },
            Region::Emotion {
                rect,
                phase_id,
                top,
                bottom,
            } => Region::Emotion {
                rect: self.rect(rect),
                phase_id: phase_id.clone(),
                top: Mm(self.y(top.0)),
                bottom: Mm(self.y(bottom.0)),
            },
        }
    }
}

/// `local` such that `origin + local == abs` exactly in f32, when one exists within a few
/// units in the last place of `abs - origin` (it nearly always is that difference itself).
/// So a coordinate drawn at its absolute place and kept relative to its group comes back to
/// the very same float when flattened (stage A: flatten equals the flat layout to the bit).
pub fn relative(abs: f32, origin: f32) -> f32 {
    let d = abs - origin;
    if origin + d == abs {
        return d;
    }
    let (mut up, mut down) = (d, d);
    for _ in 0..4 {
        up = up.next_up();
        down = down.next_down();
        if origin + up == abs {
            return up;
        }
        if origin + down == abs {
            return down;
        }
    }
    d
}
