import { describe, expect, it } from 'vitest';
import { clipboard, FastEntry, nextCell, type Draft, type EntryHost } from './entry';
import type { Card } from '../../generated/types';

const j = {
  phases: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }],
  lanes: [{ id: 'l1' }, { id: 'l2' }],
} as unknown as Parameters<typeof nextCell>[0];

describe('nextCell', () => {
  it('walks along the phases, then down the lanes, and wraps', () => {
    expect(nextCell(j, { phase_id: 'p1', lane_id: 'l1' })).toEqual({ phase_id: 'p2', lane_id: 'l1' });
    expect(nextCell(j, { phase_id: 'p3', lane_id: 'l1' })).toEqual({ phase_id: 'p1', lane_id: 'l2' });
    expect(nextCell(j, { phase_id: 'p3', lane_id: 'l2' })).toEqual({ phase_id: 'p1', lane_id: 'l1' });
    expect(nextCell(j, { phase_id: 'p1', lane_id: 'l1' }, -1)).toEqual({ phase_id: 'p3', lane_id: 'l2' });
    expect(nextCell(j, { phase_id: 'gone', lane_id: 'l2' })).toEqual({ phase_id: 'p1', lane_id: 'l1' });
  });
});

describe('clipboard', () => {
  it('keeps copies, not references', () => {
    const c = { id: 'c1', text: 'a', evidence: [{ source: 'interview', note: 'n' }] } as unknown as Card;
    clipboard.set([c]);
    c.text = 'changed';
    expect(clipboard.get()[0]?.text).toBe('a');
  });
});

describe('fast entry', () => {
  const journey = {
    phases: [{ id: 'p1' }, { id: 'p2' }],
    lanes: [{ id: 'l1' }, { id: 'l2' }],
    cards: [{ id: 'c1', phase_id: 'p2', lane_id: 'l1', text: 'old' }],
  } as unknown as ReturnType<EntryHost['journey']>;
  function machine() {
    const commits: Draft[] = [];
    const cells: string[] = [];
    let focused = 0;
    let changes = 0;
    const m = new FastEntry({
      journey: () => journey,
      commit: (d) => void commits.push(d),
      worksIn: (c) => void cells.push(`${c.phase_id}/${c.lane_id}`),
      changed: () => void changes++,
      focusCanvas: () => void focused++,
    });
    return { m, commits, cells, focused: () => focused, changes: () => changes };
  }

  it('Idle handles nothing', () => {
    const { m, commits } = machine();
    expect(m.name).toBe('idle');
    for (const e of ['enter', 'tab', 'shift-tab', 'escape', 'blur'] as const) {
      expect(m.handles(e), e).toBe(false);
      expect(m.send(e), e).toBe(false);
    }
    expect(commits).toEqual([]);
  });

  it('Typing: Enter saves and starts the next card in the same cell', () => {
    const { m, commits, cells } = machine();
    m.openCell({ phase_id: 'p1', lane_id: 'l2' });
    m.input('first');
    expect(m.send('enter')).toBe(true);
    m.input('second');
    m.send('enter');
    expect(commits).toEqual([
      { kind: 'new', phase_id: 'p1', lane_id: 'l2', text: 'first' },
      { kind: 'new', phase_id: 'p1', lane_id: 'l2', text: 'second' },
    ]);
    expect(m.name).toBe('typing');
    expect(m.draft).toEqual({ kind: 'new', phase_id: 'p1', lane_id: 'l2', text: '' });
    expect(cells).toEqual(['p1/l2', 'p1/l2', 'p1/l2']);
  });

  it('Typing: Tab and Shift+Tab save and move to the next and previous cell', () => {
    const { m, commits } = machine();
    m.openCell({ phase_id: 'p2', lane_id: 'l1' });
    m.input('x');
    m.send('tab');
    expect(m.draft).toMatchObject({ kind: 'new', phase_id: 'p1', lane_id: 'l2' });
    m.send('shift-tab');
    expect(m.draft).toMatchObject({ kind: 'new', phase_id: 'p2', lane_id: 'l1' });
    expect(commits.map((c) => c.text)).toEqual(['x', '']);
  });

  it('Editing a card: Enter saves it and goes on with a new card in its cell', () => {
    const { m, commits } = machine();
    m.openCard({ id: 'c1', text: 'old', phase_id: 'p2', lane_id: 'l1' });
    expect(m.name).toBe('editing');
    m.input('new text');
    m.send('enter');
    expect(commits).toEqual([{ kind: 'card', id: 'c1', text: 'new text' }]);
    expect(m.name).toBe('typing');
    expect(m.draft).toMatchObject({ phase_id: 'p2', lane_id: 'l1', text: '' });
  });

  it('Renaming: Enter saves and hands the keys back; Tab is left to the browser', () => {
    const { m, commits, focused } = machine();
    m.openHeader('phase', 'p1', 'Old');
    expect(m.handles('tab')).toBe(false);
    m.input('New');
    m.send('enter');
    expect(commits).toEqual([{ kind: 'phase', id: 'p1', text: 'New' }]);
    expect(m.name).toBe('idle');
    expect(focused()).toBe(1);
  });

  it('Escape drops the draft; leaving the box saves it', () => {
    const a = machine();
    a.m.openCell({ phase_id: 'p1', lane_id: 'l1' });
    a.m.input('gone');
    a.m.send('escape');
    expect(a.commits).toEqual([]);
    expect(a.m.draft).toBeNull();
    const b = machine();
    b.m.openCard({ id: 'c1', text: 'old', phase_id: 'p2', lane_id: 'l1' });
    b.m.input('kept');
    b.m.send('blur');
    expect(b.commits).toEqual([{ kind: 'card', id: 'c1', text: 'kept' }]);
    expect(b.m.name).toBe('idle');
  });

  it('asking whether a key is handled changes nothing', () => {
    const { m, commits, changes } = machine();
    m.openCell({ phase_id: 'p1', lane_id: 'l1' });
    m.input('typed');
    const before = changes();
    expect(m.handles('enter')).toBe(true);
    expect(m.handles('tab')).toBe(true);
    expect(commits).toEqual([]);
    expect(changes()).toBe(before);
    expect(m.draft?.text).toBe('typed');
  });
});
