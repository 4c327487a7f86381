//! What the CSV and Mermaid imports share: a journey in memory that cards are added to by the
//! *names* of their phase and lane ([`Fill`]), and the one step that commits it to the
//! document ([`commit`]).
//!
//! Invariants:
//! - Names and texts are cleaned by the text rule first ([`crate::model::text`]: a name is one
//!   line), the same rule the store applies to what it writes, so a name is compared as it will
//!   be stored.
//! - A phase or lane is found by its name, trimmed and without regard to case; a name the
//!   journey does not have yet becomes a new phase or lane at the end, in the order the names
//!   first appear. (Mermaid's sections are a sequence: each is a new phase, `Fill::new_phase`.) A new lane's kind is read from its title when it is one of the templates'
//!   standard titles (in Dutch or English), else it is a custom lane.
//! - Cards are appended to their cell after the cards already there, in input order.
//! - An import is one undoable step: a new journey is one `CreateJourney` edit, and cards added
//!   to an existing journey are the [`crate::edit::diff`] of before and after, committed as one
//!   ChangeSet. Both are recorded with [`Origin::Import`].

use crate::edit::Edit;
use crate::model::ids::new_id;
use crate::model::text::{multi_line, single_line};
use crate::model::{order, Card, Journey, JourneyMeta, Lane, LaneKind, Lang, Persona, Phase};
use crate::store::{Document, Origin, StoreError};

/// A journey being filled by an import.
pub struct Fill {
    pub journey: Journey,
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Fill {
    /// An empty new journey (no phases, lanes or cards) titled `title`, in `lang`.
    pub fn new_journey(title: &str, lang: Lang) -> Fill {
        Fill {
            journey: Journey {
                meta: JourneyMeta {
                    id: new_id("journey"),
                    title: single_line(title).into_owned(),
                    language: lang,
                    version: 1,
                    ..Default::default()
                },
                ..Default::default()
            },
        }
    }

    /// Fills a copy of an existing journey.
    pub fn existing(j: &Journey) -> Fill {
        Fill { journey: j.clone() }
    }

    /// The id of the phase named `name`, added at the end when the journey has none.
    pub fn phase(&mut self, name: &str) -> String {
        let name = &*single_line(name);
        if let Some(p) = self.journey.phases.iter().find(|p| same(&p.name, name)) {
            return p.id.clone();
        }
        self.new_phase(name)
    }

    /// A new phase named `name` at the end, even when the journey has one of that name: for a
    /// format whose phases are a sequence rather than names (Mermaid's sections).
    pub fn new_phase(&mut self, name: &str) -> String {
        let name = &*single_line(name);
        let last = self.journey.phases.last().map(|p| p.order.as_str());
        let p = Phase {
            id: new_id("phase"),
            order: order::after(last),
            name: name.trim().to_string(),
            duration: None,
            // A phase added to a data-driven journey tracks data like its siblings.
            data: self
                .journey
                .phases
                .iter()
                .any(|p| p.data.is_some())
                .then(Default::default),
            review: Default::default(),
        };
        let id = p.id.clone();
        self.journey.phases.push(p);
        id
    }

    /// The id of the lane titled `title`, added at the end when the journey has none; its
    /// kind is `kind`, or read from the title (see the module docs).
    pub fn lane(&mut self, title: &str, kind: Option<LaneKind>) -> String {
        let title = &*single_line(title);
        if let Some(l) = self.journey.lanes.iter().find(|l| same(&l.title, title)) {
            return l.id.clone();
        }
        let kind = kind
            .or_else(|| crate::templates::kind_of_title(title))
            .unwrap_or(LaneKind::Custom);
        let hint = crate::templates::standard_lane(kind, self.journey.meta.language)
            .filter(|(t, _)| same(t, title))
            .map(|(_, h)| h.to_string())
            .unwrap_or_default();
        let last = self.journey.lanes.last().map(|l| l.order.as_str());
        let l = Lane {
            id: new_id("lane"),
            order: order::after(last),
            kind,
            title: title.trim().to_string(),
            hint,
            persona_id: None,
        };
        let id = l.id.clone();
        self.journey.lanes.push(l);
        id
    }

    /// Appends a card with `text` to the cell (`phase_id`, `lane_id`), in its lane's colour;
    /// returns it so the caller can set the rest.
    pub fn card(&mut self, phase_id: &str, lane_id: &str, text: &str) -> &mut Card {
        let last = self
            .journey
            .cell_cards(phase_id, lane_id)
            .map(|c| c.order.as_str())
            .max()
            .map(str::to_string);
        let mut c = Card::new(
            new_id("card"),
            phase_id.to_string(),
            lane_id.to_string(),
            order::after(last.as_deref()),
            multi_line(text).into_owned(),
        );
        if let Some(l) = self.journey.lane(lane_id) {
            c.colour = l.kind.default_colour();
        }
        self.journey.cards.push(c);
        let n = self.journey.cards.len() - 1;
        &mut self.journey.cards[n]
    }
}

/// Commits a filled journey as one undoable step (see the module docs): a new journey with
/// the `personas` it brings, or the changes to journey `before`. Returns the journey's id.
pub fn commit(
    doc: &mut Document,
    before: Option<&Journey>,
    mut fill: Fill,
    personas: Vec<Persona>,
) -> Result<String, StoreError> {
    fill.journey.sort();
    let id = fill.journey.meta.id.clone();
    match before {
        None => {
            doc.apply_as(
                &Edit::CreateJourney {
                    journey: fill.journey,
                    personas,
                },
                Origin::Import,
            )?;
        }
        Some(b) => {
            // A diff makes `b` exactly what it is given, so the new version is set here.
            fill.journey.meta.version = b.meta.version + 1;
            fill.journey.meta.updated = crate::model::ids::now_rfc3339();
            let cs = crate::edit::diff(b, &fill.journey);
            doc.apply_changes(&cs, "import", Origin::Import)?;
        }
    }
    Ok(id)
}
