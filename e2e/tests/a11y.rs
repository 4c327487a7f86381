//! Accessibility of the real app, checked inside its own web view: axe-core (the npm package
//! `axe-core`, read from `ui/node_modules` and run through WebDriver) on the home view, the map
//! with its side panel, the insights tab, the workshop panel, a card's panel, the print dialog,
//! the versions and the comparison's chooser finds no serious or critical violation (the test prints every violation it finds, of any impact, before it judges).
//! Run under a display with `--test-threads=1` (see `common`).

mod common;

use std::path::Path;

use common::*;
use serde_json::json;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";

/// The impacts that fail the test (axe's four are minor, moderate, serious and critical).
const FAILING: [&str; 2] = ["serious", "critical"];

impl App {
    /// Runs axe-core on the whole page as it is now; every violation, one line per element.
    /// axe is injected once per page (the app never reloads it) from the package's own build.
    async fn axe(&self, view: &str) -> Res<Vec<serde_json::Value>> {
        let loaded = self
            .js("return typeof window.axe === 'object';", vec![])
            .await?;
        if loaded != json!(true) {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../ui/node_modules/axe-core/axe.min.js");
            let source = std::fs::read_to_string(&path).map_err(|e| {
                format!(
                    "{}: {e} (axe-core is a devDependency of ui/: npm ci in ui/)",
                    path.display()
                )
            })?;
            self.js(&format!("{source}\nreturn typeof window.axe;"), vec![])
                .await?;
        }
        // The rules axe runs by default (WCAG 2.x A and AA, and its best practices); only the
        // violations come back, each element with what axe measured (contrast: the colours).
        let ret = self
            .d()
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => ({\
                   id: v.id, impact: v.impact, help: v.help,\
                   nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html.slice(0, 160),\
                     data: (n.any[0] || n.all[0] || n.none[0] || {}).data || null })) }))),\
                   e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));",
                vec![],
            )
            .await?;
        let violations: Vec<serde_json::Value> = serde_json::from_value(ret.json().clone())?;
        for v in &violations {
            let nodes = v["nodes"].as_array().map(Vec::len).unwrap_or(0);
            println!(
                "axe {view}: {} ({}) {}: {nodes} element(s)",
                v["id"], v["impact"], v["help"]
            );
            for n in v["nodes"].as_array().into_iter().flatten() {
                println!("    {}  {}  {}", n["target"], n["data"], n["html"]);
            }
        }
        Ok(violations)
    }
}

