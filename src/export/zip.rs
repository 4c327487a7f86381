//! A minimal ZIP writer (PKWARE APPNOTE 6.3): what an OOXML package (`.pptx`) needs and no
//! more. Entries are deflated with `flate2` (already a dependency for the PDF streams), their
//! CRC-32 from `flate2::Crc`; no ZIP64, no encryption, no extra fields, names in UTF-8.
//!
//! Invariants: entries are written in the order given (OOXML readers want
//! `[Content_Types].xml` first); the output is deterministic (a fixed DOS time of 1980-01-01),
//! so the same input gives the same bytes.

use std::io::Write;

use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};

/// A ZIP archive being written in memory.
#[derive(Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

fn u16le(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn u32le(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

/// 1980-01-01 00:00 as a DOS date (the time is 0).
const DOS_DATE: u16 = 1 << 5 | 1;

impl ZipWriter {
    pub fn new() -> ZipWriter {
        ZipWriter::default()
    }

    /// Adds file `name` with `data`, deflated.
    pub fn add(&mut self, name: &str, data: &[u8]) -> std::io::Result<()> {
        let mut crc = Crc::new();
        crc.update(data);
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::default());
        enc.write_all(data)?;
        let packed = enc.finish()?;
        let too_big = || std::io::Error::other("a ZIP entry over 4 GB");
        let size = u32::try_from(data.len()).map_err(|_| too_big())?;
        let csize = u32::try_from(packed.len()).map_err(|_| too_big())?;
        let offset = u32::try_from(self.out.len()).map_err(|_| too_big())?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_big())?;
        // Bit 11: the name is UTF-8.
        let flags: u16 = 1 << 11;

        let o = &mut self.out;
        u32le(o, 0x0403_4b50);
        u16le(o, 20); // version needed: 2.0 (deflate)
        u16le(o, flags);
        u16le(o, 8); // deflate
        u16le(o, 0); // time
        u16le(o, DOS_DATE);
        u32le(o, crc.sum());
        u32le(o, csize);
        u32le(o, size);
        u16le(o, name_len);
        u16le(o, 0); // extra
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(&packed);

        let c = &mut self.central;
        u32le(c, 0x0201_4b50);
        u16le(c, 20); // made by
        u16le(c, 20); // needed
        u16le(c, flags);
        u16le(c, 8);
        u16le(c, 0);
        u16le(c, DOS_DATE);
        u32le(c, crc.sum());
        u32le(c, csize);
        u32le(c, size);
        u16le(c, name_len);
        u16le(c, 0); // extra
        u16le(c, 0); // comment
        u16le(c, 0); // disk
        u16le(c, 0); // internal attributes
        u32le(c, 0); // external attributes
        u32le(c, offset);
        c.extend_from_slice(name.as_bytes());
        self.entries = self.entries.checked_add(1).ok_or_else(too_big)?;
        Ok(())
    }

    /// The finished archive.
    pub fn finish(mut self) -> std::io::Result<Vec<u8>> {
        let too_big = || std::io::Error::other("a ZIP archive over 4 GB");
        let cd_offset = u32::try_from(self.out.len()).map_err(|_| too_big())?;
        let cd_size = u32::try_from(self.central.len()).map_err(|_| too_big())?;
        self.out.extend_from_slice(&self.central);
        let o = &mut self.out;
        u32le(o, 0x0605_4b50);
        u16le(o, 0);
        u16le(o, 0);
        u16le(o, self.entries);
        u16le(o, self.entries);
        u32le(o, cd_size);
        u32le(o, cd_offset);
        u16le(o, 0); // comment
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_reads_what_it_writes() {
        let mut z = ZipWriter::new();
        z.add("[Content_Types].xml", b"<Types/>").expect("add");
        z.add(
            "ppt/slides/slide1.xml",
            "Geïrriteerd ".repeat(50).as_bytes(),
        )
        .expect("add");
        let bytes = z.finish().expect("finish");
        let dir = std::env::temp_dir().join(crate::model::ids::new_id("zip"));
        std::fs::write(&dir, &bytes).expect("write");
        // Python's zipfile checks every CRC (testzip) and the central directory. Windows
        // installs it as `python` (GitHub's Windows runners too); elsewhere `python3`.
        let python = if cfg!(windows) { "python" } else { "python3" };
        let out = std::process::Command::new(python)
            .arg("-c")
            .arg(
                "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); \
                 assert z.testzip() is None; print(z.namelist()); \
                 print(z.read('ppt/slides/slide1.xml').decode()[:12])",
            )
            .arg(&dir)
            .output()
            .expect("python (python3), on every CI runner");
        let _ = std::fs::remove_file(&dir);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.contains("['[Content_Types].xml', 'ppt/slides/slide1.xml']"),
            "{text}"
        );
        assert!(text.contains("Geïrriteerd"), "{text}");
    }
}
