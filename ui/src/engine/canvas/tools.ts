// The pointer tool as a small state machine: Idle → Pointing → (Dragging cards | Dragging a
// header | Dragging an emotion point | Marquee) → Idle, and Idle → Linking (a drag from the
// selected card's link handle to another card) → Idle. It turns pointer events (in scene mm)
// into a live Preview while dragging and one Intent on release, so a drag is one edit. Esc
// cancels. No DOM here: the Svelte canvas feeds it events and draws the Preview.

import type { Edit } from '../../generated/types';
import type { SceneIndex } from './index';
import { contains, normalise, type Point, type Rect, type Region } from './scene';

/** What a gesture asks for. A drop is the `Edit` itself (move cards, a phase or a lane; an
 * emotion set on the curve), as the core takes it: the editor sends it as it is. */
export type Intent =
  | { type: 'select'; ids: string[] }
  | { type: 'edit'; edit: Edit }
  | { type: 'new_card'; phase_id: string; lane_id: string; before: string | null }
  | { type: 'edit_card'; id: string }
  | { type: 'edit_phase'; id: string }
  | { type: 'edit_lane'; id: string }
  | { type: 'select_link'; id: string }
  | { type: 'edit_link'; id: string }
  | { type: 'add_link'; from: string; to: string };

export interface CardDrop {
  phase_id: string;
  lane_id: string;
  before: string | null;
  /** The target cell, to highlight. */
  cell: Rect;
  /** A thin bar where the cards will land. */
  indicator: Rect;
}

export type Preview =
  | { mode: 'idle' }
  | { mode: 'cards'; ids: string[]; dx: number; dy: number; drop: CardDrop | null }
  | { mode: 'marquee'; rect: Rect; ids: string[] }
  | { mode: 'header'; kind: 'phase' | 'lane'; id: string; dx: number; dy: number; before: string | null; indicator: Rect | null }
  | { mode: 'emotion'; id: string; value: number; y: number }
  | { mode: 'link'; from: string; start: Point; end: Point; target: string | null; targetRect: Rect | null };

type State =
  | { s: 'idle' }
  | { s: 'pointing'; start: Point; what: Grab; shift: boolean }
  | { s: 'cards'; start: Point; ids: string[]; last: Point }
  | { s: 'marquee'; start: Point; last: Point; shift: boolean }
  | { s: 'header'; start: Point; kind: 'phase' | 'lane'; id: string; last: Point }
  | { s: 'emotion'; id: string; region: Extract<Region, { kind: 'emotion' }>; value: number; original: number | null }
  | { s: 'link'; from: string; start: Point; last: Point };

type Grab =
  | { kind: 'card'; id: string }
  | { kind: 'emotion'; id: string; region: Extract<Region, { kind: 'emotion' }>; original: number | null }
  | { kind: 'phase'; id: string }
  | { kind: 'lane'; id: string }
  | { kind: 'link'; id: string }
  | { kind: 'empty' };

/** Where the link handle of a card's note sits: the middle of its right edge. */
export function handleAt(note: Rect): Point {
  return { x: note.x + note.w, y: note.y + note.h / 2 };
}

export class PointerTool {
  private state: State = { s: 'idle' };

  /**
   * @param index the current Scene's index (replace the tool's index when the Scene changes)
   * @param selection the selected card ids
   * @param emotionOf the current emotion of a card, to tell a real change from a click
   */
  constructor(
    public index: SceneIndex,
    private selection: () => string[],
    private emotionOf: (cardId: string) => number | null = () => null,
  ) {}

  get busy(): boolean {
    return this.state.s !== 'idle';
  }

  /** Pointer pressed at `p`; `slop` is a few screen pixels in mm (easier grabbing). */
  down(p: Point, shift: boolean, slop: number): Preview {
    const from = this.handleUnder(p, slop);
    if (from) {
      // A press on the handle starts a link at once: the arrow follows the pointer.
      const start = handleAt(this.index.cardRects().get(from) ?? { x: p.x, y: p.y, w: 0, h: 0 });
      this.state = { s: 'link', from, start, last: p };
      return this.preview();
    }
    const what = this.grab(p, slop);
    if (what.kind === 'emotion') {
      // Emotion points move at once: no threshold, the curve follows the pointer.
      const value = emotionAt(what.region, p.y);
      this.state = { s: 'emotion', id: what.id, region: what.region, value, original: what.original };
      return this.preview();
    }
    this.state = { s: 'pointing', start: p, what, shift };
    return { mode: 'idle' };
  }

