//! The plane geometry of a scan: a homography from four point pairs, and sampling a photo
//! through one. Four points and an 8 × 8 solve need no linear-algebra crate.

/// A projective map of the plane, `h[8]` fixed at 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Homography(pub [f64; 9]);

impl Homography {
    /// The map taking each `from[i]` to `to[i]`; `None` when three points are on a line.
    pub fn from_points(from: &[[f64; 2]; 4], to: &[[f64; 2]; 4]) -> Option<Homography> {
        let mut a = [[0f64; 9]; 8];
        for i in 0..4 {
            let ([x, y], [u, v]) = (from[i], to[i]);
            a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
            a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
        }
        // Gaussian elimination with partial pivoting.
        for col in 0..8 {
            let pivot = (col..8).max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs()))?;
            if a[pivot][col].abs() < 1e-12 {
                return None;
            }
            a.swap(col, pivot);
            for row in 0..8 {
                if row != col {
                    let f = a[row][col] / a[col][col];
                    if f != 0.0 {
                        let pivot_row = a[col];
                        for (v, p) in a[row].iter_mut().zip(pivot_row).skip(col) {
                            *v -= f * p;
                        }
                    }
                }
            }
        }
        let mut h = [0f64; 9];
        for i in 0..8 {
            h[i] = a[i][8] / a[i][i];
        }
        h[8] = 1.0;
        Some(Homography(h))
    }

    pub fn map(&self, x: f64, y: f64) -> [f64; 2] {
        let h = &self.0;
        let w = h[6] * x + h[7] * y + h[8];
        [
            (h[0] * x + h[1] * y + h[2]) / w,
            (h[3] * x + h[4] * y + h[5]) / w,
        ]
    }

    /// The inverse map (the adjugate: a homography is defined up to scale).
    pub fn inverse(&self) -> Homography {
        let m = &self.0;
        let inv = [
            m[4] * m[8] - m[5] * m[7],
            m[2] * m[7] - m[1] * m[8],
            m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8],
            m[0] * m[8] - m[2] * m[6],
            m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6],
            m[1] * m[6] - m[0] * m[7],
            m[0] * m[4] - m[1] * m[3],
        ];
        let s = if inv[8].abs() > 1e-18 { inv[8] } else { 1.0 };
        Homography(inv.map(|v| v / s))
    }
}

/// An RGB image as plain bytes, row by row (what the steps pass around).
#[derive(Debug, Clone)]
pub struct Rgb {
    pub w: usize,
    pub h: usize,
    /// `w × h × 3` bytes.
    pub data: Vec<u8>,
}

impl Rgb {
    pub fn from_image(img: image::RgbImage) -> Rgb {
        Rgb {
            w: img.width() as usize,
            h: img.height() as usize,
            data: img.into_raw(),
        }
    }

    pub fn px(&self, i: usize) -> [u8; 3] {
        [self.data[3 * i], self.data[3 * i + 1], self.data[3 * i + 2]]
    }

    /// The bilinear sample at `(x, y)` (pixel centres at `i + 0.5`), white off the image.
    pub fn sample(&self, x: f64, y: f64) -> [u8; 3] {
        let (fx, fy) = (x - 0.5, y - 0.5);
        if !(fx >= 0.0 && fy >= 0.0) || fx >= (self.w - 1) as f64 || fy >= (self.h - 1) as f64 {
            return [255, 255, 255];
        }
        let (x0, y0) = (fx as usize, fy as usize);
        let (ax, ay) = (fx - x0 as f64, fy - y0 as f64);
        let i = y0 * self.w + x0;
        let (p, q, r, s) = (
            self.px(i),
            self.px(i + 1),
            self.px(i + self.w),
            self.px(i + self.w + 1),
        );
        let mut out = [0u8; 3];
        for c in 0..3 {
            let top = p[c] as f64 * (1.0 - ax) + q[c] as f64 * ax;
            let bot = r[c] as f64 * (1.0 - ax) + s[c] as f64 * ax;
            out[c] = (top * (1.0 - ay) + bot * ay).round() as u8;
        }
        out
    }

