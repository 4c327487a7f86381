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

/** The bit of Web Storage the zoom needs (a test passes a Map-backed one). */
export interface ZoomStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const ZOOM_KEY = 'klantreis.zoom.';

/** The zoom a journey's map opens at: the reading size when the user chose it for this map,
 * else fit. Kept in the app's local settings: how this user reads the map, not part of it. */
export function rememberedZoom(storage: ZoomStorage | null, journeyId: string): 'fit' | 'read' {
  try {
    return storage?.getItem(ZOOM_KEY + journeyId) === 'read' ? 'read' : 'fit';
  } catch {
    return 'fit';
  }
}

export function rememberZoom(storage: ZoomStorage | null, journeyId: string, mode: 'fit' | 'read'): void {
  try {
    storage?.setItem(ZOOM_KEY + journeyId, mode);
  } catch {
    // Storage full or off: the choice holds while the map is open.
  }
}
