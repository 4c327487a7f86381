//! The print side of scanning: four registration marks in the corners of a blank canvas sheet
//! and a small QR code by the bottom-left mark carrying the sheet's [`CanvasCode`], drawn as
//! Scene items so the PDF and the SVG get the same marks. On a single sheet the code sits beside
//! the bottom-left mark and the layout keeps the margins free for them ([`single_sheet_room`]),
//! so they never cover the map; on a tiled sheet they sit in the printable area's corners.
//!
//! Geometry (millimetres on the sheet, see [`MarkGeometry`]): each mark is a `u × u` square of
//! dark ink with a white square ring inside (ring `u/6`, gap `u/6`, centre `u/3`), like a QR
//! finder pattern but placed at the four corners of the sheet (of a tile's printable area), so
//! the four together span the sheet. `u` and the code's size `q` grow with the sheet: about 12 mm
//! and 42 mm on A0, 7 mm and 26 mm on an A4 or A3 tile, so a phone photo of the whole sheet still shows
//! the code's modules a few pixels wide. The reader (`locate`) uses the same geometry.

use qrcode::{Color, EcLevel, QrCode};

use super::code::CanvasCode;
use crate::export::tile::Grid;
use crate::scene::{Item, Mm, Rect};

/// The marks' ink: a calm grey-black, dark enough to find in a dim photo.
pub const MARK_INK: &str = "#262b33";
const WHITE: &str = "#ffffff";

/// Where the marks and the code sit on one sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarkGeometry {
    pub sheet_w: f32,
    pub sheet_h: f32,
    /// A mark's side.
    pub mark: f32,
    /// The marks' centres: top left, top right, bottom right, bottom left.
    pub centres: [[f32; 2]; 4],
    /// The code's modules (without its white quiet zone).
    pub code: Rect,
}

/// A mark's side and the code's on a sheet whose long side is `long` mm.
fn sizes(long: f32) -> (f32, f32) {
    (
        (long * 0.01).clamp(7.0, 12.0),
        (long * 0.035).clamp(26.0, 42.0),
    )
}

/// Where the code sits: above the bottom-left mark, or beside it (to its right, on the same
/// baseline).
#[derive(Clone, Copy)]
enum CodePlace {
    Above,
    Beside,
}

fn geometry(sheet_w: f32, sheet_h: f32, area: Rect, inset: f32, place: CodePlace) -> MarkGeometry {
    let (u, q) = sizes(sheet_w.max(sheet_h));
    let (x0, y0) = (area.x.0 + inset, area.y.0 + inset);
    let (x1, y1) = (area.right() - inset - u, area.bottom() - inset - u);
    let c = |x: f32, y: f32| [x + u / 2.0, y + u / 2.0];
    let quiet = q * 0.08;
    let code = match place {
        CodePlace::Above => Rect::new(x0 + quiet, y1 - u * 0.25 - quiet - q, q, q),
        CodePlace::Beside => Rect::new(x0 + u + GAP + quiet, y1 + u - q, q, q),
    };
    MarkGeometry {
        sheet_w,
        sheet_h,
        mark: u,
        centres: [c(x0, y0), c(x1, y0), c(x1, y1), c(x0, y1)],
        code,
    }
}

/// The marks' distance from the edge of a single sheet.
const SINGLE_INSET: f32 = 4.0;
/// Free space between a mark or the code and the map.
const GAP: f32 = 3.0;

/// The marks of a canvas printed on one sheet of `w × h` mm: in the page margin's corners, the
/// code beside the bottom-left one, all outside the map ([`single_sheet_room`]).
pub fn single_sheet(w: f32, h: f32) -> MarkGeometry {
    geometry(
        w,
        h,
        Rect::new(0.0, 0.0, w, h),
        SINGLE_INSET,
        CodePlace::Beside,
    )
}

/// What a single sheet's layout keeps free for its marks and code.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Room {
    /// The page margin on every side (at least the paper's usual one).
    pub margin: f32,
    /// Extra room below the map, for the code.
    pub bottom: f32,
}

/// The margins that keep a single sheet's marks and code off the map.
pub fn single_sheet_room(w: f32, h: f32) -> Room {
    let (u, q) = sizes(w.max(h));
    let margin = crate::layout::default_margin(w, h).max(SINGLE_INSET + u + GAP);
    let bottom = (SINGLE_INSET + q + GAP - margin).max(0.0);
    Room { margin, bottom }
}

/// The marks of one sheet of a tiled poster: in the corners of its printable area.
pub fn tile_sheet(g: &Grid) -> MarkGeometry {
    geometry(g.sheet_w, g.sheet_h, g.printable(), 1.0, CodePlace::Above)
}

