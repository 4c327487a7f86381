import { describe, expect, it } from 'vitest';
import { changedBoxes, cover, itemsMeeting, mostOf, type Painted } from './dirty';
import { fixture } from './fixture.test-util';
import { SceneIndex } from './index';
import { paint, type Ctx, type PaintOptions, type View } from './paint';
import { between, mapOf, type MapSpec } from '../keyed.test-util';
import { changed, keyed, type SceneStep } from '../scene-patch';
import type { Rect, Scene } from './scene';

/** A 2D context that rasterises symbolically: each device pixel holds a hash of the draw
 * operations that reached it, in order (an operation reaches the pixels its geometry's box
 * covers, widened by half the line width when stroked). Compositing is order-dependent, and
 * so is the hash; clearRect resets pixels; the clip (rectangles) limits both. Two paints that
 * leave the same hashes drew the same things, in the same order, at every pixel. */
class Raster {
  readonly px: Uint32Array;
  private t = [1, 0, 0, 1, 0, 0];
  private path: number[] = [];
  private pathRects: number[][] = [];
  private clipRects: number[][] | null = null;
  private stack: { t: number[]; clip: number[][] | null }[] = [];
  fillStyle: unknown = '#000';
  strokeStyle: unknown = '#000';
  lineWidth = 1;
  lineCap = 'butt';
  lineJoin = 'miter';
  globalAlpha = 1;
  font = '';
  textBaseline = 'alphabetic';
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.px = new Uint32Array(w * h);
  }
  private pt(x: number, y: number): [number, number] {
    const [a, , , d, e, f] = this.t;
    return [(a ?? 1) * x + (e ?? 0), (d ?? 1) * y + (f ?? 0)];
  }
  private add(x: number, y: number): void {
    this.path.push(...this.pt(x, y));
  }
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.t = [a, b, c, d, e, f];
  }
  save(): void {
    this.stack.push({ t: [...this.t], clip: this.clipRects });
  }
  restore(): void {
    const s = this.stack.pop();
    if (s) {
      this.t = s.t;
      this.clipRects = s.clip;
    }
  }
  beginPath(): void {
    this.path = [];
    this.pathRects = [];
  }
  moveTo(x: number, y: number): void {
    this.add(x, y);
  }
  lineTo(x: number, y: number): void {
    this.add(x, y);
  }
  bezierCurveTo(a: number, b: number, c: number, d: number, x: number, y: number): void {
    this.add(a, b);
    this.add(c, d);
    this.add(x, y);
  }
  arc(x: number, y: number, r: number): void {
    this.add(x - r, y - r);
    this.add(x + r, y + r);
  }
  arcTo(a: number, b: number, x: number, y: number): void {
    this.add(a, b);
    this.add(x, y);
  }
  closePath(): void {}
  rect(x: number, y: number, w: number, h: number): void {
    this.add(x, y);
    this.add(x + w, y + h);
    this.pathRects.push([...this.pt(x, y), ...this.pt(x + w, y + h)]);
  }
  clip(): void {
    this.clipRects = this.pathRects.map((r) => [...r]);
  }
  setLineDash(): void {}
  clearRect(x: number, y: number, w: number, h: number): void {
    this.cover([...this.pt(x, y), ...this.pt(x + w, y + h)], () => 0);
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    const box = [...this.pt(x, y), ...this.pt(x + w, y + h)];
    this.ink(`fillRect ${box.join(' ')} ${String(this.fillStyle)} ${this.globalAlpha}`, box);
  }
  fill(): void {
    this.ink(`fill ${this.path.join(' ')} ${String(this.fillStyle)} ${this.globalAlpha}`, this.box(0));
  }
  stroke(): void {
    const k = Math.abs(this.t[0] ?? 1);
    this.ink(`stroke ${this.path.join(' ')} ${String(this.strokeStyle)} ${this.lineWidth} ${this.globalAlpha}`, this.box((this.lineWidth * k) / 2));
  }
  fillText(text: string, x: number, y: number): void {
    // The fixture's text is about 0.6 em a character; its lines say as much (width).
    const size = Number(/ ([\d.]+)px/.exec(this.font)?.[1] ?? 10);
    const [sx, sy] = this.pt(x, y);
    const box = [sx, sy - size, sx + text.length * size * 0.6, sy + size * 0.35];
    this.ink(`text ${text} ${sx} ${sy} ${this.font} ${String(this.fillStyle)} ${this.globalAlpha}`, box);
  }
  drawImage(): void {}
  private box(pad: number): number[] {
    const xs = this.path.filter((_, i) => i % 2 === 0);
    const ys = this.path.filter((_, i) => i % 2 === 1);
    return [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad];
  }
  private ink(op: string, box: number[]): void {
    const h = hash(op);
    this.cover(box, (p) => Math.imul(p ^ h, 0x9e3779b1) >>> 0 || 1);
  }
  /** Applies `f` to every pixel the box touches, inside the clip. */
  private cover(box: number[], f: (p: number) => number): void {
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = box;
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(this.h, Math.ceil(y1)); y++) {
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(this.w, Math.ceil(x1)); x++) {
        if (this.clipRects && !this.clipRects.some(([a = 0, b = 0, c = 0, d = 0]) => x >= a && x + 1 <= c && y >= b && y + 1 <= d)) continue;
        const i = y * this.w + x;
        this.px[i] = f(this.px[i] ?? 0);
      }
    }
  }
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const view: View = { scale: 1.5, offsetX: 7.3, offsetY: 4.9, width: 330, height: 310 };

