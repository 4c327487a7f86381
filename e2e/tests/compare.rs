//! End to end: the to-be journey, the comparison and the versions in the real app. Make the
//! to-be journey from the sample, change an emotion in it, see the difference in the
//! comparison and print it (its text checked with `pdftotext`); take a version, edit, restore
//! it from the versions list, and check the document through the command-line tool. Run under
//! a display with `--test-threads=1` (see `app.rs`).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::json;
use thirtyfour::prelude::*;
use thirtyfour::Key;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";
const TO_BE: &str = "Buying an e-bike at Fietsplezier (to-be)";

/// Clicks the centre of the first element matching `css` with the pointer (canvas cards take
/// pointer events, not synthetic clicks).
async fn press(app: &App, css: &str) -> Res {
    app.wait_for(css).await?;
    let ret = app
        .d()
        .execute(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();\
             return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];",
            vec![json!(css)],
        )
        .await?;
    let v: Vec<i64> = ret.convert()?;
    app.d()
        .action_chain()
        .move_to(v[0], v[1])
        .click()
        .perform()
        .await?;
    Ok(())
}

/// The document file in the data directory.
fn doc_path(data: &Path) -> Res<std::path::PathBuf> {
    Ok(std::fs::read_dir(data)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "klantreis"))
        .ok_or("no document in the data dir")?)
}

fn cli() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/klantreis")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn to_be_journey_compare_print_and_versions() -> Res {
    retry_on_hang(
        "to_be_journey_compare_print_and_versions",
        to_be_journey_compare_print_and_versions_once,
    )
    .await
}

/// One run of [`to_be_journey_compare_print_and_versions`].
async fn to_be_journey_compare_print_and_versions_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;

    // 1. Make the to-be journey: the editor opens it, linked to today's.
    app.wait_for("[data-testid='make-to-be']")
        .await?
        .click()
        .await?;
    let tobe = wait_doc(data.path(), TO_BE, "the to-be journey", |j| {
        j["journey"]["state"] == "to_be"
    })
    .await?;
    let asis = journey_json(data.path(), SAMPLE_EN)?;
    assert_eq!(tobe["journey"]["compared_with"], asis["journey"]["id"]);
    // The to-be journey is open (it offers no "make the to-be journey" of its own).
    wait_to_be_open(&app).await?;

    // 2. Change an emotion in it: "Curious" from +1 to +2.
    let curious = card_by_text(&tobe, "Curious").ok_or("sample card Curious")?;
    assert_eq!(curious["emotion"], 1);
    let curious_id = curious["id"].as_str().ok_or("id")?.to_string();
    press(
        &app,
        &format!("[data-testid='canvas-card'][data-card='{curious_id}']"),
    )
    .await?;
    app.wait_for("[data-testid='card-emotion']").await?;
    let buttons = app
        .d()
        .find_all(By::Css("[data-testid='card-emotion'] button"))
        .await?;
    let mut clicked = false;
    for b in buttons {
        if b.text().await? == "+2" {
            b.click().await?;
            clicked = true;
            break;
        }
    }
    assert!(clicked, "a +2 emotion button");
    wait_doc(data.path(), TO_BE, "Curious at +2", |j| {
        card_by_text(j, "Curious").is_some_and(|c| c["emotion"] == 2)
    })
    .await?;

    // 3. Compare with today's journey (the linked one opens straight away): one phase's mean
    // emotion went up, and the summary says something got better.
    app.wait_for("[data-testid='compare-with']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='compare-table']").await?;
    let diffs = app
        .d()
        .find_all(By::Css("[data-testid='compare-mean-diff']"))
        .await?;
    let mut texts = Vec::new();
    for d in &diffs {
        texts.push(d.text().await?);
    }
    // Today's journey is the reference and the to-be journey is measured against it.
    assert!(
        texts.iter().any(|t| t.starts_with('+')),
        "a phase's mean emotion differs: {texts:?}"
    );
    assert_eq!(
        texts
            .iter()
            .filter(|t| t.as_str() != "0" && t.as_str() != "–")
            .count(),
        1,
        "only Curious's phase changed: {texts:?}"
    );
    app.wait_for("[data-testid='compare-chart'] path").await?;
    app.shot("30-compare.png").await?;

    // 4. Print the comparison; its text names both journeys and the phases.
    app.wait_for("[data-testid='compare-print']")
        .await?
        .click()
        .await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let pdf = loop {
        let found = std::fs::read_dir(data.path().join("exports"))?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "pdf"));
        if let Some(p) = found {
            break p;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the comparison was printed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output()?;
    let text = String::from_utf8(text.stdout)?;
    assert!(text.contains("(to-be)"), "the to-be journey named: {text}");
    assert!(text.contains("Awareness"), "a phase named: {text}");
    app.d()
        .find(By::Css("[data-testid='compare-view'] header button"))
        .await?
        .click()
        .await?;

    // 5. Versions: take one, edit, restore it from the list.
    app.wait_for("[data-testid='versions-open']")
        .await?
        .click()
        .await?;
    let name = app.wait_for("[data-testid='version-name']").await?;
    name.send_keys("after workshop 1").await?;
    app.wait_for("[data-testid='version-take']")
        .await?
        .click()
        .await?;
    app.wait_text("[data-testid='version-row'] strong", "after workshop 1")
        .await?;
    app.shot("31-versions.png").await?;
    app.d()
        .find(By::Css("[data-testid='versions'] header button"))
        .await?
        .click()
        .await?;
    // The edit after the version: Curious back to −1 through the card panel.
    press(
        &app,
        &format!("[data-testid='canvas-card'][data-card='{curious_id}']"),
    )
    .await?;
    app.wait_for("[data-testid='card-emotion']").await?;
    for b in app
        .d()
        .find_all(By::Css("[data-testid='card-emotion'] button"))
        .await?
    {
        if b.text().await? == "-1" || b.text().await? == "−1" {
            b.click().await?;
            break;
        }
    }
    wait_doc(data.path(), TO_BE, "Curious at −1", |j| {
        card_by_text(j, "Curious").is_some_and(|c| c["emotion"] == -1)
    })
    .await?;
    app.wait_for("[data-testid='versions-open']")
        .await?
        .click()
        .await?;
    app.wait_text("[data-testid='version-row'] strong", "after workshop 1")
        .await?;
    app.wait_for("[data-testid='version-restore']")
        .await?
        .click()
        .await?;
    wait_doc(data.path(), TO_BE, "Curious restored to +2", |j| {
        card_by_text(j, "Curious").is_some_and(|c| c["emotion"] == 2)
    })
    .await?;
    // The list closes once the restore is done, and the canvas shows it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !app
        .d()
        .find_all(By::Css("[data-testid='versions']"))
        .await?
        .is_empty()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the versions list closed after the restore"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.shot("32-restored.png").await?;

    // The command line sees the version and the restored journey.
    let doc = doc_path(data.path())?;
    let id = tobe["journey"]["id"].as_str().ok_or("id")?;
    let out = Command::new(cli())
        .arg("snapshots")
        .arg(&doc)
        .args(["--journey", id])
        .output()?;
    let list = String::from_utf8(out.stdout)?;
    assert!(list.contains("after workshop 1"), "snapshots: {list}");
    let out = Command::new(cli())
        .arg("export-json")
        .arg(&doc)
        .args(["--journey", id, "--no-images", "--snapshots"])
        .output()?;
    let exported: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert!(
        exported.to_string().contains("after workshop 1"),
        "the export carries the version"
    );

    // 6. The restore is one undo step: Ctrl+Z brings back −1.
    app.d()
        .find(By::Css("body"))
        .await?
        .send_keys(Key::Escape)
        .await?;
    app.ctrl("z").await?;
    wait_doc(
        data.path(),
        TO_BE,
        "undo of the restore: Curious at −1",
        |j| card_by_text(j, "Curious").is_some_and(|c| c["emotion"] == -1),
    )
    .await?;
    app.shot("33-restored-undone.png").await?;
    app.quit().await?;
    Ok(())
}

