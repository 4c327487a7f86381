// The live curve against a Scene the core laid out: `fixtures/emotion-scene.json` is the
// emotion band of the sample journey (`klantreis sample` then `klantreis scene`, trimmed to the
// band's regions and items), so the curve and colours the screen draws during a drag are
// checked against the print's own. Regenerate it when the layout of the band changes.
import { describe, expect, it } from 'vitest';
import type { Item, Scene } from './scene';
import { CURVE, curveItems, curveLabels, emotionColour, emotionPoints, emotionY, isCurveLabel, isLiveCurveItem, liveCurve, sampleMonotone, splitAtLevel } from './emotion';
import { emotionAt } from './tools';
import fixtureJson from './fixtures/emotion-scene.json';

const scene = fixtureJson as unknown as Scene;
const band = scene.regions.find((r) => r.kind === 'emotion') as Extract<Scene['regions'][number], { kind: 'emotion' }>;
const neutral = (band.top + band.bottom) / 2;

/** The curve's own items in the Scene (areas, then lines), in paint order. */
const sceneCurve = scene.items.filter((it) => it.type === 'path' && !it.target && isLiveCurveItem(scene, it));

function pointsOf(it: Item): { x: number; y: number }[] {
  if (it.type !== 'path') return [];
  return it.segs.flatMap((s) => (s.op === 'close' ? [] : [s.to]));
}

describe('the live emotion curve', () => {
  it('reads the band from the Scene: +2 and −2 where the layout draws its rules', () => {
    // The neutral line (the layout's strongest rule) lies halfway between top and bottom.
    const rule = scene.items.find((it) => it.type === 'path' && it.stroke?.colour === CURVE.neutral);
    const y = rule?.type === 'path' && rule.segs[0]?.op === 'move' ? rule.segs[0].to.y : NaN;
    expect(Math.abs(y - neutral)).toBeLessThan(0.02);
  });

  it('puts every point at the height of its value, so pressing one and letting go changes nothing', () => {
    const pts = emotionPoints(scene);
    expect(pts.length).toBeGreaterThan(3);
    for (const p of pts) {
      const v = emotionAt(band, p.y);
      expect(Math.abs(emotionY(band, v) - p.y), `point ${p.id}`).toBeLessThan(0.02);
      const dot = scene.items[p.itemIndex];
      expect(dot?.type === 'circle' ? dot.fill : null, `point ${p.id} colour`).toBe(emotionColour(v));
    }
  });

  it('is the Scene’s own curve when no point has moved', () => {
    expect(sceneCurve.length, 'the fixture has a curve').toBeGreaterThan(3);
    const mine = curveItems(emotionPoints(scene), neutral, 2.16);
    expect(mine.length).toBe(sceneCurve.length);
    mine.forEach((it, i) => {
      const theirs = sceneCurve[i] as Item;
      if (it.type !== 'path' || theirs.type !== 'path') throw new Error('paths');
      expect(it.fill ?? null, `item ${i} fill`).toBe(theirs.fill ?? null);
      expect(it.stroke?.colour ?? null, `item ${i} stroke`).toBe(theirs.stroke?.colour ?? null);
      expect(it.stroke?.width ?? null).toBe(theirs.stroke?.width ?? null);
      const a = pointsOf(it);
      const b = pointsOf(theirs);
      expect(a.length, `item ${i} points`).toBe(b.length);
      a.forEach((p, k) => {
        expect(Math.abs(p.x - (b[k]?.x ?? NaN)), `item ${i} point ${k} x`).toBeLessThan(0.03);
        expect(Math.abs(p.y - (b[k]?.y ?? NaN)), `item ${i} point ${k} y`).toBeLessThan(0.03);
      });
    });
  });

  it('follows a dragged point: through its new height, green above the line, red below', () => {
    const pts = emotionPoints(scene);
    // The lowest point (a bad moment) dragged up to +2.
    const low = [...pts].sort((a, b) => b.y - a.y)[0];
    if (!low) throw new Error('points');
    expect(low.y).toBeGreaterThan(neutral);
    const items = liveCurve(scene, low.id, 2);
    const top = emotionY(band, 2);
    const lines = items.filter((it) => it.type === 'path' && it.stroke && !it.target);
    const through = lines.flatMap(pointsOf).filter((p) => Math.abs(p.x - low.x) < 0.01);
    expect(through.length).toBeGreaterThan(0);
    for (const p of through) expect(p.y).toBeCloseTo(top, 1);
    // Every sample of a green line is on or above the neutral line, of a red one on or below,
    // and none overshoots the band (the cubic is monotone).
    for (const it of lines) {
      if (it.type !== 'path') continue;
      for (const p of pointsOf(it)) {
        if (it.stroke?.colour === CURVE.good) expect(p.y).toBeLessThanOrEqual(neutral + 0.01);
        else expect(it.stroke?.colour).toBe(CURVE.bad);
        if (it.stroke?.colour === CURVE.bad) expect(p.y).toBeGreaterThanOrEqual(neutral - 0.01);
        expect(p.y).toBeGreaterThanOrEqual(top - 0.01);
        expect(p.y).toBeLessThanOrEqual(emotionY(band, -2) + 0.01);
      }
    }
    // The moved point is drawn at its new height in the good colour; the others stay.
    const dot = items.find((it) => it.type === 'circle' && it.target?.id === low.id);
    expect(dot).toMatchObject({ centre: { x: low.x }, fill: CURVE.good });
    if (dot?.type === 'circle') expect(dot.centre.y).toBeCloseTo(top, 1);
    const others = items.filter((it) => it.type === 'circle' && it.target?.id !== low.id).length;
    const before = scene.items.filter((it) => it.type === 'circle' && it.target && isLiveCurveItem(scene, it) && it.target.id !== low.id).length;
    expect(others).toBe(before);
  });

  it('tells the layout’s labels on the curve from the scale and the row label', () => {
    const text = (x: number, y: number, t: string): Item => ({ type: 'text', lines: [{ x, baseline: y, text: t }], size: 3, bold: true, colour: CURVE.good, role: 'label', target: null }) as unknown as Item;
    const onCurve = text(band.rect.x + 20, band.top + 5, 'peak');
    const scale = text(band.rect.x - 14, neutral, '0');
    expect(isCurveLabel(scene, onCurve)).toBe(true);
    expect(isCurveLabel(scene, scale)).toBe(false);
    expect(isCurveLabel(scene, sceneCurve[0] as Item)).toBe(false);
    const withText = { ...scene, items: [...scene.items, onCurve, scale] };
    expect([...curveLabels(withText)]).toEqual([onCurve]);
  });

  it('never redraws the scale, only the curve and its points', () => {
    const rules = scene.items.filter((it) => it.type === 'path' && (it.stroke?.colour === CURVE.neutral || it.stroke?.colour === '#cbd2d9'));
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect(isLiveCurveItem(scene, r)).toBe(false);
  });
});

