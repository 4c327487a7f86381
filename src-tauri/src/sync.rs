//! Live sharing in the app: a background thread that keeps the open document's shared
//! journeys in step with the sync server named in the settings, and the commands of the
//! "Share…", "Join…" and "Merge changes from a copy…" actions and the editor's sync status.
//!
//! Invariants:
//! - nothing leaves the machine unless the user set a server and shared (or joined) a
//!   journey: without both the thread connects to nothing;
//! - editing never waits on the network: the thread holds the state lock only for a
//!   `Document::sync_step` (in-memory pushes and, when something arrived, one merge commit),
//!   never while connecting or fetching;
//! - what arrives is committed through the session's document with origin `remote`, and the
//!   UI is told (`doc-changed`) to show its view anew, like a change made by another process;
//! - the network runs on the thread's own runtime (`klantreis::sync::live`), never on Tauri's.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use klantreis::session::{ApiError, ErrorCode, View, ViewUpdate};
use klantreis::sync::live::{doc_id_of_link, server_url, Live, LiveError, RefusalKind, Refused};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State, Wry};
use tauri_plugin_dialog::DialogExt;

use crate::chrome;
use crate::lifecycle::EVENT_DOC_CHANGED;
use crate::state::AppState;

type Res<T> = Result<T, ApiError>;

/// Sent to the UI whenever the sync status changes.
pub const EVENT_SYNC_STATUS: &str = "sync-status";
/// How often the thread looks for others' changes (they show within this plus one layout).
/// Local edits do not wait for it: each one wakes the thread ([`kick`]). A look with nothing
/// new costs a few hash look-ups (`Document::sync_step`).
const STEP_EVERY: Duration = Duration::from_millis(100);
/// How long the server may stay out of reach before the status says so (a toast): a short
/// drop while it restarts says nothing.
const UNREACHABLE_AFTER: Duration = Duration::from_secs(4);
/// How long "Join…" waits for the server.
const JOIN_TIMEOUT: Duration = Duration::from_secs(10);
/// Tests set this to a `.klantreis` file: "Merge changes from a copy…" takes it without the
/// file dialog (WebDriver cannot drive native dialogs).
pub const ENV_MERGE_COPY: &str = "KLANTREIS_MERGE_COPY";

/// What the editor shows about sharing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct SyncStatus {
    /// The sync server in the settings; `None`: nothing is sent anywhere.
    pub server: Option<String>,
    /// How many journeys of the open document are shared.
    pub shared: usize,
    pub connected: bool,
    /// Shared journeys with changes the server has not confirmed yet.
    pub waiting: usize,
    /// When both sides last agreed (RFC 3339).
    pub last_synced: Option<String>,
    /// What went wrong last, in words.
    pub error: Option<String>,
    /// A `wss://` server refused for its certificate (or no certificates to check it with):
    /// the UI says it in the user's language. Stays until a connection succeeds or the
    /// server's address changes.
    pub refused: Option<SyncRefusal>,
}

/// Why the server's secure connection was refused; nothing was sent to it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct SyncRefusal {
    pub server: String,
    pub reason: RefusalReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RefusalReason {
    /// Its certificate is not signed by an authority this computer trusts.
    UnknownAuthority,
    Expired,
    NotValidYet,
    /// Its certificate is for another name.
    OtherName,
    Revoked,
    /// This computer has no trusted certificates at all to check the server with.
    NoTrustedCertificates,
    /// Another TLS failure (`error` has the detail).
    Other,
}

impl From<&Refused> for SyncRefusal {
    fn from(r: &Refused) -> SyncRefusal {
        let reason = match r.kind {
            RefusalKind::UnknownAuthority => RefusalReason::UnknownAuthority,
            RefusalKind::Expired => RefusalReason::Expired,
            RefusalKind::NotValidYet => RefusalReason::NotValidYet,
            RefusalKind::OtherName => RefusalReason::OtherName,
            RefusalKind::Revoked => RefusalReason::Revoked,
            RefusalKind::Other => RefusalReason::Other,
        };
        SyncRefusal {
            server: r.server.clone(),
            reason,
        }
    }
}

