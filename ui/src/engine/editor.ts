// Pure helpers of the journey editor (lib/editor/Editor.svelte): what a record on the canvas
// says, where the fast-entry box sits and the edit its finished draft makes, where Enter and
// paste put new cards, and which field a workshop gap leads to. No DOM and no runes, so the
// rules are unit-tested (editor.test.ts) and the component keeps only the wiring.

import type { Card, Edit, Journey } from '../generated/types';
import type { Rect, RecordRef, Scene } from './canvas/scene';
import type { Cell, Draft } from './canvas/entry';
import type { Place } from './workshop';

/** What a record on the canvas says, for assistive technology: a card's text, a phase's name,
 * a lane's title, a link's label (else `linkText` of the texts of the cards it joins). */
export function describeRecord(
  ref: RecordRef,
  journey: Pick<Journey, 'phases' | 'lanes' | 'links'>,
  cardsById: ReadonlyMap<string, Card>,
  linkText: (from: string, to: string) => string,
): string {
  switch (ref.kind) {
    case 'card':
      return cardsById.get(ref.id)?.text ?? '';
    case 'phase':
      return journey.phases.find((p) => p.id === ref.id)?.name ?? '';
    case 'lane':
      return journey.lanes.find((l) => l.id === ref.id)?.title ?? '';
    case 'link': {
      const l = (journey.links ?? []).find((x) => x.id === ref.id);
      if (!l) return '';
      return l.label || linkText(cardsById.get(l.from)?.text ?? '', cardsById.get(l.to)?.text ?? '');
    }
    default:
      return '';
  }
}

/** Gap (mm) between a cell's last card and the entry box below it. */
const BELOW_MM = 1;

/** What the entry box covers, in scene mm: the card being edited, or the header being renamed;
 * for a new card the cell below its cards, so the cards typed so far (the one Enter just
 * saved) stay in sight above the box waiting for the next. Null when the Scene has no such
 * thing (any more). */
export function entryTargetRect(scene: Pick<Scene, 'regions' | 'items'>, e: Draft): Rect | null {
  let r: Rect | null = null;
  for (const reg of scene.regions) {
    if (e.kind === 'new' && reg.kind === 'cell' && reg.phase_id === e.phase_id && reg.lane_id === e.lane_id) r = reg.rect;
    if (e.kind === 'phase' && reg.kind === 'phase_header' && reg.phase_id === e.id) r = reg.rect;
    if (e.kind === 'lane' && reg.kind === 'lane_header' && reg.lane_id === e.id) r = reg.rect;
  }
  if (e.kind === 'new' && r) {
    const cell = r;
    let bottom = -Infinity;
    for (const it of scene.items) {
      if (it.type !== 'rect' || it.target?.kind !== 'card') continue;
      const cx = it.rect.x + it.rect.w / 2;
      const cy = it.rect.y + it.rect.h / 2;
      if (cx >= cell.x && cx <= cell.x + cell.w && cy >= cell.y && cy <= cell.y + cell.h) bottom = Math.max(bottom, it.rect.y + it.rect.h);
    }
    if (bottom > -Infinity) {
      const y = bottom + BELOW_MM;
      r = { x: cell.x, y, w: cell.w, h: Math.max(0, cell.y + cell.h - y) };
    }
  }
  if (e.kind === 'card') {
    for (const it of scene.items) {
      if (it.type === 'rect' && it.target?.kind === 'card' && it.target.id === e.id) {
        r = it.rect;
        break;
      }
    }
  }
  return r;
}

/** The edit that saves a finished draft, or null when there is nothing to save: an empty
 * box, or a card's text as it was (an empty text never clears a card or a header). */
export function entryEdit(e: Draft, journeyId: string, cardsById: ReadonlyMap<string, Card>): Edit | null {
  const text = e.text.trim();
  if (e.kind === 'new') {
    if (!text) return null;
    return { op: 'add_card', journey_id: journeyId, phase_id: e.phase_id, lane_id: e.lane_id, text, colour: null, before: null, id: null };
  }
  if (e.kind === 'card') {
    const c = cardsById.get(e.id);
    if (!c || c.text === e.text || !text) return null;
    return { op: 'update_card', id: e.id, patch: { text } };
  }
  if (!text) return null;
  if (e.kind === 'phase') return { op: 'update_phase', id: e.id, patch: { name: text } };
  return { op: 'update_lane', id: e.id, patch: { title: text } };
}

/** Where Enter and paste put new cards: the selected card's cell, else the cell last worked
 * in while it still exists, else the first cell. */
export function targetCellOf(journey: Pick<Journey, 'phases' | 'lanes'>, selectedCard: Card | null, lastCell: Cell | null): Cell | null {
  if (selectedCard) return { phase_id: selectedCard.phase_id, lane_id: selectedCard.lane_id };
  if (lastCell && journey.phases.some((p) => p.id === lastCell?.phase_id) && journey.lanes.some((l) => l.id === lastCell?.lane_id)) return lastCell;
  const p = journey.phases[0];
  const l = journey.lanes[0];
  return p && l ? { phase_id: p.id, lane_id: l.id } : null;
}

/** The `data-testid` of the panel field a workshop gap is filled in at, if it is one. */
export function placeField(p: Place): string | undefined {
  return p.kind === 'field' ? p.testid : p.kind === 'persona' ? (p.id ? `persona-segment-${p.id}` : 'new-persona') : p.kind === 'phase' ? p.field : p.kind === 'review' ? 'review-surprises' : p.kind === 'parking' ? 'park-new-question' : undefined;
}
