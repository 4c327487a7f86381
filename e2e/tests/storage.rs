//! Where the document lives refuses writes (issue 14, part 4), end to end:
//! - a writable file in a folder nobody may write (an immutable folder, which stops root too,
//!   as a locked share or a read-only mount would) opens read-only with the banner, shows its
//!   journeys, refuses an edit with a message, and stays byte-identical;
//! - the disk fills up while the document is open: the edit is refused with "the disk is
//!   full", nothing claims to be saved, what was saved stays, and once there is room again the
//!   same edit saves.
//!
//! Both need root (an immutable folder, a small tmpfs mounted for the test), as CI has. See
//! docs/reliability.md.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const SAMPLE_EN: &str = "Buying an e-bike at Fietsplezier";

/// Takes the immutable flag off the folder again, however the test ends.
struct Unlock<'a>(&'a Path);

impl Drop for Unlock<'_> {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(self.0).status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_in_a_read_only_folder_opens_read_only_with_a_banner() -> Res {
    retry_on_hang(
        "a_document_in_a_read_only_folder_opens_read_only_with_a_banner",
        a_document_in_a_read_only_folder_opens_read_only_with_a_banner_once,
    )
    .await
}

/// One run of [`a_document_in_a_read_only_folder_opens_read_only_with_a_banner`].
async fn a_document_in_a_read_only_folder_opens_read_only_with_a_banner_once() -> Res {
    let data = tempfile::tempdir()?;
    let folder = data.path().join("locked");
    std::fs::create_dir(&folder)?;
    let doc = folder.join("Workshop.klantreis");
    run(Command::new(cli())
        .arg("sample")
        .arg(&doc)
        .args(["--lang", "en"]))?;
    // The app opens its last document on start.
    std::fs::write(
        data.path().join("settings.json"),
        serde_json::to_vec(&serde_json::json!({ "last_document": doc }))?,
    )?;
    let before = std::fs::read(&doc)?;
    let locked = Command::new("chattr").arg("+i").arg(&folder).status()?;
    assert!(
        locked.success(),
        "chattr +i needs root on an ext4-like file system"
    );
    let _unlock = Unlock(&folder);

    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.wait_titles(&[SAMPLE_EN]).await?;
    let banner = app.wait_for("[data-testid='read-only-banner']").await?;
    let text = banner.text().await?;
    assert!(text.contains("“Workshop”"), "banner: {text}");
    assert!(text.contains("read-only"), "banner: {text}");
    app.shot("read-only-01-folder.png").await?;

    // An edit is refused with a message, and nothing changes.
    app.wait_for("[data-testid='undo']").await?.click().await?;
    let toast = app.wait_for("[data-testid='toast']").await?;
    let said = toast.text().await?;
    assert!(said.contains("read-only"), "toast: {said}");
    app.quit().await?;
    assert_eq!(
        std::fs::read(&doc)?,
        before,
        "the document is byte-identical"
    );
    Ok(())
}

/// Unmounts the test's small file system again, however the test ends.
struct Unmount(std::path::PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// The journeys' titles in `doc`, read through the command-line tool.
fn titles(doc: &Path) -> Res<Vec<String>> {
    let list = run(Command::new(cli()).arg("list").arg(doc))?;
    Ok(list
        .lines()
        .filter_map(|l| l.split('\t').nth(1).map(str::to_string))
        .collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_the_edit_with_a_message_and_loses_nothing() -> Res {
    retry_on_hang(
        "a_full_disk_refuses_the_edit_with_a_message_and_loses_nothing",
        a_full_disk_refuses_the_edit_with_a_message_and_loses_nothing_once,
    )
    .await
}

/// One run of [`a_full_disk_refuses_the_edit_with_a_message_and_loses_nothing`].
async fn a_full_disk_refuses_the_edit_with_a_message_and_loses_nothing_once() -> Res {
    let data = tempfile::tempdir()?;
    let disk = data.path().join("small-disk");
    std::fs::create_dir(&disk)?;
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(&disk)
        .status()?;
    assert!(mounted.success(), "mounting a tmpfs needs root");
    let _unmount = Unmount(disk.clone());
    let doc = disk.join("Workshop.klantreis");
    run(Command::new(cli())
        .arg("sample")
        .arg(&doc)
        .args(["--lang", "en"]))?;
    std::fs::write(
        data.path().join("settings.json"),
        serde_json::to_vec(&serde_json::json!({ "last_document": doc }))?,
    )?;
    let app = App::start(data.path(), "en_GB.UTF-8").await?;
    app.wait_titles(&[SAMPLE_EN]).await?;

    // Fill the disk to the last byte.
    let filler = disk.join("filler");
    let _ = Command::new("dd")
        .args(["if=/dev/zero", "bs=4k"])
        .arg(format!("of={}", filler.display()))
        .stderr(std::process::Stdio::null())
        .status()?;
    // The undo of the sample's creation removes the whole journey: far more than any room
    // left in the write-ahead log.
    app.wait_for("[data-testid='undo']").await?.click().await?;
    let toast = app.wait_for("[data-testid='toast']").await?;
    let said = toast.text().await?;
    assert!(said.contains("disk is full"), "toast: {said}");
    app.shot("storage-02-disk-full.png").await?;
    // Nothing claims the change was saved: the journey is still listed, in the app and in
    // the file.
    app.wait_titles(&[SAMPLE_EN]).await?;
    assert_eq!(titles(&doc)?, vec![SAMPLE_EN.to_string()]);

    // Room again: the same edit saves.
    std::fs::remove_file(&filler)?;
    app.wait_for("[data-testid='undo']").await?.click().await?;
    let deadline = std::time::Instant::now() + TIMEOUT;
    while !titles(&doc)?.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the undo never reached the file"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.quit().await?;
    // The file opens whole after all that, with the undo in it.
    assert!(titles(&doc)?.is_empty());
    Ok(())
}
