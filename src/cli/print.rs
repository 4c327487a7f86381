//! `pdf`, `svg` and `scene`: the print request that the page arguments describe, and writing
//! the rendered file whole.

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
    let rendered = print::render(&doc, &page.journey, req, &mut |_| {})
        .map_err(|x| format!("{x}; see `klantreis list {}`", file.display()))?;
    for w in &rendered.warnings {
        warn(w);
    }
    print::write_atomic(out, &rendered.bytes).map_err(|x| x.to_string())?;
    // The version this print shows, so its stamp can be found again (`klantreis snapshots`).
    if let Err(x) = klantreis::session::versions::snapshot_export(&doc, &page.journey, req) {
        warn(&format!("the printed version was not kept: {x}"));
    }
    doc.close().map_err(|x| x.to_string())
}
