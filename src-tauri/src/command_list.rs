//! The one list of the commands the UI may call. From it `build.rs` makes the registration
//! (`generate_handler!`) and the app manifest (a permission `allow-<name>` per command); the
//! tests in `bindings.rs` check the capability file, the generated permissions and the
//! TypeScript backend (`ui/src/engine/tauri-backend.ts`) against it, and the generated
//! `Command` type lets the TypeScript compiler reject a name that is not here.
//!
//! Each entry is the command function's path from the crate root; its last segment is the
//! name the UI invokes.

pub const COMMANDS: &[&str] = &[
    "commands::start_info",
    "commands::show",
    "commands::journey_insights",
    "commands::workshop_steps",
    "commands::list_templates",
    "commands::create_journey",
    "commands::apply_edit",
    "commands::apply_edits",
    "commands::undo",
    "commands::redo",
    "commands::set_language",
    "canvas::print_preview",
    "canvas::preflight_print",
    "canvas::export_journey",
    "canvas::reveal_export",
    "canvas::image_data",
    "canvas::pick_image",
    "compare::list_journeys",
    "compare::compare_journeys",
    "compare::compare_version",
    "compare::export_comparison",
    "compare::list_versions",
    "compare::take_version",
    "compare::restore_version",
    "compare::version_scene",
    "scan::pick_scan_photos",
    "scan::scan_photos",
    "scan::scan_accept",
    "scan::scan_cancel",
    "sync::sync_status",
    "sync::set_sync_server",
    "sync::share_journey",
    "sync::join_journey",
    "sync::merge_copy",
    "workshop::export_workshop_report",
];

/// The name the UI invokes a command by.
pub fn name(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}
