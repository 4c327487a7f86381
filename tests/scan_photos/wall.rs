//! The printed wall the scan tests photograph: the sample journey's blank A0 canvas, printed
//! (its version taken) and rendered at 3.2 px/mm, and the 4.3 MP photo settings of the
//! detection tests (`tests/scan_wall.rs`, `tests/scan_again.rs`).

use image::RgbImage;
use klantreis::edit::Edit;
use klantreis::layout::Scene;
use klantreis::model::Lang;
use klantreis::print::{self, PrintRequest};
use klantreis::store::Document;
use klantreis::templates;

use super::{render_pdf_page, Rng, Shot};

pub struct Wall {
    pub _dir: tempfile::TempDir,
    pub doc: Document,
    pub id: String,
    pub scene: Scene,
    pub canvas: RgbImage,
    pub ppm: f64,
}

/// The wall of the journey `journey_id` (the sample's, under that id).
pub fn wall(journey_id: &str) -> Wall {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("w.klantreis")).expect("create");
    let (mut journey, persona) = templates::sample(Lang::Nl);
    journey.meta.id = journey_id.into();
    let id = journey.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey,
        personas: vec![persona],
    })
    .expect("sample");
    let req = PrintRequest {
        blank: true,
        ..Default::default()
    };
    let pdf = print::render(&doc, &id, &req, &mut |_| {}).expect("print");
    print::versions::snapshot_export(&doc, &id, &req).expect("version");
    let scene = print::scene(doc.workspace(), &id, &req).expect("scene");
    let canvas = render_pdf_page(&pdf.bytes, 1, 81, dir.path());
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

/// A 4.3 MP photo; each seed another angle (quarter turns, tilt, perspective), blur and noise.
pub fn shot(seed: u64) -> Shot {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let landscape = seed.is_multiple_of(2);
    Shot {
        width: if landscape { 2400 } else { 1800 },
        height: if landscape { 1800 } else { 2400 },
        quarter_turns: (seed % 4) as u32,
        seed,
        blur: rng.f(0.0, 0.9) as f32,
        noise: rng.f(2.0, 7.0),
    }
}
