// Where the view update's time goes, for benches/app-bench.sh: when the bench has set
// `window.__kProf` (an object), each named step adds its milliseconds to a list under its name.
// Otherwise a step costs one property read.

type Prof = Record<string, number[]>;

/** `run()`, timed under `name` when a bench is listening. */
export function timed<T>(name: string, run: () => T): T {
  const prof = (globalThis as unknown as { __kProf?: Prof }).__kProf;
  if (!prof) return run();
  const t = performance.now();
  const out = run();
  (prof[name] ??= []).push(performance.now() - t);
  return out;
}
