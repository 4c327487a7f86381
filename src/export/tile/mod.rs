//! Poster tiling: a large page split over A4 or A3 sheets.
//!
//! Geometry (all millimetres, origin top-left):
//! - each sheet has a non-printing `margin` on every side; inside it is the *printable area*,
//!   `print_w × print_h`, which shows a window of the poster;
//! - neighbouring windows overlap by `overlap`: the window of column `c` starts at
//!   `c × step_x` with `step_x = print_w − overlap` (rows likewise), so every point of the
//!   poster is on at least one sheet and the overlap strip is on both neighbours;
//! - the overlap strip along a sheet's right and bottom edges is its *glue zone*: the next
//!   sheet, trimmed at its crop marks, is laid over it; alignment crosses printed at the same
//!   poster position on both sheets make lining them up exact;
//! - the sheet orientation is the one needing fewer sheets (portrait on a tie).
//!
//! Every sheet also carries a 50 mm scale bar in its top margin ([`SCALE_BAR_MM`]), so a
//! printer's "fit to page" is caught before the sheets are glued.
//!
//! The overlays (crop marks, glue hatching, crosses, labels) and the assembly overview are
//! built as Scene items, so the PDF exporter draws them with the same code as the map.

mod overview;

pub use overview::overview;

use crate::model::Lang;
use crate::scene::words::words;
use crate::scene::{Item, Mm, Paper, Point, Rect, Seg, Stroke, TextLine, TextRole};

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct TileOptions {
    pub sheet: Paper,
    /// Poster overlap between neighbouring sheets (default 10 mm).
    pub overlap: Mm,
    /// Non-printing margin of each sheet (default 8 mm: most home printers need 3–6 mm).
    pub margin: Mm,
}

