import { describe, expect, it } from 'vitest';
import { between, mapOf, type MapSpec } from '../keyed.test-util';
import { changed, keyed } from '../scene-patch';
import { SceneIndex } from './index';

describe('SceneIndex.patched', () => {
  it('answers every query as an index built anew, and leaves the old one as it was', () => {
    // A pseudo-random walk of edits (moves between cells, new cards, deletes, new texts) over a
    // map, each sent as the keyed change the core would send.
    const cells = ['l1/pA', 'l1/pB', 'l2/pA', 'l2/pB'];
    let spec: MapSpec = { cells: { 'l1/pA': ['c1', 'c2'], 'l2/pB': ['c3'] }, texts: {} };
    let held = keyed(mapOf(spec));
    let index = new SceneIndex(held.scene);
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 40; round++) {
      const next: MapSpec = { cells: Object.fromEntries(cells.map((c) => [c, [...(spec.cells[c] ?? [])]])), texts: { ...spec.texts } };
      const all = cells.flatMap((c) => next.cells[c] ?? []);
      const from = cells[rnd(4)] as string;
      const list = next.cells[from] ?? [];
      switch (rnd(4)) {
        case 0:
          if (list.length) (next.cells[cells[rnd(4)] as string] ?? []).push(...list.splice(rnd(list.length), 1));
          break;
        case 1:
          list.push(`n${round}`);
          break;
        case 2:
          list.splice(rnd(list.length + 1), 1);
          break;
        default:
          if (all.length) (next.texts ??= {})[all[rnd(all.length)] as string] = `t${round}`;
      }
      const { keyed: after, step } = changed(held, between(mapOf(spec), mapOf(next)));
      const before = index.query({ x: 0, y: 0, w: 400, h: 400 });
      const inc = SceneIndex.patched(index, after.scene, step.items);
      expect(index.query({ x: 0, y: 0, w: 400, h: 400 })).toEqual(before);
      const fresh = new SceneIndex(after.scene);
      expect(inc.boxes).toEqual(fresh.boxes);
      for (const r of [
        { x: 0, y: 0, w: 400, h: 400 },
        { x: 50, y: 30, w: 40, h: 40 },
        { x: 120, y: 95, w: 1, h: 1 },
        { x: -30, y: -30, w: 60, h: 60 },
      ]) {
        expect(inc.query(r)).toEqual(fresh.query(r));
      }
      expect(inc.hit({ x: 130, y: 100 })).toEqual(fresh.hit({ x: 130, y: 100 }));
      spec = next;
      held = after;
      index = inc;
    }
    expect(held.scene.items.length).toBeGreaterThan(0);
  });
});
