import { describe, expect, it } from 'vitest';
import type { Card } from '../../generated/types';
import { dropEdit, gridKey, gridModel, posOf, type GridState, type KeyLike } from './grid';
import { cellName, noteName } from './grid-names';

const card = (id: string, phase_id: string, lane_id: string, order: string, extra: Partial<Card> = {}): Card => ({
  id,
  phase_id,
  lane_id,
  order,
  text: `text ${id}`,
  colour: 'yellow',
  validation: 'assumption',
  ...extra,
});

// Two lanes × three phases:   p1      p2      p3
//                       l1   a, b     -       c
//                       l2    d       e       -
const journey = {
  phases: [
    { id: 'p1', name: 'Orient' },
    { id: 'p2', name: 'Buy' },
    { id: 'p3', name: 'Use' },
  ],
  lanes: [
    { id: 'l1', title: 'Touchpoints' },
    { id: 'l2', title: 'Pain points' },
  ],
  // Out of order on purpose: the grid sorts by order key.
  cards: [card('b', 'p1', 'l1', 'b'), card('a', 'p1', 'l1', 'a'), card('c', 'p3', 'l1', 'a'), card('d', 'p1', 'l2', 'a'), card('e', 'p2', 'l2', 'a')],
} as unknown as Parameters<typeof gridModel>[0];
const m = gridModel(journey);

/** Presses `keys` from `start`; the focus after each. */
function walk(start: GridState, keys: (string | KeyLike)[]): GridState[] {
  const out: GridState[] = [];
  let s = start;
  for (const k of keys) {
    const step = gridKey(m, s, typeof k === 'string' ? { key: k } : k);
    if (step) s = step.state;
    out.push(s);
  }
  return out;
}
const at = (id: string): GridState => ({ focus: { kind: 'card', id }, picked: null });
const ids = (ss: GridState[]) => ss.map((s) => (s.focus.kind === 'card' || s.focus.kind === 'phase' || s.focus.kind === 'lane' ? s.focus.id : s.focus.kind === 'cell' ? `${s.focus.lane_id}/${s.focus.phase_id}` : 'corner'));

