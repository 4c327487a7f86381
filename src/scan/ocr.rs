//! The text on a sticky note's crop, read by Tesseract (the `tesseract` program from Debian's
//! `tesseract-ocr` packages, with the Dutch and English data; `scripts/setup.sh` installs them).
//!
//! The crop is prepared first (greyscale, small crops scaled up to the size Tesseract reads best,
//! contrast stretched so pale ink on a coloured note becomes dark on light), sent as PNG on
//! stdin, and Tesseract's TSV answer gives the words with their confidences. The one process per
//! note is the whole interface: nothing links against libtesseract, so a missing install is a
//! clear message, not a build failure.
//!
//! Invariant: [`fill`] never fails a scan. A note whose OCR fails keeps empty text and confidence
//! 0; its crop still becomes the card's image, so the handwriting is never lost.

use std::io::Write;
use std::process::{Command, Stdio};

use image::{imageops, GrayImage, ImageFormat};

use super::FoundNote;

/// Why a crop could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    #[error(
        "the OCR program `tesseract` was not found; install it with \
         `sudo apt-get install tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng` \
         (or run scripts/setup.sh)"
    )]
    Missing,
    #[error("the note's image could not be read: {0}")]
    Image(String),
    #[error("tesseract failed: {0}")]
    Failed(String),
}

/// The languages asked for: Dutch first (the workshops this is made for), then English.
const LANGS: &str = "nld+eng";

/// Crops narrower than this are scaled up: Tesseract reads letters about 30 px high best, and
/// a 76 mm note photographed from across the room is often only 150 px wide.
const MIN_WIDTH: u32 = 600;

/// Words Tesseract is less sure of than this (0 … 100) are taken as noise: the paper's grain,
/// the note's edge and shadows read as stray letters with very low confidence.
const MIN_WORD_CONF: f32 = 30.0;

/// How many notes are read at once: each `tesseract` is one process on one core.
const THREADS: usize = 4;

/// The text on the note in `png` (PNG or JPEG bytes) and the confidence (0 … 1, the words'
/// average). An empty note gives `("", 0.0)`.
pub fn read_text(png: &[u8]) -> Result<(String, f32), OcrError> {
    let prepared = prepare(png)?;
    let mut child = Command::new("tesseract")
        // stdin to stdout; one block of text (a note is one block, however it is tilted);
        // TSV so every word comes with its confidence.
        .args(["-", "-", "-l", LANGS, "--psm", "6", "tsv"])
        // One core per process: several notes are read side by side already.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => OcrError::Missing,
            _ => OcrError::Failed(e.to_string()),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(&prepared)
            .map_err(|e| OcrError::Failed(e.to_string()))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| OcrError::Failed(e.to_string()))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(OcrError::Failed(format!("{} {first}", out.status)));
    }
    Ok(parse_tsv(&String::from_utf8_lossy(&out.stdout)))
}

