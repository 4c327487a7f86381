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

export type Owner = { "kind": "ours" } | { "kind": "competitor", name: string, };

export type PhaseMatch = { journey_id: string, phase_id: string, other_phase_id: string, };

export type Link = { id: string, 
/**
 * The card the arrow starts at.
 */
from: string, 
/**
 * The card the arrow points at.
 */
to: string, 
/**
 * Optional words on the arrow ("na 2 weken", "bij een klacht").
 */
label?: string | undefined, };

export type Review = { 
/**
 * What surprises us?
 */
surprises: string, 
/**
 * What crucial things are missing?
 */
missing: string, 
/**
 * Where can the journey improve most?
 */
improve: string, 
/**
 * How does it compare with our biggest competitors?
 */
competitors: string, };

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
data?: PhaseData | null, 
/**
 * The team's answers to the review questions for this phase.
 */
review?: Review | undefined, };

export type LaneKind = "actions" | "touchpoints" | "channels" | "thoughts" | "feelings" | "pain_points" | "opportunities" | "impact_moments" | "physical_evidence" | "frontstage" | "backstage" | "support_processes" | "data" | "custom";

export type Lane = { id: string, order: string, kind: LaneKind, title: string, 
/**
 * The prompt shown faintly in empty cells ("Wat denkt de klant?").
 */
hint: string, 
/**
 * Whose feelings a feelings lane holds (a B2B decision maker, a user, a segment): with
 * several feelings lanes each draws its own curve, named after this persona. A persona
 * that is no longer linked to the journey is ignored (the lane's title names the curve).
 */
persona_id?: string, };

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
company_involved?: boolean | undefined, 
/**
 * For opportunity cards: how much the improvement is worth, 1 (little) … 5 (much).
 * Optional: a team scores opportunities when it prioritises them, not when it writes them.
 */
value?: number | null, 
/**
 * For opportunity cards: how much work the improvement takes, 1 (little) … 5 (much).
 */
effort?: number | null, 
/**
 * A service blueprint's fail point: where this step often goes wrong.
 */
fail_point?: boolean | undefined, 
/**
 * A service blueprint's wait point: where the customer waits at this step.
 */
wait_point?: boolean | undefined, 
/**
 * An image of the card in the document's image store: for a card read from a photo of the
 * wall, the note as it was photographed, so the handwriting is kept where OCR failed.
 */
image?: string | undefined, 
/**
 * The card was read from a photo of the wall (`klantreis scan`), not typed.
 */
from_photo?: boolean | undefined, 
/**
 * Dots the team put on this card in a voting round (see [`super::VotingRound`]); absent
 * in the JSON when zero.
 */
votes?: number | undefined, };

export type VotingRound = { participants: number, dots_per_person: number, 
/**
 * The most dots one card may get from one round (absent: no cap).
 */
cap_per_card?: number | undefined, };

export type OpenQuestion = { id: string, text: string, answer?: string | undefined, };

export type Decision = { id: string, text: string, };

export type Action = { id: string, text: string, owner?: string | undefined, 
/**
 * A date as `YYYY-MM-DD` (empty: none).
 */
due?: string | undefined, done?: boolean | undefined, question_id?: string | undefined, };

export type ParkingLot = { questions?: Array<OpenQuestion> | undefined, decisions?: Array<Decision> | undefined, actions?: Array<Action> | undefined, };

export type JourneyMeta = { id: string, title: string, goal: string, scope: Scope, persona_ids: Array<string>, 
/**
 * What the team does after the workshop to check the map (a customer safari: interviews,
 * experiments; data to collect), in the team's words, one step a line.
 */
next_steps?: string | undefined, state: JourneyState, compared_with?: string | null, 
/**
 * Ours (absent in the JSON) or a competitor's.
 */
owner?: Owner | undefined, 
/**
 * Phases matched by hand with another journey's (see [`PhaseMatch`]).
 */
phase_matches?: Array<PhaseMatch> | undefined, language: Lang, 
/**
 * Template the journey was made from, if any.
 */
template?: string | null, 
/**
 * Photos of the physical wall (image ids).
 */
wall_photos?: Array<string> | undefined, 
/**
 * Arrows between cards: jumps forward and loops back (see [`Link`]).
 */
links?: Array<Link> | undefined, 
/**
 * The team's answers to the review questions for the journey as a whole.
 */
review?: Review | undefined, 
/**
 * The workshop's dot-voting round, when the team held one (the votes are on the cards).
 */
voting?: VotingRound | undefined, 
/**
 * The workshop's open questions, decisions and actions.
 */
parking_lot?: ParkingLot | undefined, 
/**
 * Bumped by every edit to the journey or its records; printed on exports so stale
 * prints can be recognised.
 */
version: number, 
/**
 * RFC 3339 time of the last change.
 */
updated: string, };

