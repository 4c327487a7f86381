//! An open document as a front end works on it: every change goes in here and comes back as
//! one [`ViewUpdate`] holding all that the open view needs (what the edit did, the journey
//! detail and its new Scene), so the desktop app makes one call per edit and no follow-ups.
//! The desktop shell (`src-tauri/`) is a thin layer over this module; everything here can be
//! tested without a window.
//!
//! Invariants:
//! - A journey is laid out only when the view shows it and the change touched it (its own
//!   records, or a persona it links); edits elsewhere answer with the outcome alone.
//! - A Scene goes out whole the first time a view asks (as keyed groups, docs/scene.md), and
//!   after that as the [`SceneChange`] from the one sent before it (`base` names it): the groups
//!   the edit changed, by key, so an edit that moves one card does not ship the other 5,000
//!   again. The detail likewise goes as the records the edit's ChangeSet touched
//!   ([`DetailChange`]). Nothing is diffed item by item. A front end that does not hold `base`
//!   asks again with [`Session::show`].
//! - The first document is made in one place ([`add_sample`]), for the app and the CLI alike.

mod answer;
mod detail;
mod error;
pub mod scan;

use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};

pub use answer::{Changed, DetailChange};
pub use detail::{doc_name, export_file_name, DocState, JourneyDetail};
pub use error::{ApiError, ErrorCode};

use crate::edit::{ChangeSet, Edit, Record};
use crate::layout::Scene;
use crate::model::Lang;
use crate::overview::{self, JourneySummary};
use crate::print::{self, PrintRequest};
use crate::scene::SceneChange;
use crate::store::{Document, StoreError};
use crate::templates;

/// What the front end shows, so a change can answer with what that view needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum View {
    /// The list of journeys.
    Home,
    /// One journey on the canvas, laid out for `request` (`null`: the screen's default, the
    /// A0 landscape map that prints).
    Journey {
        id: String,
        request: Option<PrintRequest>,
    },
}

/// What an edit, undo or redo did, so the UI can select what was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditOutcome {
    /// False for an undo or redo with nothing to do, an edit that changed nothing, or a
    /// [`Session::show`].
    pub changed: bool,
    pub created: Vec<String>,
    pub journeys: Vec<String>,
    pub doc: DocState,
}

/// A journey's detail, whole or as the patch of the one sent before it (`base`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DetailUpdate {
    Full {
        rev: u32,
        detail: JourneyDetail,
    },
    Patch {
        rev: u32,
        base: u32,
        patch: DetailChange,
    },
}

/// A journey's Scene as keyed groups, whole or as the change from the one sent before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SceneUpdate {
    Full {
        rev: u32,
        scene: Scene,
        /// How long the layout took, in microseconds (for the app's benchmark).
        layout_us: u32,
    },
    Patch {
        rev: u32,
        /// The revision this change applies to.
        base: u32,
        patch: SceneChange,
        layout_us: u32,
    },
}

/// Everything the open view needs after a change (or to be shown at all).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ViewUpdate {
    pub outcome: EditOutcome,
    /// The journeys, when the view is home and they may have changed.
    pub journeys: Option<Vec<JourneySummary>>,
    /// The open journey, when it changed; absent when it did not.
    pub detail: Option<DetailUpdate>,
    /// Its Scene, when the layout changed.
    pub scene: Option<SceneUpdate>,
    /// The open journey is gone (deleted, or its creation undone): show home instead.
    pub gone: bool,
}

/// The keyed Scene last sent, the base of the next change.
struct Shown {
    journey: String,
    request: PrintRequest,
    rev: u32,
    scene: Scene,
}

/// The journey detail last sent, the base of the next detail change.
struct SentDetail {
    journey: String,
    rev: u32,
    detail: JourneyDetail,
}

/// An open document and the Scene and detail last sent for it.
pub struct Session {
    doc: Document,
    shown: Option<Shown>,
    sent: Option<SentDetail>,
    next_rev: u32,
}

/// Adds the filled sample journey and its persona (in `lang`) to `doc`; returns the
/// journey's id. What a first start shows, and `klantreis sample`.
pub fn add_sample(doc: &mut Document, lang: Lang) -> Result<String, StoreError> {
    let (journey, persona) = templates::sample(lang);
    let id = journey.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey,
        personas: vec![persona],
    })?;
    Ok(id)
}

impl Session {
    pub fn new(doc: Document) -> Session {
        Session {
            doc,
            shown: None,
            sent: None,
            next_rev: 1,
        }
    }

    /// Creates a document at `path` holding the sample journey in `lang`.
    pub fn create_with_sample(path: &Path, lang: Lang) -> Result<Session, StoreError> {
        let mut doc = Document::create(path)?;
        add_sample(&mut doc, lang)?;
        Ok(Session::new(doc))
    }

    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// The document, for what is not an edit (images, save as). Edits go through
    /// [`Session::apply`] so the view hears of them.
    pub fn doc_mut(&mut self) -> &mut Document {
        &mut self.doc
    }

