//! Content streams: the operators that draw Scene items on a page (or in the map XObject).
//!
//! Invariants:
//! - every run of text is drawn with the face [`Fonts::runs`] picks, which is the face the
//!   layout measured it with; the pen advances by the embedded widths, so a line ends where
//!   the Scene says it does;
//! - the stream is compact, because a 5000-card map writes hundreds of thousands of numbers:
//!   numbers have at most one decimal (a tenth of a point, finer than a 600 dpi printer
//!   resolves; font sizes keep three, see [`Content::text`]); colours, line width, dash,
//!   font and leading are written only when they change ([`Gs`]); a text block is one text
//!   object whose lines are placed relative to the line before (`Td`, `T*`); glyph ids are
//!   binary strings (two bytes a glyph), not hex; shapes with curves or many points are drawn in
//!   coordinates local to their own origin (`q 1 0 0 1 x y cm … Q`), so every card of a size
//!   writes the same bytes and deflate stores them once.
//! - positions are rounded to tenths of a point once, and relative moves are differences of
//!   those rounded positions, so rounding never accumulates down a text block.

use std::collections::BTreeMap;
use std::io::Write;

use super::fonts::{font_name, GlyphMap};
use crate::scene::fonts::{Face, Fonts};
use crate::scene::{Item, Seg, Stroke, TextLine};

/// Millimetres to points.
pub(super) const K: f32 = 72.0 / 25.4;

/// `#rrggbb` as three 0…255 components.
pub(super) fn rgb(hex: &str) -> [u8; 3] {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(0)
    };
    [c(0), c(2), c(4)]
}

/// `v` in tenths, rounded.
fn tenths_of(v: f32) -> i64 {
    (v * 10.0).round() as i64
}

