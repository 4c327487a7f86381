//! A wall of tiled sheets for the reader's tests (`tests/scan.rs`): four sheets of the sample's
//! A1 canvas tiled on A3, rendered by `pdftoppm` and hung side by side on a wall, with notes on
//! each sheet and across the seams between them.

use image::RgbImage;
use klantreis::export::tile::{self, Grid, TileOptions};
use klantreis::layout::{Paper, Scene};
use klantreis::model::Lang;
use klantreis::print::{self, PrintRequest};
use klantreis::session;
use klantreis::store::Document;

use super::{plan_notes, render_pdf_page, stick, Rng};

/// The sample journey's blank A1 canvas tiled on A3, printed as `klantreis pdf --blank
/// --paper a1 --tile a3` prints it: the document, the PDF, the poster's Scene and its sheets.
pub struct TiledPrint {
    pub dir: tempfile::TempDir,
    pub doc: Document,
    pub id: String,
    pub pdf: Vec<u8>,
    pub scene: Scene,
    pub grid: Grid,
}

pub fn tiled_print() -> TiledPrint {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("t.klantreis")).expect("create");
    let id = session::add_sample(&mut doc, Lang::Nl).expect("sample");
    let req = PrintRequest {
        paper: Paper::A1,
        blank: true,
        tile: Some(Paper::A3),
        ..Default::default()
    };
    let pdf = print::render(&doc, &id, &req, &mut |_| {})
        .expect("print")
        .bytes;
    let scene = print::scene(doc.workspace(), &id, &req).expect("scene");
    let opts = TileOptions {
        sheet: Paper::A3,
        ..Default::default()
    };
    let grid = tile::grid(scene.width.0, scene.height.0, &opts).expect("grid");
    TiledPrint {
        dir,
        doc,
        id,
        pdf,
        scene,
        grid,
    }
}

/// Four sheets of a tiled print hung side by side on a wall, with notes.
pub struct TiledWall {
    pub _dir: tempfile::TempDir,
    pub doc: Document,
    pub id: String,
    /// The wall at `ppm` px/mm, the notes stuck on it.
    pub wall: RgbImage,
    pub ppm: f64,
    /// Every note (wall mm), the ones across a seam last.
    pub notes: Vec<super::NoteSpec>,
    pub seam: Vec<super::NoteSpec>,
    /// Each sheet's paper on the wall, `[x0, y0, x1, y1]` mm.
    pub sheets: Vec<[f64; 4]>,
}

/// The four sheets of the top-left corner of the sample's A1 canvas tiled on A3, hung 5 mm
/// apart (wall between them), three notes planned on each sheet's own part of the poster and
/// three across the seams: between the two top sheets (centre on the left one), between the
/// two bottom sheets (centre on the right one) and between the two left sheets (centre on
/// the lower one), each centred in a cell, clear of the cell's borders.
pub fn tiled_wall() -> TiledWall {
    let TiledPrint {
        dir,
        doc,
        id,
        pdf,
        scene,
        grid: g,
    } = tiled_print();
    assert!(g.cols >= 2 && g.rows >= 2, "{g:?}");
    let (sw, sh) = (g.sheet_w as f64, g.sheet_h as f64);
    const GAP: f64 = 5.0;
    const DPI: u32 = 100;
    let ppm = DPI as f64 / 25.4;
    let origin = |r: usize, c: usize| (c as f64 * (sw + GAP), r as f64 * (sh + GAP));
    let (ww, wh) = (2.0 * sw + GAP, 2.0 * sh + GAP);
    let mut wall = RgbImage::from_pixel(
        (ww * ppm) as u32,
        (wh * ppm) as u32,
        image::Rgb([196, 190, 176]),
    );
    let mut rng = Rng::new(90);
    let all = super::cells(&scene);
    let cell_of = |x: f64, y: f64| {
        all.iter()
            .find(|(r, _, _)| x >= r[0] && x <= r[0] + r[2] && y >= r[1] && y <= r[1] + r[3])
            .map(|(r, p, l)| (*r, p.clone(), l.clone()))
    };
    let side = 60.0;
    let mut seam: Vec<super::NoteSpec> = Vec::new();
    // (sheet row, column, the centre's distance from the seam, which seam: `true` for the
    // sheet's right or left edge, `false` for its top edge).
    for (r, c, local, beside) in [
        (0usize, 0usize, sw - 18.0, true),
        (1, 1, 18.0, true),
        (1, 0, 18.0, false),
    ] {
        let (dx, dy) = g.offset(r, c);
        let (dx, dy) = (dx as f64, dy as f64);
        // Along the seam: the first cell whose middle is well inside the sheet and leaves the
        // note room inside the cell along the seam.
        let spec = all.iter().find_map(|(rect, _, _)| {
            let (mx, my) = (rect[0] + rect[2] / 2.0 + dx, rect[1] + rect[3] / 2.0 + dy);
            let (x, y) = if beside { (local, my) } else { (mx, local) };
            let (px, py) = (x - dx, y - dy);
            let (cell, phase_id, lane_id) = cell_of(px, py)?;
            let room = |v: f64, lo: f64, len: f64, need: f64| v - lo > need && lo + len - v > need;
            let ok = if beside {
                (60.0..sh - 60.0).contains(&y)
                    && room(py, cell[1], cell[3], side / 2.0 + 4.0)
                    && room(px, cell[0], cell[2], 8.0)
            } else {
                (60.0..sw - 60.0).contains(&x)
                    && room(px, cell[0], cell[2], side / 2.0 + 4.0)
                    && room(py, cell[1], cell[3], 8.0)
            };
            ok.then(|| {
                let (ox, oy) = origin(r, c);
                super::NoteSpec {
                    x: ox + x - side / 2.0,
                    y: oy + y - side / 2.0,
                    w: side,
                    h: side,
                    colour: super::COLOURS[seam.len() * 2 % 6],
                    text: "naad".into(),
                    phase_id,
                    lane_id,
                    shade: false,
                    dots: Vec::new(),
                }
            })
        });
        seam.push(spec.expect("a cell along the seam"));
    }
    let mut notes: Vec<super::NoteSpec> = Vec::new();
    for r in 0..2 {
        for c in 0..2 {
            let page = 2 + r * g.cols + c;
            let sheet = render_pdf_page(&pdf, page, DPI, dir.path());
            let (ox, oy) = origin(r, c);
            image::imageops::replace(
                &mut wall,
                &sheet,
                (ox * ppm).round() as i64,
                (oy * ppm).round() as i64,
            );
            let (x0, y0) = (c as f64 * g.step_x as f64, r as f64 * g.step_y as f64);
            let window = [
                x0 + 30.0,
                y0 + 30.0,
                x0 + g.step_x as f64 - 30.0,
                y0 + g.step_y as f64 - 30.0,
            ];
            let (dx, dy) = g.offset(r, c);
            let planned = plan_notes(
                &scene,
                &mut rng,
                3,
                side,
                window,
                (dx as f64 + ox, dy as f64 + oy),
            );
            // Clear of the notes across the seams.
            notes.extend(planned.into_iter().filter(|n| {
                seam.iter().all(|s| {
                    n.x + n.w + 6.0 < s.x
                        || s.x + s.w + 6.0 < n.x
                        || n.y + n.h + 6.0 < s.y
                        || s.y + s.h + 6.0 < n.y
                })
            }));
        }
    }
    notes.extend(seam.iter().cloned());
    stick(&mut wall, &notes, ppm, &mut rng);
    let sheets = (0..4)
        .map(|i| {
            let (ox, oy) = origin(i / 2, i % 2);
            [ox, oy, ox + sw, oy + sh]
        })
        .collect();
    TiledWall {
        _dir: dir,
        doc,
        id,
        wall,
        ppm,
        notes,
        seam,
        sheets,
    }
}

