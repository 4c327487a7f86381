// Every action of the UI, once, as data (as Excalidraw's actions): an id, a label, the keys
// that run it, when it can run and what it does. The key handlers (App.svelte, Editor.svelte,
// the fast-entry box), the editor's toolbar and the `?` overlay all read this list, so a
// shortcut is declared in one place. A test checks no two live actions share a key and that
// every label exists in Dutch and English.
//
// Actions run against a small context (the editor's state and operations), never against the
// DOM, so a unit test can run one with a fake context and look at the edit it sends.
//
// The editor's actions, the largest group, are in actions-editor.ts and the shortcuts' own
// rules (matching a key, how one reads) in shortcut.ts; this module assembles the list and
// re-exports them, so importers read everything from here.

import type { MessageKey } from './i18n';
import type { KeyLike } from './keys';
import type { FastEntry } from './canvas/entry';
import { always, formatShortcut, key, matches, type Shortcut } from './shortcut';
import { editorActions } from './actions-editor';

export { matches, formatShortcut, type Shortcut } from './shortcut';
export { editorActions, type EditorCtx } from './actions-editor';

/** Where an action's keys are live. The app's actions are live in the editor too (both key
 * handlers listen on the window); the fast-entry box keeps its keys to itself, and so does
 * the presenting view (it takes every key before the others see it). */
export type Scope = 'app' | 'editor' | 'entry' | 'present';

/** The scopes whose keys are live at the same time: no key may mean two actions there. */
export const LIVE_TOGETHER: Scope[][] = [['app', 'editor'], ['entry'], ['present']];

/** Pointer gestures that also run an action, for the overlay. */
export type Gesture = 'dblclick' | 'shift-click';

export interface Action<C> {
  id: string;
  scope: Scope;
  /** The action's name (menus, tooltips). */
  labelKey: MessageKey;
  /** Keys that run it; the first is the one the overlay shows. */
  shortcuts: Shortcut[];
  gestures?: Gesture[];
  /** The `?` overlay's row: actions with the same key share one row (zoom in / out / fit). */
  helpKey?: MessageKey;
  /** Shown in the editor's toolbar, in this group (at `slot`, else in list order). */
  toolbar?: { group: 'zoom' | 'structure' | 'view' | 'workshop' | 'compare' | 'end'; slot?: number; testid: string; text?: MessageKey | string; icon?: 'plus'; primary?: boolean };
  /** Whether its toolbar button shows at all (absent: always); its keys follow `enabled`. */
  shown?(ctx: C): boolean;
  /** A toggle's state, for its toolbar button (`aria-pressed`). */
  active?(ctx: C): boolean;
  /** Shown in the menu of a multiple selection. */
  selectionMenu?: { testid: string; danger?: boolean };
  enabled(ctx: C): boolean;
  perform(ctx: C): void;
}

// ---- contexts -----------------------------------------------------------------------------
// (The editor's, EditorCtx, is in actions-editor.ts with its actions.)

export interface AppCtx {
  undo(): void;
  redo(): void;
  newJourney(): void;
  /** Opens "Join a shared journey". */
  joinJourney(): void;
}

export interface EntryCtx {
  entry: FastEntry;
}

/** What the presenting view offers its keys. */
export interface PresentCtx {
  previous(): void;
  next(): void;
  leave(): void;
}

// ---- the actions --------------------------------------------------------------------------

export const appActions: Action<AppCtx>[] = [
  {
    id: 'undo',
    scope: 'app',
    labelKey: 'act.undo',
    helpKey: 'keys.undo',
    shortcuts: [key('z', { mod: true })],
    // With nothing to undo the key still runs: the app says so.
    enabled: always,
    perform: (c) => c.undo(),
  },
  {
    id: 'redo',
    scope: 'app',
    labelKey: 'act.redo',
    helpKey: 'keys.undo',
    shortcuts: [key('z', { mod: true, shift: true }), key('y', { mod: true })],
    enabled: always,
    perform: (c) => c.redo(),
  },
  {
    id: 'new-journey',
    scope: 'app',
    labelKey: 'act.newJourney',
    shortcuts: [key('j', { mod: true })],
    enabled: always,
    perform: (c) => c.newJourney(),
  },
  {
    id: 'join',
    scope: 'app',
    labelKey: 'act.join',
    // J as for a new journey, with Shift: a journey from someone else.
    shortcuts: [key('j', { mod: true, shift: true })],
    enabled: always,
    perform: (c) => c.joinJourney(),
  },
];

