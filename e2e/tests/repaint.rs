//! End-to-end test of the canvas's partial repaints in the real app (WebKitGTK): after a move,
//! an emotion drag, a zoom, a move at that zoom, a delete and a move after a pan, every repaint
//! that painted only what changed left the pixels of painting the whole map anew (the canvas
//! compares them itself when `window.__kPaintCheck` is set; see lib/canvas/Canvas.svelte).
//! Cairo rounds a few antialiased edges under a clip one level of 255 apart; that is allowed.
//! Screenshots under target/e2e-screenshots show what was left on the canvas.
//! Run under a display with `--test-threads=1` (see `common`).

mod common;

use common::*;
use thirtyfour::prelude::*;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partial_repaints_leave_the_pixels_of_a_whole_repaint() -> Res {
    retry_on_hang(
        "partial_repaints_leave_the_pixels_of_a_whole_repaint",
        partial_repaints_once,
    )
    .await
}

/// The differing pixels of each partial repaint so far.
async fn checks(app: &App) -> Res<Vec<i64>> {
    let v = app
        .js("return window.__kPaintCheck || []", Vec::new())
        .await?;
    Ok(serde_json::from_value(v)?)
}

/// How many times the map was painted whole (a new view, a change over most of it, or a
/// change that came in the frame of a resize: then there is no partial repaint to compare).
async fn wholes(app: &App) -> Res<usize> {
    let v = app
        .js("return (window.__kPaintWhole || []).length", Vec::new())
        .await?;
    Ok(v.as_u64().unwrap_or(0) as usize)
}

/// Waits until the canvas has repainted after a change: a partial repaint's check more than
/// `n`, or a whole repaint more than `whole` (counted just before the change).
async fn repainted(app: &App, n: usize, whole: usize, what: &str) -> Res<Vec<i64>> {
    for _ in 0..100 {
        let c = checks(app).await?;
        if c.len() > n || wholes(app).await? > whole {
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            return checks(app).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("no repaint after {what}").into())
}

async fn card_centre(app: &App, j: &serde_json::Value, text: &str) -> Res<(i64, i64)> {
    let id = card_by_text(j, text).ok_or("sample card")?["id"]
        .as_str()
        .ok_or("id")?
        .to_string();
    app.centre(&format!("[data-testid='canvas-card'][data-card='{id}']"))
        .await
}

async fn partial_repaints_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;
    app.js(
        "window.__kPaintCheck = []; window.__kPaintWhole = []",
        Vec::new(),
    )
    .await?;
    let before = journey_json(data.path(), SAMPLE_EN)?;
    let phases = phase_ids(&before);
    let heads: Vec<Vec<i64>> = serde_json::from_value(
        app.js(
            "return [...document.querySelectorAll(\"[data-testid='canvas-phase']\")]\
               .map(e => e.getBoundingClientRect()).sort((a, b) => a.left - b.left)\
               .map(r => [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)]);",
            Vec::new(),
        )
        .await?,
    )?;
    let head_x = |k: usize| heads.get(k).map(|h| h[0]).ok_or("phase header");

    // 1. A move: "Instagram ad" to the fourth phase.
    let from = card_centre(&app, &before, "Instagram ad").await?;
    let whole = wholes(&app).await?;
    app.drag(from, (head_x(3)?, from.1)).await?;
    let phase3 = phases[3].clone();
    wait_doc(data.path(), SAMPLE_EN, "the card moved", |j| {
        card_by_text(j, "Instagram ad").is_some_and(|c| c["phase_id"] == phase3.as_str())
    })
    .await?;
    let c = repainted(&app, 0, whole, "a move").await?;
    app.shot("r1-moved.png").await?;

    // 2. An emotion drag: "Curious" down to the level of "Annoyed".
    let (curious, p, to) = curious_to_annoyed(&app, &before).await?;
    let whole = wholes(&app).await?;
    app.drag(p, to).await?;
    wait_emotion(data.path(), SAMPLE_EN, &curious, -2, "emotion −2").await?;
    let c = repainted(&app, c.len(), whole, "an emotion drag").await?;
    app.shot("r2-emotion.png").await?;

    // 3. Zoom in (a whole repaint), then move a card at that zoom.
    app.js(
        "const h = document.querySelector(\"[data-testid='canvas']\"); const r = h.getBoundingClientRect();\
         h.dispatchEvent(new WheelEvent('wheel', { deltaY: -160, ctrlKey: true, clientX: r.left + r.width / 3, clientY: r.top + r.height / 3, bubbles: true, cancelable: true }));",
        Vec::new(),
    )
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let now = journey_json(data.path(), SAMPLE_EN)?;
    let text = "“Would that suit me?”";
    let from = card_centre(&app, &now, text).await?;
    let whole = wholes(&app).await?;
    app.drag(from, (from.0 + 120, from.1 + 10)).await?;
    let was = card_by_text(&now, text).ok_or("card")?["phase_id"].clone();
    wait_doc(data.path(), SAMPLE_EN, "the card moved at zoom", |j| {
        card_by_text(j, text).is_some_and(|c| c["phase_id"] != was)
    })
    .await?;
    let c = repainted(&app, c.len(), whole, "a move at zoom").await?;
    app.shot("r3-zoomed-move.png").await?;

    // 4. A delete: select the card (a click) and press Delete.
    let now = journey_json(data.path(), SAMPLE_EN)?;
    let n = now["journey"]["cards"].as_array().map_or(0, Vec::len);
    let at = card_centre(&app, &now, text).await?;
    app.d()
        .action_chain()
        .move_to(at.0, at.1)
        .click()
        .perform()
        .await?;
    let whole = wholes(&app).await?;
    app.key(Key::Delete).await?;
    wait_doc(data.path(), SAMPLE_EN, "the card deleted", |j| {
        j["journey"]["cards"].as_array().map_or(0, Vec::len) == n - 1
    })
    .await?;
    let c = repainted(&app, c.len(), whole, "a delete").await?;
    app.shot("r4-deleted.png").await?;

    // 5. A pan (a whole repaint), then a move in the panned view: "Instagram ad" a phase
    // to the left.
    app.js(
        "const h = document.querySelector(\"[data-testid='canvas']\");\
         h.dispatchEvent(new WheelEvent('wheel', { deltaX: 37, deltaY: 53, bubbles: true, cancelable: true }));",
        Vec::new(),
    )
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let now = journey_json(data.path(), SAMPLE_EN)?;
    let at = card_centre(&app, &now, "Instagram ad").await?;
    let whole = wholes(&app).await?;
    app.drag(at, (at.0 - 230, at.1)).await?;
    wait_doc(data.path(), SAMPLE_EN, "the card moved after a pan", |j| {
        card_by_text(j, "Instagram ad").is_some_and(|c| c["phase_id"] != phases[3].as_str())
    })
    .await?;
    let c = repainted(&app, c.len(), whole, "a move after a pan").await?;
    app.shot("r5-panned-moved.png").await?;

    // Five changes, each painted (`repainted`), most of them in part: a change over most of
    // a zoomed view, or one in the frame of a resize, is painted whole.
    assert!(c.len() >= 3, "partial repaints happened: {c:?}");
    assert!(
        c.iter().all(|&n| n == 0),
        "every partial repaint equals a whole one (differing pixels each): {c:?}"
    );
    app.quit().await
}
