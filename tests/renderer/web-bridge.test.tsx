// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../electron/main/csp';
import { API_METHODS } from '../../electron/shared/ipc/channels';
import { createWebBridge, takeToken } from '../../renderer/src/api/web-bridge';
import { call } from '../../renderer/src/api/client';
import { ApiCallError } from '../../renderer/src/api/errors';

afterEach(() => {
  vi.unstubAllGlobals();
  window.sessionStorage.clear();
});

describe('browser-mode bridge', () => {
  it('takes the token from #token=…, keeps it for the tab and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/#token=abc%2Fdef');
    expect(takeToken()).toBe('abc/def');
    expect(window.location.hash).toBe('');
    // A reload (no hash any more) still finds it.
    expect(takeToken()).toBe('abc/def');
  });

  it('posts {input} with the token header to /api/<method>, one function per API method', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { items: [], total: 0, page: 1, pageSize: 20 } })));
    vi.stubGlobal('fetch', fetch);
    const api = createWebBridge('tok');
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    const result = await api['cases:list']({ page: 1, pageSize: 20 });
    expect(result).toEqual({ ok: true, value: { items: [], total: 0, page: 1, pageSize: 20 } });
    expect(fetch).toHaveBeenCalledWith('/api/cases:list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-workstation-token': 'tok' },
      body: JSON.stringify({ input: { page: 1, pageSize: 20 } }),
    });
  });

  it('turns a network failure into a Result error in Chinese, which call() throws as ApiCallError', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    window.workstation = createWebBridge('tok');
    const result = await window.workstation['app:info'](undefined);
    expect(result.ok).toBe(false);
    await expect(call('app:info')).rejects.toSatisfy((e: unknown) => e instanceof ApiCallError && /无法连接到工作台服务/.test(e.message));
  });
});

describe('renderer/index.html', () => {
  it('carries the Content-Security-Policy of the hosts (less frame-ancestors, which only works as a header)', () => {
    const html = readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy('self', { forMetaTag: true }));
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
