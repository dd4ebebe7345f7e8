import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The main window's configuration as plain data, without importing Electron at runtime, so that the security
 * settings are asserted by tests (tests/main/electron/window-options.test.ts) exactly as production uses them.
 */

export const WINDOW_TITLE = '调解工作台';

/**
 * Hardened for every environment, tests included (conventions item 5): sandboxed, isolated renderer without Node;
 * the only bridge is the preload's `window.workstation`.
 */
export function mainWindowWebPreferences(opts: { preloadPath: string; isPackaged: boolean }): WebPreferences {
  return {
    preload: opts.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    enableWebSQL: false,
    safeDialogs: true,
    // DevTools only in development builds: a packaged app gives staff no console to paste code into.
    devTools: !opts.isPackaged,
  };
}

export function mainWindowOptions(opts: { preloadPath: string; isPackaged: boolean; icon?: string }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 840,
    minWidth: 1024,
    minHeight: 700,
    title: WINDOW_TITLE,
    // Shown on 'ready-to-show', so staff never see a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: mainWindowWebPreferences(opts),
  };
}

export interface AppLocations {
  /** What the window loads, and the only URL trusted for navigation and IPC. */
  appUrl: string;
  /** `file:` URL of the built renderer folder (subresources must come from inside it). */
  rendererDirUrl: string;
  preloadPath: string;
  /** True when loading from electron-vite's dev server. */
  devServer: boolean;
  caseInsensitivePaths: boolean;
}

/**
 * Where things are, relative to the built main bundle (`out/main/index.js`): `out/preload/index.cjs` and
 * `out/renderer/index.html`. In development electron-vite sets ELECTRON_RENDERER_URL to its dev server; a packaged
 * app ignores it (and any non-http value), so an environment variable cannot point the app at another page.
 * The page is loaded with `loadURL(appUrl)` rather than `loadFile` so that the URL trusted for IPC is exactly the
 * URL loaded (loadFile builds its own, differently escaped URL).
 */
export function resolveAppLocations(opts: {
  mainDir: string;
  isPackaged: boolean;
  rendererUrl?: string | undefined;
  platform?: NodeJS.Platform;
}): AppLocations {
  const rendererDir = path.resolve(opts.mainDir, '..', 'renderer');
  const rendererDirUrl = pathToFileURL(rendererDir).href;
  const dev = !opts.isPackaged && opts.rendererUrl !== undefined && /^https?:\/\//i.test(opts.rendererUrl);
  return {
    appUrl: dev ? new URL(opts.rendererUrl!).href : pathToFileURL(path.join(rendererDir, 'index.html')).href,
    rendererDirUrl,
    preloadPath: path.resolve(opts.mainDir, '..', 'preload', 'index.cjs'),
    devServer: dev,
    caseInsensitivePaths: (opts.platform ?? process.platform) === 'win32',
  };
}
