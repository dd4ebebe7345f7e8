import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './api';

// Sandboxed preload (bundled to CJS by electron-vite): only `electron` and the method list may be imported here.
// The lambda keeps ipcRenderer itself, and the event, on this side of the bridge.
contextBridge.exposeInMainWorld(
  'workstation',
  buildApi((method, input) => ipcRenderer.invoke(method, input)),
);
