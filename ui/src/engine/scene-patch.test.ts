import { describe, expect, it } from 'vitest';
import type { Card, DetailPatch, Item, JourneyDetail, Scene } from '../generated/types';
import { insertLength, patchOf, patched, patchedDetail, r2, spliced, translated } from './scene-patch';

describe('spliced', () => {
  it('replaces, inserts and deletes where the splices say, in one pass', () => {
    const old = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const out = spliced(old, [
      { at: 1, delete: 1, insert: [10] },
      { at: 4, delete: 2, insert: [] },
      { at: 9, delete: 0, insert: [11, 12] },
    ]);
    expect(out).toEqual([0, 10, 2, 3, 6, 7, 8, 11, 12, 9]);
    expect(old).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(spliced(old, [])).toBe(old);
    expect(spliced([], [{ at: 0, delete: 0, insert: [1] }])).toEqual([1]);
    expect(spliced(old, [{ at: 8, delete: 2, insert: [] }])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('patched', () => {
  it('takes the small fields whole and splices the lists', () => {
    const rect = (x: number): Item => ({ type: 'rect', rect: { x, y: 0, w: 1, h: 1 }, radius: 0, fill: null, stroke: null, target: null });
    const old: Scene = {
      width: 1189,
      height: 841,
      content: { x: 0, y: 0, w: 1189, h: 841 },
      scale: 1,
      items: [rect(0), rect(1), rect(2)],
      regions: [],
      min_text_pt: 10,
      warnings: [],
    };
    const next = patched(old, {
      width: 1189,
      height: 841,
      content: old.content,
      scale: 0.9,
      min_text_pt: 9,
      warnings: [],
      items: [{ at: 1, delete: 1, insert: [rect(5)] }],
      regions: [],
    });
    expect(next.scale).toBe(0.9);
    expect(next.items.map((i) => (i.type === 'rect' ? i.rect.x : -1))).toEqual([0, 5, 2]);
    expect(next.items[0]).toBe(old.items[0]);
  });

  it('resolves moves against the old items, adding in f32 and rounding to hundredths as the core does, and remembers the patch', () => {
    const items: Item[] = [
      { type: 'rect', rect: { x: 0.1, y: 0.2, w: 3, h: 4 }, radius: 1, fill: '#fff', stroke: null, target: { kind: 'card', id: 'a' } },
      { type: 'text', lines: [{ text: 'a', x: 0.1, baseline: 1.3, width: 2 }, { text: 'b', x: 0.1, baseline: 2.3, width: 1 }], size: 1, size_pt: 3, bold: false, colour: '#000', role: 'card', target: null },
      { type: 'circle', centre: { x: 1, y: 2 }, r: 0.5, fill: null, stroke: null, target: null },
      { type: 'path', segs: [{ op: 'move', to: { x: 1, y: 1 } }, { op: 'cubic', c1: { x: 2, y: 2 }, c2: { x: 3, y: 3 }, to: { x: 4, y: 1 } }, { op: 'close' }], fill: null, stroke: null, target: null },
    ];
    const old: Scene = { width: 100, height: 100, content: { x: 0, y: 0, w: 100, h: 100 }, scale: 1, items, regions: [], min_text_pt: 9, warnings: [] };
    const p = {
      width: 100,
      height: 100,
      content: old.content,
      scale: 1,
      min_text_pt: 9,
      warnings: [],
      items: [{ at: 0, delete: 4, insert: [3, 2, 1, 0].map((from) => ({ from, dx: 0.2, dy: -0.1 })) }],
      regions: [],
    };
    const next = patched(old, p);
    const f = Math.fround;
    const r = next.items[3];
    // 0.1 + 0.2 in f32, rounded to hundredths, is f32(0.3), not the 0.30000000000000004 of f64.
    expect(r?.type === 'rect' && [r.rect.x, r.rect.y, r.rect.w]).toEqual([f(0.3), f(0.1), 3]);
    const t = next.items[2];
    expect(t?.type === 'text' && t.lines.map((l) => [l.x, l.baseline, l.width])).toEqual([
      [f(0.3), f(1.2), 2],
      [f(0.3), f(2.2), 1],
    ]);
    expect(next.items[0]).toEqual(translated(items[3] as Item, 0.2, -0.1));
    const path = next.items[0];
    expect(path?.type === 'path' && path.segs[1]).toEqual({ op: 'cubic', c1: { x: f(2.2), y: f(1.9) }, c2: { x: f(3.2), y: f(2.9) }, to: { x: f(4.2), y: f(0.9) } });
    expect(next.items[1]?.type === 'circle' && next.items[1].centre).toEqual({ x: f(1.2), y: f(1.9) });
    expect(patchOf(next)).toEqual({ base: old, patch: p });
    expect(patchOf(old)).toBeUndefined();
  });
});

describe('moves', () => {
  it('round to hundredths in f32 as the core does, a half away from zero', () => {
    const f = Math.fround;
    expect(r2(f(12.34) + f(5.2299995))).toBe(f(17.57));
    expect(r2(f(0.125))).toBe(f(0.13));
    expect(r2(f(-0.125))).toBe(f(-0.13));
    expect(r2(f(-3.004))).toBe(f(-3));
    // A shift that f32 adds a bit off lands on the hundredth the layout would give.
    const item: Item = { type: 'circle', centre: { x: f(100.07), y: f(250.31) }, r: 1, fill: null, stroke: null, target: null };
    expect(translated(item, f(f(36.96) - f(0)), f(-19.48))).toEqual({ ...item, centre: { x: f(137.03), y: f(230.83) } });
  });

  it('take a run of moves as that many old items in a row, each moved', () => {
    const rect = (y: number): Item => ({ type: 'rect', rect: { x: 1, y, w: 1, h: 1 }, radius: 0, fill: null, stroke: null, target: null });
    const old: Scene = { width: 100, height: 100, content: { x: 0, y: 0, w: 100, h: 100 }, scale: 1, items: [0, 1, 2, 3, 4].map(rect), regions: [], min_text_pt: 9, warnings: [] };
    const splice = { at: 1, delete: 4, insert: [{ from: 1, n: 3, dx: 0, dy: 10 }, rect(50), { from: 4, dx: 0, dy: 1 }] };
    expect(insertLength(splice)).toBe(5);
    const next = patched(old, { ...old, items: [splice], regions: [] });
    expect(next.items.map((i) => i.type === 'rect' && i.rect.y)).toEqual([0, 11, 12, 13, 50, 5]);
  });
});

describe('patchedDetail', () => {
  it('splices the cards and takes the rest as sent', () => {
    const card = (id: string, text: string) => ({ id, text }) as unknown as Card;
    const old = { journey: { id: 'j1', title: 'Old', phases: [], lanes: [], cards: [card('a', '1'), card('b', '2'), card('c', '3')] }, personas: [], others: [] } as unknown as JourneyDetail;
    const p = { meta: { id: 'j1', title: 'New' }, phases: [], lanes: [], cards: [{ at: 1, delete: 1, insert: [] }, { at: 3, delete: 0, insert: [card('d', '4')] }], personas: [], others: [] } as unknown as DetailPatch;
    const out = patchedDetail(old, p);
    expect(out.journey.title).toBe('New');
    expect(out.journey.cards.map((c) => c.id)).toEqual(['a', 'c', 'd']);
    expect(old.journey.cards.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });
});
