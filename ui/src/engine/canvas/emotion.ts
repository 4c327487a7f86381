// The live emotion curve while a point is dragged, drawn exactly as the core draws it
// (src/layout, `draw_emotion` with `sample_monotone` and `split_at_level`): a monotone cubic
// (Fritsch–Carlson) sampled 14 times per segment, split where it crosses the neutral line,
// green above and red below, each side's area to the line lightly filled. The layout is a
// uniform scale plus an offset of its own coordinates, and this curve is unchanged by both, so
// it is computed here on the Scene's millimetres with the same result (a test compares it with
// a Scene the core laid out).

import { contains, type Item, type Point, type Region, type Scene, type Stroke } from './scene';

/** The layout's palette for the curve (src/layout: GOOD, GOOD_SOFT, BAD, BAD_SOFT, NEUTRAL). */
export const CURVE = {
  good: '#2f9e6b',
  goodSoft: '#dcf1e6',
  bad: '#d64550',
  badSoft: '#f9e0e2',
  neutral: '#8a96a3',
} as const;

/** Samples per segment between two points, as the layout. */
export const PER_SEGMENT = 14;
/** Curve line width in mm at scale 1, as the layout. */
const LINE_MM = 0.9;

type Band = Extract<Region, { kind: 'emotion' }>;
type XY = [number, number];

/** Colour of an emotion value: green above neutral, red below (the layout's `emotion_colour`). */
export function emotionColour(v: number): string {
  return v > 0 ? CURVE.good : v < 0 ? CURVE.bad : CURVE.neutral;
}

/** Hundredths of a millimetre, as the layout rounds every coordinate. */
function r2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** How far (mm) the polyline may stray from the true curve; as the layout's `CURVE_TOLERANCE`. */
const CURVE_TOLERANCE = 0.02;

/** How many straight pieces a segment needs to stay within `CURVE_TOLERANCE`, counted as the
 * layout counts them (src/layout/emotion.rs, `pieces`): the cubic strays from its chord by at
 * most ¾ of its control points' distance from it, a piece of 1/k of it by about 1/k² of that. */
export function pieces(hx: number, y0: number, y1: number, m0: number, m1: number, max: number): number {
  const dy = y1 - y0;
  const off = Math.max(Math.abs(m0 * hx - dy), Math.abs(dy - m1 * hx)) / 3;
  // Across the chord rather than vertically: a steep segment strays far less.
  const across = (off * Math.abs(hx)) / Math.max(Math.hypot(hx, dy), 1e-6);
  const k = Math.ceil(Math.sqrt((0.75 * across) / CURVE_TOLERANCE));
  // As Rust's saturating cast: NaN gives one piece, infinity the most.
  return Number.isNaN(k) ? 1 : Math.min(Math.max(k, 1), Math.max(max, 1));
}

/** A monotone cubic through `pts` (x strictly increasing), each segment in at most `perSeg`
 * straight pieces (as few as keep it within `CURVE_TOLERANCE`), so it is smooth but never
 * overshoots a point (no bump past +2 or −2). */
export function sampleMonotone(pts: XY[], perSeg = PER_SEGMENT): XY[] {
  const n = pts.length;
  if (n < 2) return pts.map((p) => [p[0], p[1]]);
  const d: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    const [x0, y0] = pts[i] as XY;
    const [x1, y1] = pts[i + 1] as XY;
    d.push((y1 - y0) / Math.max(x1 - x0, 1e-3));
  }
  const at = (a: number[], i: number) => a[i] ?? 0;
  const m = new Array<number>(n).fill(0);
  m[0] = at(d, 0);
  m[n - 1] = at(d, n - 2);
  for (let i = 1; i < n - 1; i++) m[i] = at(d, i - 1) * at(d, i) <= 0 ? 0 : (at(d, i - 1) + at(d, i)) / 2;
  for (let i = 0; i < n - 1; i++) {
    const di = at(d, i);
    if (di === 0) {
      m[i] = 0;
      m[i + 1] = 0;
      continue;
    }
    const a = at(m, i) / di;
    const b = at(m, i + 1) / di;
    const s = a * a + b * b;
    if (s > 9) {
      const t = 3 / Math.sqrt(s);
      m[i] = t * a * di;
      m[i + 1] = t * b * di;
    }
  }
  const out: XY[] = [];
  for (let i = 0; i < n - 1; i++) {
    const [x0, y0] = pts[i] as XY;
    const [x1, y1] = pts[i + 1] as XY;
    const hx = x1 - x0;
    const kMax = pieces(hx, y0, y1, at(m, i), at(m, i + 1), perSeg);
    for (let k = 0; k < kMax; k++) {
      const t = k / kMax;
      const t2 = t * t;
      const t3 = t2 * t;
      const h00 = 2 * t3 - 3 * t2 + 1;
      const h10 = t3 - 2 * t2 + t;
      const h01 = -2 * t3 + 3 * t2;
      const h11 = t3 - t2;
      out.push([x0 + t * hx, h00 * y0 + h10 * hx * at(m, i) + h01 * y1 + h11 * hx * at(m, i + 1)]);
    }
  }
  const last = pts[n - 1] as XY;
  out.push([last[0], last[1]]);
  return out;
}

