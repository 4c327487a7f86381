// Fast entry and the card clipboard: pure helpers the editor uses, unit-tested.
import type { Card, Journey } from '../../generated/types';

export interface Cell {
  phase_id: string;
  lane_id: string;
}

/** The next cell in reading order (along the phases, then down the lanes); `step` −1 goes
 * back. Wraps around at the ends, as Tab does in a table. */
export function nextCell(j: Pick<Journey, 'phases' | 'lanes'>, from: Cell, step: 1 | -1 = 1): Cell | null {
  const np = j.phases.length;
  const nl = j.lanes.length;
  const first = { p: j.phases[0], l: j.lanes[0] };
  if (!first.p || !first.l) return null;
  const p = j.phases.findIndex((x) => x.id === from.phase_id);
  const l = j.lanes.findIndex((x) => x.id === from.lane_id);
  if (p < 0 || l < 0) return { phase_id: first.p.id, lane_id: first.l.id };
  const i = (((l * np + p + step) % (np * nl)) + np * nl) % (np * nl);
  const phase = j.phases[i % np];
  const lane = j.lanes[Math.floor(i / np)];
  return phase && lane ? { phase_id: phase.id, lane_id: lane.id } : null;
}

/** Copied cards, kept for the app's lifetime so they can be pasted into another journey. */
class CardClipboard {
  private cards: Card[] = [];

  set(cards: Card[]): void {
    this.cards = cards.map((c) => ({ ...c, evidence: (c.evidence ?? []).map((e) => ({ ...e })) }));
  }

  get(): Card[] {
    return this.cards.map((c) => ({ ...c }));
  }
}

export const clipboard = new CardClipboard();
