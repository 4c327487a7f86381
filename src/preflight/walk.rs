//! The content checks of the preflight: one walk over each page's content stream, into the
//! form XObjects it draws, tracking the graphics state a print shop's checker tracks: the
//! transformation (for text size, text position and image resolution), the clip (text the
//! clip hides does not print), the colour spaces, the font and the text matrix.
//!
//! Text extent: the advance is the font's own widths (`W` of a composite font, `Widths` of a
//! simple one; half an em a glyph where a font has none, as a standard font need not), from
//! 0.2 em below the baseline to 0.8 em above it.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{push, Raw, K, MIN_DPI, MIN_TEXT_PT, SAFE_MM};

/// An affine matrix `[a b c d e f]`, PDF's row-vector convention.
type M = [f32; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m1: &M, m2: &M) -> M {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

fn apply(m: &M, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// Bounding box `[x0 y0 x1 y1]` of a rectangle under `m`.
fn bbox(m: &M, r: [f32; 4]) -> [f32; 4] {
    let pts = [
        apply(m, r[0], r[1]),
        apply(m, r[2], r[1]),
        apply(m, r[0], r[3]),
        apply(m, r[2], r[3]),
    ];
    let mut b = [
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    ];
    for (x, y) in pts {
        b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
    }
    b
}

fn nums(ops: &[Object]) -> Vec<f32> {
    ops.iter().filter_map(|o| o.as_float().ok()).collect()
}

/// The graphics state that `q` saves and `Q` restores.
#[derive(Clone)]
struct Gs {
    ctm: M,
    clip: [f32; 4],
    font: Option<Vec<u8>>,
    size: f32,
    leading: f32,
    /// Text render mode 3 draws nothing (the text layer of a scan): not checked.
    invisible: bool,
}

/// What one content stream draws with: its resources.
struct Frame<'d> {
    resources: Option<&'d Dictionary>,
}

/// Walks the pages of one document; decoded form XObjects are kept, as a tiled poster draws
/// the same map on every sheet.
pub(super) struct Walker<'d> {
    doc: &'d Document,
    forms: HashMap<ObjectId, Rc<Vec<Operation>>>,
    widths: HashMap<ObjectId, Rc<Widths>>,
}

/// A font's advances in thousandths of an em, by character code.
struct Widths {
    /// Two-byte codes (a composite font with Identity-H, as PDF writers embed TrueType).
    two: bool,
    default: f32,
    by_code: HashMap<u32, f32>,
}

impl Widths {
    fn of(doc: &Document, font: &Dictionary) -> Widths {
        let n = |o: &Object| doc.dereference(o).ok().and_then(|(_, o)| o.as_float().ok());
        let mut by_code = HashMap::new();
        if font.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Type0".as_slice()) {
            let desc = font
                .get(b"DescendantFonts")
                .ok()
                .and_then(|d| doc.dereference(d).ok())
                .and_then(|(_, d)| d.as_array().ok()?.first().cloned())
                .and_then(|d| {
                    doc.dereference(&d)
                        .ok()
                        .and_then(|(_, o)| o.as_dict().ok().cloned())
                });
            let Some(desc) = desc else {
                return Widths {
                    two: true,
                    default: 500.0,
                    by_code,
                };
            };
            let default = desc.get(b"DW").ok().and_then(n).unwrap_or(1000.0);
            let w = desc
                .get(b"W")
                .ok()
                .and_then(|w| doc.dereference(w).ok())
                .and_then(|(_, w)| w.as_array().ok().cloned())
                .unwrap_or_default();
            let mut i = 0;
            while i + 1 < w.len() {
                let Some(first) = n(&w[i]) else { break };
                match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
                    Ok(Object::Array(ws)) => {
                        for (k, x) in ws.iter().enumerate() {
                            by_code.insert(first as u32 + k as u32, n(x).unwrap_or(default));
                        }
                        i += 2;
                    }
                    _ => {
                        let (last, wd) = (w.get(i + 1).and_then(n), w.get(i + 2).and_then(n));
                        if let (Some(last), Some(wd)) = (last, wd) {
                            for c in first as u32..=(last as u32).min(first as u32 + 65535) {
                                by_code.insert(c, wd);
                            }
                        }
                        i += 3;
                    }
                }
            }
            return Widths {
                two: true,
                default,
                by_code,
            };
        }
        let first = font.get(b"FirstChar").ok().and_then(n).unwrap_or(0.0) as u32;
        if let Some(ws) = font
            .get(b"Widths")
            .ok()
            .and_then(|w| doc.dereference(w).ok())
            .and_then(|(_, w)| w.as_array().ok())
        {
            for (k, x) in ws.iter().enumerate() {
                by_code.insert(first + k as u32, n(x).unwrap_or(500.0));
            }
        }
        Widths {
            two: false,
            default: 500.0,
            by_code,
        }
    }

    /// The advance of a string operand, in ems.
    fn em(&self, s: &[u8]) -> f32 {
        let w = |c: u32| self.by_code.get(&c).copied().unwrap_or(self.default);
        let total: f32 = if self.two {
            s.chunks(2)
                .map(|c| w(u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0))))
                .sum()
        } else {
            s.iter().map(|c| w(u32::from(*c))).sum()
        };
        total / 1000.0
    }
}

