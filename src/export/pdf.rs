//! PDF export of a Scene: one vector page, or a poster tiled over A4/A3 sheets.
//!
//! Invariants:
//! - text is real text in embedded, subset TrueType fonts (Noto Sans; Symbola for the
//!   characters Noto lacks), so it can be searched and extracted; each run is drawn with the
//!   face [`Fonts::face_for`] picked when the layout measured it, and the pen advances by the
//!   embedded widths, which are the advances the layout measured;
//! - the page is exactly the Scene's size (A0 landscape: 3370.39 × 2383.94 pt);
//! - a tiled poster draws the map **once**, as a Form XObject, which every sheet and the
//!   overview reference with their own transform and clip. Redrawing it per sheet would make a
//!   5000-card poster twenty times larger and slower (DESIGN §3).
//!
//! Division of labour: printpdf embeds and subsets the fonts, embeds images and writes the
//! document; the content streams are written here, straight from the Scene. (Going through
//! printpdf's `Op`s cost two thirds of the export time of a 5000-card map.) To let printpdf
//! subset exactly the glyphs we draw, page 1 first carries one text run per face with every
//! character used; after `to_lopdf_document`, the subset fonts' ToUnicode maps give the new
//! glyph ids, and our content replaces those placeholder runs.
//!
//! How the XObject is made: the map is page 1; a small lopdf step moves that page's content
//! into a Form XObject, prefixes every sheet's content with `q <clip> <cm> /KRMap Do Q` and
//! deletes page 1.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

use lopdf::{Dictionary as LoDict, Object as LoObj, Stream as LoStream};
use printpdf::{
    FontId, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt as PPt,
    TextItem,
};

use super::tile::{self, Grid, TileOptions};
use super::ImageResolver;
use crate::model::Lang;
use crate::scene::fonts::{Face, Fonts};
use crate::scene::{Item, Scene, Seg, Stroke};

/// Millimetres to points.
const K: f32 = 72.0 / 25.4;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("{0}")]
    Font(#[from] crate::scene::fonts::FontError),
    #[error("bundled font {0} cannot be embedded")]
    Embed(&'static str),
    #[error("{0}")]
    Tile(#[from] tile::TileError),
    #[error("PDF assembly failed: {0}")]
    Assemble(String),
}

/// A finished PDF.
#[derive(Debug)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Things the user should know beyond the Scene's own warnings (images that could not be
    /// read).
    pub warnings: Vec<String>,
}

/// Document metadata printed into the PDF's info dictionary.
#[derive(Debug, Clone, Default)]
pub struct PdfMeta {
    pub title: String,
    pub lang: Lang,
}

/// Resource names of the fonts. The first six letters become the subset tag
/// (`KRNSRG+NotoSans-Regular`), so they are six capitals; short fixed names also keep every
/// `Tf` short and the output reproducible (printpdf's own names are 32 random letters).
fn font_name(f: Face) -> &'static str {
    match f {
        Face::Regular => "KRNSRG",
        Face::Bold => "KRNSBD",
        Face::Fallback => "KRSYMB",
    }
}

fn parse_font(bytes: &[u8], name: &'static str) -> Result<ParsedFont, PdfError> {
    let mut w = Vec::new();
    ParsedFont::from_bytes(bytes, 0, &mut w).ok_or(PdfError::Embed(name))
}

/// `#rrggbb` as three 0…255 components.
fn rgb(hex: &str) -> [u8; 3] {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(0)
    };
    [c(0), c(2), c(4)]
}

/// Writes `v` rounded to tenths: a tenth of a point (0.035 mm) is below what a 600 dpi
/// printer resolves (0.12 pt), and short numbers keep the content (some 400 000 numbers for a
/// 5000-card map), the file and the time to deflate it small.
fn num(out: &mut Vec<u8>, v: f32) {
    let mut t = (v * 10.0).round() as i64;
    if t < 0 {
        out.push(b'-');
        t = -t;
    }
    let _ = write!(out, "{}", t / 10);
    if t % 10 != 0 {
        out.push(b'.');
        out.push(b'0' + (t % 10) as u8);
    }
}

