//! PDF export of a Scene: one vector page, or a poster tiled over A4/A3 sheets.
//!
//! Invariants:
//! - text is real text in embedded, subset TrueType fonts (Noto Sans; Symbola for the
//!   characters Noto lacks), so it can be searched and extracted; each run is drawn with the
//!   face [`Fonts::face_for`] picked when the layout measured it;
//! - the page is exactly the Scene's size (A0 landscape: 3370.39 × 2383.94 pt);
//! - a tiled poster draws the map **once**, as a Form XObject, which every sheet and the
//!   overview reference with their own transform and clip. Redrawing it per sheet would make a
//!   5000-card poster twenty times larger and slower (DESIGN §3).
//!
//! How the XObject is made: printpdf has no API for form XObjects built from ops, so the map
//! is drawn as page 1, and after printpdf has built the document (`to_lopdf_document`) a small
//! lopdf step moves that page's content into a Form XObject, prefixes every sheet's content
//! with `q <clip> <cm> /KRMap Do Q` and deletes page 1.

use std::collections::BTreeMap;

use lopdf::{Dictionary as LoDict, Object as LoObj, Stream as LoStream};
use printpdf::{
    Color, FontId, Line, LineCapStyle, LineDashPattern, LineJoinStyle, LinePoint, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Polygon, PolygonRing,
    Pt as PPt, Rgb, TextItem, TextMatrix, WindingOrder, XObjectTransform,
};

use super::tile::{self, Grid, TileOptions};
use super::ImageResolver;
use crate::layout::{Face, Fonts, Item, Scene, Seg, Stroke};
use crate::model::Lang;

/// Millimetres to points.
const K: f32 = 72.0 / 25.4;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("{0}")]
    Font(#[from] crate::layout::FontError),
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

struct Painter {
    fonts: Fonts,
    regular: FontId,
    bold: FontId,
    fallback: Option<FontId>,
}

impl Painter {
    fn font(&self, f: Face) -> PdfFontHandle {
        let id = match f {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Fallback => self.fallback.as_ref().unwrap_or(&self.regular),
        };
        PdfFontHandle::External(id.clone())
    }
}

fn parse_font(bytes: &[u8], name: &'static str) -> Result<ParsedFont, PdfError> {
    let mut w = Vec::new();
    ParsedFont::from_bytes(bytes, 0, &mut w).ok_or(PdfError::Embed(name))
}

fn colour(hex: &str) -> Color {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(0) as f32
            / 255.0
    };
    // Three decimals are finer than 8-bit colour; longer numbers only bloat the content.
    let c = |i: usize| (c(i) * 1000.0).round() / 1000.0;
    Color::Rgb(Rgb::new(c(0), c(2), c(4), None))
}

/// Converts Scene coordinates (mm, y down) on a page `page_h` mm high to PDF points (y up).
fn pt(x: f32, y: f32, page_h: f32) -> printpdf::Point {
    printpdf::Point {
        x: PPt(r(x * K)),
        y: PPt(r((page_h - y) * K)),
    }
}

/// Rounds to tenths of a point (0.035 mm), below what a 600 dpi printer resolves (0.12 pt).
/// Short numbers make the content stream, and so the file and the time to deflate it,
/// smaller: a 5000-card map has some 400 000 of them.
fn r(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}

fn lp(p: printpdf::Point, bezier: bool) -> LinePoint {
    LinePoint { p, bezier }
}

/// A rounded rectangle as a closed ring of lines and Bézier arcs.
fn round_rect(x: f32, y: f32, w: f32, h: f32, r: f32, ph: f32) -> Vec<LinePoint> {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    if r <= 0.01 {
        return vec![
            lp(pt(x, y, ph), false),
            lp(pt(x + w, y, ph), false),
            lp(pt(x + w, y + h, ph), false),
            lp(pt(x, y + h, ph), false),
        ];
    }
    let k = r * 0.552_284_8;
    let (x1, y1) = (x + w, y + h);
    vec![
        lp(pt(x + r, y, ph), false),
        lp(pt(x1 - r, y, ph), false),
        lp(pt(x1 - r + k, y, ph), true),
        lp(pt(x1, y + r - k, ph), true),
        lp(pt(x1, y + r, ph), false),
        lp(pt(x1, y1 - r, ph), false),
        lp(pt(x1, y1 - r + k, ph), true),
        lp(pt(x1 - r + k, y1, ph), true),
        lp(pt(x1 - r, y1, ph), false),
        lp(pt(x + r, y1, ph), false),
        lp(pt(x + r - k, y1, ph), true),
        lp(pt(x, y1 - r + k, ph), true),
        lp(pt(x, y1 - r, ph), false),
        lp(pt(x, y + r, ph), false),
        lp(pt(x, y + r - k, ph), true),
        lp(pt(x + r - k, y, ph), true),
        lp(pt(x + r, y, ph), false),
    ]
}

