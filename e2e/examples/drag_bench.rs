//! Measures dragging on a large map in the real app (WebKitGTK under Xvfb): frame intervals
//! while a card is dragged across a journey of `BENCH_CARDS` cards (1,000 unless set), the
//! time from dropping a card to the updated canvas (`BENCH_DRAGS` drops, 10 unless set), and
//! what one drop costs over IPC (calls, bytes both ways). A benchmark, not a test: it prints
//! figures and asserts nothing. `benches/app-bench.sh` runs it for several sizes and tables it.
//!
//!   xvfb-run -a -s "-screen 0 1280x800x24" \
//!     cargo run --manifest-path e2e/Cargo.toml --target-dir target --example drag_bench
//!
//! `KLANTREIS_APP` and `KLANTREIS_CLI` point at other builds (default: the debug ones).
//!
//! The drag is driven inside the page, one pointer move per animation frame, so the intervals
//! between frames show what the webview sustains (a WebDriver action chain would measure its
//! own pace instead). IPC is counted by wrapping the page's `fetch`, which Tauri's IPC uses on
//! Linux, in one extra drop that is not timed, so the wrapper costs the timed drops nothing.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use thirtyfour::prelude::*;

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Cards in the journey; `BENCH_CARDS` changes it (to compare small and large maps).
fn cards() -> usize {
    env_number("BENCH_CARDS", 1000)
}

