// A small hand-made Scene for the engine's unit tests: two phases × two lanes, three cards,
// and an emotion band with one curve point.
import type { Item, RecordRef, Region, Scene } from './scene';

export function fixture(): Scene {
  const card = (id: string, x: number, y: number): Item[] => [
    { type: 'rect', rect: { x, y, w: 30, h: 30 }, radius: 1, fill: '#fff3b0', stroke: null, target: { kind: 'card', id } },
    {
      type: 'text',
      lines: [{ text: id, x: x + 2, baseline: y + 6, width: 10 }],
      size: 4,
      size_pt: 11,
      bold: false,
      colour: '#222',
      role: 'card',
      target: { kind: 'card', id } as RecordRef,
    },
  ];
  const regions: Region[] = [
    { kind: 'phase_header', rect: { x: 40, y: 20, w: 80, h: 10 }, phase_id: 'pA' },
    { kind: 'phase_header', rect: { x: 120, y: 20, w: 80, h: 10 }, phase_id: 'pB' },
    { kind: 'lane_header', rect: { x: 0, y: 30, w: 40, h: 60 }, lane_id: 'l1' },
    { kind: 'lane_header', rect: { x: 0, y: 90, w: 40, h: 60 }, lane_id: 'l2' },
    { kind: 'cell', rect: { x: 40, y: 30, w: 80, h: 60 }, phase_id: 'pA', lane_id: 'l1' },
    { kind: 'cell', rect: { x: 120, y: 30, w: 80, h: 60 }, phase_id: 'pB', lane_id: 'l1' },
    { kind: 'cell', rect: { x: 40, y: 90, w: 80, h: 60 }, phase_id: 'pA', lane_id: 'l2' },
    { kind: 'cell', rect: { x: 120, y: 90, w: 80, h: 60 }, phase_id: 'pB', lane_id: 'l2' },
    { kind: 'emotion', rect: { x: 40, y: 150, w: 80, h: 40 }, phase_id: 'pA', top: 152, bottom: 188 },
    { kind: 'emotion', rect: { x: 120, y: 150, w: 80, h: 40 }, phase_id: 'pB', top: 152, bottom: 188 },
  ];
  return {
    width: 210,
    height: 200,
    content: { x: 0, y: 0, w: 210, h: 200 },
    scale: 1,
    items: [
      { type: 'rect', rect: { x: 40, y: 20, w: 80, h: 10 }, radius: 0, fill: '#333', stroke: null, target: { kind: 'phase', id: 'pA' } },
      ...card('c1', 45, 35),
      ...card('c2', 80, 35),
      ...card('c3', 125, 95),
      { type: 'path', segs: [{ op: 'move', to: { x: 80, y: 170 } }, { op: 'line', to: { x: 160, y: 160 } }], stroke: { colour: '#0a0', width: 0.8, dash: [] }, fill: null, target: null },
      { type: 'circle', centre: { x: 80, y: 161 }, r: 2, fill: '#0a0', stroke: null, target: { kind: 'card', id: 'c4' } },
    ],
    regions,
    min_text_pt: 11,
    warnings: [],
  };
}