/// The serious and critical violations of `found`, as `id (n elements)`.
fn failing(found: &[serde_json::Value]) -> Vec<String> {
    found
        .iter()
        .filter(|v| FAILING.iter().any(|f| v["impact"] == *f))
        .map(|v| {
            format!(
                "{} ({} elements)",
                v["id"],
                v["nodes"].as_array().map(Vec::len).unwrap_or(0)
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_nothing_serious_on_home_map_insights_and_workshop() -> Res {
    retry_on_hang(
        "axe_finds_nothing_serious_on_home_map_insights_and_workshop",
        axe_once,
    )
    .await
}

/// One run of [`axe_finds_nothing_serious_on_home_map_insights_and_workshop`].
async fn axe_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    let mut bad: Vec<String> = Vec::new();
    let mut judge = |view: &str, found: Vec<serde_json::Value>| {
        for f in failing(&found) {
            bad.push(format!("{view}: {f}"));
        }
    };

    app.wait_titles(&[SAMPLE_EN]).await?;
    judge("home", app.axe("home").await?);

    app.open_journey(SAMPLE_EN).await?;
    app.wait_for("[data-testid='side-panel']").await?;
    judge("map", app.axe("map").await?);

    // A card's panel: a card focused in the map's grid is selected.
    app.js(
        "document.querySelector(\"[data-testid='grid-note']\").focus();",
        vec![],
    )
    .await?;
    app.wait_for("[data-testid='card-text']").await?;
    judge("card panel", app.axe("card panel").await?);

    app.js(
        "document.querySelector(\"[data-testid='tab-insights']\").click();",
        vec![],
    )
    .await?;
    app.wait_for("[data-testid='insight-peak'][data-card]")
        .await?;
    judge("insights", app.axe("insights").await?);

    app.js(
        "document.querySelector(\"[data-testid='open-workshop']\").click();",
        vec![],
    )
    .await?;
    app.wait_for("[data-testid='workshop-panel']").await?;
    judge("workshop", app.axe("workshop").await?);
    app.js(
        "document.querySelector(\"[data-testid='open-workshop']\").click();",
        vec![],
    )
    .await?;

    // The print dialog, then the versions (one taken) and the comparison's chooser.
    app.click_until("[data-testid='open-print']", "[data-testid='export-pdf']")
        .await?;
    judge("print dialog", app.axe("print dialog").await?);
    app.key(thirtyfour::Key::Escape).await?;
    app.click_until(
        "[data-testid='versions-open']",
        "[data-testid='version-name']",
    )
    .await?;
    app.wait_for("[data-testid='version-name']")
        .await?
        .send_keys("before")
        .await?;
    app.js(
        "document.querySelector(\"[data-testid='version-take']\").click();",
        vec![],
    )
    .await?;
    app.wait_for("[data-testid='version-row']").await?;
    judge("versions", app.axe("versions").await?);
    app.js(
        "document.querySelector(\"[data-testid='versions'] header button\").click();",
        vec![],
    )
    .await?;
    app.click_until(
        "[data-testid='compare-with']",
        "[data-testid='compare-pick'], [data-testid='compare-table'], [role='dialog']",
    )
    .await?;
    judge("compare", app.axe("compare").await?);
    app.key(thirtyfour::Key::Escape).await?;

    // The table view (Shift+T): the grid shown over the map, a table of phases by lanes.
    app.js(
        "document.querySelector(\"[data-testid='grid-note']\").focus();",
        vec![],
    )
    .await?;
    app.d()
        .action_chain()
        .key_down(thirtyfour::Key::Shift)
        .send_keys("T")
        .key_up(thirtyfour::Key::Shift)
        .perform()
        .await?;
    app.wait_for("[data-testid='map-grid'][data-shown='true']")
        .await?;
    let size = app
        .js(
            "const r = document.querySelector(\"[data-testid='map-grid']\").getBoundingClientRect(); return [r.width, r.height];",
            vec![],
        )
        .await?;
    let size: Vec<f64> = serde_json::from_value(size)?;
    assert!(
        size.iter().all(|v| *v > 300.0),
        "the table view fills the stage: {size:?}"
    );
    app.shot("a11y-04-table-view.png").await?;
    judge("table view", app.axe("table view").await?);

    app.quit().await?;
    assert!(
        bad.is_empty(),
        "serious or critical axe violations: {bad:#?}"
    );
    Ok(())
}

impl App {
    /// What the live region says once it says something that contains `want`.
    async fn wait_said(&self, want: &str) -> Res<String> {
        let deadline = std::time::Instant::now() + TIMEOUT;
        loop {
            let said = self.text_of("[data-testid='announcer']").await?;
            if said.contains(want) {
                return Ok(said);
            }
            if std::time::Instant::now() > deadline {
                return Err(format!("the live region says {said:?}, expected {want:?}").into());
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// The grid's item that has the focus: its `data-grid-ref`, or null outside the grid.
    async fn grid_focus(&self) -> Res<Option<String>> {
        let v = self
            .js(
                "const a = document.activeElement;\
                 return a && a.closest(\"[data-testid='map-grid']\") ? a.dataset.gridRef ?? null : null;",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_moves_a_note_two_phases_right_one_lane_down_and_undoes_it() -> Res {
    retry_on_hang(
        "keyboard_moves_a_note_two_phases_right_one_lane_down_and_undoes_it",
        keyboard_move_once,
    )
    .await
}

/// The index of `id` in the journey's `key` list (phases, lanes).
fn index_of(j: &serde_json::Value, key: &str, id: &str) -> Res<usize> {
    j["journey"][key]
        .as_array()
        .and_then(|a| a.iter().position(|x| x["id"] == id))
        .ok_or_else(|| format!("no {key} {id}").into())
}

/// One run of [`keyboard_moves_a_note_two_phases_right_one_lane_down_and_undoes_it`].
async fn keyboard_move_once() -> Res {
    use thirtyfour::Key;
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;
    app.wait_for("[data-testid='map-grid']").await?;

    // The grid as a screen reader sees it: a header row, a row per lane with its header, a
    // column header per phase (and the corner).
    let doc = journey_json(data.path(), SAMPLE_EN)?;
    let (phases, lanes) = (
        doc["journey"]["phases"].as_array().ok_or("phases")?.clone(),
        doc["journey"]["lanes"].as_array().ok_or("lanes")?.clone(),
    );
    let shape = app
        .js(
            "const g = document.querySelector(\"[data-testid='map-grid']\");\
             return [g.getAttribute('role'), g.querySelectorAll('[role=row]').length,\
               g.querySelectorAll('[role=columnheader]').length, g.querySelectorAll('[role=rowheader]').length,\
               g.querySelectorAll('[tabindex=\"0\"]').length];",
            vec![],
        )
        .await?;
    assert_eq!(
        shape,
        json!(["grid", lanes.len() + 1, phases.len() + 1, lanes.len(), 1]),
        "role, rows, column headers, row headers, tab stops"
    );

    // Keyboard only: Tab from the canvas (where an opened journey has the focus) into the grid.
    let mut focus = None;
    for _ in 0..8 {
        app.key(Key::Tab).await?;
        focus = app.grid_focus().await?;
        if focus.is_some() {
            break;
        }
    }
    let focus = focus.ok_or("Tab never reached the map's grid")?;
    let id = focus
        .strip_prefix("card:")
        .ok_or_else(|| format!("the grid opened on {focus}, not a card"))?
        .to_string();
    let card = doc["journey"]["cards"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == id.as_str()))
        .ok_or("the focused card is not in the document")?
        .clone();
    let text = card["text"].as_str().ok_or("text")?.to_string();
    let col = index_of(&doc, "phases", card["phase_id"].as_str().ok_or("phase")?)?;
    let row = index_of(&doc, "lanes", card["lane_id"].as_str().ok_or("lane")?)?;
    assert!(
        col + 2 < phases.len() && row + 1 < lanes.len(),
        "the first card stands where two phases right and a lane down exist"
    );
    // Its name says its text, lane and phase.
    let name = app.text_of(&format!("[data-grid-card='{id}']")).await?;
    let (lane0, phase0) = (
        lanes[row]["title"].as_str().ok_or("title")?,
        phases[col]["name"].as_str().ok_or("name")?,
    );
    assert!(
        name.starts_with(&format!("{text}. {lane0}, {phase0}")),
        "the note's name: {name:?}"
    );
    app.shot("a11y-01-focused-note.png").await?;

    // Space picks it up, two phases right, one lane down, Space drops it: one edit.
    app.key(Key::Space).await?;
    app.wait_said(&format!("Picked up '{text}'")).await?;
    app.key(Key::Right).await?;
    app.key(Key::Right).await?;
    app.key(Key::Down).await?;
    let (lane, phase) = (
        lanes[row + 1]["title"].as_str().ok_or("title")?,
        phases[col + 2]["name"].as_str().ok_or("name")?,
    );
    app.wait_said(&format!("{lane}, {phase}, place 1 of"))
        .await?;
    app.shot("a11y-02-held-note.png").await?;
    app.key(Key::Space).await?;
    let (want_phase, want_lane) = (phases[col + 2]["id"].clone(), lanes[row + 1]["id"].clone());
    wait_doc(data.path(), SAMPLE_EN, "the note in its new cell", |j| {
        j["journey"]["cards"].as_array().is_some_and(|a| {
            a.iter().any(|c| {
                c["id"] == id.as_str() && c["phase_id"] == want_phase && c["lane_id"] == want_lane
            })
        })
    })
    .await?;
    app.wait_said(&format!("Moved '{text}' to {phase}, {lane}"))
        .await?;
    // The focus stays on the moved note, in its new cell.
    assert_eq!(app.grid_focus().await?, Some(format!("card:{id}")));
    app.shot("a11y-03-dropped-note.png").await?;

    // Ctrl+Z takes the move back, and the live region says so.
    app.ctrl("z").await?;
    let (old_phase, old_lane) = (card["phase_id"].clone(), card["lane_id"].clone());
    wait_doc(data.path(), SAMPLE_EN, "the note back where it was", |j| {
        j["journey"]["cards"].as_array().is_some_and(|a| {
            a.iter().any(|c| {
                c["id"] == id.as_str() && c["phase_id"] == old_phase && c["lane_id"] == old_lane
            })
        })
    })
    .await?;
    app.wait_said("Undone: move cards").await?;

    // Escape puts a held note back: nothing changes in the document.
    app.key(Key::Space).await?;
    app.key(Key::Right).await?;
    app.key(Key::Escape).await?;
    app.wait_said(&format!("Put back '{text}' in {phase0}, {lane0}"))
        .await?;
    let after = journey_json(data.path(), SAMPLE_EN)?;
    let same = after["journey"]["cards"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == id.as_str()))
        .ok_or("the card")?;
    assert_eq!(
        (&same["phase_id"], &same["lane_id"]),
        (&old_phase, &old_lane)
    );
    app.quit().await?;
    Ok(())
}
