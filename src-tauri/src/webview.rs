//! The web view's own defences, beside the content policy in `tauri.conf.json`: the page may
//! never navigate away from the bundled UI (a link in a journey's text, a script that sets
//! `location`), and when WebKit's content process dies (a crash, the kernel's OOM killer) the
//! view is reloaded on the same document. A leaf of the shell: imports nothing of it.
//!
//! The UI keeps the open journey in its URL's fragment (`ui/src/lib/app.svelte.ts`), so the
//! reload comes back on the journey that was open; every edit was already committed by the
//! core before the UI heard of it, so nothing is lost with the page.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Manager, Runtime, Url};

/// Whether the main frame may go to `url`: only the bundled UI (the `tauri://localhost`
/// custom protocol on Linux, `http://tauri.localhost` elsewhere) and, in a dev build, the
/// dev server.
fn allowed(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => {
            url.host_str() == Some("tauri.localhost")
                || (cfg!(debug_assertions)
                    && !cfg!(feature = "custom-protocol")
                    && url.host_str() == Some("localhost")
                    && url.port() == Some(5173))
        }
        _ => false,
    }
}

/// The navigation guard: every main-frame navigation outside the UI is cancelled (and left
/// to nobody: the app opens no browser on the page's behalf).
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|_webview, url| {
            let ok = allowed(url);
            if !ok {
                eprintln!("klantreis: navigation to {url} refused");
            }
            ok
        })
        .build()
}

/// Reloads the main window's page when its web process ends without being asked to.
pub fn reload_on_crash<R: Runtime>(app: &tauri::AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    #[cfg(target_os = "linux")]
    {
        let result = window.with_webview(|pv| {
            use webkit2gtk::WebViewExt;
            pv.inner().connect_web_process_terminated(|view, reason| {
                eprintln!("klantreis: the web view's process ended ({reason:?}); reloading");
                view.reload();
            });
        });
        if let Err(e) = result {
            eprintln!("klantreis: cannot watch the web view's process: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(test)]
mod tests {
    use super::allowed;
    use tauri::Url;

    fn ok(s: &str) -> bool {
        allowed(&Url::parse(s).expect("url"))
    }

    #[test]
    fn only_the_bundled_ui_may_be_shown() {
        assert!(ok("tauri://localhost/"));
        assert!(ok("tauri://localhost/index.html#/journey/j1"));
        assert!(ok("http://tauri.localhost/"));
        assert!(!ok("https://example.com/"));
        assert!(!ok("http://localhost.example.com/"));
        assert!(!ok("tauri://evil/"));
        assert!(!ok("file:///etc/passwd"));
        assert!(!ok("javascript:alert(1)"));
        assert!(!ok("data:text/html,<script>1</script>"));
    }
}
