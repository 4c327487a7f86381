// The app manifest lists our commands so each gets a permission (`allow-<name>`), and the
// capability file grants exactly the ones the UI uses.
fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "start_info",
        "doc_state",
        "list_journeys",
        "get_journey",
        "list_templates",
        "create_journey",
        "apply_edit",
        "undo",
        "redo",
        "set_language",
        "journey_scene",
        "print_preview",
        "export_journey",
        "reveal_export",
        "image_data",
        "pick_image",
    ]);
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        panic!("tauri build script: {e:#}");
    }
}
