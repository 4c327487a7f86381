import { describe, expect, it } from 'vitest';
import type { Card, DetailPatch, Item, JourneyDetail, Scene } from '../generated/types';
import { patched, patchedDetail, spliced } from './scene-patch';

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