/// A circle as four Bézier quarter arcs.
fn circle(cx: f32, cy: f32, r: f32, ph: f32) -> Vec<LinePoint> {
    let k = r * 0.552_284_8;
    vec![
        lp(pt(cx, cy - r, ph), false),
        lp(pt(cx + k, cy - r, ph), true),
        lp(pt(cx + r, cy - k, ph), true),
        lp(pt(cx + r, cy, ph), false),
        lp(pt(cx + r, cy + k, ph), true),
        lp(pt(cx + k, cy + r, ph), true),
        lp(pt(cx, cy + r, ph), false),
        lp(pt(cx - k, cy + r, ph), true),
        lp(pt(cx - r, cy + k, ph), true),
        lp(pt(cx - r, cy, ph), false),
        lp(pt(cx - r, cy - k, ph), true),
        lp(pt(cx - k, cy - r, ph), true),
        lp(pt(cx, cy - r, ph), false),
    ]
}

/// The graphics state last written to the content stream, so unchanged colours, widths
/// and dashes are not written again (a big map repeats them thousands of times).
#[derive(Default)]
struct Gs {
    fill: Option<String>,
    stroke: Option<String>,
    width: Option<f32>,
    dash: Option<Vec<f32>>,
}

impl Gs {
    fn fill(&mut self, ops: &mut Vec<Op>, c: &str) {
        if self.fill.as_deref() != Some(c) {
            ops.push(Op::SetFillColor { col: colour(c) });
            self.fill = Some(c.to_string());
        }
    }

    fn stroke(&mut self, ops: &mut Vec<Op>, s: &Stroke) {
        if self.stroke.as_deref() != Some(s.colour.as_str()) {
            ops.push(Op::SetOutlineColor {
                col: colour(&s.colour),
            });
            self.stroke = Some(s.colour.clone());
        }
        let w = r(s.width.0 * K);
        if self.width != Some(w) {
            ops.push(Op::SetOutlineThickness { pt: PPt(w) });
            self.width = Some(w);
        }
        let dash: Vec<f32> = s.dash.iter().map(|d| r(d.0 * K)).collect();
        if self.dash.as_ref() != Some(&dash) {
            ops.push(Op::SetLineDashPattern {
                dash: if dash.is_empty() {
                    LineDashPattern::solid()
                } else {
                    LineDashPattern::new(0.0, &dash)
                },
            });
            self.dash = Some(dash);
        }
    }
}

/// Emits a shape with optional fill and stroke.
fn shape(
    ops: &mut Vec<Op>,
    gs: &mut Gs,
    ring: Vec<LinePoint>,
    fill: &Option<String>,
    stroke: &Option<Stroke>,
    closed: bool,
) {
    if fill.is_none() && stroke.is_none() {
        return;
    }
    if let Some(f) = fill {
        gs.fill(ops, f);
    }
    if let Some(s) = stroke {
        gs.stroke(ops, s);
    }
    let mode = match (fill.is_some(), stroke.is_some()) {
        (true, true) => PaintMode::FillStroke,
        (true, false) => PaintMode::Fill,
        _ => PaintMode::Stroke,
    };
    if fill.is_some() || closed {
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points: ring }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    } else {
        ops.push(Op::DrawLine {
            line: Line {
                points: ring,
                is_closed: false,
            },
        });
    }
}

