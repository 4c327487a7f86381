//! A photo of the wall as the review screen shows it: scaled down to a JPEG `data:` URL (the
//! outlines of the notes stay in the photo's own pixels). Pure: the reader makes it from its
//! working image while it locates the sheets; the review (`crate::session::scan`) makes it from
//! the photo when the reader could not.

use base64::Engine;
use serde::Serialize;

/// The long side of a photo as the review screen shows it: a 48 MP photo as a `data:` URL
/// would be tens of megabytes through the webview for no visible gain.
const PREVIEW_SIDE: u32 = 1600;

/// A scanned photo as the review screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewPhoto {
    /// A scaled-down JPEG as a `data:` URL (the content policy allows no other image source).
    pub url: String,
    /// The photo's own size in pixels: the notes' outlines are in these pixels.
    pub width: u32,
    pub height: u32,
}

/// `photo` (PNG or JPEG) scaled to at most [`PREVIEW_SIDE`] as a JPEG `data:` URL, with its own
/// size.
pub fn preview(photo: &[u8]) -> Result<ReviewPhoto, crate::media::ImageError> {
    let img = crate::media::decode(photo)?;
    let (width, height) = (img.width(), img.height());
    preview_of(&img, width, height)
}

/// The preview of a photo of `width × height` pixels from `img`, the photo or a scaled-down copy
/// of it (the reader's working image: scaling that down is much quicker than decoding and
/// scaling the full photo again).
pub fn preview_of(
    img: &image::DynamicImage,
    width: u32,
    height: u32,
) -> Result<ReviewPhoto, crate::media::ImageError> {
    // `thumbnail` averages whole source pixels (a box filter): several times quicker than a
    // triangle filter, and as good for a scale-down to a preview.
    let small = if img.width().max(img.height()) > PREVIEW_SIDE {
        img.thumbnail(PREVIEW_SIDE, PREVIEW_SIDE)
    } else {
        img.clone()
    };
    let mut out = std::io::Cursor::new(Vec::new());
    small
        .to_rgb8()
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .map_err(|e| crate::media::ImageError::Unreadable {
            kind: "JPEG",
            detail: e.to_string(),
        })?;
    Ok(ReviewPhoto {
        url: format!(
            "data:image/jpeg;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(out.into_inner())
        ),
        width,
        height,
    })
}
