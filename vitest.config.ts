import { defineConfig } from 'vitest/config';
import { createSummaryReporter } from './test/support/summary-reporter.ts';

const packages = [
  'routing-core',
  'store',
  'calendar-sync',
  'functions',
  'sip-forwarder',
  'teams-app',
  'workspace-addon',
  'cli',
];

export default defineConfig({
  test: {
    passWithNoTests: true,
    reporters: ['default', createSummaryReporter()],
    projects: [
      ...packages.map((name) => ({ test: { name, root: `./${name}`, include: ['src/**/*.test.ts'] } })),
      './teams-app/tab',
      { test: { name: 'test', root: './test', include: ['**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
});
