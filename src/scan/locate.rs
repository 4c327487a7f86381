//! Finding a printed canvas sheet in a photo: its four corner marks, its QR code, and the
//! homography from the sheet's millimetres to the photo's pixels.
//!
//! Order of work, each step cheap on a photo scaled to the working size:
//! 1. dark regions against a local mean (so shade and uneven light do not matter); a mark is
//!    a dark square ring with a dark centre square at its middle (`marks`), which text and
//!    lines never are — the code's own three finder patterns are, and are told apart below;
//! 2. the QR code, decoded on the whole working image, else on crops of the full-resolution
//!    photo around each mark (the code sits just above the bottom-left mark), enlarged so its
//!    modules are a few pixels wide;
//! 3. the code names the paper, so the code's four corners give a first homography; it
//!    predicts where the four marks are, the nearest mark found to each prediction is taken,
//!    and the four marks give the final homography (any rotation follows from the code).

use super::blobs::{label, Integral};
use super::code::CanvasCode;
use super::geom::{Homography, Rgb};
use super::marks::{self, MarkGeometry};
use super::ScanError;
use crate::export::tile;

/// A mark found in the working image.
#[derive(Debug, Clone, Copy)]
pub struct MarkSeen {
    pub c: [f64; 2],
    pub size: f64,
}

/// A sheet found in a photo.
#[derive(Debug, Clone)]
pub struct Located {
    pub code: CanvasCode,
    pub geo: MarkGeometry,
    /// Sheet millimetres → working-image pixels.
    pub to_work: Homography,
}

/// The dark corner marks in the working image's grey levels.
pub fn find_marks(gray: &[u8], w: usize, h: usize) -> Vec<MarkSeen> {
    let ii = Integral::new(gray.iter().map(|&g| g as u32), w, h);
    let r = (w.max(h) / 60).max(6);
    let mut dark = vec![false; w * h];
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
            let n = ((x1 - x0) * (y1 - y0)) as u64;
            let mean = ii.sum(x0, y0, x1, y1);
            // Darker than 70 % of the neighbourhood's mean.
            dark[y * w + x] = (gray[y * w + x] as u64) * n * 10 < mean * 7;
        }
    }
    let (labels, blobs) = label(&dark, w, h);
    let mut out = Vec::new();
    for ring in &blobs {
        let (bw, bh) = (ring.bw() as f64, ring.bh() as f64);
        if bw < 7.0 || bh < 7.0 || bw / bh > 2.0 || bh / bw > 2.0 || ring.area < 30 {
            continue;
        }
        let fill = ring.fill();
        if !(0.25..=0.8).contains(&fill) {
            continue;
        }
        let [cx, cy] = ring.centre();
        let (xi, yi) = (cx as usize, cy as usize);
        if xi >= w || yi >= h {
            continue;
        }
        let l = labels[yi * w + xi];
        if l == 0 {
            continue;
        }
        let centre = &blobs[l as usize - 1];
        if std::ptr::eq(centre, ring) {
            continue;
        }
        let ratio = (centre.bw() as f64 / bw + centre.bh() as f64 / bh) / 2.0;
        let [ox, oy] = centre.centre();
        let off = ((ox - cx).powi(2) + (oy - cy).powi(2)).sqrt();
        if (0.18..=0.6).contains(&ratio)
            && centre.fill() > 0.45
            && off < 0.15 * bw.max(bh)
            && centre.x0 > ring.x0
            && centre.x1 < ring.x1
            && centre.y0 > ring.y0
            && centre.y1 < ring.y1
        {
            out.push(MarkSeen {
                c: [cx, cy],
                size: (bw + bh) / 2.0,
            });
        }
    }
    out
}

/// A QR code read in the photo: its text and its corners in working pixels (top left, top
/// right, bottom right, bottom left of the code as printed).
#[derive(Debug, Clone)]
struct CodeSeen {
    text: String,
    corners: [[f64; 2]; 4],
    modules: usize,
}

fn decode_in(
    w: usize,
    h: usize,
    px: &dyn Fn(usize, usize) -> u8,
    to_work: &dyn Fn(f64, f64) -> [f64; 2],
) -> Vec<CodeSeen> {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, px);
    let mut out = Vec::new();
    for g in img.detect_grids() {
        if let Ok((meta, text)) = g.decode() {
            let corners = g.bounds.map(|p| to_work(p.x as f64, p.y as f64));
            out.push(CodeSeen {
                text,
                corners,
                modules: 17 + 4 * meta.version.0,
            });
        }
    }
    out
}

