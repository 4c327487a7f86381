// The map as a keyboard grid (the WAI-ARIA APG grid pattern): lanes are rows, phases are
// columns, each cell holds its notes in order. A pure state machine beside the pointer tool
// (tools.ts): a key and the state give the next state and what the editor should do (edit a
// note, add one, rename a header, leave the grid, move notes: one `move_cards` edit), plus
// what the live region should say, as message keys. No DOM, so grid.test.ts drives it.
//
// Keys, as the APG grid says (https://www.w3.org/WAI/ARIA/apg/patterns/grid/): the arrows
// move one cell; Home and End go to the first (the lane's header) and last cell of the row;
// Ctrl+Home and Ctrl+End to the first and last cell of the map (its first and last notes:
// the corner header holds nothing to work on). A cell holds several notes, so Up and Down go
// through them before they leave the cell. Space picks the focused note (or the selection it
// is part of) up; while it is held the arrows move it between cells and places in a cell,
// Space drops it and Escape puts it back. Space on a phase's or lane's header picks it up the
// same way, to reorder the phases or lanes; Shift+Up/Down changes a card's emotion.

import type { Card, Journey } from '../../generated/types';
import type { MessageKey, Params } from '../i18n';

/** What the grid shows: lanes × phases, each cell's cards in their order. */
export interface GridModel {
  phases: { id: string; name: string }[];
  lanes: { id: string; title: string }[];
  /** `cells[row][col]`: the ids of the cards in lane `row`, phase `col`, in order. */
  cells: string[][][];
  cards: ReadonlyMap<string, Card>;
}

/** What has the focus, by record, so it survives edits that reorder the grid. */
export type GridRef =
  | { kind: 'corner' }
  | { kind: 'phase'; id: string }
  | { kind: 'lane'; id: string }
  | { kind: 'cell'; phase_id: string; lane_id: string }
  | { kind: 'card'; id: string };

/** Notes held by the keyboard: where they came from and where they would go. */
export interface Picked {
  ids: string[];
  /** The target: lane `row`, phase `col`, before the card at `at` of that cell's cards
   * other than the held ones (`at` = their count: at the end). */
  row: number;
  col: number;
  at: number;
}

/** A phase or lane held by the keyboard from its header: it would go to place `to` among
 * the others. */
export interface HeldHeader {
  kind: 'phase' | 'lane';
  id: string;
  to: number;
}

export interface GridState {
  focus: GridRef;
  picked: Picked | null;
  header?: HeldHeader | null;
}

export type KeyLike = { key: string; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; altKey?: boolean };

/** What the live region says: a message key with its parameters. */
export type Say = { key: MessageKey; params?: Params };

/** What a key asks of the editor besides the new state. */
export type GridEffect =
  | { do: 'edit_card'; id: string }
  | { do: 'new_card'; phase_id: string; lane_id: string }
  | { do: 'rename'; kind: 'phase' | 'lane'; id: string }
  | { do: 'leave' }
  | { do: 'move'; ids: string[]; phase_id: string; lane_id: string; before: string | null }
  | { do: 'move_phase' | 'move_lane'; id: string; before: string | null }
  | { do: 'emotion'; id: string; emotion: number };

export interface GridStep {
  state: GridState;
  effect?: GridEffect;
  say?: Say;
}

/** The grid of `journey`: its lanes and phases in order, each cell's cards by order key. */
export function gridModel(journey: Pick<Journey, 'phases' | 'lanes' | 'cards'>): GridModel {
  const phases = journey.phases.map((p) => ({ id: p.id, name: p.name }));
  const lanes = journey.lanes.map((l) => ({ id: l.id, title: l.title }));
  const col = new Map(phases.map((p, i) => [p.id, i]));
  const row = new Map(lanes.map((l, i) => [l.id, i]));
  const cells: Card[][][] = lanes.map(() => phases.map(() => []));
  for (const c of journey.cards) {
    const r = row.get(c.lane_id);
    const k = col.get(c.phase_id);
    if (r !== undefined && k !== undefined) cells[r]?.[k]?.push(c);
  }
  // Order keys are compared as the core compares them: by their bytes (all ASCII).
  const byOrder = (a: Card, b: Card) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1);
  return {
    phases,
    lanes,
    cells: cells.map((r) => r.map((cell) => cell.sort(byOrder).map((c) => c.id))),
    cards: new Map(journey.cards.map((c) => [c.id, c])),
  };
}

/** Where a ref stands: row −1 is the phases' header row, col −1 the lanes' header column;
 * `item` is the card's index in its cell, −1 for a cell or header. Null when it is gone. */