describe('the monotone cubic', () => {
  it('passes through its points and stays between neighbours', () => {
    const pts: [number, number][] = [
      [0, 10],
      [10, 0],
      [20, 0],
      [30, 20],
    ];
    const s = sampleMonotone(pts, 14);
    expect(s[0]).toEqual([0, 10]);
    // Each point is a sample; the flat middle segment needs one piece.
    const at10 = s.findIndex(([x]) => x === 10);
    expect(s[at10]?.[1]).toBeCloseTo(0, 6);
    expect(s[at10 + 1]).toEqual([20, 0]);
    expect(s[s.length - 1]).toEqual([30, 20]);
    for (const [, y] of s) expect(y).toBeGreaterThanOrEqual(-1e-9);
    // Bending segments get more pieces, but no more than asked.
    expect(at10 - 1).toBeGreaterThan(1);
    expect(s.length).toBeLessThanOrEqual(3 * 14 + 1);
  });

  it('samples only as finely as the tolerance needs', () => {
    const pts: [number, number][] = [
      [0, 10],
      [10, 0],
      [20, 0],
      [30, 20],
    ];
    const coarse = sampleMonotone(pts, 14);
    const fine = sampleMonotone(pts, 400);
    // Every fine sample lies within 0.05 mm of the coarse polyline (tolerance 0.02 mm, with
    // room for the 1/k² estimate).
    for (const [x, y] of fine) {
      const j = coarse.findIndex(([cx]) => cx >= x);
      const [x1, y1] = coarse[j] as [number, number];
      const [x0, y0] = (coarse[Math.max(j - 1, 0)] ?? coarse[j]) as [number, number];
      const yy = x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
      expect(Math.abs(yy - y)).toBeLessThan(0.05);
    }
    // A dense sawtooth (points 0.35 mm apart) costs a few samples per point, not 14.
    const dense: [number, number][] = Array.from({ length: 200 }, (_, i) => [i * 0.35, (i % 5) * 4]);
    expect(sampleMonotone(dense, 14).length).toBeLessThan(200 * 5);
  });

  it('splits where it crosses the line, sharing the crossing', () => {
    const runs = splitAtLevel(
      [
        [0, -1],
        [2, 1],
        [4, 1],
      ],
      0,
    );
    expect(runs).toEqual([
      { above: true, pts: [[0, -1], [1, 0]] },
      { above: false, pts: [[1, 0], [2, 1], [4, 1]] },
    ]);
  });

  it('colours as the layout: green above neutral, red below, grey on it', () => {
    expect([emotionColour(2), emotionColour(-1), emotionColour(0)]).toEqual([CURVE.good, CURVE.bad, CURVE.neutral]);
  });
});
