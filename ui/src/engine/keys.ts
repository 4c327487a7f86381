// The app's own keyboard shortcuts (undo, redo, a new journey), read from the actions list
// (actions.ts). Undo/Redo are handled here rather than as menu accelerators, because on GTK a
// menu accelerator would take Ctrl+Z away from text fields.
import { appActions, matches } from './actions';

export type Shortcut = 'undo' | 'redo' | 'new-journey';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The app shortcut a key press means, if any. */
export function shortcutOf(e: KeyLike): Shortcut | null {
  const a = appActions.find((x) => x.shortcuts.some((s) => matches(s, e)));
  return a ? (a.id as Shortcut) : null;
}

/** Text fields keep their own undo: app shortcuts do not fire while one has the focus. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string };
  if (el.isContentEditable) return true;
  const tag = (el.tagName ?? '').toLowerCase();
  if (tag === 'textarea') return true;
  if (tag === 'input') {
    const type = (el.type ?? 'text').toLowerCase();
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(type);
  }
  return false;
}