/// QR codes read from the finder patterns among the marks seen: three of about one size at
/// the corners of an isosceles right triangle are a code's finders; its modules are sampled
/// straight from the full-resolution photo (an affine grid: over a few centimetres a phone's
/// perspective is negligible) and decoded. This reads codes whose modules are under 3 px,
/// where a general detector gives up.
fn codes_from_finders(seen: &[MarkSeen], full: &image::GrayImage, scale: f64) -> Vec<CodeSeen> {
    let mut out = Vec::new();
    let d = |a: [f64; 2], b: [f64; 2]| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
    let n = seen.len().min(40);
    for i in 0..n {
        for j in 0..n {
            for k in 0..n {
                if i == j || j == k || i == k {
                    continue;
                }
                let (tl, tr, bl) = (seen[i], seen[j], seen[k]);
                let size = tl.size;
                if (tr.size / size - 1.0).abs() > 0.3 || (bl.size / size - 1.0).abs() > 0.3 {
                    continue;
                }
                let (a, b) = (d(tl.c, tr.c), d(tl.c, bl.c));
                if (a / b - 1.0).abs() > 0.15 || a < size * 1.5 || a > size * 8.0 {
                    continue;
                }
                let ex = [tr.c[0] - tl.c[0], tr.c[1] - tl.c[1]];
                let ey = [bl.c[0] - tl.c[0], bl.c[1] - tl.c[1]];
                let cross = ex[0] * ey[1] - ex[1] * ey[0];
                let dot = ex[0] * ey[0] + ex[1] * ey[1];
                if cross <= 0.0 || dot.abs() > 0.2 * a * b {
                    continue;
                }
                // Finder centres are n − 7 modules apart, a finder 7 modules wide.
                let guess = 7.0 + 7.0 * (a + b) / 2.0 / size;
                for version in 1..=6usize {
                    let modules = 17 + 4 * version;
                    if (modules as f64 - guess).abs() > 4.5 {
                        continue;
                    }
                    if let Some(c) = sample_code(tl.c, ex, ey, modules, full, scale) {
                        out.push(c);
                        break;
                    }
                }
            }
        }
    }
    out
}

fn sample_code(
    tl: [f64; 2],
    ex: [f64; 2],
    ey: [f64; 2],
    modules: usize,
    full: &image::GrayImage,
    scale: f64,
) -> Option<CodeSeen> {
    let span = (modules - 7) as f64;
    let (ux, uy) = ([ex[0] / span, ex[1] / span], [ey[0] / span, ey[1] / span]);
    // Module (i, j)'s centre in working pixels.
    let at = |i: f64, j: f64| {
        [
            tl[0] + (i - 3.0) * ux[0] + (j - 3.0) * uy[0],
            tl[1] + (i - 3.0) * ux[1] + (j - 3.0) * uy[1],
        ]
    };
    let (w, h) = (full.width() as f64, full.height() as f64);
    let raw = full.as_raw();
    let stride = full.width() as usize;
    let sample = |p: [f64; 2]| -> Option<f64> {
        let (x, y) = (p[0] * scale - 0.5, p[1] * scale - 0.5);
        if x < 0.0 || y < 0.0 || x >= w - 1.0 || y >= h - 1.0 {
            return None;
        }
        let (xi, yi) = (x as usize, y as usize);
        let (ax, ay) = (x - xi as f64, y - yi as f64);
        let v = |x: usize, y: usize| raw[y * stride + x] as f64;
        Some(
            (v(xi, yi) * (1.0 - ax) + v(xi + 1, yi) * ax) * (1.0 - ay)
                + (v(xi, yi + 1) * (1.0 - ax) + v(xi + 1, yi + 1) * ax) * ay,
        )
    };
    // The finder centres are found to a fraction of a module: try the grid where they put it
    // and nudged by a quarter module; threshold each module against the middle of the darkest
    // and lightest tenth, and against its 5 × 5 neighbourhood (blur pulls a lone light module
    // towards its dark neighbours).
    let mut text = None;
    'tries: for (sx, sy) in [
        (0.0, 0.0),
        (0.25, 0.0),
        (-0.25, 0.0),
        (0.0, 0.25),
        (0.0, -0.25),
    ] {
        let mut vals = Vec::with_capacity(modules * modules);
        for j in 0..modules {
            for i in 0..modules {
                vals.push(sample(at(i as f64 + sx, j as f64 + sy))?);
            }
        }
        let mut sorted = vals.clone();
        sorted.sort_by(|a, b| a.total_cmp(b));
        let lo = sorted[sorted.len() / 10];
        let hi = sorted[sorted.len() * 9 / 10];
        let global = (lo + hi) / 2.0;
        let local = |x: usize, y: usize| {
            let (x0, x1) = (x.saturating_sub(2), (x + 3).min(modules));
            let (y0, y1) = (y.saturating_sub(2), (y + 3).min(modules));
            let mut sum = 0.0;
            for yy in y0..y1 {
                for xx in x0..x1 {
                    sum += vals[yy * modules + xx];
                }
            }
            let mean = sum / ((x1 - x0) * (y1 - y0)) as f64;
            (mean + global) / 2.0
        };
        for adaptive in [false, true] {
            let grid = rqrr::SimpleGrid::from_func(modules, |x, y| {
                let t = if adaptive { local(x, y) } else { global };
                vals[y * modules + x] < t
            });
            if let Ok((_, t)) = rqrr::Grid::new(grid).decode() {
                text = Some(t);
                break 'tries;
            }
        }
    }
    let text = text?;
    let m = modules as f64;
    // rqrr's bounds convention: one module past the grid at the far sides.
    let corner = |i: f64, j: f64| at(i - 0.5, j - 0.5);
    Some(CodeSeen {
        text,
        corners: [
            corner(0.0, 0.0),
            corner(m + 1.0, 0.0),
            corner(m + 1.0, m + 1.0),
            corner(0.0, m + 1.0),
        ],
        modules,
    })
}