/// Draws `items` (Scene coordinates on a page `ph` mm high).
fn draw_items(
    ops: &mut Vec<Op>,
    items: &[Item],
    ph: f32,
    painter: &Painter,
    images: &BTreeMap<String, (printpdf::XObjectId, f32, f32)>,
) {
    ops.push(Op::SetLineJoinStyle {
        join: LineJoinStyle::Round,
    });
    ops.push(Op::SetLineCapStyle {
        cap: LineCapStyle::Round,
    });
    let mut gs = Gs::default();
    for it in items {
        match it {
            Item::Rect {
                rect,
                radius,
                fill,
                stroke,
                ..
            } => {
                let ring = round_rect(rect.x.0, rect.y.0, rect.w.0, rect.h.0, radius.0, ph);
                shape(ops, &mut gs, ring, fill, stroke, true);
            }
            Item::Circle {
                centre,
                r,
                fill,
                stroke,
                ..
            } => shape(
                ops,
                &mut gs,
                circle(centre.x.0, centre.y.0, r.0, ph),
                fill,
                stroke,
                true,
            ),
            Item::Path {
                segs, fill, stroke, ..
            } => {
                let mut ring = Vec::with_capacity(segs.len());
                let mut closed = false;
                for s in segs {
                    match s {
                        Seg::Move { to } | Seg::Line { to } => {
                            ring.push(lp(pt(to.x.0, to.y.0, ph), false))
                        }
                        Seg::Cubic { c1, c2, to } => {
                            ring.push(lp(pt(c1.x.0, c1.y.0, ph), true));
                            ring.push(lp(pt(c2.x.0, c2.y.0, ph), true));
                            ring.push(lp(pt(to.x.0, to.y.0, ph), false));
                        }
                        Seg::Close => closed = true,
                    }
                }
                shape(ops, &mut gs, ring, fill, stroke, closed);
            }
            Item::Text {
                lines,
                size,
                bold,
                colour: c,
                ..
            } => {
                let size_pt = PPt(r(size.0 * K));
                ops.push(Op::StartTextSection);
                gs.fill(ops, c);
                // The font is text state, which lives in the graphics state; but printpdf
                // resolves fonts per text object, so set it once per object, not per run.
                let mut font: Option<Face> = None;
                for l in lines {
                    if l.text.is_empty() {
                        continue;
                    }
                    let p = pt(l.x.0, l.baseline.0, ph);
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(p.x, p.y),
                    });
                    // One Tj per font run; the pen advances by the embedded widths, which are
                    // the advances the layout measured.
                    for (face, run) in painter.fonts.runs(&l.text, *bold) {
                        if font != Some(face) {
                            ops.push(Op::SetFont {
                                font: painter.font(face),
                                size: size_pt,
                            });
                            font = Some(face);
                        }
                        ops.push(Op::ShowText {
                            items: vec![TextItem::Text(run.to_string())],
                        });
                    }
                }
                ops.push(Op::EndTextSection);
            }
            Item::Image {
                rect,
                image_id,
                round,
                ..
            } => {
                let Some((id, iw, ih)) = images.get(image_id) else {
                    continue;
                };
                ops.push(Op::SaveGraphicsState);
                let clip = if *round {
                    circle(
                        rect.x.0 + rect.w.0 / 2.0,
                        rect.y.0 + rect.h.0 / 2.0,
                        rect.w.0.min(rect.h.0) / 2.0,
                        ph,
                    )
                } else {
                    round_rect(rect.x.0, rect.y.0, rect.w.0, rect.h.0, 0.0, ph)
                };
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing { points: clip }],
                        mode: PaintMode::Clip,
                        winding_order: WindingOrder::NonZero,
                    },
                });
                // Cover the rectangle: scale to the larger ratio and centre the overflow.
                let s = (rect.w.0 / iw).max(rect.h.0 / ih);
                let (dw, dh) = (iw * s, ih * s);
                let x = rect.x.0 + (rect.w.0 - dw) / 2.0;
                let y = rect.y.0 + (rect.h.0 - dh) / 2.0 + dh;
                // At 72 dpi one pixel is one point: scale pixels to the wanted millimetres.
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(PPt(x * K)),
                        translate_y: Some(PPt((ph - y) * K)),
                        scale_x: Some(dw * K / (iw * 1.0)),
                        scale_y: Some(dh * K / (ih * 1.0)),
                        dpi: Some(72.0),
                        ..Default::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
                // Q restored whatever the state was before q; we no longer know it.
                gs = Gs::default();
            }
        }
    }
}

fn needs_fallback(fonts: &Fonts, items: &[Item]) -> bool {
    items.iter().any(|it| match it {
        Item::Text { lines, bold, .. } => lines.iter().any(|l| {
            fonts
                .runs(&l.text, *bold)
                .iter()
                .any(|(f, _)| *f == Face::Fallback)
        }),
        _ => false,
    })
}

/// Registers a font under a short fixed resource name. printpdf's own `add_font` picks a
/// random 32-letter name, which every `Tf` in the content repeats (thousands of times in a
/// big map) and which made the output differ from run to run. The first six letters become
/// the subset tag (`KRNSRG+NotoSans-Regular`), so they must be six capitals.
fn add_font(doc: &mut PdfDocument, name: &str, font: ParsedFont) -> FontId {
    let id = FontId(name.to_string());
    doc.resources
        .fonts
        .map
        .insert(id.clone(), printpdf::PdfFont::new(font));
    id
}

