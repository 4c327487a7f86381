import { describe, expect, it } from 'vitest';
import { SceneIndex } from './index';
import { ghostItems, hooksOf, linkItemsOf, MIN_POINT_PX, suggestBadges } from './overlay';
import { Viewport } from './viewport';
import type { Item, Scene } from './scene';

const card = { kind: 'card' as const, id: 'c1' };
const items: Item[] = [
  { type: 'rect', rect: { x: 10, y: 10, w: 30, h: 20 }, radius: 1, fill: '#fff3b0', stroke: null, target: card },
  { type: 'circle', centre: { x: 25, y: 50 }, r: 2, fill: '#e0f0e0', stroke: null, target: card },
];
const scene: Scene = {
  width: 100,
  height: 100,
  content: { x: 0, y: 0, w: 100, h: 100 },
  scale: 1,
  items,
  regions: [],
  min_text_pt: 8,
  warnings: [],
};

describe('hooksOf', () => {
  const index = new SceneIndex(scene);
  const visible = items.map((item, i) => ({ i, item }));
  const describeRef = () => 'Wachten op de bus';

  it('gives a note and its emotion point a hook each when the point can be seen', () => {
    // 4 mm across at 1 px/mm: 4 px.
    const hooks = hooksOf(visible, index, describeRef, undefined, 1);
    expect(hooks.map((h) => h.kind)).toEqual(['card', 'emotion']);
    expect(hooks[0]?.label).toBe('Wachten op de bus');
  });

  it('leaves out the hook of a point smaller than a few pixels, never the note', () => {
    const pxPerMm = (MIN_POINT_PX - 0.5) / 4;
    const hooks = hooksOf(visible, index, describeRef, undefined, pxPerMm);
    expect(hooks.map((h) => h.kind)).toEqual(['card']);
  });

  it('reuses a hook that did not change, so its element is left alone', () => {
    const first = hooksOf(visible, index, describeRef, undefined, 1);
    const again = hooksOf(visible, index, describeRef, new Map(first.map((h) => [`${h.kind}:${h.id}`, h])), 1);
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
  });
});

describe('ghostItems', () => {
  const text: Item = { type: 'text', lines: [{ x: 12, baseline: 16, width: 8, text: 'Bus' }], size: 2, size_pt: 5.7, bold: false, colour: '#222', role: 'card', target: card };
  const other: Item = { type: 'rect', rect: { x: 60, y: 10, w: 30, h: 20 }, radius: 1, fill: '#fff3b0', stroke: null, target: { kind: 'card', id: 'c2' } };
  const withText: Scene = { ...scene, items: [...items, other, text] };
  const index = new SceneIndex(withText);

  it('gives the dragged card\'s own items in paint order, not another card\'s', () => {
    expect(ghostItems(withText, index, ['c1'], 0).map((g) => g.i)).toEqual([0, 1, 3]);
  });

  it('leaves out text too small to read, as the map does', () => {
    expect(ghostItems(withText, index, ['c1'], 2.5).map((g) => g.i)).toEqual([0, 1]);
  });
});

describe('linkItemsOf', () => {
  const line: Item = { type: 'path', segs: [], fill: null, stroke: { colour: '#333', width: 0.3, dash: [] }, target: { kind: 'link', id: 'l1' } };
  const head: Item = { ...line, fill: '#333' };
  const elsewhere: Item = { ...line, target: { kind: 'link', id: 'l2' } };

  it('gives the line and head of the one link', () => {
    const s: Scene = { ...scene, items: [...items, line, elsewhere, head] };
    expect(linkItemsOf(s, 'l1')).toEqual([line, head]);
  });
});

describe('suggestBadges', () => {
  it('sits in the middle of the note’s badge row, never above the note', () => {
    const vp = new Viewport();
    vp.resize(800, 600);
    vp.scale = 4;
    const [b] = suggestBadges([{ id: 'c1', rect: { x: 10, y: 20, w: 40, h: 30 } }], vp);
    expect(b).toEqual({ id: 'c1', x: 120, y: 190, wide: false });
    // Its 20 px stay within the note: its top edge is below the note's top.
    expect((b?.y ?? 0) - 10).toBeGreaterThan(20 * 4);
    vp.scale = 6;
    expect(suggestBadges([{ id: 'c1', rect: { x: 10, y: 20, w: 40, h: 30 } }], vp)[0]?.wide).toBe(true);
  });
});
