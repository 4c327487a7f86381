//! The notes a user accepted become cards: their crops and the photos are stored as images, and
//! one group of edits sets the votes of the notes already on the map (a wall read again), adds
//! the other notes as cards (each in its cell after the cards already there, with its
//! colour, text and crop, marked as coming from the photo) and keeps the photos as the journey's
//! wall photos. The group is one undo step; undoing it removes every card and wall photo it
//! added (the image bytes stay in the store, as every image does: no edit deletes one).

use serde::{Deserialize, Serialize};

use super::FoundNote;
use crate::edit::{CardPatch, ChangeSet, Edit, JourneyPatch};
use crate::model::ids::new_id;
use crate::model::CardColour;
use crate::store::{Document, Origin, StoreError};

/// The user's word on one found note in the review: where it goes and what it says. Notes the
/// user dropped are simply not in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoteChoice {
    /// The [`FoundNote::id`] of the scan.
    pub id: String,
    pub phase_id: String,
    pub lane_id: String,
    pub colour: CardColour,
    pub text: String,
    /// The dot stickers (votes) the user kept for the note: they become the card's votes.
    #[serde(default)]
    pub dots: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("no journey with id {0:?}")]
    NoJourney(String),
    #[error("no note {0:?} in this scan (scan the photo again)")]
    NoNote(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The found notes with the user's choices applied, in the order of `choices`: their cell,
/// colour and text from the choice, their crop and outline from the scan.
pub fn accepted(found: &[FoundNote], choices: &[NoteChoice]) -> Result<Vec<FoundNote>, ApplyError> {
    choices
        .iter()
        .map(|c| {
            let mut n = found
                .iter()
                .find(|n| n.id == c.id)
                .cloned()
                .ok_or_else(|| ApplyError::NoNote(c.id.clone()))?;
            n.phase_id = c.phase_id.clone();
            n.lane_id = c.lane_id.clone();
            n.colour = c.colour;
            n.text = c.text.trim().to_string();
            n.dots = c.dots;
            Ok(n)
        })
        .collect()
}

/// Stores the notes' crops and the photos as images and returns the one group of edits that
/// adds the cards and the wall photos; apply it with `Document::apply_group` or
/// `Session::apply_group`. Images are stored first because edits only refer to them.
pub fn edits(
    doc: &mut Document,
    journey_id: &str,
    notes: &[FoundNote],
    photos: &[&[u8]],
) -> Result<Vec<Edit>, ApplyError> {
    let journey = doc
        .workspace()
        .journey(journey_id)
        .ok_or_else(|| ApplyError::NoJourney(journey_id.to_string()))?;
    let mut wall = journey.meta.wall_photos.clone();
    let votes: Vec<(String, u32)> = journey
        .cards
        .iter()
        .map(|c| (c.id.clone(), c.votes))
        .collect();
    let mut out = Vec::with_capacity(notes.len() * 2 + 1);
    for n in notes {
        // A note already on the map (`super::again`) adds no card: its dots, as kept in the
        // review, become that card's votes. When the card was deleted since the scan, the
        // note is added as a new one rather than lost.
        if let Some((card, had)) = n
            .card_id
            .as_deref()
            .and_then(|id| votes.iter().find(|(c, _)| c == id))
        {
            if *had != n.dots {
                out.push(Edit::UpdateCard {
                    id: card.clone(),
                    patch: CardPatch {
                        votes: Some(n.dots),
                        ..CardPatch::default()
                    },
                });
            }
            continue;
        }
        let id = new_id("card");
        out.push(Edit::AddCard {
            journey_id: journey_id.to_string(),
            phase_id: n.phase_id.clone(),
            lane_id: n.lane_id.clone(),
            text: n.text.clone(),
            colour: Some(n.colour),
            // After the cards already in the cell, in the order the notes came.
            before: None,
            id: Some(id.clone()),
        });
        let image = if n.crop_png.is_empty() {
            None
        } else {
            Some(doc.add_image("image/png", &n.crop_png)?)
        };
        out.push(Edit::UpdateCard {
            id,
            patch: CardPatch {
                image: image.map(Some),
                from_photo: Some(true),
                // The dot stickers counted on the note (and kept in the review) are its votes.
                votes: (n.dots > 0).then_some(n.dots),
                ..CardPatch::default()
            },
        });
    }
    let before = wall.len();
    for p in photos {
        let img = doc.add_image("", p)?;
        if !wall.contains(&img) {
            wall.push(img);
        }
    }
    if wall.len() != before {
        out.push(Edit::UpdateJourney {
            id: journey_id.to_string(),
            patch: JourneyPatch {
                wall_photos: Some(wall),
                ..JourneyPatch::default()
            },
        });
    }
    Ok(out)
}

/// [`edits`], applied to `doc` as one undo step (the command line's path; the app goes through
/// its session so the view hears of it).
pub fn apply(
    doc: &mut Document,
    journey_id: &str,
    notes: &[FoundNote],
    photos: &[&[u8]],
) -> Result<ChangeSet, ApplyError> {
    let group = edits(doc, journey_id, notes, photos)?;
    if group.is_empty() {
        return Ok(ChangeSet::default());
    }
    Ok(doc.apply_group(&group, Origin::Local)?)
}