export type Journey = { phases: Array<Phase>, lanes: Array<Lane>, cards: Array<Card>, id: string, title: string, goal: string, scope: Scope, persona_ids: Array<string>, 
/**
 * What the team does after the workshop to check the map (a customer safari: interviews,
 * experiments; data to collect), in the team's words, one step a line.
 */
next_steps?: string | undefined, state: JourneyState, compared_with?: string | null, 
/**
 * Ours (absent in the JSON) or a competitor's.
 */
owner?: Owner | undefined, 
/**
 * Phases matched by hand with another journey's (see [`PhaseMatch`]).
 */
phase_matches?: Array<PhaseMatch> | undefined, language: Lang, 
/**
 * Template the journey was made from, if any.
 */
template?: string | null, 
/**
 * Photos of the physical wall (image ids).
 */
wall_photos?: Array<string> | undefined, 
/**
 * Arrows between cards: jumps forward and loops back (see [`Link`]).
 */
links?: Array<Link> | undefined, 
/**
 * The team's answers to the review questions for the journey as a whole.
 */
review?: Review | undefined, 
/**
 * The workshop's dot-voting round, when the team held one (the votes are on the cards).
 */
voting?: VotingRound | undefined, 
/**
 * The workshop's open questions, decisions and actions.
 */
parking_lot?: ParkingLot | undefined, 
/**
 * Bumped by every edit to the journey or its records; printed on exports so stale
 * prints can be recognised.
 */
version: number, 
/**
 * RFC 3339 time of the last change.
 */
updated: string, };

export type JourneyPatch = { title?: string, goal?: string, scope?: Scope, persona_ids?: Array<string>, 
/**
 * The workshop's next steps (see [`JourneyMeta::next_steps`]).
 */
next_steps?: string, state?: JourneyState, compared_with?: string | null, language?: Lang, wall_photos?: Array<string>, owner?: Owner, 
/**
 * Replaces the phases matched by hand (see [`PhaseMatch`]).
 */
phase_matches?: Array<PhaseMatch>, 
/**
 * Replaces the answers to the review questions for the whole journey.
 */
review?: Review, 
/**
 * Sets the workshop's voting round; `null` removes it.
 */
voting?: VotingRound | null, 
/**
 * Replaces the parking lot (open questions, decisions, actions).
 */
parking_lot?: ParkingLot, };

export type PhasePatch = { name?: string, duration?: string | null, data?: PhaseData | null, 
/**
 * Replaces the answers to the review questions for this phase.
 */
review?: Review, };

export type LanePatch = { title?: string, kind?: LaneKind, hint?: string, 
/**
 * `Some(None)` unties the lane from its persona.
 */
persona_id?: string | null, };

export type CardPatch = { text?: string, colour?: CardColour, emotion?: number | null, impact?: boolean, validation?: Validation, evidence?: Array<Evidence>, company_involved?: boolean, value?: number | null, effort?: number | null, fail_point?: boolean, wait_point?: boolean, image?: string | null, from_photo?: boolean, votes?: number, };

export type Edit = { "op": "create_persona", persona: Persona, } | { "op": "update_persona", persona: Persona, } | { "op": "delete_persona", id: string, } | { "op": "create_journey", journey: Journey, personas: Array<Persona>, } | { "op": "update_journey", id: string, patch: JourneyPatch, } | { "op": "duplicate_journey", id: string, title: string, new_id: string | null, } | { "op": "make_to_be", id: string, title: string, new_id: string | null, } | { "op": "delete_journey", id: string, } | { "op": "add_phase", journey_id: string, name: string, before: string | null, id: string | null, } | { "op": "update_phase", id: string, patch: PhasePatch, } | { "op": "move_phase", id: string, before: string | null, } | { "op": "delete_phase", id: string, } | { "op": "add_lane", journey_id: string, kind: LaneKind, title: string, hint: string, before: string | null, id: string | null, } | { "op": "update_lane", id: string, patch: LanePatch, } | { "op": "move_lane", id: string, before: string | null, } | { "op": "delete_lane", id: string, } | { "op": "add_card", journey_id: string, phase_id: string, lane_id: string, text: string, 
/**
 * Default: the lane kind's colour.
 */
colour: CardColour | null, before: string | null, id: string | null, } | { "op": "update_card", id: string, patch: CardPatch, } | { "op": "move_cards", ids: Array<string>, phase_id: string, lane_id: string, before: string | null, } | { "op": "duplicate_cards", ids: Array<string>, } | { "op": "delete_cards", ids: Array<string>, } | { "op": "paste_cards", journey_id: string, phase_id: string, lane_id: string, cards: Array<Card>, before: string | null, } | { "op": "add_link", from: string, to: string, label: string, id: string | null, } | { "op": "update_link", id: string, label: string, } | { "op": "delete_link", id: string, };

