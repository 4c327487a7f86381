//! Accepted notes of a scan become cards (src/scan/apply.rs) on a real SQLite file: each in its
//! cell after the cards already there, with colour, text and its crop as image, marked as coming
//! from the photo; the photo is kept as a wall photo; one undo removes all of it, and it
//! survives reopening the file. A card's image must exist in the document.

use klantreis::edit::CardPatch;
use klantreis::model::{CardColour, Validation};
use klantreis::scan::apply::{self, NoteChoice};
use klantreis::scan::FoundNote;
use klantreis::*;

/// A small PNG of one colour: a crop or a photo.
fn png(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb(rgb));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

fn found(id: &str, phase: &str, lane: &str, rgb: [u8; 3]) -> FoundNote {
    FoundNote {
        id: id.into(),
        photo: 0,
        outline: [[10.0, 10.0], [60.0, 10.0], [60.0, 60.0], [10.0, 60.0]],
        phase_id: phase.into(),
        lane_id: lane.into(),
        colour: CardColour::Yellow,
        text: format!("read {id}"),
        confidence: 0.8,
        dots: 0,
        card_id: None,
        crop_png: png(40, 40, rgb),
        ocr_image: None,
    }
}

#[test]
fn accepted_notes_become_cards_in_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("wall.klantreis");
    let mut doc = Document::create(&path).expect("create");
    let (j, p) = templates::sample(Lang::Nl);
    let jid = j.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("sample");
    let before = doc.workspace().journey(&jid).expect("journey").clone();
    let (p0, p1) = (before.phases[0].id.clone(), before.phases[1].id.clone());
    let (l0, l1) = (before.lanes[0].id.clone(), before.lanes[1].id.clone());
    let in_cell = |j: &Journey, p: &str, l: &str| j.cell_cards(p, l).count();
    let n00 = in_cell(&before, &p0, &l0);
    let last00 = before.cell_cards(&p0, &l0).last().map(|c| c.id.clone());

    let scan = vec![
        found("n1", &p0, &l0, [250, 230, 120]),
        found("n2", &p0, &l0, [245, 170, 200]),
        found("n3", &p1, &l1, [160, 205, 240]),
    ];
    // The user moves n2 to another cell and corrects its text, drops n3, keeps n1 as read.
    let choices = vec![
        NoteChoice {
            id: "n1".into(),
            phase_id: p0.clone(),
            lane_id: l0.clone(),
            colour: CardColour::Yellow,
            text: "read n1".into(),
            dots: 0,
        },
        NoteChoice {
            id: "n2".into(),
            phase_id: p1.clone(),
            lane_id: l0.clone(),
            colour: CardColour::Pink,
            text: "  Klant belt op ".into(),
            // Three dot stickers read (or typed) in the review become the card's votes.
            dots: 3,
        },
    ];
    let notes = apply::accepted(&scan, &choices).expect("accepted");
    let photo = png(120, 80, [240, 240, 235]);
    let history = doc.history_len().expect("len");
    let cs = apply::apply(&mut doc, &jid, &notes, &[&photo]).expect("apply");
    assert!(!cs.changes.is_empty());
    assert_eq!(
        doc.history_len().expect("len"),
        history + 5,
        "2 cards × 2 + wall photo"
    );
    let undo = doc.undo_entry().expect("entry").expect("an undo step");
    assert_eq!(
        (undo.label.as_str(), undo.edits),
        ("add_card", 5),
        "one step"
    );
    drop(doc);

    // Reopened from the file: the cards are there, in their cells, after the old ones.
    let mut doc = Document::open(&path).expect("reopen");
    let j = doc.workspace().journey(&jid).expect("journey").clone();
    assert_eq!(in_cell(&j, &p0, &l0), n00 + 1);
    let new00: Vec<_> = j.cell_cards(&p0, &l0).collect();
    let c1 = new00.last().expect("card");
    assert_ne!(Some(&c1.id), last00.as_ref(), "after the existing cards");
    assert_eq!(c1.text, "read n1");
    assert!(c1.from_photo);
    assert_eq!(c1.validation, Validation::Assumption);
    let c2 = j
        .cell_cards(&p1, &l0)
        .find(|c| c.from_photo)
        .expect("n2 in the cell the user chose");
    assert_eq!(
        (c2.text.as_str(), c2.colour),
        ("Klant belt op", CardColour::Pink)
    );
    assert_eq!(
        (c1.votes, c2.votes),
        (0, 3),
        "the kept dots are the cards' votes"
    );
    assert_eq!(
        j.cards.iter().filter(|c| c.from_photo).count(),
        2,
        "n3 dropped"
    );
    for c in [c1, c2] {
        let img = doc
            .image(c.image.as_deref().expect("an image"))
            .expect("read")
            .expect("stored");
        assert_eq!(img.mime, "image/png");
    }
    assert_ne!(c1.image, c2.image, "each card its own crop");
    assert_eq!(j.meta.wall_photos.len(), before.meta.wall_photos.len() + 1);
    let wall = j.meta.wall_photos.last().expect("wall photo");
    assert_eq!(doc.image(wall).expect("read").expect("stored").data, photo);

    // The JSON export carries the card's image; the interchange round trip keeps it.
    let json = interchange::json::export_with(
        &doc,
        &jid,
        interchange::json::ExportOptions {
            images: true,
            snapshots: false,
        },
    )
    .expect("export");
    assert!(json.contains("\"from_photo\": true"));
    let file = interchange::json::parse(&json).expect("parse");
    assert!(file.images.iter().any(|i| Some(&i.id) == c1.image.as_ref()));

    // One undo removes every card and the wall photo.
    doc.undo().expect("undo");
    let after = doc.workspace().journey(&jid).expect("journey");
    assert_eq!(after.cards, before.cards);
    assert_eq!(after.meta.wall_photos, before.meta.wall_photos);
    doc.redo().expect("redo");
    let again = doc.workspace().journey(&jid).expect("journey");
    assert_eq!(again.cards.iter().filter(|c| c.from_photo).count(), 2);
}

#[test]
fn a_card_image_must_exist_and_unknown_notes_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("x.klantreis")).expect("create");
    let (j, p) = templates::sample(Lang::En);
    let card = j.cards[0].id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("sample");
    let err = doc
        .apply(&Edit::UpdateCard {
            id: card.clone(),
            patch: CardPatch {
                image: Some(Some("img_missing".into())),
                ..CardPatch::default()
            },
        })
        .expect_err("a missing image is refused");
    assert!(err.to_string().contains("no image"), "{err}");
    let img = doc.add_image("", &png(8, 8, [1, 2, 3])).expect("image");
    doc.apply(&Edit::UpdateCard {
        id: card.clone(),
        patch: CardPatch {
            image: Some(Some(img.clone())),
            ..CardPatch::default()
        },
    })
    .expect("an image that exists");
    assert_eq!(
        doc.workspace().journeys[0]
            .card(&card)
            .and_then(|c| c.image.clone()),
        Some(img)
    );

    let choice = NoteChoice {
        id: "n9".into(),
        phase_id: "p".into(),
        lane_id: "l".into(),
        colour: CardColour::Blue,
        text: String::new(),
        dots: 0,
    };
    assert!(matches!(
        apply::accepted(&[], &[choice]),
        Err(apply::ApplyError::NoNote(_))
    ));
}