export interface Run {
  /** Above the line (smaller y): the good side. */
  above: boolean;
  pts: XY[];
}

/** Splits a polyline where it crosses the horizontal line `level`. Runs share their crossing
 * point, so they join up; a point on the line counts as the side of the other end. */
export function splitAtLevel(pts: XY[], level: number): Run[] {
  const runs: Run[] = [];
  const push = (above: boolean, p: XY) => {
    const run = runs[runs.length - 1];
    if (run && run.above === above) {
      const l = run.pts[run.pts.length - 1];
      if (!l || l[0] !== p[0] || l[1] !== p[1]) run.pts.push(p);
    } else runs.push({ above, pts: [p] });
  };
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i] as XY;
    const c = pts[i + 1] as XY;
    const da = a[1] - level;
    const dc = c[1] - level;
    if (da * dc < 0) {
      const t = da / (da - dc);
      const x: XY = [a[0] + t * (c[0] - a[0]), level];
      push(da < 0, a);
      push(da < 0, x);
      push(dc < 0, x);
      push(dc < 0, c);
    } else {
      const above = da !== 0 ? da < 0 : dc < 0;
      push(above, a);
      push(above, c);
    }
  }
  return runs;
}

/** The curve as Scene items in the layout's order: every side's area, then every line. */
export function curveItems(points: Point[], neutral: number, lineWidth: number): Item[] {
  const curve = sampleMonotone(points.map((p) => [p.x, p.y]));
  const runs = splitAtLevel(curve, neutral);
  const pt = ([x, y]: XY): Point => ({ x: r2(x), y: r2(y) });
  const areas: Item[] = [];
  const lines: Item[] = [];
  for (const run of runs) {
    const first = run.pts[0];
    const last = run.pts[run.pts.length - 1];
    if (!first || !last) continue;
    const area = [[first[0], neutral] as XY, ...run.pts, [last[0], neutral] as XY];
    areas.push({
      type: 'path',
      segs: [...area.map((p, i) => (i === 0 ? { op: 'move' as const, to: pt(p) } : { op: 'line' as const, to: pt(p) })), { op: 'close' as const }],
      fill: run.above ? CURVE.goodSoft : CURVE.badSoft,
      stroke: null,
      target: null,
    });
    const stroke: Stroke = { colour: run.above ? CURVE.good : CURVE.bad, width: lineWidth, dash: [] };
    lines.push({
      type: 'path',
      segs: run.pts.map((p, i) => (i === 0 ? { op: 'move' as const, to: pt(p) } : { op: 'line' as const, to: pt(p) })),
      fill: null,
      stroke,
      target: null,
    });
  }
  return [...areas, ...lines];
}

export interface CurvePoint {
  id: string;
  x: number;
  y: number;
  itemIndex: number;
}

function bands(scene: Scene): Band[] {
  return scene.regions.filter((r): r is Band => r.kind === 'emotion');
}

function inBand(bs: Band[], p: Point): boolean {
  return bs.some((b) => contains(b.rect, p));
}

/** The emotion curve's points (the first round card item of each card in the emotion band),
 * left to right. */
export function emotionPoints(scene: Scene): CurvePoint[] {
  const bs = bands(scene);
  const out: CurvePoint[] = [];
  // A set, not a search of `out`: a 5,000-card map has 5,000 points, after every edit.
  const seen = new Set<string>();
  scene.items.forEach((it, i) => {
    if (it.type !== 'circle' || it.target?.kind !== 'card') return;
    if (!inBand(bs, it.centre)) return;
    if (seen.has(it.target.id)) return;
    seen.add(it.target.id);
    out.push({ id: it.target.id, x: it.centre.x, y: it.centre.y, itemIndex: i });
  });
  return out.sort((a, b) => a.x - b.x);
}

