// The workshop's facilitator timer and its plan, and where each gap of a guided step takes the
// user. Framework-free and clock-free (every call is given `now` in ms), so a unit test drives
// it with made-up times.
//
// The steps and what each misses come from the core (src/analysis/workshop.rs, command
// `workshop_steps`); this file only times them.
//
// The plan (minutes per step) is the leader's own, kept in the app's local settings
// (localStorage), not in the journey: it is how this leader runs a session, not part of the
// map, so changing it is no undoable edit, does not bump the journey's version printed on
// every export, and carries over to the next journey.

import type { Gap, StepId } from '../generated/types';

/** The method's steps, in its order (as the core's `StepId::ALL`). */
export const STEP_IDS: readonly StepId[] = ['goal', 'persona', 'scope', 'phases', 'touchpoints', 'emotions', 'impact_moments', 'review', 'next_steps'];

/** Minutes per step for a 45-minute session: most time for the touchpoints and their
 * emotions (the wall fills up there), a short opening and close. Also in docs/workshop.md. */
export const DEFAULT_PLAN: Readonly<Record<StepId, number>> = {
  goal: 3,
  persona: 5,
  scope: 3,
  phases: 5,
  touchpoints: 10,
  emotions: 6,
  impact_moments: 5,
  review: 5,
  next_steps: 3,
};

export type Plan = Record<StepId, number>;

export const MIN_MINUTES = 1;
export const MAX_MINUTES = 120;

/** Total minutes of a plan. */
export function planTotal(plan: Plan): number {
  return STEP_IDS.reduce((sum, s) => sum + plan[s], 0);
}

/** A step's minutes as the leader typed them: whole minutes, 1 … 120; null when unreadable. */
export function parseMinutes(raw: string): number | null {
  const n = Number(raw.trim().replace(',', '.'));
  if (!raw.trim() || !Number.isFinite(n)) return null;
  return Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, Math.round(n)));
}

/** The bit of Web Storage the plan needs (a test passes a Map-backed one). */
export interface PlanStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const PLAN_KEY = 'klantreis.workshop.plan';

/** The leader's plan, or the default; unreadable or missing steps get their default. */
export function loadPlan(storage: PlanStorage | null): Plan {
  const plan: Plan = { ...DEFAULT_PLAN };
  let saved: unknown = null;
  try {
    saved = JSON.parse(storage?.getItem(PLAN_KEY) ?? 'null');
  } catch {
    saved = null;
  }
  if (saved && typeof saved === 'object') {
    for (const s of STEP_IDS) {
      const v = (saved as Record<string, unknown>)[s];
      if (typeof v === 'number') plan[s] = parseMinutes(String(v)) ?? plan[s];
    }
  }
  return plan;
}

export function savePlan(storage: PlanStorage | null, plan: Plan): void {
  try {
    storage?.setItem(PLAN_KEY, JSON.stringify(plan));
  } catch {
    // Storage full or off: the plan holds for this session only.
  }
}

/** The facilitator timer: which step, and how long it has run. Pausing keeps the time; going
 * to another step starts that step's clock from zero and keeps running if it ran. "Next" on
 * the last step ends the session: the clock stops and the timer is `finished`, with the time
 * the whole session used (`used`), to set against the plan. */
export class Timer {
  step = 0;
  /** Next on the last step ended the session; any step or Start takes it up again. */
  finished = false;
  /** Time run before the current stretch, in ms. */
  private banked = 0;
  /** When the current stretch started; null while paused. */
  private since: number | null = null;
  /** Time run on earlier visits of the steps, in ms (a step's clock restarts on each visit,
   * the session's does not). */
  private spent = 0;

  get running(): boolean {
    return this.since !== null;
  }

  get stepId(): StepId {
    return STEP_IDS[this.step] ?? 'goal';
  }

  start(now: number) {
    this.finished = false;
    if (this.since === null) this.since = now;
  }

  pause(now: number) {
    if (this.since !== null) {
      this.banked += now - this.since;
      this.since = null;
    }
  }

  toggle(now: number) {
    if (this.running) this.pause(now);
    else this.start(now);
  }

  /** Time spent on each step before the current stretch on it, in ms (for the report). */
  private perStep: Partial<Record<StepId, number>> = {};

