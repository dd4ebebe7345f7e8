import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../../../electron/main/api/dispatch';
import { registerIpc } from '../../../electron/main/ipc';
import { Workstation } from '../../../electron/main/services/workstation';
import type { Result } from '../../../electron/shared/ipc/result';
import { deskOf } from '../../../electron/main/auth/sign-ins';
import { SETUP } from '../../fixtures/workstation';

/** The Electron host's IPC path end to end, minus Electron: fake ipcMain → sender check → real dispatch → real store. */

const APP = 'file:///opt/app/out/renderer/index.html';
type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Result<unknown>>;

let dir: string;
let ws: Workstation;
const handlers = new Map<string, Handler>();

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ipc-dispatch-'));
  ws = await Workstation.open({ dataDir: dir, host: 'electron', version: '9.9.9' });
  handlers.clear();
  const ipcMain = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler), removeHandler: vi.fn() };
  const win = { isDestroyed: () => false, webContents: { id: 3 } } as unknown as BrowserWindow;
  registerIpc({ ipcMain, ws, dispatch, getMainWindow: () => win, appUrl: APP, log: vi.fn() });
});

afterEach(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

const fromApp = { sender: { id: 3 }, senderFrame: { url: `${APP}#/`, parent: null } } as unknown as IpcMainInvokeEvent;
const fromElsewhere = { sender: { id: 3 }, senderFrame: { url: 'https://evil.example/', parent: null } } as unknown as IpcMainInvokeEvent;

describe('IPC → dispatch', () => {
  it('answers app:info for the Electron host', async () => {
    const result = await handlers.get('app:info')!(fromApp, undefined);
    expect(result).toMatchObject({ ok: true, value: { host: 'electron', version: '9.9.9', setupRequired: true } });
  });

  it('parses payloads with the method schema (INVALID_INPUT), and staff-only methods need sign-in', async () => {
    expect(await handlers.get('app:info')!(fromApp, { unexpected: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await handlers.get('cases:list')!(fromApp, { page: 1, pageSize: 20 })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a foreign frame before anything reaches the store', async () => {
    const result = await handlers.get('setup:complete')!(fromElsewhere, { centerName: 'x', committeeName: 'y', caseNumberAbbr: 'z', adminName: 'w' });
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } });
    expect(await handlers.get('app:info')!(fromApp, undefined)).toMatchObject({ ok: true, value: { setupRequired: true } });
  });

  it('signs in per window on the connection `electron#<webContentsId>` (desk `electron`)', async () => {
    expect(await handlers.get('setup:complete')!(fromApp, { ...SETUP, otherRoles: [...SETUP.otherRoles] })).toMatchObject({ ok: true });
    expect(ws.currentSignIn('electron#3')?.staff.name).toBe(SETUP.adminName);
    expect(deskOf('electron#3')).toBe('electron');
    expect(ws.currentSignIn('electron#4')).toBeNull();
    expect(await handlers.get('auth:current')!(fromApp, undefined)).toMatchObject({ ok: true, value: { staff: { name: SETUP.adminName } } });
  });
});
