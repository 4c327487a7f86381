//! OCR of sticky-note crops (src/scan/ocr.rs) through the real `tesseract`: notes with printed
//! text, rendered here with the repo's own font on note colours, slightly rotated and blurred
//! as a photo leaves them, must come back with at least 90 % of their words right; an empty
//! note gives no text and confidence 0.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use image::{imageops, Rgb, RgbImage};
use klantreis::scan::ocr;

const FONT: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");

/// The note colours (yellow, orange, pink, blue, green) as a photo shows them.
const PAPER: [[u8; 3]; 5] = [
    [250, 232, 120],
    [250, 190, 120],
    [245, 170, 200],
    [160, 205, 240],
    [180, 230, 160],
];

/// A square note of `size` px with `lines` centred in dark ink, turned by `degrees`, blurred.
fn note(lines: &[&str], paper: [u8; 3], size: u32, degrees: f32, blur: f32) -> Vec<u8> {
    let font = FontRef::try_from_slice(FONT).expect("font");
    let px = size as f32 / 9.0;
    let scaled = font.as_scaled(PxScale::from(px));
    let mut img = RgbImage::from_pixel(size, size, Rgb(paper));
    let line_h = scaled.height() * 1.15;
    let top = (size as f32 - line_h * lines.len() as f32) / 2.0;
    for (i, line) in lines.iter().enumerate() {
        let width: f32 = line
            .chars()
            .map(|c| scaled.h_advance(font.glyph_id(c)))
            .sum();
        let mut x = (size as f32 - width) / 2.0;
        let y = top + i as f32 * line_h + scaled.ascent();
        for c in line.chars() {
            let id = font.glyph_id(c);
            let g = id.with_scale_and_position(PxScale::from(px), ab_glyph::point(x, y));
            x += scaled.h_advance(id);
            if let Some(o) = font.outline_glyph(g) {
                let b = o.px_bounds();
                o.draw(|gx, gy, cov| {
                    let (px, py) = (b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32);
                    if px >= 0 && py >= 0 && (px as u32) < size && (py as u32) < size {
                        let p = img.get_pixel_mut(px as u32, py as u32);
                        for k in 0..3 {
                            let ink = 40.0;
                            p.0[k] = (p.0[k] as f32 * (1.0 - cov) + ink * cov) as u8;
                        }
                    }
                });
            }
        }
    }
    let img = rotate(&img, degrees, Rgb(paper));
    let img = imageops::blur(&img, blur);
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

/// `img` turned by `degrees` about its centre (nearest neighbour is enough at a few degrees).
fn rotate(img: &RgbImage, degrees: f32, fill: Rgb<u8>) -> RgbImage {
    let (w, h) = img.dimensions();
    let (s, c) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    RgbImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let (sx, sy) = (c * dx + s * dy + cx, -s * dx + c * dy + cy);
        if sx >= 0.0 && sy >= 0.0 && (sx as u32) < w && (sy as u32) < h {
            *img.get_pixel(sx as u32, sy as u32)
        } else {
            fill
        }
    })
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The notes of the test set: what a workshop writes, in Dutch and English.
const NOTES: [&[&str]; 12] = [
    &["Klant belt", "de helpdesk"],
    &["Wachttijd te", "lang"],
    &["Zoekt op", "Google"],
    &["Leest reviews"],
    &["Vergelijkt", "prijzen"],
    &["Bestelling", "bevestigd"],
    &["Pakket komt", "te laat"],
    &["Compares", "prices online"],
    &["Asks a friend"],
    &["Factuur klopt", "niet"],
    &["Blij met", "service"],
    &["Retour is", "lastig"],
];

#[test]
fn printed_notes_are_read() {
    let mut right = 0usize;
    let mut total = 0usize;
    let mut misses = Vec::new();
    for (i, lines) in NOTES.iter().enumerate() {
        let paper = PAPER[i % PAPER.len()];
        // Sizes as the reader crops them (150 … 400 px), turned −4 … +4°, a little blurred.
        let size = 150 + (i as u32 * 23) % 250;
        let degrees = (i as f32 * 1.7) % 8.0 - 4.0;
        let png = note(lines, paper, size, degrees, 0.6);
        let (text, conf) = ocr::read_text(&png).expect("tesseract runs");
        let got = words(&text);
        for w in words(&lines.join(" ")) {
            total += 1;
            if got.contains(&w) {
                right += 1;
            } else {
                misses.push(format!("{w:?} not in {text:?} (confidence {conf:.2})"));
            }
        }
        assert!((0.0..=1.0).contains(&conf));
        if !got.is_empty() {
            assert!(conf > 0.0, "text without confidence: {text:?}");
        }
    }
    let rate = right as f32 / total as f32;
    eprintln!("OCR: {right}/{total} words right ({:.1} %)", rate * 100.0);
    assert!(rate >= 0.9, "only {right}/{total} words right: {misses:#?}");
}

#[test]
fn an_empty_note_has_no_text() {
    for (i, paper) in PAPER.iter().enumerate() {
        let png = note(&[], *paper, 200 + i as u32 * 40, 2.0, 1.0);
        assert_eq!(
            ocr::read_text(&png).expect("tesseract runs"),
            (String::new(), 0.0)
        );
    }
}

#[test]
fn fill_reads_every_note_and_survives_a_bad_one() {
    let mut notes: Vec<klantreis::scan::FoundNote> = (0..6)
        .map(|i| klantreis::scan::FoundNote {
            id: format!("n{}", i + 1),
            photo: 0,
            outline: [[0.0; 2]; 4],
            phase_id: "p".into(),
            lane_id: "l".into(),
            colour: klantreis::model::CardColour::Yellow,
            text: String::new(),
            confidence: 0.0,
            dots: 0,
            card_id: None,
            crop_png: if i == 3 {
                b"not an image".to_vec()
            } else {
                note(NOTES[i], PAPER[0], 300, 1.0, 0.5)
            },
            ocr_image: None,
        })
        .collect();
    let started = std::time::Instant::now();
    let err = ocr::fill(&mut notes);
    eprintln!("OCR of {} notes: {:?}", notes.len(), started.elapsed());
    assert!(matches!(err, Some(ocr::OcrError::Image(_))), "{err:?}");
    assert_eq!(notes[3].text, "");
    assert_eq!(notes[3].confidence, 0.0);
    for i in [0, 1, 2, 4, 5] {
        assert!(!notes[i].text.is_empty(), "note {i} unread");
        assert!(
            notes[i].confidence > 0.5,
            "note {i}: {}",
            notes[i].confidence
        );
    }
}
