// Keyed Scenes for the engine's unit tests: a small map (two phases × two lanes, cards in
// cells, an emotion band) built as the core builds it, in groups (docs/scene.md), with what
// the core's JSON leaves out left out (a solid stroke's `dash`), from a
// description that edits can change; and a twin of the core's `SceneChange::between`
// (src/scene/change.rs), to make the change from one such map to the next.
import type { Group, Item, Key, Node, Rect, Region, Scene, SceneChange, Stroke } from '../generated/types';

/** Which cards stand in which cell (`lane/phase`), in order, and what they say. */
export interface MapSpec {
  cells: Record<string, string[]>;
  texts?: Record<string, string>;
  scale?: number;
  width?: number;
}

const NONE: Rect = { x: 0, y: 0, w: 0, h: 0 };
const LANES = ['l1', 'l2'];
const PHASES = ['pA', 'pB'];

function group(key: Key, x: number, y: number, items: Item[], regions: Region[] = [], children: Group[] = []): Group {
  return { key, at: { x, y }, bounds: NONE, items, regions, children };
}

function card(id: string, x: number, y: number, text: string): Group {
  const target = { kind: 'card' as const, id };
  return group(`card:${id}`, x, y, [
    { type: 'rect', rect: { x: 0, y: 0, w: 30, h: 30 }, radius: 1, fill: '#fff3b0', stroke: null, target },
    { type: 'text', lines: [{ text, x: 2, baseline: 6, width: 10 }], size: 4, size_pt: 11, bold: false, colour: '#222', role: 'card', target },
  ]);
}

/** Rows of two cards; a lane is as high as its fullest cell. */
function rows(n: number): number {
  return Math.max(1, Math.ceil(n / 2));
}

/** The keyed Scene of `spec`. */
export function mapOf(spec: MapSpec): Scene {
  const text = (id: string) => spec.texts?.[id] ?? id;
  let y = 30;
  const lanes = LANES.map((l) => {
    const h = 35 * Math.max(...PHASES.map((p) => rows((spec.cells[`${l}/${p}`] ?? []).length))) + 10;
    const cells = PHASES.map((p, i) => {
      const ids = spec.cells[`${l}/${p}`] ?? [];
      const cards = ids.map((id, k) => card(id, 5 + 35 * (k % 2), 5 + 35 * Math.floor(k / 2), text(id)));
      const divider: Item = { type: 'path', segs: [{ op: 'move', to: { x: 0, y: 0 } }, { op: 'line', to: { x: 0, y: h } }], stroke: { colour: '#ccc', width: 0.3 } as Stroke, fill: null, target: null };
      return group(`cell:${l}/${p}`, 40 + 80 * i, 0, [divider], [{ kind: 'cell', rect: { x: 0, y: 0, w: 80, h }, phase_id: p, lane_id: l }], cards);
    });
    const g = group(`lane:${l}`, 0, y, [{ type: 'rect', rect: { x: 0, y: 0, w: 200, h }, radius: 0, fill: '#f4f4f4', stroke: null, target: { kind: 'lane', id: l } }], [{ kind: 'lane_header', rect: { x: 0, y: 0, w: 40, h }, lane_id: l }], cells);
    y += h;
    return g;
  });
  const phases = group(
    'band:phases',
    0,
    20,
    PHASES.map((p, i) => ({ type: 'rect', rect: { x: 40 + 80 * i, y: 0, w: 80, h: 10 }, radius: 0, fill: '#333', stroke: null, target: { kind: 'phase', id: p } })),
  );
  const emotion = group('band:emotion', 0, y, [
    { type: 'path', segs: [{ op: 'move', to: { x: 80, y: 20 } }, { op: 'line', to: { x: 160, y: 10 } }], stroke: { colour: '#0a0', width: 0.8, dash: [] }, fill: null, target: null },
  ]);
  return {
    width: spec.width ?? 210,
    height: 300,
    content: { x: 2, y: 3, w: 200, h: 290 },
    scale: spec.scale ?? 1,
    items: [],
    regions: [],
    groups: [phases, group('band:lanes', 0, 0, [], [], lanes), emotion],
    min_text_pt: 11,
    warnings: [],
  };
}

function keysOf(gs: Group[] | undefined): Key[] {
  return (gs ?? []).map((g) => g.key);
}

function index(gs: Group[] | undefined, parent: Key | null, out: Map<Key, { parent: Key | null; g: Group }>) {
  for (const g of gs ?? []) {
    out.set(g.key, { parent, g });
    index(g.children, g.key, out);
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The change from `old` to `now`, found as the core finds it. */
export function between(old: Scene, now: Scene): SceneChange {
  const before = new Map<Key, { parent: Key | null; g: Group }>();
  index(old.groups, null, before);
  const upsert: Node[] = [];
  const place: { key: Key; at: { x: number; y: number } }[] = [];
  const seen = new Set<Key>();
  const walk = (gs: Group[] | undefined, parent: Key | null) => {
    for (const g of gs ?? []) {
      seen.add(g.key);
      const b = before.get(g.key);
      const unchanged = b && b.parent === parent && same(b.g.items, g.items) && same(b.g.regions ?? [], g.regions ?? []) && same(b.g.bounds, g.bounds) && same(keysOf(b.g.children), keysOf(g.children));
      const sameChildren = b && same(keysOf(b.g.children), keysOf(g.children));
      if (!unchanged) upsert.push({ parent, group: { ...g, children: [] }, ...(sameChildren ? {} : { children: keysOf(g.children) }) });
      else if (b && !same(b.g.at, g.at)) place.push({ key: g.key, at: g.at });
      walk(g.children, g.key);
    }
  };
  walk(now.groups, null);
  const roots = keysOf(now.groups);
  return {
    width: now.width,
    height: now.height,
    content: now.content,
    scale: now.scale,
    min_text_pt: now.min_text_pt,
    warnings: now.warnings,
    ...(same(roots, keysOf(old.groups)) ? {} : { roots }),
    upsert,
    remove: [...before.keys()].filter((k) => !seen.has(k)).sort(),
    place,
  };
}
