//! A canvas sheet with one corner mark out of view (cut by the frame's edge, or under a note):
//! its place on the photo is found from the three marks in view and the paper's own two edges
//! that meet at the hidden corner (`docs/scan.md`, step 4).
//!
//! Why the paper's edges: three marks fix an affine map, but the fourth corner of a photo
//! taken at an angle is off a parallelogram by up to a tenth of the sheet, and neither the
//! small code (a few centimetres, beside the opposite corner) nor anything else near the
//! three marks says which way. The sheet's edges against the wall run the sheet's whole
//! length: each is followed outward from the known corner, fitted as a line, and the two
//! lines meet at the hidden paper corner, whose place on the sheet is known.

use super::geom::Homography;
use super::marks::MarkGeometry;

/// Least step in grey levels from the paper to what lies beyond its edge.
const MIN_STEP: f64 = 12.0;

/// The homography sheet mm → working pixels of a sheet whose marks (top left, top right,
/// bottom right, bottom left; working pixels) are all found but one, from the three and the
/// paper's edges in `gray` (`w × h`). `None` when the edges cannot be followed.
pub fn from_three(
    geo: &MarkGeometry,
    marks: [Option<[f64; 2]>; 4],
    gray: &[u8],
    w: usize,
    h: usize,
) -> Option<Homography> {
    if marks.iter().filter(|m| m.is_none()).count() != 1 {
        return None;
    }
    let k = (0..4).find(|&i| marks[i].is_none())?;
    let (a, o, b) = ((k + 1) % 4, (k + 2) % 4, (k + 3) % 4);
    let m = |i: usize| marks[i].unwrap_or([0.0, 0.0]);
    let mut seen = [m(0), m(1), m(2), m(3)];
    // First guess: a parallelogram.
    seen[k] = [m(a)[0] + m(b)[0] - m(o)[0], m(a)[1] + m(b)[1] - m(o)[1]];
    let centres = geo.centres.map(|[x, y]| [x as f64, y as f64]);
    let guess = Homography::from_points(&centres, &seen)?;
    let (sw, sh) = (geo.sheet_w as f64, geo.sheet_h as f64);
    let corners = [[0.0, 0.0], [sw, 0.0], [sw, sh], [0.0, sh]];
    let img = Gray { px: gray, w, h };
    let la = img.edge(&guess, corners[a], corners[k], [sw, sh])?;
    let lb = img.edge(&guess, corners[b], corners[k], [sw, sh])?;
    let hidden = meet(la, lb)?;
    let mut from = centres;
    from[k] = corners[k];
    seen[k] = hidden;
    Homography::from_points(&from, &seen)
}

/// A line through `p` along unit `d`.
type Line = ([f64; 2], [f64; 2]);

fn meet((p, d): Line, (q, e): Line) -> Option<[f64; 2]> {
    let den = d[0] * e[1] - d[1] * e[0];
    if den.abs() < 1e-6 {
        return None;
    }
    let t = ((q[0] - p[0]) * e[1] - (q[1] - p[1]) * e[0]) / den;
    Some([p[0] + t * d[0], p[1] + t * d[1]])
}

struct Gray<'a> {
    px: &'a [u8],
    w: usize,
    h: usize,
}