    /// `w × h` pixels of this image seen through `to_src` (output pixel centre → source
    /// coordinates).
    pub fn warp(&self, w: usize, h: usize, to_src: &dyn Fn(f64, f64) -> [f64; 2]) -> Rgb {
        let mut data = Vec::with_capacity(w * h * 3);
        for y in 0..h {
            for x in 0..w {
                let [sx, sy] = to_src(x as f64 + 0.5, y as f64 + 0.5);
                data.extend_from_slice(&self.sample(sx, sy));
            }
        }
        Rgb { w, h, data }
    }

    /// The luma (Rec. 601) at `(x, y)` by Catmull-Rom interpolation, 255 off the image. Luma,
    /// not a colour channel: a JPEG keeps it at full resolution (its colour at half), and dark
    /// ink is well below every note colour in it. The cubic keeps letters sharper than a
    /// bilinear sample when a crop is enlarged for OCR.
    pub fn luma_cubic(&self, x: f64, y: f64) -> f32 {
        let (fx, fy) = (x - 0.5, y - 0.5);
        if !(fx >= 1.0 && fy >= 1.0) || fx >= (self.w - 2) as f64 || fy >= (self.h - 2) as f64 {
            return 255.0;
        }
        let (x0, y0) = (fx as usize, fy as usize);
        let (ax, ay) = ((fx - x0 as f64) as f32, (fy - y0 as f64) as f32);
        let wx = catmull_rom(ax);
        let wy = catmull_rom(ay);
        let mut v = 0.0f32;
        for (j, wyj) in wy.iter().enumerate() {
            let row = (y0 + j - 1) * self.w;
            let mut r = 0.0f32;
            for (i, wxi) in wx.iter().enumerate() {
                let k = 3 * (row + x0 + i - 1);
                let m = 0.299 * self.data[k] as f32
                    + 0.587 * self.data[k + 1] as f32
                    + 0.114 * self.data[k + 2] as f32;
                r += wxi * m;
            }
            v += wyj * r;
        }
        v.clamp(0.0, 255.0)
    }

    pub fn to_png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let enc = image::codecs::png::PngEncoder::new(&mut out);
        use image::ImageEncoder;
        match enc.write_image(
            &self.data,
            self.w as u32,
            self.h as u32,
            image::ExtendedColorType::Rgb8,
        ) {
            Ok(()) => out,
            Err(_) => Vec::new(),
        }
    }
}

/// The four Catmull-Rom weights of the samples at −1, 0, 1, 2 for a point `t` (0 … 1) past 0.
fn catmull_rom(t: f32) -> [f32; 4] {
    let (t2, t3) = (t * t, t * t * t);
    [
        0.5 * (-t3 + 2.0 * t2 - t),
        0.5 * (3.0 * t3 - 5.0 * t2 + 2.0),
        0.5 * (-3.0 * t3 + 4.0 * t2 + t),
        0.5 * (t3 - t2),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_homography_maps_its_points_and_back() {
        let from = [[10.0, 20.0], [400.0, 35.0], [380.0, 300.0], [5.0, 280.0]];
        let to = [[0.0, 0.0], [1189.0, 0.0], [1189.0, 841.0], [0.0, 841.0]];
        let h = Homography::from_points(&from, &to).expect("solvable");
        for i in 0..4 {
            let [u, v] = h.map(from[i][0], from[i][1]);
            assert!((u - to[i][0]).abs() < 1e-6 && (v - to[i][1]).abs() < 1e-6);
            let [x, y] = h.inverse().map(u, v);
            assert!((x - from[i][0]).abs() < 1e-6 && (y - from[i][1]).abs() < 1e-6);
        }
        let line = [[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]];
        assert!(Homography::from_points(&line, &to).is_none());
    }
}