export type Pos = { row: number; col: number; item: number };

export function posOf(m: GridModel, ref: GridRef): Pos | null {
  switch (ref.kind) {
    case 'corner':
      return { row: -1, col: -1, item: -1 };
    case 'phase': {
      const col = m.phases.findIndex((p) => p.id === ref.id);
      return col < 0 ? null : { row: -1, col, item: -1 };
    }
    case 'lane': {
      const row = m.lanes.findIndex((l) => l.id === ref.id);
      return row < 0 ? null : { row, col: -1, item: -1 };
    }
    case 'cell': {
      const row = m.lanes.findIndex((l) => l.id === ref.lane_id);
      const col = m.phases.findIndex((p) => p.id === ref.phase_id);
      return row < 0 || col < 0 ? null : { row, col, item: -1 };
    }
    case 'card': {
      const c = m.cards.get(ref.id);
      if (!c) return null;
      const row = m.lanes.findIndex((l) => l.id === c.lane_id);
      const col = m.phases.findIndex((p) => p.id === c.phase_id);
      const item = m.cells[row]?.[col]?.indexOf(ref.id) ?? -1;
      return item < 0 ? null : { row, col, item };
    }
  }
}

/** The ref at `p`: a cell's card `item` (clamped to its cards), or the cell when it has none. */
export function refAt(m: GridModel, p: Pos): GridRef {
  const phase = m.phases[p.col];
  const lane = m.lanes[p.row];
  if (p.row < 0 && p.col < 0) return { kind: 'corner' };
  if (p.row < 0) return phase ? { kind: 'phase', id: phase.id } : { kind: 'corner' };
  if (p.col < 0) return lane ? { kind: 'lane', id: lane.id } : { kind: 'corner' };
  const cards = m.cells[p.row]?.[p.col] ?? [];
  const id = cards[Math.min(Math.max(p.item, 0), cards.length - 1)];
  if (id !== undefined) return { kind: 'card', id };
  return phase && lane ? { kind: 'cell', phase_id: phase.id, lane_id: lane.id } : { kind: 'corner' };
}

/** Where the focus goes first: the first note of the map, else its first cell. */
export function firstRef(m: GridModel): GridRef {
  return m.lanes.length && m.phases.length ? refAt(m, { row: 0, col: 0, item: 0 }) : { kind: 'corner' };
}