/// The refusal a connection error is, if it is one.
fn refusal_of(e: &LiveError) -> Option<SyncRefusal> {
    match e {
        LiveError::Refused(r) => Some(r.into()),
        LiveError::NoTrustedCertificates { server, .. } => Some(SyncRefusal {
            server: server.clone(),
            reason: RefusalReason::NoTrustedCertificates,
        }),
        _ => None,
    }
}

enum Request {
    Join {
        link: String,
        reply: Sender<Res<String>>,
    },
    Kick,
}

/// The thread's mailbox and the last status, managed by Tauri.
pub struct Syncer {
    tx: Mutex<Sender<Request>>,
    status: Mutex<SyncStatus>,
}

impl Syncer {
    fn status(&self) -> SyncStatus {
        self.status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn send(&self, r: Request) {
        let _ = self.tx.lock().unwrap_or_else(|e| e.into_inner()).send(r);
    }
}

/// Wakes the sync thread after a local commit, so the change leaves at once.
pub fn kick(app: &AppHandle<Wry>) {
    if let Some(sync) = app.try_state::<Syncer>() {
        sync.send(Request::Kick);
    }
}

/// Starts the sync thread; call once at setup.
pub fn start(app: &AppHandle<Wry>) {
    let (tx, rx) = mpsc::channel();
    app.manage(Syncer {
        tx: Mutex::new(tx),
        status: Mutex::new(SyncStatus::default()),
    });
    let handle = app.clone();
    let spawned = std::thread::Builder::new()
        .name("live-sync".into())
        .spawn(move || run(handle, rx));
    if let Err(e) = spawned {
        eprintln!("klantreis: cannot start live sharing: {e}");
    }
}

fn run(app: AppHandle<Wry>, rx: Receiver<Request>) {
    let mut live: Option<Live> = None;
    let mut offline_since: Option<Instant> = None;
    loop {
        match rx.recv_timeout(STEP_EVERY) {
            Ok(Request::Join { link, reply }) => {
                let _ = reply.send(join(&app, &mut live, &link));
            }
            Ok(Request::Kick) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        step(&app, &mut live, &mut offline_since);
    }
}

/// The connection for `server`, made (in the background) when missing or for another server.
fn live_for<'a>(live: &'a mut Option<Live>, server: &str) -> Result<&'a mut Live, LiveError> {
    if live.as_ref().is_some_and(|l| l.server() != server) {
        *live = None;
    }
    match live {
        Some(l) => Ok(l),
        None => Ok(live.insert(Live::connect(server)?)),
    }
}

fn step(app: &AppHandle<Wry>, live: &mut Option<Live>, offline_since: &mut Option<Instant>) {
    let state = app.state::<AppState>();
    let server = state.lock().settings.sync_server.clone();
    // Without a server (the default) there is nothing to do: do not ask the document which
    // journeys are shared ten times a second.
    let shared = match server {
        None => 0,
        Some(_) => state
            .lock()
            .doc()
            .ok()
            .and_then(|d| d.shared_journeys().ok())
            .map_or(0, |s| s.len()),
    };
    let mut status = app.state::<Syncer>().status();
    status.server = server.clone();
    status.shared = shared;
    // A refusal is kept while the server is the same (a "Join…" that was refused leaves it
    // for the UI to read), forgotten when the address changes.
    if status.refused.as_ref().map(|r| &r.server) != status.server.as_ref() {
        status.refused = None;
    }
    let (Some(server), true) = (server, shared > 0) else {
        *live = None;
        *offline_since = None;
        status.connected = false;
        status.waiting = 0;
        status.error = status.refused.is_some().then_some(status.error).flatten();
        publish(app, status);
        return;
    };
    let l = match live_for(live, &server) {
        Ok(l) => l,
        Err(e) => {
            status.refused = refusal_of(&e).map(|r| SyncRefusal {
                server: server.clone(),
                ..r
            });
            status.error = Some(e.to_string());
            publish(app, status);
            return;
        }
    };
    // A wss:// certificate refused: the connection stays down (the dialer gave up), and the
    // status says why until the server's address is changed or the app restarts.
    if let Some(refused) = l.refused() {
        status.connected = false;
        status.error = Some(refused.to_string());
        status.refused = Some(SyncRefusal {
            server: server.clone(),
            ..SyncRefusal::from(&refused)
        });
        publish(app, status);
        return;
    }
    let report = {
        let mut inner = state.lock();
        match inner.session_mut() {
            Ok(s) => s.doc_mut().sync_step(l).map_err(|e| e.to_string()),
            Err(e) => Err(e.message),
        }
    };
    status.connected = l.connected();
    let unreachable = if status.connected {
        *offline_since = None;
        status.refused = None;
        None
    } else {
        let since = *offline_since.get_or_insert_with(Instant::now);
        (since.elapsed() >= UNREACHABLE_AFTER).then(|| {
            format!(
                "could not reach the sync server {server}; your changes are kept in the file and go as soon as it answers"
            )
        })
    };
    match report {
        Ok(r) => {
            status.error = unreachable;
            status.waiting = r.waiting;
            if status.connected && r.waiting == 0 {
                status.last_synced = Some(klantreis::ids::now_rfc3339());
            }
            if !r.merged.is_empty() {
                chrome::refresh(app);
                let _ = app.emit(EVENT_DOC_CHANGED, ());
            }
        }
        Err(e) => status.error = Some(e),
    }
    publish(app, status);
}

