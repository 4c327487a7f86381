//! Sticky notes on a located sheet: rectify the sheet at a fixed scale, find the notes by
//! their colour against the paper, split notes of one colour that overlap a little, and give
//! each its corners in the photo, its card colour and a straightened crop.
//!
//! Why colour: the canvas prints in greys only (paper, bands, lines, text, the marks), so any
//! pixel with clear saturation is a note. Saturation is a ratio of the channels, so shade and
//! uneven light (a darker corner, a shadow gradient) leave it nearly as it is; a white balance
//! from the paper's own brightest pixels removes a warm or cold cast first. A grey or white
//! note has no colour to find and is not found (`docs/scan.md`).

use super::blobs::{label, Integral};
use super::geom::{Homography, Rgb};
use crate::model::CardColour;
use crate::scene::palette::card_colours;

/// The chromatic card colours, in class order (class `k + 1`); grey has no hue to match.
const COLOURS: [CardColour; 6] = [
    CardColour::Yellow,
    CardColour::Orange,
    CardColour::Pink,
    CardColour::Purple,
    CardColour::Blue,
    CardColour::Green,
];

/// Least saturation (after white balance) of a note pixel.
const MIN_SAT: f64 = 0.14;
/// Notes smaller than this side (mm) are specks, larger ones are not sticky notes.
pub const MIN_SIDE_MM: f64 = 25.0;
pub const MAX_SIDE_MM: f64 = 220.0;

/// One sheet to search: the area (sheet millimetres `[x0, y0, x1, y1]`) and how the photo
/// shows it.
pub struct Sheet<'a> {
    pub area: [f64; 4],
    /// Sheet millimetres → working pixels.
    pub to_work: Homography,
    pub work: &'a Rgb,
    pub full: &'a Rgb,
    /// Full-photo pixels per working pixel.
    pub scale: f64,
}

/// A note found on a sheet.
#[derive(Debug, Clone)]
pub struct NoteSeen {
    /// Centre on the sheet, mm.
    pub centre: [f64; 2],
    pub size: [f64; 2],
    /// Corners in the full photo's pixels, clockwise from top left.
    pub outline: [[f32; 2]; 4],
    pub colour: CardColour,
    pub crop_png: Vec<u8>,
    /// The note as OCR reads it (`ocr::note_image`): grey, sampled from the full photo at
    /// `ocr::PPM` px/mm.
    pub ocr_image: image::GrayImage,
    /// The dot stickers on it (`dots::count`).
    pub dots: u32,
}

fn hue_of(r: f64, g: f64, b: f64) -> f64 {
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let d = max - min;
    if d <= 0.0 {
        return 0.0;
    }
    let h = if max == r {
        ((g - b) / d).rem_euclid(6.0)
    } else if max == g {
        (b - r) / d + 2.0
    } else {
        (r - g) / d + 4.0
    };
    h * 60.0
}

fn hex(c: &str) -> [f64; 3] {
    let v = |i: usize| u8::from_str_radix(c.get(i..i + 2).unwrap_or("ff"), 16).unwrap_or(255);
    [v(1) as f64, v(3) as f64, v(5) as f64]
}

/// The palette's hue of each chromatic card colour (the print's note tints).
fn palette_hues() -> [f64; 6] {
    COLOURS.map(|c| {
        let [r, g, b] = hex(card_colours(c).0);
        hue_of(r, g, b)
    })
}

fn hue_dist(a: f64, b: f64) -> f64 {
    let d = (a - b).abs() % 360.0;
    d.min(360.0 - d)
}

/// Least brightness of a note pixel, in % of the paper's nearby (the dark phase headers and
/// ink are under 30 %; a note in a shadow half as deep as the light beside it is above 45 %).
const MIN_LIGHT: u32 = 38;

