// @vitest-environment jsdom
/**
 * The browser side of browser mode's credentials (renderer/src/api/web-bridge.ts): the launch code is taken from the
 * address once and traded for the cookie before the first call; each tab has its own id, kept in sessionStorage and
 * sent on every call, also on the keepalive autosaves. (The old token-per-tab tests are in tests/renderer/.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WEB_EXCHANGE_PATH, WEB_TAB_HEADER, WEB_TOKEN_HEADER } from '../../../electron/shared/ipc/channels';
import * as server from '../../../electron/web/session';
import { createWebBridge, installWebBridgeIfNeeded, tabId, takeLaunchCode } from '../../../renderer/src/api/web-bridge';

afterEach(() => {
  vi.unstubAllGlobals();
  window.sessionStorage.clear();
  delete (window as { workstation?: unknown }).workstation;
  window.history.replaceState(null, '', '/');
});

const okFetch = () => vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify({ ok: true, value: null })));

describe('browser-mode bridge', () => {
  it('takes the launch code from #token=… once and removes it from the address bar; it is kept nowhere', () => {
    window.history.replaceState(null, '', '/?x=1#token=abc%2Fdef0123456789xyz');
    expect(takeLaunchCode()).toBe('abc/def0123456789xyz');
    expect(window.location.hash).toBe('');
    expect(window.location.href).not.toContain('token');
    expect(window.location.search).toBe('?x=1');
    expect(takeLaunchCode()).toBeNull();
    expect(JSON.stringify({ ...window.sessionStorage })).not.toContain('abc');
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('abc');
  });

  it('makes a 128-bit tab id once per tab (sessionStorage), a new one for another tab', () => {
    const id = tabId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(server.isTabId(id)).toBe(true);
    expect(tabId()).toBe(id); // a reload keeps it
    window.sessionStorage.clear(); // another tab: a storage of its own
    expect(tabId()).not.toBe(id);
    window.sessionStorage.setItem('workstation-tab', 'forged'); // something else kept there is replaced
    expect(tabId()).toMatch(/^[0-9a-f]{32}$/);
    const getRandomValues = vi.fn(<T extends ArrayBufferView | null>(a: T) => a);
    tabId({ getItem: () => null, setItem: () => undefined } as unknown as Storage, { getRandomValues } as unknown as Crypto);
    expect((getRandomValues.mock.calls[0]![0] as Uint8Array).length).toBeGreaterThanOrEqual(16);
  });

  it('posts {input} with the tab header and same-origin credentials; autosaves keepalive with the tab header', async () => {
    const fetch = okFetch();
    vi.stubGlobal('fetch', fetch);
    const api = createWebBridge('0123456789abcdef0123456789abcdef');
    await api['cases:list']({ page: 1, pageSize: 20 });
    expect(fetch).toHaveBeenCalledWith('/api/cases:list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [WEB_TAB_HEADER]: '0123456789abcdef0123456789abcdef' },
      body: JSON.stringify({ input: { page: 1, pageSize: 20 } }),
      credentials: 'same-origin',
    });
    await api['drafts:save']({ key: 'k', data: {} } as never);
    const [url, init] = fetch.mock.calls[1]!;
    expect(url).toBe('/api/drafts:save');
    expect(init).toMatchObject({ keepalive: true, credentials: 'same-origin', headers: { [WEB_TAB_HEADER]: '0123456789abcdef0123456789abcdef' } });
    expect(JSON.stringify(fetch.mock.calls)).not.toContain(WEB_TOKEN_HEADER);
  });

  it('installs: trades the code (in a header, never a URL) before the first API call', async () => {
    let release!: () => void;
    const exchanged = new Promise<void>((resolve) => (release = resolve));
    const fetch = vi.fn(async (url: string, _init?: RequestInit) => {
      if (url === WEB_EXCHANGE_PATH) await exchanged;
      return new Response(JSON.stringify({ ok: true, value: null }));
    });
    vi.stubGlobal('fetch', fetch);
    window.history.replaceState(null, '', '/#token=launch-code-0123456789abcdef');
    installWebBridgeIfNeeded();
    expect(window.location.hash).toBe('');
    const call = window.workstation['app:info'](undefined);
    await new Promise((r) => setTimeout(r, 10));
    expect(fetch.mock.calls.map(([u]) => u)).toEqual([WEB_EXCHANGE_PATH]);
    expect(fetch.mock.calls[0]![1]).toMatchObject({ method: 'POST', credentials: 'same-origin', headers: { [WEB_TOKEN_HEADER]: 'launch-code-0123456789abcdef' } });
    release();
    await call;
    expect(fetch.mock.calls.map(([u]) => u)).toEqual([WEB_EXCHANGE_PATH, '/api/app:info']);
    expect((fetch.mock.calls[1]![1]!.headers as Record<string, string>)[WEB_TAB_HEADER]).toBe(window.sessionStorage.getItem('workstation-tab'));
  });

  it('a tab opened without a code calls at once; a failed exchange is reported by the calls, not thrown', async () => {
    const fetch = okFetch();
    vi.stubGlobal('fetch', fetch);
    installWebBridgeIfNeeded();
    await window.workstation['app:info'](undefined);
    expect(fetch.mock.calls.map(([u]) => u)).toEqual(['/api/app:info']);

    delete (window as { workstation?: unknown }).workstation;
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    window.history.replaceState(null, '', '/#token=launch-code-0123456789abcdef');
    installWebBridgeIfNeeded();
    // A server that cannot be reached is told apart from one that answered with an error (the banners say so).
    expect(await window.workstation['app:info'](undefined)).toMatchObject({ ok: false, error: { code: 'HOST_UNREACHABLE' } });
  });
});
