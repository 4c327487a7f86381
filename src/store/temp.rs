//! Temporary siblings for writes that must appear whole (Save As, a new document, every
//! export): the bytes go to `.<name>.<pid>-<id>.tmp` beside the target, which is then fsynced
//! and renamed over it.
//!
//! A writer killed half-way (SIGKILL, a power cut) leaves its temporary file behind. Nothing
//! else would ever remove it, so the next write to the same target sweeps the temporary files
//! of writers that are gone: the process id in the name says whose it is, and a file of a
//! process still running is never touched (it may be that process's write in progress).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Temporary files without a process id in their name (written before the id was added) are
/// swept once they are this old: no write takes an hour.
const OLD_FORMAT_AGE: Duration = Duration::from_secs(3600);

/// A fresh temporary name beside `path`, after sweeping what dead writers left there.
pub fn temp_sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    sweep(path, &name);
    path.with_file_name(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        crate::model::ids::new_id("t")
    ))
}

/// Removes the temporary files for `name` beside `path` whose writer has ended. Best effort:
/// a file that cannot be listed or removed is left as it is.
fn sweep(path: &Path, name: &str) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    let me = std::process::id();
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let Some(middle) = file
            .strip_prefix(prefix.as_str())
            .and_then(|r| r.strip_suffix(".tmp"))
        else {
            continue;
        };
        let writer = middle
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok());
        let stale = match writer {
            Some(pid) => pid != me && !running(pid),
            None => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .is_some_and(|age| age > OLD_FORMAT_AGE),
        };
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs. Where that cannot be asked (no `/proc`), every writer
/// counts as running, so nothing is swept by mistake.
fn running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_writers_file_is_swept_and_a_running_ones_is_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("Map.pdf");
        // A process that has ended: its id is free (reuse within this test is not a worry).
        // This test binary itself, asked to run a test that does not exist: a program that is
        // there on every system (Windows has no `true`) and ends at once.
        let me = std::env::current_exe().expect("this test binary");
        let mut child = std::process::Command::new(me)
            .args(["--exact", "no such test"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        let dead = child.id();
        child.wait().expect("wait");
        let dead_file = dir.path().join(format!(".Map.pdf.{dead}-t_x.tmp"));
        let mine = dir
            .path()
            .join(format!(".Map.pdf.{}-t_y.tmp", std::process::id()));
        let other_target = dir.path().join(format!(".Other.pdf.{dead}-t_z.tmp"));
        for f in [&dead_file, &mine, &other_target] {
            std::fs::write(f, b"half").expect("write");
        }
        let fresh = temp_sibling(&target);
        if Path::new("/proc").is_dir() {
            assert!(!dead_file.exists(), "the dead writer's file is swept");
        } else {
            // No /proc (macOS, Windows): whether a writer runs cannot be asked, so every
            // writer counts as running and nothing is swept by mistake (`running`).
            assert!(dead_file.exists(), "nothing swept without /proc");
        }
        assert!(mine.exists(), "a running writer's file is kept");
        assert!(
            other_target.exists(),
            "another target's file is not ours to sweep"
        );
        let fresh_name = fresh
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(fresh_name.starts_with(&format!(".Map.pdf.{}-", std::process::id())));
        assert!(fresh_name.ends_with(".tmp"));
    }
}
