//! The print-shop PDF's images in CMYK: every DeviceRGB image XObject decoded and written
//! again as DeviceCMYK through the same table as the vector colours ([`super::cmyk`]), so the
//! shop converts nothing and a photo on a card matches the card around it.
//!
//! PDF/X-4 keeps an image's soft mask (transparency is allowed there); PDF/X-1a allows none,
//! so there the image is flattened on white (where our images sit: cards and persona sheets)
//! and the mask dropped.

use std::io::Read;

use lopdf::Object as LoObj;

use super::cmyk::cmyk;
use super::PdfError;

fn fail(what: &str) -> PdfError {
    PdfError::Assemble(format!("image for the print shop: {what}"))
}

/// The decoded samples of an image stream (8 bits a component), whatever its filter.
fn samples(stream: &lopdf::Stream, components: usize) -> Result<Vec<u8>, PdfError> {
    let filter = stream.dict.get(b"Filter").ok().and_then(|f| match f {
        LoObj::Name(n) => Some(n.clone()),
        LoObj::Array(a) if a.len() == 1 => a[0].as_name().ok().map(<[u8]>::to_vec),
        _ => None,
    });
    match filter.as_deref() {
        None => Ok(stream.content.clone()),
        Some(b"FlateDecode") => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(stream.content.as_slice())
                .read_to_end(&mut out)
                .map_err(|e| fail(&e.to_string()))?;
            Ok(out)
        }
        Some(b"DCTDecode") => {
            let img =
                image::load_from_memory_with_format(&stream.content, image::ImageFormat::Jpeg)
                    .map_err(|e| fail(&e.to_string()))?;
            Ok(if components == 3 {
                img.to_rgb8().into_raw()
            } else {
                img.to_luma8().into_raw()
            })
        }
        Some(f) => Err(fail(&format!(
            "filter {} cannot be converted",
            String::from_utf8_lossy(f)
        ))),
    }
}

/// Converts every DeviceRGB image of `doc` to DeviceCMYK; with `flatten`, on white and
/// without its soft mask.
pub(super) fn convert(doc: &mut lopdf::Document, flatten: bool) -> Result<(), PdfError> {
    let ids: Vec<lopdf::ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let s = o.as_stream().ok()?;
            let image = s.dict.get(b"Subtype").ok()?.as_name().ok()? == b"Image";
            let rgb = s.dict.get(b"ColorSpace").ok()?.as_name().ok()? == b"DeviceRGB";
            (image && rgb).then_some(*id)
        })
        .collect();
    for id in ids {
        let stream = doc
            .get_object(id)
            .and_then(LoObj::as_stream)
            .map_err(super::assembly::err)?;
        let bpc = stream.dict.get(b"BitsPerComponent").and_then(LoObj::as_i64);
        if bpc.ok() != Some(8) {
            return Err(fail("only 8-bit images are converted"));
        }
        let rgb = samples(stream, 3)?;
        let mask = match stream.dict.get(b"SMask").and_then(LoObj::as_reference) {
            Ok(m) if flatten => {
                let s = doc
                    .get_object(m)
                    .and_then(LoObj::as_stream)
                    .map_err(super::assembly::err)?;
                Some(samples(s, 1)?)
            }
            _ => None,
        };
        let mut out = Vec::with_capacity(rgb.len() / 3 * 4);
        for (i, px) in rgb.chunks_exact(3).enumerate() {
            let mut c = [px[0], px[1], px[2]];
            if let Some(a) = mask.as_ref().and_then(|m| m.get(i)) {
                // Over white: c·a + 255·(1 − a).
                for v in &mut c {
                    *v = ((*v as u32 * *a as u32 + 255 * (255 - *a as u32) + 127) / 255) as u8;
                }
            }
            out.extend_from_slice(&cmyk(c));
        }
        let stream = doc
            .get_object_mut(id)
            .and_then(LoObj::as_stream_mut)
            .map_err(super::assembly::err)?;
        stream
            .dict
            .set("ColorSpace", LoObj::Name(b"DeviceCMYK".to_vec()));
        stream.dict.remove(b"Filter");
        stream.dict.remove(b"DecodeParms");
        if flatten {
            stream.dict.remove(b"SMask");
        }
        // Deflated with the rest when the document is saved.
        stream.set_content(out);
    }
    Ok(())
}