/// A colour component 0…255 as a PDF number with three decimals ("0.122").
fn comp(out: &mut Vec<u8>, c: u8) {
    let t = (c as u32 * 1000 + 127) / 255;
    if t >= 1000 {
        out.push(b'1');
        return;
    }
    if t == 0 {
        out.push(b'0');
        return;
    }
    let s = format!("{t:03}");
    out.extend_from_slice(b"0.");
    out.extend_from_slice(s.trim_end_matches('0').as_bytes());
}

/// New glyph id, in the subset font, of each character we draw.
type GlyphMap = HashMap<(Face, char), u16>;

/// The graphics state last written, so unchanged colours, widths and dashes are not written
/// again (a big map repeats them thousands of times).
#[derive(Default)]
struct Gs {
    fill: Option<[u8; 3]>,
    stroke: Option<[u8; 3]>,
    width: Option<i64>,
    dash: Option<Vec<i64>>,
}

/// Writes the content stream of one page (or of the map XObject).
struct Content<'a> {
    out: Vec<u8>,
    /// Page height in mm: Scene y runs down from the top, PDF y up from the bottom.
    ph: f32,
    gs: Gs,
    fonts: &'a Fonts,
    glyphs: &'a GlyphMap,
    images: &'a BTreeMap<String, (String, f32, f32)>,
}

