import { describe, expect, it } from 'vitest';
import { actionFor, allActions, editorActions, formatShortcut, presentActions, helpRows, LIVE_TOGETHER, matches, type EditorCtx, type Shortcut } from './actions';
import { messages } from './i18n';
import { clipboard, FastEntry, type Draft } from './canvas/entry';
import type { Card, Edit } from '../generated/types';

const ev = (key: string, mods: Partial<{ ctrl: boolean; shift: boolean; alt: boolean; meta: boolean }> = {}) => ({
  key,
  ctrlKey: !!mods.ctrl,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
  metaKey: !!mods.meta,
});

const norm = (s: Shortcut) => `${s.mod ? 'mod+' : ''}${s.alt ? 'alt+' : ''}${s.shift ? 'shift+' : ''}${s.key.toLowerCase()}`;

describe('the actions list', () => {
  it('has unique ids', () => {
    const ids = allActions.map((a) => a.id);
    expect(new Set(ids).size, ids.join(' ')).toBe(ids.length);
  });

  it('never gives one key two actions among the scopes that are live together', () => {
    for (const scopes of LIVE_TOGETHER) {
      const seen = new Map<string, string>();
      for (const a of allActions.filter((x) => scopes.includes(x.scope))) {
        for (const s of a.shortcuts) {
          const k = norm(s);
          expect(seen.get(k), `${k} is ${seen.get(k)} and ${a.id} in ${scopes.join('+')}`).toBeUndefined();
          seen.set(k, a.id);
        }
      }
      expect(seen.size).toBeGreaterThan(3);
    }
  });

  it('has a label and a help row in Dutch and English for every action', () => {
    for (const a of allActions) {
      for (const lang of ['nl', 'en'] as const) {
        expect(messages[lang][a.labelKey]?.trim(), `${lang} ${a.id}`).toBeTruthy();
        expect(messages[lang][a.helpKey ?? a.labelKey]?.trim(), `${lang} ${a.id} help`).toBeTruthy();
      }
    }
  });


  it('lists every keyboard action in the ? overlay', () => {
    const rows = helpRows();
    const keys = rows.flatMap((r) => r.keys);
    for (const a of allActions) {
      const s = a.shortcuts[0];
      if (s) expect(keys, a.id).toContain(formatShortcut(s));
    }
    expect(rows.find((r) => r.helpKey === 'keys.undo')?.keys).toEqual(['Ctrl+Z', 'Ctrl+Shift+Z']);
    expect(rows.find((r) => r.helpKey === 'keys.edit')).toMatchObject({ keys: ['F2'], gestures: ['dblclick'] });
    expect(rows.find((r) => r.helpKey === 'keys.zoom')?.keys).toEqual(['+', '–', '0', '9']);
    expect(rows.map((r) => r.helpKey)).toContain('keys.multi');
    expect(helpRows(true).find((r) => r.helpKey === 'keys.print')?.keys).toEqual(['⌘+P']);
  });
});

describe('matching keys', () => {
  it('wants modifiers exactly, but lets Shift type a character', () => {
    expect(matches({ key: 'z', mod: true }, ev('z', { ctrl: true }))).toBe(true);
    expect(matches({ key: 'z', mod: true }, ev('Z', { ctrl: true, shift: true }))).toBe(false);
    expect(matches({ key: 'z', mod: true, shift: true }, ev('Z', { meta: true, shift: true }))).toBe(true);
    expect(matches({ key: 'z', mod: true }, ev('z', { ctrl: true, alt: true }))).toBe(false);
    expect(matches({ key: '?' }, ev('?', { shift: true }))).toBe(true);
    expect(matches({ key: '+' }, ev('+', { shift: true }))).toBe(true);
    expect(matches({ key: 'Tab' }, ev('Tab', { shift: true }))).toBe(false);
    expect(matches({ key: 'Enter' }, ev('Enter'))).toBe(true);
    expect(matches({ key: 'Enter' }, ev('Enter', { ctrl: true }))).toBe(false);
  });
});