export type TemplateInfo = { id: string, name: string, description: string, 
/**
 * Phase names, for a preview.
 */
phases: Array<string>, 
/**
 * Lane titles, for a preview.
 */
lanes: Array<string>, 
/**
 * An example goal, shown in the empty goal field of a journey made from this template:
 * an example is no goal the team set, so it is not put in the journey (the workshop's
 * first step would count it as done before the workshop began).
 */
goal_example: string, };

export type JourneySummary = { id: string, title: string, goal: string, 
/**
 * Names of the linked personas, in the journey's order; unknown ids are left out.
 */
personas: Array<string>, state: JourneyState, language: Lang, template: string | null, phases: number, lanes: number, cards: number, version: number, 
/**
 * RFC 3339 time of the last change.
 */
updated: string, };

export type WarningCode = "drop_off_out_of_range" | "more_customers_than_kept" | "missing_customers" | "missing_drop_off" | "unreadable_throughput" | "conversion_unknown" | "votes_over_budget" | "votes_under_budget" | "votes_over_cap";

export type InsightWarning = { code: WarningCode, phase_id: string | null, message: string, };

export type Moment = { card_id: string, text: string, emotion: number, phase_id: string, lane_id: string, };

export type Fall = { from: Moment, to: Moment, 
/**
 * How many steps the emotion falls (positive).
 */
drop: number, };

export type PhaseEmotion = { phase_id: string, 
/**
 * How many moments the phase has on the curve (0: `lowest` and `mean` are absent).
 */
moments: number, lowest: Moment | null, mean: number | null, };

export type CurveFigures = { 
/**
 * How many moments (cards with an emotion) the curve has.
 */
moments: number, 
/**
 * The highest moment.
 */
peak: Moment | null, 
/**
 * The lowest moment.
 */
trough: Moment | null, 
/**
 * The last moment on the curve.
 */
end: Moment | null, 
/**
 * The moment furthest from neutral, up or down (the "peak" of the peak-end rule).
 */
most_intense: Moment | null, 
/**
 * Mean of the most intense moment and the end (the peak-end rule), −2 … +2.
 */
peak_end: number | null, 
/**
 * The largest fall between two consecutive moments; absent when the curve never falls.
 */
steepest_fall: Fall | null, 
/**
 * Per phase of the journey, in phase order (also phases without moments).
 */
phases: Array<PhaseEmotion>, };

export type LaneCurve = { lane_id: string, title: string, 
/**
 * How many moments (cards with an emotion) the curve has.
 */
moments: number, 
/**
 * The highest moment.
 */
peak: Moment | null, 
/**
 * The lowest moment.
 */
trough: Moment | null, 
/**
 * The last moment on the curve.
 */
end: Moment | null, 
/**
 * The moment furthest from neutral, up or down (the "peak" of the peak-end rule).
 */
most_intense: Moment | null, 
/**
 * Mean of the most intense moment and the end (the peak-end rule), −2 … +2.
 */
peak_end: number | null, 
/**
 * The largest fall between two consecutive moments; absent when the curve never falls.
 */
steepest_fall: Fall | null, 
/**
 * Per phase of the journey, in phase order (also phases without moments).
 */
phases: Array<PhaseEmotion>, };

export type EmotionInsights = { 
/**
 * One entry per feelings lane when the journey has two or more of them; else empty.
 */
lanes: Array<LaneCurve>, 
/**
 * How many moments (cards with an emotion) the curve has.
 */
moments: number, 
/**
 * The highest moment.
 */
peak: Moment | null, 
/**
 * The lowest moment.
 */
trough: Moment | null, 
/**
 * The last moment on the curve.
 */
end: Moment | null, 
/**
 * The moment furthest from neutral, up or down (the "peak" of the peak-end rule).
 */
most_intense: Moment | null, 
/**
 * Mean of the most intense moment and the end (the peak-end rule), −2 … +2.
 */
peak_end: number | null, 
/**
 * The largest fall between two consecutive moments; absent when the curve never falls.
 */
steepest_fall: Fall | null, 
/**
 * Per phase of the journey, in phase order (also phases without moments).
 */
phases: Array<PhaseEmotion>, };

export type CurveMark = "peak" | "trough" | "end" | "steepest_fall";

export type Flagged = { card_id: string, text: string, phase_id: string, lane_id: string, emotion: number | null, validation: Validation, };

export type Suggestion = { card_id: string, text: string, phase_id: string, lane_id: string, emotion: number, 
/**
 * What the curve says about this moment (several when, say, the trough is also the end).
 */
reasons: Array<CurveMark>, 
/**
 * With several feelings lanes: the lanes whose own curve points here too.
 */
lanes: Array<string>, 
/**
 * The one edit that accepts the suggestion.
 */
accept: Edit, };

