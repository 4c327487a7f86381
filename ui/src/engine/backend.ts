// The one interface between the UI and the desktop shell. Views talk to a Backend, never to
// Tauri directly, so tests can use another implementation.
import type {
  ApiError,
  DocState,
  Edit,
  EditOutcome,
  JourneyDetail,
  JourneySummary,
  Lang,
  LanguagePref,
  ExportDone,
  PrintPreview,
  PrintRequest,
  Scene,
  StartInfo,
  TemplateInfo,
  UiSettings,
} from '../generated/types';

export interface Backend {
  startInfo(): Promise<StartInfo>;
  docState(): Promise<DocState>;
  listJourneys(): Promise<JourneySummary[]>;
  getJourney(id: string): Promise<JourneyDetail>;
  listTemplates(lang: Lang): Promise<TemplateInfo[]>;
  /** A new journey from a template; an empty title means the template's name. */
  createJourney(template: string, lang: Lang, title: string): Promise<EditOutcome>;
  applyEdit(edit: Edit): Promise<EditOutcome>;
  undo(): Promise<EditOutcome>;
  redo(): Promise<EditOutcome>;
  setLanguage(language: LanguagePref): Promise<UiSettings>;
  /** The journey laid out as it prints: what the canvas draws. */
  journeyScene(id: string, request: PrintRequest): Promise<Scene>;
  /** The page and, for a poster, where its sheets fall. */
  printPreview(id: string, request: PrintRequest): Promise<PrintPreview>;
  /** Asks where to save and exports in the background; null when cancelled. */
  exportJourney(id: string, request: PrintRequest): Promise<ExportDone | null>;
  /** Shows the last exported file's folder. */
  revealExport(): Promise<void>;
  /** Export progress, 0 … 1. */
  onExportProgress(cb: (fraction: number) => void): Promise<() => void>;
  /** A document image as a data: URL. */
  imageData(id: string): Promise<string | null>;
  /** Lets the user pick a photo and stores it in the document; its id, or null. */
  pickImage(): Promise<string | null>;
  /** The document changed outside the UI (menu undo, another document opened). */
  onDocChanged(cb: () => void): Promise<() => void>;
  /** A menu action failed. */
  onError(cb: (e: ApiError) => void): Promise<() => void>;
  /** A menu item the UI handles ("settings"). */
  onMenu(cb: (action: string) => void): Promise<() => void>;
}

/** A failed call, with the shell's stable error code. */
export class BackendError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = 'BackendError';
  }
}

/** Whatever a call threw, as a BackendError: the shell sends `{code, message}`. */
export function toBackendError(e: unknown): BackendError {
  if (e instanceof BackendError) return e;
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    return new BackendError(String(code), String(message));
  }
  if (e instanceof Error) return new BackendError('internal', e.message);
  return new BackendError('internal', String(e));
}
