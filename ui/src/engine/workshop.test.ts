import { describe, expect, it } from 'vitest';
import { clock, DEFAULT_PLAN, loadPlan, parseMinutes, placeOf, planTotal, savePlan, STEP_IDS, Timer, PLAN_KEY, type PlanStorage } from './workshop';
import { stepName } from './i18n';

const MIN = 60_000;

function memory(init: Record<string, string> = {}): PlanStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(init));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('the default plan', () => {
  it('is a 45-minute session over the nine steps of the method', () => {
    expect(STEP_IDS).toHaveLength(9);
    expect(planTotal({ ...DEFAULT_PLAN })).toBe(45);
    for (const s of STEP_IDS) expect(DEFAULT_PLAN[s], s).toBeGreaterThan(0);
  });
});

describe('the facilitator timer', () => {
  it('counts down while running and keeps its time when paused', () => {
    const t = new Timer();
    const plan = { ...DEFAULT_PLAN };
    expect(t.running).toBe(false);
    expect(t.remaining(0, plan)).toBe(3 * MIN);
    t.start(1_000);
    expect(t.remaining(61_000, plan)).toBe(2 * MIN);
    t.pause(61_000);
    // Paused: the clock stands still however long the pause.
    expect(t.remaining(500_000, plan)).toBe(2 * MIN);
    t.toggle(500_000);
    expect(t.running).toBe(true);
    expect(t.elapsed(530_000)).toBe(90_000);
  });

  it('keeps the time each step ran for the workshop report', () => {
    const t = new Timer();
    expect(t.times(0)).toEqual([]);
    t.start(0);
    t.next(2 * MIN + 500); // goal: 2:00
    t.next(5 * MIN); // persona: 2:59
    t.previous(6 * MIN); // scope: 1:00, back to persona
    expect(t.times(7 * MIN)).toEqual([
      { step: 'goal', seconds: 120 },
      { step: 'persona', seconds: 179 + 60 },
      { step: 'scope', seconds: 60 },
    ]);
    t.reset();
    expect(t.times(8 * MIN)).toEqual([]);
  });

  it('says when the time is up and how far over it is', () => {
    const t = new Timer();
    const plan = { ...DEFAULT_PLAN, goal: 1 };
    t.start(0);
    expect(t.over(59_000, plan)).toBe(false);
    expect(t.over(60_000, plan)).toBe(true);
    expect(clock(t.remaining(59_000, plan))).toBe('0:01');
    expect(clock(t.remaining(75_500, plan))).toBe('+0:15');
  });

  it('starts the next step from zero and keeps running, stopping after the last', () => {
    const t = new Timer();
    const plan = { ...DEFAULT_PLAN };
    t.start(0);
    t.next(2 * MIN);
    expect(t.stepId).toBe('persona');
    expect(t.running).toBe(true);
    expect(t.remaining(3 * MIN, plan)).toBe(4 * MIN);
    t.goTo(99, 3 * MIN);
    expect(t.stepId).toBe('next_steps');
    t.next(4 * MIN);
    expect(t.running).toBe(false);
    expect(t.stepId).toBe('next_steps');
    t.previous(4 * MIN);
    expect(t.stepId).toBe('review');
    expect(t.elapsed(9 * MIN)).toBe(0);
    t.reset();
    expect([t.step, t.running, t.elapsed(10 * MIN)]).toEqual([0, false, 0]);
  });

  it('ends the session on the last step, with the time it used over every step', () => {
    const t = new Timer();
    t.start(0);
    t.next(2 * MIN);
    t.next(7 * MIN);
    t.previous(8 * MIN); // back to the persona: its clock restarts, the session's does not
    expect(t.elapsed(8 * MIN)).toBe(0);
    t.goTo(STEP_IDS.length - 1, 9 * MIN);
    expect(t.last).toBe(true);
    expect(t.finished).toBe(false);
    t.next(12 * MIN);
    expect([t.finished, t.running, t.stepId]).toEqual([true, false, 'next_steps']);
    expect(t.used(20 * MIN)).toBe(12 * MIN);
    // Start again takes the session up; starting over forgets it.
    t.start(20 * MIN);
    expect(t.finished).toBe(false);
    t.reset();
    expect([t.finished, t.used(30 * MIN)]).toEqual([false, 0]);
  });

  it('reads minutes: whole, 1 to 120, a comma as decimal point', () => {
    expect(parseMinutes('7')).toBe(7);
    expect(parseMinutes(' 2,6 ')).toBe(3);
    expect(parseMinutes('0')).toBe(1);
    expect(parseMinutes('500')).toBe(120);
    expect(parseMinutes('')).toBeNull();
    expect(parseMinutes('soon')).toBeNull();
  });

  it('keeps the leader’s plan in local settings, defaults for what is missing or broken', () => {
    const store = memory();
    expect(loadPlan(store)).toEqual(DEFAULT_PLAN);
    savePlan(store, { ...DEFAULT_PLAN, touchpoints: 20 });
    expect(loadPlan(store).touchpoints).toBe(20);
    expect(JSON.parse(store.data.get(PLAN_KEY) ?? '{}').touchpoints).toBe(20);
    expect(loadPlan(memory({ [PLAN_KEY]: '{"goal": 4, "persona": "x", "review": -3}' }))).toEqual({ ...DEFAULT_PLAN, goal: 4, review: 1 });
    expect(loadPlan(memory({ [PLAN_KEY]: 'not json' }))).toEqual(DEFAULT_PLAN);
    expect(loadPlan(null)).toEqual(DEFAULT_PLAN);
  });
});

describe('where a gap takes the user', () => {
  it('names the field, the persona, the phase or the card', () => {
    expect(placeOf({ kind: 'goal' })).toEqual({ kind: 'field', testid: 'journey-goal' });
    expect(placeOf({ kind: 'next_steps' })).toEqual({ kind: 'field', testid: 'journey-next-steps' });
    expect(placeOf({ kind: 'persona_segment', persona_id: 'p1' })).toEqual({ kind: 'persona', id: 'p1' });
    expect(placeOf({ kind: 'phase_duration', phase_id: 'ph1' })).toEqual({ kind: 'phase', id: 'ph1', field: 'phase-duration-ph1' });
    expect(placeOf({ kind: 'phase_impact', phase_id: 'ph1' })).toEqual({ kind: 'phase', id: 'ph1' });
    expect(placeOf({ kind: 'phase_touchpoints', phase_id: 'ph1' })).toEqual({ kind: 'phase', id: 'ph1', newTouchpoint: true });
    expect(placeOf({ kind: 'touchpoint_emotion', card_id: 'c1' })).toEqual({ kind: 'card', id: 'c1' });
  });
});

describe('the workshop words', () => {
  it('names every step', () => {
    for (const s of STEP_IDS) expect(stepName('nl', s)).not.toMatch(/^ws\./);
  });
});
