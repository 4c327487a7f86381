//! The TypeScript declarations of every type that crosses the IPC boundary, generated from the
//! Rust types with ts-rs into `ui/src/generated/types.ts`. The test below fails when that file
//! is stale; `make types` rewrites it.

#[cfg(test)]
use ts_rs::{Config, TS};

#[cfg(test)]
pub fn typescript() -> String {
    use klantreis::edit::{CardPatch, JourneyPatch, LanePatch, PhasePatch};
    use klantreis::*;
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by `make types` (src-tauri/src/bindings.rs). Do not edit.\n\n",
    );
    macro_rules! decl {
        ($($t:ty),* $(,)?) => {
            $(
                out.push_str("export ");
                out.push_str(&<$t as TS>::decl(&cfg));
                out.push_str("\n\n");
            )*
        };
    }
    decl!(
        Lang,
        B2bRole,
        Persona,
        JourneyState,
        Scope,
        PhaseData,
        Phase,
        LaneKind,
        Lane,
        CardColour,
        Validation,
        EvidenceSource,
        Evidence,
        Card,
        JourneyMeta,
        Journey,
        JourneyPatch,
        PhasePatch,
        LanePatch,
        CardPatch,
        Edit,
        templates::TemplateInfo,
        overview::JourneySummary,
        crate::ApiError,
        crate::state::DocState,
        crate::settings::LanguagePref,
        crate::commands::JourneyDetail,
        crate::commands::EditOutcome,
        crate::commands::UiSettings,
        crate::commands::StartInfo,
        layout::Mm,
        layout::Pt,
        layout::Point,
        layout::Rect,
        layout::RecordKind,
        layout::RecordRef,
        layout::Stroke,
        layout::TextLine,
        layout::TextRole,
        layout::Seg,
        layout::Item,
        layout::Region,
        layout::Warning,
        layout::Scene,
        layout::Paper,
        layout::Orientation,
        print::Format,
        print::PrintRequest,
        print::PrintPreview,
        crate::canvas::ExportProgress,
        crate::canvas::ExportDone,
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/generated/types.ts");

    #[test]
    fn generated_types_are_fresh() {
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_TYPES").is_some() {
            std::fs::write(PATH, &fresh).expect("writes the bindings");
            return;
        }
        let stored = std::fs::read_to_string(PATH).unwrap_or_default();
        assert!(
            stored == fresh,
            "ui/src/generated/types.ts is stale: run `make types` and commit the result"
        );
    }

    #[test]
    fn every_command_has_a_permission() {
        let cap = include_str!("../capabilities/main.json");
        let build = include_str!("../build.rs");
        for name in crate::commands::NAMES {
            assert!(
                cap.contains(&format!("\"allow-{}\"", name.replace('_', "-"))),
                "capabilities/main.json does not allow {name}"
            );
            assert!(
                build.contains(&format!("\"{name}\"")),
                "build.rs does not list {name}"
            );
        }
    }
}
