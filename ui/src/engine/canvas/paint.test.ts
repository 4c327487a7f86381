import { describe, expect, it } from 'vitest';
import { fixture } from './fixture.test-util';
import { beyondNoto, FONT_FAMILY, paint, SELECTION, type Ctx, type PaintOptions, type View } from './paint';
import type { Item } from './scene';

/** A 2D context that records what is drawn with the state it was drawn in (the real canvas is
 * exercised by the end-to-end tests, whose screenshots are looked at). */
function recorder() {
  const calls: { op: string; args: unknown[]; alpha: number; fill: unknown; stroke: unknown; font: string; width: number }[] = [];
  const state = {
    fillStyle: '' as unknown,
    strokeStyle: '' as unknown,
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    globalAlpha: 1,
    font: '',
    textBaseline: 'alphabetic',
  };
  const record =
    (op: string) =>
    (...args: unknown[]) => {
      calls.push({ op, args, alpha: state.globalAlpha, fill: state.fillStyle, stroke: state.strokeStyle, font: state.font, width: state.lineWidth });
    };
  const ops = ['setTransform', 'clearRect', 'fillRect', 'beginPath', 'moveTo', 'lineTo', 'bezierCurveTo', 'arc', 'arcTo', 'closePath', 'fill', 'stroke', 'setLineDash', 'fillText', 'drawImage', 'save', 'restore', 'clip', 'rect'];
  const ctx = Object.assign(state, Object.fromEntries(ops.map((o) => [o, record(o)]))) as unknown as Ctx;
  return { ctx, calls };
}

const view = (scale: number): View => ({ scale, offsetX: 10, offsetY: 20, width: 800, height: 600 });

function options(o: Partial<PaintOptions> = {}): PaintOptions {
  return { dpr: 1, dimmed: new Set(), selected: new Set(), skip: () => false, image: () => null, minTextPx: 3, ...o };
}

describe('paint', () => {
  it('draws text lines at their Scene positions on screen, at the zoomed size', () => {
    const s = fixture();
    const { ctx, calls } = recorder();
    paint(ctx, { w: s.width, h: s.height }, s.items, view(2), options());
    const texts = calls.filter((c) => c.op === 'fillText');
    expect(texts.map((c) => c.args[0])).toEqual(['c1', 'c2', 'c3']);
    // c1: line at x 47, baseline 41 (mm) → 10 + 47×2, 20 + 41×2 px; size 4 mm → 8 px.
    expect(texts[0]?.args.slice(1)).toEqual([104, 102]);
    expect(texts[0]?.font).toMatch(/^400 8px 'Klantreis Sans'/);
  });

  it('leaves out text too small to read, but not the notes', () => {
    const s = fixture();
    const { ctx, calls } = recorder();
    // 4 mm text at 0.5 px/mm is 2 px on screen.
    const drawn = paint(ctx, { w: s.width, h: s.height }, s.items, view(0.5), options());
    expect(calls.some((c) => c.op === 'fillText')).toBe(false);
    expect(drawn).toBe(s.items.length - 3);
  });

  it('fades the dragged cards and rings the selected ones', () => {
    const s = fixture();
    const { ctx, calls } = recorder();
    paint(ctx, { w: s.width, h: s.height }, s.items, view(2), options({ dimmed: new Set(['c2']), selected: new Set(['c3']) }));
    const fills = calls.filter((c) => c.op === 'fill' && c.fill === '#fff3b0');
    expect(fills.map((c) => c.alpha)).toEqual([1, 0.35, 1]);
    const text = calls.filter((c) => c.op === 'fillText');
    expect(text.map((c) => c.alpha)).toEqual([1, 0.35, 1]);
    const rings = calls.filter((c) => c.op === 'stroke' && c.stroke === SELECTION);
    expect(rings).toHaveLength(1);
    expect(rings[0]?.alpha).toBe(1);
  });

  it('skips what it is told to skip (the curve while a point is dragged)', () => {
    const s = fixture();
    const { ctx, calls } = recorder();
    const isCurve = (it: Item) => it.type === 'path';
    paint(ctx, { w: s.width, h: s.height }, s.items, view(2), options({ skip: isCurve }));
    expect(calls.some((c) => c.op === 'bezierCurveTo' || (c.op === 'stroke' && c.stroke === '#0a0'))).toBe(false);
    const { ctx: ctx2, calls: calls2 } = recorder();
    paint(ctx2, { w: s.width, h: s.height }, s.items, view(2), options());
    expect(calls2.some((c) => c.op === 'stroke' && c.stroke === '#0a0')).toBe(true);
  });

  it('scales shapes through the transform, for the device pixel ratio too', () => {
    const s = fixture();
    const { ctx, calls } = recorder();
    paint(ctx, { w: s.width, h: s.height }, s.items, view(2), options({ dpr: 2 }));
    const transforms = calls.filter((c) => c.op === 'setTransform').map((c) => c.args);
    expect(transforms).toContainEqual([4, 0, 0, 4, 20, 40]);
    const texts = calls.filter((c) => c.op === 'fillText');
    // Text stays in CSS pixels under a dpr-only transform.
    expect(texts[0]?.args.slice(1)).toEqual([104, 102]);
    expect(transforms).toContainEqual([2, 0, 0, 2, 0, 0]);
  });
});

describe('fonts', () => {
  it('draws with Noto Sans, then the print’s fallback (Symbola), before any system font', () => {
    const order = FONT_FAMILY.split(',').map((f) => f.trim().replace(/'/g, ''));
    expect(order.slice(0, 2)).toEqual(['Klantreis Sans', 'Klantreis Symbols']);
  });

  it('finds the characters the fallback may be needed for', () => {
    expect(beyondNoto(['Bestelling — “snel” é', 'Привет'])).toBe('');
    expect(beyondNoto(['App 📱 open', 'oeps 😅', 'weer 📱'])).toBe('📱😅');
    expect(beyondNoto(['★ ✓'])).toBe('★✓');
  });
});