impl Content<'_> {
    fn xy(&mut self, x: f32, y: f32) {
        num(&mut self.out, x * K);
        self.out.push(b' ');
        num(&mut self.out, (self.ph - y) * K);
        self.out.push(b' ');
    }

    fn colour(&mut self, c: [u8; 3], op: &[u8]) {
        for (i, v) in c.iter().enumerate() {
            if i > 0 {
                self.out.push(b' ');
            }
            comp(&mut self.out, *v);
        }
        self.out.push(b' ');
        self.out.extend_from_slice(op);
        self.out.push(b'\n');
    }

    fn fill(&mut self, hex: &str) {
        let c = rgb(hex);
        if self.gs.fill != Some(c) {
            self.colour(c, b"rg");
            self.gs.fill = Some(c);
        }
    }

    fn stroke(&mut self, s: &Stroke) {
        let c = rgb(&s.colour);
        if self.gs.stroke != Some(c) {
            self.colour(c, b"RG");
            self.gs.stroke = Some(c);
        }
        let w = (s.width.0 * K * 10.0).round() as i64;
        if self.gs.width != Some(w) {
            num(&mut self.out, s.width.0 * K);
            self.out.extend_from_slice(b" w\n");
            self.gs.width = Some(w);
        }
        let dash: Vec<i64> = s
            .dash
            .iter()
            .map(|d| (d.0 * K * 10.0).round() as i64)
            .collect();
        if self.gs.dash.as_ref() != Some(&dash) {
            self.out.push(b'[');
            for (i, d) in s.dash.iter().enumerate() {
                if i > 0 {
                    self.out.push(b' ');
                }
                num(&mut self.out, d.0 * K);
            }
            self.out.extend_from_slice(b"] 0 d\n");
            self.gs.dash = Some(dash);
        }
    }

    /// Paints the current path: fill, stroke or both.
    fn paint(&mut self, fill: &Option<String>, stroke: &Option<Stroke>, closed: bool) {
        let op: &[u8] = match (fill.is_some(), stroke.is_some()) {
            (true, true) => b"B\n",
            (true, false) => b"f\n",
            (false, true) if closed => b"s\n",
            (false, true) => b"S\n",
            (false, false) => b"n\n",
        };
        self.out.extend_from_slice(op);
    }

    fn set_paint(&mut self, fill: &Option<String>, stroke: &Option<Stroke>) {
        if let Some(f) = fill {
            self.fill(f);
        }
        if let Some(s) = stroke {
            self.stroke(s);
        }
    }

    /// A rounded rectangle path (Scene coordinates).
    fn round_rect(&mut self, x: f32, y: f32, w: f32, h: f32, r: f32) {
        let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
        if r <= 0.01 {
            num(&mut self.out, x * K);
            self.out.push(b' ');
            num(&mut self.out, (self.ph - y - h) * K);
            self.out.push(b' ');
            num(&mut self.out, w * K);
            self.out.push(b' ');
            num(&mut self.out, h * K);
            self.out.extend_from_slice(b" re\n");
            return;
        }
        let k = r * 0.552_284_8;
        let (x1, y1) = (x + w, y + h);
        self.xy(x + r, y);
        self.out.extend_from_slice(b"m\n");
        self.xy(x1 - r, y);
        self.out.extend_from_slice(b"l\n");
        self.curve((x1 - r + k, y), (x1, y + r - k), (x1, y + r));
        self.xy(x1, y1 - r);
        self.out.extend_from_slice(b"l\n");
        self.curve((x1, y1 - r + k), (x1 - r + k, y1), (x1 - r, y1));
        self.xy(x + r, y1);
        self.out.extend_from_slice(b"l\n");
        self.curve((x + r - k, y1), (x, y1 - r + k), (x, y1 - r));
        self.xy(x, y + r);
        self.out.extend_from_slice(b"l\n");
        self.curve((x, y + r - k), (x + r - k, y), (x + r, y));
        self.out.extend_from_slice(b"h\n");
    }

    fn curve(&mut self, a: (f32, f32), b: (f32, f32), c: (f32, f32)) {
        self.xy(a.0, a.1);
        self.xy(b.0, b.1);
        self.xy(c.0, c.1);
        self.out.extend_from_slice(b"c\n");
    }

    /// A circle path: four Bézier quarter arcs.
    fn circle(&mut self, cx: f32, cy: f32, r: f32) {
        let k = r * 0.552_284_8;
        self.xy(cx, cy - r);
        self.out.extend_from_slice(b"m\n");
        self.curve((cx + k, cy - r), (cx + r, cy - k), (cx + r, cy));
        self.curve((cx + r, cy + k), (cx + k, cy + r), (cx, cy + r));
        self.curve((cx - k, cy + r), (cx - r, cy + k), (cx - r, cy));
        self.curve((cx - r, cy - k), (cx - k, cy - r), (cx, cy - r));
        self.out.extend_from_slice(b"h\n");
    }

    fn text_run(&mut self, face: Face, run: &str) {
        self.out.push(b'<');
        for c in run.chars() {
            // Characters no font has were reported by the layout; they draw as .notdef (0).
            let g = self.glyphs.get(&(face, c)).copied().unwrap_or(0);
            let _ = write!(self.out, "{g:04X}");
        }
        self.out.extend_from_slice(b"> Tj\n");
    }

    fn items(&mut self, items: &[Item]) {
        self.out.extend_from_slice(b"1 j 1 J\n");
        for it in items {
            match it {
                Item::Rect {
                    rect,
                    radius,
                    fill,
                    stroke,
                    ..
                } => {
                    if fill.is_none() && stroke.is_none() {
                        continue;
                    }
                    self.set_paint(fill, stroke);
                    self.round_rect(rect.x.0, rect.y.0, rect.w.0, rect.h.0, radius.0);
                    self.paint(fill, stroke, true);
                }
                Item::Circle {
                    centre,
                    r,
                    fill,
                    stroke,
                    ..
                } => {
                    if fill.is_none() && stroke.is_none() {
                        continue;
                    }
                    self.set_paint(fill, stroke);
                    self.circle(centre.x.0, centre.y.0, r.0);
                    self.paint(fill, stroke, true);
                }
                Item::Path {
                    segs, fill, stroke, ..
                } => {
                    if fill.is_none() && stroke.is_none() {
                        continue;
                    }
                    self.set_paint(fill, stroke);
                    let mut closed = false;
                    for s in segs {
                        match s {
                            Seg::Move { to } => {
                                self.xy(to.x.0, to.y.0);
                                self.out.extend_from_slice(b"m\n");
                            }
                            Seg::Line { to } => {
                                self.xy(to.x.0, to.y.0);
                                self.out.extend_from_slice(b"l\n");
                            }
                            Seg::Cubic { c1, c2, to } => {
                                self.curve((c1.x.0, c1.y.0), (c2.x.0, c2.y.0), (to.x.0, to.y.0))
                            }
                            Seg::Close => {
                                self.out.extend_from_slice(b"h\n");
                                closed = true;
                            }
                        }
                    }
                    // A filled path is filled as closed whether or not it says so.
                    self.paint(fill, stroke, closed);
                }
                Item::Text {
                    lines,
                    size,
                    bold,
                    colour,
                    ..
                } => {
                    self.out.extend_from_slice(b"BT\n");
                    self.fill(colour);
                    let mut font: Option<Face> = None;
                    for l in lines {
                        if l.text.is_empty() {
                            continue;
                        }
                        self.out.extend_from_slice(b"1 0 0 1 ");
                        self.xy(l.x.0, l.baseline.0);
                        self.out.extend_from_slice(b"Tm\n");
                        for (face, run) in self.fonts.runs(&l.text, *bold) {
                            if font != Some(face) {
                                let _ = write!(self.out, "/{} ", font_name(face));
                                // Sizes keep three decimals: a rounded size would stretch
                                // or squeeze the whole line (0.05 pt on 21 pt is 1.5 pt over
                                // a 600 pt line).
                                let v = format!("{:.3}", size.0 * K);
                                let v = v.trim_end_matches('0').trim_end_matches('.');
                                self.out.extend_from_slice(v.as_bytes());
                                self.out.extend_from_slice(b" Tf\n");
                                font = Some(face);
                            }
                            self.text_run(face, run);
                        }
                    }
                    self.out.extend_from_slice(b"ET\n");
                }
                Item::Image {
                    rect,
                    image_id,
                    round,
                    ..
                } => {
                    let Some((name, iw, ih)) = self.images.get(image_id).cloned() else {
                        continue;
                    };
                    self.out.extend_from_slice(b"q\n");
                    if *round {
                        let r = rect.w.0.min(rect.h.0) / 2.0;
                        self.circle(rect.x.0 + rect.w.0 / 2.0, rect.y.0 + rect.h.0 / 2.0, r);
                    } else {
                        self.round_rect(rect.x.0, rect.y.0, rect.w.0, rect.h.0, 0.0);
                    }
                    self.out.extend_from_slice(b"W n\n");
                    // Cover the rectangle: scale to the larger ratio and centre the overflow.
                    let s = (rect.w.0 / iw).max(rect.h.0 / ih);
                    let (dw, dh) = (iw * s, ih * s);
                    let x = rect.x.0 + (rect.w.0 - dw) / 2.0;
                    let bottom = rect.y.0 + (rect.h.0 - dh) / 2.0 + dh;
                    // An image XObject is a unit square: the matrix gives its size and place.
                    let _ = write!(
                        self.out,
                        "{:.3} 0 0 {:.3} {:.3} {:.3} cm\n/{name} Do\nQ\n",
                        dw * K,
                        dh * K,
                        x * K,
                        (self.ph - bottom) * K
                    );
                    // Q restored the state from before q; what we wrote since is gone.
                    self.gs = Gs::default();
                }
            }
        }
    }
}

