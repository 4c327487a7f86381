//! Live sharing through a sync server: the automerge-repo protocol (samod) over a websocket,
//! for the command line (`klantreis share/join/sync --server`) and the app's background task.
//!
//! This module only moves Automerge bytes: it never touches the SQLite document. The caller
//! pushes a shared journey's stored document in ([`Live::push`]), lets the protocol exchange
//! changes with the server, and merges what came back through the one commit path
//! (`Document::merge_shared`), so a remote change is repaired and committed like any merge.
//!
//! Invariants:
//! - editing never waits on the network: pushing merges bytes into an in-memory repo and
//!   returns; only [`Live::settle`] and [`Live::fetch`] wait, and always with a timeout;
//! - the repo's storage is in memory: the `.klantreis` file stays the only place a journey is
//!   kept (a crash mid-sync loses nothing that was committed; the next round sends it again);
//! - the dialer reconnects by itself (backoff up to [`MAX_BACKOFF`]), so a server that was
//!   killed and restarted is picked up again without the caller doing anything;
//! - `wss://` goes through rustls (pure Rust, ring as its crypto: no OpenSSL, no C toolchain
//!   beyond what SQLite needs) and trusts the system's certificates (rustls-native-certs, which
//!   reads `SSL_CERT_FILE`/`SSL_CERT_DIR` first, so a company's own authority works). A
//!   certificate that is untrusted, expired or for another name ends the connection during
//!   the TLS handshake, before the websocket opens, so nothing of a journey is sent; the
//!   error names the server and the reason, and the dialer stops retrying ([`Live::refused`]);
//! - `ws://` is unencrypted: fine on this machine or the local network, and
//!   [`unencrypted_warning`] says so for any other address.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use automerge::{Automerge, Change, ChangeHash, ReadDoc};
use futures::future::BoxFuture;
use futures::{SinkExt, StreamExt};
use samod::storage::{InMemoryStorage, Storage, StorageKey};
use samod::{
    BackoffConfig, DialError, DialerFailed, DialerHandle, DocHandle, DocumentId, Repo, Transport,
};
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::Connector;

/// The longest wait between two attempts to reach a server that went away.
pub const MAX_BACKOFF: Duration = Duration::from_millis(500);

/// Why live sharing could not do what was asked. Nothing local is changed by any of these.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error("{0:?} is not a sync server address (expected wss://host or ws://host:port)")]
    BadServer(String),
    #[error(transparent)]
    Refused(#[from] Refused),
    #[error("the sync server {server} was refused: this computer has no trusted certificates to check it with ({detail}); set SSL_CERT_FILE to a file of trusted certificates")]
    NoTrustedCertificates { server: String, detail: String },
    #[error("{0:?} holds no automerge: document link")]
    BadLink(String),
    #[error("could not reach the sync server {server} within {secs} s")]
    Unreachable { server: String, secs: u64 },
    #[error("the sync server {server} does not have document {url}")]
    NotOnServer { server: String, url: String },
    #[error("no agreement with the sync server {server} on {url} within {secs} s (offline? the changes stay in the file and go on the next sync)")]
    Timeout {
        server: String,
        url: String,
        secs: u64,
    },
    #[error("the shared document {0} cannot be read: {1}")]
    Bytes(String, String),
    #[error("the sync connection stopped")]
    Stopped,
    #[error("cannot start the sync runtime: {0}")]
    Runtime(String),
}

/// The document id in a link: an `automerge:` URL, or any text that carries one (a link with
/// the URL in it). Checked as base58check, as automerge-repo does.
pub fn doc_id_of_link(link: &str) -> Result<String, LiveError> {
    let start = link
        .find("automerge:")
        .ok_or_else(|| LiveError::BadLink(link.to_string()))?;
    let rest = &link[start + "automerge:".len()..];
    let id: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    DocumentId::from_str(&id).map_err(|_| LiveError::BadLink(link.to_string()))?;
    Ok(id)
}

/// A `wss://` server the TLS handshake refused (its certificate), before anything was sent.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the sync server {server} was refused, nothing was sent: {reason}")]
pub struct Refused {
    pub server: String,
    /// Which refusal, for a caller that words it itself (the app, in the user's language).
    pub kind: RefusalKind,
    /// The reason in English words (the command line's message).
    pub reason: String,
}