/** True for what the live curve redraws while a point is dragged: the curve's areas and lines
 * and the points (with their impact stars) in the emotion band. The scale and its labels stay. */
export function isLiveCurveItem(scene: Scene, item: Item, bs: Band[] = bands(scene)): boolean {
  if (item.type === 'circle') return item.target?.kind === 'card' && inBand(bs, item.centre);
  if (item.type !== 'path') return false;
  const first = item.segs[0];
  if (!first || first.op === 'close' || !inBand(bs, first.to)) return false;
  if (item.target?.kind === 'card') return true;
  const c = item.stroke?.colour;
  return c === CURVE.good || c === CURVE.bad || item.fill === CURVE.goodSoft || item.fill === CURVE.badSoft;
}

/** Every item `isLiveCurveItem` picks, finding the band once rather than once per item. */
export function liveCurveItems(scene: Scene): Set<Item> {
  const bs = bands(scene);
  return new Set(scene.items.filter((it) => isLiveCurveItem(scene, it, bs)));
}

/** True for a label the layout wrote on the curve itself ("peak", "end"): the only text inside
 * the band (the scale's values and the row label sit left of it). The screen names peak,
 * trough and end in a layer of its own that follows a dragged point, and hides these. */
export function isCurveLabel(scene: Scene, item: Item): boolean {
  if (item.type !== 'text') return false;
  const l = item.lines[0];
  return !!l && inBand(bands(scene), { x: l.x, y: l.baseline });
}

/** Every label the layout wrote on the curve (see `isCurveLabel`), with the bands read once. */
export function curveLabels(scene: Scene): Set<Item> {
  const bs = bands(scene);
  const out = new Set<Item>();
  for (const it of scene.items) {
    if (it.type !== 'text') continue;
    const l = it.lines[0];
    if (l && inBand(bs, { x: l.x, y: l.baseline })) out.add(it);
  }
  return out;
}

/** The emotion band (its top and bottom are where +2 and −2 are drawn), if the map has one. */
export function emotionBand(scene: Scene): Band | null {
  return bands(scene)[0] ?? null;
}

/** The height of emotion `value` in a band. */
export function emotionY(band: Pick<Band, 'top' | 'bottom'>, value: number): number {
  return band.top + ((2 - value) / 4) * (band.bottom - band.top);
}

/** The emotion band's curve and points with card `id`'s point at `value`: what the Scene will
 * show once the edit is made. Items in paint order, in scene millimetres. */
export function liveCurve(scene: Scene, id: string, value: number): Item[] {
  const band = bands(scene)[0];
  if (!band) return [];
  const y = r2(emotionY(band, value));
  const points = emotionPoints(scene);
  const moved = points.find((p) => p.id === id);
  const dy = moved ? y - moved.y : 0;
  const curve = curveItems(
    points.map((p) => (p.id === id ? { x: p.x, y } : { x: p.x, y: p.y })),
    (band.top + band.bottom) / 2,
    r2(LINE_MM * scene.scale),
  );
  const marks: Item[] = [];
  const bs = bands(scene);
  for (const it of scene.items) {
    if (it.target?.kind !== 'card' || !isLiveCurveItem(scene, it, bs)) continue;
    if (it.target.id !== id) marks.push(it);
    else if (it.type === 'circle')
      // The point takes its new colour; its impact star (an amber disc) keeps its own.
      marks.push({ ...it, centre: { x: it.centre.x, y: r2(it.centre.y + dy) }, fill: it.fill === CURVE.good || it.fill === CURVE.bad || it.fill === CURVE.neutral ? emotionColour(value) : it.fill });
    else if (it.type === 'path')
      marks.push({ ...it, segs: it.segs.map((s) => (s.op === 'close' ? s : s.op === 'cubic' ? { ...s, c1: shift(s.c1, dy), c2: shift(s.c2, dy), to: shift(s.to, dy) } : { ...s, to: shift(s.to, dy) })) });
  }
  return [...curve, ...marks];
}

function shift(p: Point, dy: number): Point {
  return { x: p.x, y: r2(p.y + dy) };
}