/// Every character each face draws in `items`.
fn used_chars(fonts: &Fonts, items: &[&[Item]]) -> BTreeMap<Face, BTreeSet<char>> {
    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for list in items {
        for it in list.iter() {
            if let Item::Text { lines, bold, .. } = it {
                for l in lines {
                    for (face, run) in fonts.runs(&l.text, *bold) {
                        used.entry(face).or_default().extend(run.chars());
                    }
                }
            }
        }
    }
    used
}

/// A document with the fonts the pages need, and page 1 carrying the placeholder runs that
/// make printpdf subset exactly the used glyphs.
fn new_doc(
    meta: &PdfMeta,
    used: &BTreeMap<Face, BTreeSet<char>>,
) -> Result<(PdfDocument, Vec<Op>), PdfError> {
    let mut doc = PdfDocument::new(&meta.title);
    doc.metadata.info.creator = "Klantreis".into();
    doc.metadata.info.producer = "Klantreis (printpdf)".into();
    let mut ops = Vec::new();
    for (face, chars) in used {
        let (bytes, label) = match face {
            Face::Regular => (crate::scene::fonts::NOTO_SANS_REGULAR, "NotoSans-Regular"),
            Face::Bold => (crate::scene::fonts::NOTO_SANS_BOLD, "NotoSans-Bold"),
            // Symbola is large to parse; it is only here when some text needs it.
            Face::Fallback => (crate::scene::fonts::SYMBOLA, "Symbola"),
        };
        let id = FontId(font_name(*face).to_string());
        doc.resources.fonts.map.insert(
            id.clone(),
            printpdf::PdfFont::new(parse_font(bytes, label)?),
        );
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id),
            size: PPt(1.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(chars.iter().collect())],
        });
        ops.push(Op::EndTextSection);
    }
    Ok((doc, ops))
}

