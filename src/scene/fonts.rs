//! The bundled fonts and text measurement.
//!
//! Invariants:
//! - every glyph is measured with the font that will draw it: Noto Sans (regular or bold) when
//!   it has the character, otherwise Symbola (the fallback), otherwise the character is
//!   *missing* and reported; the exporters pick fonts with the same [`Fonts::face_for`], so the
//!   widths the layout uses are the widths on paper and on screen;
//! - there is no shaping or kerning (printpdf has none), so a line's width is the sum of its
//!   advances.

use std::collections::BTreeSet;

/// Noto Sans Regular (SIL OFL 1.1, see `assets/fonts/OFL.txt`).
pub static NOTO_SANS_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold (SIL OFL 1.1).
pub static NOTO_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
/// Symbola, the fallback for symbols and monochrome emoji (free for any use, see
/// `assets/fonts/Symbola-LICENSE.txt`).
pub static SYMBOLA: &[u8] = include_bytes!("../../assets/fonts/Symbola.ttf");

/// Which bundled face draws a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Fallback,
}

/// The parsed bundled faces. Parsing is zero-copy and the cache of common characters is made
/// once per process, so a `Fonts` is cheap to make.
pub struct Fonts {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
    fallback: Option<ttf_parser::Face<'static>>,
    /// Face and advance of the common characters ([`cached`]), `[regular, bold]`, so the
    /// thousands of card texts of a big map do not each search the cmap tables. Made once
    /// per process ([`CACHE`]): it depends on the bundled fonts only, and making it (4,320
    /// lookups in the cmap tables) cost more than a whole layout of a small map, which makes
    /// a `Fonts` for every call.
    cache: &'static [Entry],
}

/// Index into [`Fonts::cache`]: Latin, Greek, Cyrillic (U+0000–07FF) and General
/// Punctuation (U+2000–206F: quotes, dashes, ellipsis).
fn cached(c: char) -> Option<usize> {
    match c as u32 {
        n @ 0..=0x7FF => Some(n as usize),
        n @ 0x2000..=0x206F => Some(0x800 + (n - 0x2000) as usize),
        _ => None,
    }
}

const CACHE_LEN: usize = 0x800 + 0x70;

/// Face and advance of one character, `[regular, bold]`.
type Entry = [(Option<Face>, f32); 2];

static CACHE: std::sync::OnceLock<Vec<Entry>> = std::sync::OnceLock::new();

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("bundled font {0} cannot be read: {1}")]
    Parse(&'static str, ttf_parser::FaceParsingError),
}

impl Fonts {
    pub fn load() -> Result<Fonts, FontError> {
        let regular = ttf_parser::Face::parse(NOTO_SANS_REGULAR, 0)
            .map_err(|e| FontError::Parse("NotoSans-Regular", e))?;
        let bold = ttf_parser::Face::parse(NOTO_SANS_BOLD, 0)
            .map_err(|e| FontError::Parse("NotoSans-Bold", e))?;
        let fallback = ttf_parser::Face::parse(SYMBOLA, 0).ok();
        let mut fonts = Fonts {
            regular,
            bold,
            fallback,
            cache: &[],
        };
        let cache = CACHE.get_or_init(|| {
            let mut cache = Vec::with_capacity(CACHE_LEN);
            for i in 0..CACHE_LEN as u32 {
                let n = if i < 0x800 { i } else { 0x2000 + i - 0x800 };
                let c = char::from_u32(n).unwrap_or('\u{FFFD}');
                cache.push(
                    [false, true].map(|b| (fonts.lookup_face(c, b), fonts.lookup_advance(c, b))),
                );
            }
            cache
        });
        fonts.cache = cache;
        Ok(fonts)
    }

