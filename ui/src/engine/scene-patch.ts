// The Scene the UI holds, by key, and the changes the core sends to it (docs/scene.md).
//
// The core sends a journey's Scene once whole, as keyed groups in natural millimetres placed on
// the page by one fit (`scale`, `content.x`, `content.y`), and after each edit only what the
// edit changed (`SceneChange`): the groups that are new or changed (`upsert`, each without its
// children, which it names by key), the keys that went (`remove`) and the groups that only moved
// (`place`). The UI keeps the groups in a map by key and draws a flat list of page-millimetre
// items made from them: a group that neither changed nor moved keeps its items (the same
// objects), so the spatial index and the repaint can follow the change rather than start over
// (`SceneStep`). The journey's detail likewise comes whole once and then as the records the
// edit touched, by id (`DetailChange`). Pure: builds new maps and lists and never changes what
// it was given (views may still draw the old Scene).
import type { Changed, DetailChange, Group, Item, JourneyDetail, Key, Rect, Region, Scene, SceneChange, Seg, Stroke } from '../generated/types';
import { bounds } from './canvas/scene';

/** Replace `delete` elements of the old list, starting at its index `at`, with `insert`. */
export interface Splice<T> {
  at: number;
  delete: number;
  insert: T[];
}

/** A group as held: its own items and regions (no children), its parent, its children's keys. */
interface Held {
  parent: Key | null;
  group: Group;
  children: Key[];
}

/** A group as drawn: its origin in natural mm (the sum of the origins above it and its own),
 * where its items start in the flat list, its items and regions on the page, the box of its
 * own items and the box of it all with its children (page mm; null when it draws nothing). */
interface Drawn {
  held: Held;
  ox: number;
  oy: number;
  start: number;
  items: Item[];
  regions: Region[];
  own: Rect | null;
  box: Rect | null;
}

/** The keyed Scene the UI holds, and the flat Scene it draws from it. */
export interface Keyed {
  nodes: ReadonlyMap<Key, Held>;
  roots: Key[];
  drawn: ReadonlyMap<Key, Drawn>;
  /** The flat Scene: the loose items, then each group's own items, in paint order. */
  scene: Scene;
  /** The loose items and regions (page mm), as sent. */
  loose: { items: Item[]; regions: Region[] };
}

/** What one change did to the flat Scene, for the canvas to follow: the splices of `base`'s
 * items that give `scene`'s (the items of unchanged groups are the same objects), the boxes
 * (page mm) where the two may differ (`null`: anywhere, paint it all), and the texts that are
 * new (a fallback font may be needed). */
export interface SceneStep {
  base: Scene;
  scene: Scene;
  items: Splice<Item>[];
  dirty: Rect[] | null;
  texts: string[];
}

/** The keyed Scene `scene` (as the core sends it whole) held by key and drawn flat. */
export function keyed(scene: Scene): Keyed {
  const nodes = new Map<Key, Held>();
  const add = (gs: Group[], parent: Key | null) => {
    for (const g of gs) {
      nodes.set(g.key, { parent, group: { ...g, children: [] }, children: (g.children ?? []).map((c) => c.key) });
      add(g.children ?? [], g.key);
    }
  };
  add(scene.groups ?? [], null);
  const roots = (scene.groups ?? []).map((g) => g.key);
  return drawFlat(scene, nodes, roots, { items: scene.items, regions: scene.regions }, null).keyed;
}

