// What a screen reader says for the map's grid (engine/canvas/grid.ts): each note's name (its
// text, lane and phase, then emotion, evidence state, votes and impact where it has them), each
// cell's, and the live region's words. Through the one `t()`, in the UI's language.

import type { Card, Lang } from '../../generated/types';
import { t, type MessageKey } from '../i18n';
import { signed } from '../insights';
import type { Say } from './grid';

const VALIDATION: Record<Card['validation'], MessageKey> = {
  assumption: 'a11y.assumption',
  validated: 'a11y.validated',
  refuted: 'a11y.refuted',
};

/** A note's accessible name: "Ten minutes in the queue. Pain points, Purchase, emotion −2,
 * assumption, 3 votes". */
export function noteName(lang: Lang, card: Card, lane: string, phase: string): string {
  return [t(lang, 'a11y.note', { text: card.text, lane, phase }), ...noteFacts(lang, card)].join(', ');
}

/** What a note says besides its text and place: emotion, evidence state, evidence, votes,
 * impact (the table view shows them as words under the text). */
export function noteFacts(lang: Lang, card: Card): string[] {
  const parts: string[] = [];
  if (card.emotion !== null && card.emotion !== undefined) parts.push(t(lang, 'a11y.emotion', { v: signed(card.emotion) }));
  parts.push(t(lang, VALIDATION[card.validation]));
  const evidence = card.evidence?.length ?? 0;
  if (evidence > 0) parts.push(t(lang, 'a11y.evidence', { n: evidence }));
  const votes = card.votes ?? 0;
  if (votes > 0) parts.push(votes === 1 ? t(lang, 'a11y.voteOne') : t(lang, 'a11y.votes', { n: votes }));
  if (card.impact) parts.push(t(lang, 'a11y.impact'));
  return parts;
}

/** A cell's accessible name: its lane, phase and how many notes it holds. */
export function cellName(lang: Lang, lane: string, phase: string, n: number): string {
  if (n === 0) return t(lang, 'a11y.cellEmpty', { lane, phase });
  return n === 1 ? t(lang, 'a11y.cellOne', { lane, phase }) : t(lang, 'a11y.cell', { lane, phase, n });
}

/** The live region's words for `say`. */
export function spoken(lang: Lang, say: Say): string {
  return t(lang, say.key, say.params);
}
