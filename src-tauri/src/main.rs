//! Klantreis desktop shell: window, menu, dialogs and the open document. Every command is a
//! thin wrapper over the `klantreis` core (`klantreis::session`); no domain logic lives here.
//!
//! The modules depend one way only, each on those listed before it:
//! `settings` → `state` (the open session) → `chrome` (menu and title) → `lifecycle` (signals,
//! changes by other processes) → `commands`, `canvas`, `sync` (what the UI calls; `sync` also
//! runs live sharing's background thread) and `menu` (what the menu does) → `main`; `webview`
//! (navigation guard, crash reload) and `instances` (one writer per document) are leaves. The
//! commands are listed once, in `command_list.rs`; `build.rs` registers them from there.

mod bindings;
mod canvas;
mod chrome;
#[cfg(test)]
mod command_list;
mod commands;
mod compare;
mod instances;
mod lifecycle;
mod menu;
mod scan;
mod settings;
mod state;
mod sync;
mod trace;
mod webview;
mod workshop;

use std::path::PathBuf;

use tauri::{Manager, RunEvent};

use chrome::Chrome;
use state::AppState;

/// A `.klantreis` file given on the command line (how the file manager opens one).
fn document_arg() -> Option<PathBuf> {
    std::env::args_os()
        .skip(1)
        .map(PathBuf::from)
        .find(|p| p.extension().and_then(|e| e.to_str()) == Some("klantreis"))
}

/// The environment variable that makes WebKitGTK paint without accelerated compositing.
const ENV_NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether to switch off WebKitGTK's accelerated compositing: only when the machine has no GPU
/// render node (a VM, a remote desktop, Xvfb) and the user has not chosen either way. Without a
/// GPU the compositor runs on software OpenGL; measured on such a machine (drag_bench, 50-card
/// map) a drag frame took 24 ms composited against 12 ms painted directly, and the app used
/// half the memory. With a GPU, compositing is the fast path and stays on.
fn paint_without_compositing(
    dri: &std::path::Path,
    user_choice: Option<std::ffi::OsString>,
) -> bool {
    if user_choice.is_some() {
        return false;
    }
    let has_render_node = std::fs::read_dir(dri)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false);
    !has_render_node
}

fn main() {
    trace::startup("main");
    if paint_without_compositing(
        std::path::Path::new("/dev/dri"),
        std::env::var_os(ENV_NO_COMPOSITING),
    ) {
        // Before any thread starts: the web process inherits the environment.
        std::env::set_var(ENV_NO_COMPOSITING, "1");
    }
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(webview::guard())
        .setup(|app| {
            trace::startup("setup");
            let data_dir = match std::env::var_os(state::ENV_DATA_DIR) {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            std::fs::create_dir_all(&data_dir)?;
            let state = AppState::new(data_dir);
            state::open_initial(&state, document_arg()).map_err(|e| e.message)?;
            app.manage(state);
            trace::startup("doc_open");
            app.manage(Chrome::default());
            chrome::rebuild(app.handle());
            trace::startup("menu");
            lifecycle::exit_on_signals(app.handle());
            lifecycle::watch_document(app.handle());
            sync::start(app.handle());
            webview::reload_on_crash(app.handle());
            trace::startup("setup_done");
            Ok(())
        })
        .on_menu_event(menu::on_event)
        // Every command of `command_list.rs`, as `build.rs` wrote them out.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handler.rs")))
        .build(tauri::generate_context!());
    let app = match result {
        Ok(app) => app,
        Err(e) => {
            eprintln!("klantreis: cannot start: {e}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let RunEvent::Exit = event {
            // Every edit is already committed; closing checkpoints the WAL so the document
            // is one self-contained file again.
            let state = handle.state::<AppState>();
            let session = state.lock().session.take();
            if let Some(session) = session {
                if let Err(e) = session.into_doc().close() {
                    eprintln!("klantreis: closing the document: {e}");
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::paint_without_compositing;

    #[test]
    fn compositing_is_switched_off_only_without_a_gpu_and_without_a_user_choice() {
        let dir = tempfile::tempdir().expect("tempdir");
        // No /dev/dri at all, or one without render nodes: software GL, paint directly.
        assert!(paint_without_compositing(&dir.path().join("missing"), None));
        std::fs::write(dir.path().join("card0"), b"").expect("card0");
        assert!(paint_without_compositing(dir.path(), None));
        // The user's own setting (either value) is left alone.
        assert!(!paint_without_compositing(dir.path(), Some("0".into())));
        // A render node means a GPU: keep compositing.
        std::fs::write(dir.path().join("renderD128"), b"").expect("renderD128");
        assert!(!paint_without_compositing(dir.path(), None));
    }
}
