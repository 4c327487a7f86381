//! Live sharing on loopback against the stock automerge-repo sync server
//! (`@automerge/automerge-repo-sync-server` 0.2.8, installed by scripts/setup.sh into
//! scripts/sync-server), started by each test on 127.0.0.1 and a free port and killed at the
//! end. Two documents share a journey; one goes offline, both edit; back online they converge.
//! The server is killed in the middle of a sync and restarted: nothing is lost and sync
//! resumes. The command line's `share --server`, `join` and `sync` go the same way.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use klantreis::sync::live::Live;
use klantreis::*;

mod common;
use common::{klantreis, move_card, ok, set_text};

const CONVERGE: Duration = Duration::from_secs(10);

/// The stock sync server, as `make sync-server` starts it (PORT and DATA_DIR).
struct Server {
    port: u16,
    data: PathBuf,
    child: Option<Child>,
}

fn server_script() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "scripts/sync-server/node_modules/@automerge/automerge-repo-sync-server/src/index.js",
    );
    assert!(
        p.exists(),
        "the sync server is not installed: run scripts/setup.sh (npm ci in scripts/sync-server)"
    );
    p
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

impl Server {
    fn start(data: &Path) -> Server {
        let mut s = Server {
            port: free_port(),
            data: data.to_path_buf(),
            child: None,
        };
        s.restart();
        s
    }

    fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    fn restart(&mut self) {
        let child = Command::new("node")
            .arg(server_script())
            .env("PORT", self.port.to_string())
            .env("DATA_DIR", &self.data)
            .current_dir(&self.data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs the sync server (node is installed by scripts/setup.sh)");
        self.child = Some(child);
        let t = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                t.elapsed() < Duration::from_secs(20),
                "the server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Document A with the sample journey, shared and sent to the server; document B (a file of
/// its own) joins it from the link.
struct Two {
    dir: tempfile::TempDir,
    server: Server,
    a: Document,
    b: Document,
    ja: String,
    jb: String,
    doc_id: String,
}

fn two() -> Two {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("server-data");
    std::fs::create_dir_all(&data).expect("data dir");
    let server = Server::start(&data);
    let (mut a, ja, link) = common::shared_sample(&dir.path().join("a.klantreis"));
    let mut live_a = Live::connect(&server.url()).expect("connect a");
    a.sync_round(&mut live_a, CONVERGE)
        .expect("a sends the journey");
    let mut b = Document::create(dir.path().join("b.klantreis")).expect("create b");
    let mut live_b = Live::connect(&server.url()).expect("connect b");
    let doc_id = sync::live::doc_id_of_link(&link).expect("link");
    let bytes = live_b.fetch(&doc_id, CONVERGE).expect("b fetches");
    let jb = b.join_shared(&doc_id, &bytes).expect("b joins");
    Two {
        dir,
        server,
        a,
        b,
        ja,
        jb,
        doc_id,
    }
}

/// The journey without its own id (each file names the joined journey its own way).
fn body(doc: &Document, jid: &str) -> (Vec<model::Phase>, Vec<model::Lane>, Vec<model::Card>) {
    let j = doc.workspace().journey(jid).expect("journey");
    (j.phases.clone(), j.lanes.clone(), j.cards.clone())
}

/// Steps both sides (never waiting inside a step) until they hold the same journey.
fn converge(t: &mut Two, la: &mut Live, lb: &mut Live) -> Duration {
    let start = Instant::now();
    loop {
        t.a.sync_step(la).expect("step a");
        t.b.sync_step(lb).expect("step b");
        if body(&t.a, &t.ja) == body(&t.b, &t.jb) && la.agreed(&t.doc_id) && lb.agreed(&t.doc_id) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < CONVERGE,
            "the two documents did not converge within 10 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn joined_journey_is_the_shared_one() {
    let t = two();
    assert_eq!(body(&t.a, &t.ja), body(&t.b, &t.jb));
    let jb = t.b.workspace().journey(&t.jb).expect("joined");
    jb.validate().expect("valid");
    assert_eq!(
        jb.meta.title,
        t.a.workspace().journey(&t.ja).expect("a").meta.title
    );
    assert_eq!(
        t.b.shared_journeys().expect("shared")[0].doc_id,
        t.doc_id,
        "B keeps the same document id"
    );
}

#[test]
fn offline_edits_on_both_sides_converge_when_back_online() {
    let mut t = two();
    let j = t.a.workspace().journey(&t.ja).expect("a").clone();
    let (c0, c1, c2) = (
        j.cards[0].id.clone(),
        j.cards[1].id.clone(),
        j.cards[2].id.clone(),
    );
    let cell_a = (j.phases[1].id.clone(), j.lanes[1].id.clone());
    let cell_b = (j.phases[2].id.clone(), j.lanes[2].id.clone());
    let mut la = Live::connect(&t.server.url()).expect("a");
    let mut lb = Live::connect(&t.server.url()).expect("b");
    set_text(&mut t.a, &c0, "ik zoek een product");
    converge(&mut t, &mut la, &mut lb);

    // B goes offline (its connection is dropped); both edit the same card and move others.
    drop(lb);
    set_text(&mut t.a, &c0, "ik zoek snel een product");
    move_card(&mut t.a, &c1, &cell_a.0, &cell_a.1);
    t.a.sync_round(&mut la, CONVERGE)
        .expect("a syncs while b is away");
    set_text(&mut t.b, &c0, "ik zoek een goed product");
    move_card(&mut t.b, &c2, &cell_b.0, &cell_b.1);

    let mut lb = Live::connect(&t.server.url()).expect("b is back");
    let took = converge(&mut t, &mut la, &mut lb);
    eprintln!("converged in {took:?}");
    for (d, jid) in [(&t.a, &t.ja), (&t.b, &t.jb)] {
        let j = d.workspace().journey(jid).expect("journey");
        j.validate().expect("valid");
        assert_eq!(
            j.card(&c0).expect("c0").text,
            "ik zoek snel een goed product"
        );
        let m1 = j.card(&c1).expect("c1");
        assert_eq!(
            (m1.phase_id.clone(), m1.lane_id.clone()),
            cell_a,
            "A's move landed"
        );
        let m2 = j.card(&c2).expect("c2");
        assert_eq!(
            (m2.phase_id.clone(), m2.lane_id.clone()),
            cell_b,
            "B's move landed"
        );
    }
}

#[test]
fn a_server_killed_mid_sync_loses_nothing_and_sync_resumes() {
    let mut t = two();
    let j = t.a.workspace().journey(&t.ja).expect("a").clone();
    let mut la = Live::connect(&t.server.url()).expect("a");
    // Many edits, so the push is under way when the server dies.
    for (i, c) in j.cards.iter().enumerate() {
        set_text(&mut t.a, &c.id, &format!("kaart {i} na de storing"));
    }
    for i in 0..200 {
        t.a.apply(&Edit::AddCard {
            journey_id: t.ja.clone(),
            phase_id: j.phases[0].id.clone(),
            lane_id: j.lanes[0].id.clone(),
            text: format!("nieuwe kaart {i}"),
            colour: None,
            before: None,
            id: Some(format!("card_new_{i}")),
        })
        .expect("add card");
    }
    let step = t.a.sync_step(&mut la).expect("push starts");
    assert_eq!(step.waiting, 1, "the server has not confirmed yet");
    t.server.kill();
    std::thread::sleep(Duration::from_millis(300));
    let offline =
        t.a.sync_step(&mut la)
            .expect("a step while the server is down");
    assert_eq!(offline.waiting, 1, "changes are waiting while offline");
    assert!(!la.connected(), "the connection is seen as down");
    t.server.restart();
    t.a.sync_round(&mut la, CONVERGE)
        .expect("sync resumes after the restart");
    let mut lb = Live::connect(&t.server.url()).expect("b");
    t.b.sync_round(&mut lb, CONVERGE).expect("b syncs");
    let jb = t.b.workspace().journey(&t.jb).expect("b");
    assert_eq!(jb.cards.len(), j.cards.len() + 200, "every card arrived");
    for (i, c) in j.cards.iter().enumerate() {
        assert_eq!(
            jb.card(&c.id).expect("card").text,
            format!("kaart {i} na de storing")
        );
    }
    assert_eq!(body(&t.a, &t.ja), body(&t.b, &t.jb));
    let _ = &t.dir;
}

#[test]
fn the_command_line_shares_joins_and_syncs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("server-data");
    std::fs::create_dir_all(&data).expect("data");
    let server = Server::start(&data);
    let url = server.url();
    let a = dir.path().join("a.klantreis");
    let b = dir.path().join("b.klantreis");
    let a_s = a.to_str().expect("path");
    let b_s = b.to_str().expect("path");
    ok(&["sample", a_s]);
    let doc = Document::open(&a).expect("open");
    let ja = doc.workspace().journeys[0].meta.id.clone();
    let card = doc.workspace().journeys[0].cards[0].id.clone();
    doc.close().expect("close");
    let link = ok(&["share", a_s, "--journey", &ja, "--server", &url])
        .trim()
        .to_string();
    assert!(link.starts_with("automerge:"), "{link}");
    Document::create(&b).expect("b").close().expect("close b");
    let jb = ok(&["join", b_s, &link, "--server", &url])
        .trim()
        .to_string();
    let mut doc = Document::open(&b).expect("open b");
    assert!(doc.workspace().journey(&jb).is_some(), "joined as {jb}");
    set_text(&mut doc, &card, "vanuit b");
    doc.close().expect("close");
    ok(&["sync", b_s, "--server", &url]);
    let got = ok(&["sync", a_s, "--server", &url]);
    assert!(got.contains(&ja), "a reports the merge: {got}");
    let doc = Document::open(&a).expect("open a");
    assert_eq!(
        doc.workspace()
            .journey(&ja)
            .expect("a")
            .card(&card)
            .expect("card")
            .text,
        "vanuit b"
    );
}

#[test]
fn sync_without_a_server_stops_after_the_timeout_with_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.klantreis");
    let a_s = a.to_str().expect("path");
    ok(&["sample", a_s]);
    let doc = Document::open(&a).expect("open");
    let ja = doc.workspace().journeys[0].meta.id.clone();
    doc.close().expect("close");
    ok(&["share", a_s, "--journey", &ja]);
    let url = format!("ws://127.0.0.1:{}", free_port());
    let t = Instant::now();
    let out = klantreis(&["sync", a_s, "--server", &url, "--timeout", "1"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("could not reach the sync server"), "{err}");
    assert!(t.elapsed() < Duration::from_secs(8), "it gave up in time");
    let out = klantreis(&["sync", a_s, "--server", "http://example.org"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a sync server address"));
}

/// A TLS reverse proxy in front of the sync server, as docs/sharing.md sets one up: nginx
/// (installed by scripts/setup.sh), with certificates made here by `openssl` and signed by a
/// certificate authority made here. One port serves a valid certificate for `localhost`, one
/// an expired one, one a certificate made out to another name.
struct Proxy {
    port: u16,
    expired_port: u16,
    misnamed_port: u16,
    ca: PathBuf,
    child: Child,
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs (scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Proxy {
    fn start(dir: &Path, upstream: u16) -> Proxy {
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        let mut ca = vec!["req", "-x509"];
        ca.extend(ec);
        ca.extend(["-keyout", "ca.key", "-out", "ca.pem", "-days", "2"]);
        ca.extend(["-subj", "/CN=Klantreis test CA"]);
        ca.extend(["-addext", "basicConstraints=critical,CA:TRUE"]);
        ca.extend(["-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
        openssl(dir, &ca);
        let mut csr = vec!["req"];
        csr.extend(ec);
        csr.extend(["-keyout", "server.key", "-out", "server.csr"]);
        csr.extend(["-subj", "/CN=localhost"]);
        openssl(dir, &csr);
        std::fs::write(
            dir.join("server.ext"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
             keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
        )
        .expect("ext");
        std::fs::write(
            dir.join("other.ext"),
            "subjectAltName=DNS:sync.other.example\nbasicConstraints=CA:FALSE\n\
             keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
        )
        .expect("ext");
        for (out, days, ext) in [
            ("server.pem", "2", "server.ext"),
            ("expired.pem", "-1", "server.ext"),
            ("misnamed.pem", "2", "other.ext"),
        ] {
            openssl(
                dir,
                &[
                    "x509",
                    "-req",
                    "-in",
                    "server.csr",
                    "-CA",
                    "ca.pem",
                    "-CAkey",
                    "ca.key",
                    "-CAcreateserial",
                    "-out",
                    out,
                    "-days",
                    days,
                    "-extfile",
                    ext,
                ],
            );
        }
        let (port, expired_port, misnamed_port) = (free_port(), free_port(), free_port());
        let d = dir.display();
        let server = |port: u16, cert: &str| {
            format!(
                "server {{ listen 127.0.0.1:{port} ssl; server_name localhost;\n\
                 ssl_certificate {d}/{cert}; ssl_certificate_key {d}/server.key;\n\
                 location / {{ proxy_pass http://127.0.0.1:{upstream}; proxy_http_version 1.1;\n\
                 proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";\n\
                 proxy_read_timeout 1h; }} }}\n"
            )
        };
        let conf = format!(
            "daemon off; master_process off; pid {d}/nginx.pid; error_log {d}/nginx-error.log;\n\
             events {{}}\n\
             http {{ access_log off; client_body_temp_path {d}/nginx-tmp;\n\
             proxy_temp_path {d}/nginx-tmp; fastcgi_temp_path {d}/nginx-tmp;\n\
             uwsgi_temp_path {d}/nginx-tmp; scgi_temp_path {d}/nginx-tmp;\n{}{}{}}}\n",
            server(port, "server.pem"),
            server(expired_port, "expired.pem"),
            server(misnamed_port, "misnamed.pem")
        );
        std::fs::write(dir.join("nginx.conf"), conf).expect("conf");
        let child = Command::new("nginx")
            .args(["-p", &d.to_string(), "-c", &format!("{d}/nginx.conf")])
            .args(["-e", &format!("{d}/nginx-error.log")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx runs (scripts/setup.sh installs nginx-light)");
        let t = Instant::now();
        while [port, expired_port, misnamed_port]
            .iter()
            .any(|p| TcpStream::connect(("127.0.0.1", *p)).is_err())
        {
            assert!(
                t.elapsed() < Duration::from_secs(20),
                "nginx did not start: {}",
                std::fs::read_to_string(dir.join("nginx-error.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Proxy {
            port,
            expired_port,
            misnamed_port,
            ca: dir.join("ca.pem"),
            child,
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `klantreis ARGS` with `SSL_CERT_FILE` naming `ca` (the test's authority trusted), or with
/// the system's own trust store when `ca` is `None`.
fn klantreis_trusting(ca: Option<&Path>, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_klantreis"));
    cmd.args(args)
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR");
    if let Some(ca) = ca {
        cmd.env("SSL_CERT_FILE", ca);
    }
    cmd.output().expect("run klantreis")
}

fn ok_trusting(ca: &Path, args: &[&str]) -> String {
    let out = klantreis_trusting(Some(ca), args);
    assert!(
        out.status.success(),
        "klantreis {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn card_text(file: &Path, jid: &str, card: &str) -> String {
    let doc = Document::open(file).expect("open");
    let text = doc
        .workspace()
        .journey(jid)
        .expect("journey")
        .card(card)
        .expect("card")
        .text
        .clone();
    doc.close().expect("close");
    text
}

#[test]
fn wss_through_a_tls_proxy_shares_joins_and_syncs_and_refuses_a_bad_certificate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("server-data");
    std::fs::create_dir_all(&data).expect("data");
    let server = Server::start(&data);
    let proxy = Proxy::start(dir.path(), server.port);
    let url = format!("wss://localhost:{}", proxy.port);
    let a = dir.path().join("a.klantreis");
    let b = dir.path().join("b.klantreis");
    let (a_s, b_s) = (a.to_str().expect("path"), b.to_str().expect("path"));
    ok(&["sample", a_s]);
    let doc = Document::open(&a).expect("open");
    let ja = doc.workspace().journeys[0].meta.id.clone();
    let card = doc.workspace().journeys[0].cards[0].id.clone();
    doc.close().expect("close");
    let link = ok(&["share", a_s, "--journey", &ja]).trim().to_string();

    // Without the test's authority trusted: refused, naming the server and the reason.
    let out = klantreis_trusting(None, &["sync", a_s, "--server", &url, "--timeout", "10"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains(&url) && err.contains("refused") && err.contains("not signed by an authority"),
        "{err}"
    );
    // An expired certificate, even from the trusted authority: refused, saying so.
    let expired = format!("wss://localhost:{}", proxy.expired_port);
    let args = ["sync", a_s, "--server", expired.as_str(), "--timeout", "10"];
    let out = klantreis_trusting(Some(proxy.ca.as_path()), &args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains(&expired) && err.contains("expired"), "{err}");
    // A certificate from the trusted authority, but for another name: refused, saying so.
    let misnamed = format!("wss://localhost:{}", proxy.misnamed_port);
    let args = [
        "sync",
        a_s,
        "--server",
        misnamed.as_str(),
        "--timeout",
        "10",
    ];
    let out = klantreis_trusting(Some(proxy.ca.as_path()), &args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains(&misnamed) && err.contains("for another name"),
        "{err}"
    );
    // Nothing reached the server: joining finds no such document.
    Document::create(&b).expect("b").close().expect("close b");
    let out = klantreis_trusting(
        Some(proxy.ca.as_path()),
        &["join", b_s, &link, "--server", &url],
    );
    assert!(!out.status.success(), "the journey reached the server");
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not have document"));

    // With the authority trusted (SSL_CERT_FILE): share, join, edits both ways.
    ok_trusting(&proxy.ca, &["sync", a_s, "--server", &url]);
    let jb = ok_trusting(&proxy.ca, &["join", b_s, &link, "--server", &url])
        .trim()
        .to_string();
    let mut doc = Document::open(&b).expect("open b");
    set_text(&mut doc, &card, "vanuit b, versleuteld");
    doc.close().expect("close");
    ok_trusting(&proxy.ca, &["sync", b_s, "--server", &url]);
    ok_trusting(&proxy.ca, &["sync", a_s, "--server", &url]);
    assert_eq!(card_text(&a, &ja, &card), "vanuit b, versleuteld");
    let mut doc = Document::open(&a).expect("open a");
    set_text(&mut doc, &card, "terug van a");
    doc.close().expect("close");
    ok_trusting(&proxy.ca, &["sync", a_s, "--server", &url]);
    ok_trusting(&proxy.ca, &["sync", b_s, "--server", &url]);
    assert_eq!(card_text(&b, &jb, &card), "terug van a");
}

#[test]
fn plain_ws_beyond_the_local_network_warns() {
    let warn =
        |s: &str| sync::live::unencrypted_warning(&sync::live::server_url(s).expect("address"));
    for local in [
        "ws://127.0.0.1:3030",
        "ws://192.168.1.10:3030",
        "ws://10.0.0.2:3030",
        "ws://[::1]:3030",
        "ws://[fd00::5]:3030",
        "ws://localhost:3030",
        "ws://werkplaats:3030",
        "ws://nas.local:3030",
        "wss://sync.example.org",
    ] {
        assert_eq!(warn(local), None, "{local}");
    }
    for far in [
        "ws://sync.example.org:3030",
        "ws://203.0.113.7:3030",
        "ws://[2001:db8::1]:3030",
    ] {
        let w = warn(far).unwrap_or_else(|| panic!("{far}: no warning"));
        assert!(w.contains("not encrypted") && w.contains("wss://"), "{w}");
    }
    // The command line prints it (and still syncs, here to nothing listening).
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.klantreis");
    let a_s = a.to_str().expect("path");
    ok(&["sample", a_s]);
    let doc = Document::open(&a).expect("open");
    let ja = doc.workspace().journeys[0].meta.id.clone();
    doc.close().expect("close");
    ok(&["share", a_s, "--journey", &ja]);
    let out = klantreis(&[
        "sync",
        a_s,
        "--server",
        "ws://203.0.113.7:9",
        "--timeout",
        "1",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not encrypted"));
}
