import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist', import.meta.url));

/**
 * teams-app/dist also holds the Teams app package (wygc-teams.zip), built by another script, so the
 * folder is not emptied; only what an earlier build of the tab wrote is removed.
 */
const removeEarlierTabBuild = (): Plugin => ({
  name: 'wygc-remove-earlier-tab-build',
  apply: 'build',
  async buildStart() {
    await Promise.all([
      rm(`${outDir}/assets`, { recursive: true, force: true }),
      rm(`${outDir}/index.html`, { force: true }),
      rm(`${outDir}/boot.js`, { force: true }),
    ]);
  },
});

/** The Teams tab, which is also the standalone web admin: served by the server from teams-app/dist. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), removeEarlierTabBuild()],
  build: {
    outDir,
    emptyOutDir: false,
    // The server's CSP allows scripts from files only: never inline the module preload helper.
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
