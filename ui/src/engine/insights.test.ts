import { describe, expect, it } from 'vitest';
import { cellCentre, curveMarks, marksByPoint, quadrantOf, scoreAt, signed } from './insights';

describe('curve marks', () => {
  it('names the highest, the lowest and the last moment', () => {
    expect(curveMarks([0, 2, -1, -2, 1])).toEqual({ peak: 1, trough: 3, end: 4 });
  });
  it('gives ties to the earliest moment, as the core does', () => {
    expect(curveMarks([1, 2, -2, 2, -2, 0])).toEqual({ peak: 1, trough: 2, end: 5 });
  });
  it('has no marks without moments', () => {
    expect(curveMarks([])).toEqual({ peak: null, trough: null, end: null });
  });
  it('joins marks that fall on one point, and a flat curve has no trough', () => {
    expect([...marksByPoint([-1, 0, 2]).entries()]).toEqual([
      [2, ['peak', 'end']],
      [0, ['trough']],
    ]);
    expect([...marksByPoint([1, 1]).entries()]).toEqual([
      [0, ['peak']],
      [1, ['end']],
    ]);
    expect([...marksByPoint([0]).entries()]).toEqual([[0, ['peak', 'end']]]);
  });
});

describe('value × effort matrix', () => {
  const plot = { x: 100, y: 50, w: 500, h: 400 };
  it('reads value upwards and effort to the right, 1 … 5', () => {
    expect(scoreAt(plot, 101, 449)).toEqual({ value: 1, effort: 1 });
    expect(scoreAt(plot, 599, 51)).toEqual({ value: 5, effort: 5 });
    expect(scoreAt(plot, 100 + 250, 50 + 200)).toEqual({ value: 3, effort: 3 });
    // Just across a boundary: 40 % of the width is the start of the third column.
    expect(scoreAt(plot, 100 + 199, 450 - 161)).toEqual({ value: 3, effort: 2 });
  });
  it('clamps a drop just outside the plot to the edge and refuses one far away', () => {
    expect(scoreAt(plot, 90, 460)).toEqual({ value: 1, effort: 1 });
    expect(scoreAt(plot, 610, 40)).toEqual({ value: 5, effort: 5 });
    expect(scoreAt(plot, 0, 200)).toBeNull();
    expect(scoreAt(plot, 300, 600)).toBeNull();
  });
  it('puts a chip back where its scores read', () => {
    for (const value of [1, 2, 3, 4, 5])
      for (const effort of [1, 2, 3, 4, 5]) {
        const c = cellCentre(plot, value, effort);
        expect(scoreAt(plot, c.x, c.y)).toEqual({ value, effort });
      }
  });
  it('names the quadrants as the core does: 4 and 5 are high, 3 is not', () => {
    expect(quadrantOf(5, 1)).toBe('quick_win');
    expect(quadrantOf(4, 4)).toBe('big_bet');
    expect(quadrantOf(3, 3)).toBe('fill_in');
    expect(quadrantOf(2, 5)).toBe('money_pit');
  });
});

it('writes emotions with a sign', () => {
  expect([signed(2), signed(0), signed(-1)]).toEqual(['+2', '0', '−1']);
});
