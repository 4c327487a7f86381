// A uniform-grid spatial index over a Scene's items, for culling (draw only what is on screen)
// and hit testing. Built once per Scene; a 5,000-card map has ~20,000 items and queries touch
// only the few grid cells in view.

import type { Splice } from '../scene-patch';
import { bounds, contains, intersects, type Item, type Point, type Rect, type RecordRef, type Scene } from './scene';

const CELL_MM = 40;

export class SceneIndex {
  readonly scene: Scene;
  readonly boxes: Rect[];
  private readonly grid: Map<number, number[]>;
  private extent: Rect | null = null;
  /** Per item, the number of the last query that met it (a set without allocating one). */
  private stamps: Uint32Array;
  private stamp = 0;

  constructor(scene: Scene, boxes?: Rect[], grid?: Map<number, number[]>) {
    this.scene = scene;
    this.boxes = boxes ?? scene.items.map(bounds);
    this.stamps = new Uint32Array(this.boxes.length);
    if (grid) {
      this.grid = grid;
      return;
    }
    this.grid = new Map();
    this.boxes.forEach((b, i) => this.add(this.grid, b, i));
  }

  /** The index of `scene`, made by the splices `items` from the Scene of `old` (a keyed
   * change's `SceneStep`): the boxes and grid cells of the items kept are taken over
   * (renumbered), only the inserted ones are measured. `old` is left as it was (the canvas
   * still compares with it). */
  static patched(old: SceneIndex, scene: Scene, items: Splice<Item>[]): SceneIndex {
    const n = old.boxes.length;
    // Where each old item went in the new list, or -1 where it was deleted.
    const to = new Int32Array(n);
    const boxes: Rect[] = [];
    const inserted: number[] = [];
    let pos = 0;
    const keep = (end: number) => {
      for (; pos < end; pos++) {
        to[pos] = boxes.length;
        boxes.push(old.boxes[pos] as Rect);
      }
    };
    for (const s of items) {
      const at = Math.min(s.at, n);
      keep(at);
      const count = s.insert.length;
      for (let k = 0; k < count; k++) {
        const j = boxes.length;
        const item = scene.items[j];
        boxes.push(item ? bounds(item) : { x: 0, y: 0, w: 0, h: 0 });
        inserted.push(j);
      }
      const end = Math.min(at + s.delete, n);
      for (; pos < end; pos++) to[pos] = -1;
    }
    keep(n);
    if (boxes.length !== scene.items.length) return new SceneIndex(scene);
    const grid = new Map<number, number[]>();
    for (const [key, list] of old.grid) {
      const next: number[] = [];
      for (const i of list) {
        const j = to[i] ?? -1;
        if (j >= 0) next.push(j);
      }
      if (next.length) grid.set(key, next);
    }
    const index = new SceneIndex(scene, boxes, grid);
    for (const j of inserted) index.add(grid, boxes[j] as Rect, j);
    return index;
  }

