import { API_METHODS, WEB_API_PREFIX, WEB_EXCHANGE_PATH, WEB_TAB_HEADER, WEB_TOKEN_HEADER } from '../../../electron/shared/ipc/channels';
import type { WorkstationApi } from '../../../electron/shared/ipc/contract';
import type { Result } from '../../../electron/shared/ipc/result';
import { t } from '../i18n';
import { createWebLiveSource } from './web-live';

/*
 * Browser mode. The address printed at launch carries a one-time code (`#token=…`): the page trades it for a cookie
 * (HttpOnly, never in a URL) and takes it out of the address bar. Each tab has its own random id, kept in
 * sessionStorage, so each tab signs in on its own. Same names as electron/web/session.ts (tests/main/web/ checks).
 */

const TAB_KEY = 'workstation-tab';
const TAB_ID = /^[0-9a-f]{32}$/;

/** Takes the one-time launch code from `#token=…` and removes it from the address bar; null when there is none. */
export function takeLaunchCode(loc: Location = window.location, history: History = window.history): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(loc.hash);
  if (!match?.[1]) return null;
  let code: string;
  try {
    code = decodeURIComponent(match[1]);
  } catch {
    code = match[1];
  }
  history.replaceState(null, '', loc.pathname + loc.search);
  return code;
}

/** This tab's id: 128 random bits, made once per tab and kept in sessionStorage (a reload keeps it). */
export function tabId(storage: Storage = window.sessionStorage, random: Pick<Crypto, 'getRandomValues'> = window.crypto): string {
  const kept = storage.getItem(TAB_KEY);
  if (kept !== null && TAB_ID.test(kept)) return kept;
  const bytes = random.getRandomValues(new Uint8Array(16));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  storage.setItem(TAB_KEY, id);
  return id;
}

/**
 * Trades a launch code for the cookie. A refused code is not an error here: a browser that already has the cookie
 * works on, and one that has not is told so by its first API call.
 */
export async function exchangeLaunchCode(code: string): Promise<void> {
  try {
    await fetch(WEB_EXCHANGE_PATH, { method: 'POST', headers: { [WEB_TOKEN_HEADER]: code }, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    // the API calls report a server that cannot be reached
  }
}

/** Browsers cap the body of a request allowed to outlive its page (keepalive) at 64 KB. */
const KEEPALIVE_LIMIT = 60_000;
/** The autosaves: their last call may be made while the page goes away. */
const KEEPALIVE_METHODS = new Set(['drafts:save', 'sessions:save', 'sessions:save-changes']);

async function post(method: string, input: unknown, tab: string, ready: Promise<void>): Promise<Result<unknown>> {
  try {
    await ready;
    const body = JSON.stringify({ input });
    const response = await fetch(WEB_API_PREFIX + method, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [WEB_TAB_HEADER]: tab },
      body,
      credentials: 'same-origin',
      // A draft or a session record saved as the tab closes must still reach the host.
      ...(KEEPALIVE_METHODS.has(method) && body.length < KEEPALIVE_LIMIT ? { keepalive: true } : {}),
    });
    // The server answers every API call with a Result, also for 401/403/413; anything else did not come from it.
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'HOST_UNREACHABLE', message: t.errors.network } };
  }
}

/**
 * Builds the same one-function-per-method API the Electron preload exposes, over HTTP, for the tab `tab`. Calls wait
 * for `ready` (the launch-code exchange) so that the first one already carries the cookie.
 */
export function createWebBridge(tab: string, ready: Promise<void> = Promise.resolve()): WorkstationApi {
  const api = Object.fromEntries(API_METHODS.map((method) => [method, (input: unknown) => post(method, input, tab, ready)]));
  return api as WorkstationApi;
}

/**
 * Browser mode only: Electron's preload has already defined `window.workstation` and `window.workstationHost`. Here
 * the host's events are the tab's live event stream; a browser has no "lock now" from the OS.
 */
export function installWebBridgeIfNeeded(): void {
  if (window.workstation !== undefined) return;
  // The launch token of earlier versions was kept per tab: it is no longer needed.
  window.sessionStorage.removeItem('workstation-token');
  const code = takeLaunchCode();
  const tab = tabId();
  const ready = code === null ? Promise.resolve() : exchangeLaunchCode(code);
  window.workstation = createWebBridge(tab, ready);
  window.workstationHost ??= { onLockRequest: () => () => undefined, ...createWebLiveSource(tab, ready) };
}
