import { describe, expect, it } from 'vitest';
import type { Card, Item, Region } from '../../generated/types';
import { focusRings, keepRect } from './focus';
import { gridModel } from './grid';
import { Viewport } from './viewport';

const note = (id: string, x: number, y: number): Item => ({ type: 'rect', rect: { x, y, w: 40, h: 20 }, radius: 1, fill: '#fbefb0', target: { kind: 'card', id } }) as Item;
const cell = (phase_id: string, lane_id: string, x: number, y: number): Region => ({ kind: 'cell', phase_id, lane_id, rect: { x, y, w: 50, h: 60 } });
const scene = {
  items: [note('a', 5, 5), note('b', 5, 30), note('c', 55, 5)],
  regions: [cell('p1', 'l1', 0, 0), cell('p2', 'l1', 50, 0), { kind: 'phase_header', phase_id: 'p2', rect: { x: 50, y: -10, w: 50, h: 10 } } as Region],
};
const card = (id: string, phase_id: string, order: string) => ({ id, phase_id, lane_id: 'l1', order, text: id, colour: 'yellow', validation: 'assumption' }) as Card;
const m = gridModel({
  phases: [{ id: 'p1', name: 'One' }, { id: 'p2', name: 'Two' }],
  lanes: [{ id: 'l1', title: 'Lane' }],
  cards: [card('a', 'p1', 'a'), card('b', 'p1', 'b'), card('c', 'p2', 'a')],
} as unknown as Parameters<typeof gridModel>[0]);

describe('the focus on the map', () => {
  it('rings the focused note, cell or header', () => {
    expect(focusRings(scene, m, { focus: { kind: 'card', id: 'b' }, picked: null })).toEqual([{ kind: 'focus', rect: { x: 5, y: 30, w: 40, h: 20 } }]);
    expect(focusRings(scene, m, { focus: { kind: 'phase', id: 'p2' }, picked: null })[0]?.rect).toEqual({ x: 50, y: -10, w: 50, h: 10 });
    expect(focusRings(scene, m, { focus: { kind: 'corner' }, picked: null })).toEqual([]);
  });

  it('shows held notes, their target cell and a bar at the place', () => {
    // "a" held over p2, before "c".
    const rings = focusRings(scene, m, { focus: { kind: 'card', id: 'a' }, picked: { ids: ['a'], row: 0, col: 1, at: 0 } });
    expect(rings.map((r) => r.kind)).toEqual(['held', 'target', 'bar']);
    expect(rings[1]?.rect).toEqual({ x: 50, y: 0, w: 50, h: 60 });
    const bar = rings[2]?.rect;
    expect(bar && bar.y + bar.h).toBeLessThanOrEqual(5);
    expect(keepRect(scene, m, { focus: { kind: 'card', id: 'a' }, picked: { ids: ['a'], row: 0, col: 1, at: 1 } })).toEqual({ x: 50, y: 0, w: 50, h: 60 });
  });

  it('pans the least that keeps the focus in sight, never zooming', () => {
    const vp = new Viewport();
    vp.resize(400, 300);
    vp.scale = 2;
    const r = { x: 300, y: 10, w: 40, h: 20 };
    vp.keepInView(r, 10);
    const a = vp.toScreen({ x: r.x + r.w, y: r.y });
    expect(vp.scale).toBe(2);
    expect(a.x).toBeCloseTo(390, 6);
    const before = { x: vp.offsetX, y: vp.offsetY };
    vp.keepInView({ x: 290, y: 10, w: 10, h: 10 }, 10);
    expect({ x: vp.offsetX, y: vp.offsetY }).toEqual(before);
  });
});