/// Why a `wss://` server's certificate was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// Not signed by an authority this computer trusts.
    UnknownAuthority,
    Expired,
    NotValidYet,
    /// Made out to another name than the address's.
    OtherName,
    Revoked,
    /// Any other certificate or TLS failure (the reason names it).
    Other,
}

/// A server address checked and normalised (`wss://host[:port]` or `ws://host:port`).
pub fn server_url(server: &str) -> Result<url::Url, LiveError> {
    let u = url::Url::parse(server.trim()).map_err(|_| LiveError::BadServer(server.to_string()))?;
    match u.scheme() {
        "ws" | "wss" if u.host_str().is_some_and(|h| !h.is_empty()) => Ok(u),
        _ => Err(LiveError::BadServer(server.to_string())),
    }
}

/// A warning when `server` is `ws://` to an address outside this machine and the local
/// network: the journey would cross the internet unencrypted. `None` for `wss://`, loopback,
/// private and link-local addresses, and local names (`localhost`, a name without a dot,
/// `.local`, `.lan`, `.internal`, `.home.arpa`).
pub fn unencrypted_warning(server: &url::Url) -> Option<String> {
    if server.scheme() != "ws" {
        return None;
    }
    let local = match server.host()? {
        url::Host::Ipv4(ip) => ip.is_loopback() || ip.is_private() || ip.is_link_local(),
        url::Host::Ipv6(ip) => {
            let first = ip.segments()[0];
            // Loopback, unique local (fc00::/7) and link-local (fe80::/10).
            ip.is_loopback() || first & 0xfe00 == 0xfc00 || first & 0xffc0 == 0xfe80
        }
        url::Host::Domain(d) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost"
                || !d.contains('.')
                || [".localhost", ".local", ".lan", ".internal", ".home.arpa"]
                    .iter()
                    .any(|s| d.ends_with(s))
        }
    };
    (!local).then(|| {
        format!(
            "{server} is ws://, which is not encrypted: the journey would cross the internet readable by anyone on the way; use a wss:// address (docs/sharing.md)"
        )
    })
}

