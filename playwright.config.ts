import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium';

/**
 * Browser tests against a running app (scripts/e2e.sh builds and serves it on :7007).
 * They drive the system's Chromium; no browser is downloaded.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 60_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'artifacts/e2e/results.json' }]],
  outputDir: 'artifacts/e2e/results',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
