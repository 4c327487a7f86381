// Pan and zoom: maps scene millimetres to screen pixels as `screen = offset + mm * scale`.
// Pure state, no DOM, so it is unit-tested and shared by every tool.

import type { Point, Rect } from './scene';

export interface ScreenPoint {
  x: number;
  y: number;
}

export const MIN_SCALE = 0.05; // px per mm: an A0 map fits in a small window
export const MAX_SCALE = 40; // px per mm: single letters of a card fill the screen
/** Card text at the reading size, in px: read from the back of a workshop room. */
export const READ_PX = 12;

export class Viewport {
  /** Pixels per millimetre. */
  scale = 1;
  /** Screen position (px) of the scene origin. */
  offsetX = 0;
  offsetY = 0;
  /** Size of the visible area in px. */
  width = 800;
  height = 600;

  /** The view shows what the last `fit` showed: no pan or zoom since. A change of the
   * space around the map (a panel, the window) then fits it anew. */
  atFit = false;

  /** The visible area became `width` × `height` px (a panel opened or closed, the window was
   * resized). What the user was looking at stays in view: its centre stays in the middle, and
   * the view zooms out as far as needed to keep all of it on screen (never in: a larger window
   * shows more around it). A view at fit is fitted anew by its owner, who knows the content. */
  resize(width: number, height: number): void {
    const w = Math.max(1, width);
    const h = Math.max(1, height);
    if (w === this.width && h === this.height) return;
    const seen = this.visible();
    this.width = w;
    this.height = h;
    this.scale = clamp(Math.min(this.scale, w / seen.w, h / seen.h), MIN_SCALE, MAX_SCALE);
    this.offsetX = w / 2 - (seen.x + seen.w / 2) * this.scale;
    this.offsetY = h / 2 - (seen.y + seen.h / 2) * this.scale;
  }

  toScene(p: ScreenPoint): Point {
    return { x: (p.x - this.offsetX) / this.scale, y: (p.y - this.offsetY) / this.scale };
  }

  toScreen(p: Point): ScreenPoint {
    return { x: this.offsetX + p.x * this.scale, y: this.offsetY + p.y * this.scale };
  }

  panBy(dx: number, dy: number): void {
    this.atFit = false;
    this.offsetX += dx;
    this.offsetY += dy;
  }

  /** Zooms by `factor` keeping the scene point under `at` (screen px) in place. */
  zoomAt(at: ScreenPoint, factor: number): void {
    const before = this.toScene(at);
    this.atFit = false;
    this.scale = clamp(this.scale * factor, MIN_SCALE, MAX_SCALE);
    this.offsetX = at.x - before.x * this.scale;
    this.offsetY = at.y - before.y * this.scale;
  }

  /** Zooms around the centre of the view (keyboard + / −). */
  zoomCentre(factor: number): void {
    this.zoomAt({ x: this.width / 2, y: this.height / 2 }, factor);
  }

  /** Shows all of `r` with `margin` px around it, centred, and `below` px (at least `margin`)
   * kept free at the bottom for controls that float over the map (the zoom bar). */
  fit(r: Rect, margin = 24, below = margin): void {
    const bottom = Math.max(margin, below);
    const w = Math.max(1, this.width - 2 * margin);
    const h = Math.max(1, this.height - margin - bottom);
    this.scale = clamp(Math.min(w / Math.max(r.w, 1e-6), h / Math.max(r.h, 1e-6)), MIN_SCALE, MAX_SCALE);
    this.offsetX = (this.width - r.w * this.scale) / 2 - r.x * this.scale;
    this.offsetY = margin + (this.height - margin - bottom - r.h * this.scale) / 2 - r.y * this.scale;
    this.atFit = true;
  }

