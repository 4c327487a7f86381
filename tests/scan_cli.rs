//! `klantreis scan` end to end on the command line: the sample journey's blank canvas printed
//! with `klantreis pdf --blank`, photographed with notes on it (the reader's synthetic photos,
//! `tests/scan_photos/`), read with `--dry-run --json` (nothing added; every note with its cell,
//! colour, text and confidence), then added (one undo step: the cards carry their crop and
//! `from_photo`, the photo is a wall photo); a photo that is no canvas is a clear error with a
//! non-zero exit. Also prints the OCR word rate of the printed notes (a measure, not asserted
//! here: `tests/scan_ocr.rs` asserts it on crops).

mod scan_photos;

use std::path::Path;
use std::process::Command;

use klantreis::layout::Scene;
use scan_photos::{photograph, plan_notes, render_pdf_page, stick, Rng, Shot};
use serde_json::Value;

fn klantreis(args: &[&str], dir: &Path) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(args: &[&str], dir: &Path) -> String {
    let (good, out, err) = klantreis(args, dir);
    assert!(good, "klantreis {args:?} failed: {err}");
    out
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn scan_reads_a_photo_and_adds_its_notes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let id = ok(&["sample", "w.klantreis"], dir).trim().to_string();
    ok(
        &[
            "pdf",
            "w.klantreis",
            "--journey",
            &id,
            "--blank",
            "--out",
            "blank.pdf",
        ],
        dir,
    );
    // The layout the blank canvas was printed with, to put the notes in known cells.
    let scene: Scene = {
        let doc = klantreis::Document::open(dir.join("w.klantreis")).expect("open");
        let req = klantreis::print::PrintRequest {
            blank: true,
            ..Default::default()
        };
        klantreis::print::scene(doc.workspace(), &id, &req).expect("scene")
    };
    let pdf = std::fs::read(dir.join("blank.pdf")).expect("pdf");
    let mut canvas = render_pdf_page(&pdf, 1, 81, dir);
    let ppm = canvas.width() as f64 / scene.width.0 as f64;
    let mut rng = Rng::new(7);
    let (sw, sh) = (scene.width.0 as f64, scene.height.0 as f64);
    let notes = plan_notes(&scene, &mut rng, 8, 76.0, [0.0, 0.0, sw, sh], (0.0, 0.0));
    stick(&mut canvas, &notes, ppm, &mut rng);
    let photo = photograph(
        &canvas,
        ppm,
        &notes,
        Shot {
            width: 2400,
            height: 1800,
            quarter_turns: 0,
            seed: 7,
            blur: 0.4,
            noise: 3.0,
        },
    );
    std::fs::write(dir.join("wall.jpg"), &photo.jpeg).expect("photo");
    if let Ok(out) = std::env::var("KR_SCAN_CROPS") {
        let doc = klantreis::Document::open(dir.join("w.klantreis")).expect("open");
        let scan = klantreis::scan::read_photos(&doc, &id, &[&photo.jpeg]).expect("read");
        for n in &scan.notes {
            std::fs::write(format!("{out}/{}.png", n.id), &n.crop_png).expect("crop");
        }
    }

    // --dry-run --json: the notes, nothing added.
    let started = std::time::Instant::now();
    let json = ok(
        &[
            "scan",
            "w.klantreis",
            "--journey",
            &id,
            "wall.jpg",
            "--dry-run",
            "--json",
        ],
        dir,
    );
    eprintln!(
        "klantreis scan --dry-run of {} notes: {:.2} s",
        notes.len(),
        started.elapsed().as_secs_f64()
    );
    let found: Vec<Value> = serde_json::from_str(&json).expect("a JSON array");
    assert!(
        found.iter().all(|n| n.get("card_id").is_none()),
        "nothing read before, so no note is already on the map: {json}"
    );
    assert_eq!(found.len(), notes.len(), "{json}");
    let (mut right, mut total) = (0, 0);
    for n in &found {
        for key in [
            "id",
            "photo",
            "outline",
            "phase_id",
            "lane_id",
            "colour",
            "text",
            "confidence",
        ] {
            assert!(n.get(key).is_some(), "{key} missing in {n}");
        }
        let spec = notes
            .iter()
            .find(|s| s.phase_id == n["phase_id"] && s.lane_id == n["lane_id"])
            .expect("every note in a cell that had one");
        let got = words(n["text"].as_str().unwrap_or(""));
        eprintln!(
            "note {:?}: read {:?} ({})",
            spec.text, n["text"], n["confidence"]
        );
        for w in words(&spec.text) {
            total += 1;
            right += usize::from(got.contains(&w));
        }
    }
    eprintln!(
        "OCR through `klantreis scan`: {right}/{total} words of the notes right ({:.0} %)",
        100.0 * right as f64 / total.max(1) as f64
    );
    let before: Value = serde_json::from_str(&ok(
        &[
            "export-json",
            "w.klantreis",
            "--journey",
            &id,
            "--no-images",
        ],
        dir,
    ))
    .expect("json");
    let cards = |j: &Value| j["journey"]["cards"].as_array().map_or(0, Vec::len);

    // Without --dry-run they are added, as one undo step.
    let (good, _, err) = klantreis(&["scan", "w.klantreis", "--journey", &id, "wall.jpg"], dir);
    assert!(good, "{err}");
    assert!(
        err.contains(&format!("added {} cards", notes.len())),
        "{err}"
    );
    let after: Value = serde_json::from_str(&ok(
        &[
            "export-json",
            "w.klantreis",
            "--journey",
            &id,
            "--no-images",
        ],
        dir,
    ))
    .expect("json");
    assert_eq!(cards(&after), cards(&before) + notes.len());
    let new: Vec<&Value> = after["journey"]["cards"]
        .as_array()
        .expect("cards")
        .iter()
        .filter(|c| c["from_photo"] == true)
        .collect();
    assert_eq!(new.len(), notes.len());
    assert!(new.iter().all(|c| c["image"].as_str().is_some()));
    assert_eq!(
        after["journey"]["wall_photos"].as_array().map(Vec::len),
        Some(1)
    );
    ok(&["undo", "w.klantreis"], dir);
    let undone: Value = serde_json::from_str(&ok(
        &[
            "export-json",
            "w.klantreis",
            "--journey",
            &id,
            "--no-images",
        ],
        dir,
    ))
    .expect("json");
    assert_eq!(cards(&undone), cards(&before), "one undo removes them all");

    // A photo that is no canvas: a message and a non-zero exit.
    let plain = image::RgbImage::from_pixel(400, 300, image::Rgb([200, 190, 180]));
    plain.save(dir.join("plain.png")).expect("png");
    let (good, _, err) = klantreis(&["scan", "w.klantreis", "--journey", &id, "plain.png"], dir);
    assert!(!good);
    assert!(err.to_lowercase().contains("canvas"), "{err}");
}