    pub fn into_doc(self) -> Document {
        self.doc
    }

    pub fn doc_state(&self) -> Result<DocState, ApiError> {
        Ok(DocState::of(&self.doc)?)
    }

    /// Everything `view` shows, whole: for opening a view, and after a change the front end
    /// did not make (the menu's undo, another document). A journey that is not there is an
    /// error ([`ErrorCode::NotFound`]), not an empty view.
    pub fn show(&mut self, view: &View) -> Result<ViewUpdate, ApiError> {
        self.shown = None;
        self.sent = None;
        let mut up = self.outcome(None)?;
        match view {
            View::Home => up.journeys = Some(overview::journeys(self.doc.workspace())),
            View::Journey { id, request } => {
                if self.doc.workspace().journey(id).is_none() {
                    return Err(ApiError::no_journey(id));
                }
                self.fill(&mut up, id, request.as_ref(), None, true)?;
            }
        }
        Ok(up)
    }

    /// Applies `edit` and answers with what `view` needs.
    pub fn apply(&mut self, edit: &Edit, view: &View) -> Result<ViewUpdate, ApiError> {
        let cs = self.doc.apply(edit)?;
        self.answer(Some(cs), view)
    }

    /// Several edits as one undo step (later edits see what earlier ones made, and refer to
    /// records they create by the ids the caller gave them): "new persona" and linking it to
    /// the journey are one step for the user, so they are one step in the history.
    pub fn apply_group(&mut self, edits: &[Edit], view: &View) -> Result<ViewUpdate, ApiError> {
        let cs = self.doc.apply_group(edits, crate::store::Origin::Local)?;
        self.answer(Some(cs), view)
    }

    /// A new journey from a template; `title` empty means the template's name.
    pub fn create_journey(
        &mut self,
        template: &str,
        lang: Lang,
        title: &str,
        view: &View,
    ) -> Result<ViewUpdate, ApiError> {
        let title = title.trim();
        let journey = templates::build(template, lang, (!title.is_empty()).then_some(title))?;
        self.apply(
            &Edit::CreateJourney {
                journey,
                personas: vec![],
            },
            view,
        )
    }

    /// What the analysis says about journey `id` (`klantreis insights --json`), for the
    /// insights tab and the canvas's marks. Apart from [`Session::apply`]'s answer because it is
    /// only needed while a journey is open, and the UI asks for it after the edit's Scene is
    /// drawn, so a drop never waits for it.
    /// `safari`: how many items of the safari list to send (all when `None`).
    pub fn insights(
        &self,
        id: &str,
        safari: Option<usize>,
    ) -> Result<crate::analysis::Insights, ApiError> {
        let j = self
            .doc
            .workspace()
            .journey(id)
            .ok_or_else(|| ApiError::no_journey(id))?;
        let all = crate::analysis::insights(j);
        Ok(match safari {
            Some(n) => all.safari_shown(n),
            None => all,
        })
    }

    /// How far journey `id` is with the workshop's guided steps, for the workshop panel. Asked
    /// like [`Session::insights`], after an edit's Scene is drawn.
    pub fn workshop(&self, id: &str) -> Result<crate::analysis::workshop::WorkshopSteps, ApiError> {
        let ws = self.doc.workspace();
        let j = ws.journey(id).ok_or_else(|| ApiError::no_journey(id))?;
        let personas: Vec<crate::model::Persona> = j
            .meta
            .persona_ids
            .iter()
            .filter_map(|p| ws.persona(p).cloned())
            .collect();
        Ok(crate::analysis::workshop::steps(j, &personas))
    }

    pub fn undo(&mut self, view: &View) -> Result<ViewUpdate, ApiError> {
        let cs = self.doc.undo()?;
        self.answer(cs, view)
    }

    pub fn redo(&mut self, view: &View) -> Result<ViewUpdate, ApiError> {
        let cs = self.doc.redo()?;
        self.answer(cs, view)
    }

    fn outcome(&self, cs: Option<&ChangeSet>) -> Result<ViewUpdate, ApiError> {
        let doc = self.doc_state()?;
        let outcome = match cs {
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
        };
        Ok(ViewUpdate {
            outcome,
            journeys: None,
            detail: None,
            scene: None,
            gone: false,
        })
    }