/// Writes a number of tenths as a PDF number: "12.3", "12", "-4".
fn tenths(out: &mut Vec<u8>, mut t: i64) {
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

/// Writes `v` rounded to tenths: a tenth of a point (0.035 mm) is below what a 600 dpi
/// printer resolves (0.12 pt), and short numbers keep the content, the file and the time to
/// deflate it small.
pub(super) fn num(out: &mut Vec<u8>, v: f32) {
    tenths(out, tenths_of(v));
}

/// A colour component 0…255 as a PDF number with three decimals ("0.122").
pub(super) fn comp(out: &mut Vec<u8>, c: u8) {
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

/// A font size with three decimals at most: a rounded size would stretch or squeeze the
/// whole line (0.05 pt on 21 pt is 1.5 pt over a 600 pt line).
fn size_text(pt: f32) -> String {
    let v = format!("{pt:.3}");
    v.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Writes glyph ids as a binary literal string: two bytes a glyph (Identity-H), with the
/// bytes a literal string gives meaning to escaped (`(`, `)`, `\`, and CR, which a reader
/// would turn into LF).
pub(super) fn glyph_string(out: &mut Vec<u8>, glyphs: impl Iterator<Item = u16>) {
    out.push(b'(');
    for g in glyphs {
        for b in g.to_be_bytes() {
            match b {
                b'(' | b')' | b'\\' => {
                    out.push(b'\\');
                    out.push(b);
                }
                b'\r' => out.extend_from_slice(b"\\r"),
                _ => out.push(b),
            }
        }
    }
    out.push(b')');
}

/// The graphics state last written, so unchanged colours, widths, dashes, fonts and leading
/// are not written again (a big map repeats them thousands of times). Text state (font,
/// leading) is part of the graphics state and outlives `ET`; `Q` restores what `q` saved,
/// so after an unbalanced change inside `q … Q` the state is forgotten ([`Gs::default`]).
#[derive(Default)]
struct Gs {
    fill: Option<[u8; 3]>,
    stroke: Option<[u8; 3]>,
    width: Option<i64>,
    dash: Option<Vec<i64>>,
    font: Option<(Face, String)>,
    /// Leading (`TL`) in tenths of a point.
    leading: Option<i64>,
}

/// Writes the content stream of one page (or of the map XObject).
pub(super) struct Content<'a> {
    pub out: Vec<u8>,
    /// Page height in mm: Scene y runs down from the top, PDF y up from the bottom.
    ph: f32,
    gs: Gs,
    fonts: &'a Fonts,
    glyphs: &'a GlyphMap,
    images: &'a BTreeMap<String, (String, f32, f32)>,
    /// Origin of the local coordinates (pt) that `xy` writes relative to.
    origin: (f32, f32),
    /// Colours as CMYK for the print shop (`k`/`K`, [`super::cmyk`]) instead of RGB.
    pub cmyk: bool,
}

impl<'a> Content<'a> {
    pub fn new(
        ph: f32,
        capacity: usize,
        fonts: &'a Fonts,
        glyphs: &'a GlyphMap,
        images: &'a BTreeMap<String, (String, f32, f32)>,
    ) -> Content<'a> {
        Content {
            out: Vec::with_capacity(capacity),
            ph,
            gs: Gs::default(),
            fonts,
            glyphs,
            images,
            origin: (0.0, 0.0),
            cmyk: false,
        }
    }

    /// A Scene point, in points relative to the current origin.
    fn xy(&mut self, x: f32, y: f32) {
        num(&mut self.out, x * K - self.origin.0);
        self.out.push(b' ');
        num(&mut self.out, (self.ph - y) * K - self.origin.1);
        self.out.push(b' ');
    }

    /// Starts local coordinates at Scene point (x, y), rounded to a tenth of a point.
    fn local(&mut self, x: f32, y: f32) {
        let (ox, oy) = (tenths_of(x * K), tenths_of((self.ph - y) * K));
        self.out.extend_from_slice(b"q 1 0 0 1 ");
        tenths(&mut self.out, ox);
        self.out.push(b' ');
        tenths(&mut self.out, oy);
        self.out.extend_from_slice(b" cm\n");
        self.origin = (ox as f32 / 10.0, oy as f32 / 10.0);
    }

    /// Ends local coordinates. Only paths were drawn inside, so the state is as before `q`.
    fn end_local(&mut self) {
        self.out.extend_from_slice(b"Q\n");
        self.origin = (0.0, 0.0);
    }

    /// Writes colour `c` with the RGB operator `op` (`rg`, `RG`), or its CMYK as `k`/`K`.
    fn colour(&mut self, c: [u8; 3], op: &[u8]) {
        if self.cmyk {
            for v in super::cmyk::cmyk(c) {
                comp(&mut self.out, v);
                self.out.push(b' ');
            }
            self.out
                .extend_from_slice(if op == b"rg" { b"k\n" } else { b"K\n" });
            return;
        }
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
        let w = tenths_of(s.width.0 * K);
        if self.gs.width != Some(w) {
            tenths(&mut self.out, w);
            self.out.extend_from_slice(b" w\n");
            self.gs.width = Some(w);
        }
        let dash: Vec<i64> = s.dash.iter().map(|d| tenths_of(d.0 * K)).collect();
        if self.gs.dash.as_ref() != Some(&dash) {
            self.out.push(b'[');
            for (i, d) in dash.iter().enumerate() {
                if i > 0 {
                    self.out.push(b' ');
                }
                tenths(&mut self.out, *d);
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

    /// A rounded rectangle path (Scene coordinates); a rounded one in its own coordinates,
    /// so all cards of one size write the same path.
    fn round_rect(&mut self, x: f32, y: f32, w: f32, h: f32, r: f32) {
        let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
        if r <= 0.01 {
            self.xy(x, y + h);
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

    fn segs(&mut self, segs: &[Seg]) -> bool {
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
        closed
    }

    fn set_font(&mut self, face: Face, size: &str) {
        if self
            .gs
            .font
            .as_ref()
            .is_some_and(|(f, s)| *f == face && s == size)
        {
            return;
        }
        let _ = writeln!(self.out, "/{} {size} Tf", font_name(face));
        self.gs.font = Some((face, size.to_string()));
    }

    /// One line's runs, each in its face; the first run is shown with `first_op` (`Tj`, or
    /// `'`, which moves to the next line first).
    fn line_runs(&mut self, l: &TextLine, bold: bool, size: &str, first_op: &[u8]) {
        let mut op = first_op;
        for (face, run) in self.fonts.runs(&l.text, bold) {
            self.set_font(face, size);
            let glyphs = self.glyphs;
            // Characters no font has were reported by the layout; they draw as .notdef (0).
            glyph_string(
                &mut self.out,
                run.chars()
                    .map(|c| glyphs.get(&(face, c)).copied().unwrap_or(0)),
            );
            self.out.push(b' ');
            self.out.extend_from_slice(op);
            self.out.push(b'\n');
            op = b"Tj";
        }
    }

    /// A text block as one text object. The first line is placed with `Td` from the origin;
    /// each next line moves from the line before: with `'` (next line by the leading `TL`)
    /// when it starts at the same x and one leading lower, within a tenth of a point, else
    /// with `Td`. The pen is tracked in exact tenths, so the error of a line is at most that
    /// tenth plus the rounding of its own position, never the sum of the lines above it.
    fn text(&mut self, lines: &[TextLine], size_mm: f32, bold: bool, colour: &str) {
        let at = |l: &TextLine| {
            (
                tenths_of(l.x.0 * K),
                tenths_of((self.ph - l.baseline.0) * K),
            )
        };
        let placed: Vec<(&TextLine, (i64, i64))> = lines
            .iter()
            .filter(|l| !l.text.is_empty())
            .map(|l| (l, at(l)))
            .collect();
        let Some(&(_, first)) = placed.first() else {
            return;
        };
        self.fill(colour);
        let size = size_text(size_mm * K);
        if let Some(&(_, second)) = placed.get(1) {
            let lead = first.1 - second.1;
            if second.0 == first.0 && lead > 0 && self.gs.leading.is_none_or(|l| l != lead) {
                tenths(&mut self.out, lead);
                self.out.extend_from_slice(b" TL\n");
                self.gs.leading = Some(lead);
            }
        }
        self.out.extend_from_slice(b"BT\n");
        // At BT the text matrix is the identity: the first Td is absolute.
        let mut pen = (0i64, 0i64);
        for (i, (l, target)) in placed.into_iter().enumerate() {
            let step = self.gs.leading.map(|lead| (pen.0, pen.1 - lead));
            let op: &[u8] = match step {
                Some(next) if i > 0 && next.0 == target.0 && next.1 == target.1 => {
                    pen = next;
                    b"'"
                }
                _ => {
                    tenths(&mut self.out, target.0 - pen.0);
                    self.out.push(b' ');
                    tenths(&mut self.out, target.1 - pen.1);
                    self.out.extend_from_slice(b" Td\n");
                    pen = target;
                    b"Tj"
                }
            };
            self.line_runs(l, bold, &size, op);
        }
        self.out.extend_from_slice(b"ET\n");
    }

    pub fn items(&mut self, items: &[Item]) {
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
                    let (x, y, w, h) = (rect.x.0, rect.y.0, rect.w.0, rect.h.0);
                    let rounded = radius.0.min(w / 2.0).min(h / 2.0) > 0.01;
                    if rounded {
                        self.local(x, y + h);
                    }
                    self.round_rect(x, y, w, h, radius.0);
                    self.paint(fill, stroke, true);
                    if rounded {
                        self.end_local();
                    }
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
                    self.local(centre.x.0, centre.y.0);
                    self.circle(centre.x.0, centre.y.0, r.0);
                    self.paint(fill, stroke, true);
                    self.end_local();
                }
                Item::Path {
                    segs, fill, stroke, ..
                } => {
                    if fill.is_none() && stroke.is_none() {
                        continue;
                    }
                    self.set_paint(fill, stroke);
                    // A rule (two points) is shorter absolute; a star or a tick is the same
                    // shape on every card, so it goes in its own coordinates.
                    let start = match segs.first() {
                        Some(Seg::Move { to }) if segs.len() > 3 => Some(*to),
                        _ => None,
                    };
                    if let Some(p) = start {
                        self.local(p.x.0, p.y.0);
                    }
                    let closed = self.segs(segs);
                    // A filled path is filled as closed whether or not it says so.
                    self.paint(fill, stroke, closed);
                    if start.is_some() {
                        self.end_local();
                    }
                }
                Item::Text {
                    lines,
                    size,
                    bold,
                    colour,
                    ..
                } => self.text(lines, size.0, *bold, colour),
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
        assert_eq!(size_text(7.0866), "7.087");
        assert_eq!(size_text(10.0), "10");
    }

    #[test]
    fn glyph_strings_are_two_bytes_a_glyph_with_string_syntax_escaped() {
        let mut v = Vec::new();
        glyph_string(
            &mut v,
            [0x0041u16, 0x0028, 0x2829, 0x005C, 0x000D, 0x0A00].into_iter(),
        );
        let mut want = vec![b'(', 0, b'A', 0, b'\\', b'(', b'\\', b'(', b'\\', b')'];
        want.extend_from_slice(&[0, b'\\', b'\\', 0, b'\\', b'r', b'\n', 0, b')']);
        assert_eq!(v, want);
    }
}
