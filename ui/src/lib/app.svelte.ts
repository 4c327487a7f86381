// The UI's state: what view is shown, the document, the journeys, and toasts. Views read it
// and call its methods; it talks to the Backend only.
import type { Backend } from '../engine/backend';
import { toBackendError } from '../engine/backend';
import { editLabel, t, type MessageKey, type Params } from '../engine/i18n';
import type {
  DocState,
  Edit,
  EditOutcome,
  JourneyDetail,
  JourneySummary,
  Lang,
  LanguagePref,
  UiSettings,
} from '../generated/types';

export type View = { kind: 'home' } | { kind: 'journey'; id: string };

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  /** An action button, e.g. Undo after a delete. */
  action?: { label: string; run: () => void };
}

export class AppState {
  lang: Lang = $state('en');
  settings: UiSettings | null = $state(null);
  doc: DocState | null = $state(null);
  journeys: JourneySummary[] = $state([]);
  view: View = $state({ kind: 'home' });
  detail: JourneyDetail | null = $state(null);
  toasts: Toast[] = $state([]);
  dialog: 'none' | 'new-journey' | 'settings' = $state('none');
  loaded = $state(false);
  private nextToast = 1;

  constructor(readonly backend: Backend) {}

  tr = (key: MessageKey, params?: Params): string => t(this.lang, key, params);

  async start(): Promise<void> {
    try {
      const info = await this.backend.startInfo();
      this.settings = info.settings;
      this.lang = info.settings.lang;
      this.doc = info.doc;
      if (info.notice) this.toast(`${this.tr('notice.reopen')} (${info.notice.message})`, 'error');
      await this.reload();
    } catch (e) {
      this.fail(e);
    }
    this.loaded = true;
    await this.backend.onDocChanged(() => void this.reload());
    await this.backend.onError((e) => this.toast(e.message, 'error'));
    await this.backend.onMenu((action) => {
      if (action === 'settings') this.dialog = 'settings';
    });
  }

  /** Reloads the document state, the list, and the open journey (which may be gone). */
  async reload(): Promise<void> {
    try {
      this.doc = await this.backend.docState();
      this.journeys = await this.backend.listJourneys();
      const view = this.view;
      if (view.kind === 'journey') {
        if (this.journeys.some((j) => j.id === view.id)) {
          this.detail = await this.backend.getJourney(view.id);
        } else {
          this.view = { kind: 'home' };
          this.detail = null;
        }
      }
    } catch (e) {
      this.fail(e);
    }
  }

  fail(e: unknown): void {
    this.toast(toBackendError(e).message, 'error');
  }

  toast(text: string, kind: Toast['kind'] = 'info', action?: Toast['action']): void {
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

  private async afterEdit(out: EditOutcome): Promise<void> {
    this.doc = out.doc;
    await this.reload();
  }

  async edit(edit: Edit): Promise<EditOutcome | null> {
    try {
      const out = await this.backend.applyEdit(edit);
      await this.afterEdit(out);
      return out;
    } catch (e) {
      this.fail(e);
      return null;
    }
  }

  async createJourney(template: string, lang: Lang, title: string): Promise<string | null> {
    try {
      const out = await this.backend.createJourney(template, lang, title);
      await this.afterEdit(out);
      return out.created[0] ?? null;
    } catch (e) {
      this.fail(e);
      return null;
    }
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
    try {
      const out = undo ? await this.backend.undo() : await this.backend.redo();
      await this.afterEdit(out);
      if (!out.changed) {
        this.toast(this.tr(undo ? 'nothing.undo' : 'nothing.redo'));
      } else {
        this.toast(this.tr(undo ? 'undone' : 'redone', { what: editLabel(this.lang, label) }));
      }
    } catch (e) {
      this.fail(e);
    }
  }

  async open(id: string): Promise<void> {
    try {
      this.detail = await this.backend.getJourney(id);
      this.view = { kind: 'journey', id };
    } catch (e) {
      this.fail(e);
    }
  }

  home(): void {
    this.view = { kind: 'home' };
    this.detail = null;
  }

  async setLanguage(pref: LanguagePref): Promise<void> {
    try {
      this.settings = await this.backend.setLanguage(pref);
      this.lang = this.settings.lang;
    } catch (e) {
      this.fail(e);
    }
  }
}