    fn answer(&mut self, cs: Option<ChangeSet>, view: &View) -> Result<ViewUpdate, ApiError> {
        let mut up = self.outcome(cs.as_ref())?;
        let Some(cs) = cs.filter(|cs| !cs.changes.is_empty()) else {
            return Ok(up);
        };
        match view {
            View::Home => up.journeys = Some(overview::journeys(self.doc.workspace())),
            View::Journey { id, request } => {
                let touched = Touched::of(&cs, id, self.doc.workspace());
                if touched.journey || touched.persona {
                    self.fill(&mut up, id, request.as_ref(), Some(&cs), touched.journey)?;
                }
            }
        }
        Ok(up)
    }

    /// Puts journey `id`'s detail into `up`, and its Scene when `layout` asks for it: as the
    /// change `cs` made to what was sent before, or whole when there is no such base.
    fn fill(
        &mut self,
        up: &mut ViewUpdate,
        id: &str,
        request: Option<&PrintRequest>,
        cs: Option<&ChangeSet>,
        layout: bool,
    ) -> Result<(), ApiError> {
        let ws = self.doc.workspace();
        let Some(detail) = JourneyDetail::of(ws, id) else {
            // The view goes home: it needs the list.
            up.gone = true;
            up.journeys = Some(overview::journeys(ws));
            self.shown = None;
            self.sent = None;
            return Ok(());
        };
        let rev = self.next_rev;
        self.next_rev = self.next_rev.wrapping_add(1);
        let base = self.sent.take().filter(|s| s.journey == id);
        let change = base
            .zip(cs)
            .map(|(base, cs)| (base, DetailChange::of(cs, id, &detail)))
            // Most of the cards changed (a big paste, an undo of one): whole is cheaper.
            .filter(|(_, c)| c.carried() <= detail.journey.cards.len() / 2)
            // The document can change without an edit through here (a merge from the sync
            // server, read in before the front end asks again): then the edit's records alone
            // would not give what is there now.
            .filter(|(base, c)| c.apply(&base.detail) == detail);
        up.detail = Some(match change {
            Some((base, patch)) => DetailUpdate::Patch {
                rev,
                base: base.rev,
                patch,
            },
            None => DetailUpdate::Full {
                rev,
                detail: detail.clone(),
            },
        });
        self.sent = Some(SentDetail {
            journey: id.to_string(),
            rev,
            detail,
        });
        if layout {
            up.scene = Some(self.scene_update(id, request)?);
        }
        Ok(())
    }

    /// Journey `id` laid out anew, as the change from the Scene sent before (when it was sent
    /// for the same journey and request) or whole.
    fn scene_update(
        &mut self,
        id: &str,
        request: Option<&PrintRequest>,
    ) -> Result<SceneUpdate, ApiError> {
        let request = request.cloned().unwrap_or_default();
        let started = Instant::now();
        let scene = print::scene_keyed(self.doc.workspace(), id, &request)?;
        let layout_us = u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX);
        let rev = self.next_rev;
        self.next_rev = self.next_rev.wrapping_add(1);
        let base = self
            .shown
            .take()
            .filter(|s| s.journey == id && s.request == request);
        let mut groups = 0;
        scene.walk(|_| groups += 1);
        let change = base
            .map(|old| (old.rev, SceneChange::between(&old.scene, &scene)))
            // A change that carries most of the groups costs more to apply than the Scene.
            .filter(|(_, c)| c.carried() <= groups / 2);
        let update = match change {
            Some((base, patch)) => SceneUpdate::Patch {
                rev,
                base,
                patch,
                layout_us,
            },
            None => SceneUpdate::Full {
                rev,
                scene: scene.clone(),
                layout_us,
            },
        };
        self.shown = Some(Shown {
            journey: id.to_string(),
            request,
            rev,
            scene,
        });
        Ok(update)
    }
}

/// What a ChangeSet touched of the open journey.
struct Touched {
    /// The journey's own records (meta, phases, lanes, cards).
    journey: bool,
    /// Some persona: the detail lists them all; the Scene only shows the linked ones.
    persona: bool,
}

impl Touched {
    fn of(cs: &ChangeSet, id: &str, ws: &crate::model::Workspace) -> Touched {
        let mut t = Touched {
            journey: false,
            persona: false,
        };
        let linked = ws
            .journey(id)
            .map(|j| j.meta.persona_ids.clone())
            .unwrap_or_default();
        for r in cs
            .changes
            .iter()
            .flat_map(|c| [&c.before, &c.after])
            .flatten()
        {
            match r {
                Record::Persona(p) => {
                    t.persona = true;
                    // A linked persona is drawn on the map.
                    if linked.contains(&p.id) {
                        t.journey = true;
                    }
                }
                Record::Journey(j) => t.journey |= j.id == id,
                Record::Phase { journey_id, .. }
                | Record::Lane { journey_id, .. }
                | Record::Card { journey_id, .. } => t.journey |= journey_id == id,
            }
        }
        t
    }
}

#[cfg(test)]
mod tests;
