//! End-to-end tests of the insights in the real app: the insights tab names the sample's peak,
//! trough and end and shows a card when its line is clicked; the canvas names them on the
//! curve and offers the suggested impact moments (accepted with one click, read back from the
//! file); the assumptions filter fades every other card (toolbar and Shift+A); an opportunity
//! dragged on the value × effort matrix (pointer events) gets its value and effort in the
//! document, read back through the command-line tool, and one undo takes the drop back; the
//! insights report printed after the map from the print dialog (its text read with `pdftotext`).
//! Run under a display with `--test-threads=1` (see `common`).

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use serde_json::json;
use thirtyfour::prelude::*;
use thirtyfour::Key;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";
const PEAK: &str = "Excited after the test ride";
const TROUGH: &str = "Annoyed: first slot in three weeks";
const END: &str = "Satisfied";
const OPPORTUNITY: &str = "Book service online";

impl App {
    /// The bounding box (viewport px) of the first element matching `css`, read in the page:
    /// WebKitWebDriver will not measure the canvas's hooks (they take no pointer events).
    async fn rect(&self, css: &str) -> Res<(f64, f64, f64, f64)> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self
                .js(
                    "const e = document.querySelector(arguments[0]); if (!e) return null;\
                     const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height];",
                    vec![json!(css)],
                )
                .await?;
            if let Ok(v) = serde_json::from_value::<Vec<f64>>(v) {
                if let [x, y, w, h] = v[..] {
                    return Ok((x, y, w, h));
                }
            }
            if Instant::now() > deadline {
                return Err(format!("no element {css}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `script` (returning a boolean) holds in the page.
    async fn until(&self, what: &str, script: &str, args: Vec<serde_json::Value>) -> Res {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.js(script, args.clone()).await? == json!(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                self.shot("i-debug.png").await?;
                return Err(format!("timed out waiting until {what}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn attr(&self, css: &str, name: &str) -> Res<Option<String>> {
        self.wait_for(css).await?;
        let v = self
            .js(
                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                vec![json!(css), json!(name)],
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }
}

fn card_id(j: &serde_json::Value, text: &str) -> Res<String> {
    Ok(card_by_text(j, text)
        .and_then(|c| c["id"].as_str())
        .ok_or_else(|| format!("no card {text:?} in the sample"))?
        .to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insights_tab_curve_marks_and_suggested_impact_moments() -> Res {
    retry_on_hang(
        "insights_tab_curve_marks_and_suggested_impact_moments",
        insights_tab_curve_marks_and_suggested_impact_moments_once,
    )
    .await
}

/// One run of [`insights_tab_curve_marks_and_suggested_impact_moments`].
async fn insights_tab_curve_marks_and_suggested_impact_moments_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;
    let doc = journey_json(data.path(), SAMPLE_EN)?;
    let (peak, trough, end) = (
        card_id(&doc, PEAK)?,
        card_id(&doc, TROUGH)?,
        card_id(&doc, END)?,
    );

    // The tab names the sample's peak, trough and end, with the peak-end score.
    app.wait_for("[data-testid='tab-insights']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='insight-peak'][data-card]")
        .await?;
    for (kind, id, text) in [
        ("peak", &peak, PEAK),
        ("trough", &trough, TROUGH),
        ("end", &end, END),
    ] {
        let css = format!("[data-testid='insight-{kind}']");
        assert_eq!(
            app.attr(&css, "data-card").await?.as_deref(),
            Some(id.as_str()),
            "{kind}"
        );
        let shown = app.text_of(&css).await?;
        assert!(
            shown.contains(text),
            "the {kind} tile shows {text:?}: {shown:?}"
        );
    }
    // Most intense +2 and end +1: (2 + 1) / 2.
    let score = app.text_of("[data-testid='peak-end']").await?;
    assert!(score.starts_with("+1.5"), "peak-end score: {score:?}");
    let fix = app.text_of("[data-testid='fix-first']").await?;
    assert!(
        fix.contains("Annoyed"),
        "the trough leads what to fix first: {fix:?}"
    );
    app.shot("i01-insights-tab.png").await?;
    // Further down: the figures per phase (emotion, pain, funnel, evidence).
    app.wait_for("[data-testid='phase-emotions']").await?;
    app.js(
        "document.querySelector(\"[data-testid='phase-emotions']\").scrollIntoView();",
        vec![],
    )
    .await?;
    app.shot("i01b-insights-per-phase.png").await?;
    app.js(
        "document.querySelector(\"[data-testid='evidence']\").scrollIntoView();",
        vec![],
    )
    .await?;
    app.shot("i01c-insights-evidence-safari.png").await?;

    // Clicking the trough selects its card on the canvas and keeps the insights open. The
    // panel is scrolled down to the safari here: the tile is brought to the middle first, as
    // WebDriver's own scroll puts it at the top edge, under the panel's sticky tab bar.
    app.js(
        "document.querySelector(\"[data-testid='insight-trough']\").scrollIntoView({block: 'center'}); return true;",
        Vec::new(),
    )
    .await?;
    app.wait_for("[data-testid='insight-trough']")
        .await?
        .click()
        .await?;
    let selected =
        format!("[data-testid='canvas-card'][data-card='{trough}'][aria-current='true']");
    app.wait_for(&selected).await?;
    app.wait_for("[data-testid='insights-panel']").await?;
    app.shot("i02-trough-shown.png").await?;

    // On the curve: the same three moments are named.
    for (mark, id) in [("peak", &peak), ("trough", &trough), ("end", &end)] {
        let css = format!("[data-testid='curve-mark'][data-mark~='{mark}']");
        assert_eq!(
            app.attr(&css, "data-card").await?.as_deref(),
            Some(id.as_str()),
            "{mark} on the curve"
        );
    }

    // The curve suggests the trough (also the steepest fall's end) and the end as impact
    // moments; the peak is flagged already, so it is not suggested.
    let suggested = app
        .js(
            "return [...document.querySelectorAll(\"[data-testid='suggested-impact']\")].map(e => e.dataset.card);",
            Vec::new(),
        )
        .await?;
    assert_eq!(suggested, json!([trough, end]));
    app.wait_for(&format!(
        "[data-testid='suggest-outline'][data-card='{trough}']"
    ))
    .await?;
    // One click on the canvas's badge accepts it: the file says so, and it is no longer
    // suggested.
    app.wait_for(&format!(
        "[data-testid='suggest-badge'][data-card='{trough}']"
    ))
    .await?
    .click()
    .await?;
    wait_doc(
        data.path(),
        SAMPLE_EN,
        "the trough flagged as impact moment",
        |j| card_by_text(j, TROUGH).is_some_and(|c| c["impact"] == json!(true)),
    )
    .await?;
    app.until(
        "the trough is no longer suggested",
        "return !document.querySelector(`[data-testid='suggest-badge'][data-card='${arguments[0]}']`)\
           && !!document.querySelector(`[data-testid='suggest-badge'][data-card='${arguments[1]}']`);",
        vec![json!(trough), json!(end)],
    )
    .await?;
    app.shot("i03-suggestion-accepted.png").await?;
    // One undo takes it back.
    app.wait_for("[data-testid='canvas']")
        .await?
        .click()
        .await?;
    app.ctrl("z").await?;
    wait_doc(data.path(), SAMPLE_EN, "the flag undone", |j| {
        card_by_text(j, TROUGH).is_some_and(|c| c["impact"] != json!(true))
    })
    .await?;

    // While the trough's point is dragged up past the others, the marks follow it: it is the
    // peak now (+2 ties with the earlier peak, which keeps it), and the lowest is another card.
    // The whole map (the `0` key: fit), so both points are on screen.
    app.d().action_chain().send_keys("0").perform().await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let point = app
        .rect(&format!("[data-emotion-point='{trough}']"))
        .await?;
    let top = app.rect(&format!("[data-emotion-point='{peak}']")).await?;
    let (x, y0) = (point.0 + point.2 / 2.0, point.1 + point.3 / 2.0);
    let y1 = top.1 + top.3 / 2.0;
    let mut chain = app
        .d()
        .action_chain()
        .move_to(x as i64, y0 as i64)
        .click_and_hold();
    for i in 1..=6 {
        chain = chain.move_to(x as i64, (y0 + (y1 - y0) * i as f64 / 6.0) as i64);
    }
    chain.perform().await?;
    app.until(
        "the trough mark leaves the dragged point",
        "const m = document.querySelector(\"[data-testid='curve-mark'][data-mark~='trough']\");\
         return !!m && m.dataset.card !== arguments[0];",
        vec![json!(trough)],
    )
    .await?;
    app.shot("i04-marks-follow-drag.png").await?;
    app.d()
        .action_chain()
        .key_down(Key::Escape)
        .key_up(Key::Escape)
        .perform()
        .await?;
    app.d().action_chain().release().perform().await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assumptions_filter_and_value_effort_matrix() -> Res {
    retry_on_hang(
        "assumptions_filter_and_value_effort_matrix",
        assumptions_filter_and_value_effort_matrix_once,
    )
    .await
}

/// One run of [`assumptions_filter_and_value_effort_matrix`].
async fn assumptions_filter_and_value_effort_matrix_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;
    let doc = journey_json(data.path(), SAMPLE_EN)?;
    // The sample's one validated card; "Curious" is an assumption.
    let validated = card_id(&doc, PEAK)?;
    let assumption = card_id(&doc, "Curious")?;
    let faded =
        |id: &str| format!("[data-testid='canvas-card'][data-card='{id}'][data-faded='true']");

    // The toolbar toggle fades every card that is not an assumption.
    assert_eq!(
        app.attr("[data-testid='filter-assumptions']", "aria-pressed")
            .await?
            .as_deref(),
        Some("false")
    );
    app.wait_for("[data-testid='filter-assumptions']")
        .await?
        .click()
        .await?;
    app.wait_for(&faded(&validated)).await?;
    assert!(
        app.d()
            .find_all(By::Css(faded(&assumption)))
            .await?
            .is_empty(),
        "an assumption stays at full strength"
    );
    let not_faded = app
        .js(
            "return [...document.querySelectorAll(\"[data-testid='canvas-card']\")].filter(e => e.dataset.faded).length;",
            Vec::new(),
        )
        .await?;
    assert!(not_faded.as_u64().unwrap_or(0) >= 1, "some cards are faded");
    assert_eq!(
        app.attr("[data-testid='filter-assumptions']", "aria-pressed")
            .await?
            .as_deref(),
        Some("true")
    );
    app.shot("i05-assumptions-only.png").await?;
    // Shift+A (the same action from the keyboard) turns it off.
    app.wait_for("[data-testid='canvas']")
        .await?
        .click()
        .await?;
    app.d()
        .action_chain()
        .key_down(Key::Shift)
        .send_keys("A")
        .key_up(Key::Shift)
        .perform()
        .await?;
    app.until(
        "no card is faded",
        "return !document.querySelector(\"[data-faded='true']\");",
        vec![],
    )
    .await?;

    // The matrix: the sample's opportunities wait unscored in the tray.
    app.wait_for("[data-testid='open-matrix']")
        .await?
        .click()
        .await?;
    let id = card_id(&doc, OPPORTUNITY)?;
    let chip_css = format!("[data-testid='matrix-chip'][data-card='{id}']");
    app.wait_for(&chip_css).await?;
    assert_eq!(
        app.attr(&chip_css, "data-value").await?,
        None,
        "unscored at first"
    );
    app.shot("i06-matrix.png").await?;

    // Drag it to value 5, effort 2 (a quick win): one edit on the drop.
    let chip = app.rect(&chip_css).await?;
    let plot = app.rect("[data-testid='matrix-plot']").await?;
    let (x0, y0) = (chip.0 + chip.2 / 2.0, chip.1 + chip.3 / 2.0);
    // Cell centres: effort 2 is the second fifth from the left, value 5 the top fifth.
    let (x1, y1) = (plot.0 + plot.2 * 0.3, plot.1 + plot.3 * 0.1);
    let mut chain = app
        .d()
        .action_chain()
        .move_to(x0 as i64, y0 as i64)
        .click_and_hold();
    for i in 1..=8 {
        let t = i as f64 / 8.0;
        chain = chain.move_to((x0 + (x1 - x0) * t) as i64, (y0 + (y1 - y0) * t) as i64);
    }
    chain.perform().await?;
    app.wait_for("[data-testid='matrix-target']").await?;
    app.shot("i07-matrix-dragging.png").await?;
    app.d().action_chain().release().perform().await?;
    let j = wait_doc(
        data.path(),
        SAMPLE_EN,
        "value 5 and effort 2 in the file",
        |j| {
            card_by_text(j, OPPORTUNITY)
                .is_some_and(|c| c["value"] == json!(5) && c["effort"] == json!(2))
        },
    )
    .await?;
    let others = j["journey"]["cards"]
        .as_array()
        .map(|cs| cs.iter().filter(|c| c["value"].is_number()).count())
        .unwrap_or(0);
    assert_eq!(others, 1, "only the dragged card has a value");
    app.until(
        "the chip sits in its new cell",
        "const e = document.querySelector(arguments[0]); return !!e && e.dataset.value === '5' && e.dataset.effort === '2';",
        vec![json!(chip_css)],
    )
    .await?;
    app.shot("i08-matrix-dropped.png").await?;

    // One undo takes the whole drop back.
    app.ctrl("z").await?;
    wait_doc(data.path(), SAMPLE_EN, "the drop undone", |j| {
        card_by_text(j, OPPORTUNITY).is_some_and(|c| c["value"].is_null() && c["effort"].is_null())
    })
    .await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_prints_after_the_map_from_the_print_dialog() -> Res {
    retry_on_hang(
        "the_report_prints_after_the_map_from_the_print_dialog",
        the_report_prints_after_the_map_from_the_print_dialog_once,
    )
    .await
}

/// One run of [`the_report_prints_after_the_map_from_the_print_dialog`].
async fn the_report_prints_after_the_map_from_the_print_dialog_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;
    app.wait_for("[data-testid='open-print']")
        .await?
        .click()
        .await?;
    let facts = "[data-testid='print-facts']";
    app.wait_for(facts).await?;
    assert_eq!(app.text_of(facts).await?.split(" ·").next(), Some("1 page"));
    app.wait_for("[data-testid='print-report']")
        .await?
        .click()
        .await?;
    // The page count in the dialog follows the tick.
    let deadline = Instant::now() + Duration::from_secs(10);
    let pages = loop {
        let text = app.text_of(facts).await?;
        let first = text.split(" ·").next().unwrap_or_default().to_string();
        if first != "1 page" {
            break first;
        }
        assert!(
            Instant::now() < deadline,
            "the page count stays at 1: {text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    app.shot("insights-report-print-dialog.png").await?;
    let pdf = app.export_pdf(data.path()).await?;
    let info = run(Command::new("pdfinfo").arg(&pdf))?;
    let count = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().to_string())
        .ok_or("pdfinfo names no page count")?;
    assert_eq!(
        pages,
        format!("{count} pages"),
        "the dialog's count is the file's"
    );
    let text = run(Command::new("pdftotext").arg(&pdf).arg("-"))?;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // The map first, then the report's sections with the sample's figures.
    let map_at = flat.find("Buying an e-bike").ok_or("no map title")?;
    for want in ["Fix first", "Funnel", "Evidence per phase", PEAK, TROUGH] {
        let at = flat
            .find(want)
            .ok_or_else(|| format!("{want:?} not in the PDF: {flat}"))?;
        assert!(at >= map_at, "{want:?} comes after the map's title");
    }
    app.quit().await?;
    Ok(())
}
