import { defineConfig } from '@playwright/test';

/**
 * The Electron e2e specs (Playwright `_electron`), for machines that have the Electron binary. Where it is missing
 * (ELECTRON_SKIP_BINARY_DOWNLOAD) every spec skips, saying so. On Linux without a display, run under xvfb-run.
 * One worker: each test launches the whole app.
 */
export default defineConfig({
  testDir: 'tests/e2e-electron',
  globalSetup: './tests/e2e-electron/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: 'test-results/e2e-electron-artifacts',
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
