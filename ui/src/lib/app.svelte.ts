// The UI's state: what view is shown, the document, the journeys, the open journey with its
// Scene, and toasts. Views read it and call its methods; it talks to the Backend only.
//
// Every change names the view it is made in and gets back, in the same answer, what that view
// needs (the list, or the journey and its Scene or a patch of it): one call per change.
import { flushSync } from 'svelte';
import type { Backend } from '../engine/backend';
import { toBackendError } from '../engine/backend';
import { editLabel, t, type MessageKey, type Params } from '../engine/i18n';
import { changed, changedDetail, keyed, type Keyed, type SceneStep } from '../engine/scene-patch';
import { rememberJourney, rememberedJourney } from '../engine/place';
import { changeSubject } from '../engine/history';
import type {
  DocState,
  Edit,
  EditOutcome,
  NoteChoice,
  JourneyDetail,
  JourneySummary,
  Lang,
  LanguagePref,
  Scene,
  SceneUpdate,
  SyncRefusal,
  SyncStatus,
  UiSettings,
  View,
  ViewUpdate,
} from '../generated/types';

export type { View };

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  /** An action button, e.g. Undo after a delete. */
  action?: { label: string; run: () => void };
}

/** Hooks the benchmark (e2e/examples/drag_bench.rs) installs on `window` (`globalThis`) to read figures. */
interface BenchHooks {
  /** Bytes of each change's answer over IPC. */
  __kIpcBytes?: number[];
  /** How long each layout took in the core, in ms. */
  __kLayoutMs?: number[];
  /** Each change's round trip: from asking the core to holding its answer, parsed, in ms. */
  __kRoundTripMs?: number[];
  /** Taking the answer in: patching the held Scene and detail, in ms. */
  __kTakeMs?: number[];
  /** Updating the views after that (derived values, the DOM), until Svelte settles, in ms. */
  __kUpdateMs?: number[];
  /** What each change's Scene answer was: `full`, or a patch's whole items, moves and bytes of
   * the items that went whole (what explains a slow drop). */
  __kAnswers?: string[];
}

export class AppState {
  lang: Lang = $state('en');
  settings: UiSettings | null = $state(null);
  doc: DocState | null = $state(null);
  journeys: JourneySummary[] = $state.raw([]);
  view: View = $state({ kind: 'home' });
  // Raw: a journey or Scene is replaced whole, never changed in place, and a 5,000-card map
  // behind deep proxies makes every read of it slow.
  detail: JourneyDetail | null = $state.raw(null);
  /** The revision of `detail`, the base the next detail change must name. */
  private detailRev = 0;
  /** The open journey laid out as it prints, drawn flat from `held`: what the canvas draws. */
  scene: Scene | null = $state.raw(null);
  /** How `scene` was made from the one before it by the last change (null: shown anew). */
  sceneStep: SceneStep | null = $state.raw(null);
  /** The open journey's Scene by key, as the core sent it: the base of the next change. */
  private held: Keyed | null = null;
  toasts: Toast[] = $state([]);
  /** What the one polite live region says (lib/Announcer.svelte): what just happened. */
  announcement = $state('');
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  dialog: 'none' | 'new-journey' | 'settings' | 'join' | 'share' = $state('none');
  /** Live sharing's state (the editor's status), from the shell. */
  sync: SyncStatus | null = $state(null);
  loaded = $state(false);
  private nextToast = 1;
  /** The revision of `held`, which a change names as its base. */
  private sceneRev = 0;

  constructor(readonly backend: Backend) {}

  tr = (key: MessageKey, params?: Params): string => t(this.lang, key, params);

