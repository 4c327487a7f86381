//! End-to-end tests of the real desktop app: the built binary, driven through tauri-driver and
//! WebKitWebDriver. Run under a display (`make e2e` uses `xvfb-run`) with `--test-threads=1`:
//! each test starts its own app and driver.
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
            .env_remove("KLANTREIS_DOCUMENT")
            .env("LANG", locale)
            .env("LC_ALL", locale)
            .env("LC_MESSAGES", locale)
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

    async fn text_of(&self, css: &str) -> Res<String> {
        Ok(self.wait_for(css).await?.text().await?)
    }

    /// Waits until the element's text is `want`.
    async fn wait_text(&self, css: &str, want: &str) -> Res {
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

    async fn ctrl_shift(&self, key: &str) -> Res {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_rename_undo_and_find_it_after_restart() -> Res {
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
    app.wait_titles(&[SAMPLE_EN, "Supplier onboarding"]).await?;
    assert!(
        app.d()
            .find_all(By::Css("[data-testid='new-journey-dialog']"))
            .await?
            .is_empty(),
        "the dialog closes after creating"
    );

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

    // Open it: the grid shows the template's phases.
    let card = app.card("Supplier onboarding").await?;
    card.find(By::Css("button.open")).await?.click().await?;
    app.wait_text("[data-testid='journey-view-title']", "Supplier onboarding")
        .await?;
    let grid_phases = app
        .d()
        .find_all(By::Css("[data-testid='grid-phase']"))
        .await?;
    assert_eq!(
        grid_phases.len(),
        phase_count,
        "the grid has a column per phase"
    );
    app.shot("04-journey-view.png").await?;
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
    app.wait_text("[data-testid='journey-view-title']", SAMPLE_EN)
        .await?;
    let cards = app
        .d()
        .find_all(By::Css("[data-testid='grid-card']"))
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
