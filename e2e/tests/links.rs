//! End-to-end tests of issue 12's non-linear journeys and review, in the real app: a link
//! between two cards drawn by dragging from the selected card's handle, read back from the
//! file, relabelled, undone and redone, selected on the canvas and deleted with the Delete
//! key; and a review question answered in the review panel, found in the document and on the
//! printed map (`pdftotext`).

mod common;

use std::process::Command;

use common::*;
use serde_json::json;
use thirtyfour::Key;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";

impl App {
    /// How many elements match `css` now.
    async fn count(&self, css: &str) -> Res<usize> {
        let ret = self
            .d()
            .execute(
                "return document.querySelectorAll(arguments[0]).length;",
                vec![json!(css)],
            )
            .await?;
        Ok(ret.convert()?)
    }

    async fn wait_count(&self, css: &str, want: usize) -> Res {
        let deadline = std::time::Instant::now() + TIMEOUT;
        loop {
            let n = self.count(css).await?;
            if n == want {
                return Ok(());
            }
            if std::time::Instant::now() > deadline {
                return Err(format!("{n} × {css}, expected {want}").into());
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    async fn click_at(&self, p: (i64, i64)) -> Res {
        self.d()
            .action_chain()
            .move_to(p.0, p.1)
            .click()
            .perform()
            .await?;
        Ok(())
    }

    /// Scrolls the element into the middle of its panel and clicks it (WebKitWebDriver does
    /// not scroll a side panel for a click below its fold).
    async fn click_css(&self, css: &str) -> Res {
        self.wait_for(css).await?;
        self.d()
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
                vec![json!(css)],
            )
            .await?;
        self.wait_for(css).await?.click().await?;
        Ok(())
    }
}

fn links(j: &serde_json::Value) -> Vec<serde_json::Value> {
    j["journey"]["links"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn draw_a_link_by_dragging_read_it_back_relabel_undo_and_delete() -> Res {
    retry_on_hang(
        "draw_a_link_by_dragging_read_it_back_relabel_undo_and_delete",
        draw_a_link_by_dragging_read_it_back_relabel_undo_and_delete_once,
    )
    .await
}

/// One run of [`draw_a_link_by_dragging_read_it_back_relabel_undo_and_delete`].
async fn draw_a_link_by_dragging_read_it_back_relabel_undo_and_delete_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;

    // A card of the first phase and one of the fourth (a jump forward).
    let before = journey_json(data.path(), SAMPLE_EN)?;
    assert!(links(&before).is_empty(), "the sample has no links");
    let phases = phase_ids(&before);
    let from = card_id(&before, "Instagram ad")?;
    let to = before["journey"]["cards"]
        .as_array()
        .ok_or("cards")?
        .iter()
        .find(|c| c["phase_id"] == phases[3].as_str())
        .and_then(|c| c["id"].as_str())
        .ok_or("a card in the fourth phase")?
        .to_string();
    let card_css = |id: &str| format!("[data-testid='canvas-card'][data-card='{id}']");

    // Select the first card: its link handle appears on its right edge.
    app.click_at(app.centre(&card_css(&from)).await?).await?;
    let handle = app
        .centre(&format!("[data-testid='link-handle'][data-card='{from}']"))
        .await?;
    app.shot("40-link-handle.png").await?;

    // Drag from the handle onto the other card.
    let target = app.centre(&card_css(&to)).await?;
    app.drag(handle, target).await?;
    let (f, t) = (from.clone(), to.clone());
    let j = wait_doc(
        data.path(),
        SAMPLE_EN,
        "a link between the two cards",
        |j| {
            links(j)
                .iter()
                .any(|l| l["from"] == f.as_str() && l["to"] == t.as_str())
        },
    )
    .await?;
    assert_eq!(links(&j).len(), 1, "one link: {:?}", links(&j));
    let id = links(&j)[0]["id"].as_str().ok_or("link id")?.to_string();
    app.wait_for("[data-testid='link-panel']").await?;
    app.wait_for(&format!("[data-testid='canvas-link'][data-link='{id}']"))
        .await?;
    app.shot("41-link-drawn.png").await?;

    // Relabel it in the panel.
    let label = app.wait_for("[data-testid='link-label']").await?;
    label
        .send_keys("after a test ride".to_string() + Key::Enter)
        .await?;
    wait_doc(data.path(), SAMPLE_EN, "the label", |j| {
        links(j)
            .first()
            .is_some_and(|l| l["label"] == "after a test ride")
    })
    .await?;
    app.shot("42-link-labelled.png").await?;

    // Click the link on the canvas (its label plate): it stays selected, the canvas has focus.
    let plate = app
        .centre(&format!("[data-testid='canvas-link'][data-link='{id}']"))
        .await?;
    app.click_at(plate).await?;
    app.wait_for("[data-testid='link-panel']").await?;

    // Undo the label, then the link: gone from the file and from the canvas.
    app.ctrl("z").await?;
    wait_doc(data.path(), SAMPLE_EN, "the label undone", |j| {
        links(j).first().is_some_and(|l| l.get("label").is_none())
    })
    .await?;
    app.ctrl("z").await?;
    wait_doc(data.path(), SAMPLE_EN, "the link undone", |j| {
        links(j).is_empty()
    })
    .await?;
    app.wait_count("[data-testid='canvas-link']", 0).await?;
    app.shot("43-link-undone.png").await?;

    // Redo both; select the link on the canvas and delete it with the Delete key.
    app.ctrl_shift("z").await?;
    app.ctrl_shift("z").await?;
    wait_doc(data.path(), SAMPLE_EN, "the link redone", |j| {
        links(j)
            .first()
            .is_some_and(|l| l["label"] == "after a test ride")
    })
    .await?;
    let plate = app
        .centre(&format!("[data-testid='canvas-link'][data-link='{id}']"))
        .await?;
    app.click_at(plate).await?;
    app.wait_for("[data-testid='link-selected']").await?;
    app.d()
        .action_chain()
        .send_keys(Key::Delete)
        .perform()
        .await?;
    wait_doc(data.path(), SAMPLE_EN, "the link deleted", |j| {
        links(j).is_empty()
    })
    .await?;
    app.wait_count("[data-testid='canvas-link']", 0).await?;

    // A loop back: from the later card to the earlier one.
    app.click_at(app.centre(&card_css(&to)).await?).await?;
    let handle = app
        .centre(&format!("[data-testid='link-handle'][data-card='{to}']"))
        .await?;
    app.drag(handle, app.centre(&card_css(&from)).await?)
        .await?;
    let (f, t) = (from.clone(), to.clone());
    wait_doc(data.path(), SAMPLE_EN, "a loop back", |j| {
        links(j)
            .iter()
            .any(|l| l["from"] == t.as_str() && l["to"] == f.as_str())
    })
    .await?;
    app.wait_text("[data-testid='link-panel'] .kind", "Loop back")
        .await?;
    app.shot("46-loop-back.png").await?;
    // Escape ends the link's selection.
    app.d()
        .action_chain()
        .send_keys(Key::Escape)
        .perform()
        .await?;
    app.wait_count("[data-testid='link-panel']", 0).await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_review_questions_and_find_them_in_the_file_and_on_the_printed_map() -> Res {
    retry_on_hang(
        "answer_review_questions_and_find_them_in_the_file_and_on_the_printed_map",
        answer_review_questions_and_find_them_in_the_file_and_on_the_printed_map_once,
    )
    .await
}

/// One run of [`answer_review_questions_and_find_them_in_the_file_and_on_the_printed_map`].
async fn answer_review_questions_and_find_them_in_the_file_and_on_the_printed_map_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;

    app.wait_for("[data-testid='tab-review']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='review-panel']").await?;
    let surprises = app.wait_for("[data-testid='review-surprises']").await?;
    surprises.click().await?;
    surprises
        .send_keys("Nobody asks about the battery range")
        .await?;
    // Opening a phase moves the focus: the answer is saved as it loses it.
    app.click_css("[data-testid='review-phase']").await?;
    wait_doc(data.path(), SAMPLE_EN, "the journey's answer", |j| {
        j["journey"]["review"]["surprises"] == "Nobody asks about the battery range"
    })
    .await?;
    app.click_css("[data-testid='review-phase-improve']")
        .await?;
    app.wait_for("[data-testid='review-phase-improve']")
        .await?
        .send_keys("Show the range on the website")
        .await?;
    app.click_css("[data-testid='review-surprises']").await?;
    let j = wait_doc(data.path(), SAMPLE_EN, "the phase's answer", |j| {
        j["journey"]["phases"][0]["review"]["improve"] == "Show the range on the website"
    })
    .await?;
    assert!(
        j["journey"]["phases"][1].get("review").is_none(),
        "only the first phase has an answer"
    );
    app.shot("44-review-panel.png").await?;

    // Undo takes the phase's answer back; redo brings it again.
    app.wait_for("[data-testid='canvas']")
        .await?
        .click()
        .await?;
    app.ctrl("z").await?;
    wait_doc(data.path(), SAMPLE_EN, "the phase's answer undone", |j| {
        j["journey"]["phases"][0].get("review").is_none()
    })
    .await?;
    app.ctrl_shift("z").await?;
    wait_doc(data.path(), SAMPLE_EN, "the phase's answer redone", |j| {
        j["journey"]["phases"][0]["review"]["improve"] == "Show the range on the website"
    })
    .await?;

    // Print the map and read the review band back from the PDF.
    app.wait_for("[data-testid='open-print']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='print-preview'] svg").await?;
    let pdf = app.export_pdf(data.path()).await?;
    std::fs::copy(&pdf, screenshot_dir().join("45-review-map.pdf"))?;
    let text = run(Command::new("pdftotext").arg(&pdf).arg("-"))?;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "What surprises us?",
        "Nobody asks about the battery range",
        "Where can the journey improve most?",
        "Show the range on the website",
    ] {
        assert!(flat.contains(want), "{want:?} on the printed map: {flat}");
    }
    app.quit().await?;
    Ok(())
}