impl Gray<'_> {
    fn at(&self, x: f64, y: f64) -> Option<f64> {
        if x < 0.0 || y < 0.0 || x >= self.w as f64 || y >= self.h as f64 {
            return None;
        }
        Some(self.px[y as usize * self.w + x as usize] as f64)
    }

    /// Where the paper ends along the normal `n` through `p`, within `r` pixels: the
    /// outermost place where the 5 pixels inside are brighter than the 5 outside by
    /// [`MIN_STEP`] (a printed band inside the edge steps down too, but nearer the middle).
    fn step(&self, p: [f64; 2], n: [f64; 2], r: f64) -> Option<[f64; 2]> {
        let r = r as i64;
        let g: Vec<Option<f64>> = (-r - 6..=r + 6)
            .map(|s| self.at(p[0] + s as f64 * n[0], p[1] + s as f64 * n[1]))
            .collect();
        let mut best = None;
        for s in -r..=r {
            let i = (s + r + 6) as usize;
            let mean = |lo: usize, hi: usize| -> Option<f64> {
                let mut sum = 0.0;
                for v in &g[lo..hi] {
                    sum += (*v)?;
                }
                Some(sum / (hi - lo) as f64)
            };
            let (Some(inside), Some(outside)) = (mean(i - 5, i), mean(i + 1, i + 6)) else {
                continue;
            };
            if inside - outside >= MIN_STEP {
                best = Some(s);
            }
        }
        best.map(|s| [p[0] + s as f64 * n[0], p[1] + s as f64 * n[1]])
    }

    /// The paper's edge from sheet corner `from` (near a mark found) towards `to` (the hidden
    /// one) as a line in the photo: first followed on the near half with a search that widens
    /// with the distance from the known corner, then along that line's own course to the far
    /// end with a narrow search, and fitted robustly.
    fn edge(
        &self,
        guess: &Homography,
        from: [f64; 2],
        to: [f64; 2],
        size: [f64; 2],
    ) -> Option<Line> {
        // The outward normal on the sheet: the edge is one of the paper's four sides.
        let n_sheet = if (from[1] - to[1]).abs() < 1e-6 {
            [0.0, if from[1] > size[1] / 2.0 { 1.0 } else { -1.0 }]
        } else {
            [if from[0] > size[0] / 2.0 { 1.0 } else { -1.0 }, 0.0]
        };
        let along = |t: f64| {
            [
                from[0] + (to[0] - from[0]) * t,
                from[1] + (to[1] - from[1]) * t,
            ]
        };
        let normal_at = |q: [f64; 2]| {
            let p = guess.map(q[0], q[1]);
            let o = guess.map(q[0] + n_sheet[0] * 10.0, q[1] + n_sheet[1] * 10.0);
            let len = (o[0] - p[0]).hypot(o[1] - p[1]).max(1e-9);
            (p, [(o[0] - p[0]) / len, (o[1] - p[1]) / len])
        };
        let total = {
            let (p, _) = normal_at(from);
            let (q, _) = normal_at(to);
            (q[0] - p[0]).hypot(q[1] - p[1])
        };
        let mut pts = Vec::new();
        for i in 0..24 {
            let t = 0.06 + 0.44 * i as f64 / 23.0;
            let (p, n) = normal_at(along(t));
            pts.extend(self.step(p, n, 12.0 + 0.12 * total * t));
        }
        let near = fit(&pts)?;
        // Along the fitted line, to near the far end.
        let (start, _) = normal_at(along(0.06));
        let (end, _) = normal_at(along(0.94));
        let (p0, d) = near;
        let proj = |q: [f64; 2]| (q[0] - p0[0]) * d[0] + (q[1] - p0[1]) * d[1];
        let (s0, s1) = (proj(start), proj(end));
        let nrm = [-d[1], d[0]];
        // The normal's outward sense, as the guess has it.
        let (_, n_guess) = normal_at(along(0.3));
        let nrm = if nrm[0] * n_guess[0] + nrm[1] * n_guess[1] < 0.0 {
            [-nrm[0], -nrm[1]]
        } else {
            nrm
        };
        let mut far = Vec::new();
        for i in 0..48 {
            let s = s0 + (s1 - s0) * i as f64 / 47.0;
            let p = [p0[0] + s * d[0], p0[1] + s * d[1]];
            far.extend(self.step(p, nrm, 10.0));
        }
        fit(&far).or(Some(near))
    }
}

/// The line through `pts`, least squares (principal axis), twice more without the points
/// more than 2.5 px off the previous fit. `None` with fewer than 6 points left.
fn fit(pts: &[[f64; 2]]) -> Option<Line> {
    let mut use_: Vec<[f64; 2]> = pts.to_vec();
    let mut line = None;
    for _ in 0..3 {
        if use_.len() < 6 {
            return None;
        }
        let n = use_.len() as f64;
        let c = [
            use_.iter().map(|p| p[0]).sum::<f64>() / n,
            use_.iter().map(|p| p[1]).sum::<f64>() / n,
        ];
        let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
        for p in &use_ {
            let (dx, dy) = (p[0] - c[0], p[1] - c[1]);
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
        let d = [angle.cos(), angle.sin()];
        line = Some((c, d));
        let off = |p: &[f64; 2]| ((p[0] - c[0]) * d[1] - (p[1] - c[1]) * d[0]).abs();
        // Drop the worst: beyond 2.5 px, or beyond three times the median residual.
        let mut res: Vec<f64> = use_.iter().map(off).collect();
        res.sort_by(f64::total_cmp);
        let cut = (res[res.len() / 2] * 3.0).max(2.5);
        use_.retain(|p| off(p) <= cut);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_meet_and_fit() {
        let a = ([0.0, 0.0], [1.0, 0.0]);
        let b = ([5.0, -3.0], [0.0, 1.0]);
        assert_eq!(meet(a, b), Some([5.0, 0.0]));
        let mut pts: Vec<[f64; 2]> = (0..20).map(|i| [i as f64, 2.0 * i as f64 + 1.0]).collect();
        pts.push([3.0, 40.0]);
        let (c, d) = fit(&pts).expect("a line");
        assert!((d[1] / d[0] - 2.0).abs() < 1e-6, "{d:?}");
        assert!((c[1] - (2.0 * c[0] + 1.0)).abs() < 1e-6, "{c:?}");
    }
}