  async start(): Promise<void> {
    // After a reload of the page (its process died), back on the journey that was open.
    const id = rememberedJourney();
    if (id) this.view = { kind: 'journey', id, request: null };
    // The view is known before the start info: both are asked at once (and before the app
    // mounts, main.ts), so the first view's data is one round trip earlier on a cold start.
    const view = $state.snapshot(this.view);
    const shown = this.backend.show(view);
    // Its failure is handled below, after the start info's (which says it first).
    shown.catch(() => undefined);
    let started = false;
    try {
      const info = await this.backend.startInfo();
      this.settings = info.settings;
      this.lang = info.settings.lang;
      this.doc = info.doc;
      if (info.notice) this.toast(`${this.tr('notice.reopen')} (${info.notice.message})`, 'error');
      started = true;
    } catch (e) {
      this.fail(e);
    }
    if (started) await this.showing(shown, view);
    this.loaded = true;
    await this.backend.onDocChanged(() => void this.reload());
    try {
      this.sync = await this.backend.syncStatus();
    } catch (e) {
      this.fail(e);
    }
    await this.backend.onSyncStatus((s) => this.takeSync(s));
    await this.backend.onError((e) => this.toast(e.message, 'error'));
    await this.backend.onMenu((action) => {
      if (action === 'settings') this.dialog = 'settings';
    });
  }

  /** Shows the current view anew, whole (after a change the UI did not make). An open journey
   * that is gone sends the UI home. */
  async reload(): Promise<void> {
    const view = $state.snapshot(this.view);
    await this.showing(this.backend.show(view), view);
  }

  /** Takes in the answer to `show(view)`. */
  private async showing(answer: Promise<ViewUpdate>, view: View): Promise<void> {
    try {
      this.take(await answer, view);
    } catch (e) {
      if (this.view.kind === 'journey' && toBackendError(e).code === 'not_found') await this.home();
      else this.fail(e);
    }
  }

  /** Takes in what a change or `show` answered for view `asked`; what it says of a view
   * the user has left since is dropped. */
  private take(up: ViewUpdate, asked: View): void {
    this.doc = up.outcome.doc;
    const here = this.view;
    if (asked.kind !== here.kind || (asked.kind === 'journey' && here.kind === 'journey' && asked.id !== here.id)) return;
    if (up.journeys) this.journeys = up.journeys;
    if (up.gone) {
      this.view = { kind: 'home' };
      rememberJourney(null);
      this.detail = null;
      this.scene = null;
      this.sceneStep = null;
      this.held = null;
      return;
    }
    const d = up.detail;
    if (d?.kind === 'full') {
      this.detail = d.detail;
      this.detailRev = d.rev;
    } else if (d && this.detail && d.base === this.detailRev) {
      this.detail = changedDetail(this.detail, d.patch);
      this.detailRev = d.rev;
    } else if (d) {
      // Answers crossed, as for the Scene below.
      void this.reload();
      return;
    }
    const s = up.scene;
    if (!s) return;
    const hooks = globalThis as unknown as BenchHooks;
    hooks.__kLayoutMs?.push(s.layout_us / 1000);
    if (hooks.__kAnswers) hooks.__kAnswers.push(answerOf(s));
    if (s.kind === 'full') {
      this.held = keyed(s.scene);
      this.sceneStep = null;
      this.scene = this.held.scene;
      this.sceneRev = s.rev;
    } else if (this.held && this.scene && s.base === this.sceneRev) {
      const next = changed(this.held, s.patch);
      this.held = next.keyed;
      this.sceneStep = next.step;
      this.scene = next.keyed.scene;
      this.sceneRev = s.rev;
    } else {
      // Answers crossed (two changes in flight): the patch is of a Scene this UI never held.
      void this.reload();
    }
  }

  fail(e: unknown): void {
    const err = toBackendError(e);
    // Where the user can act on the cause, say it in their language; the core's own words
    // (English, naming the detail) stay for everything else.
    const text =
      err.code === 'disk_full'
        ? this.tr('error.diskFull')
        : err.code === 'read_only'
          ? this.tr('error.readOnly')
          : err.message;
    this.toast(text, 'error');
  }

  /** A change that failed: say why, and when the UI's copy was stale (an edit of something
   * that is gone, an undo that no longer fits), show the document as it is. */
  private failChange(e: unknown): void {
    this.fail(e);
    const code = toBackendError(e).code;
    if (code === 'invalid_edit' || code === 'conflict') void this.reload();
  }

