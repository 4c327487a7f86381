//! Fonts: which bundled faces the document embeds, and the glyph ids they draw with.
//!
//! printpdf embeds and subsets the fonts. To let it subset exactly the glyphs we draw, the
//! first page first carries one text run per face with every character used ([`new_doc`]);
//! after `to_lopdf_document`, the subset fonts' ToUnicode maps give the new glyph ids
//! ([`glyph_map`]), and the content streams ([`super::content`]) draw with those.
//!
//! Invariant: a face is embedded only when some text uses it (Symbola is large), and every
//! embedded font keeps its ToUnicode map, so the text can be searched and extracted.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use lopdf::{Dictionary as LoDict, Object as LoObj};
use printpdf::{FontId, Op, ParsedFont, PdfDocument, PdfFontHandle, Pt as PPt, TextItem};

use super::assembly::err;
use super::{PdfError, PdfMeta};
use crate::scene::fonts::{Face, Fonts};
use crate::scene::Item;

/// Resource names of the fonts. The first six letters become the subset tag
/// (`KRNSRG+NotoSans-Regular`), so they are six capitals; short fixed names also keep every
/// `Tf` short and the output reproducible (printpdf's own names are 32 random letters).
pub(super) fn font_name(f: Face) -> &'static str {
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

/// New glyph id, in the subset font, of each character we draw.
pub(super) type GlyphMap = HashMap<(Face, char), u16>;

/// Every character each face draws in `items`.
pub(super) fn used_chars(fonts: &Fonts, items: &[&[Item]]) -> BTreeMap<Face, BTreeSet<char>> {
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
pub(super) fn new_doc(
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
pub(super) fn glyph_map(
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
