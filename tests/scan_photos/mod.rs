//! Synthetic photos of a filled wall, made from the project's own printed blank canvas: the
//! PDF rendered by `pdftoppm`, sticky notes of several colours pasted into known cells (with
//! printed text and hand-drawn-looking strokes; some overlapping, some across a cell border),
//! then the sheet photographed: perspective, any rotation, blur, noise, a shadow gradient and
//! uneven light, saved as JPEG. Everything is seeded, so a photo is the same on every run.
//!
//! Shared by the detection tests (`tests/scan.rs`) and the OCR tests: each [`Photo`] says what
//! is on it (every note's cell, colour, text and centre in the photo's pixels).

// Each user (test file, bench) uses part of it; pixel code reads best with channel indices.
#![allow(dead_code, clippy::needless_range_loop)]

pub mod tiled;
pub mod wall;

use std::path::Path;
use std::process::Command;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use image::{Rgb, RgbImage};
use klantreis::layout::{Region, Scene};
use klantreis::model::CardColour;
use klantreis::scan::geom::Homography;

/// A small deterministic random source (xorshift), so photos need no `rand`.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// Uniform in `lo .. hi`.
    pub fn f(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Realistic sticky-note pads (stronger than the print's pale tints), per card colour.
pub fn pad_colour(c: CardColour) -> [u8; 3] {
    match c {
        CardColour::Yellow => [252, 236, 112],
        CardColour::Orange => [255, 178, 102],
        CardColour::Pink => [250, 150, 190],
        CardColour::Purple => [186, 158, 232],
        CardColour::Blue => [128, 192, 242],
        CardColour::Green => [142, 218, 150],
        CardColour::Grey => [205, 208, 212],
    }
}

pub const COLOURS: [CardColour; 6] = [
    CardColour::Yellow,
    CardColour::Orange,
    CardColour::Pink,
    CardColour::Purple,
    CardColour::Blue,
    CardColour::Green,
];

/// Words the notes are written with (Dutch and English, as a workshop wall has them).
pub const WORDS: [&str; 24] = [
    "wachten", "bellen", "website", "factuur", "korting", "levering", "service", "vraag", "kapot",
    "snel", "duur", "winkel", "proefrit", "advies", "garantie", "app", "order", "payment", "email",
    "return", "helpdesk", "delay", "review", "invoice",
];

/// A page of a PDF as an image, at `dpi` (through `pdftoppm`).
pub fn render_pdf_page(pdf: &[u8], page: usize, dpi: u32, dir: &Path) -> RgbImage {
    let path = dir.join(format!("canvas-{page}-{dpi}.pdf"));
    std::fs::write(&path, pdf).expect("write pdf");
    let out = dir.join(format!("canvas-{page}-{dpi}"));
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", &dpi.to_string(), "-singlefile"])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(&path)
        .arg(&out)
        .status()
        .expect("pdftoppm runs (poppler-utils, scripts/setup.sh)");
    assert!(status.success(), "pdftoppm failed");
    image::open(out.with_extension("png"))
        .expect("rendered page")
        .to_rgb8()
}

/// A note to stick: its box on the sheet (mm), colour and text.
#[derive(Debug, Clone)]
pub struct NoteSpec {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub colour: CardColour,
    pub text: String,
    /// The cell it belongs in (under its centre on the poster).
    pub phase_id: String,
    pub lane_id: String,
    /// A second, stronger shade of its colour (a pad from another brand).
    pub shade: bool,
    /// The dot stickers voted onto it.
    pub dots: Vec<Dot>,
}

/// A round dot sticker on a note: its centre from the note's top-left corner (mm, so it
/// moves with the note), its diameter (mm) and colour.
#[derive(Debug, Clone, Copy)]
pub struct Dot {
    pub dx: f64,
    pub dy: f64,
    pub d: f64,
    pub colour: [u8; 3],
}

/// Dot stickers as workshops buy them: three colours, three sizes (mm).
pub const DOT_COLOURS: [[u8; 3]; 3] = [[218, 41, 48], [34, 80, 196], [38, 158, 74]];
pub const DOT_SIZES: [f64; 3] = [8.0, 12.0, 19.0];

/// A note on a finished photo.
#[derive(Debug, Clone)]
pub struct NoteOnPhoto {
    pub spec: NoteSpec,
    /// Its visible centre in the photo's pixels.
    pub centre: [f64; 2],
    /// Its side in the photo's pixels (about).
    pub size_px: f64,
}

pub struct Photo {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub notes: Vec<NoteOnPhoto>,
    /// Every dot's centre and radius in the photo's pixels.
    pub dots: Vec<([f64; 2], f64)>,
}

/// The cells of a scene: `(rect as [x, y, w, h] mm, phase, lane)`.
pub fn cells(scene: &Scene) -> Vec<([f64; 4], String, String)> {
    scene
        .regions
        .iter()
        .filter_map(|r| match r {
            Region::Cell {
                rect,
                phase_id,
                lane_id,
            } => Some((
                [
                    rect.x.0 as f64,
                    rect.y.0 as f64,
                    rect.w.0 as f64,
                    rect.h.0 as f64,
                ],
                phase_id.clone(),
                lane_id.clone(),
            )),
            _ => None,
        })
        .collect()
}

fn cell_under(cells: &[([f64; 4], String, String)], x: f64, y: f64) -> Option<(String, String)> {
    cells
        .iter()
        .find(|(r, _, _)| x >= r[0] && x <= r[0] + r[2] && y >= r[1] && y <= r[1] + r[3])
        .map(|(_, p, l)| (p.clone(), l.clone()))
}

fn text(rng: &mut Rng) -> String {
    let n = 1 + rng.below(3);
    (0..n)
        .map(|_| WORDS[rng.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Notes for the cells of a poster: per chosen cell one note, or two overlapping a little
/// (sometimes of one colour), or one across the cell's lower or right border, each centred
/// where the cell under it is certain. `window` limits them to a part of the poster (a
/// tile's own part) as `[x0, y0, x1, y1]`; `offset` moves poster mm to sheet mm.
pub fn plan_notes(
    scene: &Scene,
    rng: &mut Rng,
    count: usize,
    side: f64,
    window: [f64; 4],
    offset: (f64, f64),
) -> Vec<NoteSpec> {
    plan(scene, rng, count, side, window, offset, false)
}

/// [`plan_notes`] made meaner: half the pairs touch instead of overlapping, a third of the
/// notes are a second shade of their colour, and every note gets 0–5 dot stickers
/// ([`add_dots`]).
pub fn plan_mean_notes(
    scene: &Scene,
    rng: &mut Rng,
    count: usize,
    side: f64,
    window: [f64; 4],
) -> Vec<NoteSpec> {
    let mut notes = plan(scene, rng, count, side, window, (0.0, 0.0), true);
    for n in notes.iter_mut() {
        n.shade = rng.below(3) == 0;
    }
    add_dots(&mut notes, rng);
    notes
}

/// 0–5 dots on each note, of [`DOT_SIZES`] and [`DOT_COLOURS`], apart from each other by at
/// least 2 mm; a quarter of them touch (and stick out over) the note's edge. No dot reaches
/// over another note (a note stuck later would hide it, and the count would be wrong).
pub fn add_dots(notes: &mut [NoteSpec], rng: &mut Rng) {
    let boxes: Vec<[f64; 4]> = notes.iter().map(|n| [n.x, n.y, n.w, n.h]).collect();
    for (i, n) in notes.iter_mut().enumerate() {
        let want = rng.below(6);
        let mut tries = 0;
        while n.dots.len() < want && tries < 60 {
            tries += 1;
            let d = DOT_SIZES[rng.below(3)];
            let colour = DOT_COLOURS[rng.below(3)];
            let r = d / 2.0;
            let (dx, dy) = if rng.below(4) == 0 {
                // On an edge: the centre inside, the disc over the edge by up to a third.
                let out = rng.f(0.0, d / 3.0);
                let along = |len: f64, rng: &mut Rng| rng.f(r + 2.0, len - r - 2.0);
                match rng.below(4) {
                    0 => (r - out, along(n.h, rng)),
                    1 => (n.w - r + out, along(n.h, rng)),
                    2 => (along(n.w, rng), r - out),
                    _ => (along(n.w, rng), n.h - r + out),
                }
            } else {
                (rng.f(r + 1.5, n.w - r - 1.5), rng.f(r + 1.5, n.h - r - 1.5))
            };
            let apart = n
                .dots
                .iter()
                .all(|o| (o.dx - dx).hypot(o.dy - dy) >= o.d / 2.0 + r + 2.0);
            let (cx, cy) = (n.x + dx, n.y + dy);
            let clear = boxes.iter().enumerate().all(|(j, b)| {
                j == i
                    || cx + r + 1.0 < b[0]
                    || cx - r - 1.0 > b[0] + b[2]
                    || cy + r + 1.0 < b[1]
                    || cy - r - 1.0 > b[1] + b[3]
            });
            if apart && clear {
                n.dots.push(Dot { dx, dy, d, colour });
            }
        }
    }
}

fn plan(
    scene: &Scene,
    rng: &mut Rng,
    count: usize,
    side: f64,
    window: [f64; 4],
    offset: (f64, f64),
    mean: bool,
) -> Vec<NoteSpec> {
    let all = cells(scene);
    // A note "across a border" crosses into a neighbouring cell; the map's outer edge has no
    // neighbour (a note there would hang off the map into the margin, where the marks are).
    let map_right = all.iter().map(|c| c.0[0] + c.0[2]).fold(0.0, f64::max);
    let map_bottom = all.iter().map(|c| c.0[1] + c.0[3]).fold(0.0, f64::max);
    let mut out: Vec<NoteSpec> = Vec::new();
    let mut used = Vec::new();
    let mut tries = 0;
    while out.len() < count && tries < 400 {
        tries += 1;
        let k = rng.below(all.len());
        if used.contains(&k) {
            continue;
        }
        let ([cx, cy, cw, ch], _, _) = &all[k];
        let (cx, cy, cw, ch) = (*cx, *cy, *cw, *ch);
        let kind = rng.below(4);
        let colour = COLOURS[rng.below(6)];
        let mut place: Vec<(f64, f64, f64, f64, CardColour)> = Vec::new();
        let s = side * rng.f(0.9, 1.05);
        match kind {
            // Two notes overlapping by 8–14 mm, side by side.
            0 if cw >= 2.0 * s + 10.0 && ch >= s * 0.9 => {
                // The meaner walls: half the pairs touch edge to edge.
                let ov = if mean && rng.below(2) == 0 {
                    0.0
                } else {
                    rng.f(8.0, 14.0)
                };
                let x0 = cx + (cw - (2.0 * s - ov)) / 2.0;
                let y0 = cy + ch / 2.0 - s / 2.0 + rng.f(-4.0, 4.0);
                let other = if rng.below(3) == 0 {
                    colour
                } else {
                    COLOURS[(COLOURS.iter().position(|c| *c == colour).unwrap_or(0)
                        + 1
                        + rng.below(5))
                        % 6]
                };
                place.push((x0, y0, s, s, colour));
                place.push((x0 + s - ov, y0 + rng.f(-6.0, 6.0), s, s, other));
            }
            // Across the lower border: centre 14–20 mm inside.
            1 if ch > 40.0 && cy + ch < map_bottom - 1.0 => {
                let x = cx + rng.f(8.0, (cw - s - 8.0).max(9.0));
                let y = cy + ch - rng.f(14.0, 20.0) - s / 2.0;
                place.push((x, y, s, s, colour));
            }
            // Across the right border.
            2 if cw > 40.0 && cx + cw < map_right - 1.0 => {
                let x = cx + cw - rng.f(14.0, 20.0) - s / 2.0;
                let y = cy + (ch - s) / 2.0 + rng.f(-5.0, 5.0);
                place.push((x, y, s, s, colour));
            }
            _ => {
                let (w, h) = if rng.below(4) == 0 {
                    (s * 0.66, s * 0.66)
                } else {
                    (s, s)
                };
                let x = cx + rng.f(6.0, (cw - w - 6.0).max(7.0));
                let y = cy + (ch - h) / 2.0 + rng.f(-4.0, 4.0);
                place.push((x, y, w, h, colour));
            }
        }
        // Inside the window, and clear of every note already placed.
        let ok = place.iter().all(|&(x, y, w, h, _)| {
            x >= window[0]
                && y >= window[1]
                && x + w <= window[2]
                && y + h <= window[3]
                && out.iter().all(|o| {
                    x + w + 6.0 < o.x
                        || o.x + o.w + 6.0 < x
                        || y + h + 6.0 < o.y
                        || o.y + o.h + 6.0 < y
                })
        });
        if !ok {
            continue;
        }
        used.push(k);
        for (x, y, w, h, colour) in place {
            let Some((phase_id, lane_id)) = cell_under(&all, x + w / 2.0, y + h / 2.0) else {
                continue;
            };
            out.push(NoteSpec {
                x: x + offset.0,
                y: y + offset.1,
                w,
                h,
                colour,
                text: text(rng),
                phase_id,
                lane_id,
                shade: false,
                dots: Vec::new(),
            });
        }
    }
    out
}

fn blend(img: &mut RgbImage, x: i64, y: i64, c: [u8; 3], a: f64) {
    if x < 0 || y < 0 || x >= img.width() as i64 || y >= img.height() as i64 {
        return;
    }
    let p = img.get_pixel_mut(x as u32, y as u32);
    for k in 0..3 {
        p.0[k] = (p.0[k] as f64 * (1.0 - a) + c[k] as f64 * a).round() as u8;
    }
}

/// Sticks `notes` (sheet mm) onto `canvas` (`ppm` px/mm), the later over the earlier.
pub fn stick(canvas: &mut RgbImage, notes: &[NoteSpec], ppm: f64, rng: &mut Rng) {
    let font = FontRef::try_from_slice(klantreis::layout::NOTO_SANS_REGULAR).expect("font");
    let ink = [40u8, 44, 60];
    for n in notes {
        let (x0, y0) = ((n.x * ppm) as i64, (n.y * ppm) as i64);
        let (w, h) = ((n.w * ppm) as i64, (n.h * ppm) as i64);
        let base = pad_colour(n.colour);
        // The stronger shade: twice as far from white, a little darker.
        let base = if n.shade {
            base.map(|v| ((255.0 - (255.0 - v as f64) * 1.45) * 0.93).clamp(0.0, 255.0) as u8)
        } else {
            base
        };
        // A soft shadow at the lower right, then the pad with its glue strip a shade darker.
        let sh = (1.2 * ppm).max(1.0) as i64;
        for y in y0 + sh..y0 + h + sh {
            for x in x0 + sh..x0 + w + sh {
                blend(canvas, x, y, [90, 90, 90], 0.35);
            }
        }
        for y in y0..y0 + h {
            let strip = if (y - y0) as f64 / ppm < 15.0 {
                0.96
            } else {
                1.0
            };
            for x in x0..x0 + w {
                let c = base.map(|v| (v as f64 * strip) as u8);
                blend(canvas, x, y, c, 1.0);
            }
        }
        // Printed text, a word a line, then a hand-drawn scribble under it.
        let px = (7.0 * ppm) as f32;
        let sf = font.as_scaled(PxScale::from(px));
        let mut baseline = y0 as f32 + (18.0 * ppm) as f32;
        for word in n.text.split(' ') {
            let mut pen = x0 as f32 + (5.0 * ppm) as f32;
            for ch in word.chars() {
                let id = sf.glyph_id(ch);
                let g = id.with_scale_and_position(px, ab_glyph::point(pen, baseline));
                pen += sf.h_advance(id);
                if pen > (x0 + w) as f32 {
                    break;
                }
                if let Some(o) = font.outline_glyph(g) {
                    let b = o.px_bounds();
                    o.draw(|gx, gy, cov| {
                        blend(
                            canvas,
                            b.min.x as i64 + gx as i64,
                            b.min.y as i64 + gy as i64,
                            ink,
                            cov as f64,
                        )
                    });
                }
            }
            baseline += (9.0 * ppm) as f32;
            if baseline > (y0 + h) as f32 - (6.0 * ppm) as f32 {
                break;
            }
        }
        // A scribble: a few strokes of a 1.2 mm marker.
        let r = (0.6 * ppm).max(0.8);
        let mut p = (
            x0 as f64 + rng.f(0.15, 0.4) * w as f64,
            y0 as f64 + rng.f(0.7, 0.85) * h as f64,
        );
        for _ in 0..4 {
            let q = (
                (p.0 + rng.f(-0.1, 0.25) * w as f64).clamp(x0 as f64 + 4.0, (x0 + w) as f64 - 4.0),
                (p.1 + rng.f(-0.08, 0.08) * h as f64).clamp(y0 as f64 + 4.0, (y0 + h) as f64 - 4.0),
            );
            let steps = (((q.0 - p.0).abs() + (q.1 - p.1).abs()) / (r * 0.5)).max(1.0) as usize;
            for s in 0..=steps {
                let t = s as f64 / steps as f64;
                let (cx, cy) = (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
                let ri = r.ceil() as i64;
                for dy in -ri..=ri {
                    for dx in -ri..=ri {
                        if ((dx * dx + dy * dy) as f64) <= r * r {
                            blend(canvas, cx as i64 + dx, cy as i64 + dy, [30, 50, 120], 0.9);
                        }
                    }
                }
            }
            p = q;
        }
        // The dots, over everything on the note: a disc with a soft rim and a faint shadow.
        for dot in &n.dots {
            let (cx, cy) = ((n.x + dot.dx) * ppm, (n.y + dot.dy) * ppm);
            let r = dot.d / 2.0 * ppm;
            let ri = r.ceil() as i64 + 2;
            for dy in -ri..=ri {
                for dx in -ri..=ri {
                    let (px, py) = (cx as i64 + dx, cy as i64 + dy);
                    let dist = (px as f64 + 0.5 - cx).hypot(py as f64 + 0.5 - cy);
                    let a = (r - dist + 0.5).clamp(0.0, 1.0);
                    if a > 0.0 {
                        // A glossy sticker is lighter towards its top left.
                        let lift = 1.0 + 0.06 * (-(dx + dy) as f64 / (2.0 * r)).clamp(-1.0, 1.0);
                        let c = dot.colour.map(|v| (v as f64 * lift).min(255.0) as u8);
                        blend(canvas, px, py, c, a);
                    }
                }
            }
        }
    }
}

/// How the sheet is photographed.
#[derive(Debug, Clone, Copy)]
pub struct Shot {
    pub width: u32,
    pub height: u32,
    /// Quarter turns of the camera (0–3), plus a few degrees more.
    pub quarter_turns: u32,
    pub seed: u64,
    /// Blur sigma in photo pixels (0 for none).
    pub blur: f32,
    /// Noise amplitude in grey levels.
    pub noise: f64,
}

/// What makes a photo meaner than [`photograph`]'s: light from any side and a hard shadow
/// band, and one corner mark cut by the frame's edge.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mean {
    /// A strong gradient in any direction and a shadow band (35–50 % darker, a sharp or soft
    /// edge) across the sheet, instead of the gentle light of [`photograph`].
    pub light: bool,
    /// The sheet corner (0 top left, 1 top right, 2 bottom right) whose mark the frame's edge
    /// cuts (its centre just outside the photo).
    pub cut_corner: Option<usize>,
}

/// The centre of a sheet's corner mark, mm from the corner's two edges (`docs/scan.md`: 4 mm
/// from the paper's edge, side 1 % of the long side, 7–12 mm) and the mark's side.
pub fn mark_inset(long_mm: f64) -> (f64, f64) {
    let u = (0.01 * long_mm).clamp(7.0, 12.0);
    (4.0 + u / 2.0, u)
}

/// The photo of `canvas` (a sheet rendered at `ppm` px/mm, with `notes` on it).
pub fn photograph(canvas: &RgbImage, ppm: f64, notes: &[NoteSpec], shot: Shot) -> Photo {
    photograph_with(canvas, ppm, notes, shot, Mean::default())
}

/// Moves the sheet's corners `dst` (photo px) so the frame's edge cuts the mark of sheet
/// corner `k`: its centre goes just outside one edge of the frame while the other three
/// marks stay well inside (turning the sheet a little more when no edge allows it).
fn cut_corner(
    dst: &mut [[f64; 2]; 4],
    marks_mm: [[f64; 2]; 4],
    src: &[[f64; 2]; 4],
    k: usize,
    frame: (f64, f64),
    mark_px: f64,
) {
    let (pw, ph) = frame;
    let c = [
        dst.iter().map(|p| p[0]).sum::<f64>() / 4.0,
        dst.iter().map(|p| p[1]).sum::<f64>() / 4.0,
    ];
    for turn in [0.0, 0.03, -0.03, 0.06, -0.06, 0.1, -0.1, 0.15, -0.15] {
        let (s, co) = f64::sin_cos(turn);
        let moved = dst.map(|[x, y]| {
            let (dx, dy) = (x - c[0], y - c[1]);
            [c[0] + dx * co - dy * s, c[1] + dx * s + dy * co]
        });
        let Some(h) = Homography::from_points(src, &moved) else {
            continue;
        };
        let m = marks_mm.map(|[x, y]| h.map(x, y));
        // Inside distance of each mark to each edge (left, top, right, bottom) and which
        // way the edge is out.
        let inside = |p: [f64; 2]| [p[0], p[1], pw - p[0], ph - p[1]];
        let out = [[-1.0, 0.0], [0.0, -1.0], [1.0, 0.0], [0.0, 1.0]];
        let best = (0..4)
            .map(|e| {
                let dk = inside(m[k])[e];
                let others = (0..4)
                    .filter(|&j| j != k)
                    .map(|j| inside(m[j])[e])
                    .fold(f64::MAX, f64::min);
                (e, dk, others - dk)
            })
            .max_by(|a, b| a.2.total_cmp(&b.2));
        let Some((e, dk, slack)) = best else { continue };
        if slack < 1.5 * mark_px + 40.0 {
            continue;
        }
        let t = dk + 0.3 * mark_px;
        *dst = moved.map(|[x, y]| [x + out[e][0] * t, y + out[e][1] * t]);
        return;
    }
    panic!("no framing cuts corner {k}");
}

/// [`photograph`], made meaner by `mean`.
pub fn photograph_with(
    canvas: &RgbImage,
    ppm: f64,
    notes: &[NoteSpec],
    shot: Shot,
    mean: Mean,
) -> Photo {
    let mut rng = Rng::new(shot.seed);
    let (cw, ch) = (canvas.width() as f64, canvas.height() as f64);
    let (pw, ph) = (shot.width as f64, shot.height as f64);
    // Where the sheet's corners land: the sheet fills 70–85 % of the frame, rotated, with
    // every corner pulled a little for perspective.
    let turned = shot.quarter_turns % 2 == 1;
    let (sw, sh) = if turned { (ch, cw) } else { (cw, ch) };
    let fit = (pw / sw).min(ph / sh) * rng.f(0.72, 0.85);
    let (hw, hh) = (cw * fit / 2.0, ch * fit / 2.0);
    let angle = shot.quarter_turns as f64 * std::f64::consts::FRAC_PI_2 + rng.f(-0.06, 0.06);
    let (sa, ca) = angle.sin_cos();
    let (mx, my) = (
        pw / 2.0 + rng.f(-0.03, 0.03) * pw,
        ph / 2.0 + rng.f(-0.03, 0.03) * ph,
    );
    let jitter = 0.05 * hw.min(hh);
    let corner = |x: f64, y: f64, rng: &mut Rng| {
        let (dx, dy) = (x * hw, y * hh);
        [
            mx + dx * ca - dy * sa + rng.f(-jitter, jitter),
            my + dx * sa + dy * ca + rng.f(-jitter, jitter),
        ]
    };
    let mut dst = [
        corner(-1.0, -1.0, &mut rng),
        corner(1.0, -1.0, &mut rng),
        corner(1.0, 1.0, &mut rng),
        corner(-1.0, 1.0, &mut rng),
    ];
    let src = [[0.0, 0.0], [cw, 0.0], [cw, ch], [0.0, ch]];
    if let Some(k) = mean.cut_corner {
        let (inset, u) = mark_inset(cw.max(ch) / ppm);
        let i = inset * ppm;
        let marks = [[i, i], [cw - i, i], [cw - i, ch - i], [i, ch - i]];
        cut_corner(&mut dst, marks, &src, k, (pw, ph), u * ppm * fit);
    }
    let fwd = Homography::from_points(&src, &dst).expect("sheet to photo");
    let back = fwd.inverse();
    // Uneven light: a gradient across the frame and a soft shadow band.
    let (gx, gy) = (rng.f(-0.35, 0.35), rng.f(-0.35, 0.35));
    let shadow_at = rng.f(0.2, 0.8);
    let wall = [
        rng.f(170.0, 210.0),
        rng.f(165.0, 200.0),
        rng.f(150.0, 190.0),
    ];
    // The meaner light, from its own random source so the gentle photos stay as they were.
    let mut lr = Rng::new(shot.seed ^ 0x11_6e7);
    let grad = lr.f(0.0, std::f64::consts::TAU);
    let grad_amp = lr.f(0.4, 0.6);
    let band_dir = lr.f(0.0, std::f64::consts::PI);
    let band_at = lr.f(-0.15, 0.15);
    let band_w = lr.f(0.06, 0.2);
    let band_depth = lr.f(0.35, 0.5);
    let band_soft = lr.f(0.002, 0.02);
    let raw = canvas.as_raw();
    let stride = canvas.width() as usize;
    let mut img = RgbImage::new(shot.width, shot.height);
    for (x, y, p) in img.enumerate_pixels_mut() {
        let (fx, fy) = (x as f64 + 0.5, y as f64 + 0.5);
        let [sx, sy] = back.map(fx, fy);
        let mut c = if sx >= 0.0 && sy >= 0.0 && sx < cw - 1.0 && sy < ch - 1.0 {
            let (xi, yi) = (sx as usize, sy as usize);
            let (ax, ay) = (sx - xi as f64, sy - yi as f64);
            let i = (yi * stride + xi) * 3;
            let j = i + stride * 3;
            let mut c = [0f64; 3];
            for k in 0..3 {
                let t = raw[i + k] as f64 * (1.0 - ax) + raw[i + 3 + k] as f64 * ax;
                let b = raw[j + k] as f64 * (1.0 - ax) + raw[j + 3 + k] as f64 * ax;
                c[k] = t * (1.0 - ay) + b * ay;
            }
            c
        } else {
            wall
        };
        let (u, v) = (fx / pw - 0.5, fy / ph - 0.5);
        let mut light = 0.92 + gx * u + gy * v;
        let d = (u + v * 0.5) - (shadow_at - 0.5);
        if mean.light {
            // Light from any side (the far side about half as bright as the near one), and a
            // band of shadow (a person, a flip chart) with a sharp or soft edge.
            light = 0.8 + grad_amp * (u * grad.cos() + v * grad.sin());
            let across = (u * band_dir.cos() + v * band_dir.sin() - band_at).abs() - band_w / 2.0;
            let inside = (0.5 - across / band_soft).clamp(0.0, 1.0);
            light *= 1.0 - band_depth * inside;
        } else if d > 0.0 {
            light *= 1.0 - 0.25 * (d * 6.0).min(1.0);
        }
        // A warm cast, as indoor light has.
        let cast = [1.0, 0.97, 0.9];
        for k in 0..3 {
            c[k] = (c[k] * light * cast[k]).clamp(0.0, 255.0);
        }
        *p = Rgb(c.map(|v| v as u8));
    }
    let mut img = if shot.blur > 0.0 {
        image::DynamicImage::ImageRgb8(img)
            .blur(shot.blur)
            .to_rgb8()
    } else {
        img
    };
    if shot.noise > 0.0 {
        for p in img.pixels_mut() {
            let n = rng.f(-shot.noise, shot.noise);
            for k in 0..3 {
                p.0[k] = (p.0[k] as f64 + n + rng.f(-1.0, 1.0)).clamp(0.0, 255.0) as u8;
            }
        }
    }
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .expect("jpeg");
    let notes: Vec<NoteOnPhoto> = notes
        .iter()
        .map(|n| {
            let c = fwd.map((n.x + n.w / 2.0) * ppm, (n.y + n.h / 2.0) * ppm);
            let a = fwd.map(n.x * ppm, n.y * ppm);
            let b = fwd.map((n.x + n.w) * ppm, n.y * ppm);
            NoteOnPhoto {
                spec: n.clone(),
                centre: c,
                size_px: ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt(),
            }
        })
        .collect();
    let dots = notes
        .iter()
        .flat_map(|n: &NoteOnPhoto| {
            let s = &n.spec;
            let k = n.size_px / s.w;
            s.dots.iter().map(move |d| {
                let c = fwd.map((s.x + d.dx) * ppm, (s.y + d.dy) * ppm);
                (c, d.d / 2.0 * k)
            })
        })
        .collect();
    Photo {
        jpeg,
        width: shot.width,
        height: shot.height,
        notes,
        dots,
    }
}

/// How a scan's notes compare with what is on the photo.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub expected: usize,
    pub found: usize,
    pub wrong_cell: usize,
    pub wrong_colour: usize,
    /// Notes reported where none was stuck.
    pub extra: usize,
    /// Words of printed text on the notes stuck, and how many of them OCR read right (see
    /// [`words`]); a note not found has all its words wrong.
    pub words: usize,
    pub words_right: usize,
    /// Notes found with exactly their number of dots.
    pub dots_exact: usize,
    /// Dots stuck, and notes found whose centre is on a dot (a dot taken for a note).
    pub dots: usize,
    pub dots_as_notes: usize,
}

impl Tally {
    pub fn add(&mut self, o: Tally) {
        self.expected += o.expected;
        self.found += o.found;
        self.wrong_cell += o.wrong_cell;
        self.wrong_colour += o.wrong_colour;
        self.extra += o.extra;
        self.words += o.words;
        self.words_right += o.words_right;
        self.dots_exact += o.dots_exact;
        self.dots += o.dots;
        self.dots_as_notes += o.dots_as_notes;
    }
}

/// The words of a text as they are compared: split at white space, lower case, with the
/// punctuation at either end dropped ("Levering," is "levering"). Case and punctuation around a
/// word carry nothing the notes' printed words have; everything else (every letter, an accent,
/// a digit) must be read exactly.
pub fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// How many of the words of `printed` are in `read`, each word read counting once (a note
/// with "app app" needs both read).
pub fn words_right(printed: &str, read: &str) -> usize {
    let mut got = words(read);
    words(printed)
        .into_iter()
        .filter(|w| match got.iter().position(|g| g == w) {
            Some(i) => {
                got.swap_remove(i);
                true
            }
            None => false,
        })
        .count()
}

/// Matches found notes (outline centres) to the notes on `photo`.
pub fn tally(photo: &Photo, found: &[&klantreis::scan::FoundNote]) -> Tally {
    let mut t = Tally {
        expected: photo.notes.len(),
        ..Default::default()
    };
    let mut taken = vec![false; found.len()];
    for n in &photo.notes {
        t.words += words(&n.spec.text).len();
        t.dots += n.spec.dots.len();
        let best = found
            .iter()
            .enumerate()
            .filter(|(i, _)| !taken[*i])
            .map(|(i, f)| {
                let cx = f.outline.iter().map(|p| p[0] as f64).sum::<f64>() / 4.0;
                let cy = f.outline.iter().map(|p| p[1] as f64).sum::<f64>() / 4.0;
                (
                    i,
                    ((cx - n.centre[0]).powi(2) + (cy - n.centre[1]).powi(2)).sqrt(),
                )
            })
            .filter(|(_, d)| *d < n.size_px * 0.4)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = best {
            taken[i] = true;
            t.found += 1;
            let f = found[i];
            if f.phase_id != n.spec.phase_id || f.lane_id != n.spec.lane_id {
                t.wrong_cell += 1;
            }
            if f.colour != n.spec.colour {
                t.wrong_colour += 1;
            }
            t.words_right += words_right(&n.spec.text, &f.text);
            if f.dots as usize == n.spec.dots.len() {
                t.dots_exact += 1;
            }
        }
    }
    t.extra = taken.iter().filter(|t| !**t).count();
    // A find left over whose centre is on a dot: the dot was taken for a note.
    for (i, f) in found.iter().enumerate() {
        if taken[i] {
            continue;
        }
        let cx = f.outline.iter().map(|p| p[0] as f64).sum::<f64>() / 4.0;
        let cy = f.outline.iter().map(|p| p[1] as f64).sum::<f64>() / 4.0;
        if photo
            .dots
            .iter()
            .any(|&(c, r)| (cx - c[0]).hypot(cy - c[1]) < r * 1.5)
        {
            t.dots_as_notes += 1;
        }
    }
    t
}
