//! A document its user may not write: it opens (reading works) and says it is read-only
//! before any edit, and every write is refused with a clear message; the file stays
//! byte-identical. Run through the command-line tool as an unprivileged user (as root,
//! `chmod` does not stop a write; `setpriv` drops to `nobody` for the child).
//!
//! Linux only: it drops root with `setpriv` and makes a folder immutable with `chattr`, both
//! Linux tools, and sets Unix modes. What it tests (the store's read-only handling) is
//! portable code; the Windows and macOS runners compile and run the rest of the core's tests.
#![cfg(target_os = "linux")]

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use klantreis::*;

fn as_user(args: &[&std::ffi::OsStr], stdin: &str) -> std::process::Output {
    let cli = env!("CARGO_BIN_EXE_klantreis");
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false);
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--inh-caps=-all",
        ])
        .arg(cli);
        c
    } else {
        Command::new(cli)
    };
    use std::io::Write;
    let mut child = cmd
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(mut i) = child.stdin.take() {
        i.write_all(stdin.as_bytes()).expect("stdin");
    }
    child.wait_with_output().expect("runs")
}

#[test]
fn a_read_only_document_opens_and_refuses_every_write_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The folder is open to all (SQLite may make its -shm there); the file is read-only.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let path = dir.path().join("ro.klantreis");
    let id = {
        let mut doc = Document::create(&path).expect("create");
        let id = session::add_sample(&mut doc, Lang::En).expect("sample");
        doc.close().expect("close");
        id
    };
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&path).expect("read");

    let list = as_user(&["list".as_ref(), path.as_os_str()], "");
    assert!(
        list.status.success(),
        "reading works: {}",
        String::from_utf8_lossy(&list.stderr)
    );
    assert!(String::from_utf8_lossy(&list.stdout).contains("Buying an e-bike"));

    let edit = format!(r#"{{"op": "update_journey", "id": "{id}", "patch": {{"title": "x"}}}}"#);
    let apply = as_user(&["apply".as_ref(), path.as_os_str(), "-".as_ref()], &edit);
    assert!(!apply.status.success(), "the edit was refused");
    let said = String::from_utf8_lossy(&apply.stderr);
    assert!(
        said.contains("read-only") && said.contains("not saved"),
        "message: {said}"
    );
    let undo = as_user(&["undo".as_ref(), path.as_os_str()], "");
    assert!(!undo.status.success());
    assert!(String::from_utf8_lossy(&undo.stderr).contains("read-only"));
    assert_eq!(std::fs::read(&path).expect("read"), before, "unchanged");

    // In the process itself: the document says so before any edit.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let mut doc = Document::open(&path).expect("open");
    assert_eq!(doc.read_only(), None);
    doc.set_read_only(Some(store::ReadOnly::OpenElsewhere));
    let err = doc.undo().expect_err("refused");
    assert!(
        err.to_string().contains("open in another Klantreis window"),
        "{err}"
    );
    assert_eq!(
        session::ApiError::from(err).code,
        session::ErrorCode::ReadOnly
    );
    doc.set_read_only(None);
    assert!(doc.undo().is_ok());
}

/// A writable document in a folder nobody may write (here an immutable folder, which stops
/// root too): it opens read-only and lists its journeys, refuses an edit with the read-only
/// message, never calls itself damaged, and stays byte-identical.
#[test]
fn a_document_in_a_read_only_folder_opens_read_only_not_as_damaged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).expect("mkdir");
    let path = folder.join("in a locked folder #1 é.klantreis");
    let id = {
        let mut doc = Document::create(&path).expect("create");
        let id = session::add_sample(&mut doc, Lang::En).expect("sample");
        doc.close().expect("close");
        id
    };
    let title = Document::open(&path).expect("open").workspace().journeys[0]
        .meta
        .title
        .clone();
    let before = std::fs::read(&path).expect("read");
    struct Unlock<'a>(&'a std::path::Path);
    impl Drop for Unlock<'_> {
        fn drop(&mut self) {
            let _ = Command::new("chattr").arg("-i").arg(self.0).status();
        }
    }
    let locked = Command::new("chattr")
        .arg("+i")
        .arg(&folder)
        .status()
        .expect("chattr runs");
    assert!(
        locked.success(),
        "chattr +i needs root and an ext4-like file system"
    );
    let _unlock = Unlock(&folder);

    let doc = Document::open(&path).expect("opens read-only, not as damaged");
    assert_eq!(doc.read_only(), Some(klantreis::store::ReadOnly::File));
    assert!(doc.workspace().journeys.iter().any(|j| j.meta.id == id));
    drop(doc);

    let cli = env!("CARGO_BIN_EXE_klantreis");
    let list = Command::new(cli)
        .arg("list")
        .arg(&path)
        .output()
        .expect("runs");
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    assert!(String::from_utf8_lossy(&list.stdout).contains(&title));
    let edit = format!(r#"{{"op":"update_journey","id":"{id}","patch":{{"title":"X"}}}}"#);
    let mut child = Command::new(cli)
        .arg("apply")
        .arg(&path)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(edit.as_bytes()).expect("write");
    }
    let out = child.wait_with_output().expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("read-only"), "{said}");
    assert!(!said.contains("damaged"), "{said}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}
