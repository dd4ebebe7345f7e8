import { API_METHODS, type ApiMethod, type WorkstationHost } from '../shared/ipc/channels';

/** `ipcRenderer.invoke`, narrowed to what the API needs: a method name and one payload. */
export type Invoke = (method: ApiMethod, input: unknown) => Promise<unknown>;

/**
 * What the renderer gets as `window.workstation`: exactly one function per API method, taking one argument.
 * Nothing else crosses the bridge: no ipcRenderer, no generic send(channel, …), no IpcRendererEvent. The
 * renderer's typed view of it is `WorkstationApi` (electron/shared/ipc/contract.ts), which the preload does not
 * import so that its bundle stays free of zod.
 */
export type PreloadApi = Readonly<Record<ApiMethod, (input?: unknown) => Promise<unknown>>>;

/** Pure, so that tests check the exposed surface with a fake invoke (tests/main/electron/preload-api.test.ts). */
export function buildApi(invoke: Invoke): PreloadApi {
  // Object.fromEntries loses the key type; the map over API_METHODS makes the record complete.
  const api = Object.fromEntries(API_METHODS.map((method) => [method, (input?: unknown) => invoke(method, input)])) as Record<ApiMethod, (input?: unknown) => Promise<unknown>>;
  return Object.freeze(api);
}

/** Subscribes to a main → renderer event channel; returns a function that unsubscribes. */
export type Subscribe = (listener: () => void) => () => void;

/**
 * `window.workstationHost`: the host's events, here only "lock now" (the OS locked or suspends). The renderer's
 * listener is called with no arguments, so no IpcRendererEvent (and its `sender`) crosses the bridge.
 */
export function buildHost(subscribeLockRequest: Subscribe): WorkstationHost {
  return Object.freeze({
    onLockRequest: (listener: () => void) => {
      if (typeof listener !== 'function') throw new TypeError('onLockRequest expects a function');
      return subscribeLockRequest(() => listener());
    },
  });
}
