//! The print-shop PDF: what an online printer's preflight accepts unchanged. PDF/X-4 (or
//! PDF/X-1a:2003 on request), an output intent with the Coated FOGRA39 profile, every colour in
//! CMYK, and a bleed around the trimmed page.
//!
//! The same Scene and the same content writer as the plain PDF: the writer only writes its
//! colours as CMYK (`k`/`K`, [`super::cmyk`]) and extends the backgrounds that touch the page
//! edge into the bleed ([`bleed_items`]); [`finish`] then turns the written document into a
//! PDF/X: boxes, images, output intent, metadata and ID.
//!
//! Boxes: the page grows by the bleed on every side and its content moves in by the bleed
//! (`q 1 0 0 1 b b cm … Q` around the page's content), so MediaBox = BleedBox = the TrimBox
//! grown by the bleed, with the TrimBox exactly the Scene's (or the sheet's) size. A tiled
//! poster gets the same per sheet: each sheet is a trimmed page of its own.

use std::borrow::Cow;

use lopdf::{Dictionary as LoDict, Object as LoObj, Stream as LoStream, StringFormat};
use serde::{Deserialize, Serialize};

use super::cmyk::{FOGRA39, FOGRA39_NAME};
use super::content::K;
use super::{PdfError, PdfMeta};
use crate::scene::{Item, Mm, Rect};

/// How the print shop wants the file.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrintShop {
    /// Bleed on every side, in mm (3 is what most shops ask; some 5 above A3).
    pub bleed_mm: f32,
    /// PDF/X-1a:2003 (no transparency: images with an alpha channel are flattened on white)
    /// instead of PDF/X-4.
    pub x1a: bool,
}

impl Default for PrintShop {
    fn default() -> Self {
        PrintShop {
            bleed_mm: 3.0,
            x1a: false,
        }
    }
}

/// Most a bleed may be: beyond this it is a mistake (a shop trims 3 to 5 mm).
pub const MAX_BLEED_MM: f32 = 20.0;

/// The items, with every filled, square-cornered rectangle that touches an edge of the
/// `w` × `h` page extended over that edge by `bleed`: a background printed to the edge would
/// otherwise show a white hairline where the knife misses by a fraction of a millimetre.
pub(super) fn bleed_items(items: &[Item], w: f32, h: f32, bleed: f32) -> Cow<'_, [Item]> {
    const EDGE: f32 = 0.05;
    let touches = |r: &Rect| {
        r.x.0 <= EDGE || r.y.0 <= EDGE || r.x.0 + r.w.0 >= w - EDGE || r.y.0 + r.h.0 >= h - EDGE
    };
    let grow = |it: &Item| match it {
        Item::Rect {
            rect, radius, fill, ..
        } => fill.is_some() && radius.0 <= 0.01 && touches(rect),
        _ => false,
    };
    if bleed <= 0.0 || !items.iter().any(grow) {
        return Cow::Borrowed(items);
    }
    Cow::Owned(
        items
            .iter()
            .map(|it| {
                let mut it = it.clone();
                if grow(&it) {
                    if let Item::Rect { rect, .. } = &mut it {
                        let (x0, y0) = (rect.x.0, rect.y.0);
                        let (x1, y1) = (x0 + rect.w.0, y0 + rect.h.0);
                        let nx0 = if x0 <= EDGE { -bleed } else { x0 };
                        let ny0 = if y0 <= EDGE { -bleed } else { y0 };
                        let nx1 = if x1 >= w - EDGE { w + bleed } else { x1 };
                        let ny1 = if y1 >= h - EDGE { h + bleed } else { y1 };
                        *rect = Rect {
                            x: Mm(nx0),
                            y: Mm(ny0),
                            w: Mm(nx1 - nx0),
                            h: Mm(ny1 - ny0),
                        };
                    }
                }
                it
            })
            .collect(),
    )
}

fn err(e: lopdf::Error) -> PdfError {
    PdfError::Assemble(e.to_string())
}

