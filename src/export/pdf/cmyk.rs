//! Colours for the print shop: the Scene's sRGB converted to CMYK for coated offset paper
//! (Coated FOGRA39, the usual output intent in Europe), and the profile itself for the
//! output intent.
//!
//! The conversion is a table made once by LittleCMS (`scripts/make-cmyk-table.sh`: sRGB to
//! FOGRA39, relative colorimetric with black-point compensation, a 17 × 17 × 17 grid) and
//! interpolated here tetrahedrally, as LittleCMS itself interpolates its own tables. Linking
//! LittleCMS (the `lcms2` crate builds the C library) would add a C build to every CI run for
//! the handful of palette colours a map uses; the table is 19 KB. How close it comes to
//! LittleCMS on the palette is checked in the tests below.

/// The Coated FOGRA39 (ISO 12647-2:2004) profile, embedded as the output intent's
/// `DestOutputProfile` (Adobe's profile, as printpdf ships it; its licence is in
/// `packaging/copyright`).
pub(super) const FOGRA39: &[u8] = include_bytes!("../../../assets/icc/CoatedFOGRA39.icc");

/// The profile's description string, by which its licence asks it be named.
pub(super) const FOGRA39_NAME: &str = "Coated FOGRA39 (ISO 12647-2:2004)";

const N: usize = 17;
static TABLE: &[u8; N * N * N * 4] = include_bytes!("../../../assets/icc/srgb-to-fogra39.bin");

/// Grid cell and position in it of one 0…255 component: the grid points are 0, 16, …, 240,
/// 255.
fn cell(v: u8) -> (usize, f32) {
    let i = (v as usize / 16).min(N - 2);
    let lo = (i * 16) as f32;
    let hi = if i + 1 == N - 1 { 255.0 } else { lo + 16.0 };
    (i, (v as f32 - lo) / (hi - lo))
}

fn at(r: usize, g: usize, b: usize) -> [f32; 4] {
    let o = ((r * N + g) * N + b) * 4;
    let t = &TABLE[o..o + 4];
    [t[0] as f32, t[1] as f32, t[2] as f32, t[3] as f32]
}

/// `rgb` (sRGB, 0…255) as C, M, Y, K (0…255) on Coated FOGRA39.
pub fn cmyk(rgb: [u8; 3]) -> [u8; 4] {
    let (ri, rf) = cell(rgb[0]);
    let (gi, gf) = cell(rgb[1]);
    let (bi, bf) = cell(rgb[2]);
    let c000 = at(ri, gi, bi);
    let c111 = at(ri + 1, gi + 1, bi + 1);
    // Tetrahedral interpolation: the cube split into six tetrahedra along its diagonal; the
    // one holding the point is picked by the order of its fractions.
    let (w, p1, p2) = if rf >= gf && gf >= bf {
        (
            [1.0 - rf, rf - gf, gf - bf, bf],
            at(ri + 1, gi, bi),
            at(ri + 1, gi + 1, bi),
        )
    } else if rf >= bf && bf >= gf {
        (
            [1.0 - rf, rf - bf, bf - gf, gf],
            at(ri + 1, gi, bi),
            at(ri + 1, gi, bi + 1),
        )
    } else if bf >= rf && rf >= gf {
        (
            [1.0 - bf, bf - rf, rf - gf, gf],
            at(ri, gi, bi + 1),
            at(ri + 1, gi, bi + 1),
        )
    } else if gf >= rf && rf >= bf {
        (
            [1.0 - gf, gf - rf, rf - bf, bf],
            at(ri, gi + 1, bi),
            at(ri + 1, gi + 1, bi),
        )
    } else if gf >= bf && bf >= rf {
        (
            [1.0 - gf, gf - bf, bf - rf, rf],
            at(ri, gi + 1, bi),
            at(ri, gi + 1, bi + 1),
        )
    } else {
        (
            [1.0 - bf, bf - gf, gf - rf, rf],
            at(ri, gi, bi + 1),
            at(ri, gi + 1, bi + 1),
        )
    };
    let mut out = [0u8; 4];
    for (k, o) in out.iter_mut().enumerate() {
        let v = w[0] * c000[k] + w[1] * p1[k] + w[2] * p2[k] + w[3] * c111[k];
        *o = v.round().clamp(0.0, 255.0) as u8;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Palette colours as LittleCMS 2.14 converts them exactly (`transicc -t1 -b -i "*sRGB"
    /// -o CoatedFOGRA39.icc`), in percent: the table's interpolation stays within 1.5 % of
    /// each ink.
    #[test]
    fn the_table_agrees_with_littlecms_on_the_palette() {
        let exact: [([u8; 3], [f32; 4]); 11] = [
            ([0xff, 0xf3, 0xb0], [1.0, 2.4, 40.6, 0.0]),
            ([0xff, 0xdd, 0xb5], [0.0, 17.5, 33.3, 0.0]),
            ([0xd3, 0xe8, 0xfb], [19.8, 3.9, 0.0, 0.0]),
            ([0xd5, 0xf0, 0xdc], [19.8, 0.0, 19.5, 0.0]),
            ([0xe5, 0xdb, 0xfa], [10.9, 16.8, 0.0, 0.0]),
            ([0xff, 0xd1, 0xdc], [0.0, 26.8, 5.8, 0.0]),
            ([0xd6, 0x45, 0x50], [10.2, 84.0, 61.3, 1.6]),
            ([0x2f, 0x9e, 0x6b], [76.9, 12.1, 71.3, 0.6]),
            ([0x1f, 0x29, 0x33], [85.5, 70.4, 52.9, 64.7]),
            ([0xff, 0xff, 0xff], [0.0, 0.1, 0.0, 0.0]),
            ([0, 0, 0], [89.2, 78.4, 61.8, 97.1]),
        ];
        let mut worst = 0.0f32;
        for (rgb, want) in exact {
            let got = cmyk(rgb);
            for k in 0..4 {
                let d = (got[k] as f32 / 2.55 - want[k]).abs();
                worst = worst.max(d);
                assert!(d < 1.5, "{rgb:?} ink {k}: {} vs {}", got[k], want[k]);
            }
        }
        assert_eq!(cmyk([255, 255, 255]), [0, 0, 0, 0], "white is the paper");
        eprintln!("worst ink difference from LittleCMS: {worst:.2} %");
    }
}
