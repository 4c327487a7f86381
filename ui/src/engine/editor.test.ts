import { describe, expect, it } from 'vitest';
import { describeRecord, entryEdit, entryTargetRect, placeField, targetCellOf } from './editor';
import { fixture } from './canvas/fixture.test-util';
import type { Card, Journey } from '../generated/types';

const card = (id: string, text: string, phase_id = 'pA', lane_id = 'l1') => ({ id, text, phase_id, lane_id }) as Card;
const cards = new Map([card('c1', 'Wachten op de bus'), card('c2', 'Instappen', 'pB', 'l2')].map((c) => [c.id, c]));
const journey = {
  id: 'j1',
  phases: [{ id: 'pA', name: 'Reizen' }, { id: 'pB', name: 'Aankomen' }],
  lanes: [{ id: 'l1', title: 'Doen' }, { id: 'l2', title: 'Voelen' }],
  links: [{ id: 'k1', from: 'c1', to: 'c2', label: '' }, { id: 'k2', from: 'c1', to: 'c2', label: 'daarna' }],
} as unknown as Journey;

describe('describeRecord', () => {
  const linkText = (from: string, to: string) => `${from} → ${to}`;

  it('says what each kind of record is called', () => {
    expect(describeRecord({ kind: 'card', id: 'c1' }, journey, cards, linkText)).toBe('Wachten op de bus');
    expect(describeRecord({ kind: 'phase', id: 'pB' }, journey, cards, linkText)).toBe('Aankomen');
    expect(describeRecord({ kind: 'lane', id: 'l2' }, journey, cards, linkText)).toBe('Voelen');
  });

  it('names a link by its label, else by the cards it joins', () => {
    expect(describeRecord({ kind: 'link', id: 'k2' }, journey, cards, linkText)).toBe('daarna');
    expect(describeRecord({ kind: 'link', id: 'k1' }, journey, cards, linkText)).toBe('Wachten op de bus → Instappen');
    expect(describeRecord({ kind: 'link', id: 'gone' }, journey, cards, linkText)).toBe('');
  });
});

describe('entryTargetRect', () => {
  const scene = fixture();

  it('covers the cell, the header or the card being typed in', () => {
    expect(entryTargetRect(scene, { kind: 'new', phase_id: 'pA', lane_id: 'l2', text: '' })).toEqual({ x: 40, y: 90, w: 80, h: 60 });
    expect(entryTargetRect(scene, { kind: 'phase', id: 'pA', text: '' })).toEqual({ x: 40, y: 20, w: 80, h: 10 });
    expect(entryTargetRect(scene, { kind: 'lane', id: 'l2', text: '' })).toEqual({ x: 0, y: 90, w: 40, h: 60 });
    const note = scene.items.find((it) => it.type === 'rect' && it.target?.kind === 'card');
    const id = note?.target?.id ?? '';
    expect(entryTargetRect(scene, { kind: 'card', id, text: '' })).toEqual(note?.type === 'rect' ? note.rect : null);
  });

  it('opens below the cards a cell has, so the card Enter saved stays in sight', () => {
    // c3 (30 mm high at y 95) is in the cell of pB × l2.
    expect(entryTargetRect(scene, { kind: 'new', phase_id: 'pB', lane_id: 'l2', text: '' })).toEqual({ x: 120, y: 126, w: 80, h: 24 });
  });

  it('is null for what the Scene no longer has', () => {
    expect(entryTargetRect(scene, { kind: 'phase', id: 'gone', text: '' })).toBeNull();
  });
});

describe('entryEdit', () => {
  it('adds a new card with the trimmed text, and nothing for an empty box', () => {
    expect(entryEdit({ kind: 'new', phase_id: 'pA', lane_id: 'l1', text: '  Bus mist  ' }, 'j1', cards)).toEqual({
      op: 'add_card',
      journey_id: 'j1',
      phase_id: 'pA',
      lane_id: 'l1',
      text: 'Bus mist',
      colour: null,
      before: null,
      id: null,
    });
    expect(entryEdit({ kind: 'new', phase_id: 'pA', lane_id: 'l1', text: '   ' }, 'j1', cards)).toBeNull();
  });

  it('updates a card only when its text changed, and never empties it', () => {
    expect(entryEdit({ kind: 'card', id: 'c1', text: 'Bus te laat' }, 'j1', cards)).toEqual({ op: 'update_card', id: 'c1', patch: { text: 'Bus te laat' } });
    expect(entryEdit({ kind: 'card', id: 'c1', text: 'Wachten op de bus' }, 'j1', cards)).toBeNull();
    expect(entryEdit({ kind: 'card', id: 'c1', text: '' }, 'j1', cards)).toBeNull();
    expect(entryEdit({ kind: 'card', id: 'gone', text: 'x' }, 'j1', cards)).toBeNull();
  });

  it('renames a phase or a lane', () => {
    expect(entryEdit({ kind: 'phase', id: 'pA', text: 'Reis ' }, 'j1', cards)).toEqual({ op: 'update_phase', id: 'pA', patch: { name: 'Reis' } });
    expect(entryEdit({ kind: 'lane', id: 'l1', text: 'Denken' }, 'j1', cards)).toEqual({ op: 'update_lane', id: 'l1', patch: { title: 'Denken' } });
    expect(entryEdit({ kind: 'lane', id: 'l1', text: ' ' }, 'j1', cards)).toBeNull();
  });
});

describe('targetCellOf', () => {
  it("takes the selected card's cell, else the last cell while it exists, else the first", () => {
    expect(targetCellOf(journey, cards.get('c2') ?? null, { phase_id: 'pA', lane_id: 'l1' })).toEqual({ phase_id: 'pB', lane_id: 'l2' });
    expect(targetCellOf(journey, null, { phase_id: 'pB', lane_id: 'l1' })).toEqual({ phase_id: 'pB', lane_id: 'l1' });
    expect(targetCellOf(journey, null, { phase_id: 'gone', lane_id: 'l1' })).toEqual({ phase_id: 'pA', lane_id: 'l1' });
    expect(targetCellOf({ phases: [], lanes: [] }, null, null)).toBeNull();
  });
});

describe('placeField', () => {
  it('leads a gap to its field in the panels', () => {
    expect(placeField({ kind: 'field', testid: 'journey-goal' })).toBe('journey-goal');
    expect(placeField({ kind: 'persona', id: 'p1' })).toBe('persona-segment-p1');
    expect(placeField({ kind: 'persona', id: null })).toBe('new-persona');
    expect(placeField({ kind: 'phase', id: 'pA', field: 'phase-duration' })).toBe('phase-duration');
    expect(placeField({ kind: 'review' })).toBe('review-surprises');
    expect(placeField({ kind: 'card', id: 'c1' })).toBeUndefined();
    expect(placeField({ kind: 'lanes' })).toBeUndefined();
  });
});
