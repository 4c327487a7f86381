// The phases × lanes grid of a journey as rows of cells, for the read-only journey view.
// (The canvas editor will draw the core's layout Scene instead.)
import type { Card, Journey, Lane, Phase } from '../generated/types';

export interface GridCell {
  phase: Phase;
  cards: Card[];
}

export interface GridRow {
  lane: Lane;
  cells: GridCell[];
}

/** One row per lane, one cell per phase, cards in their order. Cards pointing at an unknown
 * phase or lane are left out (the core's validation forbids them anyway). */
export function buildGrid(j: Journey): GridRow[] {
  const byCell = new Map<string, Card[]>();
  for (const c of j.cards) {
    const key = `${c.phase_id}\u0000${c.lane_id}`;
    const list = byCell.get(key);
    if (list) list.push(c);
    else byCell.set(key, [c]);
  }
  const byOrder = (a: Card, b: Card) =>
    a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return j.lanes.map((lane) => ({
    lane,
    cells: j.phases.map((phase) => ({
      phase,
      cards: (byCell.get(`${phase.id}\u0000${lane.id}`) ?? []).slice().sort(byOrder),
    })),
  }));
}

/** Emotion on the −2 … +2 scale as a short sign for a badge. */
export function emotionGlyph(e: number | null | undefined): string | null {
  if (e === null || e === undefined) return null;
  return ['−2', '−1', '0', '+1', '+2'][e + 2] ?? null;
}