export const entryActions: Action<EntryCtx>[] = [
  {
    id: 'entry.next',
    scope: 'entry',
    labelKey: 'keys.enter',
    shortcuts: [key('Enter')],
    enabled: (c) => c.entry.handles('enter'),
    perform: (c) => void c.entry.send('enter'),
  },
  {
    id: 'entry.next-cell',
    scope: 'entry',
    labelKey: 'act.nextCell',
    helpKey: 'keys.tab',
    shortcuts: [key('Tab')],
    enabled: (c) => c.entry.handles('tab'),
    perform: (c) => void c.entry.send('tab'),
  },
  {
    id: 'entry.previous-cell',
    scope: 'entry',
    labelKey: 'act.previousCell',
    helpKey: 'keys.tab',
    shortcuts: [key('Tab', { shift: true })],
    enabled: (c) => c.entry.handles('shift-tab'),
    perform: (c) => void c.entry.send('shift-tab'),
  },
  {
    id: 'entry.cancel',
    scope: 'entry',
    labelKey: 'act.cancelEntry',
    shortcuts: [key('Escape')],
    enabled: (c) => c.entry.handles('escape'),
    perform: (c) => void c.entry.send('escape'),
  },
];

export const presentActions: Action<PresentCtx>[] = [
  {
    id: 'present.previous',
    scope: 'present',
    labelKey: 'act.present.previous',
    helpKey: 'keys.present',
    shortcuts: [key('ArrowLeft'), key('PageUp'), key('ArrowUp')],
    enabled: always,
    perform: (c) => c.previous(),
  },
  {
    id: 'present.next',
    scope: 'present',
    labelKey: 'act.present.next',
    helpKey: 'keys.present',
    // Space and Page Down too: what a presenter's clicker sends.
    shortcuts: [key('ArrowRight'), key('PageDown'), key('ArrowDown'), key(' ')],
    enabled: always,
    perform: (c) => c.next(),
  },
  {
    id: 'present.leave',
    scope: 'present',
    labelKey: 'act.present.leave',
    helpKey: 'keys.present',
    shortcuts: [key('Escape')],
    enabled: always,
    perform: (c) => c.leave(),
  },
];

/** Every action, in the order the `?` overlay lists them: a new card, then the keys of the
 * entry box while typing it, then the rest, and last the keys of the presenting view. */
export const allActions: Action<never>[] = [
  ...(editorActions.filter((a) => a.id === 'card.new') as Action<never>[]),
  ...(entryActions as Action<never>[]),
  ...(editorActions.filter((a) => a.id !== 'card.new') as Action<never>[]),
  ...(appActions as Action<never>[]),
  ...(presentActions as Action<never>[]),
];

// ---- keys ---------------------------------------------------------------------------------

/** The action in `list` that `e` runs, if it is enabled now. */
export function actionFor<C>(list: Action<C>[], e: KeyLike, ctx: C): Action<C> | null {
  for (const a of list) {
    if (a.shortcuts.some((s) => matches(s, e))) return a.enabled(ctx) ? a : null;
  }
  return null;
}

/** A title for a button: the label and, when there is one, its shortcut. */
export function titleOf(a: Action<never>, label: string, mac = false): string {
  const s = a.shortcuts[0];
  return s ? `${label} (${formatShortcut(s, mac)})` : label;
}

export interface HelpRow {
  keys: string[];
  gestures: Gesture[];
  helpKey: MessageKey;
}

/** The `?` overlay's rows: each action's first key, rows shared by actions with one help key. */
export function helpRows(mac = false): HelpRow[] {
  const rows: HelpRow[] = [];
  for (const a of allActions) {
    const s = a.shortcuts[0];
    if (!s && !a.gestures) continue;
    const helpKey = a.helpKey ?? a.labelKey;
    let row = rows.find((r) => r.helpKey === helpKey);
    if (!row) {
      row = { keys: [], gestures: [], helpKey };
      rows.push(row);
    }
    const k = s ? formatShortcut(s, mac) : null;
    if (k && !row.keys.includes(k)) row.keys.push(k);
    for (const g of a.gestures ?? []) if (!row.gestures.includes(g)) row.gestures.push(g);
  }
  // Pointer-only: Shift+click adds to the selection (the pointer tool does it).
  const zoom = rows.findIndex((r) => r.helpKey === 'keys.zoom');
  rows.splice(zoom < 0 ? rows.length : zoom, 0, { keys: [], gestures: ['shift-click'], helpKey: 'keys.multi' });
  return rows;
}