impl Default for TileOptions {
    fn default() -> Self {
        TileOptions {
            sheet: Paper::A4,
            overlap: Mm(10.0),
            margin: Mm(8.0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    pub sheet_w: f32,
    pub sheet_h: f32,
    pub margin: f32,
    pub overlap: f32,
    pub print_w: f32,
    pub print_h: f32,
    pub step_x: f32,
    pub step_y: f32,
    pub rows: usize,
    pub cols: usize,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TileError {
    #[error("overlap {overlap} mm and margin {margin} mm leave no room on a {sheet} sheet; use a smaller overlap")]
    NoRoom {
        overlap: f32,
        margin: f32,
        sheet: &'static str,
    },
    #[error("overlap must be between 0 and 50 mm, got {0}")]
    Overlap(f32),
}

fn count(len: f32, print: f32, step: f32) -> usize {
    if len <= print {
        1
    } else {
        1 + ((len - print) / step - 1e-4).ceil().max(0.0) as usize
    }
}

/// The sheet grid for a poster of `poster_w × poster_h` mm.
pub fn grid(poster_w: f32, poster_h: f32, opts: &TileOptions) -> Result<Grid, TileError> {
    let overlap = opts.overlap.0;
    if !(0.0..=50.0).contains(&overlap) || overlap.is_nan() {
        return Err(TileError::Overlap(overlap));
    }
    let margin = opts.margin.0.max(0.0);
    let (a, b) = opts.sheet.size();
    let mut best: Option<Grid> = None;
    for (sw, sh) in [(a, b), (b, a)] {
        let (pw, ph) = (sw - 2.0 * margin, sh - 2.0 * margin);
        let (sx, sy) = (pw - overlap, ph - overlap);
        if sx < 20.0 || sy < 20.0 {
            continue;
        }
        let g = Grid {
            sheet_w: sw,
            sheet_h: sh,
            margin,
            overlap,
            print_w: pw,
            print_h: ph,
            step_x: sx,
            step_y: sy,
            cols: count(poster_w, pw, sx),
            rows: count(poster_h, ph, sy),
        };
        if best.is_none_or(|b| g.rows * g.cols < b.rows * b.cols) {
            best = Some(g);
        }
    }
    best.ok_or(TileError::NoRoom {
        overlap,
        margin,
        sheet: opts.sheet.name(),
    })
}

impl Grid {
    pub fn tiles(&self) -> usize {
        self.rows * self.cols
    }

    /// Where tile `(r, c)` shows the poster: the poster point `(x, y)` appears on the sheet at
    /// `(x + dx, y + dy)`.
    pub fn offset(&self, r: usize, c: usize) -> (f32, f32) {
        (
            self.margin - c as f32 * self.step_x,
            self.margin - r as f32 * self.step_y,
        )
    }

    pub fn printable(&self) -> Rect {
        Rect::new(self.margin, self.margin, self.print_w, self.print_h)
    }
}

fn stroke(colour: &str, w: f32) -> Option<Stroke> {
    Some(Stroke {
        colour: colour.into(),
        width: Mm(w),
        dash: vec![],
    })
}

fn line(items: &mut Vec<Item>, a: (f32, f32), b: (f32, f32), colour: &str, w: f32) {
    items.push(Item::Path {
        segs: vec![
            Seg::Move {
                to: Point::new(a.0, a.1),
            },
            Seg::Line {
                to: Point::new(b.0, b.1),
            },
        ],
        fill: None,
        stroke: stroke(colour, w),
        target: None,
    });
}

/// A one-line text item; `measure` gives a line's width in mm at `size` mm.
#[allow(clippy::too_many_arguments)]
fn label(
    items: &mut Vec<Item>,
    x: f32,
    baseline: f32,
    text: &str,
    pt: f32,
    bold: bool,
    colour: &str,
    measure: &dyn Fn(&str, bool) -> f32,
) {
    let size = pt * 25.4 / 72.0;
    items.push(Item::Text {
        lines: vec![TextLine {
            text: text.to_string(),
            x: Mm(x),
            baseline: Mm(baseline),
            width: Mm(measure(text, bold) * size),
        }],
        size: Mm(size),
        size_pt: crate::scene::Pt(pt),
        bold,
        colour: colour.into(),
        role: TextRole::Label,
        target: None,
    });
}

/// An alignment cross with a white halo, so it shows on any background.
fn cross(items: &mut Vec<Item>, x: f32, y: f32) {
    let r = 3.0;
    for (colour, w) in [("#ffffff", 0.8), ("#1f2933", 0.25)] {
        line(items, (x - r, y), (x + r, y), colour, w);
        line(items, (x, y - r), (x, y + r), colour, w);
    }
    items.push(Item::Circle {
        centre: Point::new(x, y),
        r: Mm(1.4),
        fill: None,
        stroke: stroke("#1f2933", 0.25),
        target: None,
    });
}

/// Diagonal hatching inside `r`, clipped to it exactly.
fn hatch(items: &mut Vec<Item>, r: Rect) {
    let (x0, y0, x1, y1) = (r.x.0, r.y.0, r.right(), r.bottom());
    let step = 3.0;
    // Lines x - y = k for k spanning the rectangle; clip each to the rectangle.
    let mut k = x0 - y1;
    while k < x1 - y0 {
        let ya = (x0 - k).max(y0);
        let yb = (x1 - k).min(y1);
        if yb > ya {
            line(items, (ya + k, ya), (yb + k, yb), "#aeb7c2", 0.2);
        }
        k += step;
    }
}

/// Length of the scale bar on every sheet.
pub const SCALE_BAR_MM: f32 = 50.0;

/// A 50 mm scale bar in the top margin, ticked every 10 mm, with what to do when it measures
/// shorter: a printer's "fit to page" shrinks every sheet a little, and the sheets of a poster
/// then no longer meet. Measuring one bar catches it before anything is glued.
fn scale_bar(items: &mut Vec<Item>, g: &Grid, text: &str, measure: &dyn Fn(&str, bool) -> f32) {
    let m = g.margin;
    // Clear of the crop mark at the printable area's corner.
    let x0 = g.margin + 10.0;
    let y = m * 0.62;
    let tick = (m * 0.3).min(2.0);
    line(items, (x0, y), (x0 + SCALE_BAR_MM, y), "#1f2933", 0.3);
    for i in 0..=5 {
        let x = x0 + i as f32 * 10.0;
        let h = if i % 5 == 0 { tick } else { tick * 0.6 };
        line(items, (x, y - h), (x, y), "#1f2933", 0.25);
    }
    label(
        items,
        x0 + SCALE_BAR_MM + 2.5,
        y,
        &format!("50 mm — {text}"),
        6.5,
        false,
        "#52606d",
        measure,
    );
}

/// The marks drawn over tile `(r, c)` (page `page` of `pages`).
#[allow(clippy::too_many_arguments)]
pub fn tile_overlay(
    g: &Grid,
    r: usize,
    c: usize,
    page: usize,
    pages: usize,
    title: &str,
    lang: Lang,
    poster: (f32, f32),
    measure: &dyn Fn(&str, bool) -> f32,
) -> Vec<Item> {
    let w = words(lang);
    let mut items = Vec::new();
    let p = g.printable();
    let (px0, py0, px1, py1) = (p.x.0, p.y.0, p.right(), p.bottom());
    // Glue zones: the strips the next sheet to the right / below is laid over.
    if c + 1 < g.cols {
        hatch(
            &mut items,
            Rect::new(px1 - g.overlap, py0, g.overlap, g.print_h),
        );
    }
    if r + 1 < g.rows {
        hatch(
            &mut items,
            Rect::new(px0, py1 - g.overlap, g.print_w, g.overlap),
        );
    }
    // Crop marks in the margin, on the lines along which this sheet is trimmed.
    let m = g.margin;
    let len = (m - 2.0).clamp(2.0, 6.0);
    for &(x, y) in &[(px0, py0), (px1, py0), (px0, py1), (px1, py1)] {
        let hx = if x == px0 { -1.0 } else { 1.0 };
        let vy = if y == py0 { -1.0 } else { 1.0 };
        line(
            &mut items,
            (x + hx * 1.0, y),
            (x + hx * (1.0 + len), y),
            "#1f2933",
            0.2,
        );
        line(
            &mut items,
            (x, y + vy * 1.0),
            (x, y + vy * (1.0 + len)),
            "#1f2933",
            0.2,
        );
    }
    // Alignment crosses at the centre of every overlap strip this sheet shares, a quarter and
    // three quarters along it, at the same poster positions as on the neighbour.
    let (dx, dy) = g.offset(r, c);
    let mut crosses = Vec::new();
    // A quarter and three quarters along the part of the window that shows poster (the last
    // row and column may show less than a full window).
    let along = |start: f32, len: f32, end: f32| {
        let stop = (start + len).min(end).max(start);
        [start + (stop - start) * 0.25, start + (stop - start) * 0.75]
    };
    let ys = along(r as f32 * g.step_y, g.print_h, poster.1);
    let xs = along(c as f32 * g.step_x, g.print_w, poster.0);
    if c > 0 {
        let x = c as f32 * g.step_x + g.overlap / 2.0;
        crosses.extend(ys.iter().map(|&y| (x, y)));
    }
    if c + 1 < g.cols {
        let x = (c + 1) as f32 * g.step_x + g.overlap / 2.0;
        crosses.extend(ys.iter().map(|&y| (x, y)));
    }
    if r > 0 {
        let y = r as f32 * g.step_y + g.overlap / 2.0;
        crosses.extend(xs.iter().map(|&x| (x, y)));
    }
    if r + 1 < g.rows {
        let y = (r + 1) as f32 * g.step_y + g.overlap / 2.0;
        crosses.extend(xs.iter().map(|&x| (x, y)));
    }
    for (x, y) in crosses {
        cross(&mut items, x + dx, y + dy);
    }
    scale_bar(&mut items, g, w.scale_check, measure);
    let text = format!(
        "{title} — {} {} / {} {} — {} {page} {} {pages}   ·   {}",
        w.row,
        r + 1,
        w.column,
        c + 1,
        w.page,
        w.of,
        w.glue
    );
    label(
        &mut items,
        px0,
        g.sheet_h - m * 0.35,
        &text,
        7.0,
        false,
        "#52606d",
        measure,
    );
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a0_landscape_on_a4_takes_25_landscape_sheets() {
        let g = grid(1189.0, 841.0, &TileOptions::default()).expect("grid");
        assert_eq!((g.sheet_w, g.sheet_h), (297.0, 210.0));
        assert_eq!((g.rows, g.cols), (5, 5));
        // The last window reaches the poster's edge.
        assert!((g.cols - 1) as f32 * g.step_x + g.print_w >= 1189.0);
        assert!((g.rows - 1) as f32 * g.step_y + g.print_h >= 841.0);
    }

    /// The alignment crosses of every tile, in poster coordinates.
    fn crosses(g: &Grid, r: usize, c: usize) -> Vec<(i64, i64)> {
        let measure = |t: &str, _: bool| t.len() as f32 * 0.5;
        let (dx, dy) = g.offset(r, c);
        tile_overlay(g, r, c, 1, 1, "t", Lang::En, (1189.0, 841.0), &measure)
            .into_iter()
            .filter_map(|it| match it {
                Item::Circle { centre, .. } => Some((
                    ((centre.x.0 - dx) * 100.0).round() as i64,
                    ((centre.y.0 - dy) * 100.0).round() as i64,
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn neighbours_print_their_crosses_at_the_same_poster_points_inside_the_poster() {
        let g = grid(1189.0, 841.0, &TileOptions::default()).expect("grid");
        for r in 0..g.rows {
            for c in 0..g.cols {
                let mine = crosses(&g, r, c);
                assert!(!mine.is_empty(), "tile {r},{c} has no crosses");
                for &(x, y) in &mine {
                    assert!(x <= 118_900 && y <= 84_100, "cross off the poster: {x},{y}");
                    // Every cross is shared with the neighbour whose overlap strip it is in.
                    let shared =
                        [(0i64, 1i64), (0, -1), (1, 0), (-1, 0)]
                            .iter()
                            .any(|&(dr, dc)| {
                                let (nr, nc) = (r as i64 + dr, c as i64 + dc);
                                nr >= 0
                                    && nc >= 0
                                    && (nr as usize) < g.rows
                                    && (nc as usize) < g.cols
                                    && crosses(&g, nr as usize, nc as usize).contains(&(x, y))
                            });
                    assert!(
                        shared,
                        "cross {x},{y} of tile {r},{c} is not on a neighbour"
                    );
                }
            }
        }
    }

    #[test]
    fn bad_overlap_is_refused() {
        let o = TileOptions {
            overlap: Mm(80.0),
            ..TileOptions::default()
        };
        assert!(matches!(
            grid(1189.0, 841.0, &o),
            Err(TileError::Overlap(_))
        ));
    }

    #[test]
    fn hatch_stays_inside_its_strip() {
        let mut items = Vec::new();
        let r = Rect::new(10.0, 20.0, 10.0, 100.0);
        hatch(&mut items, r);
        assert!(!items.is_empty());
        for it in items {
            let Item::Path { segs, .. } = it else {
                continue;
            };
            for s in segs {
                if let Seg::Move { to } | Seg::Line { to } = s {
                    assert!(
                        to.x.0 >= 9.999
                            && to.x.0 <= 20.001
                            && to.y.0 >= 19.999
                            && to.y.0 <= 120.001,
                        "{to:?}"
                    );
                }
            }
        }
    }
}
