//! End-to-end tests of the real desktop app: the built binary, driven through tauri-driver and
//! WebKitWebDriver. Run under a display (`make e2e` uses `xvfb-run`) with `--test-threads=1`:
//! each test starts its own app and driver.
//!
//! The app is pointed at a temporary data directory (`KLANTREIS_DATA_DIR`), so the tests never
//! touch the user's own documents and every test starts as a first start.

mod common;

use std::process::Command;

use common::*;
use thirtyfour::prelude::*;
use thirtyfour::Key;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_rename_undo_and_find_it_after_restart() -> Res {
    retry_on_hang(
        "create_rename_undo_and_find_it_after_restart",
        create_rename_undo_and_find_it_after_restart_once,
    )
    .await
}

/// One run of [`create_rename_undo_and_find_it_after_restart`].
async fn create_rename_undo_and_find_it_after_restart_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;

    // First start: a default document with the sample journey, in the system language.
    app.wait_titles(&[SAMPLE_EN]).await?;
    assert_eq!(app.text_of("h1").await?, "Customer journeys");
    let counts = app
        .card(SAMPLE_EN)
        .await?
        .find(By::Css("[data-testid='journey-counts']"))
        .await?
        .text()
        .await?;
    assert!(counts.starts_with("5 phases"), "sample counts: {counts}");
    app.shot("01-home-first-start.png").await?;

    // Create a journey from the B2B template, checking the preview first.
    app.wait_for("[data-testid='new-journey']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='new-journey-dialog']").await?;
    app.wait_for("[data-template-id='b2b']")
        .await?
        .click()
        .await?;
    let lanes = app
        .d()
        .find_all(By::Css("[data-testid='preview-lane']"))
        .await?;
    let phases = app
        .d()
        .find_all(By::Css("[data-testid='preview-phase']"))
        .await?;
    assert!(lanes.len() >= 3, "the preview shows the template's lanes");
    assert!(phases.len() >= 3, "the preview shows the template's phases");
    let phase_count = phases.len();
    app.wait_for("[data-testid='new-journey-title']")
        .await?
        .send_keys("Supplier onboarding")
        .await?;
    app.shot("02-new-journey-dialog.png").await?;
    app.wait_for("[data-testid='create-journey']")
        .await?
        .click()
        .await?;
    // The new journey opens on its canvas, the keyboard on the map for fast entry.
    app.wait_text("[data-testid='view-title']", "Supplier onboarding")
        .await?;
    app.wait_for("[data-testid='canvas-phase']").await?;
    assert!(
        app.d()
            .find_all(By::Css("[data-testid='new-journey-dialog']"))
            .await?
            .is_empty(),
        "the dialog closes after creating"
    );
    let focus = app
        .js(
            "return document.activeElement?.dataset?.testid ?? null",
            vec![],
        )
        .await?;
    assert_eq!(focus, "canvas", "the map has the keyboard");
    app.wait_for("[data-testid='back-home']")
        .await?
        .click()
        .await?;
    app.wait_titles(&[SAMPLE_EN, "Supplier onboarding"]).await?;

    // Rename it inline.
    let card = app.card("Supplier onboarding").await?;
    card.find(By::Css("[data-testid='journey-menu']"))
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='journey-rename']")
        .await?
        .click()
        .await?;
    let input = app.wait_for("[data-testid='journey-rename-input']").await?;
    // No clear(): WebDriver's clear blurs the field, which commits the rename. The field
    // opens with its text selected, so typing replaces it.
    input
        .send_keys("Supplier onboarding 2027" + Key::Enter)
        .await?;
    app.wait_titles(&[SAMPLE_EN, "Supplier onboarding 2027"])
        .await?;
    app.shot("03-renamed.png").await?;

    // Undo with the keyboard brings the old name back; the rename is the last edit.
    app.ctrl("z").await?;
    app.wait_titles(&[SAMPLE_EN, "Supplier onboarding"]).await?;
    // Redo with Ctrl+Shift+Z, then undo again with the toolbar button.
    app.ctrl_shift("z").await?;
    app.wait_titles(&[SAMPLE_EN, "Supplier onboarding 2027"])
        .await?;
    app.wait_for("[data-testid='undo']").await?.click().await?;
    app.wait_titles(&[SAMPLE_EN, "Supplier onboarding"]).await?;

    // Open it: the canvas shows the template's phases.
    let card = app.card("Supplier onboarding").await?;
    card.find(By::Css("button.open")).await?.click().await?;
    app.wait_for("[data-testid='canvas-phase']").await?;
    app.wait_text("[data-testid='view-title']", "Supplier onboarding")
        .await?;
    let grid_phases = app
        .d()
        .find_all(By::Css("[data-testid='canvas-phase']"))
        .await?;
    assert_eq!(
        grid_phases.len(),
        phase_count,
        "the canvas has a header per phase"
    );
    app.shot("04-journey-view.png").await?;

    // Link the sample's persona, which the document already has, to this journey.
    app.wait_for("[data-testid='link-persona']").await?;
    app.d()
        .query(By::XPath(
            "//*[@data-testid='link-persona']/option[contains(., 'Anouk de Vries')]",
        ))
        .first()
        .await?
        .click()
        .await?;
    let linked = wait_doc(
        data.path(),
        "Supplier onboarding",
        "the sample's persona linked",
        |j| {
            j["personas"]
                .as_array()
                .is_some_and(|a| a.iter().any(|p| p["name"] == "Anouk de Vries"))
        },
    )
    .await?;
    assert_eq!(
        linked["journey"]["persona_ids"].as_array().map(Vec::len),
        Some(1),
        "one persona linked"
    );
    // Linking is one edit: undo unlinks it (and leaves the journey's creation the last edit).
    app.wait_for("[data-testid='undo']").await?.click().await?;
    wait_doc(data.path(), "Supplier onboarding", "the link undone", |j| {
        j["journey"]["persona_ids"]
            .as_array()
            .is_some_and(Vec::is_empty)
    })
    .await?;
    app.wait_for("[data-testid='back-home']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='journey-list']").await?;

    // The sample journey opens with its cards.
    app.card(SAMPLE_EN)
        .await?
        .find(By::Css("button.open"))
        .await?
        .click()
        .await?;
    app.wait_text("[data-testid='view-title']", SAMPLE_EN)
        .await?;
    let cards = app
        .d()
        .find_all(By::Css("[data-testid='canvas-card']"))
        .await?;
    assert!(
        cards.len() > 5,
        "the sample journey shows its cards, got {}",
        cards.len()
    );
    app.shot("05-sample-journey.png").await?;

    app.quit().await?;

    // Start again: the same document, with the undone rename still undone.
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.wait_titles(&[SAMPLE_EN, "Supplier onboarding"]).await?;
    // Undo after a restart undoes the creation: history lives in the document.
    app.ctrl("z").await?;
    app.wait_titles(&[SAMPLE_EN]).await?;
    app.quit().await?;

    let docs: Vec<_> = std::fs::read_dir(data.path())?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "klantreis"))
        .collect();
    assert_eq!(docs.len(), 1, "one document in the data dir");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dutch_locale_and_switching_language() -> Res {
    retry_on_hang(
        "dutch_locale_and_switching_language",
        dutch_locale_and_switching_language_once,
    )
    .await
}

