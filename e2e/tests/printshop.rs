//! End-to-end tests of the print-shop file from the print dialog in the real app: the choice
//! "Print shop (PDF/X)" with 5 mm of bleed writes a PDF whose page is A0 grown by the bleed on
//! every side and which the command-line preflight (`klantreis preflight --json`) passes; and in
//! Dutch, a bleed set to 0 mm shows the preflight's finding in the dialog, in Dutch, before
//! anything is saved. Run under a display with `--test-threads=1` (see `common`).

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use serde_json::json;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";
const SAMPLE_NL: &str = "Een e-bike kopen bij Fietsplezier";
const MM: f64 = 72.0 / 25.4;

impl App {
    /// Types `value` into the number field `css` as a user would leave it (a change event).
    async fn set_number(&self, css: &str, value: &str) -> Res {
        self.js(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1];\
             e.dispatchEvent(new Event('change', { bubbles: true })); return true;",
            vec![json!(css), json!(value)],
        )
        .await?;
        Ok(())
    }

    /// Waits until `script` (returning a boolean) holds in the page.
    async fn holds(&self, what: &str, script: &str) -> Res {
        let deadline = Instant::now() + TIMEOUT;
        while self.js(script, Vec::new()).await? != json!(true) {
            if Instant::now() > deadline {
                return Err(format!("never: {what}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Opens the print dialog on the open journey and ticks the print-shop choice.
    async fn print_shop_dialog(&self) -> Res {
        self.wait_for("[data-testid='open-print']")
            .await?
            .click()
            .await?;
        self.wait_for("[data-testid='print-preview'] svg").await?;
        self.wait_for("[data-testid='print-shop']")
            .await?
            .click()
            .await?;
        self.wait_for("[data-testid='print-bleed']").await?;
        Ok(())
    }
}

/// A box of `pdfinfo -box` (`"TrimBox:"`), as its four numbers.
fn pdf_box(info: &str, name: &str) -> Res<[f64; 4]> {
    let line = info
        .lines()
        .find(|l| l.starts_with(name))
        .ok_or_else(|| format!("no {name} in {info}"))?;
    let n: Vec<f64> = line[name.len()..]
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    n.try_into()
        .map_err(|n| format!("{name} is not four numbers: {n:?}").into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_print_shop_pdf_with_5_mm_bleed_from_the_dialog() -> Res {
    retry_on_hang(
        "a_print_shop_pdf_with_5_mm_bleed_from_the_dialog",
        a_print_shop_pdf_once,
    )
    .await
}

/// One run of [`a_print_shop_pdf_with_5_mm_bleed_from_the_dialog`].
async fn a_print_shop_pdf_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.open_journey(SAMPLE_EN).await?;
    app.print_shop_dialog().await?;
    assert_eq!(
        app.js(
            "return document.querySelector(\"[data-testid='print-bleed']\").value;",
            Vec::new()
        )
        .await?,
        json!("3"),
        "the bleed starts at the usual 3 mm"
    );
    // Out of range is put back within 0–20 mm in the field itself.
    app.set_number("[data-testid='print-bleed']", "99").await?;
    app.holds(
        "the bleed field clamped to 20",
        "return document.querySelector(\"[data-testid='print-bleed']\").value === '20';",
    )
    .await?;
    app.set_number("[data-testid='print-bleed']", "5").await?;
    app.holds(
        "the hint to name 5 mm and the preflight to pass",
        "return !!document.querySelector(\"[data-testid='print-preflight-ok']\") && [...document.querySelectorAll('.facts')].some(p => p.textContent.includes('PDF/X-4') && p.textContent.includes('5 mm'));",
    )
    .await?;
    app.shot("printshop-dialog.png").await?;
    let pdf = app.export_pdf(data.path()).await?;

    // A0 landscape trimmed, grown by 5 mm on every side.
    let info = run(Command::new("pdfinfo").arg("-box").arg(&pdf))?;
    let media = pdf_box(&info, "MediaBox:")?;
    let trim = pdf_box(&info, "TrimBox:")?;
    let bleed = pdf_box(&info, "BleedBox:")?;
    let near = |a: f64, b: f64| (a - b).abs() < 0.6;
    assert!(
        near(media[2] - media[0], (1189.0 + 10.0) * MM)
            && near(media[3] - media[1], (841.0 + 10.0) * MM),
        "the page is A0 plus 5 mm on each side: {info}"
    );
    assert!(
        near(trim[0] - media[0], 5.0 * MM) && near(trim[2] - trim[0], 1189.0 * MM),
        "the trim is A0, 5 mm in: {info}"
    );
    assert_eq!(bleed, media, "the bleed box is the page: {info}");

    // What a shop's check would say: nothing.
    let out = run(Command::new(cli()).arg("preflight").arg(&pdf).arg("--json"))?;
    let report: serde_json::Value = serde_json::from_str(&out)?;
    assert_eq!(
        report["findings"],
        json!([]),
        "the file from the dialog passes the preflight: {out}"
    );
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dialog_shows_the_preflight_finding_in_dutch() -> Res {
    retry_on_hang(
        "the_dialog_shows_the_preflight_finding_in_dutch",
        the_finding_in_dutch_once,
    )
    .await
}

/// One run of [`the_dialog_shows_the_preflight_finding_in_dutch`].
async fn the_finding_in_dutch_once() -> Res {
    let data = tempfile::tempdir()?;
    let app = App::start(data.path(), "nl_NL.UTF-8").await?;
    app.open_journey(SAMPLE_NL).await?;
    app.print_shop_dialog().await?;
    app.wait_for("[data-testid='print-preflight-ok']").await?;
    app.set_number("[data-testid='print-bleed']", "0").await?;
    app.holds(
        "the too-little-bleed finding",
        "return [...document.querySelectorAll(\"[data-testid='print-finding']\")].some(f => f.dataset.code === 'too_little_bleed');",
    )
    .await?;
    let finding = app
        .js(
            "return document.querySelector(\"[data-testid='print-finding'][data-code='too_little_bleed']\").textContent;",
            Vec::new(),
        )
        .await?;
    let finding = finding.as_str().unwrap_or_default();
    assert!(
        finding.contains("De afloop is 0") && finding.contains("minstens 3 mm"),
        "the finding speaks Dutch and names the bleed: {finding}"
    );
    app.shot("printshop-finding-nl.png").await?;
    // Nothing was written while the user looked at the check.
    assert_eq!(
        std::fs::read_dir(data.path().join("exports"))?.count(),
        0,
        "the check saves nothing"
    );
    app.quit().await?;
    Ok(())
}
