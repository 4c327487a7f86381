import { describe, expect, it } from 'vitest';
import { clipboard, nextCell } from './entry';
import { editorMessages } from '../i18n-editor';
import type { Card } from '../../generated/types';

const j = {
  phases: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }],
  lanes: [{ id: 'l1' }, { id: 'l2' }],
} as unknown as Parameters<typeof nextCell>[0];

describe('nextCell', () => {
  it('walks along the phases, then down the lanes, and wraps', () => {
    expect(nextCell(j, { phase_id: 'p1', lane_id: 'l1' })).toEqual({ phase_id: 'p2', lane_id: 'l1' });
    expect(nextCell(j, { phase_id: 'p3', lane_id: 'l1' })).toEqual({ phase_id: 'p1', lane_id: 'l2' });
    expect(nextCell(j, { phase_id: 'p3', lane_id: 'l2' })).toEqual({ phase_id: 'p1', lane_id: 'l1' });
    expect(nextCell(j, { phase_id: 'p1', lane_id: 'l1' }, -1)).toEqual({ phase_id: 'p3', lane_id: 'l2' });
    expect(nextCell(j, { phase_id: 'gone', lane_id: 'l2' })).toEqual({ phase_id: 'p1', lane_id: 'l1' });
  });
});

describe('clipboard', () => {
  it('keeps copies, not references', () => {
    const c = { id: 'c1', text: 'a', evidence: [{ source: 'interview', note: 'n' }] } as unknown as Card;
    clipboard.set([c]);
    c.text = 'changed';
    expect(clipboard.get()[0]?.text).toBe('a');
  });
});

describe('editor messages', () => {
  it('has every key in Dutch and English', () => {
    expect(Object.keys(editorMessages.nl).sort()).toEqual(Object.keys(editorMessages.en).sort());
    for (const v of Object.values(editorMessages.nl)) expect(v.trim()).not.toBe('');
  });
});
