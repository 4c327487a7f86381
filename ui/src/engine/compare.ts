// What the comparison of two journeys says (klantreis::analysis::compare, serialised as is),
// and small helpers for showing it. Journey `a` is the reference, `b` is measured against it:
// differences are b − a, and "better" means b is better.
import type { Lang } from '../generated/types';

// The comparison's types are generated from the Rust ones (src-tauri/src/bindings.rs).
export type {
  CardRef,
  Change,
  Comparison,
  EmotionSide,
  FunnelPair,
  MatchedBy,
  Measure,
  PhaseComparison,
  PhaseRef,
} from '../generated/types';

/** A figure with one decimal at most, in the UI's language; "–" when absent. */
export function fig(lang: Lang, v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  const s = (Math.round(v * 10) / 10).toFixed(Number.isInteger(Math.round(v * 10) / 10) ? 0 : 1);
  return lang === 'nl' ? s.replace('.', ',') : s;
}

/** A difference with its sign ("+2", "−0.5", "0"); "–" when absent. */
export function diff(lang: Lang, v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  const s = fig(lang, Math.abs(v));
  if (s === '0') return '0';
  return (v > 0 ? '+' : '−') + s;
}

/** The points of one curve in a chart `w` × `h` with `n` phase columns; emotions −3 … +3.
 * A phase with no emotions breaks the line (its own run of points). */
export function curveRuns(means: (number | null)[], w: number, h: number, pad = 16): { x: number; y: number }[][] {
  const n = means.length;
  const runs: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  means.forEach((m, i) => {
    if (m === null) {
      if (run.length) runs.push(run);
      run = [];
      return;
    }
    const x = n === 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (n - 1);
    const y = pad + ((3 - m) / 6) * (h - 2 * pad);
    run.push({ x, y });
  });
  if (run.length) runs.push(run);
  return runs;
}
