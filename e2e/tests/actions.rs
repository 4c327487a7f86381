//! End-to-end tests of the editor's actions list (ui/src/engine/actions.ts) in the real app:
//! the toolbar and the `?` overlay read it, the keys run it, fast entry is driven by its keys,
//! the live emotion curve has the print's colours, and characters Noto Sans lacks are drawn with
//! the bundled fallback font. The harness is the one of `app.rs` (each test file is its own
//! crate). Run under a display with `--test-threads=1`.
//!
//! The app is pointed at a temporary data directory (`KLANTREIS_DATA_DIR`), so the tests never
//! touch the user's own documents and every test starts as a first start.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use thirtyfour::prelude::*;
use thirtyfour::Key;

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

const TIMEOUT: Duration = Duration::from_secs(20);

fn app_binary() -> PathBuf {
    let path = std::env::var_os("KLANTREIS_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/klantreis-app")
        });
    assert!(
        path.exists(),
        "{} does not exist: build the app first (`make app`)",
        path.display()
    );
    path
}

fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A running app under tauri-driver, with the WebDriver session to it.
struct App {
    driver: Option<WebDriver>,
    tauri_driver: Child,
}

impl App {
    async fn start(data_dir: &Path, locale: &str) -> Res<App> {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "DISPLAY is not set: run the end-to-end tests under xvfb-run (make e2e)"
        );
        std::fs::create_dir_all(data_dir.join("exports"))?;
        let port = free_port();
        let native_port = free_port();
        // The app inherits this environment through tauri-driver and WebKitWebDriver.
        let tauri_driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("KLANTREIS_DATA_DIR", data_dir)
            // Exports skip the native save dialog (which WebDriver cannot drive).
            .env("KLANTREIS_EXPORT_DIR", data_dir.join("exports"))
            .env_remove("KLANTREIS_DOCUMENT")
            .env("LANG", locale)
            .env("LC_ALL", locale)
            .env("LC_MESSAGES", locale)
            // Composited painting, chosen explicitly. Without a GPU the app would paint without
            // compositing (faster, see main.rs), but then WebKitWebDriver's screenshot hangs
            // until its 120 s timeout once the page is idle (seen after the emotion drag).
            // The default path is driven by the drag benchmark (e2e/examples/drag_bench.rs).
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "0")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start tauri-driver (cargo install tauri-driver): {e}"))?;
        let mut app = App {
            driver: None,
            tauri_driver,
        };
        let deadline = Instant::now() + TIMEOUT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("tauri-driver did not start listening".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({ "application": app_binary() }),
        );
        // tauri-driver accepts connections before WebKitWebDriver behind it is ready; on a busy
        // machine the first session request can fail, so it is retried a few times.
        let url = format!("http://127.0.0.1:{port}");
        let mut tries = 0;
        let driver = loop {
            match WebDriver::new(url.as_str(), caps.clone()).await {
                Ok(driver) => break driver,
                Err(e) if tries < 5 => {
                    tries += 1;
                    eprintln!("new session failed ({e}); retrying");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => return Err(e.into()),
            }
        };
        app.driver = Some(driver);
        app.wait_for("[data-testid='app-ready']").await?;
        Ok(app)
    }

    fn d(&self) -> &WebDriver {
        self.driver.as_ref().expect("session is open")
    }

    async fn wait_for(&self, css: &str) -> Res<WebElement> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Ok(el) = self.d().find(By::Css(css)).await {
                return Ok(el);
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {css}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the journey titles on the home view are `want` (in any order).
    async fn wait_titles(&self, want: &[&str]) -> Res<Vec<String>> {
        let deadline = Instant::now() + TIMEOUT;
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        loop {
            let mut got = self.titles().await.unwrap_or_default();
            got.sort();
            if got == want {
                return Ok(got);
            }
            if Instant::now() > deadline {
                return Err(format!("journey titles are {got:?}, expected {want:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The journey titles on the home view, read in one script so a re-render between two
    /// element look-ups cannot make a reference stale.
    async fn titles(&self) -> Res<Vec<String>> {
        let ret = self
            .d()
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='journey-title']\")].map(e => e.textContent.trim())",
                Vec::new(),
            )
            .await?;
        Ok(ret.convert()?)
    }

    /// The card of the journey titled `title` (looked up by its id, which stays put while the
    /// list re-renders).
    async fn card(&self, title: &str) -> Res<WebElement> {
        let ret = self
            .d()
            .execute(
                "const c = [...document.querySelectorAll(\"[data-testid='journey-card']\")]\
                   .find(c => c.querySelector(\"[data-testid='journey-title']\")?.textContent.trim() === arguments[0]);\
                 return c ? c.dataset.journeyId : null;",
                vec![json!(title)],
            )
            .await?;
        let id: Option<String> = ret.convert()?;
        let id = id.ok_or_else(|| format!("no journey card titled {title:?}"))?;
        self.wait_for(&format!("[data-journey-id='{id}']")).await
    }

    async fn shot(&self, name: &str) -> Res {
        // Let transitions settle so the picture shows the state, not a fade.
        tokio::time::sleep(Duration::from_millis(250)).await;
        self.d().screenshot(&screenshot_dir().join(name)).await?;
        Ok(())
    }

    async fn ctrl(&self, key: &str) -> Res {
        self.d()
            .action_chain()
            .key_down(Key::Control)
            .send_keys(key)
            .key_up(Key::Control)
            .perform()
            .await?;
        Ok(())
    }

    /// Closes the window the way a user does, then ends the session and the driver.
    async fn quit(mut self) -> Res {
        if let Some(driver) = self.driver.take() {
            let _ = driver.close_window().await;
            let _ = driver.quit().await;
        }
        Ok(())
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver (and the app) too,
        // where a kill would orphan them.
        let _ = Command::new("kill")
            .args(["-TERM", &self.tauri_driver.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.tauri_driver.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.tauri_driver.kill();
        let _ = self.tauri_driver.wait();
    }
}

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";
const SAMPLE_NL: &str = "Een e-bike kopen bij Fietsplezier";

impl App {
    /// Opens the journey titled `title` from the home view and waits for its canvas.
    async fn open_journey(&self, title: &str) -> Res {
        self.wait_titles(&[title]).await?;
        self.card(title)
            .await?
            .find(By::Css("button.open"))
            .await?
            .click()
            .await?;
        self.wait_for("[data-testid='canvas-card']").await?;
        Ok(())
    }

    /// Runs `script` in the page and returns its JSON result.
    async fn js(&self, script: &str, args: Vec<serde_json::Value>) -> Res<serde_json::Value> {
        Ok(self.d().execute(script, args).await?.json().clone())
    }

    /// Presses one key on whatever has the focus.
    async fn key(&self, key: impl Into<TypingData>) -> Res {
        self.d().action_chain().send_keys(key).perform().await?;
        Ok(())
    }

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
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;

    // The toolbar: one button per toolbar action, each titled with its label and shortcut.
    let buttons = app
        .js(
            "return [...document.querySelectorAll(\"[data-testid='toolbar'] button\")]\
               .map(b => [b.dataset.action, b.title]);",
            Vec::new(),
        )
        .await?;
    let buttons: Vec<(String, String)> = serde_json::from_value(buttons)?;
    let ids: Vec<&str> = buttons.iter().map(|b| b.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "zoom.out",
            "zoom.fit",
            "zoom.in",
            "phase.add",
            "lane.add",
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
    assert_eq!(row("Zoom in / out / fit"), "+ / – / 0");
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
    let phone = card_by_text(&j, "Call the shop 📱").ok_or("phone")?["id"]
        .as_str()
        .ok_or("id")?
        .to_string();
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
    let curious = card_by_text(&before, "Curious").ok_or("curious")?["id"]
        .as_str()
        .ok_or("id")?
        .to_string();
    let annoyed = card_by_text(&before, "Annoyed: first slot in three weeks").ok_or("annoyed")?
        ["id"]
        .as_str()
        .ok_or("id")?
        .to_string();
    let p = app
        .centre(&format!("[data-emotion-point='{curious}']"))
        .await?;
    let low = app
        .centre(&format!("[data-emotion-point='{annoyed}']"))
        .await?;
    let mut chain = app.d().action_chain().move_to(p.0, p.1).click_and_hold();
    for i in 1..=6 {
        chain = chain.move_to(p.0, p.1 + (low.1 - p.1) * i / 6);
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
    let curious_id = curious.clone();
    wait_doc(data.path(), SAMPLE_EN, "emotion −2", |j| {
        j["journey"]["cards"]
            .as_array()
            .and_then(|a| a.iter().find(|c| c["id"] == curious_id.as_str()))
            .is_some_and(|c| c["emotion"] == -2)
    })
    .await?;
    app.shot("a05-curve-after-drop.png").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overlay_speaks_dutch() -> Res {
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
impl App {
    /// Centre (viewport px) of the first element matching `css`.
    async fn centre(&self, css: &str) -> Res<(i64, i64)> {
        // Polled in the page: WebKitWebDriver's own element look-up never answers for an
        // element whose label holds a character outside the BMP (the emoji cards).
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let ret = self
                .js(
                    "const e = document.querySelector(arguments[0]); if (!e) return null;\
                     const r = e.getBoundingClientRect();\
                     return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];",
                    vec![json!(css)],
                )
                .await?;
            if let Ok(v) = serde_json::from_value::<Vec<i64>>(ret) {
                if let [x, y] = v[..] {
                    return Ok((x, y));
                }
            }
            if Instant::now() > deadline {
                self.shot("a-debug.png").await?;
                let all = self.js("return [...document.querySelectorAll('[data-card]')].map(e => e.dataset.card + ' ' + e.getAttribute('aria-label'))", Vec::new()).await?;
                return Err(format!("timed out waiting for {css}: {all}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The journey as the document file holds it, read by the command-line tool while the app
/// is running (the document allows a second reader).
fn journey_json(data_dir: &Path, title: &str) -> Res<serde_json::Value> {
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/klantreis");
    let doc = std::fs::read_dir(data_dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "klantreis"))
        .ok_or("no document in the data dir")?;
    let list = Command::new(&cli).arg("list").arg(&doc).output()?;
    let list = String::from_utf8(list.stdout)?;
    let id = list
        .lines()
        .find(|l| l.split('\t').nth(1) == Some(title))
        .and_then(|l| l.split('\t').next())
        .ok_or_else(|| format!("no journey {title:?} in {list}"))?
        .to_string();
    let out = Command::new(&cli)
        .args(["export-json"])
        .arg(&doc)
        .args(["--journey", &id, "--no-images"])
        .output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn card_by_text<'a>(j: &'a serde_json::Value, text: &str) -> Option<&'a serde_json::Value> {
    j["journey"]["cards"]
        .as_array()?
        .iter()
        .find(|c| c["text"] == text)
}

fn phase_ids(j: &serde_json::Value) -> Vec<String> {
    j["journey"]["phases"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Polls the document until `check` holds.
async fn wait_doc(
    data_dir: &Path,
    title: &str,
    what: &str,
    check: impl Fn(&serde_json::Value) -> bool,
) -> Res<serde_json::Value> {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let j = journey_json(data_dir, title)?;
        if check(&j) {
            return Ok(j);
        }
        if Instant::now() > deadline {
            return Err(format!("the document never showed: {what}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
