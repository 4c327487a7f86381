//! Faults in the running app (issue 14, part 4), end to end: a signal ends it cleanly; a
//! change made by another process shows within a second and is never written over; the web
//! view's content process dying brings the view back on the same journey. See
//! docs/reliability.md for the table of faults and what the user gets.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};
use thirtyfour::prelude::*;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";

/// The only journey's id in `doc`.
fn journey_id(doc: &Path) -> Res<String> {
    let list = run(Command::new(cli()).arg("list").arg(doc))?;
    Ok(list
        .lines()
        .next()
        .and_then(|l| l.split('\t').next())
        .ok_or("no journey")?
        .to_string())
}

fn apply(doc: &Path, edit: Value) -> Res {
    apply_json(doc, &edit).map(|_| ())
}

fn wal(doc: &Path) -> PathBuf {
    let mut p = doc.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

fn the_document(data: &Path) -> Res<PathBuf> {
    std::fs::read_dir(data)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "klantreis"))
        .ok_or_else(|| "no document in the data dir".into())
}

/// Renames the journey card titled `from` through its menu, as a user does. The list may
/// re-render under the clicks (a change by another process arrives), so a stale element
/// starts the gesture again.
async fn rename_in_app(app: &App, from: &str, to: &str) -> Res {
    let mut tries = 0;
    loop {
        let attempt = async {
            let card = app.card(from).await?;
            card.find(By::Css("[data-testid='journey-menu']"))
                .await?
                .click()
                .await?;
            app.wait_for("[data-testid='journey-rename']")
                .await?
                .click()
                .await?;
            let input = app.wait_for("[data-testid='journey-rename-input']").await?;
            // No clear(): it blurs the field, which commits the rename (see app.rs); the
            // field opens with its text selected, so typing replaces it.
            input
                .send_keys(to.to_string() + thirtyfour::Key::Enter)
                .await?;
            Res::Ok(())
        };
        match attempt.await {
            Ok(()) => return Ok(()),
            Err(e) if tries < 3 => {
                tries += 1;
                eprintln!("rename: {e}; again");
                let _ = app
                    .d()
                    .action_chain()
                    .send_keys(thirtyfour::Key::Escape)
                    .perform()
                    .await;
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

/// SIGTERM, SIGINT and SIGHUP each end the app the way quitting does: the document is
/// checkpointed and closed (no `-wal` beside it) and every committed change is in it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signal_closes_the_document_cleanly() -> Res {
    retry_on_hang(
        "a_signal_closes_the_document_cleanly",
        a_signal_closes_the_document_cleanly_once,
    )
    .await
}

/// One run of [`a_signal_closes_the_document_cleanly`].
async fn a_signal_closes_the_document_cleanly_once() -> Res {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under xvfb-run (make e2e)"
    );
    for signal in ["TERM", "INT", "HUP"] {
        let data = tempfile::tempdir()?;
        let doc = data.path().join("Signals.klantreis");
        // The app alone, without a WebDriver session: a signal is how a session manager,
        // `kill` or Ctrl+C in a terminal ends it.
        let mut app = Command::new(app_binary())
            .env("KLANTREIS_DATA_DIR", data.path())
            .env("KLANTREIS_DOCUMENT", &doc)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()?;
        let deadline = Instant::now() + TIMEOUT;
        while !(doc.exists() && wal(&doc).exists()) {
            assert!(Instant::now() < deadline, "the app never opened {doc:?}");
            assert!(app.try_wait()?.is_none(), "the app ended by itself");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // A change while it runs (committed, so in the WAL), then the signal. The file and its
        // log appear before the first start's sample journey is committed: wait for that too.
        let deadline = Instant::now() + TIMEOUT;
        let id = loop {
            match journey_id(&doc) {
                Ok(id) => break id,
                Err(e) if Instant::now() > deadline => return Err(e),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        let title = format!("After SIG{signal}");
        apply(
            &doc,
            json!({"op": "update_journey", "id": id, "patch": {"title": title}}),
        )?;
        // The tool's close removed the log (the app holds no lock while idle); the app reads
        // the change at its next look, which opens the log again.
        let deadline = Instant::now() + TIMEOUT;
        while !wal(&doc).exists() {
            assert!(Instant::now() < deadline, "the app never read the change");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let t0 = Instant::now();
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &app.id().to_string()])
            .status()?;
        assert!(status.success());
        let exit = loop {
            if let Some(s) = app.try_wait()? {
                break s;
            }
            if t0.elapsed() > Duration::from_secs(15) {
                let _ = app.kill();
                return Err(format!("SIG{signal}: the app did not end within 15 s").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        eprintln!(
            "SIG{signal}: ended in {} ms with {exit}",
            t0.elapsed().as_millis()
        );
        assert!(exit.success(), "SIG{signal}: exit status {exit}");
        assert!(
            !wal(&doc).exists(),
            "SIG{signal}: a -wal file is left beside the document"
        );
        let list = run(Command::new(cli()).arg("list").arg(&doc))?;
        assert!(
            list.contains(&title),
            "SIG{signal}: the change is lost: {list}"
        );
    }
    Ok(())
}

/// The command-line tool changes the open document: the app shows it within a second, and
/// the app's next edit keeps it (it is never written over).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_by_another_process_shows_at_once_and_is_kept() -> Res {
    retry_on_hang(
        "a_change_by_another_process_shows_at_once_and_is_kept",
        a_change_by_another_process_shows_at_once_and_is_kept_once,
    )
    .await
}

/// One run of [`a_change_by_another_process_shows_at_once_and_is_kept`].
async fn a_change_by_another_process_shows_at_once_and_is_kept_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.wait_titles(&[SAMPLE_EN]).await?;
    let doc = the_document(data.path())?;
    let id = journey_id(&doc)?;

    let t0 = Instant::now();
    apply(
        &doc,
        json!({"op": "update_journey", "id": id, "patch": {"title": "Renamed by the CLI"}}),
    )?;
    app.wait_titles(&["Renamed by the CLI"]).await?;
    let shown = t0.elapsed();
    eprintln!("a change by the CLI showed after {} ms", shown.as_millis());
    // Within a second on a quiet machine (the app looks every 250 ms); the margin is for a
    // loaded build machine.
    assert!(shown < Duration::from_secs(2), "shown after {shown:?}");
    app.shot("faults-01-cli-change-shown.png").await?;

    // Another change the home view does not show, then at once an edit in the app: the app's
    // edit starts from the document as it is, so the CLI's goal stays.
    apply(
        &doc,
        json!({"op": "update_journey", "id": id, "patch": {"goal": "Goal set by the CLI"}}),
    )?;
    rename_in_app(&app, "Renamed by the CLI", "Renamed in the app").await?;
    app.wait_titles(&["Renamed in the app"]).await?;
    let j = wait_doc(
        data.path(),
        "Renamed in the app",
        "the app's rename",
        |_| true,
    )
    .await?;
    assert_eq!(
        j["journey"]["goal"], "Goal set by the CLI",
        "the CLI's change was lost"
    );
    app.quit().await
}

/// The processes below `pid` (children, grandchildren, …) whose name starts with `name`.
fn descendants_named(pid: u32, name: &str) -> Vec<u32> {
    let mut parent = std::collections::HashMap::new();
    let mut comm = std::collections::HashMap::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(p) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid …; comm may hold spaces, so split at the last ')'.
        let Some(close) = stat.rfind(')') else {
            continue;
        };
        let open = stat.find('(').unwrap_or(0);
        let ppid = stat[close + 1..]
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(0);
        parent.insert(p, ppid);
        comm.insert(p, stat[open + 1..close].to_string());
    }
    let below = |mut p: u32| {
        while let Some(&pp) = parent.get(&p) {
            if pp == pid {
                return true;
            }
            if pp <= 1 {
                return false;
            }
            p = pp;
        }
        false
    };
    let mut out: Vec<u32> = comm
        .iter()
        .filter(|(p, c)| c.starts_with(name) && below(**p))
        .map(|(p, _)| *p)
        .collect();
    out.sort();
    out
}

/// WebKit's content process dies (SIGKILL, as the kernel's OOM killer would): the app stays
/// up, notices, and loads the view again in a new content process; every edit is still there.
/// (WebKitWebDriver ends its session when the page crashes, so the reloaded page cannot be
/// read from here: that it opens on the journey that was open is the UI's `place.ts`, tested
/// in `place.test.ts`; the reloaded page itself has not been looked at yet, see docs/reliability.md.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_process_dying_is_survived_and_the_view_reloaded() -> Res {
    retry_on_hang(
        "the_web_process_dying_is_survived_and_the_view_reloaded",
        the_web_process_dying_is_survived_and_the_view_reloaded_once,
    )
    .await
}

/// One run of [`the_web_process_dying_is_survived_and_the_view_reloaded`].
async fn the_web_process_dying_is_survived_and_the_view_reloaded_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.wait_titles(&[SAMPLE_EN]).await?;
    let doc = the_document(data.path())?;
    rename_in_app(&app, SAMPLE_EN, "Renamed before the crash").await?;
    app.open_journey("Renamed before the crash").await?;
    let fragment: String = app
        .d()
        .execute("return location.hash;", Vec::new())
        .await?
        .convert()?;
    assert!(
        fragment.starts_with("#journey="),
        "the open journey is in the URL: {fragment}"
    );

    let driver = app.tauri_driver.id();
    let shell = descendants_named(driver, "klantreis-app");
    assert_eq!(shell.len(), 1, "one app below this test's driver");
    let web = descendants_named(shell[0], "WebKitWebProces");
    assert!(!web.is_empty(), "no WebKitWebProcess below the app");
    for pid in &web {
        Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()?;
    }
    // A new content process below the same app: the page was loaded again.
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let now = descendants_named(shell[0], "WebKitWebProces");
        if !now.is_empty() && now.iter().all(|p| !web.contains(p)) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no new web process after the crash"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        descendants_named(driver, "klantreis-app"),
        shell,
        "the app itself kept running"
    );
    let list = run(Command::new(cli()).arg("list").arg(&doc))?;
    assert!(list.contains("Renamed before the crash"), "{list}");
    app.quit().await
}

/// The document's file is moved away while it is open: a banner says so at once, an edit is
/// refused with a message (nothing claims to be saved), and the moved file holds everything
/// saved before it went.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_moved_while_open_says_so_and_saves_nothing_anywhere() -> Res {
    retry_on_hang(
        "a_document_moved_while_open_says_so_and_saves_nothing_anywhere",
        a_document_moved_while_open_says_so_and_saves_nothing_anywhere_once,
    )
    .await
}

