import { API_METHODS, WEB_API_PREFIX, WEB_TOKEN_HEADER } from '../../../electron/shared/ipc/channels';
import type { WorkstationApi } from '../../../electron/shared/ipc/contract';
import type { Result } from '../../../electron/shared/ipc/result';
import { t } from '../i18n';

const TOKEN_KEY = 'workstation-token';

/** Takes the launch token from `#token=…` once, keeps it for this tab only, and removes it from the address bar. */
export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(loc.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    storage.setItem(TOKEN_KEY, token);
    window.history.replaceState(null, '', loc.pathname + loc.search);
    return token;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

/** Browsers cap the body of a request allowed to outlive its page (keepalive) at 64 KB. */
const KEEPALIVE_LIMIT = 60_000;
/** The autosaves: their last call may be made while the page goes away. */
const KEEPALIVE_METHODS = new Set(['drafts:save', 'sessions:save']);

async function post(method: string, input: unknown, token: string): Promise<Result<unknown>> {
  try {
    const body = JSON.stringify({ input });
    const response = await fetch(WEB_API_PREFIX + method, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [WEB_TOKEN_HEADER]: token },
      body,
      // A draft or a session record saved as the tab closes must still reach the host.
      ...(KEEPALIVE_METHODS.has(method) && body.length < KEEPALIVE_LIMIT ? { keepalive: true } : {}),
    });
    // The server answers every API call with a Result, also for 401/403/413.
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: t.errors.network } };
  }
}

/** Builds the same one-function-per-method API the Electron preload exposes, over HTTP. */
export function createWebBridge(token: string): WorkstationApi {
  const api = Object.fromEntries(API_METHODS.map((method) => [method, (input: unknown) => post(method, input, token)]));
  return api as WorkstationApi;
}

/** Browser mode only: Electron's preload has already defined `window.workstation`. */
export function installWebBridgeIfNeeded(): void {
  if (window.workstation !== undefined) return;
  window.workstation = createWebBridge(takeToken());
}
