//! Reading a photo of the wall: a 12 MP synthetic photo (4000 × 3000, the A0 blank canvas with
//! 14 notes, made by `tests/scan_photos/`) to what the review screen shows — decode, marks,
//! code, homography, notes, crops (`read_photos`), then OCR of every note and the review's
//! preview and crops (`review::finish`); target ≤ 2 s in release, `docs/scan.md`. Needs
//! `pdftoppm` and `tesseract`.

#[path = "../tests/scan_photos/mod.rs"]
mod scan_photos;

use criterion::{criterion_group, criterion_main, Criterion};
use klantreis::print::{self, PrintRequest};
use klantreis::store::Document;
use klantreis::*;
use scan_photos::{photograph, plan_notes, render_pdf_page, stick, Rng, Shot};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("b.klantreis")).expect("create");
    let id = session::add_sample(&mut doc, Lang::Nl).expect("sample");
    let req = PrintRequest {
        blank: true,
        ..Default::default()
    };
    let pdf = print::render(&doc, &id, &req, &mut |_| {}).expect("print");
    let scene = print::scene(doc.workspace(), &id, &req).expect("scene");
    let mut canvas = render_pdf_page(&pdf.bytes, 1, 130, dir.path());
    let ppm = canvas.width() as f64 / scene.width.0 as f64;
    let mut rng = Rng::new(7);
    let (w, h) = (scene.width.0 as f64, scene.height.0 as f64);
    let notes = plan_notes(&scene, &mut rng, 14, 76.0, [0.0, 0.0, w, h], (0.0, 0.0));
    stick(&mut canvas, &notes, ppm, &mut rng);
    let shot = Shot {
        width: 4000,
        height: 3000,
        quarter_turns: 0,
        seed: 7,
        blur: 0.8,
        noise: 4.0,
    };
    let photo = photograph(&canvas, ppm, &notes, shot);
    let t0 = std::time::Instant::now();
    let found = session::scan::find(&doc, &id, std::slice::from_ref(&photo.jpeg)).expect("read");
    let t1 = std::time::Instant::now();
    let (review, _) = session::scan::finish(&id, found, vec![photo.jpeg.clone()]).expect("review");
    let t2 = std::time::Instant::now();
    eprintln!(
        "12 MP photo: {} notes stuck, {} found, {} with text; to the review screen {:.2} s (reading {:.2} s, OCR and review {:.2} s)",
        photo.notes.len(),
        review.notes.len(),
        review.notes.iter().filter(|n| !n.text.is_empty()).count(),
        (t2 - t0).as_secs_f64(),
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64()
    );
    let mut g = c.benchmark_group("scan");
    g.sample_size(10);
    g.bench_function("read_photo_12mp", |b| {
        b.iter(|| scan::read_photos(&doc, &id, &[&photo.jpeg]).expect("read"))
    });
    g.bench_function("photo_to_review_12mp", |b| {
        b.iter(|| {
            let found =
                session::scan::find(&doc, &id, std::slice::from_ref(&photo.jpeg)).expect("read");
            session::scan::finish(&id, found, vec![photo.jpeg.clone()]).expect("review")
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
