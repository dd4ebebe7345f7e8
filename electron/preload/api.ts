import { API_METHODS, type ApiMethod } from '../shared/ipc/channels';

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
