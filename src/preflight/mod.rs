//! Preflight: what a print shop would refuse in a PDF, ours or anyone's, in plain words.
//!
//! The checks are the ones Dutch online printers and their peers state in their file
//! requirements: a PDF/X version they accept (X-1a, X-3, X-4) with a GTS_PDFX output intent
//! for CMYK; no RGB colour (content operators and images, on pages and in form XObjects);
//! TrimBox and BleedBox with at least 3 mm of bleed; every font embedded; text at least 6 pt
//! and at least 5 mm inside the trim; images at least 150 dpi at the size they print; a
//! standard paper size.
//!
//! The document-level checks live here; walking the content streams (colours, text, images,
//! fonts) is [`walk`]; the words are [`words`].
//!
//! Invariant: a file that cannot be read is an error ([`PreflightError`]), never a pass.

mod walk;
mod words;

use lopdf::{Document, Object};
use serde::Serialize;

use crate::model::Lang;

/// Millimetres to points.
const K: f32 = 72.0 / 25.4;
/// Least bleed a shop accepts on every side.
pub const MIN_BLEED_MM: f32 = 3.0;
/// Smallest text a shop prints without a warning.
pub const MIN_TEXT_PT: f32 = 6.0;
/// Text keeps this far inside the trim, where the knife may wander.
pub const SAFE_MM: f32 = 5.0;
/// Least resolution of an image at the size it prints.
pub const MIN_DPI: f32 = 150.0;

/// One thing a print shop would refuse.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    /// Stable code (`rgb_colour`, `too_little_bleed`, …): what a program matches on.
    pub code: String,
    /// The page (1-based); none for the document as a whole.
    pub page: Option<usize>,
    /// Where on the page or in the file (the first occurrence), in mm from the trim's top
    /// left corner or by resource name; empty when the finding is the whole page or file.
    #[serde(rename = "where")]
    pub at: String,
    /// How many times it occurs on that page (or in the file).
    pub count: usize,
    /// The finding in plain words, in the language asked for.
    pub message: String,
}

/// What the preflight found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    pub pages: usize,
    /// The PDF/X version the file claims, if any.
    pub pdfx: Option<String>,
    pub findings: Vec<Finding>,
}

impl Report {
    /// Nothing a print shop would refuse.
    pub fn passes(&self) -> bool {
        self.findings.is_empty()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PreflightError {
    #[error("{0}")]
    NotPdf(String),
    #[error("{0}")]
    Encrypted(String),
    #[error("{0}")]
    Damaged(String),
}

/// A finding before it is worded: code, page, where, and the value the words need.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub code: &'static str,
    pub page: Option<usize>,
    pub at: String,
    pub count: usize,
    /// The measured value (mm of bleed, pt of text, dpi, the version, the font's name…).
    pub value: String,
}

/// Adds `r`, or counts it with the first one of its code on its page.
pub(crate) fn push(out: &mut Vec<Raw>, r: Raw) {
    match out.iter_mut().find(|o| {
        o.code == r.code
            && o.page == r.page
            && (r.code != "font_not_embedded" || o.value == r.value)
    }) {
        Some(o) => o.count += r.count,
        None => out.push(r),
    }
}

/// Checks the PDF in `bytes`; findings worded in `lang`.
pub fn check(bytes: &[u8], lang: Lang) -> Result<Report, PreflightError> {
    let w = words::Words::new(lang);
    if !bytes.starts_with(b"%PDF-")
        && !bytes
            .get(..1024)
            .is_some_and(|h| h.windows(5).any(|x| x == b"%PDF-"))
    {
        return Err(PreflightError::NotPdf(w.not_pdf()));
    }
    let doc = Document::load_mem(bytes).map_err(|e| {
        if e.to_string().to_ascii_lowercase().contains("encrypt")
            || bytes.windows(8).any(|x| x == b"/Encrypt")
        {
            PreflightError::Encrypted(w.encrypted())
        } else {
            PreflightError::Damaged(w.damaged(&e.to_string()))
        }
    })?;
    if doc.was_encrypted() || doc.is_encrypted() {
        return Err(PreflightError::Encrypted(w.encrypted()));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PreflightError::Damaged(w.damaged("no pages")));
    }
    let mut raw = Vec::new();
    let pdfx = pdfx_version(&doc);
    match &pdfx {
        None => push(&mut raw, doc_raw("no_pdfx", "")),
        Some(v)
            if !["PDF/X-1", "PDF/X-3", "PDF/X-4"]
                .iter()
                .any(|p| v.starts_with(p)) =>
        {
            push(&mut raw, doc_raw("pdfx_version", v))
        }
        Some(_) => {}
    }
    output_intent(&doc, &mut raw);
    let mut walker = walk::Walker::new(&doc);
    for (n, id) in &pages {
        let n = *n as usize;
        let trim = boxes(&doc, *id, n, &mut raw);
        walker.page(*id, n, trim, &mut raw);
    }
    let findings = raw
        .into_iter()
        .map(|r| Finding {
            message: w.finding(&r),
            code: r.code.to_string(),
            page: r.page,
            at: r.at,
            count: r.count,
        })
        .collect();
    Ok(Report {
        pages: pages.len(),
        pdfx,
        findings,
    })
}