/// Reads the subset glyph id of every used character from the fonts' ToUnicode maps.
fn glyph_map(
    lo: &lopdf::Document,
    fonts: &Fonts,
    used: &BTreeMap<Face, BTreeSet<char>>,
) -> Result<GlyphMap, PdfError> {
    let pages = lo.get_pages();
    let page = *pages
        .get(&1)
        .ok_or_else(|| PdfError::Assemble("no page".into()))?;
    let res = resolve_dict(lo, lo.get_dictionary(page).map_err(err)?.get(b"Resources"))?;
    let font_dict = resolve_dict(lo, res.get(b"Font"))?;
    let mut map = GlyphMap::new();
    for (face, chars) in used {
        let font = resolve_dict(lo, font_dict.get(font_name(*face).as_bytes()))?;
        let tu = font
            .get(b"ToUnicode")
            .and_then(LoObj::as_reference)
            .map_err(err)?;
        let stream = lo.get_object(tu).and_then(LoObj::as_stream).map_err(err)?;
        let bytes = if stream.dict.get(b"Filter").is_ok() {
            stream.decompressed_content().map_err(err)?
        } else {
            stream.content.clone()
        };
        let cmap = printpdf::ToUnicodeCMap::parse(&String::from_utf8_lossy(&bytes))
            .map_err(PdfError::Assemble)?;
        // Original glyph → subset glyph, through the characters the map names; then every
        // used character through its original glyph (two characters may share one glyph).
        let mut by_orig: HashMap<u16, u16> = HashMap::new();
        for (cid, scalars) in &cmap.mappings {
            let Some(c) = scalars.first().and_then(|u| char::from_u32(*u)) else {
                continue;
            };
            if let Some(orig) = fonts.glyph_id(*face, c) {
                by_orig.insert(orig, *cid as u16);
            }
        }
        for &c in chars {
            let g = fonts
                .glyph_id(*face, c)
                .and_then(|o| by_orig.get(&o).copied())
                .unwrap_or(0);
            map.insert((*face, c), g);
        }
    }
    Ok(map)
}

fn resolve_dict<'d>(
    lo: &'d lopdf::Document,
    obj: Result<&'d LoObj, lopdf::Error>,
) -> Result<&'d LoDict, PdfError> {
    match obj.map_err(err)? {
        LoObj::Reference(id) => lo.get_dictionary(*id).map_err(err),
        LoObj::Dictionary(d) => Ok(d),
        _ => Err(PdfError::Assemble("expected a dictionary".into())),
    }
}

