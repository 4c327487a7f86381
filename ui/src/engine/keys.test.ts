import { describe, expect, it } from 'vitest';
import { isTextEntry, shortcutOf } from './keys';

const key = (k: string, mods: Partial<{ ctrl: boolean; shift: boolean; alt: boolean; meta: boolean }> = {}) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
  metaKey: !!mods.meta,
});

describe('shortcuts', () => {
  it('maps undo and redo', () => {
    expect(shortcutOf(key('z', { ctrl: true }))).toBe('undo');
    expect(shortcutOf(key('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(shortcutOf(key('y', { ctrl: true }))).toBe('redo');
    expect(shortcutOf(key('z', { meta: true }))).toBe('undo');
  });

  it('ignores plain keys and Alt combinations', () => {
    expect(shortcutOf(key('z'))).toBeNull();
    expect(shortcutOf(key('z', { ctrl: true, alt: true }))).toBeNull();
  });

  it('treats text fields as text entry, buttons not', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'text' } as unknown as EventTarget)).toBe(true);
    expect(isTextEntry({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(isTextEntry({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTextEntry(null)).toBe(false);
  });
});
