import { describe, expect, it } from 'vitest';
import { decimal, relativeTime } from './format';

const now = new Date('2026-11-23T12:00:00Z');

describe('relativeTime', () => {
  it('says how long ago in both languages', () => {
    expect(relativeTime('en', '2026-11-23T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('en', '2026-11-23T11:55:00Z', now)).toBe('5 min ago');
    expect(relativeTime('nl', '2026-11-23T09:00:00Z', now)).toBe('3 uur geleden');
    expect(relativeTime('nl', '2026-11-22T10:00:00Z', now)).toBe('gisteren');
    expect(relativeTime('en', '2026-11-20T12:00:00Z', now)).toBe('3 days ago');
  });

  it('gives a date for older changes and nothing for bad input', () => {
    expect(relativeTime('en', '2026-03-01T12:00:00Z', now)).toMatch(/Mar/);
    expect(relativeTime('en', '2025-03-01T12:00:00Z', now)).toMatch(/2025/);
    expect(relativeTime('en', 'not a date', now)).toBe('');
  });
});

describe('decimal', () => {
  it('writes a minus sign, not a hyphen, and the decimal comma in Dutch', () => {
    expect(decimal('nl', -1)).toBe('−1');
    expect(decimal('nl', -0.5)).toBe('−0,5');
    expect(decimal('en', -1.25, 1)).toBe('−1.3');
    expect(decimal('en', 2)).toBe('2');
    expect(decimal('nl', -0.01)).toBe('0');
  });
});
