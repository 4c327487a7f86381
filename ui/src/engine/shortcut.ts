// A keyboard shortcut as data: how one is written down in the actions list (actions.ts),
// whether a key event is it, and how it reads in a title or the `?` overlay.

import type { KeyLike } from './keys';

/** One key combination. `key` is a KeyboardEvent.key: a letter (lower case), a character
 * (`?`, `+`) or a named key (`Enter`, `ArrowLeft`). `mod` is Ctrl, or ⌘ on a Mac. */
export interface Shortcut {
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

/** A shortcut for the actions list: `key('z', { mod: true })` is Ctrl+Z (⌘Z on a Mac). */
export const key = (k: string, mods: Omit<Shortcut, 'key'> = {}): Shortcut => ({ key: k, ...mods });

/** An action's `enabled` when it always is (shared by both lists of actions). */
export const always = (): boolean => true;

/** True when `e` is the key combination `s`. A character key (`?`, `+`) ignores Shift, which
 * the keyboard layout may need to type it; letters and named keys want Shift exactly. */
export function matches(s: Shortcut, e: KeyLike): boolean {
  if (!!s.mod !== (e.ctrlKey || e.metaKey) || !!s.alt !== e.altKey) return false;
  const char = s.key.length === 1;
  const letter = char && s.key.toLowerCase() !== s.key.toUpperCase();
  if ((!char || letter) && !!s.shift !== e.shiftKey) return false;
  return char ? e.key.toLowerCase() === s.key.toLowerCase() : e.key === s.key;
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
  ' ': 'Space',
  '-': '–',
};

/** How a shortcut reads (`Ctrl+Shift+Z`, `⌘+D`, `←`). */
export function formatShortcut(s: Shortcut, mac = false): string {
  const parts: string[] = [];
  if (s.mod) parts.push(mac ? '⌘' : 'Ctrl');
  if (s.alt) parts.push(mac ? '⌥' : 'Alt');
  if (s.shift) parts.push('Shift');
  parts.push(KEY_NAMES[s.key] ?? (s.key.length === 1 ? s.key.toUpperCase() : s.key));
  return parts.join('+');
}
