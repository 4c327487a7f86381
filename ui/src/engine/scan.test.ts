import { describe, expect, it } from 'vitest';
import type { ScanReview } from '../generated/types';
import { adding, choices, dotCount, drafts, neighbour, points, unsure } from './scan';
import { t } from './i18n';

const review: ScanReview = {
  notes: [
    { id: 'n1', photo: 0, outline: [[10, 10], [60, 10], [60, 60], [10, 60]], phase_id: 'p1', lane_id: 'l1', colour: 'yellow', text: 'Klant belt', confidence: 0.9, dots: 3 },
    { id: 'n2', photo: 0, outline: [[70, 10], [120, 12], [118, 62], [68, 60]], phase_id: 'p2', lane_id: 'l1', colour: 'pink', text: '', confidence: 0, dots: 0 },
    { id: 'n3', photo: 1, outline: [[1, 1], [2, 1], [2, 2], [1, 2]], phase_id: 'p2', lane_id: 'l2', colour: 'blue', text: 'Wacht', confidence: 0.4, dots: 1 },
  ],
  crops: ['data:image/png;base64,AA', 'data:image/png;base64,BB', ''],
  warnings: [],
  photos: [],
  gone: [],
};

describe('scan review', () => {
  it('sends the kept notes with the corrections', () => {
    const d = drafts(review);
    expect(d.map((n) => n.crop)).toEqual(review.crops);
    d[1]!.text = '  Zoekt op Google ';
    d[1]!.phase_id = 'p1';
    d[2]!.dropped = true;
    d[1]!.dots = 2;
    expect(choices(d)).toEqual([
      { id: 'n1', phase_id: 'p1', lane_id: 'l1', colour: 'yellow', text: 'Klant belt', dots: 3 },
      { id: 'n2', phase_id: 'p1', lane_id: 'l1', colour: 'pink', text: 'Zoekt op Google', dots: 2 },
    ]);
  });

  it('counts only the notes not on the map yet as cards to add', () => {
    const again: ScanReview = {
      ...review,
      notes: review.notes.map((n, i) => (i === 0 ? { ...n, card_id: 'card_a' } : n)),
      gone: [{ card_id: 'card_b', phase_id: 'p1', lane_id: 'l1', colour: 'green', text: 'Weg', votes: 2 }],
    };
    const d = drafts(again);
    expect(d.map((n) => n.cardId)).toEqual(['card_a', null, null]);
    expect(adding(d)).toBe(2);
    d[2]!.dropped = true;
    expect(adding(d)).toBe(1);
    // A note on the map is still sent: its dots become the card's votes.
    expect(choices(d).map((c) => c.id)).toEqual(['n1', 'n2']);
  });

  it('takes a typed dot count as a whole number from 0', () => {
    expect([dotCount(4), dotCount('2'), dotCount(''), dotCount(-1), dotCount(2.7), dotCount(null), dotCount('x')]).toEqual([4, 2, 0, 0, 2, 0, 0]);
  });

  it('steps through the notes and stays at the ends', () => {
    const d = drafts(review);
    expect(neighbour(d, null, 1)).toBe('n1');
    expect(neighbour(d, 'n1', 1)).toBe('n2');
    expect(neighbour(d, 'n3', 1)).toBe('n3');
    expect(neighbour(d, 'n1', -1)).toBe('n1');
    expect(neighbour([], 'n1', 1)).toBe(null);
  });

  it('outlines and marks unsure text', () => {
    expect(points([[1, 2], [3.25, 4]])).toBe('1.0,2.0 3.3,4.0');
    const d = drafts(review);
    expect(d.map(unsure)).toEqual([false, true, true]);
  });

  it('words the accept button with the count', () => {
    expect(t('nl', 'scan.accept', { n: 3 })).toBe('3 kaarten toevoegen');
  });
});
