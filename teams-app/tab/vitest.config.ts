import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The tab's unit tests (logic without a browser); the root config lists this folder as a project. */
export default defineConfig({
  test: {
    name: 'teams-tab',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
