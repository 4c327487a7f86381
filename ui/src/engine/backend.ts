// The one interface between the UI and the desktop shell. Views talk to a Backend, never to
// Tauri directly, so tests can use another implementation.
//
// A change (edit, undo, redo, new journey) names the view the UI shows and answers with all
// that view needs (a ViewUpdate: the outcome, the journey and its Scene or a patch of it), so
// there is one call per change and no follow-up calls.
import type {
  ApiError,
  Edit,
  ErrorCode,
  Insights,
  Lang,
  LanguagePref,
  NoteChoice,
  ScanReview,
  ExportDone,
  PrintPreview,
  PrintRequest,
  Report,
  Scene,
  JourneySummary,
  SnapshotInfo,
  StartInfo,
  SyncStatus,
  TemplateInfo,
  UiSettings,
  View,
  ViewUpdate,
  WorkshopReportRequest,
  WorkshopSteps,
} from '../generated/types';
import type { Comparison } from './compare';

export interface Backend {
  startInfo(): Promise<StartInfo>;
  /** Everything `view` shows, whole: when a view opens, or after an outside change. */
  show(view: View): Promise<ViewUpdate>;
  listTemplates(lang: Lang): Promise<TemplateInfo[]>;
  /** What the analysis says about journey `id` (peak-end, funnel, evidence, fix first…), with
   * the first `safari` items of the safari list (all when absent; `safari_total` counts them). */
  journeyInsights(id: string, safari?: number): Promise<Insights>;
  /** How far journey `id` is with the workshop's guided steps. */
  workshopSteps(id: string): Promise<WorkshopSteps>;
  /** A new journey from a template; an empty title means the template's name. */
  createJourney(template: string, lang: Lang, title: string, view: View): Promise<ViewUpdate>;
  applyEdit(edit: Edit, view: View): Promise<ViewUpdate>;
  /** Several edits as one undo step; later ones may refer to ids the earlier ones were given. */
  applyEdits(edits: Edit[], view: View): Promise<ViewUpdate>;
  undo(view: View): Promise<ViewUpdate>;
  redo(view: View): Promise<ViewUpdate>;
  setLanguage(language: LanguagePref): Promise<UiSettings>;
  /** The page and, for a poster, where its sheets fall. */
  printPreview(id: string, request: PrintRequest): Promise<PrintPreview>;
  /** What a print shop would refuse in the file `request` writes (in the app's language). */
  preflightPrint(id: string, request: PrintRequest): Promise<Report>;
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
  /** Lets the user pick photos of the wall (JPEG, PNG); their paths, or null when cancelled. */
  pickScanPhotos(): Promise<string[] | null>;
  /** Reads the photos of journey `journeyId`'s printed canvas: the notes found, for review. */
  scanPhotos(journeyId: string, paths: string[]): Promise<ScanReview>;
  /** The reviewed notes become cards, one undo step; answers like an edit. */
  scanAccept(journeyId: string, notes: NoteChoice[], view: View): Promise<ViewUpdate>;
  /** Forgets the scan under review. */
  scanCancel(): Promise<void>;
  /** The document's journeys (the editor's own view carries only its journey). */
  listJourneys(): Promise<JourneySummary[]>;
  /** Journey `a` against `b` (b − a), with the phases matched by hand. */
  compareJourneys(a: string, b: string): Promise<Comparison>;
  /** Version `snapshot` of journey `id` (as a) against the journey today (as b). */
  compareVersion(id: string, snapshot: string): Promise<Comparison>;
  /** Asks where to save and prints the comparison to PDF; null when cancelled. */
  exportComparison(a: string, b: string, request: PrintRequest): Promise<ExportDone | null>;
  /** Asks where to save and writes journey `id`'s workshop report as a PDF; null when cancelled. */
  exportWorkshopReport(id: string, request: WorkshopReportRequest): Promise<ExportDone | null>;
  /** The versions of a journey, oldest first. */
  listVersions(id: string): Promise<SnapshotInfo[]>;
  /** Takes a named version (not an edit: undo leaves it). */
  takeVersion(id: string, name: string): Promise<SnapshotInfo>;
  /** Restores a version as one undoable step; answers like an edit. */
  restoreVersion(id: string, snapshot: string, view: View): Promise<ViewUpdate>;
  /** Version `snapshot` laid out for the canvas (`null`: the screen's default), read-only. */
  versionScene(snapshot: string, request: PrintRequest | null): Promise<Scene>;
  /** Live sharing: whether the shared journeys are connected, waiting or synced. */
  syncStatus(): Promise<SyncStatus>;
  /** Sets the sync server (`ws://host:port`); empty means none: nothing leaves the machine. */
  setSyncServer(server: string): Promise<SyncStatus>;
  /** Shares journey `id` through the sync server; its link (`automerge:…`). */
  shareJourney(id: string): Promise<string>;
  /** Adds the journey a link names to the open document; its id. */
  joinJourney(link: string): Promise<string>;
  /** Merges a copy of this document that holds the same shared journeys (only read); null when cancelled. */
  mergeCopy(view: View): Promise<ViewUpdate | null>;
  /** The sync status changed. */
  onSyncStatus(cb: (s: SyncStatus) => void): Promise<() => void>;
  /** The document changed outside the UI (menu undo, another document opened). */
  onDocChanged(cb: () => void): Promise<() => void>;
  /** A menu action failed. */
  onError(cb: (e: ApiError) => void): Promise<() => void>;
  /** A menu item the UI handles ("settings"). */
  onMenu(cb: (action: string) => void): Promise<() => void>;
}

/** A failed call, with the core's error code (`klantreis::session::ErrorCode`). */
export class BackendError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'BackendError';
  }
}

/** Whatever a call threw, as a BackendError: the shell sends `{code, message}`. */
export function toBackendError(e: unknown): BackendError {
  if (e instanceof BackendError) return e;
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const { code, message } = e as ApiError;
    return new BackendError(code, String(message));
  }
  if (e instanceof Error) return new BackendError('internal', e.message);
  return new BackendError('internal', String(e));
}