/** The held Scene after `change`, and what it did to the flat Scene. */
export function changed(old: Keyed, change: SceneChange): { keyed: Keyed; step: SceneStep } {
  const nodes = new Map(old.nodes);
  for (const k of change.remove) nodes.delete(k);
  // A node without `children` keeps the ones held (its cards, when only a cell's height changed).
  for (const n of change.upsert) nodes.set(n.group.key, { parent: n.parent, group: n.group, children: n.children ?? nodes.get(n.group.key)?.children ?? [] });
  for (const p of change.place) {
    const n = nodes.get(p.key);
    if (n) nodes.set(p.key, { ...n, group: { ...n.group, at: p.at } });
  }
  const page: Scene = {
    width: change.width,
    height: change.height,
    content: change.content,
    scale: change.scale,
    min_text_pt: change.min_text_pt,
    warnings: change.warnings,
    items: [],
    regions: [],
  };
  const loose = { items: change.items ?? old.loose.items, regions: change.regions ?? old.loose.regions };
  const { keyed: next, kept } = drawFlat(page, nodes, change.roots ?? old.roots, loose, old);
  const keys = [...change.upsert.map((n) => n.group.key), ...change.place.map((p) => p.key), ...change.remove];
  const whole = !sameFit(old.scene, next.scene) || change.roots != null || change.items != null || change.regions != null;
  const step: SceneStep = {
    base: old.scene,
    scene: next.scene,
    items: splicesOf(kept, next.scene.items, old.scene.items.length),
    dirty: whole ? null : dirtyBoxes(keys, old, next),
    texts: textsOf(change, loose.items),
  };
  return { keyed: next, step };
}

function sameFit(a: Scene, b: Scene): boolean {
  return a.width === b.width && a.height === b.height && a.scale === b.scale && a.content.x === b.content.x && a.content.y === b.content.y && a.content.w === b.content.w && a.content.h === b.content.h;
}

/** The old and new boxes of the groups that changed, moved or went (a box covers the group's
 * children: a lane that moved repaints all it holds). */
function dirtyBoxes(keys: Key[], old: Keyed, next: Keyed): Rect[] {
  const out: Rect[] = [];
  for (const k of keys) {
    const a = old.drawn.get(k)?.box;
    const b = next.drawn.get(k)?.box;
    if (a) out.push(a);
    if (b) out.push(b);
  }
  return out;
}

/** The lines of text of the upserted groups (and of the loose items, when they came anew). */
function textsOf(change: SceneChange, loose: Item[]): string[] {
  const out: string[] = [];
  const take = (items: Item[]) => {
    for (const it of items) if (it.type === 'text') for (const l of it.lines) out.push(l.text);
  };
  for (const n of change.upsert) take(n.group.items);
  if (change.items) take(loose);
  return out;
}

/** Draws `nodes` flat on `page`, reusing `old`'s items of every group that neither changed
 * nor moved; `kept` says for each new item the index of the old item it is (-1: new). */
function drawFlat(page: Scene, nodes: ReadonlyMap<Key, Held>, roots: Key[], loose: Keyed['loose'], old: Keyed | null): { keyed: Keyed; kept: number[] } {
  const s = page.scale;
  const cx = page.content.x;
  const cy = page.content.y;
  const reusable = old && sameFit(old.scene, page) ? old : null;
  const items: Item[] = [...loose.items];
  const regions: Region[] = [...loose.regions];
  const sameLoose = old !== null && old.loose.items === loose.items;
  const kept: number[] = loose.items.map((_, i) => (sameLoose ? i : -1));
  const drawn = new Map<Key, Drawn>();
  const walk = (k: Key, px: number, py: number): Rect | null => {
    const n = nodes.get(k);
    if (!n) return null;
    const ox = px + n.group.at.x;
    const oy = py + n.group.at.y;
    const was = reusable?.drawn.get(k);
    const start = items.length;
    let d: Drawn;
    if (was && was.held === n && was.ox === ox && was.oy === oy) {
      d = { ...was, start };
      for (let i = 0; i < was.items.length; i++) kept.push(was.start + i);
    } else {
      const p = placer(cx + s * ox, cy + s * oy, s);
      const own = n.group.items.map(p.item);
      d = { held: n, ox, oy, start, items: own, regions: (n.group.regions ?? []).map(p.region), own: union(own.map(bounds)), box: null };
      for (let i = 0; i < own.length; i++) kept.push(-1);
    }
    for (const it of d.items) items.push(it);
    for (const r of d.regions) regions.push(r);
    let box = d.own;
    for (const c of n.children) box = joined(box, walk(c, ox, oy));
    d.box = box;
    drawn.set(k, d);
    return box;
  };
  for (const k of roots) walk(k, 0, 0);
  const scene: Scene = { ...page, items, regions };
  delete scene.groups;
  return { keyed: { nodes, roots, drawn, scene, loose }, kept };
}