    fn face(&self, f: Face) -> Option<&ttf_parser::Face<'static>> {
        match f {
            Face::Regular => Some(&self.regular),
            Face::Bold => Some(&self.bold),
            Face::Fallback => self.fallback.as_ref(),
        }
    }

    /// The face that draws `c` in a run of weight `bold`, or `None` when no bundled font has
    /// it. Whitespace and control characters are always drawn by the main face.
    pub fn face_for(&self, c: char, bold: bool) -> Option<Face> {
        match cached(c).and_then(|i| self.cache.get(i)) {
            Some(e) => e[usize::from(bold)].0,
            None => self.lookup_face(c, bold),
        }
    }

    fn lookup_face(&self, c: char, bold: bool) -> Option<Face> {
        let main = if bold { Face::Bold } else { Face::Regular };
        if c.is_whitespace() || c.is_control() {
            return Some(main);
        }
        if self.face(main).and_then(|f| f.glyph_index(c)).is_some() {
            return Some(main);
        }
        // Bold text falls back to regular before the symbol font: the same letter in the
        // wrong weight reads better than a symbol font's version of it.
        if bold && self.regular.glyph_index(c).is_some() {
            return Some(Face::Regular);
        }
        match &self.fallback {
            Some(f) if f.glyph_index(c).is_some() => Some(Face::Fallback),
            _ => None,
        }
    }

    /// Advance of `c` in em (1.0 = font size). Missing characters take the main face's
    /// `.notdef` width so the layout leaves room for the box a viewer may draw.
    pub fn advance_em(&self, c: char, bold: bool) -> f32 {
        match cached(c).and_then(|i| self.cache.get(i)) {
            Some(e) => e[usize::from(bold)].1,
            None => self.lookup_advance(c, bold),
        }
    }

    fn lookup_advance(&self, c: char, bold: bool) -> f32 {
        let face = self
            .face_for(c, bold)
            .unwrap_or(if bold { Face::Bold } else { Face::Regular });
        let Some(f) = self.face(face) else {
            return 0.5;
        };
        let gid = f.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        let adv = f.glyph_hor_advance(gid).unwrap_or(0);
        adv as f32 / f.units_per_em() as f32
    }

    /// Glyph id of `c` in `face` (the original font, before subsetting).
    pub fn glyph_id(&self, face: Face, c: char) -> Option<u16> {
        self.face(face)?.glyph_index(c).map(|g| g.0)
    }

    /// Width of `text` in em.
    pub fn width_em(&self, text: &str, bold: bool) -> f32 {
        text.chars().map(|c| self.advance_em(c, bold)).sum()
    }

    /// Ascender of Noto Sans in em (the same for both weights).
    pub fn ascender_em(&self) -> f32 {
        self.regular.ascender() as f32 / self.regular.units_per_em() as f32
    }

    /// Characters of `text` that no bundled font can draw.
    pub fn missing(&self, text: &str, bold: bool, out: &mut BTreeSet<char>) {
        for c in text.chars() {
            if self.face_for(c, bold).is_none() {
                out.insert(c);
            }
        }
    }

    /// Splits `text` into runs drawn by one face each (missing characters stay with the main
    /// face, which draws its `.notdef` box for them: visible, never silently dropped).
    pub fn runs<'t>(&self, text: &'t str, bold: bool) -> Vec<(Face, &'t str)> {
        let main = if bold { Face::Bold } else { Face::Regular };
        let mut runs: Vec<(Face, &str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<Face> = None;
        for (i, c) in text.char_indices() {
            let f = self.face_for(c, bold).unwrap_or(main);
            match current {
                Some(cur) if cur == f => {}
                Some(cur) => {
                    runs.push((cur, &text[start..i]));
                    start = i;
                    current = Some(f);
                }
                None => current = Some(f),
            }
        }
        if let Some(cur) = current {
            runs.push((cur, &text[start..]));
        }
        runs
    }
}