/// Reads every note's text in a few threads. A note whose OCR fails keeps empty text and
/// confidence 0; the first error is returned so the caller can warn once (a missing
/// `tesseract` fails every note the same way).
pub fn fill(notes: &mut [FoundNote]) -> Option<OcrError> {
    let per = notes.len().div_ceil(THREADS).max(1);
    let errors: Vec<OcrError> = std::thread::scope(|s| {
        let handles: Vec<_> = notes
            .chunks_mut(per)
            .map(|chunk| {
                s.spawn(move || {
                    let mut first = None;
                    for n in chunk {
                        match read_text(&n.crop_png) {
                            Ok((text, conf)) => {
                                n.text = text;
                                n.confidence = conf;
                            }
                            Err(e) => {
                                n.text.clear();
                                n.confidence = 0.0;
                                first.get_or_insert(e);
                            }
                        }
                    }
                    first
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().ok().flatten())
            .collect()
    });
    errors.into_iter().next()
}

/// The crop as Tesseract reads it best: grey, at least [`MIN_WIDTH`] wide, contrast stretched
/// between the darkest and lightest percent of its pixels, with a white border (Tesseract
/// misses text that touches the image's edge).
fn prepare(bytes: &[u8]) -> Result<Vec<u8>, OcrError> {
    let img = crate::media::decode(bytes).map_err(|e| OcrError::Image(e.to_string()))?;
    let mut grey: GrayImage = img.to_luma8();
    if grey.width() < 8 || grey.height() < 8 {
        return Err(OcrError::Image("the image is too small".into()));
    }
    // The note's edge, its shadow and the paper around a slightly skewed crop read as stray
    // strokes that break Tesseract's lines: a small margin is cut off (writing stays clear of it).
    let (mx, my) = (grey.width() / 16, grey.height() / 16);
    grey =
        imageops::crop_imm(&grey, mx, my, grey.width() - 2 * mx, grey.height() - 2 * my).to_image();
    if grey.width() < MIN_WIDTH {
        let f = MIN_WIDTH as f32 / grey.width() as f32;
        let h = ((grey.height() as f32 * f).round() as u32).max(1);
        grey = imageops::resize(&grey, MIN_WIDTH, h, imageops::FilterType::CatmullRom);
    }
    stretch(&mut grey);
    let pad = grey.width() / 20 + 4;
    let mut framed = GrayImage::from_pixel(
        grey.width() + 2 * pad,
        grey.height() + 2 * pad,
        [255].into(),
    );
    imageops::replace(&mut framed, &grey, pad.into(), pad.into());
    let mut out = std::io::Cursor::new(Vec::new());
    framed
        .write_to(&mut out, ImageFormat::Png)
        .map_err(|e| OcrError::Image(e.to_string()))?;
    Ok(out.into_inner())
}

/// Stretches the grey levels so the darkest 1 % become black and the lightest 1 % white: the
/// note's colour turns near white and the ink near black, whatever the light was. A crop with
/// next to no contrast (an empty note) is left pale, so nothing is read from it.
fn stretch(img: &mut GrayImage) {
    let mut hist = [0usize; 256];
    for p in img.pixels() {
        hist[p.0[0] as usize] += 1;
    }
    let n = (img.width() * img.height()) as usize;
    let cut = (n / 100).max(1);
    let level = |from_dark: bool| -> u8 {
        let mut seen = 0;
        for i in 0..256 {
            let v = if from_dark { i } else { 255 - i };
            seen += hist[v];
            if seen >= cut {
                return v as u8;
            }
        }
        if from_dark {
            0
        } else {
            255
        }
    };
    let (lo, hi) = (level(true) as f32, level(false) as f32);
    // Less than this between ink and paper is the note's own shading, not writing.
    if hi - lo < 40.0 {
        for p in img.pixels_mut() {
            p.0[0] = 255;
        }
        return;
    }
    for p in img.pixels_mut() {
        let v = (p.0[0] as f32 - lo) / (hi - lo) * 255.0;
        p.0[0] = v.clamp(0.0, 255.0) as u8;
    }
}

/// The words of Tesseract's TSV (level 5 rows: `level page block par line word left top width
/// height conf text`), lines joined by spaces (a note's lines are one sentence), and their
/// average confidence / 100.
fn parse_tsv(tsv: &str) -> (String, f32) {
    let mut words: Vec<&str> = Vec::new();
    let mut total = 0.0f32;
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let conf: f32 = cols[10].parse().unwrap_or(-1.0);
        let word = cols[11].trim();
        if word.is_empty() || conf < MIN_WORD_CONF || !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        words.push(word);
        total += conf;
    }
    if words.is_empty() {
        return (String::new(), 0.0);
    }
    let conf = total / words.len() as f32 / 100.0;
    (words.join(" "), conf.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_words_and_confidence() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\tKlant\n\
                   5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t70\tbelt\n\
                   5\t1\t1\t1\t2\t1\t0\t0\t10\t10\t10\t~\n\
                   5\t1\t1\t1\t2\t2\t0\t0\t10\t10\t80\top\n";
        let (text, conf) = parse_tsv(tsv);
        assert_eq!(text, "Klant belt op");
        assert!((conf - 0.8).abs() < 1e-4, "{conf}");
        assert_eq!(parse_tsv("level\n"), (String::new(), 0.0));
    }
}
