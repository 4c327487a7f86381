//! End to end: a service blueprint and the print kit in the real app. A blueprint journey made
//! with the command-line tool shows up; a card's fail point is set from the card panel and
//! read back from the file; the print dialog's "Workshop kit" counts the canvas and the
//! persona sheet, and the exported PDF has both (pdfinfo, pdftotext), the blueprint's lines
//! included. Run under a display with `--test-threads=1` (see `common`).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::json;
use thirtyfour::prelude::*;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";
const BLUEPRINT: &str = "Service at the desk";

/// The document file in the data directory.
fn doc_path(data: &Path) -> Res<std::path::PathBuf> {
    Ok(std::fs::read_dir(data)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "klantreis"))
        .ok_or("no document in the data dir")?)
}

/// Clicks the centre of the first element matching `css` with the pointer.
async fn press(app: &App, css: &str) -> Res {
    app.wait_for(css).await?;
    let ret = app
        .d()
        .execute(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();\
             return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];",
            vec![json!(css)],
        )
        .await?;
    let v: Vec<i64> = ret.convert()?;
    app.d()
        .action_chain()
        .move_to(v[0], v[1])
        .click()
        .perform()
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fail_point_from_the_card_panel_and_the_print_kit() -> Res {
    retry_on_hang(
        "fail_point_from_the_card_panel_and_the_print_kit",
        fail_point_from_the_card_panel_and_the_print_kit_once,
    )
    .await
}

/// One run of [`fail_point_from_the_card_panel_and_the_print_kit`].
async fn fail_point_from_the_card_panel_and_the_print_kit_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.wait_titles(&[SAMPLE_EN]).await?;
    let doc = doc_path(data.path())?;

    // A blueprint journey with one frontstage card, made beside the running app.
    let id = run(Command::new(cli()).arg("new").arg(&doc).args([
        "--template",
        "service-blueprint",
        "--lang",
        "en",
        "--title",
        BLUEPRINT,
    ]))?;
    let j = journey_json(data.path(), BLUEPRINT)?;
    let front = j["journey"]["lanes"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["kind"] == "frontstage"))
        .and_then(|l| l["id"].as_str())
        .ok_or("a frontstage lane")?
        .to_string();
    let phase = phase_ids(&j).first().cloned().ok_or("a phase")?;
    apply_json(
        &doc,
        &json!({"op": "add_card", "journey_id": id.trim(), "phase_id": phase,
                "lane_id": front, "text": "Hands over the keys", "id": "card_keys"}),
    )?;

    app.wait_titles(&[SAMPLE_EN, BLUEPRINT]).await?;
    app.card(BLUEPRINT)
        .await?
        .find(By::Css("button.open"))
        .await?
        .click()
        .await?;
    press(&app, "[data-testid='canvas-card'][data-card='card_keys']").await?;
    app.wait_for("[data-testid='card-fail-point']")
        .await?
        .click()
        .await?;
    wait_doc(data.path(), BLUEPRINT, "the fail point", |j| {
        card_by_text(j, "Hands over the keys").is_some_and(|c| c["fail_point"] == true)
    })
    .await?;
    app.shot("blueprint-fail-point.png").await?;

    // The print kit: the canvas and one (empty) persona sheet.
    app.wait_for("[data-testid='open-print']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='print-kit']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='print-kit-hint']").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let facts = app
            .text_of("[data-testid='print-facts']")
            .await
            .unwrap_or_default();
        if facts.starts_with("3 pages") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the preview counts the canvas, the persona sheet and the parking-lot sheet: {facts:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.shot("blueprint-print-kit.png").await?;
    let pdf = app.export_pdf(data.path()).await?;
    assert!(
        pdf.to_string_lossy().ends_with("-kit.pdf"),
        "the kit's file name: {pdf:?}"
    );
    let info = run(Command::new("pdfinfo").arg(&pdf))?;
    // The canvas, the persona sheet and the parking-lot sheet (issue 31).
    assert!(info.contains("Pages:           3"), "{info}");
    let text = run(Command::new("pdftotext").arg(&pdf).arg("-"))?;
    for want in [
        "line of visibility",
        "blue notes",
        "photo or drawing",
        "Frustrations",
        "PARKING LOT",
    ] {
        assert!(text.contains(want), "{want:?} in the kit:\n{text}");
    }
    app.quit().await?;
    Ok(())
}
