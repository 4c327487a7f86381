// What the canvas puts over its painted map, worked out from the Scene: the hook elements that
// stand for painted records (for assistive technology and the end-to-end tests), the badges of
// suggested impact moments, the photo marks, the box to reveal, and the items a gesture draws
// again (the dragged notes, the selected link). Pure, so the component keeps only the wiring
// (lib/canvas/Canvas.svelte).

import type { SceneIndex } from './index';
import type { Item, Rect, RecordRef, Scene } from './scene';
import type { Viewport } from './viewport';

/** An element standing for a painted record. */
export type Hook = { i: number; kind: 'card' | 'phase' | 'lane' | 'emotion'; id: string; rect: Rect; label: string };

/** Emotion points smaller than this on screen (px across) get no hook. */
export const MIN_POINT_PX = 3;

/** One hook per record in view: notes, headers and emotion points, in paint order. A hook of
 * `prev` (by kind and id) that still stands where it stood with the same label is reused as
 * it is, so the element standing for it is not updated (after an edit of a big map, most
 * are); its `i` may then be an older one.
 *
 * An emotion point's hook only stands for a point at least [`MIN_POINT_PX`] across at
 * `pxPerMm`: it is hidden from assistive technology (the note's hook speaks for the card), so
 * it only serves as a handle, and on a 5,000-card map at fit the points are a pixel wide; their
 * 5,000 hooks were a third of the work after each edit. */
