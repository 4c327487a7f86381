//! End to end: one version opened read-only on the canvas. Take a version, change a card's
//! text, open the version: its canvas shows the old text; a drag, a double click and Ctrl+Z
//! there change nothing in the file (read back through the command-line tool); Esc returns to
//! today's map with the new text. Run under a display with `--test-threads=1` (see `app.rs`).

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::json;
use thirtyfour::prelude::*;
use thirtyfour::Key;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";
const NEW_TEXT: &str = "Curious, and a little wary";

/// The accessible label of the first element matching `css` (a canvas hook: the card's text).
async fn label_of(app: &App, css: &str) -> Res<String> {
    app.wait_for(css).await?;
    let ret = app
        .d()
        .execute(
            "return document.querySelector(arguments[0]).getAttribute('aria-label');",
            vec![json!(css)],
        )
        .await?;
    Ok(ret.convert()?)
}

/// Waits until nothing matches `css`.
async fn wait_gone(app: &App, css: &str, what: &str) -> Res {
    let deadline = Instant::now() + TIMEOUT;
    while !app.d().find_all(By::Css(css)).await?.is_empty() {
        if Instant::now() > deadline {
            return Err(format!("still shown: {what}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_version_opens_read_only_on_the_canvas() -> Res {
    retry_on_hang(
        "a_version_opens_read_only_on_the_canvas",
        a_version_opens_read_only_on_the_canvas_once,
    )
    .await
}

/// One run of [`a_version_opens_read_only_on_the_canvas`].
async fn a_version_opens_read_only_on_the_canvas_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;
    let before = journey_json(data.path(), SAMPLE_EN)?;
    let card = card_by_text(&before, "Curious").ok_or("sample card Curious")?;
    let id = card["id"].as_str().ok_or("id")?.to_string();
    let hook = format!("[data-testid='canvas-card'][data-card='{id}']");

    // 1. Take a version.
    app.wait_for("[data-testid='versions-open']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='version-name']")
        .await?
        .send_keys("before the wording")
        .await?;
    app.wait_for("[data-testid='version-take']")
        .await?
        .click()
        .await?;
    app.wait_text("[data-testid='version-row'] strong", "before the wording")
        .await?;
    app.d()
        .find(By::Css("[data-testid='versions'] header button"))
        .await?
        .click()
        .await?;
    wait_gone(&app, "[data-testid='versions']", "the versions list").await?;

    // 2. Change the card's text in its panel.
    let at = app.centre(&hook).await?;
    app.d()
        .action_chain()
        .move_to(at.0, at.1)
        .click()
        .perform()
        .await?;
    let text = app.wait_for("[data-testid='card-text']").await?;
    text.clear().await?;
    text.send_keys(NEW_TEXT.to_string() + Key::Tab).await?;
    let edited = wait_doc(data.path(), SAMPLE_EN, "the new text", |j| {
        card_by_text(j, NEW_TEXT).is_some()
    })
    .await?;
    app.wait_for("body").await?.send_keys(Key::Escape).await?;

    // 3. Open the version: its canvas shows the old text, and says it is read-only.
    app.wait_for("[data-testid='versions-open']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='version-open']")
        .await?
        .click()
        .await?;
    let view_hook = format!("[data-testid='version-view'] {hook}");
    assert_eq!(label_of(&app, &view_hook).await?, "Curious");
    assert!(app
        .text_of("[data-testid='version-view-name']")
        .await?
        .contains("before the wording"));
    assert!(app
        .text_of("[data-testid='version-view-readonly']")
        .await?
        .contains("Read-only"));
    let ro: Option<String> = app
        .d()
        .execute(
            "return document.querySelector(\"[data-testid='version-view'] [data-testid='canvas']\").dataset.readonly ?? null;",
            vec![],
        )
        .await?
        .convert()?;
    assert_eq!(ro.as_deref(), Some("true"));
    app.shot("41-version-view.png").await?;

    // 4. Nothing there edits: drag the card a phase over, double-click it, press Ctrl+Z and
    // Delete. The file stays as it was (the new text, the card where it was, as many cards).
    let from = app.centre(&view_hook).await?;
    let mut chain = app
        .d()
        .action_chain()
        .move_to(from.0, from.1)
        .click_and_hold();
    for i in 1..=8 {
        chain = chain.move_to(from.0 + 30 * i, from.1 + 5 * i);
    }
    chain.release().perform().await?;
    // A drag there pans the map: the card's note moved with the pointer, and nothing was
    // picked up (no drop target shown).
    let again = app.centre(&view_hook).await?;
    assert!(
        (again.0 - from.0 - 240).abs() <= 4 && (again.1 - from.1 - 40).abs() <= 4,
        "the drag panned the map: {from:?} → {again:?}"
    );
    assert!(
        app.d()
            .find_all(By::Css("[data-testid='drop-target']"))
            .await?
            .is_empty(),
        "no drop target in the version view"
    );
    app.d()
        .action_chain()
        .move_to(again.0, again.1)
        .double_click()
        .perform()
        .await?;
    app.ctrl("z").await?;
    app.d()
        .action_chain()
        .send_keys(Key::Delete)
        .perform()
        .await?;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        app.d()
            .find_all(By::Css("[data-testid='card-entry']"))
            .await?
            .is_empty(),
        "no card entry opened in the version view"
    );
    let after = journey_json(data.path(), SAMPLE_EN)?;
    let c = card_by_text(&after, NEW_TEXT).ok_or("the new text is still there")?;
    let was = card_by_text(&edited, NEW_TEXT).ok_or("edited card")?;
    assert_eq!(
        (&c["phase_id"], &c["lane_id"]),
        (&was["phase_id"], &was["lane_id"]),
        "the drag moved nothing"
    );
    assert_eq!(
        after["journey"]["cards"].as_array().map(Vec::len),
        edited["journey"]["cards"].as_array().map(Vec::len),
        "no card added or deleted"
    );
    assert_eq!(
        after["journey"]["cards"], edited["journey"]["cards"],
        "the file is unchanged"
    );
    // The pan moved the map, not the card: the version still shows the old text.
    assert_eq!(label_of(&app, &view_hook).await?, "Curious");
    app.shot("42-version-view-panned.png").await?;

    // 5. Esc: back to today's map, with the new text.
    app.d()
        .action_chain()
        .send_keys(Key::Escape)
        .perform()
        .await?;
    wait_gone(&app, "[data-testid='version-view']", "the version view").await?;
    wait_gone(&app, "[data-testid='versions']", "the versions list").await?;
    assert_eq!(label_of(&app, &hook).await?, NEW_TEXT);
    app.quit().await?;
    Ok(())
}

/// "Restore this version" from the version view: one undoable step, the view closes, and
/// today's map shows the old text again (checked in the file through the command-line tool).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_from_the_version_view() -> Res {
    retry_on_hang(
        "restore_from_the_version_view",
        restore_from_the_version_view_once,
    )
    .await
}

/// One run of [`restore_from_the_version_view`].
async fn restore_from_the_version_view_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "nl_NL.UTF-8").await?;
    let title = "Een e-bike kopen bij Fietsplezier".to_string();
    app.open_journey(&title).await?;
    let j = journey_json(data.path(), &title)?;
    // The shortest card: its text fits on one line, so its label is the text itself.
    let first = j["journey"]["cards"]
        .as_array()
        .and_then(|cs| {
            cs.iter()
                .filter(|c| c["text"].as_str().is_some_and(|t| !t.is_empty()))
                .min_by_key(|c| c["text"].as_str().map_or(usize::MAX, |t| t.chars().count()))
        })
        .ok_or("a card with text")?;
    let id = first["id"].as_str().ok_or("card id")?.to_string();
    let old = first["text"].as_str().ok_or("card text")?.to_string();
    app.click_until(
        "[data-testid='versions-open']",
        "[data-testid='version-name']",
    )
    .await?;
    app.wait_for("[data-testid='version-name']")
        .await?
        .send_keys("voor de workshop")
        .await?;
    app.wait_for("[data-testid='version-take']")
        .await?
        .click()
        .await?;
    app.wait_text("[data-testid='version-row'] strong", "voor de workshop")
        .await?;
    app.d()
        .find(By::Css("[data-testid='versions'] header button"))
        .await?
        .click()
        .await?;
    wait_gone(&app, "[data-testid='versions']", "the versions list").await?;
    let hook = format!("[data-testid='canvas-card'][data-card='{id}']");
    let at = app.centre(&hook).await?;
    app.d()
        .action_chain()
        .move_to(at.0, at.1)
        .click()
        .perform()
        .await?;
    let text = app.wait_for("[data-testid='card-text']").await?;
    text.clear().await?;
    text.send_keys("Anders verwoord".to_string() + Key::Tab)
        .await?;
    wait_doc(data.path(), &title, "the new text", |j| {
        card_by_text(j, "Anders verwoord").is_some()
    })
    .await?;
    app.wait_for("body").await?.send_keys(Key::Escape).await?;
    app.wait_for("[data-testid='versions-open']")
        .await?
        .click()
        .await?;
    let open = app.wait_for("[data-testid='version-open']").await?;
    assert_eq!(open.text().await?, "Bekijken");
    open.click().await?;
    assert_eq!(
        label_of(&app, &format!("[data-testid='version-view'] {hook}")).await?,
        old
    );
    app.shot("43-version-view-nl.png").await?;
    app.wait_for("[data-testid='version-view-restore']")
        .await?
        .click()
        .await?;
    wait_doc(data.path(), &title, "the old text back", |j| {
        card_by_text(j, &old).is_some() && card_by_text(j, "Anders verwoord").is_none()
    })
    .await?;
    wait_gone(&app, "[data-testid='version-view']", "the version view").await?;
    wait_gone(&app, "[data-testid='versions']", "the versions list").await?;
    app.wait_for(&hook).await?;
    let deadline = Instant::now() + TIMEOUT;
    while label_of(&app, &hook).await? != old {
        assert!(Instant::now() < deadline, "today's map shows the old text");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.quit().await?;
    Ok(())
}
