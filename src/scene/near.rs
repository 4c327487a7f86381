//! Equality up to float noise, for [`super::SceneChange::between`]: whether a group drew the
//! same before and after an edit.
//!
//! Why: the bands compute natural coordinates from the map's origin and the builder keeps them
//! relative to the open group (`scene::group::relative`), so a group whose lane a row pushed
//! down gets its items back with a few units in the last place of the map's size changed
//! (20.799988 becomes 20.800018). Such a group did not change: sending it would send every
//! note below a grown row. The tolerance is a few ulps of the map's extent, far below the
//! hundredth of a millimetre the flat Scene rounds to. (Drawing each group at its own origin,
//! stage C of docs/scene.md, removes the noise at its source.)

use super::{
    Group, Item, Key, Mm, Point, Pt, RecordRef, Rect, Region, Scene, Seg, Stroke, TextLine,
    TextRole, Warning,
};

/// Equal up to `tol` in every length; equal in everything else.
pub trait Near {
    fn near(&self, other: &Self, tol: f32) -> bool;
}

/// The tolerance for a map `extent` natural millimetres across: 8 ulps of it.
pub fn tolerance(extent: f32) -> f32 {
    extent.abs().max(1.0) * f32::EPSILON * 8.0
}

/// The tolerance for `scene`'s map: its extent in natural millimetres sets the noise.
pub fn noise(scene: &Scene) -> f32 {
    let extent = scene.content.w.0.max(scene.content.h.0) / scene.scale.max(f32::MIN_POSITIVE);
    tolerance(extent.min(1.0e6))
}

impl Near for f32 {
    fn near(&self, o: &f32, tol: f32) -> bool {
        (self - o).abs() <= tol
    }
}

impl Near for Mm {
    fn near(&self, o: &Mm, tol: f32) -> bool {
        self.0.near(&o.0, tol)
    }
}

impl Near for Pt {
    fn near(&self, o: &Pt, tol: f32) -> bool {
        self.0.near(&o.0, tol)
    }
}

impl Near for Point {
    fn near(&self, o: &Point, tol: f32) -> bool {
        self.x.near(&o.x, tol) && self.y.near(&o.y, tol)
    }
}

impl Near for Rect {
    fn near(&self, o: &Rect, tol: f32) -> bool {
        self.x.near(&o.x, tol)
            && self.y.near(&o.y, tol)
            && self.w.near(&o.w, tol)
            && self.h.near(&o.h, tol)
    }
}

impl<T: Near> Near for Vec<T> {
    fn near(&self, o: &Vec<T>, tol: f32) -> bool {
        self.len() == o.len() && self.iter().zip(o).all(|(a, b)| a.near(b, tol))
    }
}

impl<T: Near> Near for Option<T> {
    fn near(&self, o: &Option<T>, tol: f32) -> bool {
        match (self, o) {
            (Some(a), Some(b)) => a.near(b, tol),
            (None, None) => true,
            _ => false,
        }
    }
}

/// What has no length is equal or not.
macro_rules! exact {
    ($($t:ty),*) => {
        $(impl Near for $t {
            fn near(&self, o: &$t, _: f32) -> bool {
                self == o
            }
        })*
    };
}
exact!(String, bool, RecordRef, TextRole, Key, Warning);

impl Near for Stroke {
    fn near(&self, o: &Stroke, tol: f32) -> bool {
        self.colour == o.colour && self.width.near(&o.width, tol) && self.dash.near(&o.dash, tol)
    }
}

impl Near for TextLine {
    fn near(&self, o: &TextLine, tol: f32) -> bool {
        self.text == o.text
            && self.x.near(&o.x, tol)
            && self.baseline.near(&o.baseline, tol)
            && self.width.near(&o.width, tol)
    }
}

impl Near for Seg {
    fn near(&self, o: &Seg, tol: f32) -> bool {
        match (self, o) {
            (Seg::Move { to: a }, Seg::Move { to: b })
            | (Seg::Line { to: a }, Seg::Line { to: b }) => a.near(b, tol),
            (
                Seg::Cubic { c1, c2, to },
                Seg::Cubic {
                    c1: d1,
                    c2: d2,
                    to: t,
                },
            ) => c1.near(d1, tol) && c2.near(d2, tol) && to.near(t, tol),
            (Seg::Close, Seg::Close) => true,
            _ => false,
        }
    }
}

