//! The workshop report end to end: `klantreis workshop-report` on a real document with votes,
//! a voting round, a parking lot and a wall photo, in Dutch and English, checked with poppler
//! (pdfinfo for the pages and their sizes, pdftotext for every part) and qpdf.
//!
//! Set `KLANTREIS_LOOK=DIR` to keep the PDFs in DIR, to render and look at them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use klantreis::{
    templates, Action, Decision, Document, Edit, Lang, OpenQuestion, ParkingLot, VotingRound,
};

use common::*;

fn text(pdf: &Path) -> String {
    let t = stdout(Command::new("pdftotext").arg(pdf).arg("-"));
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn keep(pdf: &Path) {
    if let Ok(dir) = std::env::var("KLANTREIS_LOOK") {
        let name = pdf.file_name().expect("file name");
        std::fs::copy(pdf, Path::new(&dir).join(name)).expect("copy for looking");
    }
}

/// A 1×1 PNG for the wall photo.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// The sample journey after a workshop: votes on three cards, a round of 4 × 3, a parking
/// lot and a wall photo. Returns the document, the journey id and the voted cards' texts,
/// most votes first.
fn after_workshop(dir: &Path, lang: Lang) -> (PathBuf, String, Vec<String>) {
    let (mut j, p) = templates::sample(lang);
    let mut voted = Vec::new();
    for (c, n) in j.cards.iter_mut().step_by(3).zip([5u32, 4, 3]) {
        c.votes = n;
        voted.push(c.text.clone());
    }
    j.meta.voting = Some(VotingRound {
        participants: 4,
        dots_per_person: 3,
        cap_per_card: None,
    });
    j.meta.parking_lot = ParkingLot {
        questions: vec![
            OpenQuestion {
                id: "q1".into(),
                text: "Who calls the customer back?".into(),
                answer: String::new(),
            },
            OpenQuestion {
                id: "q2".into(),
                text: "Is the form needed at all?".into(),
                answer: "No, the data is in the CRM".into(),
            },
        ],
        decisions: vec![Decision {
            id: "d1".into(),
            text: "We start with the delivery phase".into(),
        }],
        actions: vec![Action {
            id: "a1".into(),
            text: "Interview five customers".into(),
            owner: "Sanne".into(),
            due: "2026-12-15".into(),
            done: false,
            question_id: None,
        }],
    };
    let path = dir.join(format!("after-{}.klantreis", lang.code()));
    let mut doc = Document::create(&path).expect("create");
    let photo = doc.add_image("image/png", PNG).expect("image");
    j.meta.wall_photos = vec![photo];
    let id = j.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("create journey");
    doc.close().expect("close");
    (path, id, voted)
}

fn pdfinfo(pdf: &Path) -> String {
    stdout(
        Command::new("pdfinfo")
            .arg("-f")
            .arg("1")
            .arg("-l")
            .arg("99")
            .arg(pdf),
    )
}

#[test]
fn the_report_holds_every_part_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    for lang in [Lang::En, Lang::Nl] {
        let (doc, id, voted) = after_workshop(dir.path(), lang);
        let out = dir.path().join(format!("workshop-{}.pdf", lang.code()));
        ok(&[
            "workshop-report",
            doc.to_str().expect("utf-8"),
            "--journey",
            &id,
            "-o",
            out.to_str().expect("utf-8"),
        ]);
        keep(&out);
        qpdf_check(&out);
        let info = pdfinfo(&out);
        let sizes = page_sizes(&out);
        assert!(sizes.len() >= 2, "report pages and the map page: {info}");
        // Portrait A4 report pages, then the map on one landscape A4 page.
        assert!(
            sizes[0].starts_with("595") && sizes[0].contains("841"),
            "{sizes:?}"
        );
        let last = sizes.last().expect("a page");
        assert!(last.starts_with("841"), "landscape map: {sizes:?}");

        // The wall photo is in the file, on a report page (the map page draws none).
        let images = stdout(Command::new("pdfimages").arg("-list").arg(&out));
        let pages_with_images: Vec<usize> = images
            .lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().next()?.parse().ok())
            .collect();
        assert!(
            !pages_with_images.is_empty() && pages_with_images.iter().all(|p| *p < sizes.len()),
            "{images}"
        );

        let t = text(&out);
        let j = Document::open(&doc).expect("open");
        let journey = j.workspace().journey(&id).expect("journey").clone();
        let persona = j.workspace().personas[0].name.clone();
        j.close().expect("close");
        let (kicker, goal, steps, votes, decisions, actions, questions, photos, version, budget) =
            match lang {
                Lang::En => (
                    "WORKSHOP REPORT",
                    "Goal:",
                    "Steps",
                    "Votes",
                    "Decisions",
                    "Actions",
                    "Open questions",
                    "Photos of the wall",
                    format!("version {}", journey.meta.version),
                    "4 participants × 3 dots = 12; given: 12",
                ),
                Lang::Nl => (
                    "WORKSHOPVERSLAG",
                    "Doel:",
                    "Stappen",
                    "Stemmen",
                    "Besluiten",
                    "Acties",
                    "Open vragen",
                    "Foto's van de muur",
                    format!("versie {}", journey.meta.version),
                    "4 deelnemers × 3 stippen = 12; gegeven: 12",
                ),
            };
        for part in [
            kicker, goal, steps, votes, decisions, actions, questions, photos, &version, budget,
        ] {
            assert!(t.contains(part), "{lang:?}: no {part:?} in {t}");
        }
        assert!(t.contains(&journey.meta.title), "title");
        assert!(t.contains(&persona), "persona {persona:?}");
        // Votes ranked, most first, with their cards.
        let at: Vec<usize> = voted
            .iter()
            .map(|v| {
                let first = v.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
                t.find(&first)
                    .unwrap_or_else(|| panic!("voted card {v:?} in {t}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "ranked: {at:?}");
        for s in [
            "We start with the delivery phase",
            "Interview five customers",
            "Sanne",
            "2026-12-15",
            "Who calls the customer back?",
            "No, the data is in the CRM",
        ] {
            assert!(t.contains(s), "{lang:?}: {s:?} missing");
        }
    }
}

#[test]
fn an_unknown_journey_or_paper_is_one_line_and_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (doc, id, _) = after_workshop(dir.path(), Lang::En);
    let out = dir.path().join("none.pdf");
    let doc = doc.to_str().expect("utf-8");
    let o = out.to_str().expect("utf-8");
    fails(&["workshop-report", doc, "--journey", "journey_nope", "-o", o]);
    fails(&[
        "workshop-report",
        doc,
        "--journey",
        &id,
        "--paper",
        "a0",
        "-o",
        o,
    ]);
    assert!(!out.exists());
}
