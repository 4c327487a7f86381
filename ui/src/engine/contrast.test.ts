// The stylesheet as text (Vite's `?raw`), so the tokens are read where the browser reads them.
import appCss from '../app.css?raw';
import { describe, expect, it } from 'vitest';
import { contrast, EMOTION_TEXT } from './contrast';

/** The UI's colour tokens, read from app.css's `:root` as the browser reads them. */
function tokens(): Record<string, string> {
  const css = appCss;
  const out: Record<string, string> = {};
  for (const m of css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)) out[m[1] ?? ''] = m[2] ?? '';
  return out;
}

/** WCAG 2.x AA for body text. */
const AA = 4.5;

describe('contrast', () => {
  it('measures as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
  });

  // Every text colour token on every surface and soft fill it is drawn on (the greys are
  // used everywhere, so all of them), and the white of primary and danger buttons.
  it('keeps text tokens at AA on every surface', () => {
    const c = tokens();
    const surfaces = ['bg', 'surface', 'surface-2', 'accent-soft', 'danger-soft'];
    const texts = ['text', 'muted', 'faint', 'accent', 'accent-strong', 'phase'];
    const failing: string[] = [];
    for (const fg of texts) {
      for (const bg of surfaces) {
        const r = contrast(c[fg] ?? '', c[bg] ?? '');
        if (r < AA) failing.push(`--${fg} on --${bg}: ${r.toFixed(2)}`);
      }
    }
    for (const bg of ['accent', 'accent-strong', 'danger', 'phase']) {
      const r = contrast('#ffffff', c[bg] ?? '');
      if (r < AA) failing.push(`white on --${bg}: ${r.toFixed(2)}`);
    }
    for (const bg of ['bg', 'surface', 'surface-2', 'danger-soft']) {
      const r = contrast(c.danger ?? '', c[bg] ?? '');
      if (r < AA) failing.push(`--danger on --${bg}: ${r.toFixed(2)}`);
    }
    expect(failing).toEqual([]);
  });

  // The notes' tints (the print's palette, as the UI repeats it) carry the notes' text.
  it('keeps note text at AA on every note tint', () => {
    const c = tokens();
    const notes = Object.keys(c).filter((k) => k.startsWith('note-'));
    expect(notes.length).toBeGreaterThan(5);
    // The table view writes a card's facts in --muted on its tint.
    for (const n of notes) for (const fg of ['text', 'muted']) expect(contrast(c[fg] ?? '', c[n] ?? ''), `--${fg} on ${n}`).toBeGreaterThanOrEqual(AA);
  });

  it('writes emotions in colours that read on every light surface', () => {
    const c = tokens();
    for (const [name, fg] of Object.entries(EMOTION_TEXT)) {
      for (const bg of ['bg', 'surface', 'surface-2', 'accent-soft']) {
        expect(contrast(fg, c[bg] ?? ''), `${name} on --${bg}`).toBeGreaterThanOrEqual(AA);
      }
    }
  });
});
