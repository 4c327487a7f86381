//! The text on a sticky note's crop, read by Tesseract (the `tesseract` program from Debian's
//! `tesseract-ocr` packages, with the Dutch and English data; `scripts/setup.sh` installs them).
//!
//! The reader cuts each note for OCR from the full photo through the homography at [`PPM`]
//! px/mm ([`note_image`]; the card keeps its smaller crop). The image is prepared (light made
//! even, contrast stretched, a white margin), and a few `tesseract` processes (one per core) each
//! read a list of notes in one run, so the language data is loaded once per process; Tesseract's
//! TSV answer gives the words with their confidences. The program is the whole interface: nothing
//! links against libtesseract, so a missing install is a clear message, not a build failure.
//!
//! Invariant: [`fill`] never fails a scan. A note whose OCR fails keeps empty text and confidence
//! 0; its crop still becomes the card's image, so the handwriting is never lost.

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use image::{imageops, GrayImage, ImageFormat};

use super::geom::Rgb;
use super::FoundNote;

/// Why a crop could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    #[error(
        "the OCR program `tesseract` was not found; {}",
        super::program::INSTALL_HINT
    )]
    Missing,
    #[error("the note's image could not be read: {0}")]
    Image(String),
    #[error("tesseract failed: {0}")]
    Failed(String),
}

/// The languages asked for: Dutch first (the workshops this is made for), then English.
const LANGS: &str = "nld+eng";

/// The scale (px per mm of note) a note is cut from the photo at for OCR. Tesseract reads
/// letters best with an x-height of 20–30 px; printed words on a note are about 7 mm high
/// (x-height near 4 mm), handwriting larger. The photo rarely has as many pixels (a 12 MP photo
/// of an A0 sheet has about 3 px/mm): the cut is interpolated (cubic), which is what Tesseract
/// needs, not new detail.
pub const PPM: f64 = 7.0;

/// The widest note image OCR gets (a 220 mm note at [`PPM`] would be 1,540 px): larger
/// costs time for no better reading.
const MAX_SIDE: f64 = 1100.0;

/// How far inside the note's box OCR looks (mm): the note's edge, its shadow and the paper
/// around it read as strokes that break Tesseract's lines; writing keeps clear of the edge.
const INSET_MM: f64 = 2.0;

/// Words Tesseract is less sure of than this (0 … 100) are taken as noise: the paper's grain,
/// the note's edge and shadows read as stray letters with very low confidence.
const MIN_WORD_CONF: f32 = 30.0;

/// A reading less sure than this (0 … 1, the words' average) is tried again another way
/// ([`read_all`]): right readings of printed words come at 0.9 and more.
const RETRY_BELOW: f32 = 0.85;

/// The most `tesseract` processes run at once (each reads its share of the notes one after the
/// other, on one core, loading the language data once).
const MAX_PROCESSES: usize = 4;

/// The note whose box on the sheet is `bx` (`[x0, y0, x1, y1]` mm; `to_full` maps sheet mm to
/// the photo's pixels) as OCR reads it: its luma, sampled through the homography from the full
/// photo at [`PPM`] (not from the rectified sheet, which has about 1 px/mm).
pub fn note_image(full: &Rgb, bx: [f64; 4], to_full: &dyn Fn(f64, f64) -> [f64; 2]) -> GrayImage {
    let [x0, y0, x1, y1] = bx;
    let (x0, y0) = (x0 + INSET_MM, y0 + INSET_MM);
    let (w, h) = ((x1 - INSET_MM - x0).max(1.0), (y1 - INSET_MM - y0).max(1.0));
    let ppm = PPM.min(MAX_SIDE / w.max(h));
    let (pw, ph) = ((w * ppm).ceil() as u32, (h * ppm).ceil() as u32);
    GrayImage::from_fn(pw, ph, |x, y| {
        let [u, v] = to_full(x0 + (x as f64 + 0.5) / ppm, y0 + (y as f64 + 0.5) / ppm);
        [full.luma_cubic(u, v).round() as u8].into()
    })
}

/// The text on the note in `png` (PNG or JPEG bytes of a crop, as the card keeps it) and the
/// confidence (0 … 1, the words' average). An empty note gives `("", 0.0)`.
pub fn read_text(png: &[u8]) -> Result<(String, f32), OcrError> {
    let img = from_crop(png)?;
    let mut read = read_all(&[prepare(img)])?;
    Ok(read.pop().unwrap_or_default())
}

