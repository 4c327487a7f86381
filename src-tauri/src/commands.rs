//! The commands the UI calls. Each one takes its request, calls the core and maps errors to
//! [`ApiError`]; nothing here knows about journeys beyond passing them on.

use klantreis::edit::EditError;
use klantreis::overview::{self, JourneySummary};
use klantreis::templates::{self, TemplateInfo};
use klantreis::{Edit, Journey, Lang, Persona};
use serde::Serialize;
use tauri::{AppHandle, State, Wry};

use crate::settings::{system_lang, LanguagePref};
use crate::state::{self, AppState, DocState};
use crate::ApiError;

type Res<T> = Result<T, ApiError>;

/// A journey with the personas it links, for the journey view.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct JourneyDetail {
    pub journey: Journey,
    pub personas: Vec<Persona>,
    /// The document's other personas, which the journey can link (one persona often appears
    /// in the journeys of several segments), by name.
    pub others: Vec<Persona>,
}

/// What an edit, undo or redo did, so the UI can select what was made and reload what changed.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct EditOutcome {
    /// False for an undo or redo with nothing to do, or an edit that changed nothing.
    pub changed: bool,
    pub created: Vec<String>,
    pub journeys: Vec<String>,
    pub doc: DocState,
}

/// The UI language: the user's choice and what it resolves to.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct UiSettings {
    pub language: LanguagePref,
    pub system_language: Lang,
    /// The language in effect.
    pub lang: Lang,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StartInfo {
    pub doc: DocState,
    pub settings: UiSettings,
    /// Why the last document could not be reopened, once.
    pub notice: Option<ApiError>,
}

fn ui_settings(state: &AppState) -> UiSettings {
    let inner = state.lock();
    UiSettings {
        language: inner.settings.language,
        system_language: system_lang(),
        lang: inner.settings.lang(),
    }
}

#[tauri::command]
pub fn start_info(state: State<'_, AppState>) -> Res<StartInfo> {
    let settings = ui_settings(&state);
    let mut inner = state.lock();
    Ok(StartInfo {
        doc: inner.doc_state()?,
        settings,
        notice: inner.startup_notice.take(),
    })
}

#[tauri::command]
pub fn doc_state(state: State<'_, AppState>) -> Res<DocState> {
    state.lock().doc_state()
}

#[tauri::command]
pub fn list_journeys(state: State<'_, AppState>) -> Res<Vec<JourneySummary>> {
    let list = overview::journeys(state.lock().doc()?.workspace());
    // The home view paints right after this answer: the end of a cold start.
    crate::trace_startup("list_journeys");
    Ok(list)
}

#[tauri::command]
pub fn get_journey(state: State<'_, AppState>, id: String) -> Res<JourneyDetail> {
    let inner = state.lock();
    let ws = inner.doc()?.workspace();
    let journey = ws.journey(&id).cloned().ok_or_else(|| {
        ApiError::from(klantreis::StoreError::Edit(EditError::NotFound {
            kind: "journey",
            id: id.clone(),
        }))
    })?;
    let personas = journey
        .meta
        .persona_ids
        .iter()
        .filter_map(|p| ws.persona(p).cloned())
        .collect();
    let mut others: Vec<Persona> = ws
        .personas
        .iter()
        .filter(|p| !journey.meta.persona_ids.contains(&p.id))
        .cloned()
        .collect();
    others.sort_by_key(|p| p.name.to_lowercase());
    Ok(JourneyDetail {
        journey,
        personas,
        others,
    })
}

#[tauri::command]
pub fn list_templates(lang: Lang) -> Vec<TemplateInfo> {
    templates::list(lang)
}

fn outcome(
    app: &AppHandle<Wry>,
    state: &AppState,
    cs: Option<klantreis::ChangeSet>,
) -> Res<EditOutcome> {
    let doc = state.lock().doc_state()?;
    state::refresh_chrome(app);
    Ok(match cs {
        Some(cs) => EditOutcome {
            changed: !cs.changes.is_empty(),
            created: cs.created_ids(),
            journeys: cs.journey_ids(),
            doc,
        },
        None => EditOutcome {
            changed: false,
            created: vec![],
            journeys: vec![],
            doc,
        },
    })
}

/// A new journey from a template; `title` empty means the template's name.
#[tauri::command]
pub fn create_journey(
    app: AppHandle<Wry>,
    state: State<'_, AppState>,
    template: String,
    lang: Lang,
    title: String,
) -> Res<EditOutcome> {
    let title = title.trim();
    let journey = templates::build(&template, lang, (!title.is_empty()).then_some(title))
        .map_err(|e| ApiError::new("unknown_template", e.to_string()))?;
    let cs = state.lock().doc_mut()?.apply(&Edit::CreateJourney {
        journey,
        personas: vec![],
    })?;
    outcome(&app, &state, Some(cs))
}

#[tauri::command]
pub fn apply_edit(app: AppHandle<Wry>, state: State<'_, AppState>, edit: Edit) -> Res<EditOutcome> {
    let cs = state.lock().doc_mut()?.apply(&edit)?;
    outcome(&app, &state, Some(cs))
}

/// Undo (or redo) on the open document; shared with the Edit menu.
pub fn step(state: &AppState, undo: bool) -> Res<Option<klantreis::ChangeSet>> {
    let mut inner = state.lock();
    let doc = inner.doc_mut()?;
    Ok(if undo { doc.undo()? } else { doc.redo()? })
}

#[tauri::command]
pub fn undo(app: AppHandle<Wry>, state: State<'_, AppState>) -> Res<EditOutcome> {
    let cs = step(&state, true)?;
    outcome(&app, &state, cs)
}

#[tauri::command]
pub fn redo(app: AppHandle<Wry>, state: State<'_, AppState>) -> Res<EditOutcome> {
    let cs = step(&state, false)?;
    outcome(&app, &state, cs)
}

#[tauri::command]
pub fn set_language(
    app: AppHandle<Wry>,
    state: State<'_, AppState>,
    language: LanguagePref,
) -> UiSettings {
    {
        let mut inner = state.lock();
        inner.settings.language = language;
        state::save_settings(&state, &inner.settings);
    }
    crate::menu::rebuild(&app);
    state::refresh_chrome(&app);
    ui_settings(&state)
}

/// The command names, for the app manifest in `build.rs` and the capability file; a test
/// keeps the three lists in step.
#[cfg(test)]
pub const NAMES: &[&str] = &[
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
];
