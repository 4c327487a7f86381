//! End-to-end test of dot voting typed in the real app (issue 31): a card's votes set from the
//! keyboard in its panel (`+` and `-` step, a typed number and Enter), each one edit read back
//! from the file, and Ctrl+Z taking the last one back; then the workshop report made from the
//! workshop panel: the PDF is written and holds its parts, the voted card among the votes.
//! Run under a display with `--test-threads=1` (see `common`).

mod common;

use common::*;
use serde_json::json;
use thirtyfour::Key;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";

/// The votes of card `id` in the file (absent is 0).
fn votes(j: &serde_json::Value, id: &str) -> u64 {
    j["journey"]["cards"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == id))
        .and_then(|c| c["votes"].as_u64())
        .unwrap_or(0)
}

/// Clicks the element matching `css` in the page (HTMLElement.click) once it is there: the
/// panel's buttons are plain buttons, and WebDriver's own click now and then never answered
/// while the canvas animated (see e2e/tests/workshop.rs).
async fn click_js(app: &App, css: &str) -> Res {
    app.wait_for(css).await?;
    app.js(
        "document.querySelector(arguments[0]).click();",
        vec![json!(css)],
    )
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_typed_with_the_keyboard_are_edits_and_undo() -> Res {
    retry_on_hang(
        "votes_typed_with_the_keyboard_are_edits_and_undo",
        votes_typed_with_the_keyboard_are_edits_and_undo_once,
    )
    .await
}

/// One run of [`votes_typed_with_the_keyboard_are_edits_and_undo`].
async fn votes_typed_with_the_keyboard_are_edits_and_undo_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;
    let before = journey_json(data.path(), SAMPLE_EN)?;
    let id = before["journey"]["cards"][0]["id"]
        .as_str()
        .ok_or("the sample's first card")?
        .to_string();
    assert_eq!(votes(&before, &id), 0, "the sample starts without votes");

    // Open the card's panel with a pointer click on its hook (WebKitWebDriver refuses a
    // click on an element without pointer events, so the click goes to its centre).
    let hook = format!("[data-testid='canvas-card'][data-card='{id}']");
    app.wait_for(&hook).await?;
    let (x, y): (i64, i64) = app
        .d()
        .execute(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();\
             return [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)];",
            vec![json!(hook)],
        )
        .await?
        .convert()?;
    app.d()
        .action_chain()
        .move_to(x, y)
        .click()
        .perform()
        .await?;
    app.wait_for("[data-testid='card-panel']").await?;
    let field = "[data-testid='card-votes']";
    app.wait_for(field).await?;
    app.js(
        "document.querySelector(arguments[0]).focus();",
        vec![json!(field)],
    )
    .await?;

    // `+` three times, `-` once: each key one edit.
    for (key, want) in [("+", 1), ("+", 2), ("+", 3), ("-", 2)] {
        app.key(key).await?;
        let i = id.clone();
        wait_doc(data.path(), SAMPLE_EN, &format!("{want} votes"), |j| {
            votes(j, &i) == want
        })
        .await?;
    }
    // A typed number, committed with Enter.
    app.ctrl("a").await?;
    app.key("7").await?;
    app.key(Key::Enter).await?;
    let i = id.clone();
    wait_doc(data.path(), SAMPLE_EN, "7 votes typed", |j| {
        votes(j, &i) == 7
    })
    .await?;
    app.shot("votes-01-seven.png").await?;

    // Undo from the map (out of the field, where Ctrl+Z would undo the typing itself).
    app.js("document.activeElement.blur();", Vec::new()).await?;
    app.ctrl("z").await?;
    let i = id.clone();
    wait_doc(data.path(), SAMPLE_EN, "the typed 7 undone", |j| {
        votes(j, &i) == 2
    })
    .await?;
    let shown: String = app
        .d()
        .execute(
            "return document.querySelector(arguments[0]).value;",
            vec![json!(field)],
        )
        .await?
        .convert()?;
    assert_eq!(shown, "2", "the panel shows the votes after undo");

    // The workshop report from the app (KLANTREIS_EXPORT_DIR stands in for the save dialog).
    click_js(&app, "[data-testid='open-workshop']").await?;
    app.wait_for("[data-testid='workshop-panel']").await?;
    click_js(&app, "[data-testid='ws-report']").await?;
    let pdf = data
        .path()
        .join("exports")
        .join(format!("{SAMPLE_EN} - workshop.pdf"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !pdf.exists() {
        if std::time::Instant::now() > deadline {
            return Err(format!("no workshop report at {}", pdf.display()).into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // Written whole (write_atomic), so once it is there pdftotext reads all of it.
    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    // The voted card's first two words (a longer text may wrap in pdftotext's lines).
    let card_text: String = before["journey"]["cards"][0]["text"]
        .as_str()
        .ok_or("the first card's text")?
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    for want in [
        "WORKSHOP REPORT",
        SAMPLE_EN,
        "Goal, persona and scope",
        "Steps",
        "Votes",
        card_text.as_str(),
    ] {
        assert!(
            text.contains(want),
            "{want:?} in the workshop report:\n{text}"
        );
    }
    app.quit().await
}
