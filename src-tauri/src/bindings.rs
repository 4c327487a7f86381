//! The TypeScript side of the IPC boundary, kept in step with the Rust side by tests:
//! - `ui/src/generated/types.ts`: every type that crosses the boundary, generated with ts-rs,
//!   and `Command`, the names of `command_list.rs`. The test fails when the file is stale;
//!   `make types` rewrites it.
//! - the capability file, the generated permissions and the UI's Tauri backend each name
//!   every command of `command_list.rs` and no other (a test per file).

#[cfg(test)]
use ts_rs::{Config, TS};

#[cfg(test)]
pub fn typescript() -> String {
    use klantreis::edit::{CardPatch, JourneyPatch, LanePatch, PhasePatch};
    use klantreis::session;
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
        Owner,
        PhaseMatch,
        Link,
        Review,
        PhaseData,
        Phase,
        LaneKind,
        Lane,
        CardColour,
        Validation,
        EvidenceSource,
        Evidence,
        Card,
        VotingRound,
        OpenQuestion,
        Decision,
        Action,
        ParkingLot,
        JourneyMeta,
        Journey,
        JourneyPatch,
        PhasePatch,
        LanePatch,
        CardPatch,
        Edit,
        templates::TemplateInfo,
        overview::JourneySummary,
        analysis::WarningCode,
        analysis::Warning,
        analysis::emotion::Moment,
        analysis::emotion::Fall,
        analysis::emotion::PhaseEmotion,
        analysis::emotion::CurveFigures,
        analysis::emotion::LaneCurve,
        analysis::EmotionInsights,
        analysis::impact::CurveMark,
        analysis::impact::Flagged,
        analysis::impact::Suggestion,
        analysis::ImpactInsights,
        analysis::pain::PhasePain,
        analysis::PainInsights,
        analysis::funnel::PhaseFunnel,
        analysis::funnel::Loss,
        analysis::funnel::ConversionDetail,
        analysis::funnel::Unreadable,
        analysis::Funnel,
        analysis::compare::PhaseRef,
        analysis::compare::EmotionSide,
        analysis::compare::CardRef,
        analysis::compare::MatchedBy,
        analysis::compare::FunnelPair,
        analysis::compare::PhaseComparison,
        analysis::compare::Measure,
        analysis::compare::Change,
        analysis::compare::Comparison,
        analysis::evidence::Counts,
        analysis::evidence::PhaseEvidence,
        analysis::evidence::LaneEvidence,
        analysis::EvidenceInsights,
        analysis::evidence::SafariPriority,
        analysis::SafariItem,
        analysis::opportunities::Quadrant,
        analysis::opportunities::Opportunity,
        analysis::Matrix,
        analysis::fix_first::FixKind,
        analysis::FixItem,
        analysis::VotedCard,
        analysis::VoteInsights,
        analysis::Insights,
        analysis::workshop::StepId,
        analysis::workshop::Gap,
        analysis::workshop::Step,
        analysis::workshop::WorkshopSteps,
        session::ErrorCode,
        session::ApiError,
        store::ReadOnly,
        session::DocState,
        session::JourneyDetail,
        session::EditOutcome,
        session::View,
        scene::Key,
        scene::Fit,
        scene::Group,
        scene::Node,
        scene::Placed,
        scene::SceneChange,
        session::SceneUpdate,
        session::Changed<Phase>,
        session::DetailChange,
        session::DetailUpdate,
        session::ViewUpdate,
        scan::FoundNote,
        scan::GoneCard,
        scan::apply::NoteChoice,
        scan::preview::ReviewPhoto,
        session::scan::ScanReview,
        crate::settings::LanguagePref,
        crate::commands::UiSettings,
        crate::commands::StartInfo,
        crate::sync::SyncStatus,
        crate::sync::SyncRefusal,
        crate::sync::RefusalReason,
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
        klantreis::export::pdf::PrintShop,
        klantreis::preflight::Report,
        klantreis::preflight::Finding,
        print::PrintPreview,
        print::StepTime,
        print::WorkshopReportRequest,
        crate::canvas::ExportProgress,
        crate::canvas::ExportDone,
        store::SnapshotInfo,
    );
    let names: Vec<String> = crate::command_list::COMMANDS
        .iter()
        .map(|p| format!("\"{}\"", crate::command_list::name(p)))
        .collect();
    out.push_str("/** The commands the UI may call (src-tauri/src/command_list.rs). */\n");
    out.push_str(&format!("export type Command = {};\n", names.join(" | ")));
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::command_list::{name, COMMANDS};

    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/generated/types.ts");

    fn names() -> BTreeSet<String> {
        COMMANDS.iter().map(|p| name(p).to_string()).collect()
    }

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

    /// The `allow-…` permissions of the capability file are exactly the commands' own.
    fn allowed(capability: &str) -> BTreeSet<String> {
        let cap: serde_json::Value = serde_json::from_str(capability).expect("capability JSON");
        cap["permissions"]
            .as_array()
            .expect("a permissions list")
            .iter()
            .filter_map(|p| p.as_str())
            .filter_map(|p| p.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect()
    }

    #[test]
    fn the_capability_file_allows_every_command_and_no_other() {
        let granted = allowed(include_str!("../capabilities/main.json"));
        let names = names();
        let missing: Vec<_> = names.difference(&granted).collect();
        let stale: Vec<_> = granted.difference(&names).collect();
        assert!(
            missing.is_empty(),
            "capabilities/main.json does not allow {missing:?}"
        );
        assert!(
            stale.is_empty(),
            "capabilities/main.json allows commands that are gone: {stale:?}"
        );
        // The check itself: a capability file without a command fails it.
        let without = include_str!("../capabilities/main.json").replace("\"allow-undo\",", "");
        assert!(!allowed(&without).contains("undo"));
    }

    #[test]
    fn every_command_has_a_generated_permission_and_no_other() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/permissions/autogenerated");
        let files: BTreeSet<String> = std::fs::read_dir(dir)
            .expect("permissions/autogenerated")
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".toml").map(str::to_string)
            })
            .collect();
        assert_eq!(
            files,
            names(),
            "permissions/autogenerated follows command_list.rs (a build writes new ones; delete the files of removed commands)"
        );
    }

    /// The command names the UI's Tauri backend invokes.
    fn invoked(backend: &str) -> BTreeSet<String> {
        backend
            .split("call(")
            .skip(1)
            .filter_map(|rest| {
                let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
                rest[1..].split(quote).next().map(str::to_string)
            })
            .collect()
    }

    #[test]
    fn the_typescript_backend_calls_every_command_and_no_other() {
        let backend = include_str!("../../ui/src/engine/tauri-backend.ts");
        let called = invoked(backend);
        let names = names();
        let missing: Vec<_> = names.difference(&called).collect();
        let unknown: Vec<_> = called.difference(&names).collect();
        assert!(
            missing.is_empty(),
            "ui/src/engine/tauri-backend.ts never calls {missing:?}"
        );
        assert!(
            unknown.is_empty(),
            "ui/src/engine/tauri-backend.ts calls commands that do not exist: {unknown:?}"
        );
        let without = backend.replace("call('undo'", "call_('undo'");
        assert!(
            !invoked(&without).contains("undo"),
            "the check sees a missing call"
        );
    }
}
