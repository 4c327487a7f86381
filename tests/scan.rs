//! Reading photos of the wall (issue 15, `docs/scan.md`): synthetic photos of the project's own
//! printed blank canvas with sticky notes on it (`tests/scan_photos/`), read back by
//! `klantreis::scan::read_photos`.

mod scan_photos;

use image::RgbImage;
use klantreis::edit::Edit;
use klantreis::layout::{Paper, Scene};
use klantreis::model::Lang;
use klantreis::print::{self, PrintRequest};
use klantreis::scan::{read_photos, ScanError};
use klantreis::session;
use klantreis::store::Document;
use scan_photos::{photograph, plan_notes, render_pdf_page, stick, tally, Rng, Shot, Tally};

/// The rendering resolution of an A0 canvas: 3.2 px/mm, twice what the photo shows of it.
const A0_DPI: u32 = 81;

struct Wall {
    _dir: tempfile::TempDir,
    doc: Document,
    id: String,
    scene: Scene,
    canvas: RgbImage,
    ppm: f64,
}

/// A document with the sample journey, its blank A0 canvas printed (and the version taken,
/// as every print does) and rendered.
fn wall() -> Wall {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("w.klantreis")).expect("create");
    let id = session::add_sample(&mut doc, Lang::Nl).expect("sample");
    let req = PrintRequest {
        blank: true,
        ..Default::default()
    };
    let pdf = print::render(&doc, &id, &req, &mut |_| {}).expect("print");
    session::versions::snapshot_export(&doc, &id, &req).expect("version");
    let scene = print::scene(doc.workspace(), &id, &req).expect("scene");
    let canvas = render_pdf_page(&pdf.bytes, 1, A0_DPI, dir.path());
    let ppm = canvas.width() as f64 / scene.width.0 as f64;
    Wall {
        _dir: dir,
        doc,
        id,
        scene,
        canvas,
        ppm,
    }
}

fn shot(seed: u64) -> Shot {
    let mut rng = Rng::new(seed ^ 0x5eed);
    // The photographer holds the phone the way the sheet lies in it (a landscape sheet turned
    // a quarter is shot in portrait).
    let landscape = seed % 2 == 0;
    Shot {
        width: if landscape { 2400 } else { 1800 },
        height: if landscape { 1800 } else { 2400 },
        quarter_turns: (seed % 4) as u32,
        seed,
        blur: rng.f(0.0, 0.9) as f32,
        noise: rng.f(2.0, 7.0),
    }
}

/// `n` photos of the wall, each with its own notes, read one by one.
fn detect(w: &Wall, seeds: std::ops::Range<u64>) -> Tally {
    let mut total = Tally::default();
    for seed in seeds {
        if let Ok(only) = std::env::var("KR_SCAN_ONLY") {
            if only != seed.to_string() {
                continue;
            }
        }
        let mut rng = Rng::new(seed);
        let (sw, sh) = (w.scene.width.0 as f64, w.scene.height.0 as f64);
        let notes = plan_notes(&w.scene, &mut rng, 12, 76.0, [0.0, 0.0, sw, sh], (0.0, 0.0));
        let mut canvas = w.canvas.clone();
        stick(&mut canvas, &notes, w.ppm, &mut rng);
        let photo = photograph(&canvas, w.ppm, &notes, shot(seed));
        if let Ok(dir) = std::env::var("KR_SCAN_DUMP") {
            image::load_from_memory(&photo.jpeg)
                .expect("jpeg")
                .resize(1000, 1000, image::imageops::FilterType::Triangle)
                .save(format!("{dir}/photo-{seed}.png"))
                .expect("dump");
            if std::env::var_os("KR_SCAN_ONLY").is_some() {
                let full = image::load_from_memory(&photo.jpeg).expect("jpeg");
                full.crop_imm(2000, 150, 300, 300)
                    .resize(900, 900, image::imageops::FilterType::Nearest)
                    .save(format!("{dir}/qr-{seed}.png"))
                    .expect("dump");
                eprintln!("{:?}", shot(seed));
            }
        }
        let t0 = std::time::Instant::now();
        let scan = read_photos(&w.doc, &w.id, &[&photo.jpeg]).expect("read");
        let found: Vec<_> = scan.notes.iter().collect();
        if std::env::var_os("KR_SCAN_DEBUG").is_some() {
            for n in &photo.notes {
                eprintln!("stuck: {:.0},{:.0} {:.0}x{:.0} {:?}", n.spec.x, n.spec.y, n.spec.w, n.spec.h, n.spec.colour);
            }
            for f in &found {
                eprintln!("found: {:?} {:?} {}", f.outline[0], f.colour, f.phase_id);
            }
        }
        let t = tally(&photo, &found);
        eprintln!(
            "photo {seed}: {} notes, found {}, wrong cell {}, wrong colour {}, extra {} ({:.2} s)",
            t.expected,
            t.found,
            t.wrong_cell,
            t.wrong_colour,
            t.extra,
            t0.elapsed().as_secs_f64()
        );
        assert!(scan.warnings.is_empty(), "{:?}", scan.warnings);
        total.add(t);
    }
    total
}

fn assert_rates(t: Tally) {
    eprintln!("{t:?}");
    assert!(t.expected >= 100, "enough notes: {t:?}");
    assert!(
        t.found * 100 >= t.expected * 98,
        "at least 98 % of the notes found: {t:?}"
    );
    assert_eq!(t.wrong_cell, 0, "no note in a wrong cell: {t:?}");
    assert_eq!(t.wrong_colour, 0, "every colour right: {t:?}");
    assert_eq!(t.extra, 0, "no note where none was stuck: {t:?}");
}

// 22 photos in two halves, so the two run side by side.
#[test]
fn notes_are_found_in_their_cells_on_photos_1_to_11() {
    let w = wall();
    assert_rates(detect(&w, 1..12));
}

#[test]
fn notes_are_found_in_their_cells_on_photos_12_to_22() {
    let w = wall();
    assert_rates(detect(&w, 12..23));
}
