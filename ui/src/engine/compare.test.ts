import { describe, expect, it } from 'vitest';
import { curveRuns, diff, fig } from './compare';

describe('compare helpers', () => {
  it('writes figures in the UI language', () => {
    expect(fig('en', 1.25)).toBe('1.3');
    expect(fig('nl', -0.5)).toBe('-0,5');
    expect(fig('en', 2)).toBe('2');
    expect(fig('en', null)).toBe('–');
  });
  it('signs differences', () => {
    expect(diff('en', 2)).toBe('+2');
    expect(diff('nl', -1.5)).toBe('−1,5');
    expect(diff('en', 0)).toBe('0');
    expect(diff('en', null)).toBe('–');
  });
  it('breaks the curve where a phase has no emotions', () => {
    const runs = curveRuns([3, null, -3, 0], 100, 60, 10);
    expect(runs.length).toBe(2);
    expect(runs[0]).toEqual([{ x: 10, y: 10 }]);
    expect(runs[1]?.[0]?.y).toBe(50);
    expect(runs[1]?.[1]?.x).toBe(90);
  });
});
