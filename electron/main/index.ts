import './threadpool';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, dialog, ipcMain, powerMonitor, session, shell } from 'electron';
import { dispatch } from './api/dispatch';
import { contentSecurityPolicy } from './csp';
import { scheduleDocumentWarmUp } from './documents/warm-up';
import { resolveDataDir } from './data-dir';
import { registerIpc } from './ipc';
import { forwardLiveEvents } from './live-ipc';
import { forwardOsLock } from './os-lock';
import { installSecurity } from './security';
import { type LiveUpdates, liveUpdatesFor } from './services/live-updates';
import { Workstation } from './services/workstation';
import { backupsOf } from './services/backup-scheduler';
import { startupErrorMessage } from './startup-error';
import { openDataFolder } from './storage/data-folder';
import { DIR_MODE } from './storage/durable-fs';
import { createMainWindow, loadApp } from './window';
import { resolveAppLocations } from './window-options';

/**
 * Electron host, wiring only: data dir → single instance → data-dir lock (shared with browser mode) → Workstation →
 * security → IPC → window; on quit the store is closed and the lock released. Logic lives in the modules above.
 */

const APP_ID = 'cn.gov.mediation.workstation';
const mainDir = path.dirname(fileURLToPath(import.meta.url));

let mainWindow: BrowserWindow | null = null;
let ws: Workstation | null = null;
let dataDir: string | null = null;
let releaseLock: (() => void) | null = null;
let live: LiveUpdates | null = null;

/**
 * `--data-dir` / MEDIATION_DATA_DIR, else Electron's userData. By default the two are the same folder; an explicit
 * data dir becomes userData too, so that each data dir has its own Chromium profile and its own single-instance
 * lock (which Electron keys on userData): a second launch on the same dir focuses the first window, while tests or
 * an administrator can run a separate instance on another dir. Must run before `ready`.
 */
function prepareDataDir(): string {
  const dir = resolveDataDir(process.argv, process.env, () => app.getPath('userData'));
  if (dir !== path.resolve(app.getPath('userData'))) {
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    app.setPath('userData', dir);
  }
  return dir;
}

async function start(dir: string): Promise<void> {
  // Also refuses a browser-mode server (npm run web) that already has this directory open, and vice versa.
  const folder = await openDataFolder(dir);
  releaseLock = folder.release;
  ws = await Workstation.open({ dataDir: dir, host: 'electron', version: app.getVersion(), fs: folder.fs });
  // 定时备份 (issue 15): daily at the administrator's time, and once more (time-limited) when the app quits.
  backupsOf(ws).start({ atClose: true });
  // Follows the case store once a sign-in opens it, and accounts ending sign-ins; the window is registered below.
  live = liveUpdatesFor(ws);

  const where = resolveAppLocations({ mainDir, isPackaged: app.isPackaged, rendererUrl: process.env.ELECTRON_RENDERER_URL });
  // No CSP header for Vite's dev server: its React-refresh preamble is an inline script (the renderer drops its
  // meta CSP in dev for the same reason). Built pages carry the meta CSP; the header adds connect-src 'none'.
  installSecurity({ ...where, csp: where.devServer ? null : contentSecurityPolicy('none') }, { app, session: session.defaultSession, shell });
  registerIpc({ ipcMain, ws, dispatch, getMainWindow: () => mainWindow, appUrl: where.appUrl, urlOptions: where });

  const win = createMainWindow({
    preloadPath: where.preloadPath,
    isPackaged: app.isPackaged,
    // Windows takes the icon from the .exe; Linux window managers need it on the window.
    ...(process.platform === 'linux' ? { icon: path.join(app.getAppPath(), 'resources', 'icons', '512x512.png') } : {}),
  });
  mainWindow = win;
  forwardLiveEvents(live, win.webContents, where.appUrl, where);
  win.on('closed', () => {
    mainWindow = null;
  });
  // The OS locking the screen or going to sleep locks the desk too.
  forwardOsLock(powerMonitor, () => mainWindow);
  loadApp(win, where.appUrl);
  scheduleDocumentWarmUp();
}

/** Closes the store (folds the index journal) and releases the data-dir lock; safe to call more than once. */
async function shutdown(): Promise<void> {
  const current = ws;
  ws = null;
  live?.close();
  live = null;
  if (current) await current.close().catch((error: unknown) => console.error('[quit] closing the store failed', error));
  releaseLock?.();
  releaseLock = null;
}

function failStartup(error: unknown): void {
  console.error('[startup] failed', error);
  const { title, message } = startupErrorMessage(error, dataDir);
  dialog.showErrorBox(title, message);
  void shutdown().finally(() => app.exit(1));
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

let quitting: 'no' | 'closing' | 'done' = 'no';

app.enableSandbox();

let earlyError: unknown = null;
try {
  dataDir = prepareDataDir();
} catch (error) {
  earlyError = error;
}

if (earlyError === null && !app.requestSingleInstanceLock()) {
  // Another instance is running: it receives 'second-instance' and comes to the front; this one just leaves.
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  // Closing the store is async: hold the quit until it is done, then exit for real.
  app.on('will-quit', (event) => {
    if (quitting === 'done') return;
    event.preventDefault();
    if (quitting === 'closing') return;
    quitting = 'closing';
    void shutdown().finally(() => {
      quitting = 'done';
      app.exit(0);
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app
    .whenReady()
    .then(() => {
      if (earlyError !== null || dataDir === null) throw earlyError;
      return start(dataDir);
    })
    .catch(failStartup);
}