export type ImpactInsights = { 
/**
 * Cards flagged as impact moments, in map order.
 */
flagged: Array<Flagged>, 
/**
 * Moments the curve points at that are not flagged, in curve order.
 */
suggested: Array<Suggestion>, };

export type PhasePain = { phase_id: string, name: string, 
/**
 * Cards in pain-points lanes, in map order.
 */
pain_points: Array<string>, 
/**
 * Moments below neutral in the phase, and the sum of their distance from neutral.
 */
negative_emotions: number, negative_sum: number, drop_off_pct: number | null, score: number, 
/**
 * The parts of the score, in words (journey language).
 */
reason: string, };

export type PainInsights = { 
/**
 * Every phase, in phase order.
 */
phases: Array<PhasePain>, 
/**
 * Ids of the phases that hurt, most first.
 */
ranked: Array<string>, };

export type PhaseFunnel = { phase_id: string, name: string, 
/**
 * Customers entering the phase, as entered.
 */
customers_in: number | null, 
/**
 * Share lost in the phase, as entered (also when out of range: a warning says so).
 */
drop_off_pct: number | null, 
/**
 * Customers lost in the phase (`customers_in × drop_off_pct`, rounded).
 */
lost: number | null, 
/**
 * Customers left after the phase (`customers_in − lost`).
 */
customers_out: number | null, 
/**
 * The phase's time as written, and in hours when it could be read.
 */
throughput: string | null, throughput_hours: number | null, };

export type Loss = { phase_id: string, lost: number, drop_off_pct: number, };

export type ConversionDetail = { from_phase_id: string, to_phase_id: string, customers_in: number, customers_out: number, 
/**
 * True: counted after the last phase; false: the last phase's drop-off is unknown, so the
 * conversion counts the customers entering it.
 */
after_last: boolean, };

export type Unreadable = { phase_id: string, text: string, };

export type Funnel = { 
/**
 * Whether any phase has data (customers, drop-off or throughput).
 */
has_data: boolean, phases: Array<PhaseFunnel>, 
/**
 * Overall conversion from the first phase to the last, in percent (0–100).
 */
conversion: number | null, conversion_detail: ConversionDetail | null, 
/**
 * The phase that loses the most customers (earliest on a tie).
 */
losing_most: Loss | null, 
/**
 * Sum of the phase times that could be read, in hours.
 */
throughput_hours: number | null, 
/**
 * Phases whose time is written but could not be read.
 */
throughput_unreadable: Array<Unreadable>, 
/**
 * True when every phase has a time and all of them could be read.
 */
throughput_complete: boolean, };

export type PhaseRef = { id: string, name: string, };

export type EmotionSide = { 
/**
 * Moments (cards with an emotion) in the phase.
 */
moments: number, lowest: number | null, mean: number | null, 
/**
 * The emotions in curve order (what the comparison chart draws).
 */
points: Array<number>, };

export type CardRef = { id: string, text: string, lane_id: string, };

export type MatchedBy = "hand" | "name" | "none";

export type FunnelPair = { a: PhaseFunnel, b: PhaseFunnel, };

export type PhaseComparison = { phase_a: PhaseRef | null, phase_b: PhaseRef | null, matched_by: MatchedBy, emotion_a: EmotionSide, emotion_b: EmotionSide, 
/**
 * `b − a` of the lowest emotion, when both phases have one.
 */
lowest_diff: number | null, 
/**
 * `b − a` of the mean emotion, when both phases have one.
 */
mean_diff: number | null, 
/**
 * Cards (by text) only in `a`'s phase, or only in `b`'s.
 */
only_a: Array<CardRef>, only_b: Array<CardRef>, 
/**
 * Pain points (cards in pain-points lanes) only on one side, by text.
 */
pain_only_a: Array<CardRef>, pain_only_b: Array<CardRef>, 
/**
 * Impact moments (flagged cards) only on one side, by text.
 */
impact_only_a: Array<CardRef>, impact_only_b: Array<CardRef>, funnel: FunnelPair | null, };

export type Measure = "lowest_emotion" | "mean_emotion" | "pain_points" | "drop_off" | "conversion";

export type Change = { measure: Measure, 
/**
 * The phase (its name in `a`, else in `b`); absent for the whole journey.
 */
phase: string | null, a: number, b: number, 
/**
 * The change in words (in `a`'s language).
 */
message: string, };