  private add(grid: Map<number, number[]>, b: Rect, i: number): void {
    const [x0, x1, y0, y1] = cellRange(b);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const key = cellKey(x, y);
        let list = grid.get(key);
        if (!list) {
          list = [];
          grid.set(key, list);
        }
        list.push(i);
      }
    }
  }

  /** The box of all items' boxes. */
  private all(): Rect {
    if (this.extent) return this.extent;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const b of this.boxes) {
      x0 = Math.min(x0, b.x);
      y0 = Math.min(y0, b.y);
      x1 = Math.max(x1, b.x + b.w);
      y1 = Math.max(y1, b.y + b.h);
    }
    this.extent = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
    return this.extent;
  }

  /** Indices of the items whose boxes meet `r`, in paint order. */
  query(r: Rect): number[] {
    // The whole map in view (a large map at fit): every item, in order, without the grid.
    const e = this.all();
    if (r.x <= e.x && r.y <= e.y && r.x + r.w >= e.x + e.w && r.y + r.h >= e.y + e.h) {
      return Array.from({ length: this.boxes.length }, (_, i) => i);
    }
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    const hits: number[] = [];
    const [x0, x1, y0, y1] = cellRange(r);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        for (const i of this.grid.get(cellKey(x, y)) ?? []) {
          const b = this.boxes[i];
          if (b && this.stamps[i] !== this.stamp && intersects(b, r)) {
            this.stamps[i] = this.stamp;
            hits.push(i);
          }
        }
      }
    }
    return Array.from(Int32Array.from(hits).sort());
  }

  /** The topmost record under `p`; `slop` widens small targets (emotion points) in mm. */
  hit(p: Point, slop = 0): RecordRef | null {
    return this.hitItem(p, slop)?.target ?? null;
  }

  /** The topmost item with a record under `p`. */
  hitItem(p: Point, slop = 0): Item | null {
    const probe = { x: p.x - slop, y: p.y - slop, w: 2 * slop, h: 2 * slop };
    const hits = this.query(probe);
    for (const k of hits.reverse()) {
      const item = this.scene.items[k];
      if (item?.target && inside(item, p, slop)) return item;
    }
    return null;
  }

  /** The items meeting `r`, with their indices, in paint order (what to draw). */
  itemsIn(r: Rect): { i: number; item: Item }[] {
    const out: { i: number; item: Item }[] = [];
    for (const i of this.query(r)) {
      const item = this.scene.items[i];
      if (item) out.push({ i, item });
    }
    return out;
  }

  /** Ids of the cards whose sticky notes meet `r` (marquee selection). */
  cardsIn(r: Rect): string[] {
    const ids: string[] = [];
    for (const i of this.query(r)) {
      const item = this.scene.items[i];
      if (item?.type === 'rect' && item.target?.kind === 'card' && !ids.includes(item.target.id)) {
        ids.push(item.target.id);
      }
    }
    return ids;
  }

  private rects: Map<string, Rect> | null = null;
  private cardItems: Map<string, number[]> | null = null;

  /** Indices of the items drawn for a card (its note, text, points), in paint order. */
  itemsOfCard(id: string): number[] {
    if (!this.cardItems) {
      const out = new Map<string, number[]>();
      this.scene.items.forEach((item, i) => {
        if (item.target?.kind !== 'card') return;
        const list = out.get(item.target.id);
        if (list) list.push(i);
        else out.set(item.target.id, [i]);
      });
      this.cardItems = out;
    }
    return this.cardItems.get(id) ?? [];
  }

  /** The sticky-note rectangle of each card, keyed by id (first rect item wins). Computed
   * once per Scene: drags ask for it on every pointer move. */
  cardRects(): Map<string, Rect> {
    if (this.rects) return this.rects;
    const out = new Map<string, Rect>();
    for (const item of this.scene.items) {
      if (item.type === 'rect' && item.target?.kind === 'card' && !out.has(item.target.id)) {
        out.set(item.target.id, item.rect);
      }
    }
    this.rects = out;
    return out;
  }
}

function inside(item: Item, p: Point, slop: number): boolean {
  switch (item.type) {
    case 'rect':
    case 'image':
      return contains(item.rect, p);
    case 'circle': {
      const dx = p.x - item.centre.x;
      const dy = p.y - item.centre.y;
      const r = item.r + slop;
      return dx * dx + dy * dy <= r * r;
    }
    case 'text':
      return contains(bounds(item), p);
    case 'path':
      // An arrow between cards is grabbed on its line; other curves are only drawn (their
      // points are what users grab).
      if (item.target?.kind !== 'link') return false;
      if (item.fill) return contains(bounds(item), p);
      return nearPath(item.segs, p, slop + (item.stroke?.width ?? 0));
  }
}

/** True when `p` lies within `d` of the path (cubics sampled as short lines). */
function nearPath(segs: Extract<Item, { type: 'path' }>['segs'], p: Point, d: number): boolean {
  let at: Point | null = null;
  const near = (a: Point, b: Point) => {
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = dx * dx + dy * dy;
    const t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
    return Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y) <= d;
  };
  for (const s of segs) {
    if (s.op === 'move') at = s.to;
    else if (s.op === 'line' && at) {
      if (near(at, s.to)) return true;
      at = s.to;
    } else if (s.op === 'cubic' && at) {
      const a = at;
      let prev = a;
      for (let k = 1; k <= 16; k++) {
        const t = k / 16;
        const u = 1 - t;
        const q = {
          x: u * u * u * a.x + 3 * u * u * t * s.c1.x + 3 * u * t * t * s.c2.x + t * t * t * s.to.x,
          y: u * u * u * a.y + 3 * u * u * t * s.c1.y + 3 * u * t * t * s.c2.y + t * t * t * s.to.y,
        };
        if (near(prev, q)) return true;
        prev = q;
      }
      at = s.to;
    }
  }
  return false;
}

/** The grid cells a box spans: first and last column, first and last row. */
function cellRange(r: Rect): [number, number, number, number] {
  return [Math.floor(r.x / CELL_MM), Math.floor((r.x + r.w) / CELL_MM), Math.floor(r.y / CELL_MM), Math.floor((r.y + r.h) / CELL_MM)];
}

/** One number per cell (columns and rows within ±2^20 cells, far beyond any page). */
function cellKey(x: number, y: number): number {
  return (x + 1048576) * 2097152 + (y + 1048576);
}
