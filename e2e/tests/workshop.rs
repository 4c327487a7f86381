//! End-to-end tests of the workshop in the real app: the guided steps of the Customer Journey
//! Canvas method walked on a new journey from the canvas template (each gap taking the user
//! to its field, persona, phase or card, and each step turning done), the facilitator timer
//! and its plan, presenting (arrows move, Esc leaves, nothing editable), and the toolbar at
//! 1,200 px. Run under a display with `--test-threads=1`.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::json;
use thirtyfour::prelude::*;
use thirtyfour::Key;

const TITLE: &str = "Workshop walk";
const STEPS: [&str; 9] = [
    "goal",
    "persona",
    "scope",
    "phases",
    "touchpoints",
    "emotions",
    "impact_moments",
    "review",
    "next_steps",
];

impl App {
    /// Each step's `data-done`, in the panel's order.
    async fn step_states(&self) -> Res<Vec<(String, bool)>> {
        let v = self
            .js(
                "return [...document.querySelectorAll(\"[data-testid^='ws-step-']\")]\
                   .map(li => [li.dataset.testid.slice(8), li.dataset.done === 'true']);",
                Vec::new(),
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    async fn wait_step(&self, step: &str, done: bool) -> Res {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let states = self.step_states().await?;
            if states.iter().any(|(s, d)| s == step && *d == done) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("step {step} never turned done={done}: {states:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the element matching `css` in the page (HTMLElement.click), once it is there.
    /// WebDriver's own click now and then never answered here (a request timeout after two
    /// minutes, about one run in five under load); what these tests check is what the click
    /// does, not the pointer.
    async fn click_js(&self, css: &str) -> Res {
        self.wait_for(css).await?;
        self.js(
            "document.querySelector(arguments[0]).click();",
            vec![json!(css)],
        )
        .await?;
        Ok(())
    }

    /// Opens step `step` in the panel (if it is not open) and clicks its first gap of `kind`.
    /// Clicked in the page (HTMLElement.click): WebDriver's own click now and then never
    /// answered here while the canvas animated its reveal.
    async fn first_gap(&self, step: &str, kind: &str) -> Res {
        let row = format!("[data-testid='ws-step-{step}'] button.row");
        if self
            .wait_for(&row)
            .await?
            .attr("aria-expanded")
            .await?
            .as_deref()
            != Some("true")
        {
            self.js(
                "document.querySelector(arguments[0]).click();",
                vec![json!(row)],
            )
            .await?;
        }
        let gap =
            format!("[data-testid='ws-step-{step}'] [data-testid='ws-gap'][data-gap='{kind}']");
        self.wait_for(&gap).await?;
        self.js(
            "document.querySelector(arguments[0]).click();",
            vec![json!(gap)],
        )
        .await?;
        Ok(())
    }

    /// The `data-testid` of the focused element, once it starts with `prefix`.
    async fn focused(&self, prefix: &str) -> Res<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let id = self
                .js(
                    "return document.activeElement?.dataset?.testid ?? '';",
                    Vec::new(),
                )
                .await?;
            let id = id.as_str().unwrap_or_default().to_string();
            if id.starts_with(prefix) {
                return Ok(id);
            }
            if Instant::now() > deadline {
                return Err(format!("focus is on {id:?}, not {prefix}…").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn create_from_template(&self, template: &str, title: &str) -> Res {
        self.wait_for("[data-testid='new-journey']")
            .await?
            .click()
            .await?;
        self.wait_for(&format!("[data-template-id='{template}']"))
            .await?
            .click()
            .await?;
        self.wait_for("[data-testid='new-journey-title']")
            .await?
            .send_keys(title)
            .await?;
        self.wait_for("[data-testid='create-journey']")
            .await?
            .click()
            .await?;
        // The new journey opens on its canvas.
        self.wait_text("[data-testid='view-title']", title).await?;
        self.wait_for("[data-testid='canvas-phase']").await?;
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn walk_the_guided_steps_then_present() -> Res {
    retry_on_hang(
        "walk_the_guided_steps_then_present",
        walk_the_guided_steps_then_present_once,
    )
    .await
}

/// One run of [`walk_the_guided_steps_then_present`].
async fn walk_the_guided_steps_then_present_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.d().set_window_rect(0, 0, 1280, 860).await?;
    app.wait_titles(&["Buying an e-bike at Fietsplezier"])
        .await?;
    app.create_from_template("canvas", TITLE).await?;

    // The panel: nine steps in the method's order, none done: the template's example goal
    // is shown in the empty goal field, and is no goal the team set.
    app.click_js("[data-testid='open-workshop']").await?;
    app.wait_for("[data-testid='workshop-panel']").await?;
    app.wait_step("goal", false).await?;
    let states = app.step_states().await?;
    let ids: Vec<&str> = states.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(ids, STEPS, "the method's order");
    let done: Vec<&str> = states
        .iter()
        .filter(|s| s.1)
        .map(|s| s.0.as_str())
        .collect();
    assert!(done.is_empty(), "a new journey has no step done: {done:?}");
    app.shot("workshop-01-new-journey.png").await?;

    // Goal: the gap focuses the goal field.
    app.first_gap("goal", "goal").await?;
    app.focused("journey-goal").await?;
    app.key("Sell more e-bikes to commuters" + Key::Tab).await?;
    app.wait_step("goal", true).await?;

    // Persona: the gap takes the user to "new persona"; then to the new persona's segment.
    app.first_gap("persona", "persona").await?;
    app.focused("new-persona").await?;
    app.click_js("[data-testid='new-persona']").await?;
    app.first_gap("persona", "persona_segment").await?;
    let segment = app.focused("persona-segment-").await?;
    app.wait_for(&format!("[data-testid='{segment}']"))
        .await?
        .send_keys("Commuters 35–50" + Key::Tab)
        .await?;
    app.wait_step("persona", true).await?;

    // Scope: start, then end.
    app.first_gap("scope", "scope_start").await?;
    app.focused("journey-scope-start").await?;
    app.key("Sees a colleague on an e-bike" + Key::Tab).await?;
    app.first_gap("scope", "scope_end").await?;
    app.focused("journey-scope-end").await?;
    app.key("Recommends the shop" + Key::Tab).await?;
    app.wait_step("scope", true).await?;

    // Phases: each gap focuses that phase's duration field.
    let j = journey_json(data.path(), TITLE)?;
    let phases = phase_ids(&j);
    assert_eq!(phases.len(), 5, "the canvas template's five phases");
    for _ in 0..phases.len() {
        app.first_gap("phases", "phase_duration").await?;
        let field = app.focused("phase-duration-").await?;
        let phase = field.trim_start_matches("phase-duration-").to_string();
        app.key("1 week" + Key::Tab).await?;
        wait_doc(data.path(), TITLE, "the phase's duration", |j| {
            j["journey"]["phases"].as_array().is_some_and(|ps| {
                ps.iter()
                    .any(|p| p["id"] == phase.as_str() && p["duration"] == "1 week")
            })
        })
        .await?;
    }
    app.wait_step("phases", true).await?;
    app.shot("workshop-02-phases-done.png").await?;

    // Touchpoints: each gap opens the entry box in that phase's touchpoint cell.
    let touchpoints = [
        "Instagram ad",
        "Web shop",
        "Manual",
        "Review site",
        "Help desk",
    ];
    for (i, t) in touchpoints.iter().enumerate() {
        app.first_gap("touchpoints", "phase_touchpoints").await?;
        let entry = app.wait_for("[data-testid='card-entry']").await?;
        entry.send_keys(t.to_string() + Key::Enter).await?;
        app.key(Key::Escape).await?;
        let phase = phases[i].clone();
        wait_doc(data.path(), TITLE, "the touchpoint in its phase", |j| {
            card_by_text(j, t).is_some_and(|c| c["phase_id"] == phase.as_str())
        })
        .await?;
    }
    app.wait_step("touchpoints", true).await?;

    // Emotions and impact: each emotion gap selects its card; its panel sets both.
    for _ in 0..touchpoints.len() {
        app.first_gap("emotions", "touchpoint_emotion").await?;
        app.wait_for("[data-testid='card-panel']").await?;
        // Clicked in the page: the gap's reveal is still animating the canvas.
        app.click_js("[data-testid='card-emotion'] button.e3")
            .await?;
        app.click_js("[data-testid='card-impact']").await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    app.wait_step("emotions", true).await?;
    app.wait_step("impact_moments", true).await?;
    let j = wait_doc(
        data.path(),
        TITLE,
        "five touchpoints felt and marked",
        |j| {
            touchpoints.iter().all(|t| {
                card_by_text(j, t).is_some_and(|c| c["emotion"] == 1 && c["impact"] == true)
            })
        },
    )
    .await?;
    assert_eq!(j["journey"]["cards"].as_array().map(Vec::len), Some(5));

    // Next steps: the gap focuses the journey's next-steps field.
    app.first_gap("next_steps", "next_steps").await?;
    app.focused("journey-next-steps").await?;
    app.key("Interview five customers at the shop" + Key::Tab)
        .await?;
    app.wait_step("next_steps", true).await?;
    let j = journey_json(data.path(), TITLE)?;
    assert_eq!(
        j["journey"]["next_steps"], "Interview five customers at the shop",
        "kept on the journey"
    );

    // The review: its gap opens the review tab on the first question; one answer does it.
    let states = app.step_states().await?;
    let open: Vec<&str> = states
        .iter()
        .filter(|s| !s.1)
        .map(|s| s.0.as_str())
        .collect();
    assert_eq!(open, ["review"], "every step but the review is done");
    app.wait_text("[data-testid='ws-progress']", "8 of 9 steps done")
        .await?;
    app.first_gap("review", "review").await?;
    app.focused("review-surprises").await?;
    app.key("How long the wait for a test ride is" + Key::Tab)
        .await?;
    app.wait_step("review", true).await?;
    app.wait_text("[data-testid='ws-progress']", "9 of 9 steps done")
        .await?;
    let j = journey_json(data.path(), TITLE)?;
    assert_eq!(
        j["journey"]["review"]["surprises"], "How long the wait for a test ride is",
        "kept on the journey"
    );
    app.shot("workshop-03-all-done.png").await?;

    // Presenting: arrows move through the phases, Ctrl+Z does nothing there, Esc leaves.
    app.click_js("[data-testid='open-present']").await?;
    app.wait_text("[data-testid='present-phase']", "Orientation")
        .await?;
    assert_eq!(
        app.text_of("[data-testid='present-of']").await?,
        "Phase 1 of 5"
    );
    // Whether the webview granted the screen too (the view fills the window either way).
    let full = app
        .js("return !!document.fullscreenElement;", Vec::new())
        .await?;
    eprintln!("presenting full screen: {full}");
    app.key(Key::Right).await?;
    app.wait_text("[data-testid='present-phase']", "Purchase")
        .await?;
    app.key(Key::Right).await?;
    app.wait_text("[data-testid='present-phase']", "Use")
        .await?;
    app.shot("workshop-04-presenting.png").await?;
    app.key(Key::Left).await?;
    app.wait_text("[data-testid='present-phase']", "Purchase")
        .await?;
    let cards = app
        .d()
        .find_all(By::Css("[data-testid='present-card']"))
        .await?;
    assert_eq!(cards.len(), 1, "the phase's one touchpoint");
    assert!(cards[0].text().await?.contains("Web shop"));
    let editable = app
        .js(
            "return document.querySelectorAll(\"[data-testid='presenter'] input, [data-testid='presenter'] textarea, [data-testid='presenter'] [contenteditable]\").length;",
            Vec::new(),
        )
        .await?;
    assert_eq!(editable, json!(0), "nothing to edit while presenting");
    app.ctrl("z").await?;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let j = journey_json(data.path(), TITLE)?;
    assert_eq!(
        j["journey"]["next_steps"], "Interview five customers at the shop",
        "Ctrl+Z while presenting undoes nothing"
    );
    app.key(Key::Escape).await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app
        .d()
        .find_all(By::Css("[data-testid='presenter']"))
        .await?
        .is_empty()
    {
        assert!(Instant::now() < deadline, "Esc leaves presenting");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.wait_for("[data-testid='canvas']").await?;

    // F5 presents too (the actions list), from the first phase again.
    app.js(
        "document.querySelector(\"[data-testid='canvas']\").focus();",
        Vec::new(),
    )
    .await?;
    app.key(Key::F5).await?;
    app.wait_text("[data-testid='present-phase']", "Orientation")
        .await?;
    app.click_js("[data-testid='present-leave']").await?;
    app.wait_for("[data-testid='workshop-panel']").await?;
    app.quit().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_facilitator_timer_and_its_plan() -> Res {
    retry_on_hang(
        "the_facilitator_timer_and_its_plan",
        the_facilitator_timer_and_its_plan_once,
    )
    .await
}

/// One run of [`the_facilitator_timer_and_its_plan`].
async fn the_facilitator_timer_and_its_plan_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.d().set_window_rect(0, 0, 1280, 860).await?;
    app.wait_titles(&["Buying an e-bike at Fietsplezier"])
        .await?;
    app.card("Buying an e-bike at Fietsplezier")
        .await?
        .find(By::Css("button.open"))
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='canvas']").await?;
    // The plan of an earlier run (the webview's storage outlives the data dir) is forgotten.
    app.js(
        "localStorage.removeItem('klantreis.workshop.plan');",
        Vec::new(),
    )
    .await?;
    // Shift+W opens the panel (the actions list).
    app.js(
        "document.querySelector(\"[data-testid='canvas']\").focus();",
        Vec::new(),
    )
    .await?;
    app.d()
        .action_chain()
        .key_down(Key::Shift)
        .send_keys("W")
        .key_up(Key::Shift)
        .perform()
        .await?;
    app.wait_for("[data-testid='workshop-panel']").await?;

    // The 45-minute plan: 3 minutes for the goal.
    assert_eq!(app.text_of("[data-testid='ws-clock']").await?, "3:00");
    app.click_js("[data-testid='ws-start']").await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.text_of("[data-testid='ws-clock']").await? == "3:00" {
        assert!(Instant::now() < deadline, "the clock runs");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(app.text_of("[data-testid='ws-start']").await?, "Pause");

    // Next: the persona's 5 minutes, still running.
    app.click_js("[data-testid='ws-next']").await?;
    let clock = app.text_of("[data-testid='ws-clock']").await?;
    assert!(
        clock == "5:00" || clock == "4:59",
        "the persona step's clock: {clock}"
    );
    assert!(app
        .text_of("[data-testid='ws-timer']")
        .await?
        .contains("Choose a persona"));

    // Six minutes later (the page's clock moved on): time is up, calmly.
    app.js(
        "const real = Date.now.bind(Date); Date.now = () => real() + 6 * 60000;",
        Vec::new(),
    )
    .await?;
    app.wait_for("[data-testid='ws-time-up']").await?;
    assert_eq!(
        app.wait_for("[data-testid='ws-timer']")
            .await?
            .attr("data-over")
            .await?
            .as_deref(),
        Some("true")
    );
    assert!(app
        .text_of("[data-testid='ws-clock']")
        .await?
        .starts_with("+1:0"));
    app.shot("workshop-05-time-up.png").await?;
    app.click_js("[data-testid='ws-start']").await?;

    // The plan: 12 minutes for the touchpoints makes 47 in all, kept in the app's settings.
    app.click_js("[data-testid='ws-plan']").await?;
    let input = app
        .wait_for("[data-testid='ws-minutes-touchpoints']")
        .await?;
    input.send_keys(Key::Control + "a").await?;
    input.send_keys("12" + Key::Tab).await?;
    app.wait_text("[data-testid='ws-plan']", "Plan · 47 minutes in total")
        .await?;
    let saved = app
        .js(
            "return JSON.parse(localStorage.getItem('klantreis.workshop.plan')).touchpoints;",
            Vec::new(),
        )
        .await?;
    assert_eq!(saved, json!(12));
    app.shot("workshop-06-plan.png").await?;
    app.click_js("[data-testid='ws-plan-default']").await?;
    app.wait_text("[data-testid='ws-plan']", "Plan · 45 minutes in total")
        .await?;

    // The sample journey presented: its fourth phase, with the curve's trough.
    app.click_js("[data-testid='open-present']").await?;
    app.wait_text("[data-testid='present-phase']", "Awareness")
        .await?;
    for _ in 0..3 {
        app.key(Key::Right).await?;
    }
    app.wait_text("[data-testid='present-phase']", "Retention")
        .await?;
    app.shot("workshop-08-presenting-sample.png").await?;
    app.key(Key::Escape).await?;
    app.quit().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_toolbar_fits_1200_pixels() -> Res {
    retry_on_hang(
        "the_toolbar_fits_1200_pixels",
        the_toolbar_fits_1200_pixels_once,
    )
    .await
}

/// One run of [`the_toolbar_fits_1200_pixels`].
async fn the_toolbar_fits_1200_pixels_once() -> Res {
    for (locale, sample) in [
        ("en_GB.UTF-8", "Buying an e-bike at Fietsplezier"),
        ("nl_NL.UTF-8", "Een e-bike kopen bij Fietsplezier"),
    ] {
        let data = tempfile::tempdir()?;
        let app = App::start(data.path(), locale).await?;
        app.d().set_window_rect(0, 0, 1200, 800).await?;
        app.card(sample)
            .await?
            .find(By::Css("button.open"))
            .await?
            .click()
            .await?;
        app.wait_for("[data-testid='canvas']").await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let fit = app
            .js(
                "const t = document.querySelector(\"[data-testid='toolbar']\");\
                 const r = t.getBoundingClientRect();\
                 const out = [...t.querySelectorAll('button')].filter(b => { const x = b.getBoundingClientRect(); return x.right > r.right + 0.5 || x.bottom > r.bottom + 0.5; }).map(b => b.textContent.trim());\
                 return { width: window.innerWidth, overflow: t.scrollWidth - t.clientWidth, out };",
                Vec::new(),
            )
            .await?;
        app.shot(&format!("workshop-07-toolbar-1200-{}.png", &locale[..2]))
            .await?;
        // The workshop panel beside the canvas at this width, to look at.
        app.click_js("[data-testid='open-workshop']").await?;
        app.wait_for("[data-testid='ws-step-goal'][data-done='true']")
            .await?;
        app.shot(&format!("workshop-09-panel-1200-{}.png", &locale[..2]))
            .await?;
        assert_eq!(
            fit["width"],
            json!(1200),
            "the window is 1,200 px wide: {fit}"
        );
        assert_eq!(
            fit["overflow"],
            json!(0),
            "{locale}: nothing overflows the toolbar: {fit}"
        );
        assert_eq!(
            fit["out"],
            json!([]),
            "{locale}: every toolbar button is inside it: {fit}"
        );
        app.quit().await?;
    }
    Ok(())
}
