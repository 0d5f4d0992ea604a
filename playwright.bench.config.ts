import base from './playwright.config';

/** The browser benchmark (scripts/bench-ui.sh): the same browser setup, its own tests. */
export default {
  ...base,
  testDir: 'packages/app/e2e-bench',
  testMatch: '**/*.bench.ts',
  timeout: 300_000,
  reporter: [['list']],
  outputDir: 'artifacts/bench/ui-results',
};