function options(p: Painted): PaintOptions {
  return { dpr: 1, dimmed: p.dimmed, selected: p.selected, skip: (it) => p.hidden.has(it), image: () => null, minTextPx: 3 };
}

function state(scene: Scene, o: Partial<Painted> = {}): Painted {
  return { scene, index: new SceneIndex(scene), dimmed: new Set(), selected: new Set(), hidden: new Set(), ...o };
}

/** The pixels of painting `p` whole. */
function whole(p: Painted): Uint32Array {
  const r = new Raster(view.width, view.height);
  paint(r as unknown as Ctx, { w: p.scene.width, h: p.scene.height }, p.scene.items, view, options(p));
  return r.px;
}

/** The pixels of painting `before` whole and then only what changed for `after`, as the
 * canvas does; and the clip used. */
function partial(before: Painted, after: Painted, step?: SceneStep): { px: Uint32Array; clip: Rect[]; drawn: number } {
  const r = new Raster(view.width, view.height);
  paint(r as unknown as Ctx, { w: before.scene.width, h: before.scene.height }, before.scene.items, view, options(before));
  const boxes = changedBoxes(before, after, step);
  if (!boxes) throw new Error('expected a partial repaint');
  const pad = 2 + 2 / view.scale;
  const clip = cover(boxes, pad);
  const items = itemsMeeting(after.index, clip, pad).flatMap((i) => after.scene.items[i] ?? []);
  const drawn = paint(r as unknown as Ctx, { w: after.scene.width, h: after.scene.height }, items, view, options(after), clip);
  return { px: r.px, clip, drawn };
}

const base: MapSpec = { cells: { 'l1/pA': ['c1', 'c2'], 'l2/pB': ['c3'] } };

/** The flat Scenes of `from` and `to` and the step the keyed change between them makes. */
function edited(from: MapSpec, to: MapSpec): { old: Scene; next: Scene; step: SceneStep } {
  const held = keyed(mapOf(from));
  const { keyed: next, step } = changed(held, between(mapOf(from), mapOf(to)));
  return { old: held.scene, next: next.scene, step };
}

