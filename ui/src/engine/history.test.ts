import { describe, expect, it } from 'vitest';
import type { Card, Journey } from '../generated/types';
import { changeSubject } from './history';

const card = (id: string, text: string, phase = 'p1'): Card => ({ id, phase_id: phase, lane_id: 'l1', order: 'a', text, colour: 'yellow' }) as Card;
const journey = (cards: Card[], id = 'j1'): Journey =>
  ({ id, title: 'T', phases: [{ id: 'p1', order: 'a', name: 'Oriëntatie' }], lanes: [{ id: 'l1', order: 'a', kind: 'touchpoints', title: 'Touchpoints' }], cards }) as unknown as Journey;

describe('changeSubject', () => {
  it('names the card a step moved back', () => {
    const a = journey([card('c1', 'Ziet een advertentie'), card('c2', 'Twijfelt over de prijs', 'p2')]);
    const b = journey([card('c1', 'Ziet een advertentie'), card('c2', 'Twijfelt over de prijs', 'p1')]);
    expect(changeSubject(a, b)).toEqual({ name: 'Twijfelt over de prijs', more: 0 });
  });

  it('names a card that came back or went, and counts the others', () => {
    const a = journey([card('c1', 'Een')]);
    const b = journey([card('c1', 'Een'), card('c2', 'Twee'), card('c3', 'Drie')]);
    expect(changeSubject(a, b)).toEqual({ name: 'Twee', more: 1 });
    expect(changeSubject(b, a)).toEqual({ name: 'Twee', more: 1 });
  });

  it('cuts a long text, and says nothing of a journey field or of another journey', () => {
    const long = 'Belt de winkel om te vragen of de fiets al binnen is en hoort niets terug';
    const got = changeSubject(journey([card('c1', long)]), journey([card('c1', long, 'p2')]));
    expect(got?.name).toHaveLength(40);
    expect(got?.name.endsWith('…')).toBe(true);
    const j = journey([card('c1', 'Een')]);
    expect(changeSubject(j, { ...j, title: 'Other' })).toBeNull();
    expect(changeSubject(j, journey([card('c1', 'Twee')], 'j2'))).toBeNull();
  });
});