describe('the grid', () => {
  it('lays cards out by lane, phase and order key', () => {
    expect(m.cells).toEqual([
      [['a', 'b'], [], ['c']],
      [['d'], ['e'], []],
    ]);
    expect(posOf(m, { kind: 'card', id: 'b' })).toEqual({ row: 0, col: 0, item: 1 });
  });

  it('moves with the arrows through notes, empty cells and headers', () => {
    expect(ids(walk(at('a'), ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowUp', 'ArrowUp']))).toEqual(['b', 'd', 'e', 'l1/p2', 'p2', 'p2']);
    expect(ids(walk(at('a'), ['ArrowLeft', 'ArrowUp', 'ArrowRight', 'ArrowDown']))).toEqual(['l1', 'corner', 'p1', 'a']);
    // The right edge stops.
    expect(ids(walk(at('c'), ['ArrowRight']))).toEqual(['c']);
  });

  it('goes to the row ends with Home and End, the map ends with Ctrl', () => {
    expect(ids(walk(at('e'), ['Home', 'End', { key: 'Home', ctrlKey: true }, { key: 'End', ctrlKey: true }]))).toEqual(['l2', 'l2/p3', 'a', 'l2/p3']);
  });

  it('edits, adds, renames and leaves with Enter and Escape', () => {
    expect(gridKey(m, at('a'), { key: 'Enter' })?.effect).toEqual({ do: 'edit_card', id: 'a' });
    expect(gridKey(m, { focus: { kind: 'cell', phase_id: 'p2', lane_id: 'l1' }, picked: null }, { key: 'Enter' })?.effect).toEqual({ do: 'new_card', phase_id: 'p2', lane_id: 'l1' });
    expect(gridKey(m, { focus: { kind: 'phase', id: 'p3' }, picked: null }, { key: 'F2' })?.effect).toEqual({ do: 'rename', kind: 'phase', id: 'p3' });
    expect(gridKey(m, at('a'), { key: 'Escape' })?.effect).toEqual({ do: 'leave' });
    // Keys the grid has no use for go on to the editor's (Delete, Ctrl+Z, Tab).
    expect(gridKey(m, at('a'), { key: 'Delete' })).toBeNull();
    expect(gridKey(m, at('a'), { key: 'Tab' })).toBeNull();
  });

  it('moves a note two phases right and one lane down with Space and the arrows: one move_cards', () => {
    let s = at('a');
    const said: string[] = [];
    for (const key of [' ', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown']) {
      const step = gridKey(m, s, { key });
      if (!step) throw new Error(key);
      s = step.state;
      if (step.say) said.push(step.say.key);
    }
    // Right twice: the end of l1/p3 (after c); down: past c's cell's end into l2/p3's top.
    expect(s.picked).toEqual({ ids: ['a'], row: 1, col: 2, at: 0 });
    const drop = gridKey(m, s, { key: ' ' });
    expect(drop?.effect).toEqual({ do: 'move', ids: ['a'], phase_id: 'p3', lane_id: 'l2', before: null });
    expect(drop?.say).toEqual({ key: 'a11y.moved', params: { text: 'text a', phase: 'Use', lane: 'Pain points' } });
    expect(drop?.state.picked).toBeNull();
    expect(said).toEqual(['a11y.picked', 'a11y.over', 'a11y.over', 'a11y.over', 'a11y.over']);
  });

  it('moves within a cell, and a drop where it stood changes nothing', () => {
    const held = gridKey(m, at('a'), { key: ' ' })?.state;
    if (!held) throw new Error('no pick');
    expect(held.picked).toEqual({ ids: ['a'], row: 0, col: 0, at: 0 });
    expect(dropEdit(m, held.picked!)).toBeNull();
    expect(gridKey(m, held, { key: ' ' })?.effect).toBeUndefined();
    const below = gridKey(m, held, { key: 'ArrowDown' })?.state;
    // After b: the end of the cell.
    expect(below?.picked?.at).toBe(1);
    expect(dropEdit(m, below!.picked!)).toEqual({ do: 'move', ids: ['a'], phase_id: 'p1', lane_id: 'l1', before: null });
    const b = gridKey(m, at('b'), { key: ' ' })?.state;
    const up = gridKey(m, b!, { key: 'ArrowUp' })?.state;
    expect(dropEdit(m, up!.picked!)).toEqual({ do: 'move', ids: ['b'], phase_id: 'p1', lane_id: 'l1', before: 'a' });
  });

  it('puts the note back with Escape', () => {
    const held = gridKey(m, at('d'), { key: ' ' })?.state;
    const moved = gridKey(m, held!, { key: 'ArrowRight' })?.state;
    const back = gridKey(m, moved!, { key: 'Escape' });
    expect(back?.state).toEqual(at('d'));
    expect(back?.effect).toBeUndefined();
    expect(back?.say).toEqual({ key: 'a11y.putBack', params: { text: 'text d', phase: 'Orient', lane: 'Pain points' } });
  });

  it('picks up the whole selection the focused note is part of', () => {
    const held = gridKey(m, at('a'), { key: ' ' }, ['a', 'd'])?.state;
    expect(held?.picked?.ids).toEqual(['a', 'd']);
    const right = gridKey(m, held!, { key: 'ArrowRight' })?.state;
    expect(gridKey(m, right!, { key: ' ' })?.effect).toEqual({ do: 'move', ids: ['a', 'd'], phase_id: 'p2', lane_id: 'l1', before: null });
  });
});

describe('headers and emotions', () => {
  const head = (kind: 'phase' | 'lane', id: string): GridState => ({ focus: { kind, id }, picked: null });

  it('reorders a phase from its header with Space and the arrows: one move_phase', () => {
    let s = head('phase', 'p1');
    const said: string[] = [];
    for (const key of [' ', 'ArrowRight', 'ArrowRight']) {
      const step = gridKey(m, s, { key });
      s = step!.state;
      if (step?.say) said.push(step.say.key);
    }
    expect(s.header).toEqual({ kind: 'phase', id: 'p1', to: 2 });
    expect(said).toEqual(['a11y.pickedPhase', 'a11y.overHeader', 'a11y.overHeader']);
    // At the end: after the last phase.
    expect(gridKey(m, s, { key: ' ' })?.effect).toEqual({ do: 'move_phase', id: 'p1', before: null });
    const one = gridKey(m, gridKey(m, head('phase', 'p3'), { key: ' ' })!.state, { key: 'Home' })!.state;
    expect(gridKey(m, one, { key: ' ' })?.effect).toEqual({ do: 'move_phase', id: 'p3', before: 'p1' });
  });

  it('reorders a lane with Up and Down; Escape and a drop in place change nothing', () => {
    const held = gridKey(m, head('lane', 'l2'), { key: ' ' })!.state;
    const up = gridKey(m, held, { key: 'ArrowUp' })!.state;
    expect(gridKey(m, up, { key: ' ' })?.effect).toEqual({ do: 'move_lane', id: 'l2', before: 'l1' });
    expect(gridKey(m, up, { key: 'Escape' })?.state.header).toBeNull();
    expect(gridKey(m, held, { key: ' ' })?.effect).toBeUndefined();
  });

  it("changes a card's emotion with Shift+Up and Shift+Down, within −2 … +2", () => {
    expect(gridKey(m, at('a'), { key: 'ArrowUp', shiftKey: true })?.effect).toEqual({ do: 'emotion', id: 'a', emotion: 1 });
    expect(gridKey(m, at('a'), { key: 'ArrowDown', shiftKey: true })?.say).toEqual({ key: 'a11y.emotionSet', params: { text: 'text a', v: '\u22121' } });
  });
});

describe('names', () => {
  it("say a note's text, lane, phase, emotion, evidence state and votes", () => {
    const c = card('x', 'p1', 'l1', 'a', { text: 'Tien minuten in de rij', emotion: -2, validation: 'validated', votes: 3, evidence: [{ source: 'interview', note: '' }] });
    expect(noteName('nl', c, 'Pijnpunten', 'Aankoop')).toBe('Tien minuten in de rij. Pijnpunten, Aankoop, emotie −2, gevalideerd, 1 bewijs, 3 stemmen');
    expect(noteName('en', card('y', 'p1', 'l1', 'a', { text: 'Queue' }), 'Pain points', 'Buy')).toBe('Queue. Pain points, Buy, assumption');
  });

  it('say how many notes a cell holds', () => {
    expect(cellName('en', 'Pain points', 'Buy', 0)).toBe('Pain points, Buy: empty, Enter adds a card');
    expect(cellName('en', 'Pain points', 'Buy', 1)).toBe('Pain points, Buy: 1 card');
    expect(cellName('nl', 'Pijnpunten', 'Aankoop', 4)).toBe('Pijnpunten, Aankoop: 4 kaarten');
  });
});
