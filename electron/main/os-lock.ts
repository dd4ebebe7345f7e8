import type { BrowserWindow } from 'electron';
import { HOST_LOCK_REQUEST_CHANNEL } from '../shared/ipc/channels';

/** The part of Electron's powerMonitor used here (an EventEmitter in tests). */
export interface PowerEvents {
  on(event: 'lock-screen', listener: () => void): unknown;
  on(event: 'suspend', listener: () => void): unknown;
  off(event: 'lock-screen', listener: () => void): unknown;
  off(event: 'suspend', listener: () => void): unknown;
}

type Window = Pick<BrowserWindow, 'isDestroyed'> & { webContents: Pick<BrowserWindow['webContents'], 'isDestroyed' | 'send'> };

/**
 * Forwards the OS locking or going to sleep to the main window as a lock request (the renderer saves what was typed,
 * then calls auth:lock). Electron objects are passed in so that tests drive it with fakes. Returns a function that
 * stops forwarding.
 */
export function forwardOsLock(powerMonitor: PowerEvents, getMainWindow: () => Window | null): () => void {
  const forward = () => {
    const win = getMainWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    win.webContents.send(HOST_LOCK_REQUEST_CHANNEL);
  };
  powerMonitor.on('lock-screen', forward);
  powerMonitor.on('suspend', forward);
  return () => {
    powerMonitor.off('lock-screen', forward);
    powerMonitor.off('suspend', forward);
  };
}