/// Reads every note's text: its OCR image when the reader made one, else its crop. The notes
/// are shared among a few `tesseract` processes (one per core), each reading its share in one
/// run so the language data is loaded once per process, not once per note. A note whose OCR
/// fails keeps empty text and confidence 0; the first error is returned so the caller can warn
/// once (a missing `tesseract` fails every note the same way).
pub fn fill(notes: &mut [FoundNote]) -> Option<OcrError> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let per = notes.len().div_ceil(cores.clamp(1, MAX_PROCESSES)).max(1);
    let errors: Vec<OcrError> = std::thread::scope(|s| {
        let handles: Vec<_> = notes
            .chunks_mut(per)
            .map(|chunk| s.spawn(move || fill_chunk(chunk)))
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().ok().flatten())
            .collect()
    });
    errors.into_iter().next()
}

/// One process's share of [`fill`].
fn fill_chunk(chunk: &mut [FoundNote]) -> Option<OcrError> {
    let mut first = None;
    let mut images = Vec::new();
    let mut which = Vec::new();
    for (i, n) in chunk.iter_mut().enumerate() {
        n.text.clear();
        n.confidence = 0.0;
        let img = match n.ocr_image.take() {
            Some(img) => Ok(img),
            None => from_crop(&n.crop_png),
        };
        match img {
            Ok(img) => {
                images.push(prepare(img));
                which.push(i);
            }
            Err(e) => {
                first.get_or_insert(e);
            }
        }
    }
    if images.is_empty() {
        return first;
    }
    match read_all(&images) {
        Ok(read) => {
            for (i, (text, conf)) in which.into_iter().zip(read) {
                chunk[i].text = text;
                chunk[i].confidence = conf;
            }
        }
        Err(e) => {
            first.get_or_insert(e);
        }
    }
    first
}

/// The text of each of `images` (prepared), in order. Each note is read first as one block of
/// text (page segmentation mode 6: the lines of a note, however it is tilted); a note read with
/// less than [`RETRY_BELOW`] confidence is read again as sparse text (mode 11: words wherever
/// they are), and the reading with the higher confidence is kept. Mode 6 stumbles where a note
/// holds one short word and a drawing (it takes both for lines of text), mode 11 where the
/// lines are many; each is sure of itself where it reads right.
fn read_all(images: &[GrayImage]) -> Result<Vec<(String, f32)>, OcrError> {
    let mut read = run(images, "6")?;
    let weak: Vec<usize> = (0..read.len())
        .filter(|&i| read[i].1 < RETRY_BELOW)
        .collect();
    if weak.is_empty() {
        return Ok(read);
    }
    let again: Vec<GrayImage> = weak.iter().map(|&i| images[i].clone()).collect();
    for (i, second) in weak.into_iter().zip(run(&again, "11")?) {
        if second.1 > read[i].1 {
            read[i] = second;
        }
    }
    Ok(read)
}

/// A crop (PNG or JPEG bytes) as a note image: its luma, scaled to about [`PPM`]
/// taking it for a 76 mm note (a crop's scale is not known), without the margin of
/// [`INSET_MM`].
fn from_crop(bytes: &[u8]) -> Result<GrayImage, OcrError> {
    let img = crate::media::decode(bytes).map_err(|e| OcrError::Image(e.to_string()))?;
    let rgb = img.to_rgb8();
    if rgb.width() < 8 || rgb.height() < 8 {
        return Err(OcrError::Image("the image is too small".into()));
    }
    let grey = image::DynamicImage::ImageRgb8(rgb).to_luma8();
    let crop_ppm = grey.width() as f64 / 80.0;
    let m = (INSET_MM * crop_ppm).round() as u32;
    let grey =
        imageops::crop_imm(&grey, m, m, grey.width() - 2 * m, grey.height() - 2 * m).to_image();
    let f = PPM / crop_ppm;
    if f <= 1.0 {
        return Ok(grey);
    }
    let (w, h) = (
        (grey.width() as f64 * f).round() as u32,
        (grey.height() as f64 * f).round() as u32,
    );
    Ok(imageops::resize(
        &grey,
        w.max(1),
        h.max(1),
        imageops::FilterType::CatmullRom,
    ))
}

/// A note image as Tesseract reads it best: the light made even (each pixel divided by the
/// paper's brightness around it, so a shadow or a gradient across the note is gone), contrast
/// stretched so the ink is black and the note white, and a white border (Tesseract misses text
/// that touches the image's edge). A note with next to no contrast (an empty one) comes out
/// white, so nothing is read from it.
fn prepare(mut img: GrayImage) -> GrayImage {
    flatten(&mut img);
    stretch(&mut img);
    let pad = img.width() / 20 + 8;
    let mut framed =
        GrayImage::from_pixel(img.width() + 2 * pad, img.height() + 2 * pad, [255].into());
    imageops::replace(&mut framed, &img, pad.into(), pad.into());
    framed
}

