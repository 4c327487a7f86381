//! The harness every end-to-end test file shares (each file under `tests/` is its own crate and
//! includes this module): the app under tauri-driver with its WebDriver session, the page
//! helpers, and reading the document back through the command-line tool. Each test file uses
//! part of it.
#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use thirtyfour::prelude::*;
use thirtyfour::{Key, TypingData};

pub type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// How long one WebDriver request may take. Every request the tests make answers within
/// seconds; WebKitWebDriver that stopped answering (see `retry_on_hang`) is given up on after
/// this rather than after the client's default of 120 s.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Runs one end-to-end test, and once more from a fresh app when WebKitWebDriver stopped
/// answering a request (a transport error, not a failed check). A CI run saw one pointer
/// drag's `actions` request left unanswered until the client's timeout, on an otherwise
/// healthy run; dozens of local runs under load did not show it again. A second hang, and
/// every failed assertion or missing element, still fails the test.
pub async fn retry_on_hang<F, Fut>(name: &str, test: F) -> Res
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Res>,
{
    match test().await {
        Err(e) if is_driver_hang(e.as_ref()) => {
            eprintln!("{name}: WebKitWebDriver stopped answering ({e}); running the test again");
            test().await
        }
        other => other,
    }
}

/// A request that got no answer at all, as opposed to an answer that says something failed.
fn is_driver_hang(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<WebDriverError>()
        .is_some_and(|e| matches!(**e, thirtyfour::error::WebDriverErrorInner::HttpError(_)))
}