  /** Pointer moved to `p`; `threshold` (mm) is how far a press must travel to become a drag. */
  move(p: Point, threshold: number): Preview {
    const st = this.state;
    if (st.s === 'pointing') {
      if (Math.hypot(p.x - st.start.x, p.y - st.start.y) < threshold) return { mode: 'idle' };
      const w = st.what;
      if (w.kind === 'card') {
        const sel = this.selection();
        // Dragging a selected card drags the whole selection; an unselected one drags alone.
        const ids = sel.includes(w.id) ? sel : [w.id];
        this.state = { s: 'cards', start: st.start, ids, last: p };
      } else if (w.kind === 'phase' || w.kind === 'lane') {
        this.state = { s: 'header', start: st.start, kind: w.kind, id: w.id, last: p };
      } else {
        this.state = { s: 'marquee', start: st.start, last: p, shift: st.shift };
      }
      return this.preview();
    }
    if (st.s === 'cards' || st.s === 'marquee' || st.s === 'header' || st.s === 'link') {
      st.last = p;
    } else if (st.s === 'emotion') {
      st.value = emotionAt(st.region, p.y);
    }
    return this.preview();
  }

  /** Pointer released: the one Intent of this gesture, if any. */
  up(p: Point): Intent | null {
    const st = this.state;
    this.state = { s: 'idle' };
    switch (st.s) {
      case 'idle':
        return null;
      case 'pointing': {
        const w = st.what;
        if (w.kind === 'card') {
          const sel = this.selection();
          if (st.shift) {
            return { type: 'select', ids: sel.includes(w.id) ? sel.filter((x) => x !== w.id) : [...sel, w.id] };
          }
          return { type: 'select', ids: [w.id] };
        }
        if (w.kind === 'link') return { type: 'select_link', id: w.id };
        return st.shift ? null : { type: 'select', ids: [] };
      }
      case 'cards': {
        st.last = p;
        const drop = this.cardDrop(p, st.ids);
        if (!drop) return null;
        if (this.isNoOp(st.ids, drop)) return null;
        return { type: 'edit', edit: { op: 'move_cards', ids: st.ids, phase_id: drop.phase_id, lane_id: drop.lane_id, before: drop.before } };
      }
      case 'marquee': {
        const ids = this.index.cardsIn(normalise(st.start, p));
        if (st.shift) {
          const sel = this.selection();
          return { type: 'select', ids: [...sel, ...ids.filter((i) => !sel.includes(i))] };
        }
        return { type: 'select', ids };
      }
      case 'header': {
        const target = this.headerDrop(st.kind, st.id, p);
        if (!target || !target.changes) return null;
        const edit: Edit = st.kind === 'phase' ? { op: 'move_phase', id: st.id, before: target.before } : { op: 'move_lane', id: st.id, before: target.before };
        return { type: 'edit', edit };
      }
      case 'emotion': {
        const value = emotionAt(st.region, p.y);
        if (value === st.original) return null;
        return { type: 'edit', edit: { op: 'update_card', id: st.id, patch: { emotion: value } } };
      }
      case 'link': {
        const to = this.cardAt(p);
        return to && to !== st.from ? { type: 'add_link', from: st.from, to } : null;
      }
    }
  }

  /** Esc: drop the gesture, change nothing. */
  cancel(): Preview {
    this.state = { s: 'idle' };
    return { mode: 'idle' };
  }

  /** Double-click: edit what is under the pointer, or write a new card in an empty spot. */
  doubleClick(p: Point, slop: number): Intent | null {
    const w = this.grab(p, slop);
    if (w.kind === 'card' || w.kind === 'emotion') return { type: 'edit_card', id: w.id };
    if (w.kind === 'phase') return { type: 'edit_phase', id: w.id };
    if (w.kind === 'lane') return { type: 'edit_lane', id: w.id };
    if (w.kind === 'link') return { type: 'edit_link', id: w.id };
    const cell = this.regionAt(p, 'cell');
    if (cell) return { type: 'new_card', phase_id: cell.phase_id, lane_id: cell.lane_id, before: null };
    return null;
  }

