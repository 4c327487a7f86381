// Paints a Scene's items on a 2D canvas. The map is one bitmap: while a card is dragged the
// browser only blits it under the moving note, where an SVG of ~10,000 elements had to be
// repainted on every frame (measured in the canvas editor's closing note).
//
// Shapes are drawn in scene millimetres through the canvas transform; text is drawn in screen
// pixels at the Scene's own line positions (the core broke the lines with the same font), so a
// tiny font size is never scaled up by a transform and blurred.

import type { Item, Rect, Seg } from './scene';

/** What the painter needs of the viewport (screen = offset + mm × scale). */
export interface View {
  scale: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
}

export interface PaintOptions {
  /** Device pixels per CSS pixel. */
  dpr: number;
  /** Cards drawn faded: the ones being dragged (their ghost follows the pointer). */
  dimmed: ReadonlySet<string>;
  /** Cards drawn faded further, so the others stand out (the assumptions filter). */
  faded?: ReadonlySet<string> | null;
  /** Cards with a selection ring. */
  selected: ReadonlySet<string>;
  /** Items not to draw (the emotion curve while one of its points is dragged). */
  skip: (item: Item) => boolean;
  /** A loaded image for an image id, or null while it loads. */
  image: (imageId: string) => HTMLImageElement | null;
  /** Text smaller than this on screen (px) is not drawn: it cannot be read, and on a large
   * map at fit it is most of the work. */
  minTextPx: number;
}

/** The print's fonts in the print's order: Noto Sans, then Symbola for what it lacks (see
 * src/scene/fonts.rs), so glyphs and line breaks agree with the paper; the system's fonts only
 * while a web font loads. */
export const FONT_FAMILY = "'Klantreis Sans', 'Klantreis Symbols', 'Noto Sans', sans-serif";

/** A character beyond what Noto Sans covers for certain (see `beyondNoto`). */
const BEYOND_NOTO = /[^\u0000-\u07ff\u2000-\u206f]/u;

/** Characters of `texts` that Noto Sans may lack (outside Latin, Greek, Cyrillic and general
 * punctuation), so the canvas knows to load the fallback face before it draws them. Which face
 * draws a character is the browser's choice along FONT_FAMILY, as the core's on paper. */
export function beyondNoto(texts: Iterable<string>): string {
  const out = new Set<string>();
  for (const t of texts) {
    // Most text has no such character: one native regex test instead of a loop over every
    // character of a 5,000-card map after each edit.
    if (!BEYOND_NOTO.test(t)) continue;
    for (const ch of t) {
      const c = ch.codePointAt(0) ?? 0;
      if (c > 0x7ff && !(c >= 0x2000 && c <= 0x206f)) out.add(ch);
    }
  }
  return [...out].join('');
}
export const PAPER_SHADOW = '#d9dde3';
export const SELECTION = '#2f6f73';

/** The subset of the 2D context the painter uses (a recording fake stands in for it in unit
 * tests; the real one is exercised end to end). */
export type Ctx = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'fillRect'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'bezierCurveTo'
  | 'arc'
  | 'arcTo'
  | 'closePath'
  | 'fill'
  | 'stroke'
  | 'setLineDash'
  | 'fillText'
  | 'drawImage'
  | 'save'
  | 'restore'
  | 'clip'
  | 'rect'
> & {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  globalAlpha: number;
  font: string;
  textBaseline: CanvasTextBaseline;
};

/** Paints the paper and `items` (in paint order) for the view. With `clip` (rectangles in
 * mm) only the device pixels they cover are cleared and painted, and `items` need only be the
 * ones that reach them (see dirty.ts). Returns how many items were drawn, for measurement. */
