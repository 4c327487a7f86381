// The Backend over Tauri's IPC. Command names and argument names match src-tauri/src/commands.rs.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { ApiError } from '../generated/types';
import { toBackendError, type Backend } from './backend';

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toBackendError(e);
  }
}

export const tauriBackend: Backend = {
  startInfo: () => call('start_info'),
  docState: () => call('doc_state'),
  listJourneys: () => call('list_journeys'),
  getJourney: (id) => call('get_journey', { id }),
  listTemplates: (lang) => call('list_templates', { lang }),
  createJourney: (template, lang, title) => call('create_journey', { template, lang, title }),
  applyEdit: (edit) => call('apply_edit', { edit }),
  undo: () => call('undo'),
  redo: () => call('redo'),
  setLanguage: (language) => call('set_language', { language }),
  journeyScene: (id, request) => call('journey_scene', { id, request }),
  printPreview: (id, request) => call('print_preview', { id, request }),
  exportJourney: (id, request) => call('export_journey', { id, request }),
  revealExport: () => call('reveal_export'),
  onExportProgress: (cb) => listen<{ fraction: number }>('export-progress', (e) => cb(e.payload.fraction)),
  imageData: (id) => call('image_data', { id }),
  pickImage: () => call('pick_image'),
  onDocChanged: (cb) => listen('doc-changed', () => cb()),
  onError: (cb) => listen<ApiError>('app-error', (e) => cb(e.payload)),
  onMenu: (cb) => listen<string>('menu', (e) => cb(e.payload)),
};
