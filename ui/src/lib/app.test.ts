// The UI state against a recorded fake backend: which edits it sends and what it tells the user.
import { describe, expect, it } from 'vitest';
import type { Backend } from '../engine/backend';
import { BackendError } from '../engine/backend';
import type { DocState, Edit, EditOutcome, JourneySummary } from '../generated/types';
import { AppState } from './app.svelte';

const doc: DocState = { path: '/tmp/x.klantreis', name: 'x', undo: null, redo: null };

function summary(id: string, title: string): JourneySummary {
  return {
    id,
    title,
    goal: '',
    personas: [],
    state: 'as_is',
    language: 'en',
    template: null,
    phases: 5,
    lanes: 4,
    cards: 0,
    version: 1,
    updated: '2026-11-23T10:00:00Z',
  };
}

function fake() {
  const edits: Edit[] = [];
  let undoResult: EditOutcome = { changed: false, created: [], journeys: [], doc };
  const backend: Backend = {
    startInfo: async () => ({
      doc,
      settings: { language: 'system', system_language: 'nl', lang: 'nl' },
      notice: null,
    }),
    docState: async () => doc,
    listJourneys: async () => [summary('j1', 'Onboarding')],
    getJourney: async () => {
      throw new BackendError('invalid_edit', 'no journey');
    },
    listTemplates: async () => [],
    createJourney: async () => ({ changed: true, created: ['j2'], journeys: ['j2'], doc }),
    applyEdit: async (edit) => {
      edits.push(edit);
      return { changed: true, created: [], journeys: [], doc: { ...doc, undo: 'x' } };
    },
    undo: async () => undoResult,
    redo: async () => undoResult,
    setLanguage: async (language) => ({ language, system_language: 'nl', lang: language === 'en' ? 'en' : 'nl' }),
    onDocChanged: async () => () => {},
    onError: async () => () => {},
    onMenu: async () => () => {},
    journeyScene: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    printPreview: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    exportJourney: async () => null,
    revealExport: async () => {},
    onExportProgress: async () => () => {},
    imageData: async () => null,
    pickImage: async () => null,
  };
  return {
    backend,
    edits,
    setUndo: (r: EditOutcome) => {
      undoResult = r;
    },
  };
}

describe('AppState', () => {
  it('starts in the language the shell resolved and lists the journeys', async () => {
    const f = fake();
    const app = new AppState(f.backend);
    await app.start();
    expect(app.lang).toBe('nl');
    expect(app.journeys.map((j) => j.title)).toEqual(['Onboarding']);
    expect(app.loaded).toBe(true);
  });

  it('sends rename, duplicate and delete as core edits', async () => {
    const f = fake();
    const app = new AppState(f.backend);
    await app.start();
    const j = summary('j1', 'Onboarding');
    await app.rename('j1', 'Welkom');
    await app.duplicate(j);
    await app.remove(j);
    expect(f.edits).toEqual([
      { op: 'update_journey', id: 'j1', patch: { title: 'Welkom' } },
      { op: 'duplicate_journey', id: 'j1', title: 'Onboarding (kopie)', new_id: null },
      { op: 'delete_journey', id: 'j1' },
    ]);
    const last = app.toasts.at(-1);
    expect(last?.text).toBe('‘Onboarding’ verwijderd');
    expect(last?.action?.label).toBe('Ongedaan maken');
  });

  it('says so when there is nothing to undo, and shows backend errors', async () => {
    const f = fake();
    const app = new AppState(f.backend);
    await app.start();
    await app.undo();
    expect(app.toasts.at(-1)?.text).toBe('Er is niets om ongedaan te maken');
    await app.open('missing');
    expect(app.toasts.at(-1)).toMatchObject({ kind: 'error', text: 'no journey' });
    expect(app.view.kind).toBe('home');
  });

  it('switches language through the shell', async () => {
    const f = fake();
    const app = new AppState(f.backend);
    await app.start();
    await app.setLanguage('en');
    expect(app.lang).toBe('en');
    expect(app.tr('home.title')).toBe('Customer journeys');
  });
});
