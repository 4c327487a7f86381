// Fast entry (typing up a workshop wall) as a small state machine beside the pointer tool
// (tools.ts), in tldraw's StateNode style: each state is a class with its own handlers.
//
//   Idle ──open a cell──► Typing (a new card in a cell) ──Enter──► Typing (same cell, empty)
//     │                     │ Tab / Shift+Tab ──► Typing (next / previous cell)
//     ├──open a card────► Editing (a card's text) ──Enter──► Typing (the card's cell)
//     └──open a header──► Renaming (a phase or lane) ──Enter──► Idle
//   Esc from any state: Idle without saving; leaving the box (blur): save, then Idle.
//
// A finished draft goes to the host's `commit` (which queues the edit), and the box is clear
// at once, so fast typing never lands in the card being saved. No DOM here: the editor feeds
// it keys (through the actions list) and shows its draft.
import type { Card, Journey } from '../../generated/types';

export interface Cell {
  phase_id: string;
  lane_id: string;
}

/** What the entry box holds: a new card in a cell, a card's text, or a header's name. */
export type Draft =
  | { kind: 'new'; phase_id: string; lane_id: string; text: string }
  | { kind: 'card'; id: string; text: string }
  | { kind: 'phase' | 'lane'; id: string; text: string };

export type EntryEvent = 'enter' | 'tab' | 'shift-tab' | 'escape' | 'blur';

export interface EntryHost {
  /** The journey as it is now (a card's cell, the order of the cells). */
  journey(): Pick<Journey, 'phases' | 'lanes' | 'cards'>;
  /** Saves a finished draft; called in typing order. */
  commit(draft: Draft): void;
  /** The user now works in this cell (where Enter and paste put the next card). */
  worksIn(cell: Cell): void;
  /** The draft changed (a new state, or cleared): redraw the box. */
  changed(): void;
  /** Gives the keyboard back to the canvas. */
  focusCanvas(): void;
}

/** One state: its draft and its handlers. A handler returns the next state, or null when the
 * event means nothing here (the key then does what it does by default). */
abstract class EntryState {
  abstract readonly name: 'idle' | 'typing' | 'editing' | 'renaming';
  abstract readonly draft: Draft | null;
  onEnter(_host: EntryHost): EntryState | null {
    return null;
  }
  onTab(_host: EntryHost, _step: 1 | -1): EntryState | null {
    return null;
  }
  onEscape(host: EntryHost): EntryState | null {
    host.focusCanvas();
    return new Idle();
  }
  onBlur(host: EntryHost): EntryState | null {
    if (this.draft) host.commit({ ...this.draft });
    return new Idle();
  }
}

class Idle extends EntryState {
  readonly name = 'idle';
  readonly draft = null;
  override onEscape(): EntryState | null {
    return null;
  }
  override onBlur(): EntryState | null {
    return null;
  }
}

class Typing extends EntryState {
  readonly name = 'typing';
  readonly draft: Extract<Draft, { kind: 'new' }>;
  constructor(cell: Cell, host: EntryHost) {
    super();
    this.draft = { kind: 'new', phase_id: cell.phase_id, lane_id: cell.lane_id, text: '' };
    host.worksIn({ phase_id: cell.phase_id, lane_id: cell.lane_id });
  }
  // Enter is the next sticky note of the wall: same cell, an empty box.
  override onEnter(host: EntryHost): EntryState {
    host.commit({ ...this.draft });
    return new Typing(this.draft, host);
  }
  override onTab(host: EntryHost, step: 1 | -1): EntryState | null {
    host.commit({ ...this.draft });
    const next = nextCell(host.journey(), this.draft, step);
    return next ? new Typing(next, host) : new Idle();
  }
}

class Editing extends EntryState {
  readonly name = 'editing';
  readonly draft: Extract<Draft, { kind: 'card' }>;
  constructor(card: Pick<Card, 'id' | 'text' | 'phase_id' | 'lane_id'>, host: EntryHost) {
    super();
    this.draft = { kind: 'card', id: card.id, text: card.text };
    host.worksIn({ phase_id: card.phase_id, lane_id: card.lane_id });
  }
  private cell(host: EntryHost): Cell | null {
    const c = host.journey().cards.find((x) => x.id === this.draft.id);
    return c ? { phase_id: c.phase_id, lane_id: c.lane_id } : null;
  }
  // Enter after editing a card goes on with a new card below it.
  override onEnter(host: EntryHost): EntryState {
    const cell = this.cell(host);
    host.commit({ ...this.draft });
    return cell ? new Typing(cell, host) : new Idle();
  }
  override onTab(host: EntryHost, step: 1 | -1): EntryState | null {
    const cell = this.cell(host);
    host.commit({ ...this.draft });
    const next = cell ? nextCell(host.journey(), cell, step) : null;
    return next ? new Typing(next, host) : new Idle();
  }
}

