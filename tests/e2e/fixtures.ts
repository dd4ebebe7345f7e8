import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { AppServer } from './app-server';
import { E2E_ADMIN } from './pages/api';

/** Each test gets its own data dir and server; the server can be restarted on the same dir. */
export const test = base.extend<{ server: AppServer }>({
  /**
   * Approving, sealing, a staff member's own signature and the seal image ask for the password again (the policy
   * table's re-authentication): whenever that dialog comes up, the administrator of the specs answers it, as she
   * would at the desk. Specs that test the dialog itself use their own page.
   */
  page: async ({ page }, use) => {
    const dialog = page.getByRole('dialog', { name: '请再次输入密码' });
    await page.addLocatorHandler(dialog, async () => {
      await dialog.getByRole('textbox', { name: '密码', exact: true }).fill(E2E_ADMIN.password);
      await dialog.getByRole('button', { name: '确认', exact: true }).click();
      await expect(dialog).toHaveCount(0);
    });
    await use(page);
  },
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