impl Near for Item {
    fn near(&self, o: &Item, tol: f32) -> bool {
        use Item::*;
        match (self, o) {
            (
                Rect {
                    rect,
                    radius,
                    fill,
                    stroke,
                    target,
                },
                Rect {
                    rect: r2,
                    radius: q,
                    fill: f,
                    stroke: s,
                    target: t,
                },
            ) => {
                rect.near(r2, tol)
                    && radius.near(q, tol)
                    && fill == f
                    && stroke.near(s, tol)
                    && target == t
            }
            (
                Circle {
                    centre,
                    r,
                    fill,
                    stroke,
                    target,
                },
                Circle {
                    centre: c,
                    r: q,
                    fill: f,
                    stroke: s,
                    target: t,
                },
            ) => {
                centre.near(c, tol)
                    && r.near(q, tol)
                    && fill == f
                    && stroke.near(s, tol)
                    && target == t
            }
            (
                Path {
                    segs,
                    fill,
                    stroke,
                    target,
                },
                Path {
                    segs: g,
                    fill: f,
                    stroke: s,
                    target: t,
                },
            ) => segs.near(g, tol) && fill == f && stroke.near(s, tol) && target == t,
            (
                Text {
                    lines,
                    size,
                    size_pt,
                    bold,
                    colour,
                    role,
                    target,
                },
                Text {
                    lines: l,
                    size: z,
                    size_pt: p,
                    bold: b,
                    colour: c,
                    role: r,
                    target: t,
                },
            ) => {
                lines.near(l, tol)
                    && size.near(z, tol)
                    && size_pt.near(p, tol)
                    && bold == b
                    && colour == c
                    && role == r
                    && target == t
            }
            (
                Image {
                    rect,
                    image_id,
                    round,
                    target,
                },
                Image {
                    rect: r,
                    image_id: i,
                    round: o,
                    target: t,
                },
            ) => rect.near(r, tol) && image_id == i && round == o && target == t,
            _ => false,
        }
    }
}

impl Near for Region {
    fn near(&self, o: &Region, tol: f32) -> bool {
        use Region::*;
        match (self, o) {
            (
                Cell {
                    rect,
                    phase_id,
                    lane_id,
                },
                Cell {
                    rect: r,
                    phase_id: p,
                    lane_id: l,
                },
            ) => rect.near(r, tol) && phase_id == p && lane_id == l,
            (
                PhaseHeader { rect, phase_id },
                PhaseHeader {
                    rect: r,
                    phase_id: p,
                },
            ) => rect.near(r, tol) && phase_id == p,
            (
                LaneHeader { rect, lane_id },
                LaneHeader {
                    rect: r,
                    lane_id: l,
                },
            ) => rect.near(r, tol) && lane_id == l,
            (
                Emotion {
                    rect,
                    phase_id,
                    top,
                    bottom,
                },
                Emotion {
                    rect: r,
                    phase_id: p,
                    top: t,
                    bottom: b,
                },
            ) => rect.near(r, tol) && phase_id == p && top.near(t, tol) && bottom.near(b, tol),
            _ => false,
        }
    }
}

impl Near for Group {
    fn near(&self, o: &Group, tol: f32) -> bool {
        self.key == o.key
            && self.at.near(&o.at, tol)
            && self.bounds.near(&o.bounds, tol)
            && self.items.near(&o.items, tol)
            && self.regions.near(&o.regions, tol)
            && self.children.near(&o.children, tol)
    }
}

impl Near for Scene {
    /// Two Scenes draw the same (what a front end holds after a change, and the Scene laid
    /// out anew).
    fn near(&self, o: &Scene, tol: f32) -> bool {
        self.width == o.width
            && self.height == o.height
            && self.content == o.content
            && self.scale == o.scale
            && self.min_text_pt == o.min_text_pt
            && self.warnings == o.warnings
            && self.items.near(&o.items, tol)
            && self.regions.near(&o.regions, tol)
            && self.groups.near(&o.groups, tol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_near_and_a_real_change_is_not() {
        let tol = tolerance(2000.0);
        let a = Point::new(52.367104, 20.799988);
        assert!(a.near(&Point::new(52.367104, 20.800018), tol));
        assert!(!a.near(&Point::new(52.367104, 20.81), tol));
        let line = |text: &str, x: f32| TextLine {
            text: text.into(),
            x: Mm(x),
            baseline: Mm(1.0),
            width: Mm(2.0),
        };
        assert!(vec![line("a", 3.0)].near(&vec![line("a", 3.0001)], tol));
        assert!(!vec![line("a", 3.0)].near(&vec![line("b", 3.0)], tol));
        assert!(!vec![line("a", 3.0)].near(&vec![], tol));
    }
}
