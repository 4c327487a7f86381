//! Registers the app's commands from the one list in `src/command_list.rs`: the app manifest
//! gives each a permission (`allow-<name>`, granted in `capabilities/main.json`), and
//! `$OUT_DIR/handler.rs` is the `generate_handler!` call that `main.rs` includes.

#[path = "src/command_list.rs"]
mod command_list;

use std::path::PathBuf;

fn main() {
    let names: Vec<&str> = command_list::COMMANDS
        .iter()
        .map(|p| command_list::name(p))
        .collect();
    let handler = format!(
        "::tauri::generate_handler![{}]",
        command_list::COMMANDS
            .iter()
            .map(|p| format!("crate::{p}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = std::fs::write(out.join("handler.rs"), handler) {
        panic!("writing the command handler: {e}");
    }
    println!("cargo:rerun-if-changed=src/command_list.rs");
    // The manifest keeps the names for the whole build: a build script may leak.
    let manifest = tauri_build::AppManifest::new().commands(names.leak());
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        panic!("tauri build script: {e:#}");
    }
}
