// What an undo or redo changed, said by name: the card (or phase, or lane) the step touched,
// found by comparing the journey before and after it. The history row knows only the kind of
// edit ("move cards"); the user needs to know which card went back where.

import type { Journey } from '../generated/types';

/** Longest name quoted in a toast; longer ones are cut with an ellipsis. */
const MAX = 40;

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > MAX ? `${one.slice(0, MAX - 1)}…` : one;
}

/** The records of `a` and `b` that differ (added, removed or changed), by id, in `a`'s order
 * then `b`'s. */
function changed<T extends { id: string }>(a: readonly T[], b: readonly T[]): T[] {
  const before = new Map(a.map((x) => [x.id, x]));
  const after = new Map(b.map((x) => [x.id, x]));
  const out: T[] = [];
  for (const x of a) {
    const y = after.get(x.id);
    if (!y || JSON.stringify(x) !== JSON.stringify(y)) out.push(y ?? x);
  }
  for (const y of b) if (!before.has(y.id)) out.push(y);
  return out;
}

/** The name of what a step between `before` and `after` changed: the first changed card's
 * text (with how many more cards changed), else a phase's or lane's name; null when no card,
 * phase or lane changed (a journey field) or the journey is another one. */
export function changeSubject(before: Journey | null | undefined, after: Journey | null | undefined): { name: string; more: number } | null {
  if (!before || !after || before.id !== after.id) return null;
  const cards = changed(before.cards, after.cards).filter((c) => c.text.trim());
  const first = cards[0];
  if (first) return { name: short(first.text), more: cards.length - 1 };
  const phase = changed(before.phases, after.phases)[0];
  if (phase) return { name: short(phase.name), more: 0 };
  const lane = changed(before.lanes, after.lanes)[0];
  if (lane) return { name: short(lane.title), more: 0 };
  return null;
}