  preview(): Preview {
    const st = this.state;
    switch (st.s) {
      case 'idle':
      case 'pointing':
        return { mode: 'idle' };
      case 'cards':
        return {
          mode: 'cards',
          ids: st.ids,
          dx: st.last.x - st.start.x,
          dy: st.last.y - st.start.y,
          drop: this.cardDrop(st.last, st.ids),
        };
      case 'marquee': {
        const rect = normalise(st.start, st.last);
        return { mode: 'marquee', rect, ids: this.index.cardsIn(rect) };
      }
      case 'header': {
        const t = this.headerDrop(st.kind, st.id, st.last);
        return {
          mode: 'header',
          kind: st.kind,
          id: st.id,
          dx: st.kind === 'phase' ? st.last.x - st.start.x : 0,
          dy: st.kind === 'lane' ? st.last.y - st.start.y : 0,
          before: t?.before ?? null,
          indicator: t?.changes ? t.indicator : null,
        };
      }
      case 'emotion': {
        const r = st.region;
        const y = r.top + ((2 - st.value) / 4) * (r.bottom - r.top);
        return { mode: 'emotion', id: st.id, value: st.value, y };
      }
      case 'link': {
        const to = this.cardAt(st.last);
        const target = to && to !== st.from ? to : null;
        const targetRect = target ? (this.index.cardRects().get(target) ?? null) : null;
        return { mode: 'link', from: st.from, start: st.start, end: st.last, target, targetRect };
      }
    }
  }

  /** The selected card whose link handle is under `p` (only a single selection has one). */
  private handleUnder(p: Point, slop: number): string | null {
    const sel = this.selection();
    const id = sel.length === 1 ? sel[0] : undefined;
    if (id === undefined) return null;
    const note = this.index.cardRects().get(id);
    if (!note) return null;
    const h = handleAt(note);
    const r = slop * 1.5;
    return (p.x - h.x) ** 2 + (p.y - h.y) ** 2 <= r * r ? id : null;
  }

  /** The card whose note is under `p`. */
  private cardAt(p: Point): string | null {
    for (const [id, r] of this.index.cardRects()) if (contains(r, p)) return id;
    return null;
  }

  private grab(p: Point, slop: number): Grab {
    const item = this.index.hitItem(p, slop);
    const hit = item?.target;
    if (hit?.kind === 'card') {
      // A round item of a card in the emotion band is a point of the curve.
      const emo = item?.type === 'circle' ? (this.regionAt(p, 'emotion') ?? this.regionNear(p, slop)) : null;
      if (emo) return { kind: 'emotion', id: hit.id, region: emo, original: this.emotionOf(hit.id) };
      return { kind: 'card', id: hit.id };
    }
    if (hit?.kind === 'link') return { kind: 'link', id: hit.id };
    const ph = this.regionAt(p, 'phase_header');
    if (ph) return { kind: 'phase', id: ph.phase_id };
    const ln = this.regionAt(p, 'lane_header');
    if (ln) return { kind: 'lane', id: ln.lane_id };
    return { kind: 'empty' };
  }

  private regionAt<K extends Region['kind']>(p: Point, kind: K): Extract<Region, { kind: K }> | null {
    for (const r of this.index.scene.regions) {
      if (r.kind === kind && contains(r.rect, p)) return r as Extract<Region, { kind: K }>;
    }
    return null;
  }

  private regionNear(p: Point, slop: number): Extract<Region, { kind: 'emotion' }> | null {
    for (const r of this.index.scene.regions) {
      if (r.kind !== 'emotion') continue;
      const g = { x: r.rect.x - slop, y: r.rect.y - slop, w: r.rect.w + 2 * slop, h: r.rect.h + 2 * slop };
      if (contains(g, p)) return r;
    }
    return null;
  }

