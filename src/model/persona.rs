//! Personas: who walks the journey. A persona is a workspace record of its own, linked from
//! journeys by id (`JourneyMeta::persona_ids`), so several journeys can share one.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A stakeholder's role in a B2B journey (several people decide together there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum B2bRole {
    DecisionMaker,
    User,
    Buyer,
    Influencer,
    Gatekeeper,
    Initiator,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub segment: String,
    #[serde(default)]
    pub customer_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b2b_role: Option<B2bRole>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub frustrations: Vec<String>,
    /// Id of an image in the document (or in the interchange file's `images`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
}
