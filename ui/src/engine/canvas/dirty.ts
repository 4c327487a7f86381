// What to repaint after a change: the parts of the map where what was painted and what is to
// be painted differ (the old and new boxes of the groups a keyed change touched, of the cards
// whose fading or selection ring changed, of what is hidden or shown again), as a few
// rectangles. Everything outside them is drawn by the same items in the same order before
// and after, so clipping to them, clearing and drawing only the items that meet them gives
// the same pixels as painting the whole map (tested in dirty.test.ts).

import type { SceneStep } from '../scene-patch';
import type { SceneIndex } from './index';
import { bounds, type Item, type Rect, type Scene } from './scene';

/** What one paint showed (or the next one will). */
export interface Painted {
  scene: Scene;
  index: SceneIndex;
  /** Cards drawn faded (being dragged). */
  dimmed: ReadonlySet<string>;
  /** Cards with a selection ring. */
  selected: ReadonlySet<string>;
  /** Items left out (the curve's own labels; the curve while a point is dragged). */
  hidden: ReadonlySet<Item>;
}

/** The boxes (mm) where `before` and `after` may differ, or null when the map must be
 * painted whole (the Scene was not made from the one painted by `step`, or its page changed). */
export function changedBoxes(before: Painted, after: Painted, step?: Pick<SceneStep, 'base' | 'scene' | 'dirty'>): Rect[] | null {
  const out: Rect[] = [];
  if (before.scene !== after.scene) {
    if (!step || step.base !== before.scene || step.scene !== after.scene || !step.dirty) return null;
    const a = before.scene;
    const b = after.scene;
    if (b.width !== a.width || b.height !== a.height || b.scale !== a.scale || !sameRect(b.content, a.content)) return null;
    // The old and new boxes of the groups the change touched (scene-patch.ts).
    out.push(...step.dirty);
  }
  for (const id of symmetricDifference(before.dimmed, after.dimmed)) cardBoxes(out, id, before, after);
  for (const id of symmetricDifference(before.selected, after.selected)) cardBoxes(out, id, before, after);
  for (const it of symmetricDifference(before.hidden, after.hidden)) push(out, bounds(it));
  return out;
}

/** `boxes` grown by `pad` (mm) and snapped to a grid of `cell` mm, as rows of runs: a few
 * rectangles that cover them all, for a clip and for the index's queries. */
export function cover(boxes: Rect[], pad: number, cell = 10): Rect[] {
  const rows = new Map<number, Set<number>>();
  for (const b of boxes) {
    const x0 = Math.floor((b.x - pad) / cell);
    const x1 = Math.floor((b.x + b.w + pad) / cell);
    const y0 = Math.floor((b.y - pad) / cell);
    const y1 = Math.floor((b.y + b.h + pad) / cell);
    for (let y = y0; y <= y1; y++) {
      let row = rows.get(y);
      if (!row) rows.set(y, (row = new Set()));
      for (let x = x0; x <= x1; x++) row.add(x);
    }
  }
  // Runs of cells along each row; a run that the row below repeats grows down instead.
  const out: Rect[] = [];
  const open = new Map<string, Rect>();
  for (const y of [...rows.keys()].sort((a, b) => a - b)) {
    const xs = [...(rows.get(y) ?? [])].sort((a, b) => a - b);
    const here = new Map<string, Rect>();
    for (let i = 0; i < xs.length; ) {
      let j = i;
      while (j + 1 < xs.length && xs[j + 1] === (xs[j] ?? 0) + 1) j++;
      const x0 = xs[i] ?? 0;
      const x1 = xs[j] ?? 0;
      const key = `${x0},${x1}`;
      const above = open.get(key);
      if (above && above.y + above.h === y * cell) {
        above.h += cell;
        here.set(key, above);
      } else {
        const r = { x: x0 * cell, y: y * cell, w: (x1 - x0 + 1) * cell, h: cell };
        out.push(r);
        here.set(key, r);
      }
      i = j + 1;
    }
    open.clear();
    for (const [k, r] of here) open.set(k, r);
  }
  return out;
}

/** Indices of the items meeting any of `rects` grown by `pad` (mm), in paint order. */
export function itemsMeeting(index: SceneIndex, rects: Rect[], pad: number): number[] {
  const seen = new Set<number>();
  for (const r of rects) {
    for (const i of index.query({ x: r.x - pad, y: r.y - pad, w: r.w + 2 * pad, h: r.h + 2 * pad })) seen.add(i);
  }
  return [...seen].sort((a, b) => a - b);
}

function cardBoxes(out: Rect[], id: string, before: Painted, after: Painted): void {
  for (const p of [before, after]) for (const i of p.index.itemsOfCard(id)) push(out, p.index.boxes[i]);
}

function push(out: Rect[], r: Rect | undefined): void {
  if (r) out.push(r);
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

function* symmetricDifference<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): Generator<T> {
  if (a === b) return;
  for (const x of a) if (!b.has(x)) yield x;
  for (const x of b) if (!a.has(x)) yield x;
}

/** Whether `clip` (rectangles that do not overlap, as `cover` makes them) covers more than
 * `share` of `view`. A change over most of the view (a lane that grew a row shifts all below
 * it) is painted whole: clipping to hundreds of rectangles and finding the items that reach
 * them then costs more than the pixels it saves (measured: a 5,000-card map, 124–134 ms
 * clipped against 83 ms whole). */
export function mostOf(clip: Rect[], view: Rect, share = 0.5): boolean {
  const area = (r: Rect) => Math.max(0, r.w) * Math.max(0, r.h);
  return clip.reduce((sum, r) => sum + area(r), 0) > share * area(view);
}
