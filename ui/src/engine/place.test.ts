import { afterEach, describe, expect, it } from 'vitest';
import { rememberJourney, rememberedJourney, rememberZoom, rememberedZoom } from './place';

// A stand-in for the page's location and history: replaceState sets the fragment.
function fakePage(): { url: string } {
  const page = { url: '/index.html' };
  const g = globalThis as unknown as Record<string, unknown>;
  g.location = {
    get pathname() { return page.url.split('#')[0]; },
    search: '',
    get hash() { const i = page.url.indexOf('#'); return i < 0 ? '' : page.url.slice(i); },
  };
  g.history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => { page.url = url; } };
  return page;
}

afterEach(() => {
  const g = globalThis as unknown as Record<string, unknown>;
  delete g.location;
  delete g.history;
});

describe('the open journey survives a reload of the page', () => {
  it('is kept in the fragment and read back, and forgotten on the way home', () => {
    const page = fakePage();
    expect(rememberedJourney()).toBeNull();
    rememberJourney('journey_a b#c');
    expect(page.url).toBe('/index.html#journey=journey_a%20b%23c');
    expect(rememberedJourney()).toBe('journey_a b#c');
    rememberJourney(null);
    expect(page.url).toBe('/index.html');
    expect(rememberedJourney()).toBeNull();
  });

  it('remembers nothing outside a page', () => {
    rememberJourney('j1');
    expect(rememberedJourney()).toBeNull();
  });
});

describe('the zoom a map opens at', () => {
  it('is the reading size once chosen for that journey, fit otherwise', () => {
    const m = new Map<string, string>();
    const storage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
    expect(rememberedZoom(storage, 'j1')).toBe('fit');
    rememberZoom(storage, 'j1', 'read');
    expect(rememberedZoom(storage, 'j1')).toBe('read');
    expect(rememberedZoom(storage, 'j2')).toBe('fit');
    rememberZoom(storage, 'j1', 'fit');
    expect(rememberedZoom(storage, 'j1')).toBe('fit');
    expect(rememberedZoom(null, 'j1')).toBe('fit');
  });
});