/// Divides every pixel by the note's own brightness around it: the brightest pixel within
/// about 2 mm (wider than a stroke, so the ink does not count), smoothed.
fn flatten(img: &mut GrayImage) {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let r = ((2.0 * PPM) as usize).max(2);
    let src: Vec<u8> = img.as_raw().clone();
    let bg = box_mean(&max_filter(&src, w, h, r), w, h, r);
    for (p, b) in img.pixels_mut().zip(bg) {
        let v = p.0[0] as f32 / b.max(1.0) * 255.0;
        p.0[0] = v.clamp(0.0, 255.0) as u8;
    }
}

/// The maximum over a `(2r + 1)²` square, separably.
fn max_filter(src: &[u8], w: usize, h: usize, r: usize) -> Vec<u8> {
    let mut tmp = vec![0u8; w * h];
    for y in 0..h {
        let row = &src[y * w..(y + 1) * w];
        for x in 0..w {
            let (a, b) = (x.saturating_sub(r), (x + r + 1).min(w));
            tmp[y * w + x] = row[a..b].iter().copied().max().unwrap_or(255);
        }
    }
    let mut out = vec![0u8; w * h];
    for x in 0..w {
        for y in 0..h {
            let (a, b) = (y.saturating_sub(r), (y + r + 1).min(h));
            out[y * w + x] = (a..b).map(|yy| tmp[yy * w + x]).max().unwrap_or(255);
        }
    }
    out
}

/// The mean over a `(2r + 1)²` square (clipped at the edges), by a summed-area table.
fn box_mean(src: &[u8], w: usize, h: usize, r: usize) -> Vec<f32> {
    let mut sat = vec![0u64; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0u64;
        for x in 0..w {
            row += src[y * w + x] as u64;
            sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
        }
    }
    let mut out = Vec::with_capacity(w * h);
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
            let sum = sat[y1 * (w + 1) + x1] + sat[y0 * (w + 1) + x0]
                - sat[y0 * (w + 1) + x1]
                - sat[y1 * (w + 1) + x0];
            out.push(sum as f32 / ((x1 - x0) * (y1 - y0)) as f32);
        }
    }
    out
}

/// Runs one `tesseract` over `images` (one page each) and gives each page's text and
/// confidence, in order. The images go through a temporary folder: Tesseract reads a list of
/// files as one job, loading its language data once.
fn run(images: &[GrayImage], psm: &str) -> Result<Vec<(String, f32)>, OcrError> {
    let dir = TempDir::new().map_err(|e| OcrError::Failed(e.to_string()))?;
    let mut list = String::new();
    for (i, img) in images.iter().enumerate() {
        let path = dir.0.join(format!("{i}.png"));
        img.save_with_format(&path, ImageFormat::Png)
            .map_err(|e| OcrError::Image(e.to_string()))?;
        list.push_str(&path.to_string_lossy());
        list.push('\n');
    }
    let list_path = dir.0.join("list.txt");
    std::fs::write(&list_path, list).map_err(|e| OcrError::Failed(e.to_string()))?;
    let dpi = ((PPM * 25.4).round() as u32).to_string();
    // On PATH or in its usual install places (src/scan/program.rs); none: the name alone,
    // whose "not found" becomes `OcrError::Missing`.
    let program = super::program::tesseract().unwrap_or_else(|| "tesseract".into());
    let out = Command::new(program)
        // The list to stdout, TSV so every word comes with its page and confidence; one block
        // of text per note (a note is one block, however it is tilted); the resolution
        // given, not guessed; no search for light-on-dark text (a note has none).
        .arg(&list_path)
        .args(["-", "-l", LANGS, "--psm", psm, "--dpi", &dpi])
        .args(["-c", "tessedit_do_invert=0", "tsv"])
        // One core per process: several processes read side by side already.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => OcrError::Missing,
            _ => OcrError::Failed(e.to_string()),
        })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(OcrError::Failed(format!("{} {first}", out.status)));
    }
    let tsv = String::from_utf8_lossy(&out.stdout);
    Ok((1..=images.len())
        .map(|page| parse_tsv(&tsv, page))
        .collect())
}

/// A folder of its own under the system's temporary folder, removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!(
            "klantreis-ocr-{}-{}-{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
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

/// The words of page `page` (from 1) of Tesseract's TSV (level 5 rows: `level page block par
/// line word left top width height conf text`), lines joined by spaces (a note's lines are one
/// sentence), and their average confidence / 100.
fn parse_tsv(tsv: &str, page: usize) -> (String, f32) {
    let page = page.to_string();
    let mut words: Vec<&str> = Vec::new();
    let mut total = 0.0f32;
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" || cols[1] != page {
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
        let (text, conf) = parse_tsv(tsv, 1);
        assert_eq!(text, "Klant belt op");
        assert!((conf - 0.8).abs() < 1e-4, "{conf}");
        assert_eq!(parse_tsv(tsv, 2), (String::new(), 0.0));
        assert_eq!(parse_tsv("level\n", 1), (String::new(), 0.0));
    }
}
