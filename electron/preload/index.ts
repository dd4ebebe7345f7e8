import { contextBridge, ipcRenderer } from 'electron';
import { HOST_LOCK_REQUEST_CHANNEL } from '../shared/ipc/channels';
import { buildApi, buildHost } from './api';

// Sandboxed preload (bundled to CJS by electron-vite): only `electron` and the method list may be imported here.
// The lambda keeps ipcRenderer itself, and the event, on this side of the bridge.
contextBridge.exposeInMainWorld(
  'workstation',
  buildApi((method, input) => ipcRenderer.invoke(method, input)),
);

// Beside the API: the host asks the desk to lock (the OS locked or suspends). Only the bare call crosses over.
contextBridge.exposeInMainWorld(
  'workstationHost',
  buildHost((listener) => {
    const handler = () => listener();
    ipcRenderer.on(HOST_LOCK_REQUEST_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(HOST_LOCK_REQUEST_CHANNEL, handler);
  }),
);