  /** Where cards dropped at `p` land: the cell under the pointer, before the first card that
   * comes after the pointer in reading order (rows top to bottom, left to right). */
  cardDrop(p: Point, moving: string[]): CardDrop | null {
    const cell = this.regionAt(p, 'cell');
    if (!cell) return null;
    const rects = [...this.index.cardRects()]
      .filter(([id, r]) => !moving.includes(id) && contains(cell.rect, { x: r.x + r.w / 2, y: r.y + r.h / 2 }))
      .sort(([, a], [, b]) => (Math.abs(a.y - b.y) < 0.5 ? a.x - b.x : a.y - b.y));
    let before: string | null = null;
    let indicator: Rect | null = null;
    for (const [id, r] of rects) {
      const sameRow = p.y >= r.y && p.y <= r.y + r.h;
      if (p.y < r.y || (sameRow && p.x < r.x + r.w / 2)) {
        before = id;
        indicator = { x: r.x - 1.5, y: r.y, w: 1.2, h: r.h };
        break;
      }
    }
    if (!indicator) {
      const last = rects[rects.length - 1]?.[1];
      indicator = last
        ? { x: last.x + last.w + 0.3, y: last.y, w: 1.2, h: last.h }
        : { x: cell.rect.x + 2, y: cell.rect.y + 2, w: 1.2, h: Math.max(4, cell.rect.h - 4) };
    }
    return { phase_id: cell.phase_id, lane_id: cell.lane_id, before, cell: cell.rect, indicator };
  }

  /** True when dropping would leave every moving card where it is. */
  private isNoOp(ids: string[], drop: CardDrop): boolean {
    const id = ids[0];
    if (ids.length !== 1 || id === undefined) return false;
    const all = [...this.index.cardRects()];
    const own = all.find(([cid]) => cid === id)?.[1];
    if (!own || !contains(drop.cell, { x: own.x + own.w / 2, y: own.y + own.h / 2 })) return false;
    const inCell = all
      .filter(([, r]) => contains(drop.cell, { x: r.x + r.w / 2, y: r.y + r.h / 2 }))
      .sort(([, a], [, b]) => (Math.abs(a.y - b.y) < 0.5 ? a.x - b.x : a.y - b.y))
      .map(([cid]) => cid);
    const next = inCell[inCell.indexOf(id) + 1] ?? null;
    return drop.before === next;
  }

  private headerDrop(
    kind: 'phase' | 'lane',
    id: string,
    p: Point,
  ): { before: string | null; changes: boolean; indicator: Rect } | null {
    const heads = this.index.scene.regions
      .filter((r) => r.kind === (kind === 'phase' ? 'phase_header' : 'lane_header'))
      .map((r) => ({ id: r.kind === 'phase_header' ? r.phase_id : r.kind === 'lane_header' ? r.lane_id : '', rect: r.rect }))
      .sort((a, b) => (kind === 'phase' ? a.rect.x - b.rect.x : a.rect.y - b.rect.y));
    if (heads.length === 0) return null;
    const pos = kind === 'phase' ? p.x : p.y;
    let idx = heads.findIndex((h) => pos < (kind === 'phase' ? h.rect.x + h.rect.w / 2 : h.rect.y + h.rect.h / 2));
    if (idx < 0) idx = heads.length;
    const before = heads[idx]?.id ?? null;
    const own = heads.findIndex((h) => h.id === id);
    const changes = idx !== own && idx !== own + 1;
    const ref = heads[Math.min(idx, heads.length - 1)]?.rect;
    if (!ref) return null;
    const edge = idx < heads.length;
    const indicator =
      kind === 'phase'
        ? { x: (edge ? ref.x : ref.x + ref.w) - 0.8, y: ref.y, w: 1.6, h: ref.h }
        : { x: ref.x, y: (edge ? ref.y : ref.y + ref.h) - 0.8, w: ref.w, h: 1.6 };
    return { before, changes, indicator };
  }
}

/** The emotion (−2 … +2, whole steps) for height `y` in an emotion band. */
export function emotionAt(r: Extract<Region, { kind: 'emotion' }>, y: number): number {
  const t = (y - r.top) / (r.bottom - r.top);
  const v = Math.round(2 - 4 * t);
  return Math.max(-2, Math.min(2, v));
}
