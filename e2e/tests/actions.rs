//! End-to-end tests of the editor's actions list (ui/src/engine/actions.ts) in the real app:
//! the toolbar and the `?` overlay read it, the keys run it, fast entry is driven by its keys,
//! the live emotion curve has the print's colours, and characters Noto Sans lacks are drawn with
//! the bundled fallback font. The harness is the one of `app.rs` (each test file is its own
//! crate). Run under a display with `--test-threads=1`.
//!
//! The app is pointed at a temporary data directory (`KLANTREIS_DATA_DIR`), so the tests never
//! touch the user's own documents and every test starts as a first start.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::json;
use thirtyfour::prelude::*;
use thirtyfour::Key;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";
const SAMPLE_NL: &str = "Een e-bike kopen bij Fietsplezier";

impl App {
    /// Puts `text` in the fast-entry box as typing does (an input event).
    async fn fill_entry(&self, text: &str) -> Res {
        self.js(
            "const e = document.querySelector(\"[data-testid='card-entry']\");\
             e.value = arguments[0]; e.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(text)],
        )
        .await?;
        Ok(())
    }

    /// The `?` overlay's rows as `keys → what`.
    async fn help_rows(&self) -> Res<Vec<(String, String)>> {
        self.wait_for("[data-testid='shortcuts'] dd").await?;
        let v = self
            .js(
                "return [...document.querySelectorAll(\"[data-testid='shortcuts'] dt\")]\
                   .map(dt => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()]);",
                Vec::new(),
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// Pans (with the arrow keys, the editor's pan actions) until the element matching `css`
    /// is near the middle of the canvas.
    async fn pan_to(&self, css: &str) -> Res {
        for _ in 0..80 {
            let (x, y) = self.centre(css).await?;
            let (cx, cy) = self.centre("[data-testid='canvas']").await?;
            let key = if x - cx > 60 {
                Key::Right
            } else if cx - x > 60 {
                Key::Left
            } else if y - cy > 60 {
                Key::Down
            } else if cy - y > 60 {
                Key::Up
            } else {
                return Ok(());
            };
            self.key(key).await?;
        }
        Err(format!("could not pan to {css}").into())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn toolbar_overlay_and_keys_come_from_the_actions_list() -> Res {
    retry_on_hang(
        "toolbar_overlay_and_keys_come_from_the_actions_list",
        toolbar_overlay_and_keys_come_from_the_actions_list_once,
    )
    .await
}

/// One run of [`toolbar_overlay_and_keys_come_from_the_actions_list`].
async fn toolbar_overlay_and_keys_come_from_the_actions_list_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;

    // The toolbar: one button per toolbar action, each titled with its label and shortcut;
    // no button outside the list.
    let others: Vec<String> = serde_json::from_value(
        app.js(
            "return [...document.querySelectorAll(\"[data-testid='toolbar'] button:not([data-action])\")]\
               .map(b => b.dataset.testid);",
            Vec::new(),
        )
        .await?,
    )?;
    assert!(
        others.is_empty(),
        "toolbar buttons outside the actions list: {others:?}"
    );
    let buttons: Vec<(String, String)> = serde_json::from_value(
        app.js(
            // The zoom buttons float on the canvas (zoom-controls); the rest are in the toolbar.
            "return [\"[data-testid='zoom-controls']\", \"[data-testid='toolbar']\"]\
               .flatMap(c => [...document.querySelectorAll(c + ' button[data-action]')])\
               .map(b => [b.dataset.action, b.title]);",
            Vec::new(),
        )
        .await?,
    )?;

    let ids: Vec<&str> = buttons.iter().map(|b| b.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "zoom.out",
            "zoom.fit",
            "zoom.in",
            "zoom.read",
            "view.table",
            "phase.add",
            "lane.add",
            "view.assumptions",
            "view.matrix",
            "workshop",
            "present",
            "scan",
            "journey.makeToBe",
            "compare.with",
            "versions",
            "print",
            "help"
        ],
        "toolbar actions in order"
    );
    let title = |id: &str| {
        buttons
            .iter()
            .find(|b| b.0 == id)
            .map(|b| b.1.clone())
            .unwrap_or_default()
    };
    assert_eq!(title("zoom.fit"), "Fit to window (0)");
    assert_eq!(title("print"), "Print (Ctrl+P)");
    assert_eq!(title("help"), "Show this list (?)");
    assert_eq!(
        title("view.table"),
        "Show the map as a table (phases as columns, lanes as rows) (Shift+T)"
    );
    assert_eq!(
        title("phase.add"),
        "Add a phase",
        "no shortcut, no brackets"
    );
    app.shot("a01-toolbar.png").await?;

    // `?` opens the overlay, which lists the keys the actions declare.
    app.wait_for("[data-testid='canvas']")
        .await?
        .click()
        .await?;
    app.key("?").await?;
    let rows = app.help_rows().await?;
    let row = |what: &str| {
        rows.iter()
            .find(|r| r.1 == what)
            .map(|r| r.0.clone())
            .unwrap_or_default()
    };
    assert_eq!(row("Undo / redo"), "Ctrl+Z / Ctrl+Shift+Z");
    assert_eq!(row("Edit the selected card"), "F2 / double-click");
    assert_eq!(row("Save and go to the next cell"), "Tab / Shift+Tab");
    assert_eq!(row("Zoom in / out / fit / reading size"), "+ / – / 0 / 9");
    assert_eq!(
        row("Pan (or drag with the middle button, or Space + drag)"),
        "← / ↑ / → / ↓"
    );
    assert_eq!(row("New journey"), "Ctrl+J");
    assert_eq!(row("Add to the selection / drag a marquee"), "Shift+click");
    app.shot("a02-shortcuts-overlay.png").await?;
    // Esc (the editor's escape action) closes it.
    app.key(Key::Escape).await?;
    let deadline = Instant::now() + TIMEOUT;
    while !app
        .d()
        .find_all(By::Css("[data-testid='shortcuts']"))
        .await?
        .is_empty()
    {
        assert!(Instant::now() < deadline, "Esc closes the overlay");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Keys run actions: select a card, Ctrl+D duplicates it, Delete deletes the copy.
    let before = journey_json(data.path(), SAMPLE_EN)?;
    let n = before["journey"]["cards"].as_array().map_or(0, Vec::len);
    let ad = card_by_text(&before, "Instagram ad").ok_or("sample card")?;
    let ad_id = ad["id"].as_str().ok_or("id")?.to_string();
    let hook = format!("[data-testid='canvas-card'][data-card='{ad_id}']");
    let (x, y) = app.centre(&hook).await?;
    app.d()
        .action_chain()
        .move_to(x, y)
        .click()
        .perform()
        .await?;
    app.ctrl("d").await?;
    wait_doc(data.path(), SAMPLE_EN, "a duplicate", |j| {
        j["journey"]["cards"].as_array().map_or(0, Vec::len) == n + 1
    })
    .await?;
    // The copy is selected now: Delete removes it, not the original.
    app.key(Key::Delete).await?;
    let j = wait_doc(data.path(), SAMPLE_EN, "the duplicate deleted", |j| {
        j["journey"]["cards"].as_array().map_or(0, Vec::len) == n
    })
    .await?;
    assert!(
        card_by_text(&j, "Instagram ad").is_some(),
        "the original stays"
    );

    // Fast entry from the keyboard: the card is selected again by a click; Enter opens a new
    // card in its cell, Enter saves and starts the next, Tab saves and moves to the next cell,
    // Esc drops what is typed.
    let (x, y) = app.centre(&hook).await?;
    app.d()
        .action_chain()
        .move_to(x, y)
        .click()
        .perform()
        .await?;
    app.key(Key::Enter).await?;
    let entry = app.wait_for("[data-testid='card-entry']").await?;
    // WebKitWebDriver types no characters outside the BMP, so the emoji go in as input
    // events; the keys that move on are real key presses.
    app.fill_entry("Call the shop 📱").await?;
    entry.send_keys(Key::Enter).await?;
    app.fill_entry("Oops, wrong model 😅").await?;
    entry.send_keys(Key::Tab).await?;
    entry.send_keys("In the next cell" + Key::Enter).await?;
    entry.send_keys("Never saved").await?;
    entry.send_keys(Key::Escape).await?;
    let phases = phase_ids(&before);
    let j = wait_doc(data.path(), SAMPLE_EN, "three typed cards", |j| {
        [
            "Call the shop 📱",
            "Oops, wrong model 😅",
            "In the next cell",
        ]
        .iter()
        .all(|t| card_by_text(j, t).is_some())
    })
    .await?;
    for t in ["Call the shop 📱", "Oops, wrong model 😅"] {
        let c = card_by_text(&j, t).ok_or(t)?;
        assert_eq!(
            c["phase_id"], ad["phase_id"],
            "{t}: the selected card's cell"
        );
        assert_eq!(c["lane_id"], ad["lane_id"], "{t}: the selected card's lane");
    }
    let next = card_by_text(&j, "In the next cell").ok_or("next")?;
    assert_eq!(
        next["phase_id"],
        phases[1].as_str(),
        "Tab went to the next phase"
    );
    assert_eq!(next["lane_id"], ad["lane_id"], "in the same lane");
    assert!(
        card_by_text(&j, "Never saved").is_none(),
        "Esc drops the draft"
    );

    // The card with 📱 and 😅 is drawn with the bundled fallback font (Symbola), loaded as a
    // web font, not with whatever the system has.
    let phone = card_id(&j, "Call the shop 📱")?;
    let phone_hook = format!("[data-testid='canvas-card'][data-card='{phone}']");
    app.centre(&phone_hook).await?;
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let loaded = app
            .js(
                "return [...document.fonts].some(f => f.family.includes('Klantreis Symbols') && f.status === 'loaded')\
                   && document.fonts.check(\"16px 'Klantreis Symbols'\", '📱😅');",
                Vec::new(),
            )
            .await?;
        if loaded == json!(true) {
            break;
        }
        assert!(Instant::now() < deadline, "the fallback font never loaded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Zoom in on it, keeping it in the middle (what is off screen has no hook to find).
    app.pan_to(&phone_hook).await?;
    for _ in 0..6 {
        app.key("+").await?;
        app.pan_to(&phone_hook).await?;
    }
    app.shot("a03-card-with-emoji.png").await?;
    app.key("0").await?;

    // While an emotion point is dragged, the live curve has the print's colours only.
    let (curious, p, to) = curious_to_annoyed(&app, &before).await?;
    let mut chain = app.d().action_chain().move_to(p.0, p.1).click_and_hold();
    for i in 1..=6 {
        chain = chain.move_to(p.0, p.1 + (to.1 - p.1) * i / 6);
    }
    chain.perform().await?;
    app.wait_for("[data-testid='live-curve'] path").await?;
    let colours = app
        .js(
            "return [...document.querySelectorAll(\"[data-testid='live-curve'] path\")]\
               .map(p => [p.getAttribute('stroke'), p.getAttribute('fill')]);",
            Vec::new(),
        )
        .await?;
    let colours: Vec<(String, String)> = serde_json::from_value(colours)?;
    let strokes: Vec<&str> = colours
        .iter()
        .map(|c| c.0.as_str())
        .filter(|s| *s != "none" && *s != "#ffffff")
        .collect();
    assert!(!strokes.is_empty(), "the live curve has lines: {colours:?}");
    for s in &strokes {
        assert!(
            *s == "#2f9e6b" || *s == "#d64550",
            "curve lines are the print's green or red, not {s}"
        );
    }
    let fills: Vec<&str> = colours
        .iter()
        .map(|c| c.1.as_str())
        .filter(|f| *f != "none" && *f != "#ffffff")
        .collect();
    assert!(
        fills.iter().all(|f| *f == "#dcf1e6" || *f == "#f9e0e2"),
        "areas are the print's soft green or red: {fills:?}"
    );
    app.shot("a04-live-curve.png").await?;
    app.d().action_chain().release().perform().await?;
    wait_emotion(data.path(), SAMPLE_EN, &curious, -2, "emotion −2").await?;
    app.shot("a05-curve-after-drop.png").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overlay_speaks_dutch() -> Res {
    retry_on_hang("the_overlay_speaks_dutch", the_overlay_speaks_dutch_once).await
}

/// One run of [`the_overlay_speaks_dutch`].
async fn the_overlay_speaks_dutch_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "nl_NL.UTF-8").await?;
    app.open_journey(SAMPLE_NL).await?;
    app.wait_for("[data-testid='open-shortcuts']")
        .await?
        .click()
        .await?;
    let rows = app.help_rows().await?;
    let row = |what: &str| {
        rows.iter()
            .find(|r| r.1 == what)
            .map(|r| r.0.clone())
            .unwrap_or_default()
    };
    assert_eq!(row("Ongedaan maken / opnieuw"), "Ctrl+Z / Ctrl+Shift+Z");
    assert_eq!(row("Gekozen kaart bewerken"), "F2 / dubbelklik");
    assert_eq!(
        row("Aan de selectie toevoegen / een kader slepen"),
        "Shift+klik"
    );
    let title = app
        .wait_for("[data-testid='open-print']")
        .await?
        .attr("title")
        .await?
        .unwrap_or_default();
    assert_eq!(title, "Afdrukken (Ctrl+P)");
    app.shot("a06-shortcuts-dutch.png").await?;
    app.quit().await?;
    Ok(())
}

/// Screen geometry of canvas elements and the document behind the app, for the canvas test.
impl App {}