fn doc_raw(code: &'static str, value: &str) -> Raw {
    Raw {
        code,
        page: None,
        at: String::new(),
        count: 1,
        value: value.to_string(),
    }
}

/// A text string of the file as Rust text (PDFDocEncoding's ASCII, or UTF-16BE).
pub(crate) fn text_of(o: &Object) -> Option<String> {
    let b = o.as_str().ok()?;
    if b.starts_with(&[0xfe, 0xff]) {
        let u: Vec<u16> = b[2..]
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return Some(String::from_utf16_lossy(&u));
    }
    Some(String::from_utf8_lossy(b).into_owned())
}

/// The PDF/X version from the info dictionary, else from the XMP metadata.
fn pdfx_version(doc: &Document) -> Option<String> {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    // An empty version (printpdf writes one) is no version.
    if let Some(v) = info
        .and_then(|d| d.get(b"GTS_PDFXVersion").ok())
        .and_then(text_of)
        .filter(|v| !v.trim().is_empty())
    {
        return Some(v);
    }
    let catalog = doc.catalog().ok()?;
    let (_, meta) = doc.dereference(catalog.get(b"Metadata").ok()?).ok()?;
    let xml = meta.as_stream().ok()?.decompressed_content().ok()?;
    let xml = String::from_utf8_lossy(&xml);
    let at = xml.find("GTS_PDFXVersion>")? + "GTS_PDFXVersion>".len();
    Some(xml[at..].split('<').next()?.trim().to_string()).filter(|v| !v.is_empty())
}

/// A GTS_PDFX output intent, with a CMYK profile when it embeds one.
fn output_intent(doc: &Document, raw: &mut Vec<Raw>) {
    let intents = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"OutputIntents").ok())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok().cloned())
        .unwrap_or_default();
    let pdfx = intents.iter().find_map(|i| {
        let (_, d) = doc.dereference(i).ok()?;
        let d = d.as_dict().ok()?;
        (d.get(b"S").ok()?.as_name().ok()? == b"GTS_PDFX").then_some(d)
    });
    let Some(intent) = pdfx else {
        push(raw, doc_raw("no_output_intent", ""));
        return;
    };
    let n = intent
        .get(b"DestOutputProfile")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_stream().ok())
        .and_then(|s| s.dict.get(b"N").ok()?.as_i64().ok());
    if let Some(n) = n.filter(|n| *n != 4) {
        push(raw, doc_raw("output_intent_not_cmyk", &n.to_string()));
    }
}