/// One run of [`a_document_moved_while_open_says_so_and_saves_nothing_anywhere`].
async fn a_document_moved_while_open_says_so_and_saves_nothing_anywhere_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.wait_titles(&[SAMPLE_EN]).await?;
    let doc = the_document(data.path())?;
    let elsewhere = tempfile::tempdir()?;
    let moved = elsewhere.path().join("Moved.klantreis");
    std::fs::rename(&doc, &moved)?;
    let banner = app.wait_for("[data-testid='doc-gone-banner']").await?;
    let text = banner.text().await?;
    assert!(text.contains("was moved or deleted"), "banner: {text}");
    app.shot("faults-03-document-moved.png").await?;

    // An edit in the app: refused, said so, and the list still shows the saved title.
    rename_in_app(&app, SAMPLE_EN, "Lost in the void").await?;
    let toast = app.wait_for("[data-testid='toast']").await?;
    let said = toast.text().await?;
    assert!(said.contains("not saved"), "toast: {said}");
    app.wait_titles(&[SAMPLE_EN]).await?;
    app.shot("faults-04-edit-refused.png").await?;
    let list = run(Command::new(cli()).arg("list").arg(&moved))?;
    assert!(list.contains(SAMPLE_EN), "the moved file: {list}");
    assert!(!list.contains("Lost in the void"));
    assert!(!doc.exists(), "nothing was made at the old place");
    app.quit().await
}