function differing(a: Uint32Array, b: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

describe('repainting only what changed', () => {
  it('gives the pixels of a whole repaint after a card moved to another cell', () => {
    // c1 leaves the first cell for the last; c2 moves up into its place.
    const more = { 'l1/pB': ['c7', 'c8'], 'l2/pA': ['c9'] };
    const { old, next, step } = edited({ cells: { ...base.cells, ...more } }, { cells: { 'l1/pA': ['c2'], 'l2/pB': ['c3', 'c1'], ...more } });
    const before = state(old);
    const after = state(next);
    const got = partial(before, after, step);
    expect(differing(got.px, whole(after))).toBe(0);
    // It did change pixels, and it drew fewer items than the whole map has.
    expect(differing(whole(before), whole(after))).toBeGreaterThan(0);
    expect(got.drawn).toBeLessThan(next.items.length);
  });

  it('gives the pixels of a whole repaint after a lane grew a row and pushed the next one down', () => {
    const { old, next, step } = edited(base, { cells: { ...base.cells, 'l1/pB': ['c4', 'c5', 'c6'] } });
    const after = state(next);
    expect(differing(partial(state(old), after, step).px, whole(after))).toBe(0);
  });

  it('gives the pixels of a whole repaint after a delete, a drop (fading ends) and a selection', () => {
    const { old, next, step } = edited(base, { cells: { 'l1/pA': ['c1', 'c2'] } });
    const before = state(old, { dimmed: new Set(['c3']), selected: new Set(['c1']) });
    const after = state(next, { selected: new Set(['c2']) });
    expect(differing(partial(before, after, step).px, whole(after))).toBe(0);
  });

  it('gives the pixels of a whole repaint when the curve is hidden for a drag and shown again', () => {
    const s = fixture();
    const curve = new Set(s.items.filter((it) => it.type === 'path' || it.type === 'circle'));
    const shown = state(s);
    const hiddenState = { ...shown, hidden: curve };
    expect(differing(partial(shown, hiddenState).px, whole(hiddenState))).toBe(0);
    expect(differing(partial(hiddenState, shown).px, whole(shown))).toBe(0);
  });

  it('would leave stale pixels if the old place of a moved item were not repainted', () => {
    // The check above is able to fail: repaint only the new place of a note a row pushed down.
    const { old, next } = edited(base, { cells: { ...base.cells, 'l1/pB': ['c4', 'c5', 'c6'] } });
    const r = new Raster(view.width, view.height);
    paint(r as unknown as Ctx, { w: old.width, h: old.height }, old.items, view, options(state(old)));
    const after = state(next);
    const c3 = next.items.findIndex((it) => it.type === 'rect' && it.target?.id === 'c3');
    const clip = cover([after.index.boxes[c3] as Rect], 3);
    paint(r as unknown as Ctx, { w: next.width, h: next.height }, itemsMeeting(after.index, clip, 3).flatMap((i) => next.items[i] ?? []), view, options(after), clip);
    expect(differing(r.px, whole(after))).toBeGreaterThan(0);
  });

  it('asks for a whole repaint when the page changed or the Scene was not made from the painted one', () => {
    const { old, next, step } = edited(base, { ...base, width: 220 });
    expect(changedBoxes(state(old), state(next), step)).toBeNull();
    const other = edited(base, { ...base, texts: { c1: 'x' } });
    expect(changedBoxes(state(old), state(other.next), other.step)).toBeNull();
    expect(changedBoxes(state(other.old), state(other.next))).toBeNull();
    expect(changedBoxes(state(other.old), state(other.next), other.step)).not.toBeNull();
  });
});

describe('cover', () => {
  it('covers every box with few rectangles on a grid', () => {
    const boxes = [
      { x: 3, y: 3, w: 4, h: 4 },
      { x: 12, y: 4, w: 3, h: 30 },
    ];
    const rects = cover(boxes, 1, 10);
    for (const b of boxes) {
      const inside = (x: number, y: number) => rects.some((r) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h);
      expect(inside(b.x - 1, b.y - 1) && inside(b.x + b.w + 1, b.y + b.h + 1)).toBe(true);
    }
    expect(rects).toEqual([
      { x: 0, y: 0, w: 20, h: 10 },
      { x: 10, y: 10, w: 10, h: 30 },
    ]);
  });
});

describe('a change over most of the view', () => {
  it('is painted whole: the clip covers more than half of it', () => {
    const view = { x: 0, y: 0, w: 100, h: 80 };
    // Everything below a lane that grew, in the 10 mm cells cover() makes.
    const below = cover([{ x: 0, y: 30, w: 100, h: 50 }], 0);
    expect(mostOf(below, view)).toBe(true);
    expect(mostOf(cover([{ x: 10, y: 10, w: 20, h: 12 }], 2), view)).toBe(false);
    expect(mostOf([], view)).toBe(false);
  });
});