fn new_doc(meta: &PdfMeta, extra: &[&[Item]]) -> Result<(PdfDocument, Painter), PdfError> {
    let fonts = Fonts::load()?;
    let mut doc = PdfDocument::new(&meta.title);
    doc.metadata.info.creator = "Klantreis".into();
    doc.metadata.info.producer = "Klantreis (printpdf)".into();
    let regular = add_font(
        &mut doc,
        "KRNSRG",
        parse_font(crate::layout::NOTO_SANS_REGULAR, "NotoSans-Regular")?,
    );
    let bold = add_font(
        &mut doc,
        "KRNSBD",
        parse_font(crate::layout::NOTO_SANS_BOLD, "NotoSans-Bold")?,
    );
    // Symbola is large to parse; embed it only when some text needs it.
    let fallback = if extra.iter().any(|items| needs_fallback(&fonts, items)) {
        Some(add_font(
            &mut doc,
            "KRSYMB",
            parse_font(crate::layout::SYMBOLA, "Symbola")?,
        ))
    } else {
        None
    };
    Ok((
        doc,
        Painter {
            fonts,
            regular,
            bold,
            fallback,
        },
    ))
}

fn add_images(
    doc: &mut PdfDocument,
    scene: &Scene,
    resolve: Option<ImageResolver>,
    warnings: &mut Vec<String>,
) -> BTreeMap<String, (printpdf::XObjectId, f32, f32)> {
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
        let mut w = Vec::new();
        match printpdf::RawImage::decode_from_bytes(&bytes, &mut w) {
            Ok(img) => {
                let (iw, ih) = (img.width as f32, img.height as f32);
                let id = doc.add_image(&img);
                out.insert(image_id.clone(), (id, iw.max(1.0), ih.max(1.0)));
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
    use std::io::Write;
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

/// The Scene as a one-page vector PDF of the Scene's size.
pub fn to_pdf(
    scene: &Scene,
    meta: &PdfMeta,
    images: Option<ImageResolver>,
) -> Result<Pdf, PdfError> {
    let (mut doc, painter) = new_doc(meta, &[&scene.items])?;
    // Missing glyphs are reported by the layout (Scene::warnings), which measured them.
    let mut warnings: Vec<String> = Vec::new();
    let imgs = add_images(&mut doc, scene, images, &mut warnings);
    let ph = scene.height.0;
    let mut ops = Vec::with_capacity(scene.items.len() * 6);
    draw_items(&mut ops, &scene.items, ph, &painter, &imgs);
    doc.pages.push(PdfPage::new(
        printpdf::Mm(scene.width.0),
        printpdf::Mm(ph),
        ops,
    ));
    let mut pw = Vec::new();
    let lo = doc.to_lopdf_document(&save_options(), &mut pw);
    Ok(Pdf {
        bytes: save(lo)?,
        pages: 1,
        warnings,
    })
}

/// Where the map XObject goes on a sheet: clip rectangle and placement, in sheet mm.
struct Placement {
    clip: crate::layout::Rect,
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
    let mut all: Vec<&[Item]> = vec![&scene.items];
    all.extend(sheets.iter().map(|s| s.0.as_slice()));
    let (mut doc, painter) = new_doc(meta, &all)?;
    // Missing glyphs are reported by the layout (Scene::warnings), which measured them.
    let mut warnings: Vec<String> = Vec::new();
    let imgs = add_images(&mut doc, scene, images, &mut warnings);
    let mut ops = Vec::with_capacity(scene.items.len() * 6);
    draw_items(&mut ops, &scene.items, ph, &painter, &imgs);
    doc.pages
        .push(PdfPage::new(printpdf::Mm(pw), printpdf::Mm(ph), ops));
    for (items, _) in &sheets {
        let mut ops = Vec::new();
        draw_items(&mut ops, items, g.sheet_h, &painter, &imgs);
        doc.pages.push(PdfPage::new(
            printpdf::Mm(g.sheet_w),
            printpdf::Mm(g.sheet_h),
            ops,
        ));
    }
    let mut pwarn = Vec::new();
    let mut lo = doc.to_lopdf_document(&save_options(), &mut pwarn);
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

    #[test]
    fn colours_parse_from_hex() {
        assert_eq!(colour("#ff0000"), Color::Rgb(Rgb::new(1.0, 0.0, 0.0, None)));
        assert_eq!(colour("#000000"), Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)));
    }
}