/// A second app on a document another app has open opens it read-only with a banner (never
/// two writers), shows the first one's changes, refuses edits with a message, and becomes the
/// writer once the first app quits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_app_on_the_same_document_is_read_only_until_the_first_quits() -> Res {
    retry_on_hang(
        "a_second_app_on_the_same_document_is_read_only_until_the_first_quits",
        a_second_app_on_the_same_document_is_read_only_until_the_first_quits_once,
    )
    .await
}

/// One run of [`a_second_app_on_the_same_document_is_read_only_until_the_first_quits`].
async fn a_second_app_on_the_same_document_is_read_only_until_the_first_quits_once() -> Res {
    let data = tempfile::tempdir()?;
    let doc = data.path().join("Shared.klantreis");
    // The first app, without WebDriver; the second (below) reads the same settings, so it
    // opens the same document as its last one.
    let mut first = Command::new(app_binary())
        .env("KLANTREIS_DATA_DIR", data.path())
        .env("KLANTREIS_DOCUMENT", &doc)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()?;
    let deadline = Instant::now() + TIMEOUT;
    while !(wal(&doc).exists() && data.path().join("settings.json").exists()) {
        assert!(
            Instant::now() < deadline,
            "the first app never opened {doc:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.wait_titles(&[SAMPLE_EN]).await?;
    let banner = app.wait_for("[data-testid='read-only-banner']").await?;
    let text = banner.text().await?;
    assert!(text.contains("open in another Klantreis window"), "{text}");
    app.shot("faults-05-second-app-read-only.png").await?;

    // A change made in the first app (here: the CLI beside it) shows in the second.
    let id = journey_id(&doc)?;
    apply(
        &doc,
        json!({"op": "update_journey", "id": id, "patch": {"title": "Changed elsewhere"}}),
    )?;
    app.wait_titles(&["Changed elsewhere"]).await?;
    // An edit here is refused, with a message.
    app.wait_for("[data-testid='undo']").await?.click().await?;
    let toast = app.wait_for("[data-testid='toast']").await?;
    let said = toast.text().await?;
    assert!(said.contains("read-only"), "toast: {said}");
    app.wait_titles(&["Changed elsewhere"]).await?;

    // The first app quits: the second takes over writing, and the banner goes.
    Command::new("kill")
        .args(["-TERM", &first.id().to_string()])
        .status()?;
    first.wait()?;
    let deadline = Instant::now() + TIMEOUT;
    while !app
        .d()
        .find_all(By::Css("[data-testid='read-only-banner']"))
        .await?
        .is_empty()
    {
        assert!(
            Instant::now() < deadline,
            "still read-only after the first app quit"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.wait_for("[data-testid='undo']").await?.click().await?;
    app.wait_titles(&[SAMPLE_EN]).await?;
    let list = run(Command::new(cli()).arg("list").arg(&doc))?;
    assert!(list.contains(SAMPLE_EN), "the undo was saved: {list}");
    app.quit().await
}