export type Comparison = { journey_a: string, title_a: string, journey_b: string, title_b: string, language: Lang, phases: Array<PhaseComparison>, 
/**
 * Overall conversion of each funnel (percent), when both have one.
 */
conversion_a: number | null, conversion_b: number | null, 
/**
 * What is better in `b` than in `a`, and what is worse; in phase order.
 */
better: Array<Change>, worse: Array<Change>, };

export type Counts = { cards: number, assumptions: number, validated: number, refuted: number, 
/**
 * Validated ÷ cards, 0 … 1.
 */
validated_share: number | null, };

export type PhaseEvidence = { phase_id: string, cards: number, assumptions: number, validated: number, refuted: number, 
/**
 * Validated ÷ cards, 0 … 1.
 */
validated_share: number | null, };

export type LaneEvidence = { lane_id: string, cards: number, assumptions: number, validated: number, refuted: number, 
/**
 * Validated ÷ cards, 0 … 1.
 */
validated_share: number | null, };

export type EvidenceInsights = { total: Counts, phases: Array<PhaseEvidence>, lanes: Array<LaneEvidence>, };

export type SafariPriority = "impact_moment" | "pain_point" | "other";

export type SafariItem = { card_id: string, phase_id: string, phase: string, lane_id: string, lane: string, text: string, priority: SafariPriority, 
/**
 * The kind of evidence that would settle the assumption.
 */
settle_with: EvidenceSource, };

export type Quadrant = "quick_win" | "big_bet" | "fill_in" | "money_pit";

export type Opportunity = { card_id: string, text: string, phase_id: string, value: number | null, effort: number | null, quadrant: Quadrant | null, };

export type Matrix = { quick_wins: Array<Opportunity>, big_bets: Array<Opportunity>, fill_ins: Array<Opportunity>, money_pits: Array<Opportunity>, 
/**
 * Opportunities that miss a value or an effort, in map order.
 */
unscored: Array<Opportunity>, };

export type FixKind = "emotion" | "funnel" | "unvalidated_impact" | "quick_win" | "voted";

export type FixItem = { kind: FixKind, phase_id: string | null, 
/**
 * The card the line is about first, then related cards (the phase's pain points).
 */
card_ids: Array<string>, score: number, 
/**
 * Why it is on the list (journey language).
 */
why: string, };

export type VotedCard = { card_id: string, phase_id: string, text: string, votes: number, };

export type VoteInsights = { 
/**
 * The round the facilitator set, if any.
 */
round: VotingRound | null, 
/**
 * participants × dots per person (absent without a round).
 */
budget: number | null, 
/**
 * The dots on all cards together.
 */
given: number, 
/**
 * The cards with votes, most first; ties in map order.
 */
most: Array<VotedCard>, };

export type Insights = { journey_id: string, title: string, language: Lang, cards: number, emotion: EmotionInsights, impact: ImpactInsights, pain: PainInsights, funnel: Funnel, evidence: EvidenceInsights, safari: Array<SafariItem>, 
/**
 * How many items the whole safari list has: `safari.len()`, unless the app asked for its
 * first items only ([`Insights::safari_shown`]).
 */
safari_total: number, opportunities: Matrix, fix_first: Array<FixItem>, 
/**
 * The voting round, its budget against the dots given, and the cards by votes.
 */
votes: VoteInsights, warnings: Array<InsightWarning>, };

export type StepId = "goal" | "persona" | "scope" | "phases" | "touchpoints" | "emotions" | "impact_moments" | "review" | "next_steps";

export type Gap = { "kind": "goal" } | { "kind": "persona" } | { "kind": "persona_segment", persona_id: string, } | { "kind": "stakeholders" } | { "kind": "scope_start" } | { "kind": "scope_end" } | { "kind": "phases" } | { "kind": "phase_duration", phase_id: string, } | { "kind": "touchpoint_lane" } | { "kind": "phase_touchpoints", phase_id: string, } | { "kind": "touchpoint_emotion", card_id: string, } | { "kind": "phase_emotion", phase_id: string, } | { "kind": "phase_impact", phase_id: string, } | { "kind": "review" } | { "kind": "next_steps" } | { "kind": "open_question", question_id: string, };

export type Step = { id: StepId, done: boolean, 
/**
 * How many of the things this step checks are filled in, of `total` (a phase count for
 * the phase steps and the emotions); `total` is at least 1.
 */
filled: number, total: number, 
/**
 * What is missing, in map order; empty when done.
 */
gaps: Array<Gap>, };

export type WorkshopSteps = { journey_id: string, steps: Array<Step>, 
/**
 * Touchpoints where the company plays no part (a review site, a friend's advice).
 */
outside_touchpoints: number, };

export type ErrorCode = "no_document" | "not_found" | "not_klantreis" | "too_new" | "corrupt" | "exists" | "busy" | "read_only" | "disk_full" | "invalid_edit" | "conflict" | "io" | "unknown_template" | "print" | "too_large" | "not_image" | "not_canvas" | "internal";

