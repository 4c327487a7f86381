//! End to end: "Read a photo of the wall…" in the real app. The sample journey's blank canvas
//! is printed through the command-line tool and rendered with `pdftoppm`; three sticky notes
//! with printed words are pasted into known cells and the sheet is warped as a phone sees it
//! (`common/photo.rs`). The app reads the photo (the file dialog is skipped through
//! `KLANTREIS_SCAN_PHOTOS`, as WebDriver cannot drive it); in the review one text is corrected
//! and one note dropped; after Accept the file holds two new cards in their cells, with the
//! corrected text, each with its crop as image and marked as from the photo, and the photo as a
//! wall photo. Run under a display with `--test-threads=1` (see `common`).

mod common;
#[path = "common/photo.rs"]
mod photo;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::{json, Value};
use thirtyfour::prelude::*;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";

fn doc_path(data: &Path) -> Res<std::path::PathBuf> {
    Ok(std::fs::read_dir(data)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "klantreis"))
        .ok_or("no document in the data dir")?)
}

/// The cell regions of the blank canvas (mm), as `klantreis scene --blank` lays it out.
fn cells(doc: &Path, id: &str) -> Res<(f32, Vec<Value>)> {
    let out = run(Command::new(cli())
        .arg("scene")
        .arg(doc)
        .args(["--journey", id, "--blank"]))?;
    let scene: Value = serde_json::from_str(&out)?;
    let width = scene["width"].as_f64().ok_or("scene width")? as f32;
    let cells = scene["regions"]
        .as_array()
        .ok_or("regions")?
        .iter()
        .filter(|r| r["kind"] == "cell")
        .cloned()
        .collect();
    Ok((width, cells))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_of_the_wall_becomes_cards() -> Res {
    retry_on_hang(
        "a_photo_of_the_wall_becomes_cards",
        a_photo_of_the_wall_becomes_cards_once,
    )
    .await
}

/// One run of [`a_photo_of_the_wall_becomes_cards`].
async fn a_photo_of_the_wall_becomes_cards_once() -> Res {
    let data = tempfile::tempdir()?;
    let wall = data.path().join("wall.jpg");
    // The app reads this when the user picks photos; the photo is made once the sample exists.
    std::env::set_var("KLANTREIS_SCAN_PHOTOS", &wall);
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.wait_titles(&[SAMPLE_EN]).await?;
    let doc = doc_path(data.path())?;
    let before = journey_json(data.path(), SAMPLE_EN)?;
    let id = before["journey"]["id"]
        .as_str()
        .ok_or("journey id")?
        .to_string();
    let cards_before = before["journey"]["cards"].as_array().map_or(0, Vec::len);

    // The blank canvas as printed, and three notes in three cells of it.
    let pdf = data.path().join("blank.pdf");
    run(Command::new(cli())
        .args(["pdf"])
        .arg(&doc)
        .args(["--journey", &id, "--blank", "--out"])
        .arg(&pdf))?;
    let png = data.path().join("blank");
    run(Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-singlefile"])
        .arg(&pdf)
        .arg(&png))?;
    let (page_w, cells) = cells(&doc, &id)?;
    let pick = [(0usize, 0usize), (1, 1), (2, 0)];
    let phases: Vec<String> = phase_ids(&before);
    let lanes: Vec<String> = before["journey"]["lanes"]
        .as_array()
        .ok_or("lanes")?
        .iter()
        .filter_map(|l| l["id"].as_str().map(String::from))
        .collect();
    let texts: [&[&str]; 3] = [
        &["Reads", "reviews"],
        &["Calls", "the shop"],
        &["Books a", "test ride"],
    ];
    let colours = [[250, 232, 120], [245, 170, 200], [160, 205, 240]];
    let mut notes = Vec::new();
    let mut want = Vec::new();
    for (i, (p, l)) in pick.iter().enumerate() {
        let (phase, lane) = (&phases[*p], &lanes[*l]);
        let cell = cells
            .iter()
            .find(|c| c["phase_id"] == phase.as_str() && c["lane_id"] == lane.as_str())
            .ok_or("the cell")?;
        let r = &cell["rect"];
        let (x, y, w, h) = (
            r["x"].as_f64().unwrap_or(0.0) as f32,
            r["y"].as_f64().unwrap_or(0.0) as f32,
            r["w"].as_f64().unwrap_or(0.0) as f32,
            r["h"].as_f64().unwrap_or(0.0) as f32,
        );
        let side = 76.0f32.min(w * 0.8).min(h * 0.8);
        notes.push(photo::Note {
            x_mm: x + (w - side) / 2.0,
            y_mm: y + (h - side) / 2.0,
            side_mm: side,
            rgb: colours[i],
            lines: texts[i],
        });
        want.push((phase.clone(), lane.clone(), texts[i].join(" ")));
    }
    let canvas = std::fs::read(png.with_extension("png"))?;
    std::fs::write(
        &wall,
        photo::photo(&canvas, page_w, &notes).map_err(|e| e.to_string())?,
    )?;

    app.open_journey(SAMPLE_EN).await?;
    app.wait_for("[data-testid='open-scan']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='scan-busy']").await?;
    // Reading and OCR take a few seconds in a debug build.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let n = app
            .d()
            .find_all(By::Css("[data-testid='scan-note']"))
            .await?
            .len();
        if n == 3 {
            break;
        }
        if let Ok(e) = app.d().find(By::Css("[data-testid='scan-error']")).await {
            return Err(format!("the scan failed: {}", e.text().await?).into());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{n} notes in the review, expected 3").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(
        app.d()
            .find_all(By::Css("[data-testid='scan-outline']"))
            .await?
            .len(),
        3,
        "every note outlined on the photo"
    );
    app.shot("scan-review.png").await?;

    // Each row, by the cell the reader proposed.
    let rows: Vec<(String, String, String)> = app
        .js(
            "return [...document.querySelectorAll(\"[data-testid='scan-note']\")].map(r => [\
               r.querySelector(\"[data-testid='scan-phase']\").value,\
               r.querySelector(\"[data-testid='scan-lane']\").value,\
               r.dataset.note])",
            vec![],
        )
        .await?
        .as_array()
        .ok_or("rows")?
        .iter()
        .filter_map(|r| {
            Some((
                r[0].as_str()?.to_string(),
                r[1].as_str()?.to_string(),
                r[2].as_str()?.to_string(),
            ))
        })
        .collect();
    let row_of = |i: usize| {
        rows.iter()
            .find(|r| r.0 == want[i].0 && r.1 == want[i].1)
            .map(|r| r.2.clone())
            .ok_or_else(|| format!("no note proposed for cell {i}: {rows:?}"))
    };
    let (first, second, third) = (row_of(0)?, row_of(1)?, row_of(2)?);

    // Correct the first note's text, drop the second; selecting an outline selects its row.
    let text = app
        .wait_for(&format!("[data-note='{first}'] [data-testid='scan-text']"))
        .await?;
    text.clear().await?;
    text.send_keys("Reads reviews on Google").await?;
    app.wait_for(&format!("[data-note='{second}'] [data-testid='scan-drop']"))
        .await?
        .click()
        .await?;
    app.wait_for(&format!("[data-outline='{third}']")).await?;
    app.js(
        "document.querySelector(`[data-outline='${arguments[0]}']`)\
           .dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}))",
        vec![json!(third)],
    )
    .await?;
    app.wait_for(&format!("[data-note='{third}'].on")).await?;
    app.wait_text("[data-testid='scan-accept']", "Add 2 cards")
        .await?;
    app.shot("scan-corrected.png").await?;
    app.wait_for("[data-testid='scan-accept']")
        .await?
        .click()
        .await?;

    // Read back from the file: two new cards in their cells, with their crops.
    let j = wait_doc(data.path(), SAMPLE_EN, "two cards from the photo", |j| {
        j["journey"]["cards"]
            .as_array()
            .is_some_and(|c| c.iter().filter(|c| c["from_photo"] == true).count() == 2)
    })
    .await?;
    let cards = j["journey"]["cards"].as_array().ok_or("cards")?;
    assert_eq!(cards.len(), cards_before + 2);
    let from_photo: Vec<&Value> = cards.iter().filter(|c| c["from_photo"] == true).collect();
    let corrected = from_photo
        .iter()
        .find(|c| c["text"] == "Reads reviews on Google")
        .ok_or("the corrected card")?;
    assert_eq!(
        (
            corrected["phase_id"].as_str(),
            corrected["lane_id"].as_str()
        ),
        (Some(want[0].0.as_str()), Some(want[0].1.as_str()))
    );
    let read = from_photo
        .iter()
        .find(|c| c["text"] != "Reads reviews on Google")
        .ok_or("the card read as is")?;
    assert_eq!(
        (read["phase_id"].as_str(), read["lane_id"].as_str()),
        (Some(want[2].0.as_str()), Some(want[2].1.as_str()))
    );
    // Its text is whatever OCR made of the photo (the photo is small): a measure, not a check.
    eprintln!("OCR of {:?}: {}", want[2].2, read["text"]);
    for c in &from_photo {
        assert!(
            c["image"].as_str().is_some_and(|i| i.starts_with("img_")),
            "each card keeps its crop: {c}"
        );
    }
    assert!(!from_photo.iter().any(|c| c["text"]
        .as_str()
        .is_some_and(|t| t.to_lowercase().contains("calls"))));
    assert_eq!(
        j["journey"]["wall_photos"].as_array().map(Vec::len),
        Some(1),
        "the photo kept as a wall photo"
    );

    // The canvas marks the new cards; the card panel shows the crop.
    app.wait_for("[data-testid='photo-mark']").await?;
    app.shot("scan-accepted.png").await?;

    // The same wall read again: the two notes accepted are already on the map, the one
    // dropped is new; nothing is gone.
    app.wait_for("[data-testid='open-scan']")
        .await?
        .click()
        .await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let on_map = app
            .d()
            .find_all(By::Css("[data-testid='scan-on-map']"))
            .await?
            .len();
        if on_map == 2 {
            break;
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{on_map} notes already on the map, expected 2").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(
        app.d()
            .find_all(By::Css("[data-testid='scan-note']"))
            .await?
            .len(),
        3
    );
    assert!(app
        .d()
        .find_all(By::Css("[data-testid='scan-gone']"))
        .await?
        .is_empty());
    app.wait_text("[data-testid='scan-accept']", "Add 1 cards, update 2")
        .await?;
    app.shot("scan-again.png").await?;
    app.wait_for("[data-testid='scan-cancel']")
        .await?
        .click()
        .await?;
    app.quit().await
}