/// The paper's brightness around every pixel: the brightest value of each block of 8 mm,
/// then the brightest block within 3 blocks. Slow changes (a gradient across the wall) follow;
/// an edge of shadow is at most one neighbourhood off.
fn paper_light(bright: &[u8], w: usize, h: usize, ppm: f64) -> Vec<u8> {
    let b = ((8.0 * ppm) as usize).max(2);
    let (bw, bh) = (w.div_ceil(b), h.div_ceil(b));
    let mut blocks = vec![0u8; bw * bh];
    for y in 0..h {
        for x in 0..w {
            let k = (y / b) * bw + x / b;
            blocks[k] = blocks[k].max(bright[y * w + x]);
        }
    }
    let r = 3usize;
    let mut near = vec![0u8; bw * bh];
    for by in 0..bh {
        for bx in 0..bw {
            let mut m = 0u8;
            for yy in by.saturating_sub(r)..(by + r + 1).min(bh) {
                for xx in bx.saturating_sub(r)..(bx + r + 1).min(bw) {
                    m = m.max(blocks[yy * bw + xx]);
                }
            }
            near[by * bw + bx] = m;
        }
    }
    (0..w * h)
        .map(|i| near[(i / w / b) * bw + (i % w) / b].max(1))
        .collect()
}

/// The class (0 = paper or ink, `k + 1` = `COLOURS[k]`) of every pixel of the rectified sheet.
fn classify(img: &Rgb, ppm: f64) -> Vec<u8> {
    // White balance: the paper is the bulk of the bright pixels; its 90th percentile per
    // channel becomes neutral.
    let mut hist = [[0u32; 256]; 3];
    for p in img.data.chunks_exact(3) {
        for c in 0..3 {
            hist[c][p[c] as usize] += 1;
        }
    }
    let n = (img.w * img.h) as u32;
    let p90 = hist.map(|h| {
        let mut acc = 0;
        for (v, &k) in h.iter().enumerate() {
            acc += k;
            if acc >= n / 10 * 9 {
                return v.max(40) as f64;
            }
        }
        255.0
    });
    let gain = p90.map(|p| 255.0 / p);
    let hues = palette_hues();
    // The class of each of the 36 hue steps of 10°, looked up per pixel.
    let class_of_hue: Vec<u8> = (0..36)
        .map(|i| {
            let h = i as f64 * 10.0 + 5.0;
            let (k, d) = hues
                .iter()
                .enumerate()
                .map(|(k, &ph)| (k, hue_dist(h, ph)))
                .fold((0, f64::MAX), |a, b| if b.1 < a.1 { b } else { a });
            if d < 45.0 {
                k as u8 + 1
            } else {
                0
            }
        })
        .collect();
    // A note is nearly as bright as the paper where it is stuck, and the dark blue of the
    // printed phase headers and the ink are not. The paper's brightness is the brightest
    // pixel within about 28 mm (blocks of 8 mm): a note in the shade of a hard shadow edge
    // is still compared with the paper beside it in the shade, or at worst with the lit
    // paper across the edge (half as bright), never with a mean of itself and its
    // surroundings, which cut notes in two along such edges.
    let (w, h) = (img.w, img.h);
    let bright: Vec<u8> = img
        .data
        .chunks_exact(3)
        .map(|p| p[0].max(p[1]).max(p[2]))
        .collect();
    let paper = paper_light(&bright, w, h, ppm);
    img.data
        .chunks_exact(3)
        .enumerate()
        .map(|(i, p)| {
            let r8 = p[0] as f64 * gain[0];
            let g = p[1] as f64 * gain[1];
            let b = p[2] as f64 * gain[2];
            let max = r8.max(g).max(b);
            let min = r8.min(g).min(b);
            if max < 20.0 || (max - min) < MIN_SAT * max {
                return 0;
            }
            if (bright[i] as u32) * 100 < paper[i] as u32 * MIN_LIGHT {
                return 0;
            }
            let (r, g, b) = (r8, g, b);
            let h = hue_of(r, g, b);
            class_of_hue[((h / 10.0) as usize).min(35)]
        })
        .collect()
}

/// A coloured region cut by the edge of the searched sheet: the wall beside it, a note hanging
/// off it, or part of a note across the seam between two tiled sheets (`read` joins two such
/// parts of one colour when both sheets are in the photo).
#[derive(Debug, Clone, Copy)]
pub struct CutPart {
    /// Its box on the sheet, mm.
    pub bx: [f64; 4],
    pub colour: CardColour,
    /// Which edges of the sheet cut it: left, top, right, bottom.
    pub edges: [bool; 4],
}

