import { describe, expect, it } from 'vitest';
import { curveDots, levelY, phaseLanes } from './present';
import type { Card } from '../generated/types';

const card = (id: string, phase_id: string, lane_id: string, emotion: number | null, text = id) => ({ id, phase_id, lane_id, text, emotion, order: 'a' }) as unknown as Card;

const j = {
  phases: [{ id: 'p1' }, { id: 'p2' }] as never,
  lanes: [{ id: 'feel' }, { id: 'touch' }] as never,
  cards: [card('b', 'p1', 'touch', -2), card('a', 'p1', 'feel', 2), card('c', 'p2', 'feel', null), card('d', 'p2', 'touch', 0), card('x', 'p2', 'gone', 1)],
};

describe('the presenting view', () => {
  it('puts the curve in the map’s order, each dot in its phase column', () => {
    const dots = curveDots(j, 200, 100);
    expect(dots.map((d) => d.card_id)).toEqual(['a', 'b', 'd']);
    expect(dots.map((d) => Math.round(d.x))).toEqual([33, 67, 150]);
    expect(dots[0]?.y).toBe(levelY(2, 100));
    expect(levelY(2, 100)).toBeLessThan(levelY(0, 100));
    expect(levelY(-2, 100)).toBe(90);
  });

  it('shows a phase’s cards by lane, leaving out empty lanes', () => {
    expect(phaseLanes(j, 'p2').map((x) => [x.lane.id, x.cards.map((c) => c.id)])).toEqual([
      ['feel', ['c']],
      ['touch', ['d']],
    ]);
    expect(phaseLanes({ ...j, cards: [] }, 'p1')).toEqual([]);
  });
});