/** Natural millimetres of a group whose origin is at (`ox`, `oy`) on the page, at scale `s`,
 * to page millimetres. */
function placer(ox: number, oy: number, s: number) {
  const x = (v: number) => ox + v * s;
  const y = (v: number) => oy + v * s;
  const pt = (p: { x: number; y: number }) => ({ x: x(p.x), y: y(p.y) });
  const rect = (r: Rect): Rect => ({ x: x(r.x), y: y(r.y), w: r.w * s, h: r.h * s });
  // `dash` is left out of the JSON when the line is solid (the core skips an empty list).
  const stroke = (k: Stroke | null): Stroke | null => (k ? { ...k, width: k.width * s, ...((k.dash as Stroke['dash'] | undefined) ? { dash: k.dash.map((d) => d * s) } : {}) } : k);
  const seg = (g: Seg): Seg => (g.op === 'close' ? g : g.op === 'cubic' ? { op: 'cubic', c1: pt(g.c1), c2: pt(g.c2), to: pt(g.to) } : { op: g.op, to: pt(g.to) });
  const item = (it: Item): Item => {
    switch (it.type) {
      case 'rect':
        return { ...it, rect: rect(it.rect), radius: it.radius * s, stroke: stroke(it.stroke) };
      case 'image':
        return { ...it, rect: rect(it.rect) };
      case 'circle':
        return { ...it, centre: pt(it.centre), r: it.r * s, stroke: stroke(it.stroke) };
      case 'path':
        return { ...it, segs: it.segs.map(seg), stroke: stroke(it.stroke) };
      case 'text':
        return { ...it, size: it.size * s, size_pt: it.size_pt * s, lines: it.lines.map((l) => ({ ...l, x: x(l.x), baseline: y(l.baseline), width: l.width * s })) };
    }
  };
  const region = (r: Region): Region => (r.kind === 'emotion' ? { ...r, rect: rect(r.rect), top: y(r.top), bottom: y(r.bottom) } : { ...r, rect: rect(r.rect) });
  return { item, region };
}

function joined(a: Rect | null, b: Rect | null): Rect | null {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

function union(rs: Rect[]): Rect | null {
  let out: Rect | null = null;
  for (const r of rs) out = joined(out, r);
  return out;
}

/** The splices that make the new list from the old one, given for each new item the old
 * index it is (-1 for a new item): old items not taken are deleted. */
export function splicesOf<T>(kept: number[], items: T[], oldLength: number): Splice<T>[] {
  const out: Splice<T>[] = [];
  let op = 0;
  let insert: T[] = [];
  kept.forEach((k, i) => {
    if (k >= op) {
      if (k > op || insert.length) out.push({ at: op, delete: k - op, insert });
      insert = [];
      op = k + 1;
    } else insert.push(items[i] as T);
  });
  if (op < oldLength || insert.length) out.push({ at: op, delete: oldLength - op, insert });
  return out;
}

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

/** The journey detail after a `DetailChange`: the touched records put in or taken out by id,
 * in the journey's order (order key, then id, as the core keeps it). */
export function changedDetail(old: JourneyDetail, c: DetailChange): JourneyDetail {
  const j = old.journey;
  const { phases, lanes, cards, ...meta } = j;
  return {
    journey: { ...(c.meta ?? meta), phases: byId(phases, c.phases), lanes: byId(lanes, c.lanes), cards: byId(cards, c.cards) },
    personas: c.personas ?? old.personas,
    others: c.others ?? old.others,
  };
}

type Ordered = { id: string; order: string };

function byId<T extends Ordered>(list: T[], c: Changed<T>): T[] {
  if (c.upsert.length === 0 && c.remove.length === 0) return list;
  const gone = new Set(c.remove);
  const up = new Map(c.upsert.map((r) => [r.id, r]));
  let reordered = false;
  const out: T[] = [];
  for (const r of list) {
    if (gone.has(r.id)) continue;
    const n = up.get(r.id);
    if (n) {
      up.delete(r.id);
      reordered ||= n.order !== r.order;
    }
    out.push(n ?? r);
  }
  for (const n of up.values()) out.push(n);
  if (reordered || up.size > 0) out.sort(inOrder);
  return out;
}

function inOrder(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