/// The notes on `sheet`, and the coloured regions its edges cut.
pub fn find_notes(sheet: &Sheet) -> (Vec<NoteSeen>, Vec<CutPart>) {
    let [ax0, ay0, ax1, ay1] = sheet.area;
    let (aw, ah) = (ax1 - ax0, ay1 - ay0);
    // About 1.2 megapixels for the whole area: 1 px/mm on A0, 4 px/mm on an A4 tile.
    let ppm = (1.2e6 / (aw * ah)).sqrt().clamp(0.8, 5.0);
    let (w, h) = ((aw * ppm) as usize, (ah * ppm) as usize);
    let to_work = sheet.to_work;
    let rect = sheet
        .work
        .warp(w, h, &|x, y| to_work.map(ax0 + x / ppm, ay0 + y / ppm));
    let classes = classify(&rect, ppm);
    let mut boxes: Vec<([f64; 4], CardColour)> = Vec::new();
    let mut cut = Vec::new();
    let rw = ((2.5 * ppm) as usize).max(2);
    for (k, colour) in COLOURS.iter().enumerate() {
        let class = k as u8 + 1;
        if !classes.contains(&class) {
            continue;
        }
        // A majority filter closes the writing on a note and drops thin coloured lines.
        let ii = Integral::new(classes.iter().map(|&c| (c == class) as u32), w, h);
        let mut mask = vec![false; w * h];
        for y in 0..h {
            let (y0, y1) = (y.saturating_sub(rw), (y + rw + 1).min(h));
            for x in 0..w {
                let (x0, x1) = (x.saturating_sub(rw), (x + rw + 1).min(w));
                let n = ((x1 - x0) * (y1 - y0)) as u64;
                mask[y * w + x] = ii.sum(x0, y0, x1, y1) * 100 >= n * 45;
            }
        }
        let (labels, blobs) = label(&mask, w, h);
        let min_area = (MIN_SIDE_MM * ppm).powi(2) as u32;
        for (bi, b) in blobs.iter().enumerate() {
            // A region cut by the edge of the searched area is the wall beside the sheet (or
            // a note only half in view): not a note to place on its own.
            let edges = [
                b.x0 == 0,
                b.y0 == 0,
                b.x1 as usize + 1 >= w,
                b.y1 as usize + 1 >= h,
            ];
            if edges.iter().any(|&e| e) {
                let bx = [
                    ax0 + b.x0 as f64 / ppm,
                    ay0 + b.y0 as f64 / ppm,
                    ax0 + (b.x1 as f64 + 1.0) / ppm,
                    ay0 + (b.y1 as f64 + 1.0) / ppm,
                ];
                let (long, short) = (
                    (bx[2] - bx[0]).max(bx[3] - bx[1]),
                    (bx[2] - bx[0]).min(bx[3] - bx[1]),
                );
                // The part of a note beyond a seam can be thin, but runs the note's side.
                if (MIN_SIDE_MM..=MAX_SIDE_MM).contains(&long) && short >= 3.0 {
                    cut.push(CutPart {
                        bx,
                        colour: *colour,
                        edges,
                    });
                }
                continue;
            }
            if b.area < min_area {
                continue;
            }
            for part in split(&labels, bi as u32 + 1, b, w, ppm) {
                let [x0, y0, x1, y1] = part;
                let (sx0, sy0) = (ax0 + x0 / ppm, ay0 + y0 / ppm);
                let (sx1, sy1) = (ax0 + x1 / ppm, ay0 + y1 / ppm);
                let (nw, nh) = (sx1 - sx0, sy1 - sy0);
                if nw < MIN_SIDE_MM || nh < MIN_SIDE_MM || nw > MAX_SIDE_MM || nh > MAX_SIDE_MM {
                    continue;
                }
                boxes.push(([sx0, sy0, sx1, sy1], *colour));
            }
        }
    }
    let found = tidy(boxes)
        .into_iter()
        .map(|(bx, colour)| note(sheet, bx, colour))
        .collect();
    (found, cut)
}