export type ApiError = { code: ErrorCode, message: string, };

export type ReadOnly = "file" | "open_elsewhere";

export type DocState = { path: string, 
/**
 * File name without the extension.
 */
name: string, 
/**
 * Label of the edit Undo would undo (`Edit::label`), if any.
 */
undo: string | null, redo: string | null, 
/**
 * The file was moved or deleted while open: edits are refused (nothing would be saved
 * where anyone finds it), and the UI says so until the document is saved elsewhere.
 */
gone: boolean, 
/**
 * Why the document is open read-only (edits are refused), if it is.
 */
read_only: ReadOnly | null, };

export type JourneyDetail = { journey: Journey, 
/**
 * The linked personas, in the journey's order; unknown ids are left out.
 */
personas: Array<Persona>, 
/**
 * The document's other personas, which the journey can link (one persona often appears
 * in the journeys of several segments), by name.
 */
others: Array<Persona>, };

export type EditOutcome = { 
/**
 * False for an undo or redo with nothing to do, an edit that changed nothing, or a
 * [`Session::show`].
 */
changed: boolean, created: Array<string>, journeys: Array<string>, doc: DocState, };

export type View = { "kind": "home" } | { "kind": "journey", id: string, request: PrintRequest | null, };

export type Key = string;

export type Fit = { scale: number, dx: Mm, dy: Mm, };

export type Group = { key: Key, 
/**
 * Its origin, relative to its parent's origin (natural mm).
 */
at: Point, 
/**
 * The box of its items, regions and children, relative to its own origin (natural mm;
 * the geometry only: a stroke's ink reaches half its width beyond).
 */
bounds: Rect, items: Array<Item>, 
/**
 * Absent from the JSON when empty (most groups have none), and so optional in TypeScript.
 */
regions?: Array<Region>, children?: Array<Group>, };

export type Node = { 
/**
 * `None` for a group at the top of the Scene.
 */
parent: Key | null, group: Group, 
/**
 * Absent: the children the front end holds for this key stay as they are.
 */
children?: Array<Key>, };

export type Placed = { key: Key, at: Point, };

export type SceneChange = { width: Mm, height: Mm, content: Rect, scale: number, min_text_pt: Pt, warnings: Array<Warning>, 
/**
 * The top-level groups' keys in order, when they changed.
 */
roots?: Array<Key>, 
/**
 * The loose items (page millimetres, drawn before the groups), when they changed.
 */
items?: Array<Item>, 
/**
 * The loose regions, when they changed.
 */
regions?: Array<Region>, upsert: Array<Node>, remove: Array<Key>, place: Array<Placed>, };

export type SceneUpdate = { "kind": "full", rev: number, scene: Scene, 
/**
 * How long the layout took, in microseconds (for the app's benchmark).
 */
layout_us: number, } | { "kind": "patch", rev: number, 
/**
 * The revision this change applies to.
 */
base: number, patch: SceneChange, layout_us: number, };

export type Changed<T> = { upsert: Array<T>, remove: Array<string>, };

export type DetailChange = { 
/**
 * The journey's own record (title, linked personas, links, …), when the edit touched it.
 */
meta?: JourneyMeta, phases: Changed<Phase>, lanes: Changed<Lane>, cards: Changed<Card>, 
/**
 * The linked personas and the others, whole, when the edit touched a persona or the
 * journey's record (a handful: not worth keying).
 */
personas?: Array<Persona>, others?: Array<Persona>, };

export type DetailUpdate = { "kind": "full", rev: number, detail: JourneyDetail, } | { "kind": "patch", rev: number, base: number, patch: DetailChange, };

export type ViewUpdate = { outcome: EditOutcome, 
/**
 * The journeys, when the view is home and they may have changed.
 */
journeys: Array<JourneySummary> | null, 
/**
 * The open journey, when it changed; absent when it did not.
 */
detail: DetailUpdate | null, 
/**
 * Its Scene, when the layout changed.
 */
scene: SceneUpdate | null, 
/**
 * The open journey is gone (deleted, or its creation undone): show home instead.
 */
gone: boolean, };

export type FoundNote = { 
/**
 * Stable within one scan ("n1", "n2", …), so the review screen can refer to a note.
 */
id: string, 
/**
 * Which of the scanned photos it was found on (from 0).
 */
photo: number, 
/**
 * The note's corners in the photo's pixels (clockwise from top left), to outline it.
 */
outline: [[number, number], [number, number], [number, number], [number, number]], phase_id: string, lane_id: string, colour: CardColour, 
/**
 * The text read by OCR; empty when nothing legible was found.
 */
text: string, 
/**
 * OCR confidence, 0 … 1 (0 when there is no text).
 */
confidence: number, 
/**
 * The round dot stickers (votes) found on the note.
 */
dots: number, 
/**
 * The card this note already is, when the wall was read before (`again`): the note is
 * "already on the map", and accepting it sets that card's votes and adds no card.
 * Absent for a new note.
 */
card_id?: string | undefined, };