/** A ref that still stands in `m`: `ref` itself, else the map's first place. */
export function alive(m: GridModel, ref: GridRef): GridRef {
  return posOf(m, ref) ? ref : firstRef(m);
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The focus after a navigation key, or null when the key is not one. */
function navigate(m: GridModel, p: Pos, k: KeyLike): Pos | null {
  const rows = m.lanes.length;
  const cols = m.phases.length;
  const ctrl = !!(k.ctrlKey || k.metaKey);
  const count = (row: number, col: number) => m.cells[row]?.[col]?.length ?? 0;
  switch (k.key) {
    case 'ArrowRight':
      return { row: p.row, col: Math.min(p.col + 1, cols - 1), item: Math.max(p.item, 0) };
    case 'ArrowLeft':
      return { row: p.row, col: Math.max(p.col - 1, -1), item: Math.max(p.item, 0) };
    case 'ArrowDown':
      if (p.row >= 0 && p.col >= 0 && p.item + 1 < count(p.row, p.col)) return { ...p, item: p.item + 1 };
      return { row: Math.min(p.row + 1, rows - 1), col: p.col, item: p.row + 1 < rows ? 0 : p.item };
    case 'ArrowUp':
      if (p.row >= 0 && p.col >= 0 && p.item > 0) return { ...p, item: p.item - 1 };
      if (p.row - 1 < 0) return { row: -1, col: p.col, item: -1 };
      return { row: p.row - 1, col: p.col, item: count(p.row - 1, p.col) - 1 };
    case 'Home':
      return ctrl ? { row: 0, col: 0, item: 0 } : { row: p.row, col: -1, item: -1 };
    case 'End':
      if (ctrl) return { row: rows - 1, col: cols - 1, item: count(rows - 1, cols - 1) - 1 };
      return { row: p.row, col: cols - 1, item: 0 };
    default:
      return null;
  }
}

/** The held notes' target after a key while they are held, or null when it is not one. */
function carry(m: GridModel, h: Picked, k: KeyLike): Picked | null {
  const rows = m.lanes.length;
  const cols = m.phases.length;
  const ctrl = !!(k.ctrlKey || k.metaKey);
  const room = (row: number, col: number) => (m.cells[row]?.[col] ?? []).filter((id) => !h.ids.includes(id)).length;
  const to = (row: number, col: number, at: number | 'end'): Picked => ({ ...h, row, col, at: at === 'end' ? room(row, col) : at });
  switch (k.key) {
    case 'ArrowRight':
      return to(h.row, Math.min(h.col + 1, cols - 1), 'end');
    case 'ArrowLeft':
      return to(h.row, Math.max(h.col - 1, 0), 'end');
    case 'ArrowDown':
      if (h.at < room(h.row, h.col)) return { ...h, at: h.at + 1 };
      return h.row + 1 < rows ? to(h.row + 1, h.col, 0) : h;
    case 'ArrowUp':
      if (h.at > 0) return { ...h, at: h.at - 1 };
      return h.row > 0 ? to(h.row - 1, h.col, 'end') : h;
    case 'Home':
      return ctrl ? to(0, 0, 'end') : to(h.row, 0, 'end');
    case 'End':
      return ctrl ? to(rows - 1, cols - 1, 'end') : to(h.row, cols - 1, 'end');
    default:
      return null;
  }
}

/** Where the held notes would land, in words for the live region. */
export function overSay(m: GridModel, h: Picked): Say {
  const n = (m.cells[h.row]?.[h.col] ?? []).filter((id) => !h.ids.includes(id)).length;
  return { key: 'a11y.over', params: { lane: m.lanes[h.row]?.title ?? '', phase: m.phases[h.col]?.name ?? '', at: h.at + 1, n: n + 1 } };
}

/** The edit a drop makes, or null when the notes would land where they are. */
export function dropEdit(m: GridModel, h: Picked): Extract<GridEffect, { do: 'move' }> | null {
  const phase = m.phases[h.col];
  const lane = m.lanes[h.row];
  if (!phase || !lane) return null;
  const others = (m.cells[h.row]?.[h.col] ?? []).filter((id) => !h.ids.includes(id));
  const before = others[h.at] ?? null;
  // One note dropped where it stood (same cell, same card after it): nothing to change.
  const first = h.ids[0];
  if (h.ids.length === 1 && first) {
    const p = posOf(m, { kind: 'card', id: first });
    const cell = p ? (m.cells[p.row]?.[p.col] ?? []) : [];
    if (p && p.row === h.row && p.col === h.col && (cell[p.item + 1] ?? null) === before) return null;
  }
  return { do: 'move', ids: h.ids, phase_id: phase.id, lane_id: lane.id, before };
}

/** One key in the grid: the next state, what the editor does, what the live region says.
 * Null when the grid leaves the key to others (Tab, Delete, Ctrl+Z, …). `selection` is the
 * editor's selected cards: Space on one of several selected picks them all up. */
export function gridKey(m: GridModel, s: GridState, k: KeyLike, selection: readonly string[] = []): GridStep | null {
  if (k.altKey) return null;
  if (s.header) return headerKey(m, s, s.header, k);
  const text = (id: string | undefined) => (id ? (m.cards.get(id)?.text ?? '') : '');
  if (s.picked) {
    const h = s.picked;
    const first = h.ids[0];
    const many = h.ids.length > 1;
    if (k.key === 'Escape') {
      const p = first ? posOf(m, { kind: 'card', id: first }) : null;
      const where = p ? { phase: m.phases[p.col]?.name ?? '', lane: m.lanes[p.row]?.title ?? '' } : { phase: '', lane: '' };
      return { state: { ...s, picked: null }, say: { key: 'a11y.putBack', params: { text: many ? `${h.ids.length}` : text(first), ...where } } };
    }
    if (k.key === ' ' || k.key === 'Enter') {
      const edit = dropEdit(m, h);
      const where = { phase: m.phases[h.col]?.name ?? '', lane: m.lanes[h.row]?.title ?? '' };
      if (!edit) return { state: { ...s, picked: null }, say: { key: 'a11y.notMoved', params: { text: text(first) } } };
      const say: Say = many ? { key: 'a11y.movedMany', params: { n: h.ids.length, ...where } } : { key: 'a11y.moved', params: { text: text(first), ...where } };
      return { state: { ...s, picked: null }, effect: edit, say };
    }
    const next = carry(m, h, k);
    if (!next) return null;
    return { state: { ...s, picked: next }, say: overSay(m, next) };
  }
  const p = posOf(m, s.focus) ?? posOf(m, firstRef(m));
  if (!p) return null;
  const f = s.focus;
  switch (k.key) {
    case 'Escape':
      return { state: s, effect: { do: 'leave' } };
    case 'Enter':
    case 'F2':
      if (f.kind === 'card') return { state: s, effect: { do: 'edit_card', id: f.id } };
      if (f.kind === 'cell') return { state: s, effect: { do: 'new_card', phase_id: f.phase_id, lane_id: f.lane_id } };
      if (f.kind === 'phase' || f.kind === 'lane') return { state: s, effect: { do: 'rename', kind: f.kind, id: f.id } };
      return { state: s };
    case ' ': {
      if (f.kind === 'phase' || f.kind === 'lane') {
        const to = f.kind === 'phase' ? p.col : p.row;
        const name = f.kind === 'phase' ? (m.phases[p.col]?.name ?? '') : (m.lanes[p.row]?.title ?? '');
        return { state: { ...s, header: { kind: f.kind, id: f.id, to } }, say: { key: f.kind === 'phase' ? 'a11y.pickedPhase' : 'a11y.pickedLane', params: { name } } };
      }
      if (f.kind !== 'card') return { state: s };
      const ids = selection.length > 1 && selection.includes(f.id) ? [...selection] : [f.id];
      const room = (m.cells[p.row]?.[p.col] ?? []).filter((id) => !ids.includes(id));
      const after = m.cells[p.row]?.[p.col]?.slice(p.item + 1).find((id) => !ids.includes(id));
      const at = after === undefined ? room.length : room.indexOf(after);
      const picked: Picked = { ids, row: p.row, col: p.col, at };
      const say: Say = ids.length > 1 ? { key: 'a11y.pickedMany', params: { n: ids.length } } : { key: 'a11y.picked', params: { text: text(f.id) } };
      return { state: { focus: f, picked }, say };
    }
  }
  // Shift with Up or Down changes the focused card's emotion by one step (its point on the
  // curve moves): one update_card.
  if (k.shiftKey && f.kind === 'card' && (k.key === 'ArrowUp' || k.key === 'ArrowDown')) {
    const now = m.cards.get(f.id)?.emotion ?? 0;
    const emotion = clamp(now + (k.key === 'ArrowUp' ? 1 : -1), -2, 2);
    if (emotion === m.cards.get(f.id)?.emotion) return { state: s };
    const v = emotion > 0 ? `+${emotion}` : emotion < 0 ? `\u2212${-emotion}` : '0';
    return { state: s, effect: { do: 'emotion', id: f.id, emotion }, say: { key: 'a11y.emotionSet', params: { text: text(f.id), v } } };
  }
  const to = navigate(m, p, k);
  if (!to) return null;
  const row = clamp(to.row, -1, m.lanes.length - 1);
  const col = clamp(to.col, -1, m.phases.length - 1);
  return { state: { ...s, focus: refAt(m, { row, col, item: to.item }) } };
}

/** A key while a phase or lane is held from its header: Left/Right (a phase) or Up/Down (a
 * lane) and Home/End carry it, Space or Enter drops it (one move_phase or move_lane), Escape
 * puts it back. */
function headerKey(m: GridModel, s: GridState, h: HeldHeader, k: KeyLike): GridStep | null {
  const list = h.kind === 'phase' ? m.phases.map((p) => ({ id: p.id, name: p.name })) : m.lanes.map((l) => ({ id: l.id, name: l.title }));
  const from = list.findIndex((x) => x.id === h.id);
  const name = list[from]?.name ?? '';
  const others = list.filter((x) => x.id !== h.id);
  if (k.key === 'Escape') return { state: { ...s, header: null }, say: { key: 'a11y.putBackHeader', params: { name } } };
  if (k.key === ' ' || k.key === 'Enter') {
    if (h.to === from || from < 0) return { state: { ...s, header: null }, say: { key: 'a11y.notMoved', params: { text: name } } };
    const before = others[h.to]?.id ?? null;
    const effect: GridEffect = { do: h.kind === 'phase' ? 'move_phase' : 'move_lane', id: h.id, before };
    return { state: { ...s, header: null }, effect, say: { key: 'a11y.movedHeader', params: { name, at: h.to + 1 } } };
  }
  const [back1, fwd] = h.kind === 'phase' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
  let to = h.to;
  if (k.key === back1) to = h.to - 1;
  else if (k.key === fwd) to = h.to + 1;
  else if (k.key === 'Home') to = 0;
  else if (k.key === 'End') to = others.length;
  else return null;
  to = clamp(to, 0, others.length);
  return { state: { ...s, header: { ...h, to } }, say: { key: 'a11y.overHeader', params: { name, at: to + 1, n: list.length } } };
}