/// The one note on `photo` at `spec` as `scan` found it: exactly one.
pub fn the_note<'a>(
    photo: &super::Photo,
    scan: &'a [&klantreis::scan::FoundNote],
    spec: &super::NoteSpec,
) -> &'a klantreis::scan::FoundNote {
    let on = photo
        .notes
        .iter()
        .find(|n| n.spec.x == spec.x && n.spec.y == spec.y)
        .expect("on the photo");
    let near: Vec<_> = scan
        .iter()
        .filter(|f| {
            let cx = f.outline.iter().map(|p| p[0] as f64).sum::<f64>() / 4.0;
            let cy = f.outline.iter().map(|p| p[1] as f64).sum::<f64>() / 4.0;
            (cx - on.centre[0]).hypot(cy - on.centre[1]) < on.size_px * 0.4
        })
        .collect();
    assert_eq!(near.len(), 1, "one note: {spec:?}");
    near[0]
}

/// The same four sheets assembled as the print's guide says: each sheet after the first trimmed
/// at its crop marks (its printable area) and laid over the glue strips of the sheets to its
/// left and above, so the poster is continuous and each sheet's right and bottom marks are
/// under its neighbours; notes planned in three cells of each sheet's own part of the poster.
/// Wall mm are the first sheet's paper mm.
pub fn glued_wall() -> TiledWall {
    let TiledPrint {
        dir,
        doc,
        id,
        pdf,
        scene,
        grid: g,
    } = tiled_print();
    const DPI: u32 = 100;
    let ppm = DPI as f64 / 25.4;
    let (m, sx, sy) = (g.margin as f64, g.step_x as f64, g.step_y as f64);
    let (ww, wh) = (
        m + sx + g.print_w as f64 + 20.0,
        m + sy + g.print_h as f64 + 20.0,
    );
    let mut wall = RgbImage::from_pixel(
        (ww * ppm) as u32,
        (wh * ppm) as u32,
        image::Rgb([196, 190, 176]),
    );
    let mut rng = Rng::new(93);
    let mut notes = Vec::new();
    let mut sheets = Vec::new();
    for r in 0..2 {
        for c in 0..2 {
            let page = 2 + r * g.cols + c;
            let sheet = render_pdf_page(&pdf, page, DPI, dir.path());
            // The printable area shows poster (c·step, r·step) at its top left, which is at
            // (margin + c·step, margin + r·step) on the first sheet.
            let (px, py) = (m + c as f64 * sx, m + r as f64 * sy);
            if r == 0 && c == 0 {
                image::imageops::replace(&mut wall, &sheet, 0, 0);
            } else {
                let trimmed = image::imageops::crop_imm(
                    &sheet,
                    (m * ppm).round() as u32,
                    (m * ppm).round() as u32,
                    (g.print_w as f64 * ppm).round() as u32,
                    (g.print_h as f64 * ppm).round() as u32,
                )
                .to_image();
                image::imageops::replace(
                    &mut wall,
                    &trimmed,
                    (px * ppm).round() as i64,
                    (py * ppm).round() as i64,
                );
            }
            let (x0, y0) = (c as f64 * sx, r as f64 * sy);
            let window = [x0 + 30.0, y0 + 30.0, x0 + sx - 30.0, y0 + sy - 30.0];
            notes.extend(plan_notes(&scene, &mut rng, 3, 60.0, window, (m, m)));
            sheets.push([px, py, px + g.print_w as f64, py + g.print_h as f64]);
        }
    }
    stick(&mut wall, &notes, ppm, &mut rng);
    TiledWall {
        _dir: dir,
        doc,
        id,
        wall,
        ppm,
        notes,
        seam: Vec::new(),
        sheets,
    }
}