export type GoneCard = { card_id: string, phase_id: string, lane_id: string, colour: CardColour, text: string, votes: number, };

export type NoteChoice = { 
/**
 * The [`FoundNote::id`] of the scan.
 */
id: string, phase_id: string, lane_id: string, colour: CardColour, text: string, 
/**
 * The dot stickers (votes) the user kept for the note: they become the card's votes.
 */
dots: number, };

export type ReviewPhoto = { 
/**
 * A scaled-down JPEG as a `data:` URL (the content policy allows no other image source).
 */
url: string, 
/**
 * The photo's own size in pixels: the notes' outlines are in these pixels.
 */
width: number, height: number, };

export type ScanReview = { notes: Array<FoundNote>, 
/**
 * Each note's crop as a `data:` URL, in the order of `notes`.
 */
crops: Array<string>, warnings: Array<string>, photos: Array<ReviewPhoto>, 
/**
 * Cards read from an earlier photo that these photos no longer show (listed; accepting
 * deletes none of them).
 */
gone: Array<GoneCard>, };

export type LanguagePref = "system" | "nl" | "en";

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

export type SyncStatus = { 
/**
 * The sync server in the settings; `None`: nothing is sent anywhere.
 */
server: string | null, 
/**
 * How many journeys of the open document are shared.
 */
shared: number, connected: boolean, 
/**
 * Shared journeys with changes the server has not confirmed yet.
 */
waiting: number, 
/**
 * When both sides last agreed (RFC 3339).
 */
last_synced: string | null, 
/**
 * What went wrong last, in words.
 */
error: string | null, 
/**
 * A `wss://` server refused for its certificate (or no certificates to check it with):
 * the UI says it in the user's language. Stays until a connection succeeds or the
 * server's address changes.
 */
refused: SyncRefusal | null, };

export type SyncRefusal = { server: string, reason: RefusalReason, };

export type RefusalReason = "unknown_authority" | "expired" | "not_valid_yet" | "other_name" | "revoked" | "no_trusted_certificates" | "other";

export type Mm = number;

export type Pt = number;

export type Point = { x: Mm, y: Mm, };

export type Rect = { x: Mm, y: Mm, w: Mm, h: Mm, };

export type RecordKind = "journey" | "persona" | "phase" | "lane" | "card" | "link";

export type RecordRef = { kind: RecordKind, id: string, };

export type Stroke = { colour: string, width: Mm, 
/**
 * Dash and gap lengths; empty for a solid line.
 */
dash: Array<Mm>, };

export type TextLine = { text: string, x: Mm, baseline: Mm, width: Mm, };

export type TextRole = "title" | "heading" | "label" | "body" | "card" | "hint" | "stamp";

export type Seg = { "op": "move", to: Point, } | { "op": "line", to: Point, } | { "op": "cubic", c1: Point, c2: Point, to: Point, } | { "op": "close" };

export type Item = { "type": "rect", rect: Rect, 
/**
 * Corner radius; 0 for square corners.
 */
radius: Mm, fill: string | null, stroke: Stroke | null, target: RecordRef | null, } | { "type": "circle", centre: Point, r: Mm, fill: string | null, stroke: Stroke | null, target: RecordRef | null, } | { "type": "path", segs: Array<Seg>, fill: string | null, stroke: Stroke | null, target: RecordRef | null, } | { "type": "text", lines: Array<TextLine>, 
/**
 * Font size (em) in millimetres on the page.
 */
size: Mm, 
/**
 * The same size in points, as it will print.
 */
size_pt: Pt, bold: boolean, colour: string, role: TextRole, target: RecordRef | null, } | { "type": "image", rect: Rect, image_id: string, round: boolean, target: RecordRef | null, };

export type Region = { "kind": "cell", rect: Rect, phase_id: string, lane_id: string, } | { "kind": "phase_header", rect: Rect, phase_id: string, } | { "kind": "lane_header", rect: Rect, lane_id: string, } | { "kind": "emotion", rect: Rect, phase_id: string, top: Mm, bottom: Mm, };

export type Warning = { "kind": "small_text", size_pt: Pt, 
/**
 * The smallest paper (of A0–A4) on which card text reaches 9 pt, if any.
 */
suggest_paper: string | null, message: string, } | { "kind": "missing_glyphs", chars: Array<string>, message: string, } | { "kind": "small_cells", cell: Rect, message: string, };

