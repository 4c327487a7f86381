import { describe, expect, it } from 'vitest';
import type { Card, DetailChange, Item, JourneyDetail } from '../generated/types';
import { between, mapOf, type MapSpec } from './keyed.test-util';
import { changed, changedDetail, keyed, spliced } from './scene-patch';

const base: MapSpec = { cells: { 'l1/pA': ['c1', 'c2'], 'l2/pB': ['c3'] } };

/** The card note (first rect) of card `id` in a flat Scene. */
function note(items: Item[], id: string): Item | undefined {
  return items.find((it) => it.type === 'rect' && it.target?.kind === 'card' && it.target.id === id);
}

describe('keyed', () => {
  it('draws the groups flat at page millimetres: the fit and the sum of the origins', () => {
    const held = keyed(mapOf({ ...base, scale: 2 }));
    // c2: lane l1 at y 30, cell pA at x 40, the card at (40, 5) in it; the page's content at (2, 3).
    expect(note(held.scene.items, 'c2')).toMatchObject({ rect: { x: 2 + 2 * (40 + 40), y: 3 + 2 * (30 + 5), w: 60, h: 60 }, radius: 2 });
    const text = held.scene.items.find((it) => it.type === 'text' && it.target?.id === 'c2');
    expect(text?.type === 'text' && [text.size, text.lines[0]?.x, text.lines[0]?.baseline]).toEqual([8, 2 + 2 * 82, 3 + 2 * 41]);
    const cell = held.scene.regions.find((r) => r.kind === 'cell' && r.lane_id === 'l2' && r.phase_id === 'pB');
    expect(cell?.rect).toEqual({ x: 2 + 2 * 120, y: 3 + 2 * (30 + 45), w: 160, h: 90 });
    // Paint order: a group's own items, then its children.
    const kinds = held.scene.items.map((it) => it.target?.kind ?? '-');
    expect(kinds.indexOf('lane')).toBeLessThan(kinds.indexOf('card'));
    expect(held.scene.groups).toBeUndefined();
  });
});

describe('changed', () => {
  const edits: [string, MapSpec][] = [
    ['a text edit', { ...base, texts: { c2: 'Nieuw' } }],
    ['a move to another cell', { cells: { 'l1/pA': ['c2'], 'l2/pB': ['c3', 'c1'] } }],
    ['a lane that grows a row', { cells: { ...base.cells, 'l1/pB': ['c4', 'c5', 'c6'] } }],
    ['a delete', { cells: { 'l1/pA': ['c1'], 'l2/pB': ['c3'] } }],
    ['a new fit', { ...base, scale: 0.5 }],
  ];
  for (const [what, spec] of edits) {
    it(`after ${what} draws what the new Scene sent whole draws`, () => {
      const old = keyed(mapOf(base));
      const now = mapOf(spec);
      const { keyed: next, step } = changed(old, between(mapOf(base), now));
      expect(next.scene).toEqual(keyed(now).scene);
      // The splices make the new list from the old one, object for object.
      const made = spliced(old.scene.items, step.items);
      expect(made.length).toBe(next.scene.items.length);
      made.forEach((it, i) => expect(it).toBe(next.scene.items[i]));
      expect(step.base).toBe(old.scene);
      expect(step.scene).toBe(next.scene);
      // The old Scene is as it was.
      expect(old.scene).toEqual(keyed(mapOf(base)).scene);
    });
  }

  it('keeps the items of the groups that neither changed nor moved, and repaints the others', () => {
    const old = keyed(mapOf(base));
    const { keyed: next, step } = changed(old, between(mapOf(base), mapOf({ ...base, texts: { c2: 'Nieuw' } })));
    expect(note(next.scene.items, 'c1')).toBe(note(old.scene.items, 'c1'));
    expect(note(next.scene.items, 'c3')).toBe(note(old.scene.items, 'c3'));
    expect(note(next.scene.items, 'c2')).not.toBe(note(old.scene.items, 'c2'));
    // The card's group only: its old and new boxes, its new text for the fonts.
    expect(step.items.flatMap((s) => s.insert).length).toBe(2);
    expect(step.dirty?.length).toBe(2);
    expect(step.texts).toEqual(['Nieuw']);
  });

  it('moves a lane that a row pushed down by one placement, and repaints where it was and is', () => {
    const spec = { cells: { ...base.cells, 'l1/pB': ['c4', 'c5', 'c6'] } };
    const change = between(mapOf(base), mapOf(spec));
    expect(change.place.map((p) => p.key)).toContain('lane:l2');
    expect(change.upsert.map((n) => n.group.key)).not.toContain('card:c3');
    const old = keyed(mapOf(base));
    const { keyed: next, step } = changed(old, change);
    const c3 = note(next.scene.items, 'c3');
    const was = note(old.scene.items, 'c3');
    expect(c3?.type === 'rect' && was?.type === 'rect' && c3.rect.y - was.rect.y).toBe(35);
    const dirty = step.dirty ?? [];
    const inside = (y: number) => dirty.some((r) => r.y <= y && y <= r.y + r.h);
    expect(was?.type === 'rect' && inside(was.rect.y) && c3?.type === 'rect' && inside(c3.rect.y)).toBe(true);
  });

  it('asks for a whole repaint when the fit changed', () => {
    const old = keyed(mapOf(base));
    const { step } = changed(old, between(mapOf(base), mapOf({ ...base, scale: 0.5 })));
    expect(step.dirty).toBeNull();
  });
});

describe('changedDetail', () => {
  const card = (id: string, order: string, text = id) => ({ id, order, text }) as unknown as Card;
  const old = { journey: { id: 'j1', title: 'Old', phases: [], lanes: [], cards: [card('a', 'a0'), card('b', 'a1'), card('c', 'a2')] }, personas: [], others: [] } as unknown as JourneyDetail;
  const change = (c: Partial<DetailChange>): DetailChange => ({ phases: { upsert: [], remove: [] }, lanes: { upsert: [], remove: [] }, cards: { upsert: [], remove: [] }, ...c });

  it('puts the touched records in by id and takes the removed ones out, in the journey order', () => {
    const out = changedDetail(old, change({ meta: { id: 'j1', title: 'New' } as never, cards: { upsert: [card('d', 'a05'), card('c', 'a2', 'C')], remove: ['b'] } }));
    expect(out.journey.title).toBe('New');
    expect(out.journey.cards.map((c) => c.id)).toEqual(['a', 'd', 'c']);
    expect(out.journey.cards[2]?.text).toBe('C');
    expect(old.journey.cards.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('moves a card whose order key changed, and keeps what the change does not name', () => {
    const out = changedDetail(old, change({ cards: { upsert: [card('a', 'a3')], remove: [] } }));
    expect(out.journey.cards.map((c) => c.id)).toEqual(['b', 'c', 'a']);
    expect(out.journey.title).toBe('Old');
    expect(out.personas).toBe(old.personas);
    expect(changedDetail(old, change({})).journey.cards).toBe(old.journey.cards);
  });
});