export function hooksOf(
  visible: { i: number; item: Item }[],
  index: SceneIndex,
  describe: (ref: RecordRef) => string,
  prev?: ReadonlyMap<string, Hook>,
  pxPerMm = Infinity,
): Hook[] {
  const out: Hook[] = [];
  const seen = new Set<string>();
  for (const { i, item } of visible) {
    const t = item.target;
    if (!t) continue;
    let kind: Hook['kind'] | null = null;
    if (item.type === 'rect' && (t.kind === 'card' || t.kind === 'phase' || t.kind === 'lane')) kind = t.kind;
    else if (item.type === 'circle' && t.kind === 'card' && 2 * item.r * pxPerMm >= MIN_POINT_PX) kind = 'emotion';
    if (!kind) continue;
    const key = `${kind}:${t.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rect = index.boxes[i] ?? { x: 0, y: 0, w: 0, h: 0 };
    const label = kind === 'emotion' ? '' : describe(t);
    const old = prev?.get(key);
    const same = old && old.label === label && old.rect.x === rect.x && old.rect.y === rect.y && old.rect.w === rect.w && old.rect.h === rect.h;
    out.push(same ? old : { i, kind, id: t.id, rect, label });
  }
  return out;
}

/** One hook per link (its label plate, else its head). */
export function linkHooksOf(scene: Scene, index: SceneIndex): { id: string; rect: Rect }[] {
  const out = new Map<string, Rect>();
  for (let i = 0; i < scene.items.length; i++) {
    const it = scene.items[i];
    if (!it || it.target?.kind !== 'link') continue;
    const b = index.boxes[i];
    if (!b) continue;
    if (it.type === 'rect' || !out.has(it.target.id) || (it.type === 'path' && it.fill)) out.set(it.target.id, b);
  }
  return [...out].map(([id, rect]) => ({ id, rect }));
}

/** The notes of cards `ids`, with their corner radius. */
export function noteRects(scene: Scene, ids: string[]): { id: string; rect: Rect; r: number }[] {
  const want = new Set(ids);
  const out: { id: string; rect: Rect; r: number }[] = [];
  if (!want.size) return out;
  for (const it of scene.items) {
    if (it.type !== 'rect' || it.target?.kind !== 'card' || !want.has(it.target.id)) continue;
    want.delete(it.target.id);
    out.push({ id: it.target.id, rect: it.rect, r: it.radius });
  }
  return out;
}

/** The accept badges of suggested impact moments, in screen px at each note's top right. */
/** Height (mm) of a note's badge row, at its foot (the core's `BADGE_ROW`): the emotion badge
 * sits at its left, the validation mark at its right, the middle is free. */
const BADGE_ROW_MM = 5;
/** A note this wide on screen (px) has room for the badge's words between its marks. */
const WIDE_PX = 200;

/** Where each suggested note's accept badge sits, in screen px: the middle of the note's
 * badge row, so it covers neither the note's text nor the note above (a badge over the
 * note's top edge reached into the card above it in the cell). */
export function suggestBadges(notes: { id: string; rect: Rect }[], vp: Viewport): { id: string; x: number; y: number; wide: boolean }[] {
  const out: { id: string; x: number; y: number; wide: boolean }[] = [];
  for (const { id, rect } of notes) {
    const p = vp.toScreen({ x: rect.x + rect.w / 2, y: rect.y + rect.h - BADGE_ROW_MM / 2 });
    if (p.x < -100 || p.y < -40 || p.x > vp.width + 100 || p.y > vp.height + 40) continue;
    out.push({ id, x: p.x, y: p.y, wide: rect.w * vp.scale >= WIDE_PX });
  }
  return out;
}

/** The photo marks of the cards read from a photo, in screen px, at each note's corner. */
export function photoMarksOf(scene: Scene, fromPhoto: ReadonlySet<string> | null, vp: Viewport): { id: string; x: number; y: number }[] {
  const out: { id: string; x: number; y: number }[] = [];
  if (!fromPhoto?.size) return out;
  for (const it of scene.items) {
    if (it.type !== 'rect' || it.target?.kind !== 'card' || !fromPhoto.has(it.target.id)) continue;
    // On a note smaller than the mark itself it would hide the note.
    if (it.rect.w * vp.scale < 40) continue;
    const p = vp.toScreen({ x: it.rect.x + it.rect.w, y: it.rect.y + it.rect.h });
    if (p.x < -20 || p.y < -20 || p.x > vp.width + 20 || p.y > vp.height + 20) continue;
    out.push({ id: it.target.id, x: p.x, y: p.y });
  }
  return out;
}

/** What to show for a card (its note) or a phase (its header and column). */
export function revealRect(scene: Scene, ref: { kind: 'card' | 'phase'; id: string }): Rect | null {
  let r: Rect | null = null;
  const grow = (b: Rect) => {
    if (!r) r = { ...b };
    else {
      const x = Math.min(r.x, b.x);
      const y = Math.min(r.y, b.y);
      r = { x, y, w: Math.max(r.x + r.w, b.x + b.w) - x, h: Math.max(r.y + r.h, b.y + b.h) - y };
    }
  };
  if (ref.kind === 'card') {
    const it = scene.items.find((i) => i.type === 'rect' && i.target?.kind === 'card' && i.target.id === ref.id);
    if (it?.type === 'rect') grow(it.rect);
  } else {
    for (const g of scene.regions) if ((g.kind === 'phase_header' || g.kind === 'cell') && g.phase_id === ref.id) grow(g.rect);
  }
  return r;
}

/** The items of the dragged cards `ids` (not a pass over every item in view: on a big map at
 * fit that is all of them, twice per drop), in paint order, leaving out text smaller than
 * `minSize` (scene mm) as the map does. */
export function ghostItems(scene: Scene, index: SceneIndex, ids: Iterable<string>, minSize: number): { i: number; item: Item }[] {
  const out: { i: number; item: Item }[] = [];
  for (const id of ids) {
    for (const i of index.itemsOfCard(id)) {
      const item = scene.items[i];
      if (item && (item.type !== 'text' || item.size >= minSize)) out.push({ i, item });
    }
  }
  return out.sort((a, b) => a.i - b.i);
}

/** The line and head of link `id`, to draw it again highlighted. */
export function linkItemsOf(scene: Scene, id: string): Item[] {
  return scene.items.filter((it) => it.type === 'path' && it.target?.kind === 'link' && it.target.id === id);
}
