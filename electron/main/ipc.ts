import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { API_METHODS } from '../shared/ipc/channels';
import type { Result } from '../shared/ipc/result';
import type { Workstation } from './services/workstation';
import { type UrlPolicyOptions, isTrustedAppUrl } from './trusted-url';

/**
 * One `ipcMain.handle` per API method (channel name = method name), each behind a sender check, then the same
 * `dispatch` as browser mode. Electron objects are passed in, so tests drive this with fakes
 * (tests/main/electron/ipc.test.ts).
 */

/** What a refused sender gets back: a normal Result, so the renderer shows it like any other error. */
export function forbiddenSender(): Result<never> {
  return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } };
}

export interface SenderInfo {
  /** URL of the frame that sent the message; null when the frame is gone or navigated away. */
  frameUrl: string | null | undefined;
  isMainFrame: boolean;
  /** `event.sender.id` */
  senderId: number;
  /** The main window's `webContents.id`, or null when there is no main window. */
  mainWindowWebContentsId: number | null;
}

/**
 * Only the main frame of the main window, showing the app's own page, may call the API (checklist item 17; VS
 * Code's validateEvent). Sub-frames (e.g. a document preview), other windows, and any page the window was somehow
 * navigated to are refused, even with the sandbox on (GHSA-mq8j-3h7h-p8g7).
 */
export function isAllowedSender(info: SenderInfo, appUrl: string, opts: UrlPolicyOptions = {}): boolean {
  if (!info.isMainFrame) return false;
  if (info.mainWindowWebContentsId === null || info.senderId !== info.mainWindowWebContentsId) return false;
  if (typeof info.frameUrl !== 'string') return false;
  return isTrustedAppUrl(info.frameUrl, appUrl, opts);
}

/** Reads what isAllowedSender needs from a live event; a destroyed frame yields a refusal, not an exception. */
export function senderInfo(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, mainWindow: BrowserWindow | null): SenderInfo {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame.parent === null,
    senderId: event.sender.id,
    mainWindowWebContentsId: mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null,
  };
}

export type Dispatch = (ws: Workstation, connection: string, method: unknown, payload: unknown) => Promise<Result<unknown>>;

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  ws: Workstation;
  dispatch: Dispatch;
  getMainWindow: () => BrowserWindow | null;
  appUrl: string;
  urlOptions?: UrlPolicyOptions;
  log?: (message: string, detail?: unknown) => void;
}

/** Channels registered per ipcMain, so that a second registration fails loudly instead of being half-applied. */
const registered = new WeakMap<object, Set<string>>();

/** Registers every API method; throws if any is already registered. Returns a function that removes them. */
export function registerIpc(deps: IpcDeps): () => void {
  const channels = registered.get(deps.ipcMain) ?? new Set<string>();
  const duplicate = API_METHODS.find((method) => channels.has(method));
  if (duplicate) throw new Error(`IPC handler already registered: ${duplicate}`);
  registered.set(deps.ipcMain, channels);
  const log = deps.log ?? console.warn;

  for (const method of API_METHODS) {
    deps.ipcMain.handle(method, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
      const info = senderInfo(event, deps.getMainWindow());
      if (!isAllowedSender(info, deps.appUrl, deps.urlOptions)) {
        log('[ipc] refused', { method, ...info });
        return forbiddenSender();
      }
      // One connection (and sign-in) per window: `<desk>#<window>` (auth/sign-ins.ts deskOf).
      return deps.dispatch(deps.ws, `electron#${event.sender.id}`, method, payload);
    });
    channels.add(method);
  }

  return () => {
    for (const method of API_METHODS) {
      deps.ipcMain.removeHandler(method);
      channels.delete(method);
    }
  };
}
