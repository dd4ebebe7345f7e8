import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { API_METHODS } from '../../../electron/shared/ipc/channels';
import type { Result } from '../../../electron/shared/ipc/result';
import type { Workstation } from '../../../electron/main/services/workstation';
import { type SenderInfo, forbiddenSender, isAllowedSender, registerIpc, senderInfo } from '../../../electron/main/ipc';

const APP = 'file:///opt/app/resources/app.asar/out/renderer/index.html';
const MAIN_ID = 7;

const ok: SenderInfo = { frameUrl: `${APP}#/cases`, isMainFrame: true, senderId: MAIN_ID, mainWindowWebContentsId: MAIN_ID };

describe('isAllowedSender', () => {
  it('allows the main frame of the main window showing the app', () => {
    expect(isAllowedSender(ok, APP)).toBe(true);
  });

  it.each<[string, Partial<SenderInfo>]>([
    ['a sub-frame (e.g. a preview iframe)', { isMainFrame: false }],
    ['another WebContents', { senderId: MAIN_ID + 1 }],
    ['no main window (closed)', { mainWindowWebContentsId: null }],
    ['a destroyed or navigated frame', { frameUrl: null }],
    ['an unknown frame URL', { frameUrl: undefined }],
    ['about:blank', { frameUrl: 'about:blank' }],
    ['a data: page', { frameUrl: 'data:text/html,x' }],
    ['another local file', { frameUrl: 'file:///etc/passwd' }],
    ['another file next to the app', { frameUrl: 'file:///opt/app/resources/app.asar/out/renderer/evil.html' }],
    ['a remote page', { frameUrl: 'https://evil.example/?next=' + APP }],
    ['the wrong scheme', { frameUrl: APP.replace('file:', 'app:') }],
    ['a file on another host', { frameUrl: APP.replace('file:///', 'file://evil/') }],
    ['a blob: URL of the app', { frameUrl: `blob:${APP}` }],
  ])('refuses %s', (_name, change) => {
    expect(isAllowedSender({ ...ok, ...change }, APP)).toBe(false);
  });

  it('uses the dev server origin in development', () => {
    const dev = 'http://localhost:5173/';
    expect(isAllowedSender({ ...ok, frameUrl: 'http://localhost:5173/#/x' }, dev)).toBe(true);
    expect(isAllowedSender({ ...ok, frameUrl: 'http://localhost.evil.com:5173/' }, dev)).toBe(false);
  });
});

function fakeWindow(id: number, destroyed = false): BrowserWindow {
  return { isDestroyed: () => destroyed, webContents: { id } } as unknown as BrowserWindow;
}

function fakeEvent(opts: { senderId?: number; url?: string; parent?: object | null; frame?: null } = {}): IpcMainInvokeEvent {
  const frame = opts.frame === null ? null : { url: opts.url ?? APP, parent: opts.parent ?? null };
  return { sender: { id: opts.senderId ?? MAIN_ID }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

describe('senderInfo', () => {
  it('reads frame URL, main-frame-ness and ids from the event', () => {
    expect(senderInfo(fakeEvent(), fakeWindow(MAIN_ID))).toEqual({ frameUrl: APP, isMainFrame: true, senderId: MAIN_ID, mainWindowWebContentsId: MAIN_ID });
    expect(senderInfo(fakeEvent({ parent: {} }), fakeWindow(MAIN_ID)).isMainFrame).toBe(false);
    expect(senderInfo(fakeEvent({ frame: null }), fakeWindow(MAIN_ID))).toMatchObject({ frameUrl: null, isMainFrame: false });
    expect(senderInfo(fakeEvent(), null).mainWindowWebContentsId).toBeNull();
    expect(senderInfo(fakeEvent(), fakeWindow(MAIN_ID, true)).mainWindowWebContentsId).toBeNull();
  });
});

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Result<unknown>>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => {
      // Electron's own behaviour: a second handler for a channel throws.
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
}

function setup() {
  const ipcMain = fakeIpcMain();
  const ws = {} as Workstation;
  const dispatch = vi.fn(async (_ws: Workstation, _connection: string, method: unknown, payload: unknown): Promise<Result<unknown>> => ({ ok: true, value: { method, payload } }));
  const log = vi.fn();
  const unregister = registerIpc({ ipcMain, ws, dispatch, getMainWindow: () => fakeWindow(MAIN_ID), appUrl: APP, log });
  return { ipcMain, ws, dispatch, log, unregister };
}

describe('registerIpc', () => {
  it('registers exactly one handler per API method, channel = method name', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...API_METHODS].sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(API_METHODS.length);
  });

  it('throws on a duplicate registration, naming the channel', () => {
    const { ipcMain, ws, dispatch } = setup();
    expect(() => registerIpc({ ipcMain, ws, dispatch, getMainWindow: () => null, appUrl: APP })).toThrow(/already registered: app:info/);
    expect(ipcMain.handle).toHaveBeenCalledTimes(API_METHODS.length);
  });

  it('can register again after unregistering', () => {
    const { ipcMain, ws, dispatch, unregister } = setup();
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    registerIpc({ ipcMain, ws, dispatch, getMainWindow: () => null, appUrl: APP });
    expect(ipcMain.handlers.size).toBe(API_METHODS.length);
  });

  it('dispatches an allowed call with a per-window connection id', async () => {
    const { ipcMain, ws, dispatch } = setup();
    const result = await ipcMain.handlers.get('cases:get')!(fakeEvent(), { id: 'x' });
    expect(result).toEqual({ ok: true, value: { method: 'cases:get', payload: { id: 'x' } } });
    expect(dispatch).toHaveBeenCalledWith(ws, `electron#${MAIN_ID}`, 'cases:get', { id: 'x' });
  });

  it('refuses every method from a foreign sender without dispatching', async () => {
    const { ipcMain, dispatch, log } = setup();
    const bad = [fakeEvent({ senderId: 99 }), fakeEvent({ parent: {} }), fakeEvent({ frame: null }), fakeEvent({ url: 'https://evil.example/' })];
    for (const method of API_METHODS) {
      for (const event of bad) {
        expect(await ipcMain.handlers.get(method)!(event, undefined)).toEqual(forbiddenSender());
      }
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(API_METHODS.length * bad.length);
    expect(forbiddenSender()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } });
  });
});