/// The TLS settings for `wss://`: the system's trusted certificates, ring as the crypto.
fn tls_config(server: &str) -> Result<Arc<rustls::ClientConfig>, LiveError> {
    let found = rustls_native_certs::load_native_certs();
    let mut roots = rustls::RootCertStore::empty();
    let (added, _unusable) = roots.add_parsable_certificates(found.certs);
    if added == 0 {
        let detail = found
            .errors
            .first()
            .map_or_else(|| "none found".to_string(), |e| e.to_string());
        return Err(LiveError::NoTrustedCertificates {
            server: server.to_string(),
            detail,
        });
    }
    // ring rather than aws-lc-rs (rustls' default): a small C build with no cmake, seconds
    // of CI instead of minutes. rustls 0.23.48 deprecates ring's provider because it offers
    // no post-quantum key exchange; the connection is still TLS 1.3 (or 1.2) with X25519 and
    // checked certificates, which is what a sync server behind Caddy or nginx speaks.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| LiveError::Runtime(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Why the TLS handshake refused the server, when that is what `e` is: which refusal and
/// its reason in words. A failure that is not TLS's (no route, connection reset) is `None`:
/// the dialer tries again.
fn tls_refusal(e: &tungstenite::Error) -> Option<(RefusalKind, String)> {
    use rustls::CertificateError as C;
    use RefusalKind as K;
    let tungstenite::Error::Io(io) = e else {
        return None;
    };
    let refusal = match io.get_ref()?.downcast_ref::<rustls::Error>()? {
        rustls::Error::InvalidCertificate(c) => match c {
            C::UnknownIssuer => (K::UnknownAuthority, "its certificate is not signed by an authority this computer trusts (a company's own authority must be in the system's trust store, or in the file SSL_CERT_FILE names)".to_string()),
            C::Expired | C::ExpiredContext { .. } => {
                (K::Expired, "its certificate has expired".to_string())
            }
            C::NotValidYet | C::NotValidYetContext { .. } => (
                K::NotValidYet,
                "its certificate is not valid yet (is this computer's clock right?)".to_string(),
            ),
            C::NotValidForName | C::NotValidForNameContext { .. } => {
                (K::OtherName, "its certificate is for another name".to_string())
            }
            C::Revoked => (K::Revoked, "its certificate has been revoked".to_string()),
            other => (
                K::Other,
                format!("its certificate is not acceptable ({other:?})"),
            ),
        },
        other => (K::Other, format!("the secure connection failed ({other})")),
    };
    Some(refusal)
}

/// A websocket dialer (tokio-tungstenite, with rustls for `wss://`); samod calls it again on
/// every reconnection attempt, except after a refused certificate.
struct WsDialer {
    url: url::Url,
    tls: Option<Arc<rustls::ClientConfig>>,
    /// The refusal, once there is one: [`Live::refused`] reads it without asking the dialer's
    /// `established()`, which would queue a waiter on every look while the server is away.
    refused: Arc<std::sync::Mutex<Option<Refused>>>,
}

impl samod::Dialer for WsDialer {
    type Error = Refused;

    fn url(&self) -> url::Url {
        self.url.clone()
    }

    fn connect(&self) -> BoxFuture<'static, Result<Transport, DialError<Refused>>> {
        let url = self.url.clone();
        let connector = self.tls.clone().map(Connector::Rustls);
        let refused = self.refused.clone();
        Box::pin(async move {
            let connected = tokio_tungstenite::connect_async_tls_with_config(
                url.as_str(),
                None,
                false,
                connector,
            )
            .await;
            let (ws, _) = connected.map_err(|e| match tls_refusal(&e) {
                // Retrying cannot help, and the user must hear why.
                Some((kind, reason)) => {
                    let r = Refused {
                        server: url.to_string(),
                        kind,
                        reason,
                    };
                    *refused.lock().unwrap_or_else(|p| p.into_inner()) = Some(r.clone());
                    DialError::PermanentFailure(r)
                }
                None => DialError::transient(e),
            })?;
            let (sink, stream) = ws.split();
            // automerge-repo speaks binary frames only; pings and closes are the socket's own.
            let stream = stream.filter_map(|m| async move {
                match m {
                    Ok(Message::Binary(b)) => Some(Ok(b.to_vec())),
                    Ok(_) => None,
                    Err(e) => Some(Err(e)),
                }
            });
            let sink = sink.with(|b: Vec<u8>| async move {
                Ok::<_, tokio_tungstenite::tungstenite::Error>(Message::Binary(b.into()))
            });
            Ok(Transport::new(Box::pin(stream), Box::pin(sink)))
        })
    }
}

/// One connection to a sync server and the shared documents opened on it.
pub struct Live {
    rt: tokio::runtime::Runtime,
    repo: Repo,
    storage: InMemoryStorage,
    dialer: DialerHandle<Refused>,
    handles: HashMap<String, DocHandle>,
    server: String,
    refused: Arc<std::sync::Mutex<Option<Refused>>>,
}

impl Live {
    /// Starts connecting to `server` (`wss://host` or `ws://host:port`) in the background;
    /// returns at once.
    /// Whether the connection is up is [`Live::connected`]; [`Live::wait_connected`] waits.
    pub fn connect(server: &str) -> Result<Live, LiveError> {
        let url = server_url(server)?;
        let tls = match url.scheme() {
            "wss" => Some(tls_config(server)?),
            _ => None,
        };
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .thread_name("klantreis-sync")
            .build()
            .map_err(|e| LiveError::Runtime(e.to_string()))?;
        let storage = InMemoryStorage::new();
        let repo = rt.block_on(
            Repo::builder(rt.handle().clone())
                .with_storage(storage.clone())
                .load(),
        );
        let backoff = BackoffConfig {
            initial_delay: Duration::from_millis(100),
            max_delay: MAX_BACKOFF,
            max_retries: None,
        };
        let refused = Arc::new(std::sync::Mutex::new(None));
        let dialer = repo
            .dial(
                backoff,
                Arc::new(WsDialer {
                    url,
                    tls,
                    refused: refused.clone(),
                }),
            )
            .map_err(|_| LiveError::Stopped)?;
        Ok(Live {
            rt,
            repo,
            storage,
            dialer,
            handles: HashMap::new(),
            server: server.to_string(),
            refused,
        })
    }

