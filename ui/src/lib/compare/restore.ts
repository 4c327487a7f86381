// Restoring a version, the one path of the versions list and the version view: one undoable
// step, announced with a toast whose button takes it back.
import type { AppState } from '../app.svelte';
import type { SnapshotInfo } from '../../generated/types';
import { t } from '../../engine/i18n';

/** Restores `v` on journey `journeyId`; true when the journey changed. */
export async function restoreVersion(app: AppState, journeyId: string, v: SnapshotInfo): Promise<boolean> {
  const out = await app.restoreVersion(journeyId, v.id);
  if (!out?.changed) return false;
  app.toast(t(app.lang, 'ver.restored', { name: v.name }), 'info', { label: app.tr('undo'), run: () => void app.undo() });
  return true;
}

/** When a version was taken, in the user's language. */
export function versionDate(lang: string, iso: string): string {
  return new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
