//! The app's life beside the window: ending cleanly on SIGTERM, SIGINT and SIGHUP (the session
//! ending, `kill`, Ctrl+C in a terminal), and noticing when another process (the command-line
//! tool, a second app) changed the open document. Builds on `state.rs` and `chrome.rs`.
//!
//! A signal ends the app through its event loop (`AppHandle::exit`), so the exit path of
//! `main.rs` runs: the document is checkpointed and closed, no `-wal` is left. Edits are
//! committed before the UI hears of them, so a signal loses nothing either way; the
//! checkpoint makes the file one self-contained file again.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, Wry};

use crate::chrome;
use crate::state::AppState;

/// Sent to the UI when something outside it changed the document: it shows its view anew.
pub const EVENT_DOC_CHANGED: &str = "doc-changed";

/// How often the open document is asked whether another process committed to it: a change
/// made elsewhere shows within this (plus one layout).
const WATCH_EVERY: Duration = Duration::from_millis(250);

/// Ends the app through its event loop on SIGTERM, SIGINT and SIGHUP (Linux, macOS), or on a
/// console's Ctrl+C, Ctrl+Break, close, log-off or shut-down event (Windows: these reach the
/// app only when it has a console, e.g. started from a terminal; closing its window ends it
/// through the event loop anyway).
pub fn exit_on_signals(app: &AppHandle<Wry>) {
    #[cfg(target_os = "linux")]
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        let handle = app.clone();
        // glib runs the handler on the main loop, where exiting is safe (not in the signal
        // handler itself).
        let _ = glib::unix_signal_add(signal, move || {
            eprintln!("klantreis: signal {signal}: closing the document and quitting");
            handle.exit(0);
            glib::ControlFlow::Continue
        });
    }
    // No glib main loop on macOS: tokio's signal streams, on Tauri's runtime; `exit` asks the
    // event loop to end, so the exit path of `main.rs` runs there as on Linux.
    #[cfg(target_os = "macos")]
    {
        use tokio::signal::unix::{signal, SignalKind};
        for (name, kind) in [
            ("SIGTERM", SignalKind::terminate()),
            ("SIGINT", SignalKind::interrupt()),
            ("SIGHUP", SignalKind::hangup()),
        ] {
            let handle = app.clone();
            tauri::async_runtime::spawn(async move {
                let Ok(mut stream) = signal(kind) else {
                    eprintln!("klantreis: cannot listen for {name}");
                    return;
                };
                if stream.recv().await.is_some() {
                    eprintln!("klantreis: {name}: closing the document and quitting");
                    handle.exit(0);
                }
            });
        }
    }
    #[cfg(windows)]
    {
        use tokio::signal::windows;
        // Each event has its own stream type; one task per event.
        macro_rules! on_event {
            ($name:literal, $listen:expr) => {{
                let handle = app.clone();
                tauri::async_runtime::spawn(async move {
                    let Ok(mut stream) = $listen else {
                        eprintln!("klantreis: cannot listen for {}", $name);
                        return;
                    };
                    if stream.recv().await.is_some() {
                        eprintln!("klantreis: {}: closing the document and quitting", $name);
                        handle.exit(0);
                    }
                });
            }};
        }
        on_event!("Ctrl+C", windows::ctrl_c());
        on_event!("Ctrl+Break", windows::ctrl_break());
        on_event!("console closed", windows::ctrl_close());
        on_event!("log-off", windows::ctrl_logoff());
        on_event!("shut-down", windows::ctrl_shutdown());
    }
}

/// Watches the open document for commits by other processes: the workspace is reloaded
/// and the UI told to show its view anew. The core also reloads before every write of its
/// own (`store`), so the app never writes over such a change, even between two looks.
pub fn watch_document(app: &AppHandle<Wry>) {
    let handle = app.clone();
    let spawned = std::thread::Builder::new()
        .name("document-watch".into())
        .spawn(move || {
            let mut was_gone = false;
            loop {
                std::thread::sleep(WATCH_EVERY);
                look(&handle, &mut was_gone);
            }
        });
    if let Err(e) = spawned {
        eprintln!("klantreis: cannot watch the document for changes: {e}");
    }
}

/// One look at the open document: committed to by someone else, moved or deleted (the UI
/// shows a banner while it is; see `DocState::gone`), or free to write now that the app that
/// had it open let go (`DocState::read_only`)?
fn look(handle: &AppHandle<Wry>, was_gone: &mut bool) {
    let state = handle.state::<AppState>();
    let (changed, gone) = {
        let mut inner = state.lock();
        // Read-only because another app had the document: it may have closed it since.
        let took_over = inner.take_over(&state.data_dir);
        match inner.session_mut() {
            Ok(s) => {
                let changed = s.doc_mut().refresh().map(|c| c || took_over);
                let gone = s.doc().is_gone();
                if gone && !*was_gone {
                    // The log stays behind at the old path: put everything saved into the
                    // file itself, wherever it went.
                    if let Err(e) = s.doc().checkpoint() {
                        eprintln!("klantreis: checkpointing a moved document: {e}");
                    }
                }
                (changed, gone)
            }
            Err(_) => (Ok(false), false),
        }
    };
    let gone_changed = std::mem::replace(was_gone, gone) != gone;
    match changed {
        Ok(changed) if changed || gone_changed => {
            chrome::refresh(handle);
            let _ = handle.emit(EVENT_DOC_CHANGED, ());
        }
        Ok(_) => {}
        // Busy (another process writing): the next look tries again; an edit in the app
        // reports its own error.
        Err(e) => eprintln!("klantreis: watching the document: {e}"),
    }
}