/** A fake editor: records edits, selection and what the canvas was asked. */
function fakeEditor(cards: Partial<Card>[] = [], selection: string[] = []) {
  const edits: Edit[] = [];
  const calls: string[] = [];
  const toasts: string[] = [];
  const journey = {
    id: 'j1',
    phases: [{ id: 'p1' }, { id: 'p2' }],
    lanes: [{ id: 'l1' }],
    cards: cards as Card[],
  } as unknown as EditorCtx['journey'];
  const drafts: (Draft | null)[] = [];
  const entry: FastEntry = new FastEntry({
    journey: () => journey as never,
    commit: () => {},
    worksIn: () => {},
    changed: () => drafts.push(entry.draft),
    focusCanvas: () => {},
  });
  const ctx: EditorCtx = {
    journey,
    selection,
    helping: false,
    entry,
    canvas: {
      zoom: (f) => void calls.push(`zoom ${f}`),
      fit: () => void calls.push('fit'),
      panBy: (dx, dy) => void calls.push(`pan ${dx} ${dy}`),
      cancelGesture: () => false,
    },
    select: (ids) => void calls.push(`select ${ids.join(',')}`),
    edit: async (e) => {
      edits.push(e);
      return { created: ['new1'], changed: true } as never;
    },
    targetCell: () => ({ phase_id: 'p2', lane_id: 'l1' }),
    setHelp: (open) => void calls.push(`help ${open}`),
    assumptionsOnly: false,
    setAssumptionsOnly: (on) => void calls.push(`assumptions ${on}`),
    openMatrix: () => void calls.push('matrix'),
    print: () => void calls.push('print'),
    share: () => void calls.push('share'),
    mergeCopy: () => void calls.push('merge-copy'),
    workshopOpen: false,
    setWorkshop: (open) => void calls.push(`workshop ${open}`),
    setZoom: (mode) => void calls.push(`zoom ${mode}`),
    present: () => void calls.push('present'),
    isToBe: false,
    makeToBe: () => void calls.push('to-be'),
    compareWith: () => void calls.push('compare'),
    openVersions: () => void calls.push('versions'),
    scanPhoto: () => void calls.push('scan'),
    toast: (t) => void toasts.push(t),
    tr: (k, p) => `${k}${p ? JSON.stringify(p) : ''}`,
  };
  return { ctx, edits, calls, toasts, drafts };
}

