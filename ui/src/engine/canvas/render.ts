// Helpers for drawing a Scene as SVG (the print preview, the canvas's gesture layer). The live
// emotion curve is in emotion.ts.

import type { Point, Seg } from './scene';

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
