//! End-to-end test of several emotion curves in the real app: the journey panel gives a linked
//! persona a feelings lane of its own (one click, one undo step, read back from the file), and
//! ties an existing feelings lane to a persona; once two feelings lanes hold emotions the
//! canvas draws a curve for each, with a legend naming the persona.
//! Run under a display with `--test-threads=1` (see `common`).

mod common;

use common::*;
use thirtyfour::prelude::*;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";

fn feelings(j: &serde_json::Value) -> Vec<serde_json::Value> {
    j["journey"]["lanes"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|l| l["kind"] == "feelings")
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_feelings_lane_per_persona_draws_its_own_curve() -> Res {
    retry_on_hang(
        "a_feelings_lane_per_persona_draws_its_own_curve",
        a_feelings_lane_per_persona_draws_its_own_curve_once,
    )
    .await
}

/// One run of [`a_feelings_lane_per_persona_draws_its_own_curve`].
async fn a_feelings_lane_per_persona_draws_its_own_curve_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;
    let before = journey_json(data.path(), SAMPLE_EN)?;
    assert_eq!(
        feelings(&before).len(),
        1,
        "the sample has one feelings lane"
    );
    let persona = before["journey"]["persona_ids"][0]
        .as_str()
        .ok_or("the sample's persona")?
        .to_string();

    // 1. A feelings lane of its own for the sample's persona.
    let add = app
        .wait_for("[data-testid='curves'] [data-testid='feelings-lane-for']")
        .await?;
    add.scroll_into_view().await?;
    app.shot("curves-00-panel.png").await?;
    add.click().await?;
    let p = persona.clone();
    let j = wait_doc(data.path(), SAMPLE_EN, "a second feelings lane", |j| {
        feelings(j).len() == 2 && feelings(j)[1]["persona_id"] == p.as_str()
    })
    .await?;
    let lanes = feelings(&j);
    assert!(
        lanes[0].get("persona_id").is_none(),
        "the first lane stays untied"
    );
    app.shot("curves-01-lane-added.png").await?;

    // One undo takes the lane and its persona away together.
    app.ctrl("z").await?;
    wait_doc(data.path(), SAMPLE_EN, "the lane undone", |j| {
        feelings(j).len() == 1
    })
    .await?;
    app.ctrl_shift("z").await?;
    wait_doc(data.path(), SAMPLE_EN, "the lane redone", |j| {
        feelings(j).len() == 2
    })
    .await?;

    // 2. Tie the first feelings lane to the persona too, with its select.
    let select = app
        .wait_for("[data-testid='curves'] [data-testid='lane-persona']")
        .await?;
    select
        .find(By::Css(format!("option[value='{persona}']")))
        .await?
        .click()
        .await?;
    let p = persona.clone();
    let j = wait_doc(data.path(), SAMPLE_EN, "the first lane tied", |j| {
        feelings(j)[0]["persona_id"] == p.as_str()
    })
    .await?;

    // 3. Emotions in the new lane (written by the command-line tool while the app is open:
    //    the app shows them live) give it a curve of its own, its points on the canvas.
    let lane = feelings(&j)[1]["id"].as_str().ok_or("lane id")?.to_string();
    let journey = j["journey"]["id"].as_str().ok_or("journey id")?.to_string();
    let phases: Vec<String> = j["journey"]["phases"]
        .as_array()
        .ok_or("phases")?
        .iter()
        .filter_map(|p| p["id"].as_str().map(str::to_string))
        .collect();
    let mut edits = Vec::new();
    for (i, (phase, emotion)) in phases.iter().zip([-2, 1, 2]).enumerate() {
        let id = format!("card_curve{i}");
        edits.push(serde_json::json!({"op": "add_card", "journey_id": journey,
            "phase_id": phase, "lane_id": lane, "text": format!("Second curve {i}"), "id": id}));
        edits.push(serde_json::json!({"op": "update_card", "id": id,
            "patch": {"emotion": emotion}}));
    }
    let doc = std::fs::read_dir(data.path())?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "klantreis"))
        .ok_or("no document")?;
    apply_json(&doc, &serde_json::Value::Array(edits))?;
    for i in 0..3 {
        app.wait_for(&format!("[data-emotion-point='card_curve{i}']"))
            .await?;
    }
    app.shot("curves-02-two-curves.png").await?;

    // 4. The insights tab gives each curve its figures, named by its persona.
    app.wait_for("[data-testid='tab-insights']")
        .await?
        .click()
        .await?;
    let name = j["personas"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["id"] == persona.as_str()))
        .and_then(|p| p["name"].as_str())
        .ok_or("the persona's name")?
        .to_string();
    let row = app
        .wait_for(&format!(
            "[data-testid='insight-curve'][data-lane='{lane}']"
        ))
        .await?;
    let text = row.text().await?;
    assert!(
        text.contains(&name),
        "the second curve is named by its persona: {text}"
    );
    // Its peak is its own card (+2), not the whole map's.
    assert!(text.contains("+2"), "{text}");
    app.d()
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![row.to_json()?],
        )
        .await?;
    app.shot("curves-03-insights-per-curve.png").await?;
    app.quit().await?;
    Ok(())
}