/// Replaces the content stream of page `n` (1-based).
fn set_content(lo: &mut lopdf::Document, n: u32, content: Vec<u8>) -> Result<(), PdfError> {
    let page = *lo
        .get_pages()
        .get(&n)
        .ok_or_else(|| PdfError::Assemble(format!("page {n} missing")))?;
    let contents = lo
        .get_dictionary(page)
        .map_err(err)?
        .get(b"Contents")
        .and_then(LoObj::as_reference)
        .map_err(err)?;
    let stream = lo
        .get_object_mut(contents)
        .and_then(LoObj::as_stream_mut)
        .map_err(err)?;
    stream.dict.remove(b"Filter");
    stream.set_content(content);
    Ok(())
}

/// Adds the Scene's images; returns their resource names and pixel sizes by image id.
fn add_images(
    doc: &mut PdfDocument,
    scene: &Scene,
    resolve: Option<ImageResolver>,
    warnings: &mut Vec<String>,
) -> BTreeMap<String, (String, f32, f32)> {
    let mut out = BTreeMap::new();
    let Some(resolve) = resolve else {
        return out;
    };
    for it in &scene.items {
        let Item::Image { image_id, .. } = it else {
            continue;
        };
        if out.contains_key(image_id) {
            continue;
        }
        let Some((_, bytes)) = resolve(image_id) else {
            warnings.push(format!("image {image_id} is not in the document; left out"));
            continue;
        };
        // Only a checked image reaches the decoder: older documents may hold anything.
        if let Err(e) = crate::media::check(&bytes) {
            warnings.push(format!(
                "image {image_id} cannot be printed ({e}); left out"
            ));
            continue;
        }
        let mut w = Vec::new();
        match printpdf::RawImage::decode_from_bytes(&bytes, &mut w) {
            Ok(img) => {
                let (iw, ih) = (img.width as f32, img.height as f32);
                let id = doc.add_image(&img);
                out.insert(image_id.clone(), (id.0, iw.max(1.0), ih.max(1.0)));
            }
            Err(e) => warnings.push(format!("image {image_id} cannot be read ({e}); left out")),
        }
    }
    out
}

/// Deflates every uncompressed stream. lopdf's own `compress` uses level 9, which spent
/// most of the export time of a 5000-card map. Measured on that map's 6.6 MB content
/// stream: level 6 gives 1.16 MB in 0.34 s, level 4 gives 1.28 MB in 0.08 s; a tenth larger
/// for a quarter of the time is the better trade for a print dialog.
fn compress(doc: &mut lopdf::Document) -> Result<(), PdfError> {
    for obj in doc.objects.values_mut() {
        let LoObj::Stream(stream) = obj else { continue };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut enc = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 4),
            flate2::Compression::new(4),
        );
        enc.write_all(&stream.content)
            .map_err(|e| PdfError::Assemble(e.to_string()))?;
        let packed = enc
            .finish()
            .map_err(|e| PdfError::Assemble(e.to_string()))?;
        if packed.len() + 19 < stream.content.len() {
            stream
                .dict
                .set("Filter", LoObj::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
    }
    Ok(())
}

fn save(mut doc: lopdf::Document) -> Result<Vec<u8>, PdfError> {
    compress(&mut doc)?;
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| PdfError::Assemble(e.to_string()))?;
    Ok(bytes)
}

fn save_options() -> PdfSaveOptions {
    PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        ..PdfSaveOptions::default()
    }
}

