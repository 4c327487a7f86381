//! A synthetic phone photo of a printed canvas, for the scan test: the blank canvas as
//! `pdftoppm` renders it, square sticky notes of given colours with printed words pasted into
//! known places (in millimetres on the paper, as the Scene's cell regions give them), the
//! whole sheet seen at a slight angle (a real perspective warp) on a darker wall, as JPEG.
//! Included by the test files that need it (`#[path]`), so the others stay free of `image`.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use image::{Rgb, RgbImage};

const FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");

/// One note to paste: its top-left corner and side on the paper (mm), colour and lines.
pub struct Note<'a> {
    pub x_mm: f32,
    pub y_mm: f32,
    pub side_mm: f32,
    pub rgb: [u8; 3],
    pub lines: &'a [&'a str],
}

/// The photo: `canvas` (a PNG of the sheet, `page_w_mm` wide) with `notes`, warped, as JPEG.
pub fn photo(canvas: &[u8], page_w_mm: f32, notes: &[Note]) -> Result<Vec<u8>, String> {
    let mut sheet = image::load_from_memory(canvas)
        .map_err(|e| e.to_string())?
        .to_rgb8();
    let px_per_mm = sheet.width() as f32 / page_w_mm;
    let font = FontRef::try_from_slice(FONT).map_err(|e| e.to_string())?;
    for n in notes {
        paste(&mut sheet, &font, n, px_per_mm);
    }
    let warped = warp(&sheet);
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&warped)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

fn paste(img: &mut RgbImage, font: &FontRef, n: &Note, k: f32) {
    let (x0, y0, side) = (n.x_mm * k, n.y_mm * k, n.side_mm * k);
    // A faint shadow below and right of the note, as on a wall.
    for (dx, rgb) in [(3.0, None), (0.0, Some(n.rgb))] {
        for y in (y0 + dx) as u32..(y0 + dx + side) as u32 {
            for x in (x0 + dx) as u32..(x0 + dx + side) as u32 {
                if x < img.width() && y < img.height() {
                    let p = img.get_pixel_mut(x, y);
                    *p = match rgb {
                        Some(c) => Rgb(c),
                        None => Rgb(p.0.map(|v| (v as u16 * 8 / 10) as u8)),
                    };
                }
            }
        }
    }
    let px = side / 8.0;
    let scaled = font.as_scaled(PxScale::from(px));
    let line_h = scaled.height() * 1.15;
    let top = y0 + (side - line_h * n.lines.len() as f32) / 2.0;
    for (i, line) in n.lines.iter().enumerate() {
        let width: f32 = line
            .chars()
            .map(|c| scaled.h_advance(font.glyph_id(c)))
            .sum();
        let mut x = x0 + (side - width) / 2.0;
        let y = top + i as f32 * line_h + scaled.ascent();
        for c in line.chars() {
            let id = font.glyph_id(c);
            let g = id.with_scale_and_position(PxScale::from(px), ab_glyph::point(x, y));
            x += scaled.h_advance(id);
            if let Some(o) = font.outline_glyph(g) {
                let b = o.px_bounds();
                o.draw(|gx, gy, cov| {
                    let (px, py) = (b.min.x as u32 + gx, b.min.y as u32 + gy);
                    if px < img.width() && py < img.height() {
                        let p = img.get_pixel_mut(px, py);
                        for v in p.0.iter_mut() {
                            *v = (*v as f32 * (1.0 - cov) + 35.0 * cov) as u8;
                        }
                    }
                });
            }
        }
    }
}

/// The sheet seen at a slight angle: its corners moved a few percent inwards (more at the top,
/// as from a camera held low), on a wall of a darker grey, by a real homography.
fn warp(sheet: &RgbImage) -> RgbImage {
    let (w, h) = (sheet.width() as f64, sheet.height() as f64);
    let src = [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]];
    let dst = [
        [0.07 * w, 0.06 * h],
        [0.94 * w, 0.08 * h],
        [0.97 * w, 0.95 * h],
        [0.04 * w, 0.93 * h],
    ];
    // The map from the photo back to the sheet: every photo pixel samples the sheet.
    let hm = homography(&dst, &src);
    RgbImage::from_fn(sheet.width(), sheet.height(), |x, y| {
        let (u, v) = (x as f64 + 0.5, y as f64 + 0.5);
        let z = hm[6] * u + hm[7] * v + 1.0;
        let sx = (hm[0] * u + hm[1] * v + hm[2]) / z;
        let sy = (hm[3] * u + hm[4] * v + hm[5]) / z;
        if sx >= 0.0 && sy >= 0.0 && sx < w - 1.0 && sy < h - 1.0 {
            bilinear(sheet, sx, sy)
        } else {
            Rgb([118, 112, 104])
        }
    })
}

fn bilinear(img: &RgbImage, x: f64, y: f64) -> Rgb<u8> {
    let (x0, y0) = (x.floor() as u32, y.floor() as u32);
    let (fx, fy) = (x - x0 as f64, y - y0 as f64);
    let p = |dx, dy| img.get_pixel(x0 + dx, y0 + dy).0;
    let (a, b, c, d) = (p(0, 0), p(1, 0), p(0, 1), p(1, 1));
    let mut out = [0u8; 3];
    for i in 0..3 {
        let top = a[i] as f64 * (1.0 - fx) + b[i] as f64 * fx;
        let bot = c[i] as f64 * (1.0 - fx) + d[i] as f64 * fx;
        out[i] = (top * (1.0 - fy) + bot * fy).round() as u8;
    }
    Rgb(out)
}

/// The homography (h33 = 1) taking the four `from` points to `to`, by solving the 8 × 8 system.
fn homography(from: &[[f64; 2]; 4], to: &[[f64; 2]; 4]) -> [f64; 8] {
    let mut m = [[0.0f64; 9]; 8];
    for i in 0..4 {
        let ([x, y], [u, v]) = (from[i], to[i]);
        m[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        m[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    for c in 0..8 {
        let pivot = (c..8)
            .max_by(|&a, &b| m[a][c].abs().total_cmp(&m[b][c].abs()))
            .unwrap_or(c);
        m.swap(c, pivot);
        let row = m[c];
        for (r, other) in m.iter_mut().enumerate() {
            if r != c {
                let f = other[c] / row[c];
                for (x, p) in other[c..].iter_mut().zip(&row[c..]) {
                    *x -= f * p;
                }
            }
        }
    }
    std::array::from_fn(|i| m[i][8] / m[i][i])
}
