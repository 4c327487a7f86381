//! Images: content-addressed blobs (persona photos, photos of the wall). Storing the same bytes
//! twice stores them once; no edit deletes an image, so undo never needs their bytes back.

use rusqlite::{params, OptionalExtension};

use super::{Document, StoreError};
use crate::model::Image;

impl Document {
    /// Stores an image (content-addressed) and returns its id. Storing the same bytes twice
    /// returns the same id.
    /// The bytes must pass [`crate::media::check`]; their decoded header decides the MIME type.
    pub fn add_image(&mut self, _claimed_mime: &str, data: &[u8]) -> Result<String, StoreError> {
        self.ensure_in_place()?;
        let (mime, id) = (crate::media::check(data)?.mime, image_id(data));
        self.conn.execute(
            "INSERT OR IGNORE INTO images (id, mime, data) VALUES (?1, ?2, ?3)",
            params![id, mime, data],
        )?;
        Ok(id)
    }

    pub fn image(&self, id: &str) -> Result<Option<Image>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, mime, data FROM images WHERE id = ?1",
                [id],
                |r| {
                    Ok(Image {
                        id: r.get(0)?,
                        mime: r.get(1)?,
                        data: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }
}

fn image_id(data: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(data);
    let mut s = String::from("img_");
    for b in &hash[..16] {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
