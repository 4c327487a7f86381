import { describe, expect, it } from 'vitest';
import { fixture } from './fixture.test-util';
import { SceneIndex } from './index';
import { PointerTool, emotionAt } from './tools';
import { Viewport, wheel } from './viewport';

describe('Viewport', () => {
  it('round-trips points and zooms around the pointer', () => {
    const vp = new Viewport();
    vp.resize(1000, 800);
    vp.fit({ x: 0, y: 0, w: 1189, h: 841 });
    const at = { x: 300, y: 200 };
    const before = vp.toScene(at);
    vp.zoomAt(at, 2.5);
    const after = vp.toScene(at);
    expect(after.x).toBeCloseTo(before.x, 6);
    expect(after.y).toBeCloseTo(before.y, 6);
    const back = vp.toScreen(vp.toScene({ x: 17, y: 33 }));
    expect(back.x).toBeCloseTo(17, 6);
    expect(back.y).toBeCloseTo(33, 6);
  });

  it('fit shows the whole rect, centred', () => {
    const vp = new Viewport();
    vp.resize(1000, 800);
    vp.fit({ x: 10, y: 10, w: 1189, h: 841 }, 20);
    const v = vp.visible();
    expect(v.x).toBeLessThanOrEqual(10);
    expect(v.y).toBeLessThanOrEqual(10);
    expect(v.x + v.w).toBeGreaterThanOrEqual(1199);
    expect(v.y + v.h).toBeGreaterThanOrEqual(851);
  });

  it('fit keeps a band at the bottom free for a floating control, centred above it', () => {
    const vp = new Viewport();
    vp.resize(1000, 600);
    // A wide page is bound by the width; a tall one by the height less the band.
    for (const r of [{ x: 0, y: 0, w: 1189, h: 841 }, { x: 0, y: 0, w: 300, h: 841 }]) {
      vp.fit(r, 24, 66);
      const top = vp.toScreen({ x: r.x, y: r.y });
      const bottom = vp.toScreen({ x: r.x + r.w, y: r.y + r.h });
      expect(top.y).toBeGreaterThanOrEqual(24 - 1e-6);
      expect(bottom.y).toBeLessThanOrEqual(600 - 66 + 1e-6);
      // Centred in what is left: as much room above as below, down to the band.
      expect(top.y - 24).toBeCloseTo(600 - 66 - bottom.y, 6);
      expect(top.x).toBeGreaterThanOrEqual(24 - 1e-6);
      expect(bottom.x).toBeLessThanOrEqual(1000 - 24 + 1e-6);
    }
  });

  it('reveal leaves a readable rect on screen alone, and centres and enlarges one that is not', () => {
    const vp = new Viewport();
    vp.resize(1000, 800);
    vp.fit({ x: 0, y: 0, w: 1189, h: 841 });
    const card = { x: 1000, y: 600, w: 76, h: 76 };
    const fitScale = vp.scale;
    vp.reveal(card);
    expect(vp.scale * card.w).toBeCloseTo(140, 6);
    const c = vp.toScreen({ x: card.x + card.w / 2, y: card.y + card.h / 2 });
    expect(c.x).toBeCloseTo(500, 6);
    expect(c.y).toBeCloseTo(400, 6);
    expect(vp.scale).toBeGreaterThan(fitScale);
    const before = { s: vp.scale, x: vp.offsetX, y: vp.offsetY };
    vp.reveal({ x: card.x + 10, y: card.y, w: 76, h: 76 });
    expect({ s: vp.scale, x: vp.offsetX, y: vp.offsetY }).toEqual(before);
    // A rect larger than the window is fitted, not zoomed into.
    vp.reveal({ x: 0, y: 0, w: 1189, h: 100 });
    expect(vp.scale * 1189).toBeLessThanOrEqual(1000);
  });

  it('keeps what was on screen in view when the space around the map changes', () => {
    const vp = new Viewport();
    vp.resize(1000, 800);
    vp.fit({ x: 0, y: 0, w: 1189, h: 841 });
    expect(vp.atFit).toBe(true);
    vp.zoomAt({ x: 500, y: 400 }, 2);
    expect(vp.atFit).toBe(false);
    const seen = vp.visible();
    // A panel of 290 px opens beside the map: all that was seen is still on screen, centred.
    vp.resize(710, 800);
    const now = vp.visible();
    expect(now.x).toBeLessThanOrEqual(seen.x + 1e-9);
    expect(now.y).toBeLessThanOrEqual(seen.y + 1e-9);
    expect(now.x + now.w).toBeGreaterThanOrEqual(seen.x + seen.w - 1e-9);
    expect(now.y + now.h).toBeGreaterThanOrEqual(seen.y + seen.h - 1e-9);
    expect(now.x + now.w / 2).toBeCloseTo(seen.x + seen.w / 2, 6);
    // It closes again: the scale is not raised past the user's zoom.
    const s = vp.scale;
    vp.resize(1000, 800);
    expect(vp.scale).toBe(s);
    vp.panBy(5, 0);
    expect(vp.atFit).toBe(false);
  });

  it('reading size: card text at 12 px, the map from its top left corner', () => {
    const vp = new Viewport();
    vp.resize(1000, 800);
    vp.fit({ x: 10, y: 20, w: 1189, h: 841 });
    vp.read({ x: 10, y: 20, w: 1189, h: 841 }, 3.5);
    expect(vp.scale * 3.5).toBeCloseTo(12, 6);
    expect(vp.toScreen({ x: 10, y: 20 })).toEqual({ x: 24, y: 24 });
    expect(vp.atFit).toBe(false);
    // A small map that fits readably is fitted.
    vp.read({ x: 0, y: 0, w: 100, h: 80 }, 3.5);
    expect(vp.atFit).toBe(true);
    expect(vp.scale * 3.5).toBeGreaterThan(12);
  });

  it('ctrl+wheel zooms, plain wheel pans', () => {
    const vp = new Viewport();
    const s = vp.scale;
    wheel(vp, { deltaX: 0, deltaY: -100, deltaMode: 0, ctrlKey: true, metaKey: false, shiftKey: false }, { x: 0, y: 0 });
    expect(vp.scale).toBeGreaterThan(s);
    const ox = vp.offsetY;
    wheel(vp, { deltaX: 0, deltaY: 50, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false }, { x: 0, y: 0 });
    expect(vp.offsetY).toBe(ox - 50);
  });
});