export type Scene = { 
/**
 * Page size.
 */
width: Mm, height: Mm, 
/**
 * Where the map sits on the page (inside the margins).
 */
content: Rect, 
/**
 * Factor from the map's natural size to the page (1.0 = cards at natural size).
 */
scale: number, 
/**
 * Loose items and regions, at page millimetres (report pages, the comparison, sheets).
 */
items: Array<Item>, regions: Array<Region>, 
/**
 * The map as keyed groups in natural millimetres, placed by [`Scene::fit`] and drawn
 * after the loose items (docs/scene.md); empty in a flattened Scene ([`Scene::flatten`]).
 * Absent from the JSON when empty, so flat Scenes read as they always did.
 */
groups?: Array<Group>, 
/**
 * The smallest card text (or, without cards, the smallest body text) in points on paper.
 */
min_text_pt: Pt, warnings: Array<Warning>, };

export type Paper = "a0" | "a1" | "a2" | "a3" | "a4" | "letter";

export type Orientation = "landscape" | "portrait";

export type Format = "pdf" | "svg";

export type PrintRequest = { paper: Paper, orientation: Orientation, 
/**
 * An empty workshop canvas instead of the filled map.
 */
blank: boolean, 
/**
 * Split the page over these sheets (A4 or A3) as a poster.
 */
tile: Paper | null, 
/**
 * Overlap between neighbouring sheets, in mm.
 */
overlap_mm: number, format: Format, 
/**
 * Add the insights report (`layout::report`) as pages after the map: A3 when the poster
 * is tiled on A3 sheets, else A4. PDF only (an SVG is one page).
 */
report: boolean, 
/**
 * The print kit for a workshop: the blank canvas with a legend per lane (its guiding
 * question and note colour), then a persona sheet per persona and the parking-lot sheet
 * (A3 when tiled on A3, else A4). Implies `blank`. Tiled sheets carry a scale bar whether
 * or not this is set.
 */
kit: boolean, 
/**
 * Written for a print shop: PDF/X-4 (or X-1a), CMYK on FOGRA39, with a bleed
 * (`export::pdf::PrintShop`, docs/printing.md). PDF only.
 */
print_shop: PrintShop | null, };

export type PrintShop = { 
/**
 * Bleed on every side, in mm (3 is what most shops ask; some 5 above A3).
 */
bleed_mm: number, 
/**
 * PDF/X-1a:2003 (no transparency: images with an alpha channel are flattened on white)
 * instead of PDF/X-4.
 */
x1a: boolean, };

export type Report = { pages: number, 
/**
 * The PDF/X version the file claims, if any.
 */
pdfx: string | null, findings: Array<Finding>, };

export type Finding = { 
/**
 * Stable code (`rgb_colour`, `too_little_bleed`, …): what a program matches on.
 */
code: string, 
/**
 * The page (1-based); none for the document as a whole.
 */
page: number | null, 
/**
 * Where on the page or in the file (the first occurrence), in mm from the trim's top
 * left corner or by resource name; empty when the finding is the whole page or file.
 */
where: string, 
/**
 * How many times it occurs on that page (or in the file).
 */
count: number, 
/**
 * The finding in plain words, in the language asked for.
 */
message: string, };

export type PrintPreview = { scene: Scene, 
/**
 * The printable part of each sheet on the page, row by row (empty when not tiled).
 */
sheets: Array<Rect>, 
/**
 * Pages in the file (a tiled poster adds an assembly overview page; the insights report
 * its own pages).
 */
pages: number, };

export type StepTime = { step: StepId, seconds: number, };

export type WorkshopReportRequest = { paper: Paper, lang: Lang | null, step_times: Array<StepTime>, };

export type ExportProgress = { fraction: number, };

export type ExportDone = { path: string, pages: number, bytes: number, warnings: Array<string>, };

export type SnapshotInfo = { id: string, journey_id: string, name: string, 
/**
 * RFC 3339 time it was taken.
 */
created: string, 
/**
 * The journey's version at the time.
 */
version: number, phases: number, lanes: number, cards: number, };

/** The commands the UI may call (src-tauri/src/command_list.rs). */
export type Command = "start_info" | "show" | "journey_insights" | "workshop_steps" | "list_templates" | "create_journey" | "apply_edit" | "apply_edits" | "undo" | "redo" | "set_language" | "print_preview" | "preflight_print" | "export_journey" | "reveal_export" | "image_data" | "pick_image" | "list_journeys" | "compare_journeys" | "compare_version" | "export_comparison" | "list_versions" | "take_version" | "restore_version" | "version_scene" | "pick_scan_photos" | "scan_photos" | "scan_accept" | "scan_cancel" | "sync_status" | "set_sync_server" | "share_journey" | "join_journey" | "merge_copy" | "export_workshop_report";
