import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ElectronApplication, type Page, _electron as electron, expect, test as base } from '@playwright/test';
import { API_METHODS } from '../../electron/shared/ipc/channels';
import { NO_ELECTRON_REASON, ROOT, electronExecutable } from './electron-binary';

const executablePath = electronExecutable();

/** Each test: the built app (out/, see global-setup.ts) on a fresh data dir, with the production webPreferences. */
const test = base.extend<{ app: ElectronApplication; page: Page; dataDir: string }>({
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-electron-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ dataDir }, use) => {
    const env = { ...process.env } as Record<string, string>;
    delete env.ELECTRON_RENDERER_URL; // load the built renderer, never a dev server
    delete env.ELECTRON_RUN_AS_NODE;
    // Chromium refuses to start as root with its OS sandbox (CI containers); the renderer stays sandbox:true.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const app = await electron.launch({ executablePath: executablePath!, args: [ROOT, `--data-dir=${dataDir}`, ...rootArgs], cwd: ROOT, env });
    await use(app);
    await app.close();
  },
  page: async ({ app }, use) => {
    await use(await app.firstWindow());
  },
});

test.skip(!executablePath, NO_ELECTRON_REASON);

test('opens one window titled 调解工作台 showing the setup screen on a fresh data dir', async ({ app, page, dataDir }) => {
  await expect(page).toHaveTitle('调解工作台');
  await expect(page.getByText('初始设置').or(page.getByText('案件列表')).first()).toBeVisible();
  const win = await app.browserWindow(page);
  expect(await win.evaluate((w) => ({ title: w.getTitle(), visible: w.isVisible(), min: w.getMinimumSize() }))).toEqual({ title: '调解工作台', visible: true, min: [1024, 700] });
  expect(app.windows()).toHaveLength(1);
  // The data dir given on the command line is the one in use.
  expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(dataDir);
});

test('runs the renderer sandboxed and isolated, with only window.workstation exposed', async ({ app, page }) => {
  const prefs = await (await app.browserWindow(page)).evaluate((w) => w.webContents.getLastWebPreferences());
  expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  const surface = await page.evaluate(() => ({
    keys: Object.keys(window.workstation).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    ipcRenderer: 'ipcRenderer' in window,
  }));
  expect(surface).toEqual({ keys: [...API_METHODS].sort(), require: 'undefined', process: 'undefined', ipcRenderer: false });
  const info = await page.evaluate(() => window.workstation['app:info'](undefined));
  expect(info).toMatchObject({ ok: true, value: { host: 'electron', setupRequired: true } });
});

test('refuses navigation away from the app and new windows', async ({ app, page }) => {
  const appUrl = page.url();
  expect(appUrl).toMatch(/^file:.*\/out\/renderer\/index\.html/);
  for (const target of ['https://example.com/', 'file:///etc/passwd', 'data:text/html,<h1>x</h1>']) {
    await page.evaluate((url) => {
      window.location.href = url;
    }, target);
    await page.waitForTimeout(300);
    expect(page.url()).toBe(appUrl);
  }
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  await page.waitForTimeout(300);
  expect(app.windows()).toHaveLength(1);
});
