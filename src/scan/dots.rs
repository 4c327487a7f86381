//! Dot stickers (the votes of a dot-voting round) on a found note: round patches 8–20 mm
//! across of a strong colour unlike the note's, counted on a sample of the note and a rim
//! around it taken from the full photo (`docs/scan.md`, "Dots").
//!
//! Why colour against the note's own colour: light across a note (a gradient, a shadow's edge)
//! scales its channels together, so the note's chromaticity (each channel's share of the sum)
//! stays put, and a dot's differs from it whatever the light. Writing is dark and thin, a
//! neighbouring note is large: an erosion by a few millimetres keeps only what is as wide as a
//! dot, and the cores left are counted when they have a dot's size and shape.

use super::blobs::{label, Integral};
use super::geom::Rgb;

/// How far around the note's box (mm) the sample reaches: a dot stuck over the note's edge
/// sticks out by up to about a third of its diameter (7 mm for the largest).
const RIM_MM: f64 = 8.0;
/// The side (mm) of the square a dot pixel's neighbourhood is eroded with: wider than any
/// stroke of writing (a marker is about 1.5 mm), narrower than the smallest dot (8 mm).
const ERODE_MM: f64 = 3.5;
/// A dot's core after erosion: its side in mm (an 8 mm dot leaves about 5 mm, a 20 mm one
/// about 17 mm).
const CORE_MM: (f64, f64) = (2.5, 20.0);
/// Least saturation of a dot pixel: dot stickers are strong colours; paper, ink and the
/// canvas's greys are well below.
const MIN_SAT: f64 = 0.35;
/// Least distance in chromaticity from the note's colour (sum-normalised RGB).
const MIN_CHROMA: f64 = 0.09;

fn chroma(p: [f64; 3]) -> [f64; 3] {
    let s = (p[0] + p[1] + p[2]).max(1.0);
    [p[0] / s, p[1] / s, p[2] / s]
}

/// The number of dots on the note whose box on the sheet is `bx` (mm, `[x0, y0, x1, y1]`):
/// `full` is the photo, `to_full` maps sheet mm to its pixels, `photo_ppm` is how many of its
/// pixels a millimetre of the sheet spans there.
pub fn count(
    full: &Rgb,
    bx: [f64; 4],
    to_full: &dyn Fn(f64, f64) -> [f64; 2],
    photo_ppm: f64,
) -> u32 {
    let [x0, y0, x1, y1] = bx;
    // No finer than the photo, no coarser than 1.5 px/mm (an 8 mm dot is then 12 px across).
    let ppm = photo_ppm.clamp(1.5, 3.0);
    let (ox, oy) = (x0 - RIM_MM, y0 - RIM_MM);
    let w = ((x1 - x0 + 2.0 * RIM_MM) * ppm).max(1.0) as usize;
    let h = ((y1 - y0 + 2.0 * RIM_MM) * ppm).max(1.0) as usize;
    let img = full.warp(w, h, &|x, y| to_full(ox + x / ppm, oy + y / ppm));
    // The note's colour: the median of each channel over the middle half of the note, where
    // neither the rim nor a neighbour reaches (dots cover at most about a quarter of it).
    let mut chans: [Vec<u8>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let (qx, qy) = ((x1 - x0) / 4.0, (y1 - y0) / 4.0);
    let (ix0, ix1) = (
        ((RIM_MM + qx) * ppm) as usize,
        ((RIM_MM + 3.0 * qx) * ppm) as usize,
    );
    let (iy0, iy1) = (
        ((RIM_MM + qy) * ppm) as usize,
        ((RIM_MM + 3.0 * qy) * ppm) as usize,
    );
    for y in iy0..iy1.min(h) {
        for x in ix0..ix1.min(w) {
            for (chan, v) in chans.iter_mut().zip(img.px(y * w + x)) {
                chan.push(v);
            }
        }
    }
    let median = |v: &mut Vec<u8>| {
        v.sort_unstable();
        v.get(v.len() / 2).copied().unwrap_or(255) as f64
    };
    let [r, g, b] = &mut chans;
    let note = chroma([median(r), median(g), median(b)]);
    let mask: Vec<bool> = img
        .data
        .chunks_exact(3)
        .map(|p| {
            let p = [p[0] as f64, p[1] as f64, p[2] as f64];
            let max = p[0].max(p[1]).max(p[2]);
            let min = p[0].min(p[1]).min(p[2]);
            if max < 20.0 || max - min < MIN_SAT * max {
                return false;
            }
            let c = chroma(p);
            let d =
                ((c[0] - note[0]).powi(2) + (c[1] - note[1]).powi(2) + (c[2] - note[2]).powi(2))
                    .sqrt();
            d >= MIN_CHROMA
        })
        .collect();
    // Erosion: a pixel stays when 80 % of the square around it is dot-coloured (a square on
    // a disc: its corners fall outside before its sides do).
    let ii = Integral::new(mask.iter().map(|&m| m as u32), w, h);
    let r = ((ERODE_MM / 2.0 * ppm).round() as usize).max(1);
    let n = ((2 * r + 1) * (2 * r + 1)) as u64;
    let mut core = vec![false; w * h];
    for y in r..h.saturating_sub(r) {
        for x in r..w.saturating_sub(r) {
            core[y * w + x] =
                mask[y * w + x] && ii.sum(x - r, y - r, x + r + 1, y + r + 1) * 100 >= n * 80;
        }
    }
    let (_, cores) = label(&core, w, h);
    let inside = |[cx, cy]: [f64; 2]| {
        let (mx, my) = (ox + cx / ppm, oy + cy / ppm);
        mx >= x0 && mx <= x1 && my >= y0 && my <= y1
    };
    cores
        .iter()
        .filter(|c| {
            let (cw, ch) = (c.bw() as f64 / ppm, c.bh() as f64 / ppm);
            let (long, short) = (cw.max(ch), cw.min(ch));
            short >= CORE_MM.0
                && long <= CORE_MM.1
                && long <= 1.6 * short
                && c.fill() >= 0.5
                && inside(c.centre())
        })
        .count() as u32
}
