//! Images stored in a document (persona photos, photos of the wall): content-addressed bytes.

/// An image stored in the document (persona photo, photo of the wall).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Content hash, so storing the same photo twice stores it once.
    pub id: String,
    pub mime: String,
    pub data: Vec<u8>,
}

impl Image {
    /// The image as a `data:` URL, the one way the webview's content policy lets it show
    /// document images.
    pub fn data_url(&self) -> String {
        use base64::Engine;
        format!(
            "data:{};base64,{}",
            self.mime,
            base64::engine::general_purpose::STANDARD.encode(&self.data)
        )
    }

    /// The MIME type of PNG or JPEG bytes, from their signature; `None` for anything else.
    pub fn sniff_mime(data: &[u8]) -> Option<&'static str> {
        if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some("image/png")
        } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some("image/jpeg")
        } else {
            None
        }
    }
}
