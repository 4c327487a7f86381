// Pure helpers of the insights view: the curve's marks while a point is dragged (the same tie
// rules as the core's `analysis::emotion`), the value × effort matrix's geometry (where a chip
// dropped on the matrix lands, 1–5 each way) and its quadrants (`analysis::opportunities`).
// No DOM, so the rules are unit-tested (insights.test.ts).

import type { Quadrant } from '../generated/types';

export interface CurveMarks {
  peak: number | null;
  trough: number | null;
  end: number | null;
}

/** Indices of the highest, the lowest and the last value of a curve. Ties go to the earliest
 * moment, as in the core (src/analysis/emotion.rs), so the canvas and the insights tab name
 * the same card, also while a point is dragged. */
export function curveMarks(values: readonly number[]): CurveMarks {
  let peak: number | null = null;
  let trough: number | null = null;
  values.forEach((v, i) => {
    if (peak === null || v > (values[peak] ?? 0)) peak = i;
    if (trough === null || v < (values[trough] ?? 0)) trough = i;
  });
  return { peak, trough, end: values.length ? values.length - 1 : null };
}

export type MarkKind = 'peak' | 'trough' | 'end';

/** The marks of each point that has one, in the order peak, trough, end (a single point that
 * is the peak, the trough and the end is named once as the peak and end: one moment has no
 * trough of its own). */
export function marksByPoint(values: readonly number[]): Map<number, MarkKind[]> {
  const m = curveMarks(values);
  const out = new Map<number, MarkKind[]>();
  const add = (i: number | null, k: MarkKind) => {
    if (i === null) return;
    out.set(i, [...(out.get(i) ?? []), k]);
  };
  add(m.peak, 'peak');
  // A flat curve's lowest moment is its highest one: calling it both says nothing.
  if (m.trough !== m.peak) add(m.trough, 'trough');
  add(m.end, 'end');
  return out;
}

/** Scores are 1 … 5 (src/edit/card.rs); above the midpoint counts as high. */
export const SCORES = [1, 2, 3, 4, 5] as const;
export const MIDPOINT = 3;

/** The quadrant of a value and an effort, as the core decides it. */
export function quadrantOf(value: number, effort: number): Quadrant {
  const hv = value > MIDPOINT;
  const he = effort > MIDPOINT;
  return hv ? (he ? 'big_bet' : 'quick_win') : he ? 'money_pit' : 'fill_in';
}

/** The matrix's plot area in px: effort grows to the right, value grows upwards. */
export interface Plot {
  x: number;
  y: number;
  w: number;
  h: number;
}

function score(t: number): number {
  // Five equal columns (rows); outside the plot the nearest edge counts.
  return Math.min(5, Math.max(1, Math.floor(t * 5) + 1));
}

/** Value and effort of a point (px) on the matrix; null when it is far outside it (a drop
 * there cancels). */
export function scoreAt(plot: Plot, px: number, py: number, slack = 24): { value: number; effort: number } | null {
  if (px < plot.x - slack || px > plot.x + plot.w + slack || py < plot.y - slack || py > plot.y + plot.h + slack) return null;
  const effort = score((px - plot.x) / plot.w);
  const value = score((plot.y + plot.h - py) / plot.h);
  return { value, effort };
}

/** The centre (px) of the cell of a value and an effort. */
export function cellCentre(plot: Plot, value: number, effort: number): { x: number; y: number } {
  return { x: plot.x + ((effort - 0.5) / 5) * plot.w, y: plot.y + plot.h - ((value - 0.5) / 5) * plot.h };
}

/** Chips sharing a cell are stacked: the offset (px) of the `k`-th of `n`. */
export function stackOffset(k: number, n: number, gap = 26): number {
  return (k - (n - 1) / 2) * gap;
}

/** An emotion as the map writes it (+1, 0, −2). */
export function signed(v: number): string {
  return v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0';
}