class Renaming extends EntryState {
  readonly name = 'renaming';
  readonly draft: Extract<Draft, { kind: 'phase' | 'lane' }>;
  constructor(kind: 'phase' | 'lane', id: string, text: string) {
    super();
    this.draft = { kind, id, text };
  }
  override onEnter(host: EntryHost): EntryState {
    host.commit({ ...this.draft });
    host.focusCanvas();
    return new Idle();
  }
  // Tab is not handled: the focus moves on as usual, and leaving the box saves the name.
}

/** The fast-entry machine. */
export class FastEntry {
  private state: EntryState = new Idle();

  constructor(private host: EntryHost) {}

  get name(): EntryState['name'] {
    return this.state.name;
  }

  /** What the box holds, or null when there is no box. */
  get draft(): Draft | null {
    return this.state.draft;
  }

  /** Write a new card in `cell`. */
  openCell(cell: Cell): void {
    this.go(new Typing(cell, this.host));
  }

  /** Edit a card's text. */
  openCard(card: Pick<Card, 'id' | 'text' | 'phase_id' | 'lane_id'>): void {
    this.go(new Editing(card, this.host));
  }

  /** Rename a phase or a lane. */
  openHeader(kind: 'phase' | 'lane', id: string, text: string): void {
    this.go(new Renaming(kind, id, text));
  }

  /** The user typed: the box now holds `text`. */
  input(text: string): void {
    const d = this.state.draft;
    if (d) d.text = text;
  }

  /** True when `ev` means something in the current state (its key is then not the default). */
  handles(ev: EntryEvent): boolean {
    return this.probe(ev) !== null;
  }

  /** Feeds an event; false when it means nothing in the current state. */
  send(ev: EntryEvent): boolean {
    const next = this.run(this.state, ev, this.host);
    if (!next) return false;
    this.go(next);
    return true;
  }

  private go(next: EntryState): void {
    this.state = next;
    this.host.changed();
  }

  private run(st: EntryState, ev: EntryEvent, host: EntryHost): EntryState | null {
    switch (ev) {
      case 'enter':
        return st.onEnter(host);
      case 'tab':
        return st.onTab(host, 1);
      case 'shift-tab':
        return st.onTab(host, -1);
      case 'escape':
        return st.onEscape(host);
      case 'blur':
        return st.onBlur(host);
    }
  }

  /** Runs a handler against a host that records nothing, to ask whether it would act. */
  private probe(ev: EntryEvent): EntryState | null {
    const dry: EntryHost = {
      journey: () => this.host.journey(),
      commit: () => {},
      worksIn: () => {},
      changed: () => {},
      focusCanvas: () => {},
    };
    return this.run(this.state, ev, dry);
  }
}

/** The next cell in reading order (along the phases, then down the lanes); `step` −1 goes
 * back. Wraps around at the ends, as Tab does in a table. */
export function nextCell(j: Pick<Journey, 'phases' | 'lanes'>, from: Cell, step: 1 | -1 = 1): Cell | null {
  const np = j.phases.length;
  const nl = j.lanes.length;
  const first = { p: j.phases[0], l: j.lanes[0] };
  if (!first.p || !first.l) return null;
  const p = j.phases.findIndex((x) => x.id === from.phase_id);
  const l = j.lanes.findIndex((x) => x.id === from.lane_id);
  if (p < 0 || l < 0) return { phase_id: first.p.id, lane_id: first.l.id };
  const i = (((l * np + p + step) % (np * nl)) + np * nl) % (np * nl);
  const phase = j.phases[i % np];
  const lane = j.lanes[Math.floor(i / np)];
  return phase && lane ? { phase_id: phase.id, lane_id: lane.id } : null;
}

/** Copied cards, kept for the app's lifetime so they can be pasted into another journey. */
class CardClipboard {
  private cards: Card[] = [];

  set(cards: Card[]): void {
    this.cards = cards.map((c) => ({ ...c, evidence: (c.evidence ?? []).map((e) => ({ ...e })) }));
  }

  get(): Card[] {
    return this.cards.map((c) => ({ ...c }));
  }
}

export const clipboard = new CardClipboard();