/// Builds the document: page 1 is `first` (`(items, width, height)`), then one page per
/// entry of `rest`, all drawn from Scene items.
fn build(
    meta: &PdfMeta,
    scene: &Scene,
    images: Option<ImageResolver>,
    rest: &[(&[Item], f32, f32)],
) -> Result<(lopdf::Document, Vec<String>), PdfError> {
    let fonts = Fonts::load()?;
    let mut all: Vec<&[Item]> = vec![&scene.items];
    all.extend(rest.iter().map(|r| r.0));
    let used = used_chars(&fonts, &all);
    let (mut doc, placeholder) = new_doc(meta, &used)?;
    // Missing glyphs are reported by the layout (Scene::warnings), which measured them.
    let mut warnings = Vec::new();
    let imgs = add_images(&mut doc, scene, images, &mut warnings);
    doc.pages.push(PdfPage::new(
        printpdf::Mm(scene.width.0),
        printpdf::Mm(scene.height.0),
        placeholder,
    ));
    for (_, w, h) in rest {
        doc.pages
            .push(PdfPage::new(printpdf::Mm(*w), printpdf::Mm(*h), Vec::new()));
    }
    let mut pwarn = Vec::new();
    let mut lo = doc.to_lopdf_document(&save_options(), &mut pwarn);
    let glyphs = glyph_map(&lo, &fonts, &used)?;
    let content = |items: &[Item], ph: f32| {
        let mut c = Content {
            out: Vec::with_capacity(items.len() * 48),
            ph,
            gs: Gs::default(),
            fonts: &fonts,
            glyphs: &glyphs,
            images: &imgs,
        };
        c.items(items);
        c.out
    };
    set_content(&mut lo, 1, content(&scene.items, scene.height.0))?;
    for (i, (items, _, h)) in rest.iter().enumerate() {
        set_content(&mut lo, i as u32 + 2, content(items, *h))?;
    }
    Ok((lo, warnings))
}

/// The Scene as a one-page vector PDF of the Scene's size.
pub fn to_pdf(
    scene: &Scene,
    meta: &PdfMeta,
    images: Option<ImageResolver>,
) -> Result<Pdf, PdfError> {
    let (lo, warnings) = build(meta, scene, images, &[])?;
    Ok(Pdf {
        bytes: save(lo)?,
        pages: 1,
        warnings,
    })
}

/// Where the map XObject goes on a sheet: clip rectangle and placement, in sheet mm.
struct Placement {
    clip: crate::scene::Rect,
    scale: f32,
    dx: f32,
    dy: f32,
}

/// The Scene as a poster tiled over sheets, with an assembly overview as page 1.
pub fn to_tiled_pdf(
    scene: &Scene,
    meta: &PdfMeta,
    images: Option<ImageResolver>,
    opts: &TileOptions,
) -> Result<Pdf, PdfError> {
    let (pw, ph) = (scene.width.0, scene.height.0);
    let g: Grid = tile::grid(pw, ph, opts)?;
    let fonts = Fonts::load()?;
    let measure = |t: &str, b: bool| fonts.width_em(t, b);
    let pages = g.tiles() + 1;
    let (ov_items, thumb) = tile::overview(&g, &meta.title, meta.lang, (pw, ph), &measure);
    let mut sheets: Vec<(Vec<Item>, Placement)> = vec![(
        ov_items,
        Placement {
            clip: thumb,
            scale: thumb.w.0 / pw,
            dx: thumb.x.0,
            dy: thumb.y.0,
        },
    )];
    let mut page = 2;
    for r in 0..g.rows {
        for c in 0..g.cols {
            let (dx, dy) = g.offset(r, c);
            sheets.push((
                tile::tile_overlay(
                    &g,
                    r,
                    c,
                    page,
                    pages,
                    &meta.title,
                    meta.lang,
                    (pw, ph),
                    &measure,
                ),
                Placement {
                    clip: g.printable(),
                    scale: 1.0,
                    dx,
                    dy,
                },
            ));
            page += 1;
        }
    }
    let rest: Vec<(&[Item], f32, f32)> = sheets
        .iter()
        .map(|s| (s.0.as_slice(), g.sheet_w, g.sheet_h))
        .collect();
    let (mut lo, warnings) = build(meta, scene, images, &rest)?;
    let places: Vec<Placement> = sheets.into_iter().map(|s| s.1).collect();
    map_to_xobject(&mut lo, (pw, ph), g.sheet_h, &places)?;
    Ok(Pdf {
        bytes: save(lo)?,
        pages,
        warnings,
    })
}

fn err(e: lopdf::Error) -> PdfError {
    PdfError::Assemble(e.to_string())
}