  /** Goes to step `i` (clamped); its clock starts from zero. */
  goTo(i: number, now: number) {
    const running = this.running;
    this.perStep[this.stepId] = (this.perStep[this.stepId] ?? 0) + this.elapsed(now);
    this.spent += this.elapsed(now);
    this.finished = false;
    this.step = Math.max(0, Math.min(STEP_IDS.length - 1, i));
    this.banked = 0;
    this.since = running ? now : null;
  }

  /** True on the last step, where Next finishes the session. */
  get last(): boolean {
    return this.step === STEP_IDS.length - 1;
  }

  /** The next step; on the last step it ends the session (`finished`, the clock stopped). */
  next(now: number) {
    if (this.last) {
      this.pause(now);
      this.finished = true;
    } else this.goTo(this.step + 1, now);
  }

  previous(now: number) {
    this.goTo(this.step - 1, now);
  }

  /** The whole seconds each step has run so far (steps that never ran are left out): the
   * times the workshop report prints. */
  times(now: number): { step: StepId; seconds: number }[] {
    const all: Partial<Record<StepId, number>> = { ...this.perStep };
    all[this.stepId] = (all[this.stepId] ?? 0) + this.elapsed(now);
    return STEP_IDS.filter((id) => (all[id] ?? 0) >= 1000).map((id) => ({ step: id, seconds: Math.floor((all[id] ?? 0) / 1000) }));
  }

  /** Back to the first step, paused, at zero. */
  reset() {
    this.perStep = {};
    this.step = 0;
    this.banked = 0;
    this.spent = 0;
    this.since = null;
    this.finished = false;
  }

  /** Time the whole session has run, over every step and visit, in ms. */
  used(now: number): number {
    return this.spent + this.elapsed(now);
  }

  elapsed(now: number): number {
    return this.banked + (this.since === null ? 0 : Math.max(0, now - this.since));
  }

  /** Time left of the step's minutes in `plan`; negative once over. */
  remaining(now: number, plan: Plan): number {
    return plan[this.stepId] * 60_000 - this.elapsed(now);
  }

  /** True once the step's time is up. */
  over(now: number, plan: Plan): boolean {
    return this.remaining(now, plan) <= 0;
  }
}

/** `m:ss` for a time left; past zero, the time over as `+m:ss`. */
export function clock(ms: number): string {
  const over = ms < 0;
  // Whole seconds, rounded up while counting down (9.2 s left shows 0:10) and down when over.
  const s = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return over ? `+${text}` : text;
}

/** Where a gap is filled in: a journey field in the properties panel (by test id), a persona,
 * a phase on the canvas (and its duration field, or a new card in its touchpoint cell), a card
 * (selected, for its emotion), the review, or the grid as a whole. */
export type Place =
  | { kind: 'field'; testid: string }
  | { kind: 'persona'; id: string | null }
  | { kind: 'phase'; id: string; field?: string; newTouchpoint?: boolean }
  | { kind: 'card'; id: string }
  | { kind: 'review' }
  | { kind: 'parking' }
  | { kind: 'lanes' };

export function placeOf(gap: Gap): Place {
  switch (gap.kind) {
    case 'goal':
      return { kind: 'field', testid: 'journey-goal' };
    case 'scope_start':
      return { kind: 'field', testid: 'journey-scope-start' };
    case 'scope_end':
      return { kind: 'field', testid: 'journey-scope-end' };
    case 'next_steps':
      return { kind: 'field', testid: 'journey-next-steps' };
    case 'persona':
    case 'stakeholders':
      return { kind: 'persona', id: null };
    case 'persona_segment':
      return { kind: 'persona', id: gap.persona_id };
    case 'phases':
    case 'touchpoint_lane':
      return { kind: 'lanes' };
    case 'phase_duration':
      return { kind: 'phase', id: gap.phase_id, field: `phase-duration-${gap.phase_id}` };
    case 'phase_touchpoints':
      return { kind: 'phase', id: gap.phase_id, newTouchpoint: true };
    case 'phase_impact':
    case 'phase_emotion':
      return { kind: 'phase', id: gap.phase_id };
    case 'touchpoint_emotion':
      return { kind: 'card', id: gap.card_id };
    case 'review':
      return { kind: 'review' };
    case 'open_question':
      return { kind: 'parking' };
  }
}
