// Every action of the UI, once, as data (as Excalidraw's actions): an id, a label, the keys
// that run it, when it can run and what it does. The key handlers (App.svelte, Editor.svelte,
// the fast-entry box), the editor's toolbar and the `?` overlay all read this list, so a
// shortcut is declared in one place. A test checks no two live actions share a key and that
// every label exists in Dutch and English.
//
// Actions run against a small context (the editor's state and operations), never against the
// DOM, so a unit test can run one with a fake context and look at the edit it sends.

import type { Edit, EditOutcome, Journey } from '../generated/types';
import type { EditorKey } from './i18n-editor';
import type { KeyLike } from './keys';
import type { Cell, FastEntry } from './canvas/entry';
import { clipboard } from './canvas/entry';

/** One key combination. `key` is a KeyboardEvent.key: a letter (lower case), a character
 * (`?`, `+`) or a named key (`Enter`, `ArrowLeft`). `mod` is Ctrl, or ⌘ on a Mac. */
export interface Shortcut {
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

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
  labelKey: EditorKey;
  /** Keys that run it; the first is the one the overlay shows. */
  shortcuts: Shortcut[];
  gestures?: Gesture[];
  /** The `?` overlay's row: actions with the same key share one row (zoom in / out / fit). */
  helpKey?: EditorKey;
  /** Shown in the editor's toolbar, in this group (at `slot`, else in list order). */
  toolbar?: { group: 'zoom' | 'structure' | 'view' | 'workshop' | 'compare' | 'end'; slot?: number; testid: string; text?: EditorKey | string; icon?: 'plus'; primary?: boolean };
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

export interface AppCtx {
  undo(): void;
  redo(): void;
  newJourney(): void;
  /** Opens "Join a shared journey". */
  joinJourney(): void;
}

/** What the editor offers its actions. */
export interface EditorCtx {
  readonly journey: Pick<Journey, 'id' | 'cards' | 'phases' | 'lanes'>;
  readonly selection: string[];
  /** The selected link between cards, if any (cards and a link are never selected together). */
  readonly linkSelected?: string | null;
  readonly helping: boolean;
  select(ids: string[]): void;
  edit(e: Edit): Promise<EditOutcome | null>;
  /** Where Enter and paste put new cards: the selected card's cell, else the last one used. */
  targetCell(): Cell | null;
  entry: FastEntry;
  /** The canvas, once it has a Scene. */
  canvas: { zoom(f: number): void; fit(): void; panBy(dx: number, dy: number): void; cancelGesture(): boolean } | null;
  setHelp(open: boolean): void;
  /** Only the assumptions at full strength on the canvas, the rest faded. */
  readonly assumptionsOnly: boolean;
  setAssumptionsOnly(on: boolean): void;
  /** The value × effort matrix of the opportunities. */
  openMatrix(): void;
  print(): void;
  /** Opens the share dialog (link, status, merge from a copy). */
  share(): void;
  /** Merges the changes of a copy of this document (a file dialog). */
  mergeCopy(): void;
  /** The workshop panel: the guided steps and the facilitator timer. */
  readonly workshopOpen: boolean;
  setWorkshop(open: boolean): void;
  /** The full-screen, read-only walk through the phases. */
  present(): void;
  /** A to-be journey has no to-be journey of its own to make. */
  readonly isToBe: boolean;
  /** Copies the journey as its to-be journey (one undoable edit) and opens the copy. */
  makeToBe(): void;
  /** Compares the journey with another one (the linked as-is/to-be journey first). */
  compareWith(): void;
  /** The journey's versions: take one, open one, compare, restore. */
  openVersions(): void;
  /** "Read a photo of the wall…": the notes on a photo of the printed canvas become cards. */
  scanPhoto(): void;
  toast(text: string): void;
  tr(key: EditorKey, params?: Record<string, string | number>): string;
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

const key = (k: string, mods: Omit<Shortcut, 'key'> = {}): Shortcut => ({ key: k, ...mods });
const always = () => true;
const hasSelection = (c: EditorCtx) => c.selection.length > 0;
const PAN = 60;

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

export const editorActions: Action<EditorCtx>[] = [
  {
    id: 'card.new',
    scope: 'editor',
    labelKey: 'keys.new',
    shortcuts: [key('Enter')],
    enabled: (c) => c.targetCell() !== null,
    perform: (c) => {
      const cell = c.targetCell();
      if (cell) c.entry.openCell(cell);
    },
  },
  {
    id: 'card.edit',
    scope: 'editor',
    labelKey: 'keys.edit',
    shortcuts: [key('F2')],
    gestures: ['dblclick'],
    enabled: (c) => selectedCard(c) !== null,
    perform: (c) => {
      const card = selectedCard(c);
      if (card) c.entry.openCard(card);
    },
  },
  {
    id: 'selection.delete',
    scope: 'editor',
    labelKey: 'keys.delete',
    shortcuts: [key('Delete'), key('Backspace')],
    selectionMenu: { testid: 'selection-delete', danger: true },
    enabled: (c) => hasSelection(c) || !!c.linkSelected,
    perform: (c) => {
      if (c.linkSelected) void c.edit({ op: 'delete_link', id: c.linkSelected });
      else void c.edit({ op: 'delete_cards', ids: c.selection });
    },
  },
  {
    id: 'selection.duplicate',
    scope: 'editor',
    labelKey: 'keys.duplicate',
    shortcuts: [key('d', { mod: true })],
    selectionMenu: { testid: 'selection-duplicate' },
    enabled: hasSelection,
    perform: (c) =>
      void c.edit({ op: 'duplicate_cards', ids: c.selection }).then((out) => {
        if (out) c.select(out.created);
      }),
  },
  {
    id: 'selection.copy',
    scope: 'editor',
    labelKey: 'act.copy',
    helpKey: 'keys.copy',
    shortcuts: [key('c', { mod: true })],
    enabled: hasSelection,
    perform: (c) => {
      clipboard.set(c.journey.cards.filter((card) => c.selection.includes(card.id)));
      c.toast(c.tr('ed.copied', { n: c.selection.length }));
    },
  },
  {
    id: 'clipboard.paste',
    scope: 'editor',
    labelKey: 'act.paste',
    helpKey: 'keys.copy',
    shortcuts: [key('v', { mod: true })],
    // With nothing copied the key is left to the system.
    enabled: () => clipboard.get().length > 0,
    perform: (c) => {
      const cell = c.targetCell();
      if (!cell) {
        c.toast(c.tr('ed.pasteWhere'));
        return;
      }
      const cards = clipboard.get();
      void c.edit({ op: 'paste_cards', journey_id: c.journey.id, phase_id: cell.phase_id, lane_id: cell.lane_id, cards, before: null }).then((out) => {
        if (out) c.select(out.created);
      });
    },
  },
  {
    id: 'selection.all',
    scope: 'editor',
    labelKey: 'keys.selectAll',
    shortcuts: [key('a', { mod: true })],
    enabled: always,
    perform: (c) => c.select(c.journey.cards.map((card) => card.id)),
  },
  {
    id: 'zoom.in',
    scope: 'editor',
    labelKey: 'ed.zoomIn',
    helpKey: 'keys.zoom',
    // `=` is `+` without Shift on many keyboards.
    shortcuts: [key('+'), key('=')],
    toolbar: { group: 'zoom', slot: 3, testid: 'zoom-in', text: '+' },
    enabled: (c) => c.canvas !== null,
    perform: (c) => c.canvas?.zoom(1.25),
  },
  {
    id: 'zoom.out',
    scope: 'editor',
    labelKey: 'ed.zoomOut',
    helpKey: 'keys.zoom',
    shortcuts: [key('-')],
    // An en dash: Noto Sans has no minus sign (U+2212), and Symbola's is a hairline.
    toolbar: { group: 'zoom', slot: 1, testid: 'zoom-out', text: '–' },
    enabled: (c) => c.canvas !== null,
    perform: (c) => c.canvas?.zoom(0.8),
  },
  {
    id: 'zoom.fit',
    scope: 'editor',
    labelKey: 'ed.fit',
    helpKey: 'keys.zoom',
    shortcuts: [key('0')],
    toolbar: { group: 'zoom', slot: 2, testid: 'zoom-fit', text: 'ed.fit' },
    enabled: (c) => c.canvas !== null,
    perform: (c) => c.canvas?.fit(),
  },
  ...(
    [
      ['left', 'ArrowLeft', PAN, 0],
      ['up', 'ArrowUp', 0, PAN],
      ['right', 'ArrowRight', -PAN, 0],
      ['down', 'ArrowDown', 0, -PAN],
    ] as const
  ).map(
    ([dir, k, dx, dy]): Action<EditorCtx> => ({
      id: `pan.${dir}`,
      scope: 'editor',
      labelKey: `act.pan.${dir}`,
      helpKey: 'keys.pan',
      shortcuts: [key(k)],
      enabled: (c) => c.canvas !== null,
      perform: (c) => c.canvas?.panBy(dx, dy),
    }),
  ),
  {
    id: 'phase.add',
    scope: 'editor',
    labelKey: 'act.addPhase',
    shortcuts: [],
    toolbar: { group: 'structure', testid: 'add-phase', text: 'ed.addPhase', icon: 'plus' },
    enabled: always,
    perform: (c) => {
      const name = c.tr('ed.newPhase');
      void c.edit({ op: 'add_phase', journey_id: c.journey.id, name, before: null, id: null }).then((out) => {
        const id = out?.created[0];
        if (id) c.entry.openHeader('phase', id, name);
      });
    },
  },
  {
    id: 'lane.add',
    scope: 'editor',
    labelKey: 'act.addLane',
    shortcuts: [],
    toolbar: { group: 'structure', testid: 'add-lane', text: 'ed.addLane', icon: 'plus' },
    enabled: always,
    perform: (c) => {
      const title = c.tr('ed.newLane');
      void c.edit({ op: 'add_lane', journey_id: c.journey.id, kind: 'custom', title, hint: '', before: null, id: null }).then((out) => {
        const id = out?.created[0];
        if (id) c.entry.openHeader('lane', id, title);
      });
    },
  },
  {
    id: 'view.assumptions',
    scope: 'editor',
    labelKey: 'act.assumptions',
    helpKey: 'keys.assumptions',
    shortcuts: [key('a', { shift: true })],
    toolbar: { group: 'view', testid: 'filter-assumptions', text: 'ed.assumptions' },
    active: (c) => c.assumptionsOnly,
    enabled: always,
    perform: (c) => c.setAssumptionsOnly(!c.assumptionsOnly),
  },
  {
    id: 'view.matrix',
    scope: 'editor',
    labelKey: 'act.matrix',
    shortcuts: [key('m', { shift: true })],
    toolbar: { group: 'view', testid: 'open-matrix', text: 'ed.matrix' },
    enabled: always,
    perform: (c) => c.openMatrix(),
  },
  {
    id: 'workshop',
    scope: 'editor',
    labelKey: 'act.workshop',
    shortcuts: [key('w', { shift: true })],
    toolbar: { group: 'workshop', testid: 'open-workshop', text: 'ed.workshop' },
    active: (c) => c.workshopOpen,
    enabled: always,
    perform: (c) => c.setWorkshop(!c.workshopOpen),
  },
  {
    id: 'journey.makeToBe',
    scope: 'editor',
    labelKey: 'act.makeToBe',
    shortcuts: [],
    toolbar: { group: 'compare', testid: 'make-to-be', text: 'ed.makeToBe' },
    shown: (c) => !c.isToBe,
    enabled: (c) => !c.isToBe,
    perform: (c) => c.makeToBe(),
  },
  {
    id: 'compare.with',
    scope: 'editor',
    labelKey: 'act.compareWith',
    shortcuts: [key('c', { shift: true })],
    toolbar: { group: 'compare', testid: 'compare-with', text: 'ed.compareWith' },
    enabled: always,
    perform: (c) => c.compareWith(),
  },
  {
    id: 'versions',
    scope: 'editor',
    labelKey: 'act.versions',
    shortcuts: [key('v', { shift: true })],
    toolbar: { group: 'compare', testid: 'versions-open', text: 'act.versions' },
    enabled: always,
    perform: (c) => c.openVersions(),
  },
  {
    id: 'present',
    scope: 'editor',
    labelKey: 'act.present',
    // F5, as the slide programs start a show.
    shortcuts: [key('F5')],
    toolbar: { group: 'workshop', testid: 'open-present', text: 'ed.present' },
    enabled: (c) => c.journey.phases.length > 0,
    perform: (c) => c.present(),
  },
  {
    id: 'scan',
    scope: 'editor',
    labelKey: 'act.scan',
    // F for foto / photo.
    shortcuts: [key('f', { shift: true })],
    toolbar: { group: 'workshop', testid: 'open-scan', text: 'ed.scan' },
    enabled: (c) => c.journey.phases.length > 0 && c.journey.lanes.length > 0,
    perform: (c) => c.scanPhoto(),
  },
  {
    id: 'share',
    scope: 'editor',
    labelKey: 'act.share',
    // S for share / samen.
    shortcuts: [key('s', { shift: true })],
    enabled: always,
    perform: (c) => c.share(),
  },
  {
    id: 'merge-copy',
    scope: 'editor',
    labelKey: 'act.mergeCopy',
    // M for merge, with Ctrl: Shift+M alone is the matrix.
    shortcuts: [key('m', { mod: true, shift: true })],
    enabled: always,
    perform: (c) => c.mergeCopy(),
  },
  {
    id: 'print',
    scope: 'editor',
    labelKey: 'keys.print',
    shortcuts: [key('p', { mod: true })],
    toolbar: { group: 'end', testid: 'open-print', text: 'ed.print', primary: true },
    enabled: always,
    perform: (c) => c.print(),
  },
  {
    id: 'escape',
    scope: 'editor',
    labelKey: 'keys.escape',
    shortcuts: [key('Escape')],
    enabled: always,
    perform: (c) => {
      if (c.helping) c.setHelp(false);
      else if (!c.canvas?.cancelGesture()) c.select([]);
    },
  },
  {
    id: 'help',
    scope: 'editor',
    labelKey: 'keys.help',
    shortcuts: [key('?')],
    toolbar: { group: 'end', testid: 'open-shortcuts', text: '?' },
    enabled: always,
    perform: (c) => c.setHelp(!c.helping),
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

function selectedCard(c: EditorCtx) {
  const id = c.selection.length === 1 ? c.selection[0] : undefined;
  return id === undefined ? null : (c.journey.cards.find((card) => card.id === id) ?? null);
}

// ---- keys ---------------------------------------------------------------------------------

/** True when `e` is the key combination `s`. A character key (`?`, `+`) ignores Shift, which
 * the keyboard layout may need to type it; letters and named keys want Shift exactly. */
export function matches(s: Shortcut, e: KeyLike): boolean {
  if (!!s.mod !== (e.ctrlKey || e.metaKey) || !!s.alt !== e.altKey) return false;
  const char = s.key.length === 1;
  const letter = char && s.key.toLowerCase() !== s.key.toUpperCase();
  if ((!char || letter) && !!s.shift !== e.shiftKey) return false;
  return char ? e.key.toLowerCase() === s.key.toLowerCase() : e.key === s.key;
}

/** The action in `list` that `e` runs, if it is enabled now. */
export function actionFor<C>(list: Action<C>[], e: KeyLike, ctx: C): Action<C> | null {
  for (const a of list) {
    if (a.shortcuts.some((s) => matches(s, e))) return a.enabled(ctx) ? a : null;
  }
  return null;
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
  ' ': 'Space',
  '-': '–',
};

/** How a shortcut reads (`Ctrl+Shift+Z`, `⌘+D`, `←`). */
export function formatShortcut(s: Shortcut, mac = false): string {
  const parts: string[] = [];
  if (s.mod) parts.push(mac ? '⌘' : 'Ctrl');
  if (s.alt) parts.push(mac ? '⌥' : 'Alt');
  if (s.shift) parts.push('Shift');
  parts.push(KEY_NAMES[s.key] ?? (s.key.length === 1 ? s.key.toUpperCase() : s.key));
  return parts.join('+');
}

/** A title for a button: the label and, when there is one, its shortcut. */
export function titleOf(a: Action<never>, label: string, mac = false): string {
  const s = a.shortcuts[0];
  return s ? `${label} (${formatShortcut(s, mac)})` : label;
}

export interface HelpRow {
  keys: string[];
  gestures: Gesture[];
  helpKey: EditorKey;
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