/// A page box, inherited from the page tree as the spec allows.
fn page_box(doc: &Document, page: lopdf::ObjectId, key: &[u8]) -> Option<[f32; 4]> {
    let mut id = page;
    for _ in 0..32 {
        let d = doc.get_dictionary(id).ok()?;
        if let Ok(o) = d.get(key) {
            let (_, a) = doc.dereference(o).ok()?;
            let a = a.as_array().ok()?;
            let v: Vec<f32> = a.iter().filter_map(|x| x.as_float().ok()).collect();
            if v.len() != 4 {
                return None;
            }
            return Some([
                v[0].min(v[2]),
                v[1].min(v[3]),
                v[0].max(v[2]),
                v[1].max(v[3]),
            ]);
        }
        id = d.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

/// Standard paper sizes (mm, portrait): ISO A0–A6, B1–B3, SRA3, US letter, legal, tabloid.
const PAPERS: [(f32, f32); 13] = [
    (841.0, 1189.0),
    (594.0, 841.0),
    (420.0, 594.0),
    (297.0, 420.0),
    (210.0, 297.0),
    (148.0, 210.0),
    (105.0, 148.0),
    (707.0, 1000.0),
    (500.0, 707.0),
    (353.0, 500.0),
    (320.0, 450.0),
    (215.9, 279.4),
    (279.4, 431.8),
];

fn standard(w_mm: f32, h_mm: f32) -> bool {
    let (a, b) = (w_mm.min(h_mm), w_mm.max(h_mm));
    PAPERS
        .iter()
        .chain(std::iter::once(&(215.9, 355.6)))
        .any(|(pw, ph)| (a - pw).abs() <= 1.5 && (b - ph).abs() <= 1.5)
}

/// The page's boxes: TrimBox, BleedBox, the bleed between them, the trimmed size. Returns the
/// trim (the MediaBox when there is none), which the content checks measure from.
fn boxes(doc: &Document, page: lopdf::ObjectId, n: usize, raw: &mut Vec<Raw>) -> [f32; 4] {
    let media = page_box(doc, page, b"MediaBox").unwrap_or([0.0, 0.0, 595.0, 842.0]);
    let trim = page_box(doc, page, b"TrimBox");
    let bleed = page_box(doc, page, b"BleedBox");
    let r = |code, value: String| Raw {
        code,
        page: Some(n),
        at: String::new(),
        count: 1,
        value,
    };
    let Some(trim) = trim else {
        push(raw, r("no_trim_box", String::new()));
        let (w, h) = ((media[2] - media[0]) / K, (media[3] - media[1]) / K);
        if !standard(w, h) {
            push(raw, r("page_size", format!("{w:.0} × {h:.0}")));
        }
        return media;
    };
    match bleed {
        None => push(raw, r("no_bleed_box", String::new())),
        Some(b) => {
            // The bleed that prints: inside both the BleedBox and the MediaBox.
            let outer = [
                b[0].max(media[0]),
                b[1].max(media[1]),
                b[2].min(media[2]),
                b[3].min(media[3]),
            ];
            let least = [
                trim[0] - outer[0],
                trim[1] - outer[1],
                outer[2] - trim[2],
                outer[3] - trim[3],
            ]
            .into_iter()
            .fold(f32::INFINITY, f32::min)
                / K;
            if least < MIN_BLEED_MM - 0.05 {
                push(raw, r("too_little_bleed", format!("{:.1}", least.max(0.0))));
            }
        }
    }
    let (w, h) = ((trim[2] - trim[0]) / K, (trim[3] - trim[1]) / K);
    if !standard(w, h) {
        push(raw, r("page_size", format!("{w:.0} × {h:.0}")));
    }
    trim
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_sizes_either_way_round_and_others_not() {
        assert!(standard(1189.0, 841.0));
        assert!(standard(210.0, 297.0));
        assert!(standard(297.2, 209.9));
        assert!(!standard(1000.0, 700.0));
        assert!(!standard(216.0, 216.0));
    }

    #[test]
    fn garbage_is_an_error_not_a_pass() {
        assert!(matches!(
            check(b"hello", Lang::En),
            Err(PreflightError::NotPdf(_))
        ));
        assert!(matches!(
            check(b"%PDF-1.7\nnonsense", Lang::En),
            Err(PreflightError::Damaged(_))
        ));
    }
}