  /** The reading size: the map at a scale where text `textMm` high on paper is `px` on
   * screen (cards readable on a projector; the map scrolls), its top left corner `r`'s at
   * `margin` px from the view's; never smaller than fit. */
  read(r: Rect, textMm: number, px = READ_PX, margin = 24): void {
    const want = px / Math.max(textMm, 1e-6);
    const fits = Math.min((this.width - 2 * margin) / Math.max(r.w, 1e-6), (this.height - 2 * margin) / Math.max(r.h, 1e-6));
    // A map that fits at a readable size already (a large window, a small map) is fitted.
    if (fits >= want) return this.fit(r, margin);
    this.scale = clamp(want, MIN_SCALE, MAX_SCALE);
    this.offsetX = margin - r.x * this.scale;
    this.offsetY = margin - r.y * this.scale;
    this.atFit = false;
  }

  /** Brings `r` into view for the user to find it: nothing moves when it is on screen and
   * large enough to read; else it is centred, zoomed in until it is `minPx` wide but never
   * past what fits on screen (a wide phase is zoomed out to, whole). */
  reveal(r: Rect, minPx = 140, margin = 24): void {
    const fits = Math.min((this.width - 2 * margin) / Math.max(r.w, 1e-6), (this.height - 2 * margin) / Math.max(r.h, 1e-6));
    const want = Math.min(Math.max(this.scale, minPx / Math.max(r.w, 1e-6)), fits);
    const a = this.toScreen(r);
    const onScreen = a.x >= margin && a.y >= margin && a.x + r.w * this.scale <= this.width - margin && a.y + r.h * this.scale <= this.height - margin;
    if (onScreen && want === this.scale) return;
    this.atFit = false;
    this.scale = clamp(want, MIN_SCALE, MAX_SCALE);
    this.offsetX = this.width / 2 - (r.x + r.w / 2) * this.scale;
    this.offsetY = this.height / 2 - (r.y + r.h / 2) * this.scale;
  }

  /** Pans the least that puts all of `r` on screen with `margin` px around it (the keyboard's
   * focus moving through the map), never zooming: a rect larger than the view is centred. */
  keepInView(r: Rect, margin = 32): void {
    const axis = (start: number, size: number, view: number, offset: number) => {
      const a = offset + start * this.scale;
      const b = a + size * this.scale;
      if (b - a > view - 2 * margin) return offset + (view / 2 - (a + b) / 2);
      if (a < margin) return offset + (margin - a);
      if (b > view - margin) return offset - (b - (view - margin));
      return offset;
    };
    const x = axis(r.x, r.w, this.width, this.offsetX);
    const y = axis(r.y, r.h, this.height, this.offsetY);
    if (x === this.offsetX && y === this.offsetY) return;
    this.atFit = false;
    this.offsetX = x;
    this.offsetY = y;
  }

  /** The part of the scene on screen, in mm. */
  visible(): Rect {
    const a = this.toScene({ x: 0, y: 0 });
    return { x: a.x, y: a.y, w: this.width / this.scale, h: this.height / this.scale };
  }

  /** A screen distance in scene millimetres (drag thresholds, hit slop). */
  mm(px: number): number {
    return px / this.scale;
  }
}

/** Wheel handling as design tools do it: Ctrl/⌘ + wheel (and trackpad pinch, which WebKit
 * reports as a wheel event with ctrlKey) zooms; a plain wheel pans. */
export function wheel(
  vp: Viewport,
  e: { deltaX: number; deltaY: number; deltaMode: number; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean },
  at: ScreenPoint,
): void {
  // deltaMode 1 = lines: make it pixels.
  const unit = e.deltaMode === 1 ? 16 : 1;
  const dx = e.deltaX * unit;
  const dy = e.deltaY * unit;
  if (e.ctrlKey || e.metaKey) {
    vp.zoomAt(at, Math.exp(-dy * 0.0025));
  } else if (e.shiftKey && dx === 0) {
    vp.panBy(-dy, 0);
  } else {
    vp.panBy(-dx, -dy);
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