/// Every QR code readable in the photo: on the working image, else around each mark.
fn find_codes(
    work_gray: &[u8],
    w: usize,
    h: usize,
    full: &image::DynamicImage,
    scale: f64,
    seen: &[MarkSeen],
) -> Vec<CodeSeen> {
    let luma = full.to_luma8();
    let mut codes = codes_from_finders(seen, &luma, scale);
    if codes.iter().any(|c| CanvasCode::parse(&c.text).is_some()) {
        return codes;
    }
    codes.extend(decode_in(w, h, &|x, y| work_gray[y * w + x], &|x, y| {
        [x, y]
    }));
    if codes.iter().any(|c| CanvasCode::parse(&c.text).is_some()) {
        return codes;
    }
    let (fw, fh) = (luma.width() as f64, luma.height() as f64);
    let raw = luma.as_raw();
    let stride = luma.width() as usize;
    let mut all = codes;
    for m in seen {
        let size = m.size * scale;
        let half = 5.5 * size;
        let (cx, cy) = (m.c[0] * scale, m.c[1] * scale);
        let (x0, y0) = ((cx - half).max(0.0), (cy - half).max(0.0));
        let (x1, y1) = ((cx + half).min(fw - 1.0), (cy + half).min(fh - 1.0));
        if x1 - x0 < 8.0 || y1 - y0 < 8.0 {
            continue;
        }
        // Modules are about a seventh of a mark: make them ≥ 4 px.
        let f = (30.0 / size).clamp(1.0, 4.0);
        let (cw, ch) = (((x1 - x0) * f) as usize, ((y1 - y0) * f) as usize);
        let sample = |x: usize, y: usize| -> u8 {
            let sx = x0 + x as f64 / f;
            let sy = y0 + y as f64 / f;
            let (xi, yi) = (sx as usize, sy as usize);
            let (ax, ay) = (sx - xi as f64, sy - yi as f64);
            let xj = (xi + 1).min(stride - 1);
            let yj = (yi + 1).min(luma.height() as usize - 1);
            let p = |x: usize, y: usize| raw[y * stride + x] as f64;
            let v = (p(xi, yi) * (1.0 - ax) + p(xj, yi) * ax) * (1.0 - ay)
                + (p(xi, yj) * (1.0 - ax) + p(xj, yj) * ax) * ay;
            v as u8
        };
        let back = |x: f64, y: f64| [(x0 + x / f) / scale, (y0 + y / f) / scale];
        let found = decode_in(cw, ch, &sample, &back);
        let ours = found.iter().any(|c| CanvasCode::parse(&c.text).is_some());
        all.extend(found);
        if ours {
            break;
        }
    }
    all
}

/// The marks' geometry on the sheet the code names.
pub fn geometry_of(code: &CanvasCode) -> Option<MarkGeometry> {
    let (pw, ph) = code.paper.oriented(code.orientation);
    match code.tile_options() {
        None => Some(marks::single_sheet(pw, ph)),
        Some(opts) => {
            let g = tile::grid(pw, ph, &opts).ok()?;
            Some(marks::tile_sheet(&g))
        }
    }
}

/// What one photo shows: every sheet found whole (its code read and its four marks in view),
/// and the sheets whose code was read but which could not be located, each with why (a
/// neighbour half in view, on a photo of one sheet of a poster).
#[derive(Debug, Clone)]
pub struct PhotoSheets {
    pub sheets: Vec<Located>,
    pub failed: Vec<(CanvasCode, String)>,
}

