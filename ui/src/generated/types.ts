// Generated from the Rust types by `make types` (src-tauri/src/bindings.rs). Do not edit.

export type Lang = "nl" | "en";

export type B2bRole = "decision_maker" | "user" | "buyer" | "influencer" | "gatekeeper" | "initiator";

export type Persona = { id: string, name: string, segment: string, customer_type: string, b2b_role?: B2bRole | null, description: string, goals: Array<string>, frustrations: Array<string>, 
/**
 * Id of an image in the document (or in the interchange file's `images`).
 */
photo?: string | null, };

export type JourneyState = "as_is" | "to_be";

export type Scope = { 
/**
 * Where the journey starts ("ziet een advertentie").
 */
start: string, 
/**
 * Where it ends ("beveelt ons aan").
 */
end: string, };

export type PhaseData = { 
/**
 * How many customers enter this phase (per period the team chooses).
 */
customers?: number | null, 
/**
 * Share of those customers that drop out in this phase, 0 … 100.
 */
drop_off_pct?: number | null, 
/**
 * Throughput time as the team says it ("3 dagen", "2 weeks").
 */
throughput?: string | null, };

export type Phase = { id: string, order: string, name: string, 
/**
 * Free text, e.g. "2 weken".
 */
duration?: string | null, 
/**
 * Present when the phase tracks data (the data-driven template sets it).
 */
data?: PhaseData | null, };

export type LaneKind = "actions" | "touchpoints" | "channels" | "thoughts" | "feelings" | "pain_points" | "opportunities" | "impact_moments" | "backstage" | "data" | "custom";

export type Lane = { id: string, order: string, kind: LaneKind, title: string, 
/**
 * The prompt shown faintly in empty cells ("Wat denkt de klant?").
 */
hint: string, };

export type CardColour = "yellow" | "orange" | "pink" | "purple" | "blue" | "green" | "grey";

export type Validation = "assumption" | "validated" | "refuted";

export type EvidenceSource = "interview" | "experiment" | "feedback" | "data";

export type Evidence = { source: EvidenceSource, note: string, };

export type Card = { id: string, phase_id: string, lane_id: string, order: string, text: string, colour: CardColour, 
/**
 * −2 … +2; cards with an emotion form the emotion curve.
 */
emotion?: number | null, 
/**
 * An impact moment (moment of truth).
 */
impact?: boolean | undefined, validation: Validation, evidence?: Array<Evidence> | undefined, 
/**
 * False for touchpoints where the company plays no part (a review site, a friend).
 */
company_involved?: boolean | undefined, };

export type JourneyMeta = { id: string, title: string, goal: string, scope: Scope, persona_ids: Array<string>, state: JourneyState, compared_with?: string | null, language: Lang, 
/**
 * Template the journey was made from, if any.
 */
template?: string | null, 
/**
 * Photos of the physical wall (image ids).
 */
wall_photos?: Array<string> | undefined, 
/**
 * Bumped by every edit to the journey or its records; printed on exports so stale
 * prints can be recognised.
 */
version: number, 
/**
 * RFC 3339 time of the last change.
 */
updated: string, };

export type Journey = { phases: Array<Phase>, lanes: Array<Lane>, cards: Array<Card>, id: string, title: string, goal: string, scope: Scope, persona_ids: Array<string>, state: JourneyState, compared_with?: string | null, language: Lang, 
/**
 * Template the journey was made from, if any.
 */
template?: string | null, 
/**
 * Photos of the physical wall (image ids).
 */
wall_photos?: Array<string> | undefined, 
/**
 * Bumped by every edit to the journey or its records; printed on exports so stale
 * prints can be recognised.
 */
version: number, 
/**
 * RFC 3339 time of the last change.
 */
updated: string, };

export type JourneyPatch = { title?: string, goal?: string, scope?: Scope, persona_ids?: Array<string>, state?: JourneyState, compared_with?: string | null, language?: Lang, wall_photos?: Array<string>, };

export type PhasePatch = { name?: string, duration?: string | null, data?: PhaseData | null, };

export type LanePatch = { title?: string, kind?: LaneKind, hint?: string, };

export type CardPatch = { text?: string, colour?: CardColour, emotion?: number | null, impact?: boolean, validation?: Validation, evidence?: Array<Evidence>, company_involved?: boolean, };

export type Edit = { "op": "create_persona", persona: Persona, } | { "op": "update_persona", persona: Persona, } | { "op": "delete_persona", id: string, } | { "op": "create_journey", journey: Journey, personas: Array<Persona>, } | { "op": "update_journey", id: string, patch: JourneyPatch, } | { "op": "duplicate_journey", id: string, title: string, new_id: string | null, } | { "op": "delete_journey", id: string, } | { "op": "add_phase", journey_id: string, name: string, before: string | null, id: string | null, } | { "op": "update_phase", id: string, patch: PhasePatch, } | { "op": "move_phase", id: string, before: string | null, } | { "op": "delete_phase", id: string, } | { "op": "add_lane", journey_id: string, kind: LaneKind, title: string, hint: string, before: string | null, id: string | null, } | { "op": "update_lane", id: string, patch: LanePatch, } | { "op": "move_lane", id: string, before: string | null, } | { "op": "delete_lane", id: string, } | { "op": "add_card", journey_id: string, phase_id: string, lane_id: string, text: string, 
/**
 * Default: the lane kind's colour.
 */
colour: CardColour | null, before: string | null, id: string | null, } | { "op": "update_card", id: string, patch: CardPatch, } | { "op": "move_cards", ids: Array<string>, phase_id: string, lane_id: string, before: string | null, } | { "op": "duplicate_cards", ids: Array<string>, } | { "op": "delete_cards", ids: Array<string>, } | { "op": "paste_cards", journey_id: string, phase_id: string, lane_id: string, cards: Array<Card>, before: string | null, };

export type TemplateInfo = { id: string, name: string, description: string, 
/**
 * Phase names, for a preview.
 */
phases: Array<string>, 
/**
 * Lane titles, for a preview.
 */
lanes: Array<string>, };

export type JourneySummary = { id: string, title: string, goal: string, 
/**
 * Names of the linked personas, in the journey's order; unknown ids are left out.
 */
personas: Array<string>, state: JourneyState, language: Lang, template: string | null, phases: number, lanes: number, cards: number, version: number, 
/**
 * RFC 3339 time of the last change.
 */
updated: string, };

export type ApiError = { code: string, message: string, };

export type DocState = { path: string, 
/**
 * File name without the extension.
 */
name: string, 
/**
 * Label of the edit Undo would undo (`Edit::label`), if any.
 */
undo: string | null, redo: string | null, };

export type LanguagePref = "system" | "nl" | "en";

export type JourneyDetail = { journey: Journey, personas: Array<Persona>, };

export type EditOutcome = { 
/**
 * False for an undo or redo with nothing to do, or an edit that changed nothing.
 */
changed: boolean, created: Array<string>, journeys: Array<string>, doc: DocState, };

export type UiSettings = { language: LanguagePref, system_language: Lang, 
/**
 * The language in effect.
 */
lang: Lang, };

export type StartInfo = { doc: DocState, settings: UiSettings, 
/**
 * Why the last document could not be reopened, once.
 */
notice: ApiError | null, };