    /// The server's address as given.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// Why the server was refused for good (its certificate), if it was: the dialer then
    /// stops trying, and every wait ends with this error.
    pub fn refused(&self) -> Option<Refused> {
        self.refused
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Whether the connection to the server is up now.
    pub fn connected(&self) -> bool {
        self.dialer.is_connected()
    }

    /// Waits up to `timeout` for the connection.
    pub fn wait_connected(&self, timeout: Duration) -> Result<(), LiveError> {
        let established = self.dialer.established();
        // Timers are made in the runtime's context.
        let _rt = self.rt.enter();
        match self.rt.block_on(tokio::time::timeout(timeout, established)) {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(DialerFailed::PermanentFailure(r))) => Err(LiveError::Refused((*r).clone())),
            _ => Err(LiveError::Unreachable {
                server: self.server.clone(),
                secs: timeout.as_secs(),
            }),
        }
    }

    /// Merges `ours` (a whole saved document, or changes) into the live copy of `doc_id`,
    /// opening it the first time; the protocol sends what is new to the server by itself.
    /// Returns at once.
    pub fn push(&mut self, doc_id: &str, ours: &[u8]) -> Result<(), LiveError> {
        let bad = |e: String| LiveError::Bytes(doc_id.to_string(), e);
        if let Some(h) = self.handles.get(doc_id) {
            let mut theirs = Automerge::load(ours).map_err(|e| bad(e.to_string()))?;
            return h
                .with_document(|d| d.merge(&mut theirs).map(|_| ()))
                .map_err(|e| bad(e.to_string()));
        }
        let id = DocumentId::from_str(doc_id).map_err(|e| bad(e.to_string()))?;
        // Opened from (in-memory) storage: the repo finds it there without asking the server,
        // which would answer "unavailable" for a document shared a moment ago.
        let key = StorageKey::from_parts([doc_id, "snapshot", "klantreis"])
            .map_err(|e| bad(e.to_string()))?;
        let handle = self.rt.block_on(async {
            self.storage.put(key, ours.to_vec()).await;
            self.repo.find(id).await
        });
        let handle = handle
            .map_err(|_| LiveError::Stopped)?
            .ok_or_else(|| bad("not loaded".to_string()))?;
        self.handles.insert(doc_id.to_string(), handle);
        Ok(())
    }

    /// Applies `changes` (ours, which the live copy lacks) to the live copy of `doc_id`, which
    /// must be open ([`Live::push`] opens it); the protocol sends them on. Returns at once. Only
    /// the new changes travel: no whole document is saved or loaded.
    pub fn push_changes(&mut self, doc_id: &str, changes: Vec<Change>) -> Result<(), LiveError> {
        if changes.is_empty() {
            return Ok(());
        }
        let h = self
            .handles
            .get(doc_id)
            .ok_or_else(|| LiveError::Bytes(doc_id.to_string(), "not open".to_string()))?;
        h.with_document(|d| d.apply_changes(changes))
            .map_err(|e| LiveError::Bytes(doc_id.to_string(), e.to_string()))
    }

    /// The changes of the live copy of `doc_id` that `heads` (those of them it knows) do not
    /// already include: what a side at `heads` lacks.
    pub fn changes_after(&self, doc_id: &str, heads: &[ChangeHash]) -> Vec<Change> {
        self.handles.get(doc_id).map_or_else(Vec::new, |h| {
            h.with_document(|d| {
                let missing = d.get_missing_deps(heads);
                let known: Vec<ChangeHash> = heads
                    .iter()
                    .filter(|x| !missing.contains(x))
                    .copied()
                    .collect();
                d.get_changes(&known)
            })
        })
    }

    /// Fetches document `doc_id` from the server (to join it): its whole saved bytes.
    pub fn fetch(&mut self, doc_id: &str, timeout: Duration) -> Result<Vec<u8>, LiveError> {
        self.wait_connected(timeout)?;
        let id =
            DocumentId::from_str(doc_id).map_err(|_| LiveError::BadLink(doc_id.to_string()))?;
        let _rt = self.rt.enter();
        let found = self
            .rt
            .block_on(tokio::time::timeout(timeout, self.repo.find(id)));
        let handle = match found {
            Ok(Ok(Some(h))) => h,
            Ok(Ok(None)) => {
                return Err(LiveError::NotOnServer {
                    server: self.server.clone(),
                    url: super::url_of(doc_id),
                })
            }
            Ok(Err(_)) => return Err(LiveError::Stopped),
            Err(_) => return Err(self.timeout(doc_id, timeout)),
        };
        let bytes = handle.with_document(|d| d.save());
        self.handles.insert(doc_id.to_string(), handle);
        Ok(bytes)
    }

