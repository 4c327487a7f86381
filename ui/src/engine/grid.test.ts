import { describe, expect, it } from 'vitest';
import type { Card, Journey } from '../generated/types';
import { buildGrid, emotionGlyph } from './grid';

function card(id: string, phase: string, lane: string, order: string): Card {
  return {
    id,
    phase_id: phase,
    lane_id: lane,
    order,
    text: id,
    colour: 'yellow',
    validation: 'assumption',
    impact: undefined,
    evidence: undefined,
    company_involved: undefined,
  } as Card;
}

const journey = {
  id: 'j',
  title: 'J',
  phases: [
    { id: 'p1', order: 'a', name: 'One' },
    { id: 'p2', order: 'b', name: 'Two' },
  ],
  lanes: [
    { id: 'l1', order: 'a', kind: 'actions', title: 'Actions', hint: '' },
    { id: 'l2', order: 'b', kind: 'thoughts', title: 'Thoughts', hint: '' },
  ],
  cards: [card('c3', 'p2', 'l1', 'b'), card('c1', 'p2', 'l1', 'a'), card('c2', 'p1', 'l2', 'a'), card('x', 'gone', 'l1', 'a')],
} as unknown as Journey;

describe('buildGrid', () => {
  it('puts each card in its cell, in order, one row per lane', () => {
    const rows = buildGrid(journey);
    expect(rows.map((r) => r.lane.id)).toEqual(['l1', 'l2']);
    expect(rows[0]?.cells.map((c) => c.cards.map((k) => k.id))).toEqual([[], ['c1', 'c3']]);
    expect(rows[1]?.cells.map((c) => c.cards.map((k) => k.id))).toEqual([['c2'], []]);
  });

  it('leaves out cards of unknown cells', () => {
    const all = buildGrid(journey).flatMap((r) => r.cells.flatMap((c) => c.cards.map((k) => k.id)));
    expect(all).not.toContain('x');
  });
});

describe('emotionGlyph', () => {
  it('shows the scale and nothing when absent', () => {
    expect(emotionGlyph(-2)).toBe('−2');
    expect(emotionGlyph(2)).toBe('+2');
    expect(emotionGlyph(undefined)).toBeNull();
    expect(emotionGlyph(null)).toBeNull();
  });
});