/// Breaks `text` into lines no wider than `max_em` (in em of the font size), at spaces;
/// a word wider than a line is broken between characters. Explicit newlines are kept.
pub fn wrap(fonts: &Fonts, text: &str, bold: bool, max_em: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let space = fonts.advance_em(' ', bold);
    for para in text.split('\n') {
        let mut line = String::new();
        let mut width = 0.0f32;
        for word in para.split_whitespace() {
            let w = fonts.width_em(word, bold);
            if !line.is_empty() && width + space + w <= max_em {
                line.push(' ');
                line.push_str(word);
                width += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
            }
            if w <= max_em {
                line.push_str(word);
                width = w;
            } else {
                // Too long for any line: break it between characters.
                for c in word.chars() {
                    let a = fonts.advance_em(c, bold);
                    if !line.is_empty() && width + a > max_em {
                        lines.push(std::mem::take(&mut line));
                        width = 0.0;
                    }
                    line.push(c);
                    width += a;
                }
            }
        }
        lines.push(line);
    }
    // A trailing empty paragraph adds nothing visible; an empty text still gets one line.
    while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// How many lines [`wrap`] makes of `text`, without building them: a layout measures every
/// card twice (to plan the page, then to size its row) before it draws it once, and on a
/// 5,000-card map the strings of those measurements were a tenth of the layout's time.
/// Mirrors `wrap` step for step (a test holds the two together).
pub fn line_count(fonts: &Fonts, text: &str, bold: bool, max_em: f32) -> usize {
    let space = fonts.advance_em(' ', bold);
    let mut lines = 0usize;
    // Lines of the paragraphs so far that are empty (a trailing run of them is dropped).
    let mut empty_tail = 0usize;
    for para in text.split('\n') {
        let mut line_empty = true;
        let mut width = 0.0f32;
        for word in para.split_whitespace() {
            let w = fonts.width_em(word, bold);
            if !line_empty && width + space + w <= max_em {
                width += space + w;
                continue;
            }
            if !line_empty {
                lines += 1;
                empty_tail = 0;
                width = 0.0;
                line_empty = true;
            }
            if w <= max_em {
                line_empty = false;
                width = w;
            } else {
                for c in word.chars() {
                    let a = fonts.advance_em(c, bold);
                    if !line_empty && width + a > max_em {
                        lines += 1;
                        empty_tail = 0;
                        width = 0.0;
                    }
                    line_empty = false;
                    width += a;
                }
            }
        }
        lines += 1;
        if line_empty {
            empty_tail += 1;
        } else {
            empty_tail = 0;
        }
    }
    // As `wrap`: trailing empty lines go, but one line always stays.
    (lines - empty_tail.min(lines - 1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn line_count_agrees_with_wrap(
            text in "[a-zA-Z é😅\n]{0,80}",
            max_em in 0.5f32..30.0,
            bold in proptest::bool::ANY,
        ) {
            let fonts = Fonts::load().expect("fonts");
            proptest::prop_assert_eq!(
                line_count(&fonts, &text, bold, max_em),
                wrap(&fonts, &text, bold, max_em).len()
            );
        }
    }

    #[test]
    fn wraps_at_spaces_and_breaks_long_words() {
        let f = Fonts::load().expect("fonts");
        let lines = wrap(&f, "Ik vergelijk modellen op reviewsites", false, 8.0);
        assert!(lines.len() >= 2, "{lines:?}");
        for l in &lines {
            assert!(f.width_em(l, false) <= 8.0, "{l} too wide");
        }
        assert_eq!(lines.join(" "), "Ik vergelijk modellen op reviewsites");
        let long = wrap(&f, "Aansprakelijkheidsverzekeringsmaatschappij", false, 5.0);
        assert!(long.len() > 1);
        assert_eq!(long.concat(), "Aansprakelijkheidsverzekeringsmaatschappij");
    }

    #[test]
    fn fallback_and_missing_characters() {
        let f = Fonts::load().expect("fonts");
        assert_eq!(f.face_for('ë', false), Some(Face::Regular));
        assert_eq!(f.face_for('“', true), Some(Face::Bold));
        assert_eq!(f.face_for('☺', false), Some(Face::Fallback));
        let mut missing = BTreeSet::new();
        // U+E000 is a private-use code point: no bundled font draws it.
        f.missing("ok \u{E000}", false, &mut missing);
        assert_eq!(missing.into_iter().collect::<Vec<_>>(), vec!['\u{E000}']);
        let runs = f.runs("hi ☺ there", false);
        assert_eq!(
            runs,
            vec![
                (Face::Regular, "hi "),
                (Face::Fallback, "☺"),
                (Face::Regular, " there")
            ]
        );
    }
}
