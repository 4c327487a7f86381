//! Versions as the app shows them: the version taken whenever a journey is printed or
//! exported, named after the export ("A0 printed 3 Dec", "A0 geprint 3 dec"), so the version on
//! a printed stamp can be found again (taken by [`super::export`] after the file is written; a
//! failed snapshot never fails the export, it comes back as a warning); and a version laid out
//! for the canvas, to be looked at read-only.

use super::{self as print, Format, PrintRequest};
use crate::layout::Scene;
use crate::model::Lang;
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

/// Version `snapshot` laid out for `req` as the canvas lays out today's journey (the same
/// `print::scene_of`), with the personas it linked then; `None` when there is no such version.
pub fn version_scene(
    doc: &Document,
    snapshot: &str,
    req: &PrintRequest,
) -> Result<Option<Scene>, StoreError> {
    Ok(doc
        .load_snapshot(snapshot)?
        .map(|s| print::scene_of(&s.journey, &s.personas, req)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{CardPatch, Edit};
    use crate::layout::{Item, Paper, RecordKind};
    use crate::templates;

    /// The text lines drawn on card `id` in `scene`.
    fn card_text(scene: &Scene, id: &str) -> String {
        scene
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    lines,
                    target: Some(t),
                    ..
                } if t.kind == RecordKind::Card && t.id == id => Some(
                    lines
                        .iter()
                        .map(|l| l.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_version_scene_shows_the_text_as_it_was() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut doc = Document::create(dir.path().join("v.klantreis")).expect("create");
        let (j, p) = templates::sample(Lang::Nl);
        let jid = j.meta.id.clone();
        let card = j.cards[0].id.clone();
        let old = j.cards[0].text.clone();
        doc.apply(&Edit::CreateJourney {
            journey: j,
            personas: vec![p],
        })
        .expect("sample");
        let snap = doc.snapshot(&jid, "voor de workshop").expect("snapshot");
        doc.apply(&Edit::UpdateCard {
            id: card.clone(),
            patch: CardPatch {
                text: Some("Nieuwe tekst".into()),
                ..Default::default()
            },
        })
        .expect("edit");
        let req = PrintRequest::default();
        let then = version_scene(&doc, &snap.id, &req)
            .expect("loads")
            .expect("the version exists");
        let today = print::scene(doc.workspace(), &jid, &req).expect("lays out");
        let first_word = old.split_whitespace().next().expect("the card has text");
        assert!(
            card_text(&then, &card).contains(first_word),
            "{}",
            card_text(&then, &card)
        );
        assert!(!card_text(&then, &card).contains("Nieuwe"));
        assert!(card_text(&today, &card).contains("Nieuwe tekst"));
        // Laid out the same way as today's map: same page, same bands.
        assert_eq!((then.width, then.height), (today.width, today.height));
        assert!(version_scene(&doc, "no-such-version", &req)
            .expect("loads")
            .is_none());
    }

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
