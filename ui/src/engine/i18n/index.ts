// The UI's one word store: every table (the app's own, the editor's, the comparison's, the
// scan's, the workshop's, the keyboard map's) behind one `t()`. Dutch addresses the user with je/jij; every key
// exists in both languages with the same `{name}` placeholders (`i18n.test.ts` checks all of
// them at once). A new feature adds its keys to the table it belongs to, or a new table here.
import type { LaneKind, Lang, StepId } from '../../generated/types';
import { a11y } from './a11y';
import { app } from './app';
import { compare } from './compare';
import { editor } from './editor';
import { scan } from './scan';
import { workshop } from './workshop';

const en = { ...app.en, ...editor.en, ...compare.en, ...scan.en, ...workshop.en, ...a11y.en };
const nl = { ...app.nl, ...editor.nl, ...compare.nl, ...scan.nl, ...workshop.nl, ...a11y.nl };

export type MessageKey = keyof typeof en;
export const messages: Record<Lang, Record<MessageKey, string>> = { en, nl };
/** The tables by name, for the test that no key is in two of them. */
export const tables = { app, editor, compare, scan, workshop, a11y };

export type Params = Record<string, string | number>;

/** The message `key` in `lang` with its `{name}` placeholders filled. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  const text = messages[lang][key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

/** A count with the singular form for one ("1 phase", "3 phases"). */
export function count(lang: Lang, what: 'phases' | 'lanes' | 'cards', n: number): string {
  return n === 1 ? t(lang, `counts.${what}.one`) : t(lang, `counts.${what}`, { n });
}

/** Words for an undo-history label (`Edit::label` in the core). */
export function editLabel(lang: Lang, label: string | null | undefined): string {
  const key = `edit.${label ?? ''}`;
  return key in messages[lang] ? t(lang, key as MessageKey) : t(lang, 'edit.other');
}

/** The name of a kind of lane (the core's `LaneKind`), e.g. for a lane's kind picker. */
export function laneKindLabel(lang: Lang, kind: LaneKind): string {
  return t(lang, `laneKind.${kind}`);
}

/** A workshop step's name. */
export const stepName = (lang: Lang, s: StepId) => t(lang, `ws.step.${s}`);