/// One run of [`dutch_locale_and_switching_language`].
async fn dutch_locale_and_switching_language_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "nl_NL.UTF-8").await?;
    app.wait_titles(&["Een e-bike kopen bij Fietsplezier"])
        .await?;
    assert_eq!(app.text_of("h1").await?, "Klantreizen");
    app.shot("06-home-dutch.png").await?;

    // Duplicate, then delete the copy and undo the delete from the toast.
    let card = app.card("Een e-bike kopen bij Fietsplezier").await?;
    card.find(By::Css("[data-testid='journey-menu']"))
        .await?
        .click()
        .await?;
    app.shot("07-card-menu-dutch.png").await?;
    app.wait_for("[data-testid='journey-duplicate']")
        .await?
        .click()
        .await?;
    let copy = "Een e-bike kopen bij Fietsplezier (kopie)";
    app.wait_titles(&["Een e-bike kopen bij Fietsplezier", copy])
        .await?;
    let card = app.card(copy).await?;
    card.find(By::Css("[data-testid='journey-menu']"))
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='journey-delete']")
        .await?
        .click()
        .await?;
    app.wait_titles(&["Een e-bike kopen bij Fietsplezier"])
        .await?;
    app.wait_for("[data-testid='toast-action']")
        .await?
        .click()
        .await?;
    app.wait_titles(&["Een e-bike kopen bij Fietsplezier", copy])
        .await?;

    // Switch the UI to English in the settings; the choice sticks across a restart.
    app.wait_for("[data-testid='open-settings']")
        .await?
        .click()
        .await?;
    let select = app.wait_for("[data-testid='language-select']").await?;
    app.shot("08-settings-dutch.png").await?;
    select
        .find(By::Css("option[value='en']"))
        .await?
        .click()
        .await?;
    app.wait_text("h1", "Customer journeys").await?;
    app.wait_for("[data-testid='settings-done']")
        .await?
        .click()
        .await?;
    app.quit().await?;

    let app = App::start(data.path(), "nl_NL.UTF-8").await?;
    app.wait_text("h1", "Customer journeys").await?;
    app.quit().await?;
    Ok(())
}

