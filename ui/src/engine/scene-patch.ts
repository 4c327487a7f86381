// Applies the core's Scene patches (`klantreis::session::ScenePatch`): after an edit the shell
// sends only the items and regions that changed, as splices of the lists of the Scene the UI
// holds. Pure; builds new arrays and never changes the old Scene (views may still draw it).
import type { DetailPatch, JourneyDetail, Scene, ScenePatch, Splice } from '../generated/types';

/** `old` with each splice's `delete` elements from `at` replaced by its `insert`. */
export function spliced<T>(old: T[], splices: Splice<T>[]): T[] {
  if (splices.length === 0) return old;
  const parts: T[][] = [];
  let pos = 0;
  for (const s of splices) {
    const at = Math.min(s.at, old.length);
    parts.push(old.slice(Math.min(pos, at), at), s.insert);
    pos = at + s.delete;
  }
  parts.push(old.slice(Math.min(pos, old.length)));
  return ([] as T[]).concat(...parts);
}

export function patched(old: Scene, p: ScenePatch): Scene {
  return {
    width: p.width,
    height: p.height,
    content: p.content,
    scale: p.scale,
    items: spliced(old.items, p.items),
    regions: spliced(old.regions, p.regions),
    min_text_pt: p.min_text_pt,
    warnings: p.warnings,
  };
}

/** The journey detail after a `DetailPatch`: its cards spliced, the rest as sent. */
export function patchedDetail(old: JourneyDetail, p: DetailPatch): JourneyDetail {
  return {
    journey: { ...p.meta, phases: p.phases, lanes: p.lanes, cards: spliced(old.journey.cards, p.cards) },
    personas: p.personas,
    others: p.others,
  };
}
