import { describe, expect, it } from 'vitest';
import { fixture } from './fixture.test-util';
import { SceneIndex } from './index';
import { patched } from '../scene-patch';
import type { Item, Scene } from './scene';
import type { ItemPatch, ScenePatch, Splice } from '../../generated/types';

function patchOf(old: Scene, items: Splice<ItemPatch>[]): ScenePatch {
  return { width: old.width, height: old.height, content: old.content, scale: old.scale, min_text_pt: old.min_text_pt, warnings: old.warnings, items, regions: [] };
}

const note = (id: string, x: number, y: number): Item => ({ type: 'rect', rect: { x, y, w: 30, h: 20 }, radius: 1, fill: '#fff', stroke: null, target: { kind: 'card', id } });

describe('SceneIndex.patched', () => {
  it('answers every query as an index built anew, and leaves the old one as it was', () => {
    // A pseudo-random walk of patches: deletes, inserts, moves, over a growing map.
    let scene = fixture();
    let index = new SceneIndex(scene);
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 40; round++) {
      const n = scene.items.length;
      const splices: Splice<ItemPatch>[] = [];
      let at = 0;
      while (at < n && splices.length < 3) {
        at += rnd(4);
        if (at > n) break;
        const del = Math.min(rnd(3), n - at);
        const insert: ItemPatch[] = [];
        for (let k = rnd(3); k > 0; k--) {
          insert.push(rnd(2) === 0 && n > 0 ? { from: rnd(n), dx: rnd(50) - 25, dy: rnd(50) - 25 } : note(`n${round}_${k}`, rnd(200), rnd(200)));
        }
        splices.push({ at, delete: del, insert });
        at += del + 1;
      }
      const p = patchOf(scene, splices);
      const next = patched(scene, p);
      const before = index.query({ x: 0, y: 0, w: 400, h: 400 });
      const inc = SceneIndex.patched(index, next, p);
      expect(index.query({ x: 0, y: 0, w: 400, h: 400 })).toEqual(before);
      const fresh = new SceneIndex(next);
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
      scene = next;
      index = inc;
    }
    expect(scene.items.length).toBeGreaterThan(0);
  });
});
