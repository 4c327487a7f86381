// The UI state against a recorded fake backend: which edits it sends and what it tells the user.
import { describe, expect, it } from 'vitest';
import type { Backend } from '../engine/backend';
import { BackendError } from '../engine/backend';
import type { Card, DetailChange, DocState, Edit, EditOutcome, Item, JourneyDetail, JourneySummary, Scene, View, ViewUpdate } from '../generated/types';
import { AppState } from './app.svelte';

const doc: DocState = { path: '/tmp/x.klantreis', name: 'x', undo: null, redo: null, gone: false, read_only: null };

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

const outcome = (over: Partial<EditOutcome> = {}): EditOutcome => ({ changed: false, created: [], journeys: [], doc, ...over });
const update = (over: Partial<ViewUpdate> = {}): ViewUpdate => ({ outcome: outcome(), journeys: null, detail: null, scene: null, gone: false, ...over });

function fake() {
  const edits: Edit[] = [];
  const calls: string[] = [];
  let undoResult: ViewUpdate = update();
  let editResult: ((view: View) => ViewUpdate) | null = null;
  const backend: Backend = {
    startInfo: async () => ({
      doc,
      settings: { language: 'system', system_language: 'nl', lang: 'nl' },
      notice: null,
    }),
    show: async (view) => {
      calls.push(`show ${view.kind}`);
      if (view.kind === 'journey') throw new BackendError('not_found', 'no journey');
      return update({ journeys: [summary('j1', 'Onboarding')] });
    },
    listTemplates: async () => [],
    journeyInsights: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    workshopSteps: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    createJourney: async () => update({ outcome: outcome({ changed: true, created: ['j2'], journeys: ['j2'] }) }),
    applyEdit: async (edit, view) => {
      calls.push(`edit ${view.kind}`);
      edits.push(edit);
      return editResult ? editResult(view) : update({ outcome: outcome({ changed: true, doc: { ...doc, undo: 'x' } }) });
    },
    applyEdits: async (group, view) => {
      calls.push(`edits ${view.kind}`);
      edits.push(...group);
      return editResult ? editResult(view) : update({ outcome: outcome({ changed: true, doc: { ...doc, undo: 'x' } }) });
    },
    undo: async () => undoResult,
    redo: async () => undoResult,
    setLanguage: async (language) => ({ language, system_language: 'nl', lang: language === 'en' ? 'en' : 'nl' }),
    onDocChanged: async () => () => {},
    syncStatus: async () => ({ server: null, shared: 0, connected: false, waiting: 0, last_synced: null, error: null, refused: null }),
    setSyncServer: async (server) => ({ server: server || null, shared: 0, connected: false, waiting: 0, last_synced: null, error: null, refused: null }),
    shareJourney: async () => 'automerge:4NMNnkMhL8jXrdJ9jamS58PAVdXu',
    joinJourney: async () => 'j2',
    mergeCopy: async () => null,
    onSyncStatus: async () => () => {},
    onError: async () => () => {},
    onMenu: async () => () => {},
    printPreview: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    preflightPrint: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    exportJourney: async () => null,
    revealExport: async () => {},
    onExportProgress: async () => () => {},
    imageData: async () => null,
    pickImage: async () => null,
    pickScanPhotos: async () => null,
    scanPhotos: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    scanAccept: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    scanCancel: async () => {},
    listJourneys: async () => [],
    compareJourneys: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    compareVersion: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    exportComparison: async () => null,
    exportWorkshopReport: async () => null,
    listVersions: async () => [],
    takeVersion: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    versionScene: async () => {
      throw new BackendError('internal', 'not recorded');
    },
    restoreVersion: async (_id, _snapshot, view) => {
      calls.push(`restore ${view.kind}`);
      return update({ outcome: outcome({ changed: true, doc: { ...doc, undo: 'restore_snapshot' } }) });
    },
  };
  return {
    backend,
    edits,
    calls,
    setUndo: (r: ViewUpdate) => {
      undoResult = r;
    },
    onEdit: (f: (view: View) => ViewUpdate) => {
      editResult = f;
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

  it('asks for the first view without waiting for the start info', async () => {
    const f = fake();
    let release = (): void => {};
    const info = f.backend.startInfo;
    f.backend.startInfo = () => new Promise((resolve) => (release = () => resolve(info())));
    const app = new AppState(f.backend);
    const started = app.start();
    await Promise.resolve();
    expect(f.calls).toEqual(['show home']);
    expect(app.journeys).toEqual([]);
    release();
    await started;
    expect(app.journeys.map((j) => j.title)).toEqual(['Onboarding']);
  });

  it('says a failed start once', async () => {
    const f = fake();
    f.backend.startInfo = async () => {
      throw new BackendError('io', 'no document');
    };
    f.backend.show = async () => {
      throw new BackendError('io', 'no document');
    };
    const app = new AppState(f.backend);
    await app.start();
    expect(app.toasts.map((t) => t.text)).toEqual(['no document']);
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

  it('opens a new journey on its canvas', async () => {
    const f = fake();
    const show = f.backend.show;
    f.backend.show = async (view) => {
      if (view.kind === 'journey' && view.id === 'j2') {
        f.calls.push('show journey j2');
        return update();
      }
      return show(view);
    };
    const app = new AppState(f.backend);
    await app.start();
    expect(await app.createJourney('canvas', 'nl', 'Fietsenwinkel')).toBe('j2');
    expect(f.calls.at(-1)).toBe('show journey j2');
    expect(app.view).toEqual({ kind: 'journey', id: 'j2', request: null });
  });

  it('restores a version as a change of the view it names, so undo takes it back', async () => {
    const f = fake();
    const app = new AppState(f.backend);
    await app.start();
    const out = await app.restoreVersion('j1', 's1');
    expect(f.calls.at(-1)).toBe('restore home');
    expect(out?.changed).toBe(true);
    expect(app.doc?.undo).toBe('restore_snapshot');
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

  it('keeps the sync status, and joins a link trimmed, saying why when that fails', async () => {
    const f = fake();
    const links: string[] = [];
    f.backend.joinJourney = async (link) => {
      links.push(link);
      throw new BackendError('io', 'could not reach the sync server ws://x within 10 s');
    };
    const app = new AppState(f.backend);
    await app.start();
    expect(app.sync?.server).toBeNull();
    expect(await app.setSyncServer('ws://127.0.0.1:3030')).toBe(true);
    expect(app.sync?.server).toBe('ws://127.0.0.1:3030');
    expect(await app.joinJourney('  automerge:4NMNnkMhL8jXrdJ9jamS58PAVdXu \n')).toBe(false);
    expect(links).toEqual(['automerge:4NMNnkMhL8jXrdJ9jamS58PAVdXu']);
    expect(app.toasts.at(-1)).toMatchObject({ kind: 'error', text: 'could not reach the sync server ws://x within 10 s' });
  });

  it('says a refused certificate in the user\'s language, once, also when a join is refused', async () => {
    const f = fake();
    const server = 'wss://sync.example.org';
    const refused = { server: null as string | null, shared: 1, connected: false, waiting: 1, last_synced: null, error: 'the sync server wss://sync.example.org/ was refused, nothing was sent: its certificate has expired', refused: { server, reason: 'expired' as const } };
    let push: (s: typeof refused) => void = () => {};
    f.backend.onSyncStatus = async (cb) => {
      push = cb;
      return () => {};
    };
    f.backend.setLanguage = async (language) => ({ language, system_language: 'en', lang: 'nl' });
    const app = new AppState(f.backend);
    await app.start();
    await app.setLanguage('nl');
    push({ ...refused, server });
    push({ ...refused, server, waiting: 2 });
    const said = app.toasts.filter((t) => t.kind === 'error').map((t) => t.text);
    expect(said).toEqual(['De synchronisatieserver wss://sync.example.org is geweigerd, er is niets verstuurd: het certificaat is verlopen. Vraag de beheerder van de server om het te vernieuwen.']);
    // A join refused for another reason: the status (read after the failure) says which.
    f.backend.syncStatus = async () => ({ ...refused, server, refused: { server, reason: 'unknown_authority' } });
    f.backend.joinJourney = async () => {
      throw new BackendError('io', 'the sync server wss://sync.example.org/ was refused, nothing was sent: its certificate is not signed by an authority this computer trusts');
    };
    expect(await app.joinJourney('automerge:4NMNnkMhL8jXrdJ9jamS58PAVdXu')).toBe(false);
    expect(app.toasts.at(-1)?.text).toMatch(/^De synchronisatieserver wss:\/\/sync\.example\.org is geweigerd.*niet ondertekend door een instantie die deze computer vertrouwt/);
    expect(app.toasts.filter((t) => t.text.startsWith('the sync server'))).toEqual([]);
  });

  it('switches language through the shell', async () => {
    const f = fake();
    const app = new AppState(f.backend);
    await app.start();
    await app.setLanguage('en');
    expect(app.lang).toBe('en');
    expect(app.tr('home.title')).toBe('Customer journeys');
  });

  it('takes the journey and its Scene from the answer to an edit, with no further calls', async () => {
    const f = fake();
    const app = new AppState(f.backend);
    await app.start();
    // Opening a journey is one call; here the fake shows it from an edit's answer instead.
    app.view = { kind: 'journey', id: 'j1', request: null };
    const card = (id: string, text: string) => ({ id, text }) as unknown as Card;
    const detail = { journey: { id: 'j1', phases: [], lanes: [], cards: [card('c1', 'a'), card('c2', 'b')] }, personas: [], others: [] } as unknown as JourneyDetail;
    const scene: Scene = {
      width: 100,
      height: 50,
      content: { x: 0, y: 0, w: 100, h: 50 },
      scale: 1,
      items: [],
      regions: [],
      groups: [{ key: 'band:title', at: { x: 1, y: 1 }, bounds: { x: 0, y: 0, w: 1, h: 1 }, items: [{ type: 'rect', rect: { x: 0, y: 0, w: 1, h: 1 }, radius: 0, fill: null, stroke: null, target: null }] }],
      min_text_pt: 10,
      warnings: [],
    };
    f.onEdit(() => update({ detail: { kind: 'full', rev: 6, detail }, scene: { kind: 'full', rev: 7, scene, layout_us: 900 } }));
    f.calls.length = 0;
    await app.edit({ op: 'update_journey', id: 'j1', patch: { title: 'x' } });
    expect(f.calls).toEqual(['edit journey']);
    expect(app.detail).toBe(detail);
    // The canvas draws the groups flat, at page millimetres.
    expect(app.scene?.items).toEqual([{ type: 'rect', rect: { x: 1, y: 1, w: 1, h: 1 }, radius: 0, fill: null, stroke: null, target: null }]);
    expect(app.sceneStep).toBeNull();

    // The next answer changes the Scene this UI holds, by key: the group moved.
    const moved: Item = { type: 'rect', rect: { x: 9, y: 9, w: 1, h: 1 }, radius: 0, fill: null, stroke: null, target: null };
    const patch = { ...scene, upsert: [], remove: [], place: [{ key: 'band:title', at: { x: 9, y: 9 } }] };
    const before = app.scene;
    f.onEdit(() => update({ scene: { kind: 'patch', rev: 8, base: 7, patch, layout_us: 900 } }));
    await app.edit({ op: 'update_journey', id: 'j1', patch: { title: 'y' } });
    expect(app.scene?.items).toEqual([moved]);
    expect(app.sceneStep?.base).toBe(before);
    expect(app.sceneStep?.scene).toBe(app.scene);
    expect(f.calls).toEqual(['edit journey', 'edit journey']);

    // A detail change carries the changed card only; the UI puts it in by id.
    const none = { upsert: [], remove: [] };
    const detailPatch = { phases: none, lanes: none, cards: { upsert: [card('c2', 'B')], remove: [] } } as unknown as DetailChange;
    f.onEdit(() => update({ detail: { kind: 'patch', rev: 9, base: 6, patch: detailPatch } }));
    await app.edit({ op: 'update_card', id: 'c2', patch: { text: 'B' } });
    expect(app.detail?.journey.cards.map((c) => c.text)).toEqual(['a', 'B']);
    expect(app.detail?.journey.id).toBe('j1');
    f.calls.length = 2;

    // A patch of a Scene it does not hold makes it ask for the view anew; the journey is gone
    // there (not_found), so it goes home.
    f.onEdit(() => update({ scene: { kind: 'patch', rev: 10, base: 9, patch, layout_us: 900 } }));
    await app.edit({ op: 'update_journey', id: 'j1', patch: { title: 'z' } });
    await new Promise((r) => setTimeout(r, 0));
    expect(f.calls.slice(2)).toEqual(['edit journey', 'show journey', 'show home']);
    expect(app.view.kind).toBe('home');
    expect(app.scene).toBeNull();
  });

  it('leaves the journey when an edit says it is gone', async () => {
    const f = fake();
    const app = new AppState(f.backend);
    await app.start();
    app.view = { kind: 'journey', id: 'j1', request: null };
    f.onEdit(() => update({ gone: true, journeys: [] }));
    await app.edit({ op: 'delete_journey', id: 'j1' });
    expect(app.view.kind).toBe('home');
    expect(app.journeys).toEqual([]);
  });
});
