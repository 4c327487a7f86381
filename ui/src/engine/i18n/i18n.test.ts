import { describe, expect, it } from 'vitest';
import { count, editLabel, laneKindLabel, messages, t, tables } from '.';

describe('i18n', () => {
  // The one parity test of every table (app, editor, comparison, scan, workshop).
  it('has every key in both languages, none empty, with the same placeholders', () => {
    const en = Object.keys(messages.en).sort();
    const nl = Object.keys(messages.nl).sort();
    expect(nl).toEqual(en);
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of en as (keyof typeof messages.en)[]) {
      expect(messages.en[key].trim(), `en ${key}`).not.toBe('');
      expect(messages.nl[key].trim(), `nl ${key}`).not.toBe('');
      expect(names(messages.nl[key]), key).toEqual(names(messages.en[key]));
    }
    for (const [name, table] of Object.entries(tables)) {
      expect(Object.keys(table.nl).sort(), name).toEqual(Object.keys(table.en).sort());
    }
  });

  it('keeps each key in one table, so no table hides another', () => {
    const all = Object.values(tables).flatMap((table) => Object.keys(table.en));
    expect(all.length).toBe(Object.keys(messages.en).length);
  });

  // The one je/jij test: Dutch copy addresses the user informally, never with "u" or "uw"
  // as a pronoun.
  it('addresses Dutch users informally (je/jij, never u or uw)', () => {
    for (const [k, v] of Object.entries(messages.nl)) {
      expect(/\b(u|uw)\b/i.test(v), `${k}: ${v}`).toBe(false);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'journey.copyTitle', { title: 'Onboarding' })).toBe('Onboarding (copy)');
    expect(t('nl', 'journey.copyTitle', {})).toBe('{title} (kopie)');
  });

  it('counts with singular forms', () => {
    expect(count('en', 'cards', 1)).toBe('1 card');
    expect(count('en', 'cards', 0)).toBe('0 cards');
    expect(count('nl', 'phases', 5)).toBe('5 fasen');
    expect(count('nl', 'lanes', 1)).toBe('1 baan');
  });

  it('names undo labels and falls back for unknown ones', () => {
    expect(editLabel('en', 'update_journey')).toBe('journey change');
    expect(editLabel('nl', 'move_cards')).toBe('kaarten verplaatsen');
    expect(editLabel('nl', 'not_an_edit')).toBe('laatste wijziging');
    expect(editLabel('en', null)).toBe('last change');
  });

  it('names every kind of lane, the service blueprint kinds included', () => {
    expect(laneKindLabel('en', 'support_processes')).toBe('Support processes');
    expect(laneKindLabel('nl', 'physical_evidence')).toBe('Fysiek bewijs');
    expect(laneKindLabel('nl', 'frontstage')).toBe('Frontstage');
  });
});
