// The review of a scanned wall photo, without the DOM: each found note as a draft with the
// user's corrections (cell, text, dropped), and the choices sent to `scan_accept`. The
// component (lib/scan/ScanDialog.svelte) holds the drafts as state; a unit test runs these.
import type { CardColour, FoundNote, NoteChoice, ScanReview } from '../generated/types';

export interface NoteDraft {
  id: string;
  photo: number;
  outline: [number, number][];
  crop: string;
  phase_id: string;
  lane_id: string;
  colour: CardColour;
  text: string;
  confidence: number;
  /** Dot stickers (votes) counted on the note; the user corrects the count. */
  dots: number;
  /** The card this note already is (the wall read before): accepting sets its votes only. */
  cardId: string | null;
  dropped: boolean;
}

/** Below this OCR confidence the text is marked as unsure, so the user reads it twice. */
export const UNSURE = 0.6;

/** The review's notes as drafts the user corrects, in the reader's order. */
export function drafts(review: ScanReview): NoteDraft[] {
  return review.notes.map((n: FoundNote, i: number) => ({
    id: n.id,
    photo: n.photo,
    outline: n.outline.map((p) => [p[0], p[1]] as [number, number]),
    crop: review.crops[i] ?? '',
    phase_id: n.phase_id,
    lane_id: n.lane_id,
    colour: n.colour,
    text: n.text,
    confidence: n.confidence,
    dots: n.dots,
    cardId: n.card_id ?? null,
    dropped: false,
  }));
}

/** How many kept notes become new cards (a note already on the map adds none). */
export function adding(notes: NoteDraft[]): number {
  return notes.filter((n) => !n.dropped && n.cardId === null).length;
}

/** What `scan_accept` takes: the kept notes with the user's corrections. */
export function choices(notes: NoteDraft[]): NoteChoice[] {
  return notes
    .filter((n) => !n.dropped)
    .map((n) => ({ id: n.id, phase_id: n.phase_id, lane_id: n.lane_id, colour: n.colour, text: n.text.trim(), dots: dotCount(n.dots) }));
}

/** A typed dot count as the card's votes: a whole number from 0 (an empty or bad field is 0). */
export function dotCount(v: unknown): number {
  const n = Math.floor(Number(v));
  return Number.isFinite(n) && n > 0 ? Math.min(n, 999) : 0;
}

/** The note after (`step` 1) or before (−1) `id`, for the arrow keys; stays at the ends. */
export function neighbour(notes: NoteDraft[], id: string | null, step: 1 | -1): string | null {
  if (notes.length === 0) return null;
  const at = notes.findIndex((n) => n.id === id);
  if (at < 0) return notes[0]!.id;
  return notes[Math.min(Math.max(at + step, 0), notes.length - 1)]!.id;
}

/** An outline as the `points` of an SVG polygon. */
export function points(outline: [number, number][]): string {
  return outline.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
}

/** Whether OCR was unsure of the text (or found none). */
export function unsure(n: Pick<NoteDraft, 'text' | 'confidence'>): boolean {
  return n.text.trim() === '' || n.confidence < UNSURE;
}