/// In Dutch: the buttons and the comparison speak Dutch, and a journey with no other one to
/// compare with says so instead of showing an empty list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compare_and_versions_in_dutch() -> Res {
    retry_on_hang(
        "compare_and_versions_in_dutch",
        compare_and_versions_in_dutch_once,
    )
    .await
}

/// One run of [`compare_and_versions_in_dutch`].
async fn compare_and_versions_in_dutch_once() -> Res {
    const SAMPLE_NL: &str = "Een e-bike kopen bij Fietsplezier";
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "nl_NL.UTF-8").await?;
    app.open_journey(SAMPLE_NL).await?;
    // The toolbar's short text; the full label is the button's title and in the `?` overlay.
    app.wait_text("[data-testid='compare-with']", "Vergelijk…")
        .await?;
    app.wait_text("[data-testid='make-to-be']", "Gewenste reis")
        .await?;
    app.shot("34-toolbar-dutch.png").await?;
    app.wait_for("[data-testid='compare-with']")
        .await?
        .click()
        .await?;
    app.wait_text(
        "[data-testid='compare-choose'] .lead",
        "Vergelijk ‘Een e-bike kopen bij Fietsplezier’ met",
    )
    .await?;
    assert!(
        app.d()
            .find_all(By::Css("[data-testid='compare-pick']"))
            .await?
            .is_empty(),
        "no other journey to pick"
    );
    app.d()
        .find(By::Css("[data-testid='compare-choose'] header button"))
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='make-to-be']")
        .await?
        .click()
        .await?;
    // Making the to-be journey opens it; until then "compare with" still belongs to the
    // as-is journey, which has nothing to compare with (seen once on a loaded machine).
    wait_to_be_open(&app).await?;
    app.wait_for("[data-testid='compare-with']")
        .await?
        .click()
        .await?;
    app.wait_for("[data-testid='compare-table']").await?;
    app.wait_text("[data-testid='compare-better'] h3", "Beter")
        .await?;
    app.shot("35-compare-dutch.png").await?;
    app.quit().await?;
    Ok(())
}

/// Waits until the to-be journey just made is the open one: it offers no "make the to-be
/// journey" of its own.
async fn wait_to_be_open(app: &App) -> Res {
    let deadline = std::time::Instant::now() + TIMEOUT;
    while !app
        .d()
        .find_all(By::Css("[data-testid='make-to-be']"))
        .await?
        .is_empty()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the to-be journey opened"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(())
}
