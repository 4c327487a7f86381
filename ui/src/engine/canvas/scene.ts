// Geometry helpers over the core's Scene (`klantreis::layout`, see src/layout/scene.rs): a flat,
// paint-ordered list of items in millimetres, plus the regions a drag can drop onto. The canvas
// draws exactly this, so what users see is what prints.

// The types come from the Rust ones (src-tauri/src/bindings.rs), so they cannot drift.
import type { Item, Point, Rect } from '../../generated/types';

export type {
  Item,
  Mm,
  Point,
  Rect,
  RecordKind,
  RecordRef,
  Region,
  Scene,
  Seg,
  Stroke,
  TextLine,
} from '../../generated/types';

export function contains(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
}

export function normalise(a: Point, b: Point): Rect {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    w: Math.abs(a.x - b.x),
    h: Math.abs(a.y - b.y),
  };
}

/** The bounding box of an item, for culling and hit testing. */
export function bounds(item: Item): Rect {
  switch (item.type) {
    case 'rect':
    case 'image':
      return item.rect;
    case 'circle':
      return { x: item.centre.x - item.r, y: item.centre.y - item.r, w: 2 * item.r, h: 2 * item.r };
    case 'path': {
      // Control points bound a cubic Bézier, so their box is a safe (slightly large) box.
      const xs: number[] = [];
      const ys: number[] = [];
      for (const s of item.segs) {
        if (s.op === 'close') continue;
        const pts = s.op === 'cubic' ? [s.c1, s.c2, s.to] : [s.to];
        for (const p of pts) {
          xs.push(p.x);
          ys.push(p.y);
        }
      }
      if (xs.length === 0) return { x: 0, y: 0, w: 0, h: 0 };
      const pad = item.stroke ? item.stroke.width / 2 : 0;
      const x = Math.min(...xs) - pad;
      const y = Math.min(...ys) - pad;
      return { x, y, w: Math.max(...xs) + pad - x, h: Math.max(...ys) + pad - y };
    }
    case 'text': {
      const first = item.lines[0];
      const last = item.lines[item.lines.length - 1];
      if (!first || !last) return { x: 0, y: 0, w: 0, h: 0 };
      let x0 = Infinity;
      let x1 = -Infinity;
      for (const l of item.lines) {
        x0 = Math.min(x0, l.x);
        x1 = Math.max(x1, l.x + l.width);
      }
      // Ascenders reach about one em above the baseline, descenders a third below.
      const y0 = first.baseline - item.size;
      const y1 = last.baseline + item.size * 0.35;
      return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
    }
  }
}
