// The map on its <canvas>: painted whole, or, after an edit, a changed selection or a drag's
// start and end, only where what it shows changed (dirty.ts). It keeps what it painted last
// and knows nothing of Svelte: Canvas.svelte decides when to paint and hands it what to show.

import type { SceneStep } from '../scene-patch';
import { changedBoxes, cover, itemsMeeting, mostOf, type Painted } from './dirty';
import type { SceneIndex } from './index';
import { beyondNoto, paint, type PaintOptions } from './paint';
import type { Item, Rect, Scene } from './scene';
import type { Viewport } from './viewport';

/** Ink reaches a little past an item's box (strokes, the selection ring, glyph overhang) and
 * antialiasing a pixel further: what changed grows by this (mm, plus 2 px). */
const INK_MM = 2;

/** What the map shows now. */
export interface MapView {
  scene: Scene;
  /** How `scene` was made from the Scene before it, when it was (a keyed change). */
  step: SceneStep | null;
  index: SceneIndex;
  /** The items in view, in paint order. */
  visible: () => Iterable<Item>;
  /** Cards drawn faded while dragged. */
  dimmed: ReadonlySet<string>;
  selected: ReadonlySet<string>;
  /** Items left out (the curve's own labels; the curve while a point is dragged). */
  hidden: ReadonlySet<Item>;
  /** Cards faded by the assumptions filter. */
  faded: ReadonlySet<string> | null;
  /** How many images have loaded (a new one paints everything). */
  images: number;
  image: (id: string) => HTMLImageElement | null;
  minTextPx: number;
}

type Shown = Painted & { view: string; faded: ReadonlySet<string> | null; images: number };

export class MapPainter {
  private painted: Shown | null = null;
  private wholeNext = true;

  /** The next paint paints everything (a font arrived). */
  invalidate(): void {
    this.wholeNext = true;
  }

  paint(cv: HTMLCanvasElement, vp: Viewport, dpr: number, m: MapView): void {
    const ctx = cv.getContext('2d');
    if (!ctx) return;
    const w = Math.round(vp.width * dpr);
    const h = Math.round(vp.height * dpr);
    if (cv.width !== w || cv.height !== h) {
      cv.width = w;
      cv.height = h;
    }
    const started = performance.now();
    const now: Shown = {
      scene: m.scene,
      index: m.index,
      dimmed: m.dimmed,
      selected: m.selected,
      hidden: m.hidden,
      view: `${vp.scale} ${vp.offsetX} ${vp.offsetY} ${vp.width} ${vp.height} ${dpr} ${w} ${h}`,
      faded: m.faded,
      images: m.images,
    };
    // A new view, a new page or a font that arrived paints everything.
    const before = this.painted;
    const same = before && !this.wholeNext && before.view === now.view && before.faded === m.faded && before.images === m.images;
    const boxes = same && before ? changedBoxes(before, now, m.step ?? undefined) : null;
    this.painted = now;
    this.wholeNext = false;
    let clip: Rect[] | null = null;
    let mostly = false;
    let items: Iterable<Item> = m.visible();
    if (boxes) {
      if (boxes.length === 0) return;
      const pad = INK_MM + 2 / vp.scale;
      clip = inView(cover(boxes, pad), vp.visible(), pad);
      if (clip.length === 0) return;
      if (mostOf(clip, vp.visible())) {
        clip = null;
        mostly = true;
      } else items = itemsMeeting(m.index, clip, pad).flatMap((i) => m.scene.items[i] ?? []);
    }
    const options: PaintOptions = {
      dpr,
      dimmed: m.dimmed,
      faded: m.faded,
      selected: m.selected,
      skip: (it: Item) => m.hidden.has(it),
      image: m.image,
      minTextPx: m.minTextPx,
    };
    const paper = { w: m.scene.width, h: m.scene.height };
    paint(ctx, paper, items, vp, options, clip);
    // The end-to-end test of partial repaints (e2e/tests/repaint.rs) asks for each one to be
    // compared with a whole repaint: the pixels that differ are counted (0 when nothing stale
    // or missing is left behind).
    const hooks = window as unknown as { __kPaintCheck?: number[]; __kPaintWhole?: number[] };
    if (hooks.__kPaintCheck && clip) hooks.__kPaintCheck.push(differsFromWhole(ctx, (o) => paint(o, paper, m.visible(), vp, options)));
    // A whole repaint (a new view, a change over most of it, or a change that came in the
    // same frame as a resize): nothing to compare, but the test learns that it was painted.
    else if (!clip) hooks.__kPaintWhole?.push(mostly ? 1 : 0);
    // The benchmark (e2e/examples/drag_bench.rs) reads how long painting the map takes.
    (window as unknown as { __kPaintMs?: number[] }).__kPaintMs?.push(performance.now() - started);
  }
}

/** The parts of `rects` within the view (grown by `pad`). */
function inView(rects: Rect[], v: Rect, pad: number): Rect[] {
  return rects.flatMap((r) => {
    const x0 = Math.max(r.x, v.x - pad);
    const y0 = Math.max(r.y, v.y - pad);
    const x1 = Math.min(r.x + r.w, v.x + v.w + pad);
    const y1 = Math.min(r.y + r.h, v.y + v.h + pad);
    return x1 > x0 && y1 > y0 ? [{ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }] : [];
  });
}

/** How many pixels of `ctx`'s canvas differ from painting the whole map anew (by `whole`)
 * into a canvas of the same size. */
function differsFromWhole(ctx: CanvasRenderingContext2D, whole: (o: CanvasRenderingContext2D) => void): number {
  const off = document.createElement('canvas');
  off.width = ctx.canvas.width;
  off.height = ctx.canvas.height;
  const o = off.getContext('2d');
  if (!o) return -1;
  whole(o);
  return differingPixels(ctx.getImageData(0, 0, off.width, off.height).data, o.getImageData(0, 0, off.width, off.height).data);
}

/** Pixels (RGBA) that differ by more than two levels of 255 in a channel. WebKitGTK's Cairo
 * composites an antialiased edge under a clip by another path than without one, and rounds
 * it a level apart (seen: ±1 along a few edges); a stale or missing item differs by far more. */
export function differingPixels(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  const far = (i: number) => Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > 2;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (far(i) || far(i + 1) || far(i + 2) || far(i + 3)) n++;
  }
  return n;
}

/** Characters the bundled Noto Sans lacks are drawn with the print's fallback face; canvas
 * text does not wait for a web font, so it is loaded first, once per character, and the map
 * painted again. After an edit only the texts the patch sent whole can be new. */
export class SymbolFaces {
  private loaded = new Set<string>();
  private scene: Scene | null = null;

  /** Loads the fallback face for what `scene` needs beyond Noto Sans: resolves when loaded,
   * or null when nothing new is needed. `step`: how `scene` was made from the one before. */
  load(scene: Scene, step: SceneStep | null): Promise<unknown> | null {
    const texts = step && step.scene === scene && step.base === this.scene ? step.texts : sceneTexts(scene);
    this.scene = scene;
    const extra = [...beyondNoto(texts)].filter((c) => !this.loaded.has(c)).join('');
    if (!extra) return null;
    for (const c of extra) this.loaded.add(c);
    return Promise.all([
      document.fonts.load("400 16px 'Klantreis Symbols'", extra),
      document.fonts.load("700 16px 'Klantreis Symbols'", extra),
    ]);
  }
}

/** Every line of text in `s`. */
export function* sceneTexts(s: Scene): Generator<string> {
  for (const it of s.items) if (it.type === 'text') for (const l of it.lines) yield l.text;
}

