// Dates as people say them ("5 min ago", "gisteren"), and numbers as the map prints them, in
// the UI language.
import type { Lang } from '../generated/types';
import { t } from './i18n';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** How long ago `iso` was, relative to `now`; older than a week gives the date. */
export function relativeTime(lang: Lang, iso: string, now: Date): string {
  const then = new Date(iso);
  const ms = now.getTime() - then.getTime();
  if (Number.isNaN(ms)) return '';
  if (ms < MIN) return t(lang, 'time.now');
  if (ms < HOUR) return t(lang, 'time.minutes', { n: Math.floor(ms / MIN) });
  if (ms < DAY) return t(lang, 'time.hours', { n: Math.floor(ms / HOUR) });
  if (ms < 2 * DAY) return t(lang, 'time.yesterday');
  if (ms < 7 * DAY) return t(lang, 'time.days', { n: Math.floor(ms / DAY) });
  return then.toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: then.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  });
}

/** A number in `lang`'s way (a decimal comma in Dutch), negative ones with the minus sign
 * U+2212 as the map and the PDF print it: the locale's own "-" is a hyphen, shorter and
 * lower than the "+" of positive emotions beside it. */
export function decimal(lang: Lang, x: number, digits = 1): string {
  const text = Math.abs(x).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits });
  return x < 0 && text !== '0' ? `−${text}` : text;
}