    /// The live copy of `doc_id` (what the server and we agreed on so far, plus our pushes).
    pub fn save(&self, doc_id: &str) -> Option<Vec<u8>> {
        self.handles
            .get(doc_id)
            .map(|h| h.with_document(|d| d.save()))
    }

    /// The heads of the live copy of `doc_id`.
    pub fn heads(&self, doc_id: &str) -> Option<Vec<ChangeHash>> {
        self.handles
            .get(doc_id)
            .map(|h| h.with_document(|d| d.get_heads()))
    }

    /// Whether the live copy of `doc_id` holds every change in `hashes`.
    pub fn has_changes(&self, doc_id: &str, hashes: &[ChangeHash]) -> bool {
        self.handles
            .get(doc_id)
            .is_some_and(|h| h.with_document(|d| d.get_missing_deps(hashes).is_empty()))
    }

    /// Whether the server has every change of the live copy and we have every change it
    /// announced, now (no waiting).
    pub fn agreed(&self, doc_id: &str) -> bool {
        let (Some(h), Some(conn)) = (self.handles.get(doc_id), self.dialer.connection_id()) else {
            return false;
        };
        let ours = h.they_have_our_changes(conn);
        let theirs = h.we_have_their_changes(conn);
        self.rt.block_on(async {
            let both = async {
                ours.await;
                theirs.await;
            };
            tokio::time::timeout(Duration::from_millis(1), both)
                .await
                .is_ok()
        })
    }

    /// Waits up to `timeout` until the server has every change of the live copy of `doc_id`
    /// and we have every change it has. A connection lost in between is waited for again.
    pub fn settle(&self, doc_id: &str, timeout: Duration) -> Result<(), LiveError> {
        let h = self
            .handles
            .get(doc_id)
            .ok_or_else(|| LiveError::Bytes(doc_id.to_string(), "not open".to_string()))?;
        let deadline = tokio::time::Instant::now() + timeout;
        let dialer = &self.dialer;
        let done = self.rt.block_on(async {
            loop {
                let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                if left.is_zero() {
                    return false;
                }
                // Out of time, or refused for good (a certificate): no point waiting on.
                match tokio::time::timeout(left, dialer.established()).await {
                    Ok(Ok(_)) => {}
                    Err(_) | Ok(Err(_)) => return false,
                }
                let Some(conn) = dialer.connection_id() else {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                let both = async {
                    h.they_have_our_changes(conn).await;
                    h.we_have_their_changes(conn).await;
                    // Their changes may have moved our heads: the server must have those too.
                    h.they_have_our_changes(conn).await;
                };
                // Short slices: a connection that dropped meanwhile is re-established above.
                let slice = left.min(Duration::from_secs(1));
                if tokio::time::timeout(slice, both).await.is_ok() {
                    return true;
                }
            }
        });
        if done {
            Ok(())
        } else {
            if std::env::var_os("KLANTREIS_SYNC_DEBUG").is_some() {
                eprintln!("peers: {:#?}", h.peers().0);
                eprintln!("heads: {:?}", h.with_document(|d| d.get_heads()));
            }
            Err(self.timeout(doc_id, timeout))
        }
    }

    fn timeout(&self, doc_id: &str, timeout: Duration) -> LiveError {
        if let Some(refused) = self.refused() {
            LiveError::Refused(refused)
        } else if self.connected() {
            LiveError::Timeout {
                server: self.server.clone(),
                url: super::url_of(doc_id),
                secs: timeout.as_secs(),
            }
        } else {
            LiveError::Unreachable {
                server: self.server.clone(),
                secs: timeout.as_secs(),
            }
        }
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.dialer.close();
        let stop = self.repo.stop();
        let _rt = self.rt.enter();
        let _ = self
            .rt
            .block_on(tokio::time::timeout(Duration::from_secs(2), stop));
    }
}