/// Keeps the new status and tells the UI when it changed (the time of the last sync only
/// counts to the second the UI shows, so a quiet connection sends nothing).
fn publish(app: &AppHandle<Wry>, status: SyncStatus) {
    let sync = app.state::<Syncer>();
    let mut old = sync.status.lock().unwrap_or_else(|e| e.into_inner());
    let seconds = |s: &SyncStatus| {
        s.last_synced
            .as_ref()
            .map(|t| t.chars().take(19).collect::<String>())
    };
    let same = SyncStatus {
        last_synced: None,
        ..old.clone()
    } == SyncStatus {
        last_synced: None,
        ..status.clone()
    } && seconds(&old) == seconds(&status);
    *old = status.clone();
    drop(old);
    if !same {
        let _ = app.emit(EVENT_SYNC_STATUS, status);
    }
}

fn join(app: &AppHandle<Wry>, live: &mut Option<Live>, link: &str) -> Res<String> {
    let state = app.state::<AppState>();
    let server = state
        .lock()
        .settings
        .sync_server
        .clone()
        .ok_or_else(no_server)?;
    let doc_id =
        doc_id_of_link(link).map_err(|e| ApiError::new(ErrorCode::NotFound, e.to_string()))?;
    // A refusal is also put in the status (before the answer goes back), where the UI reads
    // why in words it can say in the user's language.
    let refused = |e: LiveError| {
        if let Some(r) = refusal_of(&e) {
            let sync = app.state::<Syncer>();
            let mut status = sync.status();
            status.refused = Some(SyncRefusal {
                server: server.clone(),
                ..r
            });
            status.error = Some(e.to_string());
            publish(app, status);
        }
        offline(e.to_string())
    };
    let l = live_for(live, &server).map_err(refused)?;
    // Fetched without the state lock: editing goes on while the server answers.
    let bytes = l.fetch(&doc_id, JOIN_TIMEOUT).map_err(refused)?;
    // The server answered: an earlier refusal (a certificate since renewed) no longer holds.
    let sync = app.state::<Syncer>();
    let mut status = sync.status();
    if status.refused.take().is_some() {
        status.error = None;
        publish(app, status);
    }
    let jid = {
        let mut inner = state.lock();
        inner
            .session_mut()?
            .doc_mut()
            .join_shared(&doc_id, &bytes)?
    };
    chrome::refresh(app);
    Ok(jid)
}

fn no_server() -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        "no sync server is set: add its address in the settings".to_string(),
    )
}

fn offline(e: String) -> ApiError {
    ApiError::new(ErrorCode::Io, e)
}