describe('SceneIndex', () => {
  it('culls to the visible rect and hits the topmost record', () => {
    const idx = new SceneIndex(fixture());
    const visible = idx.query({ x: 120, y: 90, w: 50, h: 50 });
    const ids = visible.map((i) => idx.scene.items[i]?.target?.id);
    expect(ids).toContain('c3');
    expect(ids).not.toContain('c1');
    expect(idx.hit({ x: 50, y: 40 })).toEqual({ kind: 'card', id: 'c1' });
    expect(idx.hit({ x: 30, y: 180 })).toBeNull();
    expect(idx.hit({ x: 82.5, y: 161 }, 1)).toEqual({ kind: 'card', id: 'c4' });
  });

  it('finds cards in a marquee', () => {
    const idx = new SceneIndex(fixture());
    expect(idx.cardsIn({ x: 40, y: 30, w: 60, h: 10 }).sort()).toEqual(['c1', 'c2']);
  });
});

describe('PointerTool', () => {
  const make = (sel: string[] = [], emotion: number | null = 1) => {
    const state = { sel };
    const tool = new PointerTool(new SceneIndex(fixture()), () => state.sel, () => emotion);
    return { tool, state };
  };

  it('drags a card into another phase as one intent', () => {
    const { tool } = make();
    tool.down({ x: 50, y: 40 }, false, 1);
    expect(tool.move({ x: 50.5, y: 40 }, 2).mode).toBe('idle'); // under the threshold
    const p = tool.move({ x: 150, y: 60 }, 2);
    expect(p.mode).toBe('cards');
    if (p.mode === 'cards') expect(p.drop?.phase_id).toBe('pB');
    expect(tool.up({ x: 150, y: 60 })).toEqual({ type: 'edit', edit: { op: 'move_cards', ids: ['c1'], phase_id: 'pB', lane_id: 'l1', before: null } });
    expect(tool.busy).toBe(false);
  });

  it('reorders within a cell: dropping left of c1 puts c2 before it', () => {
    const { tool } = make();
    tool.down({ x: 90, y: 40 }, false, 1);
    tool.move({ x: 70, y: 45 }, 2);
    expect(tool.up({ x: 48, y: 45 })).toEqual({ type: 'edit', edit: { op: 'move_cards', ids: ['c2'], phase_id: 'pA', lane_id: 'l1', before: 'c1' } });
  });

  it('dropping a card where it already is makes no edit', () => {
    const { tool } = make();
    tool.down({ x: 50, y: 40 }, false, 1);
    tool.move({ x: 60, y: 40 }, 2);
    expect(tool.up({ x: 62, y: 40 })).toBeNull();
  });

  it('moves the whole selection and Esc cancels', () => {
    const { tool } = make(['c1', 'c2']);
    tool.down({ x: 50, y: 40 }, false, 1);
    const p = tool.move({ x: 140, y: 120 }, 2);
    if (p.mode === 'cards') expect(p.ids).toEqual(['c1', 'c2']);
    tool.cancel();
    expect(tool.up({ x: 140, y: 120 })).toBeNull();
  });

  it('shift-click toggles selection; marquee selects', () => {
    const { tool } = make(['c1']);
    tool.down({ x: 90, y: 40 }, true, 1);
    expect(tool.up({ x: 90, y: 40 })).toEqual({ type: 'select', ids: ['c1', 'c2'] });
    tool.down({ x: 42, y: 32 }, false, 1);
    tool.move({ x: 60, y: 36 }, 2);
    expect(tool.up({ x: 115, y: 50 })).toEqual({ type: 'select', ids: ['c1', 'c2'] });
  });

  it('drags an emotion point to a new value', () => {
    const { tool } = make([], 2);
    const first = tool.down({ x: 80, y: 161 }, false, 1);
    expect(first.mode).toBe('emotion');
    const p = tool.move({ x: 80, y: 187 }, 2);
    if (p.mode === 'emotion') expect(p.value).toBe(-2);
    expect(tool.up({ x: 80, y: 187 })).toEqual({ type: 'edit', edit: { op: 'update_card', id: 'c4', patch: { emotion: -2 } } });
  });

  it('reorders phases by dragging a header', () => {
    const { tool } = make();
    tool.down({ x: 60, y: 25 }, false, 1);
    tool.move({ x: 120, y: 25 }, 2);
    expect(tool.up({ x: 190, y: 25 })).toEqual({ type: 'edit', edit: { op: 'move_phase', id: 'pA', before: null } });
    tool.down({ x: 60, y: 25 }, false, 1);
    tool.move({ x: 70, y: 25 }, 2);
    expect(tool.up({ x: 75, y: 25 })).toBeNull();
  });

  it('double-click on an empty cell starts a new card there', () => {
    const { tool } = make();
    expect(tool.doubleClick({ x: 180, y: 80 }, 1)).toEqual({ type: 'new_card', phase_id: 'pB', lane_id: 'l1', before: null });
    expect(tool.doubleClick({ x: 50, y: 40 }, 1)).toEqual({ type: 'edit_card', id: 'c1' });
  });

  it('maps heights to whole emotions', () => {
    const r = { kind: 'emotion' as const, rect: { x: 0, y: 0, w: 1, h: 1 }, phase_id: 'p', top: 0, bottom: 40 };
    expect([0, 10, 20, 30, 40, -5, 99].map((y) => emotionAt(r, y))).toEqual([2, 1, 0, -1, -2, 2, -2]);
  });
});
