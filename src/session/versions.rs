//! The version taken whenever a journey is printed or exported, named after the export
//! ("A0 printed 3 Dec", "A0 geprint 3 dec"), so the version on a printed stamp can be found
//! again. Called by the app's export command and by `klantreis pdf`/`svg` after the file is
//! written; a failed snapshot never fails the export (the caller reports it as a warning).

use crate::model::Lang;
use crate::print::{Format, PrintRequest};
use crate::store::{Document, SnapshotInfo, StoreError};

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_NL: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// The name of the version an export takes, from the request and an RFC 3339 time.
pub fn export_name(req: &PrintRequest, lang: Lang, at: &str) -> String {
    let month: usize = at.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    let day: u32 = at.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(1);
    let months = match lang {
        Lang::Nl => MONTHS_NL,
        Lang::En => MONTHS_EN,
    };
    let date = format!("{day} {}", months[month.clamp(1, 12) - 1]);
    let mut what = req.paper.name().to_string();
    if req.kit {
        what.push_str(match lang {
            Lang::Nl => " workshopkit",
            Lang::En => " workshop kit",
        });
    } else if req.blank {
        what.push_str(match lang {
            Lang::Nl => " leeg canvas",
            Lang::En => " blank canvas",
        });
    }
    if let Some(sheet) = req.tile {
        what.push_str(&match lang {
            Lang::Nl => format!(" op {}", sheet.name()),
            Lang::En => format!(" on {}", sheet.name()),
        });
    }
    let verb = match (req.format, lang) {
        (Format::Pdf, Lang::Nl) => "geprint",
        (Format::Pdf, Lang::En) => "printed",
        (Format::Svg, Lang::Nl) => "als SVG geëxporteerd",
        (Format::Svg, Lang::En) => "exported as SVG",
    };
    format!("{what} {verb} {date}")
}

/// Takes the version of journey `id` that an export of it as `req` stands for.
pub fn snapshot_export(
    doc: &Document,
    id: &str,
    req: &PrintRequest,
) -> Result<SnapshotInfo, StoreError> {
    let lang = doc
        .workspace()
        .journey(id)
        .map(|j| j.meta.language)
        .unwrap_or_default();
    let name = export_name(req, lang, &crate::model::ids::now_rfc3339());
    doc.snapshot(id, &name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Paper;

    #[test]
    fn export_names_say_paper_what_and_day() {
        let at = "2026-12-03T10:00:00Z";
        let pdf = PrintRequest::default();
        assert_eq!(export_name(&pdf, Lang::En, at), "A0 printed 3 Dec");
        assert_eq!(export_name(&pdf, Lang::Nl, at), "A0 geprint 3 dec");
        let tiled = PrintRequest {
            tile: Some(Paper::A4),
            blank: true,
            ..PrintRequest::default()
        };
        assert_eq!(
            export_name(&tiled, Lang::En, "2026-05-21T00:00:00Z"),
            "A0 blank canvas on A4 printed 21 May"
        );
        let svg = PrintRequest {
            paper: Paper::A3,
            format: Format::Svg,
            ..PrintRequest::default()
        };
        assert_eq!(
            export_name(&svg, Lang::Nl, at),
            "A3 als SVG geëxporteerd 3 dec"
        );
    }
}
