import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** createMainWindow against a fake BrowserWindow: what it is constructed with, what it loads, how failures show. */

const state = vi.hoisted(() => ({ windows: [] as unknown[], errorBoxes: [] as [string, string][], loadResult: Promise.resolve() as Promise<void> }));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeBrowserWindow extends Emitter {
    webContents = Object.assign(new Emitter(), { reload: vi.fn() });
    show = vi.fn();
    destroyed = false;
    loadURL = vi.fn(() => state.loadResult);
    constructor(readonly options: unknown) {
      super();
      state.windows.push(this);
    }
    isDestroyed() {
      return this.destroyed;
    }
  }
  return { BrowserWindow: FakeBrowserWindow, dialog: { showErrorBox: (title: string, message: string) => state.errorBoxes.push([title, message]) } };
});

const { createMainWindow, loadApp } = await import('../../../electron/main/window');
const { mainWindowOptions } = await import('../../../electron/main/window-options');

interface FakeWin extends EventEmitter {
  options: unknown;
  show: ReturnType<typeof vi.fn>;
  loadURL: ReturnType<typeof vi.fn>;
  webContents: EventEmitter & { reload: ReturnType<typeof vi.fn> };
}

const APP_URL = 'file:///app/out/renderer/index.html';
const opts = { preloadPath: '/app/out/preload/index.cjs', isPackaged: true };

beforeEach(() => {
  state.windows.length = 0;
  state.errorBoxes.length = 0;
  state.loadResult = Promise.resolve();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('createMainWindow', () => {
  it('builds the window from mainWindowOptions, loads only when asked, and shows on ready-to-show', () => {
    const created = createMainWindow(opts);
    const win = state.windows[0] as FakeWin;
    expect(win.options).toEqual(mainWindowOptions(opts));
    expect(win.loadURL).not.toHaveBeenCalled();
    loadApp(created, APP_URL);
    expect(win.loadURL).toHaveBeenCalledWith(APP_URL);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('shows a Chinese error when the page cannot be loaded', async () => {
    state.loadResult = Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
    loadApp(createMainWindow(opts), APP_URL);
    await vi.waitFor(() => expect(state.errorBoxes).toHaveLength(1));
    expect(state.errorBoxes[0]![1]).toContain('界面文件无法加载');
    expect((state.windows[0] as FakeWin).show).toHaveBeenCalled();
  });

  it('reloads a crashed renderer a few times, then says so instead of looping', () => {
    createMainWindow(opts);
    const win = state.windows[0] as FakeWin;
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(win.webContents.reload).not.toHaveBeenCalled();
    for (let i = 0; i < 4; i++) win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(win.webContents.reload).toHaveBeenCalledTimes(3);
    expect(state.errorBoxes).toHaveLength(1);
    expect(state.errorBoxes[0]![1]).toContain('界面进程多次意外退出');
  });
});