/// The QR code of `text` (error correction M, which survives a smudge or a glare spot).
pub fn qr(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let n = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Some((n, dark))
}

fn rect(items: &mut Vec<Item>, x: f32, y: f32, w: f32, h: f32, fill: &str) {
    items.push(Item::Rect {
        rect: Rect::new(x, y, w, h),
        radius: Mm(0.0),
        fill: Some(fill.to_string()),
        stroke: None,
        target: None,
    });
}

/// The marks and the code of `code` on a sheet laid out as `geo`, as Scene items to draw over
/// the sheet.
pub fn items(geo: &MarkGeometry, code: &CanvasCode) -> Vec<Item> {
    let mut out = Vec::new();
    let u = geo.mark;
    for [cx, cy] in geo.centres {
        let (x, y) = (cx - u / 2.0, cy - u / 2.0);
        rect(
            &mut out,
            x - u / 6.0,
            y - u / 6.0,
            u * 4.0 / 3.0,
            u * 4.0 / 3.0,
            WHITE,
        );
        rect(&mut out, x, y, u, u, MARK_INK);
        rect(
            &mut out,
            x + u / 6.0,
            y + u / 6.0,
            u * 2.0 / 3.0,
            u * 2.0 / 3.0,
            WHITE,
        );
        rect(
            &mut out,
            x + u / 3.0,
            y + u / 3.0,
            u / 3.0,
            u / 3.0,
            MARK_INK,
        );
    }
    if let Some((n, dark)) = qr(&code.encode()) {
        let r = geo.code;
        let m = r.w.0 / n as f32;
        let quiet = r.w.0 * 0.08;
        rect(
            &mut out,
            r.x.0 - quiet,
            r.y.0 - quiet,
            r.w.0 + 2.0 * quiet,
            r.h.0 + 2.0 * quiet,
            WHITE,
        );
        // One rect per horizontal run of dark modules keeps the PDF small; runs overlap by a
        // hair so no white seam shows between modules in a viewer.
        for row in 0..n {
            let mut col = 0;
            while col < n {
                if !dark[row * n + col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < n && dark[row * n + col] {
                    col += 1;
                }
                rect(
                    &mut out,
                    r.x.0 + start as f32 * m,
                    r.y.0 + row as f32 * m,
                    (col - start) as f32 * m,
                    m * 1.02,
                    MARK_INK,
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::PrintRequest;

    #[test]
    fn marks_sit_in_the_corners_and_the_code_beside_the_bottom_left_one() {
        let geo = single_sheet(1189.0, 841.0);
        let u = geo.mark;
        assert!((11.8..=12.0).contains(&u), "{u}");
        assert_eq!(geo.centres[0], [4.0 + u / 2.0, 4.0 + u / 2.0]);
        let [x, y] = geo.centres[2];
        assert!((x - (1189.0 - 4.0 - u / 2.0)).abs() < 1e-3, "{x}");
        assert!((y - (841.0 - 4.0 - u / 2.0)).abs() < 1e-3, "{y}");
        // An A4 tile gets the smallest marks and code.
        let g = crate::export::tile::grid(1189.0, 841.0, &Default::default()).expect("grid");
        let tile = tile_sheet(&g);
        assert_eq!((tile.mark, tile.code.w.0), (7.0, 26.0));
        // On one sheet the code sits right of the bottom-left mark, on its baseline, and the
        // layout keeps the margins clear of both.
        let [lx, ly] = geo.centres[3];
        assert!(geo.code.x.0 > lx + u / 2.0, "right of the mark");
        assert!(
            (geo.code.bottom() - (ly + u / 2.0)).abs() < 1e-3,
            "on its baseline"
        );
        assert!(geo.code.w.0 > 40.0);
        let room = single_sheet_room(1189.0, 841.0);
        assert!(
            room.margin >= 4.0 + u,
            "the marks fit in the margin: {room:?}"
        );
        assert!(
            841.0 - room.margin - room.bottom <= geo.code.y.0,
            "the map ends above the code: {room:?}"
        );
        // A tiled sheet keeps the code above its bottom-left mark.
        assert!(tile.code.bottom() < tile.centres[3][1] - tile.mark / 2.0);
        let code = CanvasCode::for_print("journey_abc", 1, &PrintRequest::default(), None);
        let items = items(&geo, &code);
        assert!(
            items.len() > 4 * 4 + 20,
            "marks and modules: {}",
            items.len()
        );
    }
}