/// Timed drops; p95 needs a few.
fn drags() -> usize {
    env_number("BENCH_DRAGS", 10)
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn env_path(name: &str, default: &str) -> PathBuf {
    std::env::var_os(name)
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(default))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn port() -> Res<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A document with one journey of `CARDS` cards spread over its cells.
fn make_document(dir: &Path) -> Res<PathBuf> {
    let cli = env_path("KLANTREIS_CLI", "target/debug/klantreis");
    let doc = dir.join("bench.klantreis");
    let out = Command::new(&cli)
        .arg("new")
        .arg(&doc)
        .args([
            "--template",
            "five-stages",
            "--lang",
            "en",
            "--title",
            "Seed",
        ])
        .output()?;
    let id = String::from_utf8(out.stdout)?.trim().to_string();
    let json = Command::new(&cli)
        .arg("export-json")
        .arg(&doc)
        .args(["--journey", &id])
        .output()?;
    let mut j: serde_json::Value = serde_json::from_slice(&json.stdout)?;
    j["journey"]["id"] = json!("journey_bench");
    j["journey"]["title"] = json!(format!("Bench {}", cards()));
    let phases: Vec<String> = j["journey"]["phases"]
        .as_array()
        .ok_or("phases")?
        .iter()
        .filter_map(|p| p["id"].as_str().map(|s| format!("{s}b")))
        .collect();
    let lanes: Vec<String> = j["journey"]["lanes"]
        .as_array()
        .ok_or("lanes")?
        .iter()
        .filter_map(|l| l["id"].as_str().map(|s| format!("{s}b")))
        .collect();
    for (list, ids) in [("phases", &phases), ("lanes", &lanes)] {
        if let Some(a) = j["journey"][list].as_array_mut() {
            for (rec, id) in a.iter_mut().zip(ids.iter()) {
                rec["id"] = json!(id);
            }
        }
    }
    let cards: Vec<serde_json::Value> = (0..cards())
        .map(|i| {
            json!({
                "id": format!("card_bench_{i}"),
                "phase_id": phases[i % phases.len()],
                "lane_id": lanes[(i / phases.len()) % lanes.len()],
                "order": format!("V{:05}1", i),
                "text": format!("Card {i}: I call customer service and wait twenty minutes"),
                "colour": "yellow",
                "emotion": (i % 5) as i64 - 2,
            })
        })
        .collect();
    j["journey"]["cards"] = json!(cards);
    let path = dir.join("bench.json");
    std::fs::write(&path, serde_json::to_string(&j)?)?;
    let out = Command::new(&cli)
        .arg("import")
        .arg(&doc)
        .arg(&path)
        .output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    Ok(doc)
}

/// Counts IPC calls and bytes (request bodies and responses) until `__kIpcStop()`.
const COUNT_IPC: &str = r#"
const real = window.fetch;
const seen = { calls: 0, bytes: 0 };
const size = (b) => b == null ? 0 : typeof b === 'string' ? new Blob([b]).size : (b.byteLength ?? 0);
window.fetch = async (url, opts) => {
  const r = await real(url, opts);
  const u = String(url);
  if (u.startsWith('ipc:') || u.includes('ipc.localhost')) {
    seen.calls++;
    seen.bytes += size(opts && opts.body) + (await r.clone().arrayBuffer()).byteLength;
  }
  return r;
};
window.__kIpcStop = () => { window.fetch = real; return seen; };
"#;

const DRAG: &str = r#"
const done = arguments[arguments.length - 1];
const host = document.querySelector("[data-testid='canvas']");
const cards = [...document.querySelectorAll("[data-testid='canvas-card']")];
const card = cards[Math.floor(cards.length / 3)];
const id = card.dataset.card;
const heads = [...document.querySelectorAll("[data-testid='canvas-phase']")]
  .map(e => e.getBoundingClientRect()).sort((a, b) => a.left - b.left);
const r = card.getBoundingClientRect();
const x0 = r.left + r.width / 2, y0 = r.top + r.height / 2;
// Two phases to the right (or left near the end), in the same lane.
const col = heads.findIndex(h => x0 < h.right);
const to = heads[col + 2 < heads.length ? col + 2 : Math.max(0, col - 2)];
const x1 = to.left + to.width / 2;
const ev = (type, x, y) => host.dispatchEvent(new PointerEvent(type, {
  bubbles: true, clientX: x, clientY: y, button: 0, buttons: type === 'pointerup' ? 0 : 1,
  pointerId: 7, pointerType: 'mouse', isPrimary: true }));
const frames = [];
const N = 150;
let n = 0, last = 0;
ev('pointerdown', x0, y0);
function step(t) {
  if (last) frames.push(t - last);
  last = t;
  n++;
  ev('pointermove', x0 + (x1 - x0) * n / N, y0 + Math.sin(n / 8) * 4);
  if (n < N) requestAnimationFrame(step);
  else {
    const t0 = performance.now();
    ev('pointerup', x1, y0);
    // The drop is shown when the card's own sticky note stands in its new place.
    const moved = () => {
      const el = document.querySelector(`[data-testid='canvas-card'][data-card='${id}']`);
      const b = el && el.getBoundingClientRect();
      return b && Math.abs(b.left + b.width / 2 - x0) > r.width;
    };
    const wait = () => moved() ? done({ frames, drop: performance.now() - t0 })
      : performance.now() - t0 > 10000 ? done({ frames, drop: -1 }) : requestAnimationFrame(wait);
    requestAnimationFrame(wait);
  }
}
requestAnimationFrame(step);
"#;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Res {
    if std::env::var_os("DISPLAY").is_none() {
        return Err("run under xvfb-run (see the module docs)".into());
    }
    let data = tempfile::tempdir()?;
    let doc = make_document(data.path())?;
    let (p, np) = (port()?, port()?);
    let mut driver_proc = Command::new("tauri-driver")
        .args(["--port", &p.to_string(), "--native-port", &np.to_string()])
        .env("KLANTREIS_DATA_DIR", data.path())
        .env("KLANTREIS_DOCUMENT", &doc)
        .env("LANG", "en_GB.UTF-8")
        .stdout(Stdio::null())
        .spawn()?;
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", p)).is_err() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    let app = env_path("KLANTREIS_APP", "target/debug/klantreis-app");
    caps.insert("tauri:options".into(), json!({ "application": app }));
    let result = async {
        let d = WebDriver::new(format!("http://127.0.0.1:{p}"), caps).await?;
        d.set_script_timeout(Duration::from_secs(60)).await?;
        let open = d
            .query(By::XPath(format!(
                "//*[@data-testid='journey-card'][.//*[normalize-space()='Bench {}']]//button[contains(@class,'open')]",
                cards()
            )))
            .first()
            .await?;
        open.click().await?;
        d.query(By::Css("[data-testid='canvas-card']")).first().await?;
        tokio::time::sleep(Duration::from_secs(1)).await;
        // The app reports the core's layout time of each answer into this list when it exists.
        d.execute(
            "window.__kLayoutMs = []; window.__kRoundTripMs = []; window.__kPaintMs = []; \
             window.__kTakeMs = []; window.__kUpdateMs = []; window.__kProf = {}; window.__kIpcBytes = []; \
             window.__kAnswers = []",
            Vec::new(),
        )
        .await?;
        let mut all = Vec::new();
        let mut drops = Vec::new();
        for _ in 0..drags() {
            let ret = d.execute_async(DRAG, Vec::new()).await?;
            let v: serde_json::Value = ret.convert()?;
            let frames: Vec<f64> = serde_json::from_value(v["frames"].clone())?;
            all.extend(frames);
            drops.push(v["drop"].as_f64().unwrap_or(-1.0));
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        // One more drop, not timed, with IPC counted; let late answers land before counting.
        d.execute(COUNT_IPC, Vec::new()).await?;
        d.execute_async(DRAG, Vec::new()).await?;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let ipc: serde_json::Value = d
            .execute("return window.__kIpcStop()", Vec::new())
            .await?
            .convert()?;
        // The core's own layout times, where the app reports them (it does since one round
        // trip per edit).
        let layout: Vec<f64> = d
            .execute("return window.__kLayoutMs || []", Vec::new())
            .await?
            .convert()
            .unwrap_or_default();
        // Where a drop's time goes in the UI: the round trip to the core (IPC, the edit, the
        // layout, the patch, parsing the answer) and painting the map once.
        let median_of = |name: &'static str| {
            let d = d.clone();
            async move {
                let mut v: Vec<f64> = d
                    .execute(&format!("return window.{name} || []"), Vec::new())
                    .await
                    .ok()
                    .and_then(|r| r.convert().ok())
                    .unwrap_or_default();
                v.sort_by(|a, b| a.total_cmp(b));
                v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
            }
        };
        let round_trip = median_of("__kRoundTripMs").await;
        let paint_ms = median_of("__kPaintMs").await;
        // And after the answer is held: patching the UI's copies, then updating the views.
        let take_ms = median_of("__kTakeMs").await;
        let update_ms = median_of("__kUpdateMs").await;
        // The view update's named steps (ui/src/engine/prof.ts), median ms each.
        let prof: std::collections::BTreeMap<String, Vec<f64>> = d
            .execute("return window.__kProf || {}", Vec::new())
            .await?
            .convert()
            .unwrap_or_default();
        let steps: Vec<String> = prof
            .into_iter()
            .map(|(name, mut v)| {
                v.sort_by(|a, b| a.total_cmp(b));
                format!("{name} {:.1}", v.get(v.len() / 2).copied().unwrap_or(f64::NAN))
            })
            .collect();
        println!("view update steps, median ms: {}", steps.join(", "));
        // Each drop's parts, to see where a slow one lost its time.
        for name in ["__kIpcBytes", "__kRoundTripMs", "__kUpdateMs", "__kPaintMs"] {
            let v: Vec<f64> = d
                .execute(&format!("return window.{name} || []"), Vec::new())
                .await?
                .convert()
                .unwrap_or_default();
            println!("{name}: {v:?}");
        }
        let answers: Vec<String> = d
            .execute("return window.__kAnswers || []", Vec::new())
            .await?
            .convert()
            .unwrap_or_default();
        println!("each drop's Scene answer: {}", answers.join("; "));
        let rendered: serde_json::Value = d
            .execute(
                "return document.querySelectorAll('svg *, .hooks > *').length",
                Vec::new(),
            )
            .await?
            .convert()?;
        all.sort_by(|a, b| a.total_cmp(b));
        let mean = all.iter().sum::<f64>() / all.len().max(1) as f64;
        let pct = |v: &[f64], q: f64| {
            v.get(((v.len() as f64 * q) as usize).min(v.len().saturating_sub(1)))
                .copied()
                .unwrap_or(f64::NAN)
        };
        let mut sorted_drops = drops.clone();
        sorted_drops.sort_by(|a, b| a.total_cmp(b));
        let mut sorted_layout = layout.clone();
        sorted_layout.sort_by(|a, b| a.total_cmp(b));
        // The map itself is one canvas; these are the overlay's shapes and the invisible
        // elements that stand for the notes and headers in view (assistive technology).
        println!(
            "journey: {} cards; DOM elements over the canvas at fit: {rendered}; compositing: {}",
            cards(),
            match std::env::var("WEBKIT_DISABLE_COMPOSITING_MODE").ok().as_deref() {
                None => "app's choice (off without a GPU render node)",
                Some("0") => "on",
                Some(_) => "off",
            }
        );
        println!(
            "drag frames: {} intervals, mean {:.1} ms ({:.0} fps), median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            all.len(),
            mean,
            1000.0 / mean,
            pct(&all, 0.5),
            pct(&all, 0.95),
            all.last().copied().unwrap_or(f64::NAN)
        );
        println!(
            "drop to updated canvas: p50 {:.0} ms, p95 {:.0} ms (all: {drops:.0?} ms)",
            pct(&sorted_drops, 0.5),
            pct(&sorted_drops, 0.95)
        );
        println!(
            "IPC for one drop: {} calls, {} bytes; layout in the core: median {:.1} ms; round trip: median {round_trip:.1} ms; patching: median {take_ms:.1} ms; updating the views: median {update_ms:.1} ms; painting the map: median {paint_ms:.1} ms",
            ipc["calls"], ipc["bytes"],
            pct(&sorted_layout, 0.5)
        );
        // One line for benches/app-bench.sh.
        println!(
            "BENCH\tcards={}\tdrop_p50={:.0}\tdrop_p95={:.0}\tlayout_ms={:.1}\tipc_calls={}\tipc_bytes={}\tframe_ms={:.1}\tfps={:.0}\tround_trip_ms={round_trip:.1}\tpaint_ms={paint_ms:.1}",
            cards(),
            pct(&sorted_drops, 0.5),
            pct(&sorted_drops, 0.95),
            pct(&sorted_layout, 0.5),
            ipc["calls"],
            ipc["bytes"],
            mean,
            1000.0 / mean
        );
        d.quit().await?;
        Ok::<(), Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = Command::new("kill")
        .args(["-TERM", &driver_proc.id().to_string()])
        .status();
    let _ = driver_proc.wait();
    result
}
