// The editor's actions (the canvas, the selection, the clipboard, zoom and pan, the
// structure, the views and dialogs of the toolbar) and the context they run against. Part of
// the actions list: actions.ts assembles it with the app's, the entry box's and the
// presenting view's, and re-exports it, so importers keep reading it from there.

import type { Edit, EditOutcome, Journey } from '../generated/types';
import type { MessageKey } from './i18n';
import type { Cell, FastEntry } from './canvas/entry';
import { clipboard } from './canvas/entry';
import type { Action } from './actions';
import { always, key } from './shortcut';

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
  /** Fit, or the reading size (cards' text at 12 px): shown at once and remembered for this
   * journey, whose map then opens at it. */
  setZoom(mode: 'fit' | 'read'): void;
  setHelp(open: boolean): void;
  /** Only the assumptions at full strength on the canvas, the rest faded. */
  readonly assumptionsOnly: boolean;
  setAssumptionsOnly(on: boolean): void;
  /** The value × effort matrix of the opportunities. */
  openMatrix(): void;
  /** The map as a table (the keyboard grid shown): phases as columns, lanes as rows. */
  readonly tableView?: boolean;
  setTableView?(on: boolean): void;
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
  tr(key: MessageKey, params?: Record<string, string | number>): string;
}

const hasSelection = (c: EditorCtx) => c.selection.length > 0;
/** How far an arrow key pans the canvas (screen px). */
const PAN = 60;

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
    perform: (c) => c.setZoom('fit'),
  },
  {
    id: 'zoom.read',
    scope: 'editor',
    labelKey: 'ed.readSize',
    helpKey: 'keys.zoom',
    shortcuts: [key('9')],
    toolbar: { group: 'zoom', slot: 4, testid: 'zoom-read', text: 'ed.readSize' },
    enabled: (c) => c.canvas !== null,
    perform: (c) => c.setZoom('read'),
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
    id: 'view.table',
    scope: 'editor',
    labelKey: 'act.table',
    // T for table / tabel.
    shortcuts: [key('t', { shift: true })],
    toolbar: { group: 'zoom', slot: 5, testid: 'view-table', text: 'ed.table' },
    active: (c) => !!c.tableView,
    enabled: (c) => !!c.setTableView,
    perform: (c) => c.setTableView?.(!c.tableView),
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

function selectedCard(c: EditorCtx) {
  const id = c.selection.length === 1 ? c.selection[0] : undefined;
  return id === undefined ? null : (c.journey.cards.find((card) => card.id === id) ?? null);
}
