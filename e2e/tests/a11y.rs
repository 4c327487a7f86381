//! Accessibility of the real app, checked inside its own web view: axe-core (the npm package
//! `axe-core`, read from `ui/node_modules` and run through WebDriver) on the home view, the map
//! with its side panel, the insights tab and the workshop panel finds no serious or critical
//! violation (the test prints every violation it finds, of any impact, before it judges).
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

    app.quit().await?;
    assert!(
        bad.is_empty(),
        "serious or critical axe violations: {bad:#?}"
    );
    Ok(())
}