/// The notes' boxes (sheet mm) made whole: two boxes of one colour that touch and together
/// fill a near-square box are one note split in two (by a shadow's edge, or a dot across it),
/// and a box lying within another note's is a sticker or a drawing on that note, not a note.
fn tidy(mut boxes: Vec<([f64; 4], CardColour)>) -> Vec<([f64; 4], CardColour)> {
    let area = |b: [f64; 4]| (b[2] - b[0]) * (b[3] - b[1]);
    let mut merged = true;
    while merged {
        merged = false;
        'pairs: for i in 0..boxes.len() {
            for j in i + 1..boxes.len() {
                let ((a, ca), (b, cb)) = (boxes[i], boxes[j]);
                let near = a[0] <= b[2] + 3.0
                    && b[0] <= a[2] + 3.0
                    && a[1] <= b[3] + 3.0
                    && b[1] <= a[3] + 3.0;
                if ca != cb || !near {
                    continue;
                }
                let u = [
                    a[0].min(b[0]),
                    a[1].min(b[1]),
                    a[2].max(b[2]),
                    a[3].max(b[3]),
                ];
                let (uw, uh) = (u[2] - u[0], u[3] - u[1]);
                let square = uw.max(uh) <= 1.25 * uw.min(uh);
                if square && uw.max(uh) <= MAX_SIDE_MM && (area(a) + area(b)) >= 0.8 * area(u) {
                    boxes[i].0 = u;
                    boxes.swap_remove(j);
                    merged = true;
                    break 'pairs;
                }
            }
        }
    }
    let within = |a: [f64; 4], b: [f64; 4]| {
        let ix = (a[2].min(b[2]) - a[0].max(b[0])).max(0.0);
        let iy = (a[3].min(b[3]) - a[1].max(b[1])).max(0.0);
        ix * iy >= 0.8 * area(a) && area(a) < 0.6 * area(b)
    };
    boxes
        .iter()
        .filter(|(a, _)| !boxes.iter().any(|(b, _)| within(*a, *b)))
        .copied()
        .collect()
}

