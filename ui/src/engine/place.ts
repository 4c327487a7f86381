// Where the UI is, kept in the page's URL fragment (`#journey=<id>`), so a reload of the page
// (the shell reloads it when WebKit's content process died, see src-tauri/src/webview.rs)
// comes back on the journey that was open. `history.replaceState` changes the URL without a
// navigation; outside a browser (the unit tests) this remembers nothing.

const KEY = 'journey=';

/** Remembers the open journey (`null`: the list of journeys). */
export function rememberJourney(id: string | null): void {
  const h = globalThis.history;
  const loc = globalThis.location;
  if (!h || !loc) return;
  const url = loc.pathname + loc.search + (id ? `#${KEY}${encodeURIComponent(id)}` : '');
  h.replaceState(h.state, '', url);
}

/** The journey that was open before the page was reloaded, if any. */
export function rememberedJourney(): string | null {
  const hash = globalThis.location?.hash ?? '';
  if (!hash.startsWith(`#${KEY}`)) return null;
  const id = decodeURIComponent(hash.slice(1 + KEY.length));
  return id || null;
}