/// Screen geometry of canvas elements and the document behind the app, for the canvas test.
impl App {
    /// Centres of all phase headers, left to right.
    async fn phase_centres(&self) -> Res<Vec<(i64, i64)>> {
        let ret = self
            .d()
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='canvas-phase']\")]\
                   .map(e => e.getBoundingClientRect())\
                   .sort((a, b) => a.left - b.left)\
                   .map(r => [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)]);",
                Vec::new(),
            )
            .await?;
        let v: Vec<Vec<i64>> = ret.convert()?;
        Ok(v.into_iter().map(|p| (p[0], p[1])).collect())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn canvas_drag_fast_entry_emotion_undo_and_print() -> Res {
    retry_on_hang(
        "canvas_drag_fast_entry_emotion_undo_and_print",
        canvas_drag_fast_entry_emotion_undo_and_print_once,
    )
    .await
}

/// One run of [`canvas_drag_fast_entry_emotion_undo_and_print`].
async fn canvas_drag_fast_entry_emotion_undo_and_print_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;
    app.shot("10-canvas.png").await?;

    // 1. Drag "Instagram ad" (Awareness) to the fourth phase, same lane, with pointer actions.
    let before = journey_json(data.path(), SAMPLE_EN)?;
    let phases = phase_ids(&before);
    let card = card_by_text(&before, "Instagram ad").ok_or("sample card")?;
    let card_id = card["id"].as_str().ok_or("card id")?.to_string();
    assert_eq!(card["phase_id"], phases[0].as_str());
    let from = app
        .centre(&format!(
            "[data-testid='canvas-card'][data-card='{card_id}']"
        ))
        .await?;
    let heads = app.phase_centres().await?;
    assert_eq!(heads.len(), 5, "five phase headers on the canvas");
    app.drag(from, (heads[3].0, from.1)).await?;
    let phase3 = phases[3].clone();
    wait_doc(
        data.path(),
        SAMPLE_EN,
        "the card in the fourth phase",
        |j| card_by_text(j, "Instagram ad").is_some_and(|c| c["phase_id"] == phase3.as_str()),
    )
    .await?;
    app.shot("11-after-drag.png").await?;

    // 2. Fast entry: double-click an empty cell (Decision × Thoughts) and type three cards.
    let thought = card_by_text(&before, "“Would that suit me?”").ok_or("thought card")?;
    let thought_id = thought["id"].as_str().ok_or("id")?.to_string();
    let row = app
        .centre(&format!(
            "[data-testid='canvas-card'][data-card='{thought_id}']"
        ))
        .await?;
    app.d()
        .action_chain()
        .move_to(heads[2].0, row.1)
        .double_click()
        .perform()
        .await?;
    let entry = app.wait_for("[data-testid='card-entry']").await?;
    for text in ["First thought", "Second thought", "Third thought"] {
        entry.send_keys(text.to_string() + Key::Enter).await?;
    }
    app.shot("12-fast-entry.png").await?;
    entry.send_keys(Key::Escape).await?;
    let j = wait_doc(data.path(), SAMPLE_EN, "three typed cards", |j| {
        ["First thought", "Second thought", "Third thought"]
            .iter()
            .all(|t| card_by_text(j, t).is_some())
    })
    .await?;
    let typed: Vec<&serde_json::Value> = ["First thought", "Second thought", "Third thought"]
        .iter()
        .filter_map(|t| card_by_text(&j, t))
        .collect();
    for c in &typed {
        assert_eq!(
            c["phase_id"],
            phases[2].as_str(),
            "typed into the clicked phase"
        );
        assert_eq!(
            c["lane_id"], thought["lane_id"],
            "typed into the clicked lane"
        );
    }
    let orders: Vec<&str> = typed.iter().filter_map(|c| c["order"].as_str()).collect();
    assert!(
        orders.windows(2).all(|w| w[0] < w[1]),
        "cards keep the typing order: {orders:?}"
    );

    // 3. Drag the emotion point of "Curious" (+1) down to the level of "Annoyed" (−2).
    let (curious, p, to) = curious_to_annoyed(&app, &before).await?;
    app.drag(p, to).await?;
    wait_emotion(data.path(), SAMPLE_EN, &curious, -2, "emotion −2").await?;
    app.shot("13-emotion-dragged.png").await?;

    // 4. Undo and redo from the keyboard.
    app.ctrl("z").await?;
    wait_emotion(data.path(), SAMPLE_EN, &curious, 1, "emotion back to +1").await?;
    app.ctrl_shift("z").await?;
    wait_emotion(data.path(), SAMPLE_EN, &curious, -2, "emotion −2 again").await?;

    // 5. Print an A0 PDF through the print dialog.
    app.wait_for("[data-testid='open-print']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='print-preview'] svg").await?;
    app.wait_for("[data-testid='print-min-text']").await?;
    app.shot("14-print-dialog.png").await?;
    let pdf = app.export_pdf(data.path()).await?;
    app.shot("15-printed.png").await?;
    let info = Command::new("pdfinfo").arg(&pdf).output()?;
    let info = String::from_utf8(info.stdout)?;
    assert!(
        info.contains("Page size:       3370.39 x 2383.94 pts"),
        "A0 landscape page: {info}"
    );
    app.quit().await?;
    Ok(())
}