/// The sync status now.
#[tauri::command]
pub fn sync_status(state: State<'_, AppState>, sync: State<'_, Syncer>) -> SyncStatus {
    // The server from the settings even before the thread's first step.
    SyncStatus {
        server: state.lock().settings.sync_server.clone(),
        ..sync.status()
    }
}

/// Sets the sync server (`wss://host` or `ws://host:port`); empty means none.
#[tauri::command]
pub fn set_sync_server(
    state: State<'_, AppState>,
    sync: State<'_, Syncer>,
    server: String,
) -> Res<SyncStatus> {
    let server = server.trim();
    let value = if server.is_empty() {
        None
    } else {
        server_url(server).map_err(|e| ApiError::new(ErrorCode::InvalidEdit, e.to_string()))?;
        Some(server.to_string())
    };
    {
        let mut inner = state.lock();
        inner.settings.sync_server = value.clone();
        state.save_settings(&inner.settings);
    }
    sync.send(Request::Kick);
    let mut s = sync.status();
    s.server = value;
    Ok(s)
}

/// Shares journey `id` through the sync server; answers its link (the `automerge:` URL).
#[tauri::command]
pub fn share_journey(
    state: State<'_, AppState>,
    sync: State<'_, Syncer>,
    id: String,
) -> Res<String> {
    let shared = {
        let mut inner = state.lock();
        if inner.settings.sync_server.is_none() {
            return Err(no_server());
        }
        inner.session_mut()?.doc_mut().share(&id)?
    };
    sync.send(Request::Kick);
    Ok(shared.url)
}

/// Adds the journey a link names to the open document; answers its id.
#[tauri::command]
pub async fn join_journey(app: AppHandle<Wry>, link: String) -> Res<String> {
    let (reply, answer) = mpsc::channel();
    app.state::<Syncer>().send(Request::Join { link, reply });
    // Waited for off Tauri's async workers: the answer may take up to the join timeout.
    tauri::async_runtime::spawn_blocking(move || answer.recv())
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
}

/// Merges the changes of a copy of this document (another `.klantreis` file, only read) that
/// holds the same shared journeys; answers the view anew, or `None` when cancelled.
#[tauri::command]
pub async fn merge_copy(app: AppHandle<Wry>, view: View) -> Res<Option<ViewUpdate>> {
    let path = match std::env::var_os(ENV_MERGE_COPY) {
        Some(p) => Some(std::path::PathBuf::from(p)),
        None => app
            .dialog()
            .file()
            .add_filter("Klantreis", &["klantreis"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = path else {
        return Ok(None);
    };
    let state = app.state::<AppState>();
    let update = {
        let mut inner = state.lock();
        let session = inner.session_mut()?;
        let (done, skipped) = session.doc_mut().merge_file(&path)?;
        if done.is_empty() {
            let names: Vec<String> = skipped.iter().map(|s| s.url.clone()).collect();
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!(
                    "{}: no journey shared with this document{}",
                    path.display(),
                    if names.is_empty() {
                        String::new()
                    } else {
                        format!(" ({} not shared here)", names.join(", "))
                    }
                ),
            ));
        }
        session.show(&view)?
    };
    chrome::refresh(&app);
    Ok(Some(update))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_reaches_the_ui_as_server_and_reason() {
        let refused = LiveError::Refused(Refused {
            server: "wss://sync.example.org/".into(),
            kind: RefusalKind::OtherName,
            reason: "its certificate is for another name".into(),
        });
        let r = refusal_of(&refused).expect("a refusal");
        assert_eq!(r.reason, RefusalReason::OtherName);
        let json = serde_json::to_value(&r).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"server": "wss://sync.example.org/", "reason": "other_name"})
        );
        let none = LiveError::NoTrustedCertificates {
            server: "wss://x".into(),
            detail: "none found".into(),
        };
        let r = refusal_of(&none).expect("a refusal");
        assert_eq!(r.reason, RefusalReason::NoTrustedCertificates);
        assert_eq!(
            serde_json::to_value(r.reason).expect("json"),
            "no_trusted_certificates"
        );
        // Not a certificate's fault: the status words it as before, no refusal.
        assert!(refusal_of(&LiveError::BadServer("x".into())).is_none());
    }
}
