import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { AppServer } from './app-server';

/** Each test gets its own data dir and server; the server can be restarted on the same dir. */
export const test = base.extend<{ server: AppServer }>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-e2e-'));
    const server = new AppServer(dir);
    await server.start();
    await use(server);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
