//! Assembly: the document around the content streams. printpdf writes the document (fonts,
//! images, pages); our content replaces its page content; a small lopdf step turns the map
//! page of a tiled poster into one Form XObject; every stream is deflated at our level.
//!
//! How the XObject is made: the map is page 1; [`map_to_xobject`] moves that page's content
//! into a Form XObject, prefixes every sheet's content with `q <clip> <cm> /KRMap Do Q` and
//! deletes page 1.

use std::collections::BTreeMap;

use lopdf::{Dictionary as LoDict, Object as LoObj, Stream as LoStream};
use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};

use super::content::{Content, K};
use super::fonts::{glyph_map, new_doc, used_chars};
use super::printshop::bleed_items;
use super::{PdfError, PdfMeta};
use crate::export::ImageResolver;
use crate::scene::fonts::Fonts;
use crate::scene::{Item, Scene};

/// Replaces the content stream of page `n` (1-based); `pages` is `lo.get_pages()`, walked
/// once per document (walking the page tree per page made a 600-page report quadratic).
fn set_content(
    lo: &mut lopdf::Document,
    pages: &BTreeMap<u32, lopdf::ObjectId>,
    n: u32,
    content: Vec<u8>,
) -> Result<(), PdfError> {
    let page = *pages
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

/// Adds the images of every page (`pages`: each page's items), each once; returns their
/// resource names and pixel sizes by image id.
fn add_images(
    doc: &mut PdfDocument,
    pages: &[&[Item]],
    resolve: Option<ImageResolver>,
    warnings: &mut Vec<String>,
) -> BTreeMap<String, (String, f32, f32)> {
    let mut out = BTreeMap::new();
    let Some(resolve) = resolve else {
        return out;
    };
    for it in pages.iter().flat_map(|p| p.iter()) {
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

/// Deflates every uncompressed stream at level 6. lopdf's own `compress` uses level 9, which
/// spent most of the export time of a 5000-card map when its content stream was 6.6 MB (then
/// level 4 was chosen). Since the content became compact (4.8 MB, and repetitive: see
/// [`super::content`]), level 6 makes that map 274 KiB instead of 319 KiB at level 4, for
/// well under a tenth of a second more.
///
/// The streams in `fast` (the content of the insights report's pages) are deflated at level 1:
/// a 5,000-card report is some 600 pages, and level 1 made its PDF in 0.20 s instead of
/// 0.36 s for 21 % more bytes (1026 KiB against 845 KiB; `benches/insights.rs`).
fn compress(
    doc: &mut lopdf::Document,
    fast: &std::collections::BTreeSet<lopdf::ObjectId>,
) -> Result<(), PdfError> {
    // One compressor per level, reset per stream (a new one per stream cleared its tables
    // each time, which showed on a report of hundreds of small pages).
    let mut normal = flate2::Compress::new(flate2::Compression::new(6), true);
    let mut quick = flate2::Compress::new(flate2::Compression::new(1), true);
    for (id, obj) in doc.objects.iter_mut() {
        let LoObj::Stream(stream) = obj else { continue };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let z = if fast.contains(id) {
            &mut quick
        } else {
            &mut normal
        };
        z.reset();
        let mut packed = Vec::with_capacity(stream.content.len() / 4 + 64);
        loop {
            let before = z.total_in() as usize;
            let status = z
                .compress_vec(
                    &stream.content[before.min(stream.content.len())..],
                    &mut packed,
                    flate2::FlushCompress::Finish,
                )
                .map_err(|e| PdfError::Assemble(e.to_string()))?;
            match status {
                flate2::Status::StreamEnd => break,
                // Out of room: grow the output and go on where it stopped.
                flate2::Status::Ok | flate2::Status::BufError => {
                    packed.reserve(packed.capacity().max(4096));
                }
            }
        }
        if packed.len() + 19 < stream.content.len() {
            stream
                .dict
                .set("Filter", LoObj::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
    }
    Ok(())
}

/// The content streams of pages `from` (1-based) to the last: what [`save`] deflates fast.
pub(super) fn contents_from(
    doc: &lopdf::Document,
    from: u32,
) -> std::collections::BTreeSet<lopdf::ObjectId> {
    doc.get_pages()
        .range(from..)
        .filter_map(|(_, page)| {
            doc.get_dictionary(*page)
                .ok()?
                .get(b"Contents")
                .ok()?
                .as_reference()
                .ok()
        })
        .collect()
}

/// Deflates the document's streams (`fast` ones at level 1, see [`compress`]) and writes it.
pub(super) fn save(
    mut doc: lopdf::Document,
    fast: &std::collections::BTreeSet<lopdf::ObjectId>,
) -> Result<Vec<u8>, PdfError> {
    compress(&mut doc, fast)?;
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
pub(super) fn build(
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
    // Images of every page: a report's later pages (wall photos) and the kit's persona sheets
    // hold their own.
    let imgs = add_images(&mut doc, &all, images, &mut warnings);
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
    let content = |items: &[Item], pw: f32, ph: f32| {
        let mut c = Content::new(ph, items.len() * 32, &fonts, &glyphs, &imgs);
        match &meta.print_shop {
            Some(shop) => {
                c.cmyk = true;
                c.items(&bleed_items(items, pw, ph, shop.bleed_mm));
            }
            None => c.items(items),
        }
        c.out
    };
    let pages = lo.get_pages();
    let first = content(&scene.items, scene.width.0, scene.height.0);
    set_content(&mut lo, &pages, 1, first)?;
    for (i, (items, w, h)) in rest.iter().enumerate() {
        set_content(&mut lo, &pages, i as u32 + 2, content(items, *w, *h))?;
    }
    Ok((lo, warnings))
}

/// Where the map XObject goes on a sheet: clip rectangle and placement, in sheet mm.
pub(super) struct Placement {
    pub clip: crate::scene::Rect,
    pub scale: f32,
    pub dx: f32,
    pub dy: f32,
}

pub(super) fn err(e: lopdf::Error) -> PdfError {
    PdfError::Assemble(e.to_string())
}

/// Moves page 1 (the map) into a Form XObject and draws it, placed and clipped, under the
/// content of every following page; then deletes page 1.
pub(super) fn map_to_xobject(
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
