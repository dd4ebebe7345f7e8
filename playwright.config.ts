import { defineConfig } from '@playwright/test';

/**
 * Browser-mode e2e: each test starts its own server (tests/e2e/fixtures.ts) on a fresh data dir, and drives
 * Debian's Chromium (never a downloaded browser: `npx playwright install` cannot work on these machines).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  // A guard against a hung test, not a speed budget (that is the bench's): two workers on a busy 2-core machine
  // bring the longer walk-throughs close to a minute.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two spec files at a time: each test has its own server and data directory, and most of a test's time is spent
  // waiting (debounced saves, rendering), so two workers halve the wall time on the 2-core CI machine.
  workers: 2,
  retries: 0,
  outputDir: 'test-results/e2e-artifacts',
  use: {
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-features=Translate'],
    },
  },
});
