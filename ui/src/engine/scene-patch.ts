// Applies the core's Scene patches (`klantreis::session::ScenePatch`): after an edit the shell
// sends only the items and regions that changed, as splices of the lists of the Scene the UI
// holds; an item that only moved comes as a move of the old item (`Moved`). Pure; builds new
// arrays and never changes the old Scene (views may still draw it).
import type { DetailPatch, Item, ItemPatch, JourneyDetail, Moved, MovedRun, Scene, ScenePatch, Splice } from '../generated/types';

/** `old` with each splice's `delete` elements from `at` replaced by its `insert`. */
export function spliced<T>(old: T[], splices: Splice<T>[]): T[] {
  if (splices.length === 0) return old;
  const parts: T[][] = [];
  let pos = 0;
  for (const s of splices) {
    const at = Math.min(s.at, old.length);
    parts.push(old.slice(Math.min(pos, at), at), s.insert);
    pos = at + s.delete;
  }
  parts.push(old.slice(Math.min(pos, old.length)));
  return ([] as T[]).concat(...parts);
}

/** What a Scene was patched from, so the canvas can repaint only what the patch changed. */
const patchedFrom = new WeakMap<Scene, { base: Scene; patch: ScenePatch }>();

/** The Scene and the patch `scene` was made from by `patched`, if it was. */
export function patchOf(scene: Scene): { base: Scene; patch: ScenePatch } | undefined {
  return patchedFrom.get(scene);
}

/** A move of one old item, or of a run of them (`n` in a row). */
export function isMoved(x: ItemPatch): x is Moved | MovedRun {
  return 'from' in x;
}

/** How many items a splice of the items puts into the new list (a run of moves puts `n`). */
export function insertLength(s: Splice<ItemPatch>): number {
  let n = 0;
  for (const x of s.insert) n += 'n' in x ? x.n : 1;
  return n;
}

const f32 = Math.fround;

/** `v` rounded to hundredths in f32 as the core's `r2` (src/scene/mod.rs): f32 products and
 * quotients of f32 values are exact when done in f64 and rounded once, and Rust rounds a half
 * away from zero. */
export function r2(v: number): number {
  const h = f32(v * 100);
  const n = h < 0 ? -Math.round(-h) : Math.round(h);
  return f32(n / 100);
}

/** `item` with every point moved by (dx, dy), added in f32 and rounded to hundredths as the
 * core does (src/session/patch.rs `translated`), so the result is the core's item to the bit. */
export function translated(item: Item, dx: number, dy: number): Item {
  const ddx = f32(dx);
  const ddy = f32(dy);
  const X = (v: number) => r2(f32(f32(v) + ddx));
  const Y = (v: number) => r2(f32(f32(v) + ddy));
  const pt = (p: { x: number; y: number }) => ({ x: X(p.x), y: Y(p.y) });
  switch (item.type) {
    case 'rect':
    case 'image':
      return { ...item, rect: { ...item.rect, x: X(item.rect.x), y: Y(item.rect.y) } };
    case 'circle':
      return { ...item, centre: pt(item.centre) };
    case 'path':
      return {
        ...item,
        segs: item.segs.map((s) => (s.op === 'close' ? s : s.op === 'cubic' ? { op: 'cubic', c1: pt(s.c1), c2: pt(s.c2), to: pt(s.to) } : { op: s.op, to: pt(s.to) })),
      };
    case 'text':
      return { ...item, lines: item.lines.map((l) => ({ ...l, x: X(l.x), baseline: Y(l.baseline) })) };
  }
}

/** The items' splices with every move resolved against the old items. */
function resolved(old: Item[], splices: Splice<ItemPatch>[]): Splice<Item>[] {
  return splices.map((s) => ({
    at: s.at,
    delete: s.delete,
    insert: s.insert.flatMap((x) => {
      if (!isMoved(x)) return [x];
      const out: Item[] = [];
      const n = 'n' in x ? x.n : 1;
      for (let i = x.from; i < x.from + n; i++) {
        const o = old[i];
        if (o) out.push(translated(o, x.dx, x.dy));
      }
      return out;
    }),
  }));
}

export function patched(old: Scene, p: ScenePatch): Scene {
  const scene: Scene = {
    width: p.width,
    height: p.height,
    content: p.content,
    scale: p.scale,
    items: spliced(old.items, resolved(old.items, p.items)),
    regions: spliced(old.regions, p.regions),
    min_text_pt: p.min_text_pt,
    warnings: p.warnings,
  };
  patchedFrom.set(scene, { base: old, patch: p });
  return scene;
}

/** The journey detail after a `DetailPatch`: its cards spliced, the rest as sent. */
export function patchedDetail(old: JourneyDetail, p: DetailPatch): JourneyDetail {
  return {
    journey: { ...p.meta, phases: p.phases, lanes: p.lanes, cards: spliced(old.journey.cards, p.cards) },
    personas: p.personas,
    others: p.others,
  };
}
