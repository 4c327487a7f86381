import { describe, expect, it } from 'vitest';
import { fixture } from './fixture.test-util';
import { SceneIndex } from './index';
import { PointerTool, handleAt } from './tools';
import type { Item, Scene } from './scene';

/** The fixture with an arrow from c1 to c3 (line, head and label plate), as the layout draws
 * links. */
function withLink(): Scene {
  const s = fixture();
  const target = { kind: 'link' as const, id: 'link_1' };
  const arrow: Item[] = [
    {
      type: 'path',
      segs: [
        { op: 'move', to: { x: 75, y: 50 } },
        { op: 'cubic', c1: { x: 100, y: 50 }, c2: { x: 100, y: 110 }, to: { x: 125, y: 110 } },
      ],
      stroke: { colour: '#4f6d8f', width: 0.5, dash: [] },
      fill: null,
      target,
    },
    { type: 'rect', rect: { x: 92, y: 76, w: 16, h: 5 }, radius: 1, fill: '#ffffff', stroke: null, target },
  ];
  return { ...s, items: [...s.items, ...arrow] };
}

describe('links on the canvas', () => {
  it('a drag from the selected card’s handle onto another card makes one link', () => {
    const index = new SceneIndex(fixture());
    const tool = new PointerTool(index, () => ['c1']);
    const h = handleAt(index.cardRects().get('c1') ?? { x: 0, y: 0, w: 0, h: 0 });
    expect(h).toEqual({ x: 75, y: 50 });
    tool.down(h, false, 1);
    const p = tool.move({ x: 130, y: 100 }, 2);
    expect(p).toMatchObject({ mode: 'link', from: 'c1', target: 'c3' });
    expect(tool.up({ x: 130, y: 100 })).toEqual({ type: 'add_link', from: 'c1', to: 'c3' });
  });

  it('dropping on nothing or on the card itself makes no link; without a selection there is no handle', () => {
    const index = new SceneIndex(fixture());
    const tool = new PointerTool(index, () => ['c1']);
    tool.down({ x: 75, y: 50 }, false, 1);
    expect(tool.up({ x: 200, y: 5 })).toBeNull();
    tool.down({ x: 75, y: 50 }, false, 1);
    expect(tool.up({ x: 60, y: 50 })).toBeNull();
    const none = new PointerTool(index, () => []);
    none.down({ x: 74.5, y: 50 }, false, 1);
    // A press there is a press on the card: a click selects it.
    expect(none.up({ x: 74.5, y: 50 })).toEqual({ type: 'select', ids: ['c1'] });
  });

  it('a click on the arrow’s line or label selects the link; a double-click edits it', () => {
    const index = new SceneIndex(withLink());
    const tool = new PointerTool(index, () => []);
    tool.down({ x: 100, y: 78 }, false, 1);
    expect(tool.up({ x: 100, y: 78 })).toEqual({ type: 'select_link', id: 'link_1' });
    // On the line, away from the label (the curve passes x = 87.5 near y = 58).
    const onLine = { x: 87.5, y: 57.5 };
    expect(index.hit(onLine, 1.2)).toEqual({ kind: 'link', id: 'link_1' });
    expect(index.hit({ x: 87.5, y: 70 }, 1.2)).toBeNull();
    expect(tool.doubleClick({ x: 100, y: 78 }, 1)).toEqual({ type: 'edit_link', id: 'link_1' });
  });
});
