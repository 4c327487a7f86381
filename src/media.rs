//! Checks an image before it enters a document or a print: persona photos, photos of the wall
//! and images embedded in an interchange file all pass [`check`] before they are stored, and
//! the PDF writer passes every stored image through it again before it decodes one (documents
//! written before this check existed may hold anything).
//!
//! Invariants:
//! - an image is a PNG or a JPEG by its *decoded header* (signature and dimensions), never by
//!   the MIME type someone wrote next to it; the MIME type stored is the one found here;
//! - at most [`MAX_IMAGE_BYTES`] bytes and [`MAX_IMAGE_PIXELS`] pixels, neither side above
//!   [`MAX_IMAGE_SIDE`]; the numbers and why are in `docs/reliability.md`;
//! - [`check`] reads only the header, so its cost is bounded by the header, not by the pixel
//!   count (a 30,000 × 30,000 PNG of a few MB is refused in microseconds);
//! - nothing here decodes pixels without [`decode_limits`]: [`decode`] caps the decoder's
//!   allocations so a lying header or a decompression bomb fails instead of eating memory.

use std::io::Cursor;

use image::{ImageDecoder, ImageFormat, ImageReader, Limits};

/// Largest image file accepted (30 MiB): a phone photo is 2–12 MB; anything larger is almost
/// certainly not meant as a persona or wall photo, and every byte is stored in the document.
pub const MAX_IMAGE_BYTES: usize = 30 * 1024 * 1024;
/// Most pixels accepted (50 megapixels, a 48 MP phone camera's full size). Decoded as RGBA for
/// printing that is at most 200 MB, once, while the PDF is written.
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;
/// Longest side accepted: a panorama of the wall may be long, but not longer than this.
pub const MAX_IMAGE_SIDE: u32 = 20_000;
/// What a full decode may allocate: the RGBA pixels of the largest accepted image plus room
/// for the decoder's own buffers.
pub const MAX_DECODE_ALLOC: u64 = MAX_IMAGE_PIXELS * 4 + 64 * 1024 * 1024;

/// Why an image was refused. The messages are for the user.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImageError {
    #[error("the image is {bytes} bytes; at most {max} bytes (30 MB) are accepted", max = MAX_IMAGE_BYTES)]
    TooManyBytes { bytes: usize },
    #[error("not a PNG or JPEG image")]
    NotAnImage,
    #[error("the {kind} image cannot be read: {detail}")]
    Unreadable { kind: &'static str, detail: String },
    #[error("the image is {width} × {height} pixels; at most {} megapixels and {} pixels a side are accepted", MAX_IMAGE_PIXELS / 1_000_000, MAX_IMAGE_SIDE)]
    TooManyPixels { width: u32, height: u32 },
}

impl ImageError {
    /// A stable code for the UI (the app's `ApiError` codes).
    pub fn code(&self) -> &'static str {
        match self {
            ImageError::TooManyBytes { .. } | ImageError::TooManyPixels { .. } => "too_large",
            ImageError::NotAnImage | ImageError::Unreadable { .. } => "not_image",
        }
    }
}

/// What [`check`] found out about an accepted image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedImage {
    /// `image/png` or `image/jpeg`, from the bytes.
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
}

fn format_of(data: &[u8]) -> Option<(ImageFormat, &'static str)> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some((ImageFormat::Png, "image/png"))
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some((ImageFormat::Jpeg, "image/jpeg"))
    } else {
        None
    }
}

/// The limits every decoder here runs under.
pub fn decode_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    limits
}

/// Checks that `data` is a PNG or JPEG within the limits, reading only its header.
pub fn check(data: &[u8]) -> Result<CheckedImage, ImageError> {
    if data.len() > MAX_IMAGE_BYTES {
        return Err(ImageError::TooManyBytes { bytes: data.len() });
    }
    let (format, mime) = format_of(data).ok_or(ImageError::NotAnImage)?;
    let kind = if format == ImageFormat::Png {
        "PNG"
    } else {
        "JPEG"
    };
    // Dimensions first, from the header alone, with no limits the decoder could trip over
    // before we can name the size in the message.
    let mut reader = ImageReader::with_format(Cursor::new(data), format);
    reader.no_limits();
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| ImageError::Unreadable {
            kind,
            detail: e.to_string(),
        })?;
    if width == 0 || height == 0 {
        return Err(ImageError::Unreadable {
            kind,
            detail: "it has no pixels".into(),
        });
    }
    if width > MAX_IMAGE_SIDE
        || height > MAX_IMAGE_SIDE
        || u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS
    {
        return Err(ImageError::TooManyPixels { width, height });
    }
    Ok(CheckedImage {
        mime,
        width,
        height,
    })
}

/// Decodes an image that passes [`check`] to pixels, with the decoder's allocations capped.
pub fn decode(data: &[u8]) -> Result<image::DynamicImage, ImageError> {
    let checked = check(data)?;
    let format = format_of(data).ok_or(ImageError::NotAnImage)?.0;
    let mut reader = ImageReader::with_format(Cursor::new(data), format);
    reader.limits(decode_limits());
    let unreadable = |e: image::ImageError| ImageError::Unreadable {
        kind: if checked.mime == "image/png" {
            "PNG"
        } else {
            "JPEG"
        },
        detail: e.to_string(),
    };
    let decoder = reader.into_decoder().map_err(unreadable)?;
    if decoder.dimensions() != (checked.width, checked.height) {
        return Err(ImageError::NotAnImage);
    }
    image::DynamicImage::from_decoder(decoder).map_err(unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_by_signature_not_by_name() {
        assert_eq!(check(b"GIF89a....."), Err(ImageError::NotAnImage));
        assert_eq!(check(b""), Err(ImageError::NotAnImage));
        // A PNG signature with nothing behind it is not an image.
        assert!(matches!(
            check(b"\x89PNG\r\n\x1a\n"),
            Err(ImageError::Unreadable { kind: "PNG", .. })
        ));
        assert!(matches!(
            check(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
            Err(ImageError::Unreadable { kind: "JPEG", .. })
        ));
    }

    #[test]
    fn refuses_more_bytes_than_the_limit_before_reading_them() {
        let data = vec![0u8; MAX_IMAGE_BYTES + 1];
        assert_eq!(
            check(&data),
            Err(ImageError::TooManyBytes {
                bytes: MAX_IMAGE_BYTES + 1
            })
        );
    }
}
