//! Large inputs: a card of 100,000 characters, a journey of 200 phases, 10,000 cards in one
//! cell and a 100 MB interchange file each give a correct result (stored, reopened, laid out
//! with every card in it, and a warning when the print gets too small to read) or a clear
//! error. Time and peak memory of each, measured on the command-line tool, are in
//! `docs/reliability.md`; these tests assert the results, not the timings.

use klantreis::interchange;
use klantreis::layout::{self, Item, LayoutOptions, RecordKind, Scene, TextRole, Warning};
use klantreis::*;

/// Stores `journey` in a fresh document, reopens it and returns the journey as read back.
fn store_and_reopen(
    dir: &std::path::Path,
    name: &str,
    journey: Journey,
    personas: Vec<Persona>,
) -> Journey {
    let path = dir.join(format!("{name}.klantreis"));
    let mut doc = Document::create(&path).expect("create");
    let id = journey.meta.id.clone();
    doc.apply(&Edit::CreateJourney { journey, personas })
        .expect("store");
    doc.close().expect("close");
    let doc = Document::open(&path).expect("reopen");
    doc.integrity_check().expect("integrity");
    doc.workspace().journey(&id).expect("journey").clone()
}

fn card_targets(scene: &Scene) -> std::collections::HashSet<String> {
    scene
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                role: TextRole::Card,
                target: Some(t),
                ..
            } if t.kind == RecordKind::Card => Some(t.id.clone()),
            _ => None,
        })
        .collect()
}

fn small_text_warning(scene: &Scene) -> bool {
    scene
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::SmallText { .. }))
}

/// The five-stages template with `extra` cards in its first cell.
fn journey_with_cards_in_one_cell(extra: usize) -> Journey {
    let mut j = templates::build("five-stages", Lang::En, Some("Crowded")).expect("template");
    let (phase, lane) = (j.phases[0].id.clone(), j.lanes[0].id.clone());
    for (n, key) in klantreis::order::spread(extra).into_iter().enumerate() {
        j.cards.push(Card::new(
            format!("crowd-{n:05}"),
            phase.clone(),
            lane.clone(),
            key,
            format!("Card {n}"),
        ));
    }
    j
}

#[test]
fn a_card_of_100000_characters_is_stored_and_printed_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut j, p) = templates::sample(Lang::En);
    let long: String = "klantreis ".repeat(10_000).chars().take(100_000).collect();
    j.cards[0].text = long.clone();
    let id = j.cards[0].id.clone();
    let back = store_and_reopen(dir.path(), "long-card", j, vec![p.clone()]);
    assert_eq!(back.card(&id).expect("card").text, long);

    let scene = layout::layout(&back, &[p], &LayoutOptions::default());
    assert!(card_targets(&scene).contains(&id));
    // All of it is drawn, so the map shrinks and says so.
    assert!(small_text_warning(&scene), "{:?}", scene.warnings);
    assert!(scene.min_text_pt.0 < 9.0);
}

#[test]
fn a_journey_of_200_phases_lays_out_every_phase() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut j = templates::build("five-stages", Lang::En, Some("Long")).expect("template");
    let lane = j.lanes[0].id.clone();
    // Keys after the template's own (which all start below "z").
    let keys = klantreis::order::spread(195);
    for (n, key) in keys.into_iter().enumerate() {
        let mut p = j.phases[0].clone();
        p.id = format!("phase-{n:03}");
        p.order = format!("z{key}");
        p.name = format!("Phase {n}");
        j.cards.push(Card::new(
            format!("card-{n:03}"),
            p.id.clone(),
            lane.clone(),
            "V".into(),
            format!("Step {n}"),
        ));
        j.phases.push(p);
    }
    assert_eq!(j.phases.len(), 200);
    let back = store_and_reopen(dir.path(), "phases", j, vec![]);
    assert_eq!(back.phases.len(), 200);
    let scene = layout::layout(&back, &[], &LayoutOptions::default());
    let headers = scene
        .regions
        .iter()
        .filter(|r| matches!(r, layout::Region::PhaseHeader { .. }))
        .count();
    assert_eq!(headers, 200);
    assert_eq!(card_targets(&scene).len(), back.cards.len());
    assert!(small_text_warning(&scene), "{:?}", scene.warnings);
}

#[test]
fn ten_thousand_cards_in_one_cell_are_all_laid_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let j = journey_with_cards_in_one_cell(10_000);
    let total = j.cards.len();
    let back = store_and_reopen(dir.path(), "crowd", j, vec![]);
    assert_eq!(back.cards.len(), total);
    let scene = layout::layout(&back, &[], &LayoutOptions::default());
    assert_eq!(card_targets(&scene).len(), total);
    assert!(small_text_warning(&scene), "{:?}", scene.warnings);
}

#[test]
fn an_interchange_file_of_100_mb_of_photos_imports() {
    use base64::Engine;
    use image::ImageEncoder;
    // Three photos of noise, 24 MB each as PNG (noise does not compress), ~96 MB of JSON once
    // base64-encoded.
    let photo = |seed: u8| {
        let (w, h) = (4_000u32, 2_000u32);
        let mut x = u32::from(seed) | 1;
        let noise: Vec<u8> = (0..3 * w as usize * h as usize)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        let img = image::RgbImage::from_raw(w, h, noise).expect("pixels");
        let mut out = std::io::Cursor::new(Vec::new());
        image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Fast,
            image::codecs::png::FilterType::NoFilter,
        )
        .write_image(&img, w, h, image::ExtendedColorType::Rgb8)
        .expect("png");
        out.into_inner()
    };
    let photos: Vec<Vec<u8>> = (1..=3).map(photo).collect();
    let (mut j, p) = templates::sample(Lang::En);
    j.meta.wall_photos = (0..3).map(|n| format!("wall-{n}")).collect();
    let file = interchange::InterchangeFile {
        snapshots: vec![],
        format: interchange::FORMAT.into(),
        journey: j,
        personas: vec![p],
        images: photos
            .iter()
            .enumerate()
            .map(|(n, p)| interchange::EmbeddedImage {
                id: format!("wall-{n}"),
                mime: "image/png".into(),
                data: base64::engine::general_purpose::STANDARD.encode(p),
            })
            .collect(),
    };
    let text = serde_json::to_string(&file).expect("json");
    assert!(text.len() > 90_000_000, "{} bytes", text.len());

    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("big.klantreis")).expect("create");
    let id = interchange::import(&mut doc, &text).expect("import");
    let walls = doc
        .workspace()
        .journey(&id)
        .expect("journey")
        .meta
        .wall_photos
        .clone();
    assert_eq!(walls.len(), 3);
    for (w, p) in walls.iter().zip(&photos) {
        assert_eq!(&doc.image(w).expect("read").expect("stored").data, p);
    }
}

#[test]
fn an_interchange_file_of_100_mb_of_garbage_is_refused_with_the_place() {
    let mut text = String::from("{\"format\": \"klantreis/1\", \"journey\": ");
    text.push_str(&"[".repeat(50_000_000));
    let err = interchange::parse(&text).expect_err("garbage parsed");
    assert!(err.to_string().contains("not valid JSON"), "{err}");
    let text = format!(
        "{{\"format\": \"klantreis/1\", \"journey\": {{\"id\": \"{}\"}}}}",
        "x".repeat(100_000_000)
    );
    let err = interchange::parse(&text).expect_err("journey without title parsed");
    assert!(err.to_string().starts_with("$"), "{err}");
}
