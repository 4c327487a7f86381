//! Startup milestones for `scripts/measure.sh`. A leaf: imports nothing of the shell.

/// With `KLANTREIS_STARTUP_TRACE` set, prints the wall-clock time of a startup milestone (once
/// each) to stderr, for `scripts/measure.sh`; otherwise does nothing.
pub fn startup(what: &'static str) {
    use std::collections::HashSet;
    use std::sync::Mutex;
    static SEEN: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    if std::env::var_os("KLANTREIS_STARTUP_TRACE").is_none() {
        return;
    }
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if seen.get_or_insert_with(HashSet::new).insert(what) {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        eprintln!("klantreis-startup {what} {ms}");
    }
}
