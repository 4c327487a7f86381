//! A document the app may not write (issue 14, part 4), end to end: a writable file in a folder
//! nobody may write (an immutable folder, which stops root too, as a locked share or a
//! read-only mount would) opens read-only with the banner, shows its journeys, refuses an edit
//! with a message, and stays byte-identical. See docs/reliability.md.

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
