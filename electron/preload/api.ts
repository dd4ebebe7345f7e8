import { API_METHODS, type ApiMethod, type WorkstationHost } from '../shared/ipc/channels';
import { type LiveEvent, parseLiveEvent } from '../shared/ipc/live-events';

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

/** Subscribes to main's live events, each as the raw payload that arrived (unchecked); returns the way to stop. */
export type SubscribeRaw = (listener: (payload: unknown) => void) => () => void;

/**
 * `window.workstationHost`: the host's events. "Lock now" (the OS locked or suspends) reaches the renderer's listener
 * with no arguments; a live event only after it passed the shared schema (anything else is dropped and logged), so
 * neither an IpcRendererEvent (and its `sender`) nor an unchecked payload crosses the bridge.
 */
export function buildHost(subscribeLockRequest: Subscribe, subscribeLiveEvent: SubscribeRaw): WorkstationHost {
  return Object.freeze({
    onLockRequest: (listener: () => void) => {
      if (typeof listener !== 'function') throw new TypeError('onLockRequest expects a function');
      return subscribeLockRequest(() => listener());
    },
    onLiveEvent: (listener: (event: LiveEvent) => void) => {
      if (typeof listener !== 'function') throw new TypeError('onLiveEvent expects a function');
      return subscribeLiveEvent((payload) => {
        const event = parseLiveEvent(payload);
        if (event) listener(event);
        else console.warn('[preload] dropped a live event that does not match the schema');
      });
    },
  });
}