pub fn app_binary() -> PathBuf {
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

pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A running app under tauri-driver, with the WebDriver session to it.
pub struct App {
    pub driver: Option<WebDriver>,
    pub tauri_driver: Child,
}

impl App {
    pub async fn start(data_dir: &Path, locale: &str) -> Res<App> {
        App::start_with(data_dir, locale, &[]).await
    }

    /// [`App::start`] with more environment for the app (e.g. a stand-in for a native file
    /// dialog). Each app has its own tauri-driver on its own ports, so two can run at once.
    pub async fn start_with(
        data_dir: &Path,
        locale: &str,
        env: &[(&str, &std::ffi::OsStr)],
    ) -> Res<App> {
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
            .envs(env.iter().copied())
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
            match WebDriver::builder(url.as_str(), caps.clone())
                .request_timeout(REQUEST_TIMEOUT)
                .await
            {
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

    pub fn d(&self) -> &WebDriver {
        self.driver.as_ref().expect("session is open")
    }

    pub async fn wait_for(&self, css: &str) -> Res<WebElement> {
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
    pub async fn wait_titles(&self, want: &[&str]) -> Res<Vec<String>> {
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
    pub async fn titles(&self) -> Res<Vec<String>> {
        let ret = self
            .d()
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='journey-title']\")].map(e => e.textContent.trim())",
                Vec::new(),
            )
            .await?;
        Ok(ret.convert()?)
    }

    /// The element's text content, read in the page (WebDriver's rendered-text rules hide
    /// text in ellipsis-clipped headers).
    pub async fn text_of(&self, css: &str) -> Res<String> {
        self.wait_for(css).await?;
        let ret = self
            .d()
            .execute(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';",
                vec![json!(css)],
            )
            .await?;
        Ok(ret.convert()?)
    }

    /// Waits until the element's text is `want`.
    pub async fn wait_text(&self, css: &str, want: &str) -> Res {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let got = self.text_of(css).await.unwrap_or_default();
            if got == want {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("{css} says {got:?}, expected {want:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The card of the journey titled `title` (looked up by its id, which stays put while the
    /// list re-renders).
    pub async fn card(&self, title: &str) -> Res<WebElement> {
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

    pub async fn shot(&self, name: &str) -> Res {
        // Let transitions settle so the picture shows the state, not a fade.
        tokio::time::sleep(Duration::from_millis(250)).await;
        self.d().screenshot(&screenshot_dir().join(name)).await?;
        Ok(())
    }

    pub async fn ctrl(&self, key: &str) -> Res {
        self.d()
            .action_chain()
            .key_down(Key::Control)
            .send_keys(key)
            .key_up(Key::Control)
            .perform()
            .await?;
        Ok(())
    }

    pub async fn ctrl_shift(&self, key: &str) -> Res {
        self.d()
            .action_chain()
            .key_down(Key::Control)
            .key_down(Key::Shift)
            .send_keys(key)
            .key_up(Key::Shift)
            .key_up(Key::Control)
            .perform()
            .await?;
        Ok(())
    }

    /// Closes the window the way a user does, then ends the session and the driver.
    pub async fn quit(mut self) -> Res {
        if let Some(driver) = self.driver.take() {
            let _ = driver.close_window().await;
            let _ = driver.quit().await;
        }
        Ok(())
    }
}

/// Page helpers every test file uses: open a journey, run script, press keys, find where an
/// element is on screen and drag there with real pointer events.
impl App {
    /// Opens the journey titled `title` from the home view and waits for its canvas.
    /// In the open print dialog: prints to PDF and gives the file the app wrote into the
    /// data dir's `exports` (the tests' stand-in for the save dialog, see [`App::start`]).
    pub async fn export_pdf(&self, data_dir: &Path) -> Res<PathBuf> {
        self.wait_for("[data-testid='export-pdf']")
            .await?
            .click()
            .await?;
        self.wait_for("[data-testid='print-done']").await?;
        let pdf = std::fs::read_dir(data_dir.join("exports"))?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "pdf"))
            .ok_or("no PDF exported")?;
        Ok(pdf)
    }

    pub async fn open_journey(&self, title: &str) -> Res {
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
    pub async fn js(&self, script: &str, args: Vec<serde_json::Value>) -> Res<serde_json::Value> {
        Ok(self.d().execute(script, args).await?.json().clone())
    }

    /// Presses one key (or types keys) on whatever has the focus.
    pub async fn key(&self, key: impl Into<TypingData>) -> Res {
        self.d().action_chain().send_keys(key).perform().await?;
        Ok(())
    }

    /// Centre (viewport px) of the first element matching `css`, once there is one. Polled in
    /// the page: WebKitWebDriver's own element look-up never answers for an element whose
    /// label holds a character outside the BMP (the emoji cards).
    pub async fn centre(&self, css: &str) -> Res<(i64, i64)> {
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
                return Err(format!("timed out waiting for {css}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks `button` until `expect` shows (three tries, `TIMEOUT` in all). Seen once on a
    /// loaded machine: the first click on a toolbar button right after a journey opened did
    /// not open its dialog; a user clicks again, and so does this.
    pub async fn click_until(&self, button: &str, expect: &str) -> Res {
        for _ in 0..3 {
            self.wait_for(button).await?.click().await?;
            let deadline = Instant::now() + TIMEOUT / 3;
            while Instant::now() < deadline {
                if !self.d().find_all(By::Css(expect)).await?.is_empty() {
                    return Ok(());
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        Err(format!("clicking {button} never showed {expect}").into())
    }

    /// Presses at `from`, moves in steps to `to` and releases: a real pointer drag.
    pub async fn drag(&self, from: (i64, i64), to: (i64, i64)) -> Res {
        let mut chain = self
            .d()
            .action_chain()
            .move_to(from.0, from.1)
            .click_and_hold();
        for i in 1..=10 {
            let x = from.0 + (to.0 - from.0) * i / 10;
            let y = from.1 + (to.1 - from.1) * i / 10;
            chain = chain.move_to(x, y);
        }
        chain.release().perform().await?;
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

/// The command-line tool of this build; the tests read and change documents through it.
pub fn cli() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/klantreis")
}

/// Runs `cmd`; its standard output, or its standard error as the error.
pub fn run(cmd: &mut Command) -> Res<String> {
    let out = cmd.output()?;
    if !out.status.success() {
        return Err(format!("{cmd:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// `klantreis apply DOC -` with `edits` (one edit or an array) on standard input.
pub fn apply_json(doc: &Path, edits: &serde_json::Value) -> Res<String> {
    use std::io::Write;
    let mut child = Command::new(cli())
        .arg("apply")
        .arg(doc)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    child
        .stdin
        .take()
        .ok_or("stdin")?
        .write_all(edits.to_string().as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(format!("klantreis apply: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// The journey as the document file holds it, read by the command-line tool while the app
/// is running (the document allows a second reader).
pub fn journey_json(data_dir: &Path, title: &str) -> Res<serde_json::Value> {
    let cli = cli();
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

pub fn card_by_text<'a>(j: &'a serde_json::Value, text: &str) -> Option<&'a serde_json::Value> {
    j["journey"]["cards"]
        .as_array()?
        .iter()
        .find(|c| c["text"] == text)
}

/// The id of the card saying `text`.
pub fn card_id(j: &serde_json::Value, text: &str) -> Res<String> {
    let card = card_by_text(j, text).ok_or_else(|| format!("no card says {text:?}"))?;
    Ok(card["id"]
        .as_str()
        .ok_or("a card without an id")?
        .to_string())
}

/// The sample's emotion drag: the id of "Curious" (+1), the screen centre of its emotion
/// point, and that point moved to the level of "Annoyed: first slot in three weeks" (−2).
pub async fn curious_to_annoyed(
    app: &App,
    j: &serde_json::Value,
) -> Res<(String, (i64, i64), (i64, i64))> {
    let curious = card_id(j, "Curious")?;
    let annoyed = card_id(j, "Annoyed: first slot in three weeks")?;
    let from = app
        .centre(&format!("[data-emotion-point='{curious}']"))
        .await?;
    let low = app
        .centre(&format!("[data-emotion-point='{annoyed}']"))
        .await?;
    Ok((curious, from, (from.0, low.1)))
}

/// Polls the document until card `id` of journey `title` has emotion `emotion`.
pub async fn wait_emotion(
    data_dir: &Path,
    title: &str,
    id: &str,
    emotion: i64,
    what: &str,
) -> Res<serde_json::Value> {
    wait_doc(data_dir, title, what, |j| {
        j["journey"]["cards"]
            .as_array()
            .and_then(|a| a.iter().find(|c| c["id"] == id))
            .is_some_and(|c| c["emotion"] == emotion)
    })
    .await
}

pub fn phase_ids(j: &serde_json::Value) -> Vec<String> {
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
pub async fn wait_doc(
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
