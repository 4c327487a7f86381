// What the presenting view draws: the emotion curve over the phases (every card with an
// emotion, in the map's order: phase, then lane, then card, as src/analysis/emotion.rs
// `curve`), in a box of the view's own units, and the cards of one phase by lane.

import type { Card, Journey, Lane } from '../generated/types';

export interface CurveDot {
  x: number;
  y: number;
  emotion: number;
  phase: number;
  card_id: string;
}

/** The curve's dots in a `w` × `h` box: phase `i` is the column [i·w/n, (i+1)·w/n), its dots
 * spread evenly across it; +2 is the top, −2 the bottom. */
export function curveDots(j: Pick<Journey, 'phases' | 'lanes' | 'cards'>, w: number, h: number): CurveDot[] {
  const n = j.phases.length;
  if (n === 0) return [];
  const lane = new Map(j.lanes.map((l, i) => [l.id, i]));
  const col = w / n;
  const out: CurveDot[] = [];
  j.phases.forEach((p, i) => {
    const cards = j.cards
      .map((c, k) => ({ c, k }))
      .filter(({ c }) => c.phase_id === p.id && c.emotion !== null && c.emotion !== undefined && lane.has(c.lane_id))
      .sort((a, b) => (lane.get(a.c.lane_id) ?? 0) - (lane.get(b.c.lane_id) ?? 0) || a.k - b.k);
    cards.forEach(({ c }, k) => {
      const e = c.emotion ?? 0;
      out.push({ x: i * col + ((k + 1) / (cards.length + 1)) * col, y: levelY(e, h), emotion: e, phase: i, card_id: c.id });
    });
  });
  return out;
}

/** The height of emotion `e` (−2 … +2) in a box `h` high, with a margin for the dots. */
export function levelY(e: number, h: number): number {
  const pad = h * 0.1;
  return pad + ((2 - e) / 4) * (h - 2 * pad);
}

/** The lanes that have cards in phase `phaseId`, each with its cards in order. */
export function phaseLanes(j: Pick<Journey, 'lanes' | 'cards'>, phaseId: string): { lane: Lane; cards: Card[] }[] {
  return j.lanes
    .map((lane) => ({ lane, cards: j.cards.filter((c) => c.phase_id === phaseId && c.lane_id === lane.id && c.text.trim() !== '') }))
    .filter((x) => x.cards.length > 0);
}
