// Where the keyboard's focus shows on the map (engine/canvas/grid.ts): a ring around the
// focused note, cell or header, and while notes are held, dashed rings on them, the cell they
// would land in and a bar at the place in it. In scene mm from the Scene's regions and notes,
// drawn by the canvas's overlay (lib/canvas/FocusRing.svelte) above the painted map.

import type { GridModel, GridRef, GridState, HeldHeader } from './grid';
import type { Rect, Scene } from './scene';

export type Ring = { kind: 'focus' | 'held' | 'target' | 'bar'; rect: Rect };

/** Height (mm) of the bar that marks where held notes would go in a cell. */
const BAR_MM = 0.8;

/** The note's rect of each card in `ids` that the Scene draws. */
function noteRects(scene: Pick<Scene, 'items'>, ids: ReadonlySet<string>): Map<string, Rect> {
  const out = new Map<string, Rect>();
  if (!ids.size) return out;
  for (const it of scene.items) {
    if (it.type === 'rect' && it.target?.kind === 'card' && ids.has(it.target.id) && !out.has(it.target.id)) out.set(it.target.id, it.rect);
  }
  return out;
}

/** The rect of what `ref` names on the map, or null (the corner, or a record the Scene does
 * not draw). */
export function refRect(scene: Pick<Scene, 'items' | 'regions'>, ref: GridRef): Rect | null {
  if (ref.kind === 'card') return noteRects(scene, new Set([ref.id])).get(ref.id) ?? null;
  for (const g of scene.regions) {
    if (ref.kind === 'cell' && g.kind === 'cell' && g.phase_id === ref.phase_id && g.lane_id === ref.lane_id) return g.rect;
    if (ref.kind === 'phase' && g.kind === 'phase_header' && g.phase_id === ref.id) return g.rect;
    if (ref.kind === 'lane' && g.kind === 'lane_header' && g.lane_id === ref.id) return g.rect;
  }
  return null;
}

/** The rings for state `s`: the focus ring, or while notes are held, their rings, the target
 * cell's and the bar where they would go. */
export function focusRings(scene: Pick<Scene, 'items' | 'regions'>, m: GridModel, s: GridState): Ring[] {
  if (s.header) return headerRings(scene, m, s.header);
  const h = s.picked;
  if (!h) {
    const r = refRect(scene, s.focus);
    return r ? [{ kind: 'focus', rect: r }] : [];
  }
  const out: Ring[] = [];
  const held = noteRects(scene, new Set(h.ids));
  for (const r of held.values()) out.push({ kind: 'held', rect: r });
  const phase = m.phases[h.col];
  const lane = m.lanes[h.row];
  const cell = phase && lane ? refRect(scene, { kind: 'cell', phase_id: phase.id, lane_id: lane.id }) : null;
  if (!cell) return out;
  out.push({ kind: 'target', rect: cell });
  // The bar: above the note it would go before, else below the cell's last note (the held
  // ones left out), else at the cell's top.
  const others = (m.cells[h.row]?.[h.col] ?? []).filter((id) => !h.ids.includes(id));
  const rects = noteRects(scene, new Set(others));
  const before = others[h.at];
  const last = others[others.length - 1];
  const b = before ? rects.get(before) : undefined;
  const l = last ? rects.get(last) : undefined;
  const y = b ? b.y - 1.5 * BAR_MM : l ? l.y + l.h + 0.5 * BAR_MM : cell.y + 2 * BAR_MM;
  const x = (b ?? l)?.x ?? cell.x + 2;
  const w = (b ?? l)?.w ?? cell.w - 4;
  out.push({ kind: 'bar', rect: { x, y, w, h: BAR_MM } });
  return out;
}

/** What the view keeps on screen for state `s`: the focused thing, or the held notes'
 * target cell. */
export function keepRect(scene: Pick<Scene, 'items' | 'regions'>, m: GridModel, s: GridState): Rect | null {
  const rings = focusRings(scene, m, s);
  return (rings.find((r) => r.kind === 'target') ?? rings.find((r) => r.kind === 'focus') ?? rings.find((r) => r.kind === 'bar'))?.rect ?? null;
}

/** A held phase or lane: a dashed ring on its header and a bar where it would go (between two
 * phase headers, or two lane headers). */
function headerRings(scene: Pick<Scene, 'items' | 'regions'>, m: GridModel, h: HeldHeader): Ring[] {
  const own = refRect(scene, { kind: h.kind, id: h.id });
  const ids = (h.kind === 'phase' ? m.phases : m.lanes).map((x) => x.id).filter((id) => id !== h.id);
  const out: Ring[] = own ? [{ kind: 'held', rect: own }] : [];
  const at = ids[h.to];
  const last = ids[ids.length - 1];
  const next = at ? refRect(scene, { kind: h.kind, id: at }) : null;
  const end = !next && last ? refRect(scene, { kind: h.kind, id: last }) : null;
  const r = next ?? end;
  if (!r) return out;
  if (h.kind === 'phase') {
    const x = next ? r.x - BAR_MM : r.x + r.w + BAR_MM / 2;
    out.push({ kind: 'bar', rect: { x, y: r.y, w: BAR_MM / 2, h: r.h } });
  } else {
    const y = next ? r.y - BAR_MM : r.y + r.h + BAR_MM / 2;
    out.push({ kind: 'bar', rect: { x: r.x, y, w: r.w, h: BAR_MM / 2 } });
  }
  return out;
}