/// A code read in the photo, on its way to a homography.
struct Candidate<'a> {
    code: CanvasCode,
    geo: MarkGeometry,
    qr: &'a CodeSeen,
    /// Sheet mm → working pixels, from the code's corners alone.
    first: Homography,
    module_px: f64,
    /// The marks taken (indices into the marks seen): top left, top right, bottom right,
    /// bottom left.
    marks: [Option<usize>; 4],
}

/// How close (mm on the sheet) a mark another sheet took must be to a prediction to stand in
/// for a mark covered by the next sheet of an assembled poster (the far corners' predictions
/// are off by up to about 7 mm; the neighbour's marks on a wall of sheets hung side by side
/// are 25 mm or more away).
const GLUED_MM: f64 = 10.0;

/// A module's side on the sheet, mm.
fn module_mm(c: &Candidate) -> f64 {
    c.geo.code.w.0 as f64 / c.qr.modules as f64
}

const CORNER_NAMES: [&str; 4] = ["top-left", "top-right", "bottom-right", "bottom-left"];

/// Takes marks for `(candidate, corner, prediction, tolerance)` requests, nearest pair first
/// over all of them, each mark at most once (`claimed`): on a photo of several sheets side by
/// side a sheet's corner mark lies a few centimetres from its neighbour's, and the nearer
/// prediction wins. Except on a poster assembled as the print says (each sheet trimmed and
/// laid over its neighbour's glue strip): there a sheet's right and bottom marks are under the
/// next sheet, whose own left and top marks lie within about a millimetre of them, so a mark
/// within [`GLUED_MM`] of a prediction is taken even when another sheet has it.
fn assign(
    requests: &[(usize, usize, [f64; 2], f64)],
    seen: &[MarkSeen],
    claimed: &mut [bool],
    cands: &mut [Candidate],
) {
    let mut pairs: Vec<(f64, usize, usize, bool)> = Vec::new();
    for (r, &(c, _, p, tol)) in requests.iter().enumerate() {
        let near = GLUED_MM * cands[c].module_px / module_mm(&cands[c]);
        for (m, mark) in seen.iter().enumerate() {
            let d = (mark.c[0] - p[0]).hypot(mark.c[1] - p[1]);
            if d <= tol && (!claimed[m] || d <= near) {
                pairs.push((d, r, m, d <= near));
            }
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, r, m, shared) in pairs {
        let (c, k, _, _) = requests[r];
        if (claimed[m] && !shared) || cands[c].marks[k].is_some() {
            continue;
        }
        claimed[m] = true;
        cands[c].marks[k] = Some(m);
    }
}

/// The tolerance around a mark predicted at `p` from a code whose bottom-left corner is at
/// `anchor`: the prediction from the small code is rough far from it, so a tenth of the way.
fn tolerance(p: [f64; 2], anchor: [f64; 2], module_px: f64) -> f64 {
    let dq = ((p[0] - anchor[0]).powi(2) + (p[1] - anchor[1]).powi(2)).sqrt();
    (0.12 * dq).max(module_px * 8.0)
}

/// Finds every sheet in photo number `photo`: `work` is the photo at working size, `full` the
/// photo itself, `scale` the full photo's pixels per working pixel. Each sheet carries its own
/// code and four marks; the marks of a sheet are the ones nearest the predictions from its own
/// code. An error when no sheet is found whole.
pub fn locate(
    photo: u32,
    work: &Rgb,
    full: &image::DynamicImage,
    scale: f64,
) -> Result<PhotoSheets, ScanError> {
    let no = |why: &str| ScanError::NoCanvas {
        photo,
        why: why.to_string(),
    };
    let gray: Vec<u8> = work
        .data
        .chunks_exact(3)
        .map(|p| ((p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29) >> 8) as u8)
        .collect();
    let seen = find_marks(&gray, work.w, work.h);
    let codes = find_codes(&gray, work.w, work.h, full, scale, &seen);
    let mut ours: Vec<(CanvasCode, &CodeSeen)> = Vec::new();
    for c in &codes {
        if let Some(k) = CanvasCode::parse(&c.text) {
            if !ours.iter().any(|(o, _)| *o == k) {
                ours.push((k, c));
            }
        }
    }
    if ours.is_empty() {
        return Err(no(if codes.is_empty() {
            "no canvas code could be read (is the whole sheet in the photo, and the code in the bottom-left corner not covered?)"
        } else {
            "the QR code in it is not a Klantreis canvas code"
        }));
    }
    let mut failed: Vec<(CanvasCode, String)> = Vec::new();
    let mut cands: Vec<Candidate> = Vec::new();
    for (code, qr) in ours {
        let Some(geo) = geometry_of(&code) else {
            failed.push((code, "its code names a paper that cannot be tiled".into()));
            continue;
        };
        // The code's corners on paper (rqrr's bounds run one module past the grid).
        let r = geo.code;
        let q = r.w.0 as f64 * (qr.modules as f64 + 1.0) / qr.modules as f64;
        let (x, y) = (r.x.0 as f64, r.y.0 as f64);
        let paper = [[x, y], [x + q, y], [x + q, y + q], [x, y + q]];
        let Some(first) = Homography::from_points(&paper, &qr.corners) else {
            failed.push((code, "its code is too distorted to read".into()));
            continue;
        };
        let module_px = {
            let [a, b] = [qr.corners[0], qr.corners[1]];
            ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt() / (qr.modules as f64 + 1.0)
        };
        cands.push(Candidate {
            code,
            geo,
            qr,
            first,
            module_px,
            marks: [None; 4],
        });
    }
    let mut claimed = vec![false; seen.len()];
    // The bottom-left mark sits beside the code and is predicted almost exactly, then the
    // top-left one (the code's own height away); each sheet's pair is claimed before any
    // sheet looks for its far corners, where a neighbour's marks are close.
    for k in [3, 0] {
        let requests: Vec<_> = cands
            .iter()
            .enumerate()
            .map(|(c, cand)| {
                let [mx, my] = cand.geo.centres[k];
                let p = cand.first.map(mx as f64, my as f64);
                (c, k, p, tolerance(p, cand.qr.corners[3], cand.module_px))
            })
            .collect();
        assign(&requests, &seen, &mut claimed, &mut cands);
    }
    // The far corners: the code's prediction, moved by how far off it was at the mark on
    // the same side (top right as top left, bottom right as bottom left), which takes out
    // most of the error of extrapolating from the small code along the sheet's height.
    let mut requests = Vec::new();
    for (c, cand) in cands.iter().enumerate() {
        // With one of the two left marks covered or out of frame, the other corrects both.
        let (Some(tl), Some(bl)) = (
            cand.marks[0].or(cand.marks[3]),
            cand.marks[3].or(cand.marks[0]),
        ) else {
            continue;
        };
        let (tl_k, bl_k) = (
            if cand.marks[0].is_some() { 0 } else { 3 },
            if cand.marks[3].is_some() { 3 } else { 0 },
        );
        for (k, along, found) in [(1, tl_k, tl), (2, bl_k, bl)] {
            let pred = |k: usize| {
                let [mx, my] = cand.geo.centres[k];
                cand.first.map(mx as f64, my as f64)
            };
            let (p, q) = (pred(k), pred(along));
            let m = seen[found].c;
            let p = [p[0] + m[0] - q[0], p[1] + m[1] - q[1]];
            requests.push((c, k, p, tolerance(p, cand.qr.corners[3], cand.module_px)));
        }
    }
    assign(&requests, &seen, &mut claimed, &mut cands);
    let mut sheets = Vec::new();
    for cand in cands {
        let Some(missing) = (0..4).find(|&k| cand.marks[k].is_none()) else {
            let sheet = cand.geo.centres.map(|[x, y]| [x as f64, y as f64]);
            let marks_px = cand.marks.map(|m| m.map(|m| seen[m].c).unwrap_or_default());
            match Homography::from_points(&sheet, &marks_px) {
                Some(to_work) => sheets.push(Located {
                    code: cand.code,
                    geo: cand.geo,
                    to_work,
                }),
                None => failed.push((cand.code, "its corner marks do not form a sheet".into())),
            }
            continue;
        };
        // One mark out of view (cut by the frame, under a note): the paper's edges stand in
        // for it on a sheet of its own (a tile's edges are its neighbours').
        let marks_px = cand.marks.map(|m| m.map(|m| seen[m].c));
        let three = cand
            .code
            .sheet
            .sheet
            .is_none()
            .then(|| super::corner::from_three(&cand.geo, marks_px, &gray, work.w, work.h))
            .flatten();
        if let Some(to_work) = three {
            sheets.push(Located {
                code: cand.code,
                geo: cand.geo,
                to_work,
            });
            continue;
        }
        failed.push((
            cand.code,
            format!(
                "its {} corner mark is not in the photo or is covered",
                CORNER_NAMES[missing]
            ),
        ));
    }
    if sheets.is_empty() {
        let why = failed.into_iter().next().map(|f| f.1).unwrap_or_default();
        return Err(no(&why));
    }
    Ok(PhotoSheets { sheets, failed })
}
