//! `pdf`, `svg` and `scene`: the print request that the page arguments describe, and the one
//! print use case (`print::export`: render, write whole, keep the version).

use std::path::PathBuf;

use klantreis::{layout, print, Document};

use super::args::PageArgs;
use super::warn;

impl PageArgs {
    /// The print request these arguments describe (`tile` and `overlap` for `pdf`).
    pub fn request(
        &self,
        tile: Option<&str>,
        overlap: f32,
        format: print::Format,
    ) -> Result<print::PrintRequest, String> {
        let paper = layout::Paper::parse(&self.paper).ok_or_else(|| {
            format!(
                "unknown paper {:?} (use a0, a1, a2, a3, a4 or letter)",
                self.paper
            )
        })?;
        let orientation = match self.orientation.to_ascii_lowercase().as_str() {
            "landscape" => layout::Orientation::Landscape,
            "portrait" => layout::Orientation::Portrait,
            o => {
                return Err(format!(
                    "unknown orientation {o:?} (use landscape or portrait)"
                ))
            }
        };
        let tile = match tile.map(str::to_ascii_lowercase).as_deref() {
            None => None,
            Some("a4") => Some(layout::Paper::A4),
            Some("a3") => Some(layout::Paper::A3),
            Some(t) => return Err(format!("unknown tile sheet {t:?} (use a4 or a3)")),
        };
        Ok(print::PrintRequest {
            paper,
            orientation,
            blank: self.blank,
            tile,
            overlap_mm: overlap,
            format,
            report: false,
            kit: false,
            print_shop: None,
        })
    }
}

/// Renders journey `page.journey` of `file` as `req` asks and writes it to `out` whole;
/// warnings go to stderr.
pub fn print_to(
    file: &PathBuf,
    page: &PageArgs,
    req: &print::PrintRequest,
    out: &std::path::Path,
) -> Result<(), String> {
    let doc = Document::open(file).map_err(|x| x.to_string())?;
    let job = print::Job::Journey(&page.journey);
    let done = print::export(&doc, job, req, out, &mut |_| {}).map_err(|x| match x {
        print::PrintError::Write { .. } => x.to_string(),
        _ => format!("{x}; see `klantreis list {}`", file.display()),
    })?;
    for w in &done.warnings {
        warn(w);
    }
    doc.close().map_err(|x| x.to_string())
}
