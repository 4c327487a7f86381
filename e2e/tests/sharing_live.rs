//! Live sharing in the real app (docs/sharing.md): two instances of the app, each on its own
//! document and data directory, share a journey through the stock sync server
//! (scripts/sync-server, started here on 127.0.0.1 and a free port, stopped at the end); a
//! card dragged in one shows in the other. Also "Merge changes from a copy…" with a copy made
//! by the command-line tool (`KLANTREIS_MERGE_COPY` stands in for the native file dialog).
//! And `wss://`: the stock server behind nginx with certificates made here by `openssl`
//! (both installed by scripts/setup.sh); a server whose authority is not trusted is refused in
//! the user's language, one trusted (`SSL_CERT_FILE`) syncs.
//! Run under a display with `--test-threads=1`.

mod common;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::json;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";

/// The stock automerge-repo sync server, as `make sync-server` starts it.
struct Server {
    port: u16,
    child: Child,
}

impl Server {
    fn start(data: &Path) -> Res<Server> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(
            "../scripts/sync-server/node_modules/@automerge/automerge-repo-sync-server/src/index.js",
        );
        if !script.exists() {
            return Err("the sync server is not installed: run scripts/setup.sh".into());
        }
        let port = free_port();
        let child = Command::new("node")
            .arg(script)
            .env("PORT", port.to_string())
            .env("DATA_DIR", data)
            .current_dir(data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let server = Server { port, child };
        let t = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if t.elapsed() > TIMEOUT {
                return Err("the sync server did not start".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(server)
    }

    fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl App {
    /// Types `server` into the settings' sync server field and closes the settings.
    async fn set_server(&self, server: &str) -> Res {
        self.click_until(
            "[data-testid='open-settings']",
            "[data-testid='sync-server']",
        )
        .await?;
        let field = self.wait_for("[data-testid='sync-server']").await?;
        field.clear().await?;
        field.send_keys(server).await?;
        self.wait_for("[data-testid='settings-done']")
            .await?
            .click()
            .await?;
        Ok(())
    }

    /// The newest toast's text, once there is one that `pred` accepts.
    async fn wait_toast(&self, what: &str, pred: impl Fn(&str) -> bool) -> Res<String> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let texts = self.toasts().await?;
            if let Some(t) = texts.iter().rev().find(|t| pred(t)) {
                return Ok(t.clone());
            }
            if Instant::now() > deadline {
                return Err(format!("no toast {what}; toasts: {texts:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The toasts' texts, oldest first.
    async fn toasts(&self) -> Res<Vec<String>> {
        Ok(serde_json::from_value(
            self.js(
                "return [...document.querySelectorAll(\"[data-testid='toast']\")].map(t => t.textContent.trim());",
                Vec::new(),
            )
            .await?,
        )?)
    }

    /// The horizontal extent (left, right) of each phase header, left to right.
    async fn phase_columns(&self) -> Res<Vec<(f64, f64)>> {
        let v: Vec<(f64, f64)> = serde_json::from_value(
            self.js(
                "return [...document.querySelectorAll(\"[data-testid='canvas-phase']\")]\
                   .map(e => e.getBoundingClientRect()).sort((a, b) => a.left - b.left)\
                   .map(r => [r.left, r.right]);",
                Vec::new(),
            )
            .await?,
        )?;
        Ok(v)
    }

    /// The index of the phase column the card's centre is in, if it is on the canvas.
    async fn card_column(&self, card: &str) -> Res<Option<usize>> {
        let x: Option<f64> = serde_json::from_value(
            self.js(
                "const e = document.querySelector(`[data-testid='canvas-card'][data-card='${arguments[0]}']`);\
                 if (!e) return null; const r = e.getBoundingClientRect(); return r.left + r.width / 2;",
                vec![json!(card)],
            )
            .await?,
        )?;
        let cols = self.phase_columns().await?;
        Ok(x.and_then(|x| cols.iter().position(|(l, r)| x >= *l && x <= *r)))
    }

    /// The sync badge's state: (connected, waiting, text).
    async fn badge(&self) -> Res<Option<(bool, u64, String)>> {
        let v = self
            .js(
                "const b = document.querySelector(\"[data-testid='sync-status']\");\
                 return b ? [b.dataset.connected === 'true', Number(b.dataset.waiting), b.textContent.trim()] : null;",
                Vec::new(),
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    async fn wait_synced(&self) -> Res<String> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let b = self.badge().await?;
            if let Some((true, 0, text)) = &b {
                return Ok(text.clone());
            }
            if Instant::now() > deadline {
                return Err(format!("the badge never said synced: {b:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_card_dragged_in_one_app_shows_in_the_other() -> Res {
    retry_on_hang(
        "a_card_dragged_in_one_app_shows_in_the_other",
        a_card_dragged_in_one_app_shows_in_the_other_once,
    )
    .await
}

/// One run of [`a_card_dragged_in_one_app_shows_in_the_other`].
async fn a_card_dragged_in_one_app_shows_in_the_other_once() -> Res {
    let server_data = tempfile::tempdir()?;
    let server = Server::start(server_data.path())?;
    let (da, db) = (tempfile::tempdir()?, tempfile::tempdir()?);
    // Two apps at once, each with its own tauri-driver, WebKitWebDriver, data directory and
    // document.
    let a = App::start(da.path(), "en_GB.UTF-8").await?;
    let b = App::start(db.path(), "en_GB.UTF-8").await?;
    a.d().set_window_rect(0, 0, 1200, 800).await?;
    b.d().set_window_rect(0, 0, 1200, 800).await?;

    // Nothing is shared without a server: the share dialog says where to set one.
    a.open_journey(SAMPLE_EN).await?;
    a.click_until("[data-testid='open-share']", "[data-testid='share-dialog']")
        .await?;
    a.wait_for("[data-testid='share-settings']").await?;
    a.wait_for("[data-testid='share-done']")
        .await?
        .click()
        .await?;

    // An address that is no sync server's is refused with a clear toast; ws:// is taken.
    b.set_server("http://sync.example.org").await?;
    let refused = b
        .wait_toast("about the address", |t| {
            t.contains("http://sync.example.org") && t.contains("not a sync server address")
        })
        .await?;
    b.shot("live-01-address-refused.png").await?;
    assert!(refused.contains("wss://"), "says what to use: {refused}");
    // The settings stay open on a refused address: put the right one in.
    let field = b.wait_for("[data-testid='sync-server']").await?;
    field.clear().await?;
    field.send_keys(server.url()).await?;
    b.wait_for("[data-testid='settings-done']")
        .await?
        .click()
        .await?;
    a.set_server(&server.url()).await?;

    // A shares the journey and gets the link.
    a.click_until("[data-testid='open-share']", "[data-testid='share-start']")
        .await?;
    a.wait_for("[data-testid='share-start']")
        .await?
        .click()
        .await?;
    let link = a
        .wait_for("[data-testid='share-link']")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert!(link.starts_with("automerge:"), "the link: {link:?}");
    a.shot("live-02-share-dialog.png").await?;
    a.wait_for("[data-testid='share-done']")
        .await?
        .click()
        .await?;
    let synced = a.wait_synced().await?;
    assert!(synced.starts_with("Synced"), "the badge: {synced}");
    // The toolbar still fits 1,200 px with the badge in it.
    let fit = a
        .js(
            "const t = document.querySelector(\"[data-testid='toolbar']\");\
             return t.scrollWidth - t.clientWidth;",
            Vec::new(),
        )
        .await?;
    a.shot("live-03-badge.png").await?;
    assert_eq!(fit, json!(0), "the toolbar overflows with the badge");

    // B: a bad link is a clear toast; the link joins the journey and opens it.
    b.ctrl_shift("j").await?;
    let field = b.wait_for("[data-testid='join-link']").await?;
    field.send_keys("automerge:notalink").await?;
    b.wait_for("[data-testid='join-go']").await?.click().await?;
    b.wait_toast("about the bad link", |t| {
        t.contains("automerge: document link")
    })
    .await?;
    field.clear().await?;
    field.send_keys(&link).await?;
    b.shot("live-04-join-dialog.png").await?;
    b.wait_for("[data-testid='join-go']").await?.click().await?;
    b.wait_for("[data-testid='canvas-card']").await?;
    b.wait_synced().await?;

    // A drags "Instagram ad" from the first phase to the fourth; B shows it there.
    let j = journey_json(da.path(), SAMPLE_EN)?;
    let card = card_by_text(&j, "Instagram ad").ok_or("sample card")?;
    let id = card["id"].as_str().ok_or("card id")?.to_string();
    assert_eq!(b.card_column(&id).await?, Some(0), "B shows it in phase 1");
    let css = format!("[data-testid='canvas-card'][data-card='{id}']");
    let from = a.centre(&css).await?;
    let cols = a.phase_columns().await?;
    assert_eq!(cols.len(), 5, "five phases");
    let to_x = ((cols[3].0 + cols[3].1) / 2.0).round() as i64;
    let t = Instant::now();
    a.drag(from, (to_x, from.1)).await?;
    wait_doc(da.path(), SAMPLE_EN, "the card in phase 4 in A", |j| {
        card_by_text(j, "Instagram ad").is_some_and(|c| c["phase_id"] == phase_ids(j)[3].as_str())
    })
    .await?;
    let deadline = Instant::now() + TIMEOUT;
    while b.card_column(&id).await? != Some(3) {
        if Instant::now() > deadline {
            b.shot("live-05-b-missing.png").await?;
            return Err("the drag in A never showed in B".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!(
        "the drag in A showed in B {:.0?} after the drop began",
        t.elapsed()
    );
    b.shot("live-05-b-after-drag.png").await?;
    // And B's own document holds it (not only its screen).
    assert_eq!(b.card_column(&id).await?, Some(3));
    a.quit().await?;
    b.quit().await?;
    drop(server);
    Ok(())
}

/// The default document of a data directory, made with the sample by the command-line tool
/// before the app starts; its journey shared (no server: sharing only makes its document).
fn shared_sample(data: &Path) -> Res<(PathBuf, String)> {
    shared_sample_in(data, "My journeys.klantreis")
}

/// [`shared_sample`] in the document named `name` (a Dutch app's default document is
/// "Mijn klantreizen.klantreis").
fn shared_sample_in(data: &Path, name: &str) -> Res<(PathBuf, String)> {
    let doc = data.join(name);
    run(Command::new(cli())
        .arg("sample")
        .arg(&doc)
        .args(["--lang", "en"]))?;
    let list = run(Command::new(cli()).arg("list").arg(&doc))?;
    let jid = list
        .lines()
        .next()
        .and_then(|l| l.split('\t').next())
        .ok_or("a journey")?
        .to_string();
    run(Command::new(cli())
        .arg("share")
        .arg(&doc)
        .args(["--journey", &jid]))?;
    Ok((doc, jid))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merge_changes_from_a_copy() -> Res {
    retry_on_hang("merge_changes_from_a_copy", merge_changes_from_a_copy_once).await
}

/// One run of [`merge_changes_from_a_copy`].
async fn merge_changes_from_a_copy_once() -> Res {
    let data = tempfile::tempdir()?;
    let (doc, _) = shared_sample(data.path())?;
    // The copy (sent by mail, on a USB stick) where someone else renamed a card.
    let away = tempfile::tempdir()?;
    let copy = away.path().join("copy.klantreis");
    std::fs::copy(&doc, &copy)?;
    let before = journey_json(data.path(), SAMPLE_EN)?;
    let card = card_by_text(&before, "Instagram ad").ok_or("sample card")?;
    let id = card["id"].as_str().ok_or("card id")?.to_string();
    apply_json(
        &copy,
        &json!({"op": "update_card", "id": id, "patch": {"text": "Instagram ad (seen twice)"}}),
    )?;
    let copy_bytes = std::fs::read(&copy)?;

    let app = App::start_with(
        data.path(),
        "en_GB.UTF-8",
        &[("KLANTREIS_MERGE_COPY", copy.as_os_str())],
    )
    .await?;
    app.open_journey(SAMPLE_EN).await?;
    // From the share dialog, where the action also sits (its key is Ctrl+Shift+M).
    app.click_until("[data-testid='open-share']", "[data-testid='merge-copy']")
        .await?;
    app.shot("live-06-share-dialog-merge.png").await?;
    app.wait_for("[data-testid='merge-copy']")
        .await?
        .click()
        .await?;
    app.wait_toast("saying it merged", |t| t == "Changes merged")
        .await?;
    wait_doc(data.path(), SAMPLE_EN, "the copy's text", |j| {
        card_by_text(j, "Instagram ad (seen twice)").is_some()
    })
    .await?;
    let label = app
        .js(
            "return document.querySelector(`[data-testid='canvas-card'][data-card='${arguments[0]}']`)?.getAttribute('aria-label') ?? '';",
            vec![json!(id)],
        )
        .await?;
    assert!(
        label.as_str().is_some_and(|l| l.contains("seen twice")),
        "the canvas shows the merged text: {label}"
    );
    app.wait_for("[data-testid='share-done']")
        .await?
        .click()
        .await?;
    app.shot("live-07-merged.png").await?;
    // Its key runs it too (once the first toast is gone, so the second is new).
    let deadline = Instant::now() + TIMEOUT;
    while app.toasts().await?.iter().any(|t| t == "Changes merged") {
        if Instant::now() > deadline {
            return Err("the toast never went".into());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    app.ctrl_shift("m").await?;
    app.wait_toast("after merging by its key", |t| t == "Changes merged")
        .await?;
    assert_eq!(std::fs::read(&copy)?, copy_bytes, "the copy is only read");
    app.quit().await?;
    Ok(())
}

/// The stock sync server behind nginx on loopback, as docs/sharing.md sets one up, with a
/// certificate for `localhost` signed by an authority made here (`ca.pem`, not in the system's
/// trust store).
struct TlsProxy {
    port: u16,
    ca: PathBuf,
    child: Child,
}

fn openssl(dir: &Path, args: &[&str]) -> Res {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()?;
    if !out.status.success() {
        return Err(format!("openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(())
}

impl TlsProxy {
    fn start(dir: &Path, upstream: u16) -> Res<TlsProxy> {
        let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        let ca = format!(
            "req -x509 {ec} -keyout ca.key -out ca.pem -days 2 -subj /CN=e2e-test-CA \
             -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign"
        );
        openssl(dir, &ca.split_whitespace().collect::<Vec<_>>())?;
        let csr = format!("req {ec} -keyout server.key -out server.csr -subj /CN=localhost");
        openssl(dir, &csr.split_whitespace().collect::<Vec<_>>())?;
        std::fs::write(
            dir.join("server.ext"),
            "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n",
        )?;
        let sign = "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
                    -out server.pem -days 2 -extfile server.ext";
        openssl(dir, &sign.split_whitespace().collect::<Vec<_>>())?;
        let port = free_port();
        let d = dir.display();
        let conf = format!(
            "daemon off; master_process off; pid {d}/nginx.pid; error_log {d}/nginx-error.log;\n\
             events {{}}\n\
             http {{ access_log off; client_body_temp_path {d}/t; proxy_temp_path {d}/t;\n\
             fastcgi_temp_path {d}/t; uwsgi_temp_path {d}/t; scgi_temp_path {d}/t;\n\
             server {{ listen 127.0.0.1:{port} ssl; server_name localhost;\n\
             ssl_certificate {d}/server.pem; ssl_certificate_key {d}/server.key;\n\
             location / {{ proxy_pass http://127.0.0.1:{upstream}; proxy_http_version 1.1;\n\
             proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";\n\
             proxy_read_timeout 1h; }} }} }}\n"
        );
        std::fs::write(dir.join("nginx.conf"), conf)?;
        let conf = dir.join("nginx.conf");
        let child = Command::new("nginx")
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(dir.join("nginx-error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("nginx (scripts/setup.sh installs nginx-light): {e}"))?;
        let proxy = TlsProxy {
            port,
            ca: dir.join("ca.pem"),
            child,
        };
        let t = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if t.elapsed() > TIMEOUT {
                let log = std::fs::read_to_string(dir.join("nginx-error.log")).unwrap_or_default();
                return Err(format!("nginx did not start: {log}").into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(proxy)
    }

    fn url(&self) -> String {
        format!("wss://localhost:{}", self.port)
    }
}

impl Drop for TlsProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether the server's data directory holds any document: the stock server stores each
/// document's chunks as files under it, beside the one file it writes at start, its storage
/// id (`storage-adapter-id`, filed as `st/orage-adapter-id` like every key: by its first two
/// letters).
fn server_holds_anything(data: &Path) -> Res<bool> {
    for entry in std::fs::read_dir(data)? {
        let path = entry?.path();
        let own_id = path.ends_with("st/orage-adapter-id");
        if (path.is_file() && !own_id) || (path.is_dir() && server_holds_anything(&path)?) {
            return Ok(true);
        }
    }
    Ok(false)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wss_an_untrusted_certificate_is_refused_in_dutch_and_a_trusted_one_syncs() -> Res {
    retry_on_hang(
        "wss_an_untrusted_certificate_is_refused_in_dutch_and_a_trusted_one_syncs",
        wss_once,
    )
    .await
}

/// One run of [`wss_an_untrusted_certificate_is_refused_in_dutch_and_a_trusted_one_syncs`].
async fn wss_once() -> Res {
    let server_data = tempfile::tempdir()?;
    let server = Server::start(server_data.path())?;
    let certs = tempfile::tempdir()?;
    let proxy = TlsProxy::start(certs.path(), server.port)?;

    // A Dutch app whose system does not trust the test's authority: its shared journey is
    // refused, said in Dutch in a toast, the share dialog and the badge; nothing is sent.
    let data = tempfile::tempdir()?;
    shared_sample_in(data.path(), "Mijn klantreizen.klantreis")?;
    let app = App::start(data.path(), "nl_NL.UTF-8").await?;
    app.d().set_window_rect(0, 0, 1200, 800).await?;
    app.set_server(&proxy.url()).await?;
    let toast = app
        .wait_toast("saying the server was refused", |t| {
            t.contains("is geweigerd")
        })
        .await;
    if toast.is_err() {
        app.shot("live-08-wss-refused-missing.png").await?;
    }
    let toast = toast?;
    assert!(
        toast.contains(&proxy.url())
            && toast.contains("niet ondertekend door een instantie die deze computer vertrouwt"),
        "names the server and the reason: {toast}"
    );
    app.open_journey(SAMPLE_EN).await?;
    app.click_until(
        "[data-testid='open-share']",
        "[data-testid='share-refused']",
    )
    .await?;
    let said = app.text_of("[data-testid='share-refused']").await?;
    assert!(
        said.starts_with("De synchronisatieserver") && said.contains("er is niets verstuurd"),
        "the share dialog: {said}"
    );
    app.shot("live-08-wss-refused-nl.png").await?;
    app.wait_for("[data-testid='share-done']")
        .await?
        .click()
        .await?;
    let badge = app.badge().await?;
    assert!(
        matches!(&badge, Some((false, _, text)) if text.starts_with("Geweigerd")),
        "the badge: {badge:?}"
    );
    assert!(
        !server_holds_anything(server_data.path())?,
        "the journey reached the server"
    );
    app.quit().await?;

    // The same journey in an English app that trusts the authority (a company's own, named by
    // SSL_CERT_FILE): it syncs over wss://, and the server now holds it.
    let data = tempfile::tempdir()?;
    shared_sample(data.path())?;
    let app = App::start_with(
        data.path(),
        "en_GB.UTF-8",
        &[("SSL_CERT_FILE", proxy.ca.as_os_str())],
    )
    .await?;
    app.set_server(&proxy.url()).await?;
    app.open_journey(SAMPLE_EN).await?;
    let synced = app.wait_synced().await?;
    assert!(synced.starts_with("Synced"), "the badge: {synced}");
    assert!(
        server_holds_anything(server_data.path())?,
        "the server holds the journey"
    );
    app.shot("live-09-wss-synced.png").await?;
    app.quit().await?;
    drop(proxy);
    drop(server);
    Ok(())
}