export function paint(
  ctx: Ctx,
  paper: { w: number; h: number },
  items: Iterable<Item>,
  v: View,
  o: PaintOptions,
  clip: Rect[] | null = null,
): number {
  const k = o.dpr * v.scale;
  const shapes = () => ctx.setTransform(k, 0, 0, k, o.dpr * v.offsetX, o.dpr * v.offsetY);
  if (clip) {
    // Whole device pixels: a pixel inside is painted from scratch exactly as a full paint
    // paints it, one outside is not touched.
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.beginPath();
    for (const r of clip) {
      const x0 = Math.floor(o.dpr * (v.offsetX + r.x * v.scale));
      const y0 = Math.floor(o.dpr * (v.offsetY + r.y * v.scale));
      const x1 = Math.ceil(o.dpr * (v.offsetX + (r.x + r.w) * v.scale));
      const y1 = Math.ceil(o.dpr * (v.offsetY + (r.y + r.h) * v.scale));
      ctx.rect(x0, y0, x1 - x0, y1 - y0);
    }
    ctx.clip();
  }
  ctx.setTransform(o.dpr, 0, 0, o.dpr, 0, 0);
  ctx.clearRect(0, 0, v.width, v.height);
  shapes();
  ctx.globalAlpha = 1;
  // A plain offset rect as the paper's shadow: cheap, and the same on every frame.
  ctx.fillStyle = PAPER_SHADOW;
  ctx.fillRect(0.6, 0.9, paper.w, paper.h);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, paper.w, paper.h);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.textBaseline = 'alphabetic';

  let inShapes = true;
  let font = '';
  let drawn = 0;
  for (const it of items) {
    if (o.skip(it)) continue;
    const card = it.target?.kind === 'card' ? it.target.id : null;
    const alpha = !card ? 1 : o.dimmed.has(card) ? 0.35 : o.faded?.has(card) ? 0.18 : 1;
    if (it.type === 'text') {
      const px = it.size * v.scale;
      if (px < o.minTextPx) continue;
      if (inShapes) {
        ctx.setTransform(o.dpr, 0, 0, o.dpr, 0, 0);
        inShapes = false;
      }
      const f = `${it.bold ? 700 : 400} ${round2(px)}px ${FONT_FAMILY}`;
      if (f !== font) {
        ctx.font = f;
        font = f;
      }
      ctx.globalAlpha = alpha;
      ctx.fillStyle = it.colour;
      for (const line of it.lines) {
        ctx.fillText(line.text, v.offsetX + line.x * v.scale, v.offsetY + line.baseline * v.scale);
      }
      drawn++;
      continue;
    }
    if (!inShapes) {
      shapes();
      inShapes = true;
    }
    ctx.globalAlpha = alpha;
    switch (it.type) {
      case 'rect': {
        ctx.beginPath();
        roundRect(ctx, it.rect.x, it.rect.y, it.rect.w, it.rect.h, it.radius);
        fillAndStroke(ctx, it.fill, it.stroke);
        if (card && o.selected.has(card)) {
          ctx.globalAlpha = 1;
          ctx.beginPath();
          roundRect(ctx, it.rect.x - 0.8, it.rect.y - 0.8, it.rect.w + 1.6, it.rect.h + 1.6, it.radius + 0.8);
          fillAndStroke(ctx, null, { colour: SELECTION, width: 0.7, dash: null });
        }
        break;
      }
      case 'circle':
        ctx.beginPath();
        ctx.arc(it.centre.x, it.centre.y, it.r, 0, Math.PI * 2);
        fillAndStroke(ctx, it.fill, it.stroke);
        break;
      case 'path':
        ctx.beginPath();
        tracePath(ctx, it.segs);
        fillAndStroke(ctx, it.fill, it.stroke);
        break;
      case 'image': {
        const img = o.image(it.image_id);
        if (img && img.naturalWidth > 0) drawCover(ctx, img, it.rect);
        break;
      }
    }
    drawn++;
  }
  ctx.globalAlpha = 1;
  if (clip) ctx.restore();
  return drawn;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function fillAndStroke(
  ctx: Ctx,
  fill: string | null | undefined,
  stroke: { colour: string; width: number; dash?: number[] | null } | null | undefined,
): void {
  if (fill) {
    ctx.fillStyle = fill;
    ctx.fill();
  }
  if (stroke && stroke.width > 0) {
    ctx.strokeStyle = stroke.colour;
    ctx.lineWidth = stroke.width;
    ctx.setLineDash(stroke.dash ?? []);
    ctx.stroke();
  }
}

/** A rounded rectangle path (arcTo works in every WebKit, unlike roundRect on older ones). */
function roundRect(ctx: Ctx, x: number, y: number, w: number, h: number, r: number): void {
  const q = Math.max(0, Math.min(r, w / 2, h / 2));
  if (q === 0) {
    ctx.rect(x, y, w, h);
    return;
  }
  ctx.moveTo(x + q, y);
  ctx.arcTo(x + w, y, x + w, y + h, q);
  ctx.arcTo(x + w, y + h, x, y + h, q);
  ctx.arcTo(x, y + h, x, y, q);
  ctx.arcTo(x, y, x + w, y, q);
  ctx.closePath();
}

function tracePath(ctx: Ctx, segs: Seg[]): void {
  for (const s of segs) {
    switch (s.op) {
      case 'move':
        ctx.moveTo(s.to.x, s.to.y);
        break;
      case 'line':
        ctx.lineTo(s.to.x, s.to.y);
        break;
      case 'cubic':
        ctx.bezierCurveTo(s.c1.x, s.c1.y, s.c2.x, s.c2.y, s.to.x, s.to.y);
        break;
      case 'close':
        ctx.closePath();
        break;
    }
  }
}

/** Draws `img` covering `r` (cropped to keep its aspect ratio), like the print does. */
function drawCover(ctx: Ctx, img: HTMLImageElement, r: { x: number; y: number; w: number; h: number }): void {
  const iw = img.naturalWidth;
  const ih = img.naturalHeight;
  const s = Math.max(r.w / iw, r.h / ih);
  const sw = r.w / s;
  const sh = r.h / s;
  ctx.drawImage(img, (iw - sw) / 2, (ih - sh) / 2, sw, sh, r.x, r.y, r.w, r.h);
}