describe('performing actions', () => {
  it('runs the action a key means, against the editor context', async () => {
    const f = fakeEditor([{ id: 'c1', phase_id: 'p1', lane_id: 'l1', text: 'a' }], ['c1']);
    actionFor(editorActions, ev('Delete'), f.ctx)?.perform(f.ctx);
    actionFor(editorActions, ev('Backspace'), f.ctx)?.perform(f.ctx);
    expect(f.edits).toEqual([
      { op: 'delete_cards', ids: ['c1'] },
      { op: 'delete_cards', ids: ['c1'] },
    ]);
    actionFor(editorActions, ev('='), f.ctx)?.perform(f.ctx);
    actionFor(editorActions, ev('ArrowLeft'), f.ctx)?.perform(f.ctx);
    actionFor(editorActions, ev('Escape'), f.ctx)?.perform(f.ctx);
    expect(f.calls).toEqual(['zoom 1.25', 'pan 60 0', 'select ']);
  });

  it('Shift+A toggles the assumptions filter and Shift+M opens the matrix; plain letters do nothing', () => {
    const f = fakeEditor([], []);
    actionFor(editorActions, ev('A', { shift: true }), f.ctx)?.perform(f.ctx);
    actionFor(editorActions, ev('M', { shift: true }), f.ctx)?.perform(f.ctx);
    expect(actionFor(editorActions, ev('a'), f.ctx)).toBeNull();
    expect(f.calls).toEqual(['assumptions true', 'matrix']);
    expect(editorActions.find((a) => a.id === 'view.assumptions')?.active?.(f.ctx)).toBe(false);
  });

  it('Shift+C compares and Shift+V opens the versions; a to-be journey makes no to-be journey', () => {
    const f = fakeEditor([], []);
    actionFor(editorActions, ev('C', { shift: true }), f.ctx)?.perform(f.ctx);
    actionFor(editorActions, ev('V', { shift: true }), f.ctx)?.perform(f.ctx);
    expect(f.calls).toEqual(['compare', 'versions']);
    const toBe = editorActions.find((a) => a.id === 'journey.makeToBe');
    expect(toBe?.shown?.(f.ctx)).toBe(true);
    expect(toBe?.shown?.({ ...f.ctx, isToBe: true })).toBe(false);
    expect(toBe?.enabled({ ...f.ctx, isToBe: true })).toBe(false);
  });

  it('leaves a key alone when its action cannot run', () => {
    const f = fakeEditor([], []);
    expect(actionFor(editorActions, ev('Delete'), f.ctx)).toBeNull();
    expect(actionFor(editorActions, ev('F2'), f.ctx)).toBeNull();
    expect(actionFor(editorActions, ev('q'), f.ctx)).toBeNull();
  });

  it('copies and pastes through the clipboard into the target cell', async () => {
    const f = fakeEditor([{ id: 'c1', phase_id: 'p1', lane_id: 'l1', text: 'a', evidence: [] }], ['c1']);
    actionFor(editorActions, ev('c', { ctrl: true }), f.ctx)?.perform(f.ctx);
    expect(clipboard.get().map((c) => c.id)).toEqual(['c1']);
    expect(f.toasts).toEqual(['ed.copied{"n":1}']);
    actionFor(editorActions, ev('v', { ctrl: true }), f.ctx)?.perform(f.ctx);
    expect(f.edits[0]).toMatchObject({ op: 'paste_cards', journey_id: 'j1', phase_id: 'p2', lane_id: 'l1' });
    await Promise.resolve();
    await Promise.resolve();
    expect(f.calls).toContain('select new1');
  });

  it('Enter opens fast entry in the target cell, F2 on the selected card', () => {
    const f = fakeEditor([{ id: 'c1', phase_id: 'p1', lane_id: 'l1', text: 'hello' }], ['c1']);
    actionFor(editorActions, ev('Enter'), f.ctx)?.perform(f.ctx);
    expect(f.ctx.entry.draft).toEqual({ kind: 'new', phase_id: 'p2', lane_id: 'l1', text: '' });
    actionFor(editorActions, ev('F2'), f.ctx)?.perform(f.ctx);
    expect(f.ctx.entry.draft).toEqual({ kind: 'card', id: 'c1', text: 'hello' });
  });
});

describe('the workshop and presenting actions', () => {
  it('opens the workshop panel with Shift+W and presents with F5', () => {
    const f = fakeEditor();
    actionFor(editorActions, ev('W', { shift: true }), f.ctx)?.perform(f.ctx);
    actionFor(editorActions, ev('F5'), f.ctx)?.perform(f.ctx);
    expect(f.calls).toEqual(['workshop true', 'present']);
  });

  it('keeps the arrows and Esc to the presenting view while it is open', () => {
    const calls: string[] = [];
    const ctx = { previous: () => calls.push('previous'), next: () => calls.push('next'), leave: () => calls.push('leave') };
    for (const k of ['ArrowRight', ' ', 'PageDown', 'ArrowLeft', 'Escape']) actionFor(presentActions, ev(k), ctx)?.perform(ctx);
    expect(calls).toEqual(['next', 'next', 'next', 'previous', 'leave']);
    // The same keys in the editor pan and deselect: two lists, never live together.
    expect(actionFor(editorActions, ev('ArrowRight'), fakeEditor().ctx)?.id).toBe('pan.right');
    expect(helpRows().find((r) => r.helpKey === 'keys.present')?.keys).toEqual(['←', '→', 'Esc']);
  });
});
