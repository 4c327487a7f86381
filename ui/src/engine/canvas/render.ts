// Helpers for drawing a Scene as SVG: path data, and the live emotion curve while a point is
// dragged (the curve follows the pointer before the edit is committed).

import { bounds, contains, type Item, type Point, type Scene, type Seg } from './scene';

/** SVG path data for Scene path segments (numbers rounded to 0.01 mm). */
export function pathD(segs: Seg[]): string {
  const n = (v: number) => Math.round(v * 100) / 100;
  const pt = (p: Point) => `${n(p.x)} ${n(p.y)}`;
  return segs
    .map((s) => {
      switch (s.op) {
        case 'move':
          return `M${pt(s.to)}`;
        case 'line':
          return `L${pt(s.to)}`;
        case 'cubic':
          return `C${pt(s.c1)} ${pt(s.c2)} ${pt(s.to)}`;
        case 'close':
          return 'Z';
      }
    })
    .join('');
}

export interface CurvePoint {
  id: string;
  x: number;
  y: number;
  itemIndex: number;
}

/** The emotion curve's points (round card items inside the emotion band), left to right. */
export function emotionPoints(scene: Scene): CurvePoint[] {
  const bands = scene.regions.filter((r) => r.kind === 'emotion');
  const out: CurvePoint[] = [];
  scene.items.forEach((it, i) => {
    if (it.type !== 'circle' || it.target?.kind !== 'card') return;
    if (!bands.some((b) => contains(b.rect, it.centre))) return;
    if (out.some((p) => p.id === it.target?.id)) return;
    out.push({ id: it.target.id, x: it.centre.x, y: it.centre.y, itemIndex: i });
  });
  return out.sort((a, b) => a.x - b.x);
}

/** True for the curve's own drawing (paths in the emotion band), hidden while a point is
 * dragged so the live curve replaces it. */
export function isCurveItem(scene: Scene, item: Item): boolean {
  if (item.type !== 'path' || item.target) return false;
  const b = bounds(item);
  const mid = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  return scene.regions.some((r) => r.kind === 'emotion' && contains(r.rect, mid));
}

/** A smooth curve through points (Catmull-Rom as cubic Béziers), like the printed one. */
export function smoothThrough(points: { x: number; y: number }[]): string {
  const start = points[0];
  if (!start) return '';
  const n = (v: number) => Math.round(v * 100) / 100;
  let d = `M${n(start.x)} ${n(start.y)}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)];
    const p1 = points[i];
    const p2 = points[i + 1];
    const p3 = points[Math.min(points.length - 1, i + 2)];
    if (!p0 || !p1 || !p2 || !p3) break;
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += `C${n(c1.x)} ${n(c1.y)} ${n(c2.x)} ${n(c2.y)} ${n(p2.x)} ${n(p2.y)}`;
  }
  return d;
}

/** Colour of an emotion, matching the layout's scale (red −2 … green +2). */
export function emotionColour(v: number): string {
  const palette: Record<string, string> = {
    '-2': '#c0392b',
    '-1': '#e07a5f',
    '0': '#8d99ae',
    '1': '#6aa84f',
    '2': '#2e7d32',
  };
  return palette[String(Math.max(-2, Math.min(2, Math.round(v))))] ?? '#8d99ae';
}