  /** Says `text` in the live region. It is emptied first and filled a moment later, so the
   * same words said twice (two moves to the same cell) are read twice. */
  announce(text: string): void {
    clearTimeout(this.announceTimer);
    this.announcement = '';
    this.announceTimer = setTimeout(() => (this.announcement = text), 50);
  }

  toast(text: string, kind: Toast['kind'] = 'info', action?: Toast['action']): void {
    // The toast is seen; the live region says it (the toasts themselves are not live).
    this.announce(text);
    const id = this.nextToast++;
    // A new message replaces older informational ones (a stack of "Undone" is noise); errors
    // stay until they time out or are dismissed.
    const kept = this.toasts.filter((t) => t.kind === 'error').slice(-2);
    this.toasts = [...kept, { id, text, kind, action }];
    setTimeout(() => this.dismiss(id), kind === 'error' ? 9000 : 6000);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** Runs one change and takes in its answer; its outcome, or null when it failed. */
  private async change(run: (view: View) => Promise<ViewUpdate>): Promise<EditOutcome | null> {
    const view = $state.snapshot(this.view);
    try {
      const asked = performance.now();
      const up = await run(view);
      const hooks = globalThis as unknown as BenchHooks;
      hooks.__kRoundTripMs?.push(performance.now() - asked);
      hooks.__kIpcBytes?.push(JSON.stringify(up).length);
      const got = performance.now();
      this.take(up, view);
      if (hooks.__kTakeMs) {
        const taken = performance.now();
        hooks.__kTakeMs.push(taken - got);
        flushSync();
        hooks.__kUpdateMs?.push(performance.now() - taken);
      }
      return up.outcome;
    } catch (e) {
      this.failChange(e);
      return null;
    }
  }

  edit(edit: Edit): Promise<EditOutcome | null> {
    return this.change((view) => this.backend.applyEdit(edit, view));
  }

  /** Several edits as one undo step. */
  editGroup(edits: Edit[]): Promise<EditOutcome | null> {
    return this.change((view) => this.backend.applyEdits(edits, view));
  }

  /** The reviewed notes of a wall photo become cards: one undoable step, taken in like an edit. */
  acceptScan(journeyId: string, notes: NoteChoice[]): Promise<EditOutcome | null> {
    return this.change((view) => this.backend.scanAccept(journeyId, notes, view));
  }

  /** Restores a version of journey `id`: one undoable step, taken in like an edit. */
  restoreVersion(id: string, snapshot: string): Promise<EditOutcome | null> {
    return this.change((view) => this.backend.restoreVersion(id, snapshot, view));
  }

  /** Creates a journey from a template and opens it on its canvas: the user made it to map
   * it, so the next thing is typing its first cards. */
  async createJourney(template: string, lang: Lang, title: string): Promise<string | null> {
    const out = await this.change((view) => this.backend.createJourney(template, lang, title, view));
    const id = out?.created[0] ?? null;
    if (id) await this.open(id);
    return id;
  }

  rename(id: string, title: string): Promise<EditOutcome | null> {
    return this.edit({ op: 'update_journey', id, patch: { title } });
  }

  duplicate(j: JourneySummary): Promise<EditOutcome | null> {
    const title = this.tr('journey.copyTitle', { title: j.title });
    return this.edit({ op: 'duplicate_journey', id: j.id, title, new_id: null });
  }

  async remove(j: JourneySummary): Promise<void> {
    const out = await this.edit({ op: 'delete_journey', id: j.id });
    if (out?.changed) {
      this.toast(this.tr('journey.deleted', { title: j.title }), 'info', {
        label: this.tr('undo'),
        run: () => void this.undo(),
      });
    }
  }

  async undo(): Promise<void> {
    await this.step(true);
  }

  async redo(): Promise<void> {
    await this.step(false);
  }

  private async step(undo: boolean): Promise<void> {
    const label = undo ? this.doc?.undo : this.doc?.redo;
    const before = this.detail?.journey;
    const out = await this.change((view) => (undo ? this.backend.undo(view) : this.backend.redo(view)));
    if (!out) return;
    if (!out.changed) {
      this.toast(this.tr(undo ? 'nothing.undo' : 'nothing.redo'));
      return;
    }
    // Which card (or phase, lane) went back: the open journey before and after the step.
    const what = editLabel(this.lang, label);
    const subject = changeSubject(before, this.detail?.journey);
    const named = !subject ? what : this.tr(subject.more ? 'undone.namedMore' : 'undone.named', { what, name: subject.name, n: subject.more });
    this.toast(this.tr(undo ? 'undone' : 'redone', { what: named }));
  }

  async open(id: string): Promise<void> {
    const view: View = { kind: 'journey', id, request: null };
    try {
      const up = await this.backend.show(view);
      this.view = view;
      rememberJourney(id);
      this.take(up, view);
    } catch (e) {
      this.fail(e);
    }
  }

  /** Back to the list of journeys, as it is now. */
  async home(): Promise<void> {
    this.view = { kind: 'home' };
    rememberJourney(null);
    this.detail = null;
    this.scene = null;
    this.sceneStep = null;
    this.held = null;
    await this.reload();
  }

  async setLanguage(pref: LanguagePref): Promise<void> {
    try {
      this.settings = await this.backend.setLanguage(pref);
      this.lang = this.settings.lang;
    } catch (e) {
      this.fail(e);
    }
  }

  /** Sets the sync server; true when it was taken. */
  async setSyncServer(server: string): Promise<boolean> {
    try {
      this.sync = await this.backend.setSyncServer(server);
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  /** Shares journey `id` through the sync server: its link, or null when that failed. */
  async shareJourney(id: string): Promise<string | null> {
    try {
      return await this.backend.shareJourney(id);
    } catch (e) {
      this.fail(e);
      return null;
    }
  }

  /** Joins the journey `link` names and opens it; false when that failed. */
  async joinJourney(link: string): Promise<boolean> {
    try {
      const id = await this.backend.joinJourney(link.trim());
      await this.open(id);
      return true;
    } catch (e) {
      // A server refused for its certificate is in the status (put there before the answer
      // came back), which says it in the user's language; anything else in the core's words.
      let refused = false;
      try {
        const s = await this.backend.syncStatus();
        refused = s.refused !== null;
        if (refused) this.takeSync(s);
      } catch {
        // The status could not be read: the core's own words below still say why.
      }
      if (!refused) this.fail(e);
      return false;
    }
  }

  /** Takes in a new sync status. A new problem is said once (a server out of reach, data
   * refused, a certificate refused); the badge keeps it. */
  takeSync(s: SyncStatus): void {
    const old = this.sync;
    if (s.refused) {
      const same = old?.refused?.server === s.refused.server && old.refused.reason === s.refused.reason;
      if (!same) this.toast(this.refusalText(s.refused), 'error');
    } else if (s.error && s.error !== old?.error) {
      this.toast(s.error, 'error');
    }
    this.sync = s;
  }

  /** Why a server's secure connection was refused, in the user's language. */
  refusalText(r: SyncRefusal): string {
    const reason = this.tr(`sync.refused.${r.reason}` satisfies MessageKey);
    return this.tr('sync.refused', { server: r.server, reason });
  }

  /** Merges a copy of this document picked in a file dialog. */
  async mergeCopy(): Promise<void> {
    const view = $state.snapshot(this.view);
    try {
      const up = await this.backend.mergeCopy(view);
      if (!up) return;
      this.take(up, view);
      this.toast(this.tr('share.merged'));
    } catch (e) {
      this.fail(e);
    }
  }
}

/** One Scene answer in a few words, for the bench: `full N groups`, or a change's upserted
 * groups (with the bytes of their JSON), placements and removals; and the page-fit scale. */
function answerOf(s: SceneUpdate): string {
  if (s.kind === 'full') return `full ${s.scene.groups?.length ?? 0} groups, ${s.scene.items.length} loose items at scale ${s.scene.scale}`;
  const p = s.patch;
  const bytes = JSON.stringify(p.upsert).length;
  return `change ${p.upsert.length} groups (${bytes} B), ${p.place.length} placed, ${p.remove.length} removed at scale ${p.scale}`;
}
