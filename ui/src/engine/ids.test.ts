import { describe, expect, it } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('has the core form: prefix, underscore, 12 base-62 characters', () => {
    expect(newId('persona')).toMatch(/^persona_[0-9A-Za-z]{12}$/);
  });
  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('card')));
    expect(ids.size).toBe(1000);
  });
});