struct Page<'r> {
    n: usize,
    trim: [f32; 4],
    raw: &'r mut Vec<Raw>,
    fonts_seen: BTreeSet<Vec<u8>>,
}

impl<'d> Walker<'d> {
    pub(super) fn new(doc: &'d Document) -> Walker<'d> {
        Walker {
            doc,
            forms: HashMap::new(),
            widths: HashMap::new(),
        }
    }

    pub(super) fn page(&mut self, id: ObjectId, n: usize, trim: [f32; 4], raw: &mut Vec<Raw>) {
        let doc = self.doc;
        let Ok(content) = doc.get_and_decode_page_content(id) else {
            push(
                raw,
                Raw {
                    code: "damaged_content",
                    page: Some(n),
                    at: String::new(),
                    count: 1,
                    value: String::new(),
                },
            );
            return;
        };
        let resources = page_resources(doc, id);
        let gs = Gs {
            ctm: ID,
            clip: [
                f32::NEG_INFINITY,
                f32::NEG_INFINITY,
                f32::INFINITY,
                f32::INFINITY,
            ],
            font: None,
            size: 0.0,
            leading: 0.0,
            invisible: false,
        };
        let mut page = Page {
            n,
            trim,
            raw,
            fonts_seen: BTreeSet::new(),
        };
        self.ops(&content.operations, &Frame { resources }, gs, &mut page, 0);
    }

    /// Walks `ops`; `depth` bounds nested forms (a form drawing itself would never end).
    fn ops(
        &mut self,
        ops: &[Operation],
        frame: &Frame<'d>,
        start: Gs,
        page: &mut Page,
        depth: usize,
    ) {
        let doc = self.doc;
        let mut gs = start;
        let mut stack: Vec<Gs> = Vec::new();
        let (mut tm, mut tlm) = (ID, ID);
        let mut last_re: Option<[f32; 4]> = None;
        let mut clip_next = false;
        for op in ops {
            let o = &op.operands;
            match op.operator.as_str() {
                "q" => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    let v = nums(o);
                    if v.len() == 6 {
                        gs.ctm = mul(&[v[0], v[1], v[2], v[3], v[4], v[5]], &gs.ctm);
                    }
                }
                "re" => {
                    let v = nums(o);
                    if v.len() == 4 {
                        last_re = Some(bbox(&gs.ctm, [v[0], v[1], v[0] + v[2], v[1] + v[3]]));
                    }
                }
                "W" | "W*" => clip_next = true,
                "n" | "f" | "F" | "f*" | "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    if clip_next {
                        // A clip by a path that is not a rectangle is taken as no clip.
                        if let Some(r) = last_re {
                            let c = gs.clip;
                            gs.clip = [
                                c[0].max(r[0]),
                                c[1].max(r[1]),
                                c[2].min(r[2]),
                                c[3].min(r[3]),
                            ];
                        }
                    }
                    clip_next = false;
                    last_re = None;
                }
                "m" => last_re = None,
                "rg" | "RG" => self.rgb_op(page, op.operator.as_str()),
                "cs" | "CS" => {
                    if let Some(name) = o.first().and_then(|x| x.as_name().ok()) {
                        if is_rgb_space(doc, name, frame) {
                            self.rgb_op(page, op.operator.as_str());
                        }
                    }
                }
                "BT" => {
                    tm = ID;
                    tlm = ID;
                }
                "Tf" => {
                    gs.font = o.first().and_then(|x| x.as_name().ok()).map(<[u8]>::to_vec);
                    gs.size = o.get(1).and_then(|x| x.as_float().ok()).unwrap_or(0.0);
                    if let Some(f) = gs.font.clone() {
                        self.font_used(page, frame, &f);
                    }
                }
                "Tr" => gs.invisible = o.first().and_then(|x| x.as_i64().ok()) == Some(3),
                "TL" => gs.leading = o.first().and_then(|x| x.as_float().ok()).unwrap_or(0.0),
                "Td" | "TD" => {
                    let v = nums(o);
                    if v.len() == 2 {
                        if op.operator == "TD" {
                            gs.leading = -v[1];
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, v[0], v[1]], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    let v = nums(o);
                    if v.len() == 6 {
                        tlm = [v[0], v[1], v[2], v[3], v[4], v[5]];
                        tm = tlm;
                    }
                }
                "T*" | "'" | "\"" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if op.operator != "T*" {
                        let s = o.last().map(|x| self.advance(frame, &gs, x)).unwrap_or(0.0);
                        self.show(page, &gs, &mut tm, s);
                    }
                }
                "Tj" => {
                    let s = o
                        .first()
                        .map(|x| self.advance(frame, &gs, x))
                        .unwrap_or(0.0);
                    self.show(page, &gs, &mut tm, s);
                }
                "TJ" => {
                    let s = o
                        .first()
                        .and_then(|a| a.as_array().ok())
                        .map(|a| a.iter().map(|x| self.advance(frame, &gs, x)).sum())
                        .unwrap_or(0.0);
                    self.show(page, &gs, &mut tm, s);
                }
                "Do" => {
                    if let Some(name) = o.first().and_then(|x| x.as_name().ok()) {
                        self.draw(name, frame, &gs, page, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn rgb_op(&self, page: &mut Page, op: &str) {
        push(
            page.raw,
            Raw {
                code: "rgb_colour",
                page: Some(page.n),
                at: format!("operator {op}"),
                count: 1,
                value: String::new(),
            },
        );
    }

    /// The advance of a `Tj`/`TJ` operand in ems: a string by the font's widths, a number of
    /// `TJ` by its thousandths (positive moves back).
    fn advance(&mut self, frame: &Frame<'d>, gs: &Gs, o: &Object) -> f32 {
        let s = match o {
            Object::String(s, _) => s,
            Object::Integer(_) | Object::Real(_) => return -o.as_float().unwrap_or(0.0) / 1000.0,
            _ => return 0.0,
        };
        let doc = self.doc;
        let Some(name) = gs.font.as_ref() else {
            return s.len() as f32 * 0.5;
        };
        let fonts = frame
            .resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|f| doc.dereference(f).ok())
            .and_then(|(_, f)| f.as_dict().ok());
        let entry = fonts.and_then(|f| f.get(name).ok());
        match entry.and_then(|e| e.as_reference().ok()) {
            Some(id) => {
                let w = match self.widths.get(&id) {
                    Some(w) => w.clone(),
                    None => {
                        let d = doc.get_dictionary(id).ok();
                        let w = Rc::new(d.map(|d| Widths::of(doc, d)).unwrap_or(Widths {
                            two: false,
                            default: 500.0,
                            by_code: HashMap::new(),
                        }));
                        self.widths.insert(id, w.clone());
                        w
                    }
                };
                w.em(s)
            }
            None => match entry.and_then(|e| e.as_dict().ok()) {
                Some(d) => Widths::of(doc, d).em(s),
                None => s.len() as f32 * 0.5,
            },
        }
    }

    /// Text `em` ems wide shown at the text matrix: its size and its distance from the trim;
    /// the pen moves on by its width.
    fn show(&self, page: &mut Page, gs: &Gs, tm: &mut M, em: f32) {
        if em <= 0.0 || gs.invisible {
            return;
        }
        let width = em * gs.size;
        let trm = mul(tm, &gs.ctm);
        let size = gs.size * trm[2].hypot(trm[3]);
        let ext = bbox(&trm, [0.0, -0.2 * gs.size, width, 0.8 * gs.size]);
        *tm = mul(&[1.0, 0.0, 0.0, 1.0, width, 0.0], tm);
        let (c, t) = (gs.clip, page.trim);
        // Text the clip hides, or wholly off the trimmed page, does not print.
        let visible = ext[2] > c[0].max(t[0])
            && ext[0] < c[2].min(t[2])
            && ext[3] > c[1].max(t[1])
            && ext[1] < c[3].min(t[3]);
        if !visible {
            return;
        }
        // What prints is the part inside the clip.
        let ext = [
            ext[0].max(c[0]),
            ext[1].max(c[1]),
            ext[2].min(c[2]),
            ext[3].min(c[3]),
        ];
        let at = format!(
            "x {:.1} mm, y {:.1} mm",
            (ext[0] - t[0]) / K,
            (t[3] - ext[3]) / K
        );
        if size < MIN_TEXT_PT - 0.05 {
            push(
                page.raw,
                Raw {
                    code: "small_text",
                    page: Some(page.n),
                    at: at.clone(),
                    count: 1,
                    value: format!("{size:.1}"),
                },
            );
        }
        let near = [ext[0] - t[0], ext[1] - t[1], t[2] - ext[2], t[3] - ext[3]]
            .into_iter()
            .fold(f32::INFINITY, f32::min)
            / K;
        if near < SAFE_MM - 0.05 {
            push(
                page.raw,
                Raw {
                    code: "text_near_trim",
                    page: Some(page.n),
                    at,
                    count: 1,
                    value: format!("{:.1}", near.max(0.0)),
                },
            );
        }
    }

    /// A font chosen with `Tf`: checked for an embedded program once a page.
    fn font_used(&self, page: &mut Page, frame: &Frame<'d>, name: &[u8]) {
        if !page.fonts_seen.insert(name.to_vec()) {
            return;
        }
        let Some(font) = font_dict(self.doc, frame, name) else {
            return;
        };
        let base = font
            .get(b"BaseFont")
            .ok()
            .and_then(|b| b.as_name().ok())
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_else(|| String::from_utf8_lossy(name).into_owned());
        if !embedded(self.doc, font) {
            push(
                page.raw,
                Raw {
                    code: "font_not_embedded",
                    page: Some(page.n),
                    at: format!("font /{}", String::from_utf8_lossy(name)),
                    count: 1,
                    value: base,
                },
            );
        }
    }

    /// `Do`: an image is checked for colour and resolution, a form is walked.
    fn draw(&mut self, name: &[u8], frame: &Frame<'d>, gs: &Gs, page: &mut Page, depth: usize) {
        let doc = self.doc;
        let Some((id, stream)) = frame
            .resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| doc.dereference(x).ok())
            .and_then(|(_, x)| x.as_dict().ok())
            .and_then(|x| x.get(name).ok())
            .and_then(|o| o.as_reference().ok())
            .and_then(|id| Some((id, doc.get_object(id).ok()?.as_stream().ok()?)))
        else {
            return;
        };
        let sub = stream
            .dict
            .get(b"Subtype")
            .and_then(|s| s.as_name())
            .unwrap_or(b"");
        let label = String::from_utf8_lossy(name).into_owned();
        if sub == b"Image" {
            self.image(&stream.dict, &label, gs, page);
        } else if sub == b"Form" && depth < 8 {
            let ops = match self.forms.get(&id) {
                Some(o) => o.clone(),
                None => {
                    let decoded = stream
                        .decompressed_content()
                        .ok()
                        .or_else(|| Some(stream.content.clone()))
                        .and_then(|c| lopdf::content::Content::decode(&c).ok())
                        .map(|c| c.operations)
                        .unwrap_or_default();
                    let rc = Rc::new(decoded);
                    self.forms.insert(id, rc.clone());
                    rc
                }
            };
            let matrix = stream
                .dict
                .get(b"Matrix")
                .and_then(|m| m.as_array())
                .map(|a| nums(a))
                .ok()
                .filter(|v| v.len() == 6)
                .map(|v| [v[0], v[1], v[2], v[3], v[4], v[5]])
                .unwrap_or(ID);
            let mut inner = gs.clone();
            inner.ctm = mul(&matrix, &gs.ctm);
            let resources = stream
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|r| doc.dereference(r).ok())
                .and_then(|(_, r)| r.as_dict().ok())
                .or(frame.resources);
            self.ops(&ops, &Frame { resources }, inner, page, depth + 1);
        }
    }

    fn image(&self, d: &Dictionary, label: &str, gs: &Gs, page: &mut Page) {
        if d.get(b"ImageMask")
            .and_then(|m| m.as_bool())
            .unwrap_or(false)
        {
            return;
        }
        let cs = d.get(b"ColorSpace").ok();
        if cs.is_some_and(|c| space_is_rgb(self.doc, c)) {
            push(
                page.raw,
                Raw {
                    code: "rgb_image",
                    page: Some(page.n),
                    at: format!("image /{label}"),
                    count: 1,
                    value: String::new(),
                },
            );
        }
        let px = |k: &[u8]| d.get(k).and_then(|v| v.as_i64()).unwrap_or(0) as f32;
        let (w_pt, h_pt) = (gs.ctm[0].hypot(gs.ctm[1]), gs.ctm[2].hypot(gs.ctm[3]));
        if w_pt <= 0.0 || h_pt <= 0.0 {
            return;
        }
        let dpi = (px(b"Width") / (w_pt / 72.0)).min(px(b"Height") / (h_pt / 72.0));
        if dpi < MIN_DPI - 0.5 {
            push(
                page.raw,
                Raw {
                    code: "low_resolution_image",
                    page: Some(page.n),
                    at: format!("image /{label}"),
                    count: 1,
                    value: format!("{dpi:.0}"),
                },
            );
        }
    }
}

/// The page's resources, inherited from the page tree as the spec allows.
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut id = page;
    for _ in 0..32 {
        let d = doc.get_dictionary(id).ok()?;
        if let Ok(r) = d.get(b"Resources") {
            return doc.dereference(r).ok()?.1.as_dict().ok();
        }
        id = d.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

fn font_dict<'d>(doc: &'d Document, frame: &Frame<'d>, name: &[u8]) -> Option<&'d Dictionary> {
    let fonts = frame.resources?.get(b"Font").ok()?;
    let (_, fonts) = doc.dereference(fonts).ok()?;
    let (_, f) = doc
        .dereference(fonts.as_dict().ok()?.get(name).ok()?)
        .ok()?;
    f.as_dict().ok()
}

/// A font carries its program: in its descriptor, or its descendant's (Type0). Type 3 fonts
/// are drawn by the file's own content.
fn embedded(doc: &Document, font: &Dictionary) -> bool {
    let sub = font
        .get(b"Subtype")
        .and_then(|s| s.as_name())
        .unwrap_or(b"");
    if sub == b"Type3" {
        return true;
    }
    let font = if sub == b"Type0" {
        let desc = font
            .get(b"DescendantFonts")
            .ok()
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_array().ok()?.first().cloned())
            .and_then(|d| doc.dereference(&d).ok().map(|(_, o)| o.clone()));
        match desc.and_then(|d| d.as_dict().ok().cloned()) {
            Some(d) => return has_program(doc, &d),
            None => return false,
        }
    } else {
        font
    };
    has_program(doc, font)
}

fn has_program(doc: &Document, font: &Dictionary) -> bool {
    font.get(b"FontDescriptor")
        .ok()
        .and_then(|d| doc.dereference(d).ok())
        .and_then(|(_, d)| d.as_dict().ok())
        .is_some_and(|d| {
            [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| d.has(k))
        })
}

/// A colour space named by `cs`/`CS`: DeviceRGB itself, or a resource that is RGB.
fn is_rgb_space(doc: &Document, name: &[u8], frame: &Frame) -> bool {
    if name == b"DeviceRGB" {
        return true;
    }
    frame
        .resources
        .and_then(|r| r.get(b"ColorSpace").ok())
        .and_then(|c| doc.dereference(c).ok())
        .and_then(|(_, c)| c.as_dict().ok()?.get(name).ok())
        .is_some_and(|c| space_is_rgb(doc, c))
}

/// DeviceRGB or CalRGB, directly or as the base of an Indexed space. An ICC-based RGB space
/// is allowed by PDF/X-4 (the output intent says how it prints) and not reported.
fn space_is_rgb(doc: &Document, cs: &Object) -> bool {
    let Ok((_, cs)) = doc.dereference(cs) else {
        return false;
    };
    match cs {
        Object::Name(n) => n == b"DeviceRGB" || n == b"CalRGB",
        Object::Array(a) => match a.first().and_then(|f| f.as_name().ok()) {
            Some(b"CalRGB") => true,
            Some(b"Indexed") => a.get(1).is_some_and(|b| space_is_rgb(doc, b)),
            _ => false,
        },
        _ => false,
    }
}