/// The bounding boxes (rectified pixels, `[x0, y0, x1, y1]`) of the notes in blob `l`: one,
/// or — when eroding it by 10 mm leaves several cores, as notes of one colour overlapping a
/// little do — one per core, each pixel going to the nearest core.
fn split(labels: &[u32], l: u32, b: &super::blobs::Blob, w: usize, ppm: f64) -> Vec<[f64; 4]> {
    let whole = [
        b.x0 as f64,
        b.y0 as f64,
        b.x1 as f64 + 1.0,
        b.y1 as f64 + 1.0,
    ];
    let (bw, bh) = (b.bw() as usize, b.bh() as usize);
    // Small enough to be one note: nothing to split.
    if (bw.max(bh) as f64) < 95.0 * ppm && b.fill() > 0.85 {
        return vec![whole];
    }
    let inside: Vec<bool> = (0..bw * bh)
        .map(|i| labels[(b.y0 as usize + i / bw) * w + b.x0 as usize + i % bw] == l)
        .collect();
    let ii = Integral::new(inside.iter().map(|&v| v as u32), bw, bh);
    let r = (10.0 * ppm) as usize;
    let mut core = vec![false; bw * bh];
    for y in r..bh.saturating_sub(r) {
        for x in r..bw.saturating_sub(r) {
            let n = ((2 * r + 1) * (2 * r + 1)) as u64;
            core[y * bw + x] = ii.sum(x - r, y - r, x + r + 1, y + r + 1) * 100 >= n * 97;
        }
    }
    let (_, cores) = label(&core, bw, bh);
    let min_core = (8.0 * ppm).powi(2) as u32;
    let cores: Vec<[f64; 2]> = cores
        .iter()
        .filter(|c| c.area >= min_core)
        .map(|c| c.centre())
        .collect();
    if cores.len() < 2 {
        // No neck to cut at: notes of one colour side by side (overlapping or touching) make
        // one long block. Sticky notes are mostly square: a block `k` times as long as it is
        // wide is `k` squares, the first and last flush with its ends.
        let (long, short) = (bw.max(bh) as f64, bw.min(bh) as f64);
        let k = (long / short).round() as usize;
        if long / short < 1.5 || !(2..=6).contains(&k) || short > 160.0 * ppm {
            return vec![whole];
        }
        let step = (long - short) / (k - 1) as f64;
        return (0..k)
            .map(|i| {
                let a = i as f64 * step;
                if bw >= bh {
                    [whole[0] + a, whole[1], whole[0] + a + short, whole[3]]
                } else {
                    [whole[0], whole[1] + a, whole[2], whole[1] + a + short]
                }
            })
            .collect();
    }
    let mut boxes = vec![[f64::MAX, f64::MAX, f64::MIN, f64::MIN]; cores.len()];
    for y in 0..bh {
        for x in 0..bw {
            if !inside[y * bw + x] {
                continue;
            }
            let (fx, fy) = (x as f64 + 0.5, y as f64 + 0.5);
            let k = (0..cores.len())
                .min_by(|&a, &c| {
                    let d = |p: [f64; 2]| (p[0] - fx).powi(2) + (p[1] - fy).powi(2);
                    d(cores[a]).total_cmp(&d(cores[c]))
                })
                .unwrap_or(0);
            let bx = &mut boxes[k];
            bx[0] = bx[0].min(x as f64);
            bx[1] = bx[1].min(y as f64);
            bx[2] = bx[2].max(x as f64 + 1.0);
            bx[3] = bx[3].max(y as f64 + 1.0);
        }
    }
    boxes
        .into_iter()
        .map(|[x0, y0, x1, y1]| {
            [
                x0 + b.x0 as f64,
                y0 + b.y0 as f64,
                x1 + b.x0 as f64,
                y1 + b.y0 as f64,
            ]
        })
        .collect()
}

/// A note whose box on the sheet is `[x0, y0, x1, y1]` mm (which may reach past the sheet's
/// edge, for a note across a seam: the homography holds on the wall around the sheet too).
pub fn note(sheet: &Sheet, bx: [f64; 4], colour: CardColour) -> NoteSeen {
    let [x0, y0, x1, y1] = bx;
    let s = sheet.scale;
    let to_full = |x: f64, y: f64| {
        let [u, v] = sheet.to_work.map(x, y);
        [u * s, v * s]
    };
    let outline = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]].map(|[x, y]| {
        let [u, v] = to_full(x, y);
        [u as f32, v as f32]
    });
    // The crop: the note and a 2 mm rim, at most 400 px a side and no sharper than the photo.
    let (cx0, cy0, cx1, cy1) = (x0 - 2.0, y0 - 2.0, x1 + 2.0, y1 + 2.0);
    let side = (cx1 - cx0).max(cy1 - cy0);
    let photo_ppm = {
        let a = to_full(x0, y0);
        let b = to_full(x1, y0);
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt() / (x1 - x0).max(1.0)
    };
    let ppm = (400.0 / side).min(photo_ppm.max(1.0));
    let (cw, ch) = (
        ((cx1 - cx0) * ppm).max(1.0) as usize,
        ((cy1 - cy0) * ppm).max(1.0) as usize,
    );
    let crop = sheet
        .full
        .warp(cw, ch, &|x, y| to_full(cx0 + x / ppm, cy0 + y / ppm));
    NoteSeen {
        centre: [(x0 + x1) / 2.0, (y0 + y1) / 2.0],
        size: [x1 - x0, y1 - y0],
        outline,
        colour,
        crop_png: crop.to_png(),
        ocr_image: super::ocr::note_image(sheet.full, bx, &to_full),
        dots: super::dots::count(sheet.full, bx, &to_full, photo_ppm),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_hues_are_told_apart() {
        let hues = palette_hues();
        for i in 0..6 {
            for j in i + 1..6 {
                assert!(hue_dist(hues[i], hues[j]) > 15.0, "{i} {j} {hues:?}");
            }
        }
    }
}
