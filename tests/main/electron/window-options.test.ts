import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WINDOW_TITLE, mainWindowOptions, mainWindowWebPreferences, resolveAppLocations } from '../../../electron/main/window-options';

describe('mainWindowWebPreferences', () => {
  for (const isPackaged of [true, false]) {
    it(`is hardened ${isPackaged ? 'when packaged' : 'in development and tests'}`, () => {
      const prefs = mainWindowWebPreferences({ preloadPath: '/app/out/preload/index.cjs', isPackaged });
      expect(prefs).toMatchObject({
        preload: '/app/out/preload/index.cjs',
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
      });
      expect(prefs.enableBlinkFeatures).toBeUndefined();
      expect(prefs.devTools).toBe(!isPackaged);
      // Nothing may quietly widen the renderer: every key is one we reviewed.
      expect(Object.keys(prefs).sort()).toEqual(
        [
          'allowRunningInsecureContent', 'contextIsolation', 'devTools', 'enableWebSQL', 'experimentalFeatures', 'navigateOnDragDrop',
          'nodeIntegration', 'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'preload', 'safeDialogs', 'sandbox', 'spellcheck',
          'webSecurity', 'webviewTag',
        ].sort(),
      );
    });
  }
});

describe('mainWindowOptions', () => {
  it('sets title, size and minimum size, and waits for ready-to-show', () => {
    const options = mainWindowOptions({ preloadPath: '/p.cjs', isPackaged: true });
    expect(options).toMatchObject({ title: WINDOW_TITLE, width: 1280, height: 840, minWidth: 1024, minHeight: 700, show: false });
    expect(WINDOW_TITLE).toBe('调解工作台');
    expect(options.icon).toBeUndefined();
    expect(mainWindowOptions({ preloadPath: '/p.cjs', isPackaged: true, icon: '/i.png' }).icon).toBe('/i.png');
    expect(options.webPreferences).toEqual(mainWindowWebPreferences({ preloadPath: '/p.cjs', isPackaged: true }));
  });
});

describe('resolveAppLocations', () => {
  const mainDir = '/opt/调解工作台/resources/app.asar/out/main';

  it('loads the built renderer next to the main bundle when packaged', () => {
    const where = resolveAppLocations({ mainDir, isPackaged: true, rendererUrl: 'http://evil.example/', platform: 'linux' });
    expect(where.devServer).toBe(false);
    expect(where.appUrl).toBe('file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer/index.html');
    expect(where.rendererDirUrl).toBe('file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer');
    expect(where.preloadPath).toBe(path.resolve('/opt/调解工作台/resources/app.asar/out/preload/index.cjs'));
    expect(where.caseInsensitivePaths).toBe(false);
  });

  it('uses ELECTRON_RENDERER_URL only in development and only if it is http(s)', () => {
    expect(resolveAppLocations({ mainDir, isPackaged: false, rendererUrl: 'http://localhost:5173' })).toMatchObject({ devServer: true, appUrl: 'http://localhost:5173/' });
    expect(resolveAppLocations({ mainDir, isPackaged: false, rendererUrl: 'file:///tmp/evil.html' }).devServer).toBe(false);
    expect(resolveAppLocations({ mainDir, isPackaged: false, rendererUrl: 'javascript:alert(1)' }).devServer).toBe(false);
    expect(resolveAppLocations({ mainDir, isPackaged: false }).devServer).toBe(false);
  });

  it('compares paths case-insensitively on Windows', () => {
    expect(resolveAppLocations({ mainDir, isPackaged: true, platform: 'win32' }).caseInsensitivePaths).toBe(true);
  });
});