/// Moves page 1 (the map) into a Form XObject and draws it, placed and clipped, under the
/// content of every following page; then deletes page 1.
fn map_to_xobject(
    doc: &mut lopdf::Document,
    poster: (f32, f32),
    sheet_h: f32,
    places: &[Placement],
) -> Result<(), PdfError> {
    let pages = doc.get_pages();
    let map_page = *pages
        .get(&1)
        .ok_or_else(|| PdfError::Assemble("no map page".into()))?;
    let content = doc.get_page_content(map_page);
    let resources = doc
        .get_dictionary(map_page)
        .map_err(err)?
        .get(b"Resources")
        .map_err(err)?
        .clone();
    let mut form_dict = LoDict::new();
    form_dict.set("Type", LoObj::Name(b"XObject".to_vec()));
    form_dict.set("Subtype", LoObj::Name(b"Form".to_vec()));
    form_dict.set(
        "BBox",
        LoObj::Array(vec![
            0.into(),
            0.into(),
            LoObj::Real(poster.0 * K),
            LoObj::Real(poster.1 * K),
        ]),
    );
    form_dict.set("Resources", resources);
    let form_id = doc.add_object(LoObj::Stream(LoStream::new(form_dict, content)));
    let mut xobjects = LoDict::new();
    xobjects.set("KRMap", LoObj::Reference(form_id));
    let xobj_id = doc.add_object(LoObj::Dictionary(xobjects));

    for (n, place) in places.iter().enumerate() {
        let page_no = n as u32 + 2;
        let page_id = *pages
            .get(&page_no)
            .ok_or_else(|| PdfError::Assemble(format!("page {page_no} missing")))?;
        // Each page has its own resources dictionary object; point its XObjects at ours.
        let res_ref = doc
            .get_dictionary(page_id)
            .map_err(err)?
            .get(b"Resources")
            .and_then(LoObj::as_reference)
            .map_err(err)?;
        if let Ok(res) = doc.get_object_mut(res_ref).and_then(LoObj::as_dict_mut) {
            res.set("XObject", LoObj::Reference(xobj_id));
        }
        let c = &place.clip;
        let s = place.scale;
        let prefix = format!(
            "q\n{:.3} {:.3} {:.3} {:.3} re W n\n{s:.6} 0 0 {s:.6} {:.3} {:.3} cm\n/KRMap Do\nQ\n",
            c.x.0 * K,
            (sheet_h - c.y.0 - c.h.0) * K,
            c.w.0 * K,
            c.h.0 * K,
            place.dx * K,
            (sheet_h - place.dy - s * poster.1) * K,
        );
        let prefix_id = doc.add_object(LoObj::Stream(LoStream::new(
            LoDict::new(),
            prefix.into_bytes(),
        )));
        let page = doc
            .get_object_mut(page_id)
            .and_then(LoObj::as_dict_mut)
            .map_err(err)?;
        let old = page.get(b"Contents").map_err(err)?.clone();
        let mut contents = vec![LoObj::Reference(prefix_id)];
        match old {
            LoObj::Array(a) => contents.extend(a),
            o => contents.push(o),
        }
        page.set("Contents", LoObj::Array(contents));
    }
    doc.delete_pages(&[1]);
    doc.prune_objects();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(f: impl Fn(&mut Vec<u8>)) -> String {
        let mut v = Vec::new();
        f(&mut v);
        String::from_utf8(v).unwrap_or_default()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_tenth() {
        assert_eq!(s(|o| num(o, 12.34)), "12.3");
        assert_eq!(s(|o| num(o, 12.0)), "12");
        assert_eq!(s(|o| num(o, -0.04)), "0");
        assert_eq!(s(|o| num(o, -3.96)), "-4");
        assert_eq!(s(|o| num(o, 3370.3936)), "3370.4");
        assert_eq!(s(|o| comp(o, 255)), "1");
        assert_eq!(s(|o| comp(o, 0)), "0");
        assert_eq!(s(|o| comp(o, 31)), "0.122");
        assert_eq!(s(|o| comp(o, 51)), "0.2");
        assert_eq!(rgb("#ff8000"), [255, 128, 0]);
    }
}