/// Turns a finished document (its colours written as CMYK) into a PDF/X.
pub(super) fn finish(
    doc: &mut lopdf::Document,
    meta: &PdfMeta,
    shop: &PrintShop,
) -> Result<(), PdfError> {
    let bleed = shop.bleed_mm.clamp(0.0, MAX_BLEED_MM) * K;
    super::cmyk_images::convert(doc, shop.x1a)?;
    grow_pages(doc, bleed)?;
    let stamp = Stamp::now();
    let intent = output_intent(doc);
    let xmp = doc.add_object(xmp(meta, shop, &stamp));
    let info = doc.add_object(info(meta, shop, &stamp));
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(LoObj::as_reference)
        .map_err(err)?;
    let catalog = doc
        .get_object_mut(root)
        .and_then(LoObj::as_dict_mut)
        .map_err(err)?;
    catalog.set(
        "OutputIntents",
        LoObj::Array(vec![LoObj::Reference(intent)]),
    );
    catalog.set("Metadata", LoObj::Reference(xmp));
    doc.trailer.set("Info", LoObj::Reference(info));
    let id = LoObj::String(stamp.id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", LoObj::Array(vec![id.clone(), id]));
    // PDF/X-4 is based on PDF 1.6, PDF/X-1a:2003 on PDF 1.4.
    doc.version = if shop.x1a { "1.4" } else { "1.6" }.into();
    doc.prune_objects();
    Ok(())
}

/// Every page one bleed larger on each side, its content moved in by the bleed.
fn grow_pages(doc: &mut lopdf::Document, bleed: f32) -> Result<(), PdfError> {
    let shift = doc.add_object(LoStream::new(
        LoDict::new(),
        format!("q 1 0 0 1 {bleed:.3} {bleed:.3} cm\n").into_bytes(),
    ));
    let end = doc.add_object(LoStream::new(LoDict::new(), b"\nQ\n".to_vec()));
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    for page_id in pages {
        let media = page_box(doc, page_id)?;
        let (w, h) = (media[2] - media[0], media[3] - media[1]);
        let page = doc
            .get_object_mut(page_id)
            .and_then(LoObj::as_dict_mut)
            .map_err(err)?;
        let bx = |v: [f32; 4]| LoObj::Array(v.iter().map(|x| LoObj::Real(*x)).collect());
        let outer = [0.0, 0.0, w + 2.0 * bleed, h + 2.0 * bleed];
        page.set("MediaBox", bx(outer));
        page.set("BleedBox", bx(outer));
        page.set("TrimBox", bx([bleed, bleed, w + bleed, h + bleed]));
        // printpdf's CropBox and ArtBox are the old page: a viewer would crop the bleed off
        // and the trim's right and top edges with it.
        page.remove(b"CropBox");
        page.remove(b"ArtBox");
        let old = page.get(b"Contents").map_err(err)?.clone();
        let mut contents = vec![LoObj::Reference(shift)];
        match old {
            LoObj::Array(a) => contents.extend(a),
            o => contents.push(o),
        }
        contents.push(LoObj::Reference(end));
        page.set("Contents", LoObj::Array(contents));
    }
    Ok(())
}

/// The page's MediaBox (printpdf writes one on every page).
fn page_box(doc: &lopdf::Document, page: lopdf::ObjectId) -> Result<[f32; 4], PdfError> {
    let a = doc
        .get_dictionary(page)
        .and_then(|d| d.get(b"MediaBox"))
        .and_then(|o| doc.dereference(o).map(|(_, o)| o))
        .and_then(LoObj::as_array)
        .map_err(err)?;
    let mut out = [0.0; 4];
    for (o, v) in out.iter_mut().zip(a) {
        *o = v.as_float().map_err(err)?;
    }
    Ok(out)
}

/// The output intent: the profile's CMYK is what the colours in the file mean.
fn output_intent(doc: &mut lopdf::Document) -> lopdf::ObjectId {
    let mut d = LoDict::new();
    d.set("N", 4);
    d.set("Alternate", LoObj::Name(b"DeviceCMYK".to_vec()));
    let profile = doc.add_object(LoStream::new(d, FOGRA39.to_vec()));
    let s = |t: &str| LoObj::string_literal(t);
    let mut oi = LoDict::new();
    oi.set("Type", LoObj::Name(b"OutputIntent".to_vec()));
    oi.set("S", LoObj::Name(b"GTS_PDFX".to_vec()));
    oi.set("OutputConditionIdentifier", s("FOGRA39"));
    oi.set("OutputCondition", s(FOGRA39_NAME));
    oi.set("RegistryName", s("http://www.color.org"));
    oi.set("Info", s(FOGRA39_NAME));
    oi.set("DestOutputProfile", LoObj::Reference(profile));
    doc.add_object(oi)
}

/// The moment and identity of this file, the same in the info dictionary and the XMP.
struct Stamp {
    pdf_date: String,
    xmp_date: String,
    id: [u8; 16],
}

impl Stamp {
    fn now() -> Stamp {
        let t = time::OffsetDateTime::now_utc();
        let f =
            |fmt: &[time::format_description::FormatItem<'_>]| t.format(fmt).unwrap_or_default();
        let mut id = [0u8; 16];
        // A document ID only has to be unique; should the system refuse randomness, the
        // time makes it unique enough.
        if getrandom::getrandom(&mut id).is_err() {
            id[..16].copy_from_slice(&t.unix_timestamp_nanos().to_be_bytes());
        }
        Stamp {
            pdf_date: f(time::macros::format_description!(
                "D:[year][month][day][hour][minute][second]Z"
            )),
            xmp_date: f(time::macros::format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
            )),
            id,
        }
    }

    fn uuid(&self) -> String {
        let h: String = self.id.iter().map(|b| format!("{b:02x}")).collect();
        format!(
            "uuid:{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
    }
}

fn version(shop: &PrintShop) -> &'static str {
    if shop.x1a {
        "PDF/X-1a:2003"
    } else {
        "PDF/X-4"
    }
}

/// A text string: PDFDocEncoding's ASCII part as is, anything else as UTF-16BE.
fn text(s: &str) -> LoObj {
    if s.is_ascii() {
        return LoObj::string_literal(s);
    }
    let mut b = vec![0xfe, 0xff];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    LoObj::String(b, StringFormat::Hexadecimal)
}

fn info(meta: &PdfMeta, shop: &PrintShop, stamp: &Stamp) -> LoDict {
    let mut d = LoDict::new();
    d.set("Title", text(&meta.title));
    d.set("Creator", LoObj::string_literal("Klantreis"));
    d.set("Producer", LoObj::string_literal("Klantreis (printpdf)"));
    d.set(
        "CreationDate",
        LoObj::string_literal(stamp.pdf_date.as_str()),
    );
    d.set("ModDate", LoObj::string_literal(stamp.pdf_date.as_str()));
    d.set("Trapped", LoObj::Name(b"False".to_vec()));
    d.set("GTS_PDFXVersion", LoObj::string_literal(version(shop)));
    if shop.x1a {
        d.set(
            "GTS_PDFXConformance",
            LoObj::string_literal("PDF/X-1a:2003"),
        );
    }
    d
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The XMP metadata: the same version, dates, trapping and identity as the info dictionary.
/// Left uncompressed, as readers that look for it by scanning the file expect.
fn xmp(meta: &PdfMeta, shop: &PrintShop, stamp: &Stamp) -> LoStream {
    let pdfx = if shop.x1a {
        "<pdfx:GTS_PDFXVersion>PDF/X-1a:2003</pdfx:GTS_PDFXVersion>\n\
         <pdfx:GTS_PDFXConformance>PDF/X-1a:2003</pdfx:GTS_PDFXConformance>"
            .to_string()
    } else {
        "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>".to_string()
    };
    let (date, title, uuid) = (&stamp.xmp_date, xml_escape(&meta.title), stamp.uuid());
    let body = format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\"\n\
 xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\
 xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n\
 xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n\
 xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n\
 xmlns:pdfx=\"http://ns.adobe.com/pdfx/1.3/\"\n\
 xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<xmp:CreatorTool>Klantreis</xmp:CreatorTool>\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n\
<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
<xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
<pdf:Producer>Klantreis (printpdf)</pdf:Producer>\n\
<pdf:Trapped>False</pdf:Trapped>\n\
<xmpMM:DocumentID>{uuid}</xmpMM:DocumentID>\n\
<xmpMM:InstanceID>{uuid}</xmpMM:InstanceID>\n\
<xmpMM:VersionID>1</xmpMM:VersionID>\n\
<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n\
{pdfx}\n\
</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
    );
    let mut d = LoDict::new();
    d.set("Type", LoObj::Name(b"Metadata".to_vec()));
    d.set("Subtype", LoObj::Name(b"XML".to_vec()));
    LoStream::new(d, body.into_bytes()).with_compression(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f32, y: f32, w: f32, h: f32) -> Item {
        Item::Rect {
            rect: Rect {
                x: Mm(x),
                y: Mm(y),
                w: Mm(w),
                h: Mm(h),
            },
            radius: Mm(0.0),
            fill: Some("#eef1f5".into()),
            stroke: None,
            target: None,
        }
    }

    #[test]
    fn backgrounds_at_the_edge_run_into_the_bleed_and_others_stay() {
        let items = vec![rect(0.0, 10.0, 100.0, 20.0), rect(10.0, 10.0, 20.0, 20.0)];
        let out = bleed_items(&items, 100.0, 50.0, 3.0);
        let Item::Rect { rect: r, .. } = &out[0] else {
            panic!("a rect")
        };
        assert_eq!((r.x.0, r.y.0, r.w.0, r.h.0), (-3.0, 10.0, 106.0, 20.0));
        assert_eq!(out[1], items[1]);
        assert!(matches!(
            bleed_items(&items[1..], 100.0, 50.0, 3.0),
            Cow::Borrowed(_)
        ));
    }
}
