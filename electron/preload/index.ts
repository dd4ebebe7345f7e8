import { contextBridge, ipcRenderer } from 'electron';
import { HOST_LOCK_REQUEST_CHANNEL, LIVE_EVENT_CHANNEL } from '../shared/ipc/channels';
import { buildApi, buildHost } from './api';

// Sandboxed preload (bundled to CJS by electron-vite): only `electron`, the method list and the live-event schema
// (zod/mini, ~45 KB unminified) may be imported here.
// The lambda keeps ipcRenderer itself, and the event, on this side of the bridge.
contextBridge.exposeInMainWorld(
  'workstation',
  buildApi((method, input) => ipcRenderer.invoke(method, input)),
);

// Beside the API: the host asks the desk to lock (the OS locked or suspends), and live events (cases changed, signed
// out by an administrator). Only the bare call, or the payload buildHost has checked, crosses over.
contextBridge.exposeInMainWorld(
  'workstationHost',
  buildHost(
    (listener) => {
      const handler = () => listener();
      ipcRenderer.on(HOST_LOCK_REQUEST_CHANNEL, handler);
      return () => void ipcRenderer.removeListener(HOST_LOCK_REQUEST_CHANNEL, handler);
    },
    (listener) => {
      const handler = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(LIVE_EVENT_CHANNEL, handler);
      return () => void ipcRenderer.removeListener(LIVE_EVENT_CHANNEL, handler);
    },
  ),
);
