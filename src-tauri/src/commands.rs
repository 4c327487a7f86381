//! The commands of the document: start, show a view, edit, undo, redo, templates and the UI
//! language. Each takes its request, calls the core (`klantreis::session`) and answers with its
//! result or an `ApiError`; the list of commands is `command_list.rs`.
//!
//! An edit, undo or redo answers with everything the view the UI names needs
//! (`ViewUpdate`), so the UI makes one call per change.

use klantreis::analysis::workshop::WorkshopSteps;
use klantreis::analysis::Insights;
use klantreis::session::{ApiError, DocState, View, ViewUpdate};
use klantreis::templates::{self, TemplateInfo};
use klantreis::{Edit, Lang};
use serde::Serialize;
use tauri::{AppHandle, State, Wry};

use crate::chrome;
use crate::settings::{system_lang, LanguagePref};
use crate::state::AppState;

type Res<T> = Result<T, ApiError>;

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
    crate::trace::startup("start_info");
    let settings = ui_settings(&state);
    let mut inner = state.lock();
    Ok(StartInfo {
        doc: inner.session()?.doc_state()?,
        settings,
        notice: inner.startup_notice.take(),
    })
}

/// Everything `view` shows: when the UI opens a view, and after the document changed outside
/// it (the menu's undo, another document).
#[tauri::command]
pub fn show(state: State<'_, AppState>, view: View) -> Res<ViewUpdate> {
    let update = state.lock().session_mut()?.show(&view)?;
    if view == View::Home {
        // The home view paints right after this answer: the end of a cold start.
        crate::trace::startup("home");
    }
    Ok(update)
}

/// The insights of journey `id` (peak-end, funnel, evidence, fix first…), with the first
/// `safari` items of the safari list (all when absent).
// Off the main thread: it only reads, and the window keeps drawing meanwhile.
#[tauri::command(async)]
pub fn journey_insights(
    state: State<'_, AppState>,
    id: String,
    safari: Option<usize>,
) -> Res<Insights> {
    state.lock().session()?.insights(&id, safari)
}

/// How far journey `id` is with the workshop's guided steps (the workshop panel).
// Off the main thread: it only reads, and the window keeps drawing meanwhile.
#[tauri::command(async)]
pub fn workshop_steps(state: State<'_, AppState>, id: String) -> Res<WorkshopSteps> {
    state.lock().session()?.workshop(&id)
}

#[tauri::command]
pub fn list_templates(lang: Lang) -> Vec<TemplateInfo> {
    templates::list(lang)
}

/// Runs `change` on the open session, then brings the window title and menu in line.
fn change(
    app: &AppHandle<Wry>,
    state: &AppState,
    change: impl FnOnce(&mut klantreis::session::Session) -> Res<ViewUpdate>,
) -> Res<ViewUpdate> {
    let update = change(state.lock().session_mut()?)?;
    chrome::refresh(app);
    // A shared journey's edit goes to the sync server now, not at the next tick.
    crate::sync::kick(app);
    Ok(update)
}

/// A new journey from a template; `title` empty means the template's name.
#[tauri::command]
pub fn create_journey(
    app: AppHandle<Wry>,
    state: State<'_, AppState>,
    template: String,
    lang: Lang,
    title: String,
    view: View,
) -> Res<ViewUpdate> {
    change(&app, &state, |s| {
        s.create_journey(&template, lang, &title, &view)
    })
}

#[tauri::command]
pub fn apply_edit(
    app: AppHandle<Wry>,
    state: State<'_, AppState>,
    edit: Edit,
    view: View,
) -> Res<ViewUpdate> {
    change(&app, &state, |s| s.apply(&edit, &view))
}

#[tauri::command]
pub fn apply_edits(
    app: AppHandle<Wry>,
    state: State<'_, AppState>,
    edits: Vec<Edit>,
    view: View,
) -> Res<ViewUpdate> {
    change(&app, &state, |s| s.apply_group(&edits, &view))
}

#[tauri::command]
pub fn undo(app: AppHandle<Wry>, state: State<'_, AppState>, view: View) -> Res<ViewUpdate> {
    change(&app, &state, |s| s.undo(&view))
}

#[tauri::command]
pub fn redo(app: AppHandle<Wry>, state: State<'_, AppState>, view: View) -> Res<ViewUpdate> {
    change(&app, &state, |s| s.redo(&view))
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
        state.save_settings(&inner.settings);
    }
    chrome::rebuild(&app);
    ui_settings(&state)
}
