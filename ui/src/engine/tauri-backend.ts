// The Backend over Tauri's IPC. Command names are the generated `Command` type (from
// src-tauri/src/command_list.rs); argument names match the command functions. A test in
// src-tauri/src/bindings.rs checks that this file calls every command.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { ApiError, Command, SyncStatus } from '../generated/types';
import { toBackendError, type Backend } from './backend';

async function call<T>(cmd: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toBackendError(e);
  }
}

export const tauriBackend: Backend = {
  startInfo: () => call('start_info'),
  show: (view) => call('show', { view }),
  listTemplates: (lang) => call('list_templates', { lang }),
  journeyInsights: (id, safari) => call('journey_insights', { id, safari: safari ?? null }),
  workshopSteps: (id) => call('workshop_steps', { id }),
  createJourney: (template, lang, title, view) => call('create_journey', { template, lang, title, view }),
  applyEdit: (edit, view) => call('apply_edit', { edit, view }),
  applyEdits: (edits, view) => call('apply_edits', { edits, view }),
  undo: (view) => call('undo', { view }),
  redo: (view) => call('redo', { view }),
  setLanguage: (language) => call('set_language', { language }),
  printPreview: (id, request) => call('print_preview', { id, request }),
  preflightPrint: (id, request) => call('preflight_print', { id, request }),
  exportJourney: (id, request) => call('export_journey', { id, request }),
  revealExport: () => call('reveal_export'),
  onExportProgress: (cb) => listen<{ fraction: number }>('export-progress', (e) => cb(e.payload.fraction)),
  imageData: (id) => call('image_data', { id }),
  pickImage: () => call('pick_image'),
  pickScanPhotos: () => call('pick_scan_photos'),
  scanPhotos: (journeyId, paths) => call('scan_photos', { journeyId, paths }),
  scanAccept: (journeyId, notes, view) => call('scan_accept', { journeyId, notes, view }),
  scanCancel: () => call('scan_cancel'),
  listJourneys: () => call('list_journeys'),
  compareJourneys: (a, b) => call('compare_journeys', { a, b }),
  compareVersion: (id, snapshot) => call('compare_version', { id, snapshot }),
  exportComparison: (a, b, request) => call('export_comparison', { a, b, request }),
  exportWorkshopReport: (id, request) => call('export_workshop_report', { id, request }),
  listVersions: (id) => call('list_versions', { id }),
  takeVersion: (id, name) => call('take_version', { id, name }),
  restoreVersion: (id, snapshot, view) => call('restore_version', { id, snapshot, view }),
  versionScene: (snapshot, request) => call('version_scene', { snapshot, request }),
  syncStatus: () => call('sync_status'),
  setSyncServer: (server) => call('set_sync_server', { server }),
  shareJourney: (id) => call('share_journey', { id }),
  joinJourney: (link) => call('join_journey', { link }),
  mergeCopy: (view) => call('merge_copy', { view }),
  onSyncStatus: (cb) => listen<SyncStatus>('sync-status', (e) => cb(e.payload)),
  onDocChanged: (cb) => listen('doc-changed', () => cb()),
  onError: (cb) => listen<ApiError>('app-error', (e) => cb(e.payload)),
  onMenu: (cb) => listen<string>('menu', (e) => cb(e.payload)),
};
