//! Fuzz target: arbitrary bytes as an image (persona photo, wall photo, embedded image). The
//! check must accept or refuse quickly; an accepted image must decode under the limits or fail
//! cleanly, and so must printpdf's decoder, which the PDF export hands checked images to.

use klantreis::media;

pub fn check(data: &[u8]) {
    let Ok(checked) = media::check(data) else {
        return;
    };
    assert!(checked.width > 0 && checked.height > 0);
    assert!(u64::from(checked.width) * u64::from(checked.height) <= media::MAX_IMAGE_PIXELS);
    if let Ok(img) = media::decode(data) {
        assert_eq!((img.width(), img.height()), (checked.width, checked.height));
    }
    let mut warnings = Vec::new();
    let _ = printpdf::RawImage::decode_from_bytes(data, &mut warnings);
}
