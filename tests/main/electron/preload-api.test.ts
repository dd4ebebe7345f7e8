import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../../electron/shared/ipc/channels';
import { buildApi } from '../../../electron/preload/api';

const exposed = vi.hoisted(() => [] as [string, unknown][]);
const invoked = vi.hoisted(() => [] as unknown[][]);

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve({ ok: true, value: null });
    },
    send: () => {
      throw new Error('the preload must not use send');
    },
  },
}));

describe('buildApi', () => {
  it('has exactly one function per API method and nothing else', () => {
    const api = buildApi(vi.fn());
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    expect(Object.keys(api)).toHaveLength(API_METHODS.length);
    for (const method of API_METHODS) expect(typeof api[method]).toBe('function');
    for (const name of ['ipcRenderer', 'invoke', 'send', 'on', 'require', 'process']) expect(name in api).toBe(false);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards the method name and exactly one payload, and returns invoke’s promise', async () => {
    const invoke = vi.fn(async (method: string, input: unknown) => ({ ok: true, value: { method, input } }));
    const api = buildApi(invoke);
    await expect(api['cases:get']({ id: 'a' })).resolves.toEqual({ ok: true, value: { method: 'cases:get', input: { id: 'a' } } });
    await (api['app:info'] as (...args: unknown[]) => Promise<unknown>)(undefined, 'extra', { sneaky: true });
    expect(invoke).toHaveBeenLastCalledWith('app:info', undefined);
    expect(invoke.mock.calls.at(-1)).toHaveLength(2);
  });
});

describe('preload entry', () => {
  it('exposes only window.workstation, built on ipcRenderer.invoke', async () => {
    await import('../../../electron/preload/index');
    expect(exposed.map(([key]) => key)).toEqual(['workstation']);
    const api = exposed[0]![1] as Record<string, (input?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    await api['cases:list']!({ page: 1, pageSize: 20 });
    expect(invoked).toEqual([['cases:list', { page: 1, pageSize: 20 }]]);
  });

  it('imports nothing but electron, its api builder and the zod-free method list', () => {
    const dir = path.resolve(import.meta.dirname, '../../../electron/preload');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      const specifiers = [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]);
      for (const specifier of specifiers) expect(['electron', './api', '../shared/ipc/channels'], `${file} imports ${specifier}`).toContain(specifier);
    }
  });
});
