/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Tauri loads the built files from ui/dist (custom protocol); the dev server is for `tauri dev`.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  // The fonts live in ../assets, shared with the print layout.
  server: { port: 5173, strictPort: true, fs: { allow: ['..'] } },
  build: {
    target: 'es2022',
    // Keep CSS in files: the CSP allows no inline styles.
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    include: ['src/**/*.test.ts'],
    // The stylesheet's colour tokens are read as text by the contrast test (engine/contrast.test.ts);
    // Vitest hands other CSS to tests empty.
    css: { include: [/app\.css/] },
  },
});
