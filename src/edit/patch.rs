//! Patches: the fields of a journey, phase, lane or card that an update edit changes. Every
//! field is optional; an absent field stays as it is. Fields that may themselves be cleared
//! (`Option` in the record) are double options: absent (leave), `null` (clear), a value (set).

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::*;

/// Deserialises a field that may be absent (leave as is), `null` (clear) or a value (set).
fn double_option<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Fields of a journey to change; absent fields stay as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
// Absent fields stay as they are, so TypeScript may leave them out.
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct JourneyPatch {
    pub title: Option<String>,
    pub goal: Option<String>,
    pub scope: Option<Scope>,
    pub persona_ids: Option<Vec<String>>,
    /// The workshop's next steps (see [`JourneyMeta::next_steps`]).
    pub next_steps: Option<String>,
    pub state: Option<JourneyState>,
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub compared_with: Option<Option<String>>,
    pub language: Option<Lang>,
    pub wall_photos: Option<Vec<String>>,
    pub owner: Option<Owner>,
    /// Replaces the phases matched by hand (see [`PhaseMatch`]).
    pub phase_matches: Option<Vec<PhaseMatch>>,
    /// Replaces the answers to the review questions for the whole journey.
    pub review: Option<Review>,
    /// Sets the workshop's voting round; `null` removes it.
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub voting: Option<Option<VotingRound>>,
    /// Replaces the parking lot (open questions, decisions, actions).
    pub parking_lot: Option<ParkingLot>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
// Absent fields stay as they are, so TypeScript may leave them out.
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct PhasePatch {
    pub name: Option<String>,
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub duration: Option<Option<String>>,
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub data: Option<Option<PhaseData>>,
    /// Replaces the answers to the review questions for this phase.
    pub review: Option<Review>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
// Absent fields stay as they are, so TypeScript may leave them out.
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct LanePatch {
    pub title: Option<String>,
    pub kind: Option<LaneKind>,
    pub hint: Option<String>,
    /// `Some(None)` unties the lane from its persona.
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub persona_id: Option<Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
// Absent fields stay as they are, so TypeScript may leave them out.
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct CardPatch {
    pub text: Option<String>,
    pub colour: Option<CardColour>,
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub emotion: Option<Option<i8>>,
    pub impact: Option<bool>,
    pub validation: Option<Validation>,
    pub evidence: Option<Vec<Evidence>>,
    pub company_involved: Option<bool>,
    // Value score of an opportunity (1–5); `null` clears it. (Plain comments: the generated
    // TypeScript keeps this struct on one line.)
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<Option<u8>>,
    // Effort score of an opportunity (1–5); `null` clears it.
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub effort: Option<Option<u8>>,
    // A service blueprint's fail point on the card.
    pub fail_point: Option<bool>,
    // A service blueprint's wait point on the card.
    pub wait_point: Option<bool>,
    // The card's image (an id in the document's image store); `null` removes it.
    #[serde(
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub image: Option<Option<String>>,
    // The card was read from a photo of the wall.
    pub from_photo: Option<bool>,
    // The dots the card got in the voting round (0 clears them).
    pub votes: Option<u32>,
}
