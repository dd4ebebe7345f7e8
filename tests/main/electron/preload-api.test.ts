import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../../electron/shared/ipc/channels';
import { buildApi, buildHost } from '../../../electron/preload/api';

const exposed = vi.hoisted(() => [] as [string, unknown][]);
const invoked = vi.hoisted(() => [] as unknown[][]);
const ipcListeners = vi.hoisted(() => new Map<string, Set<(...args: unknown[]) => void>>());

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
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!ipcListeners.has(channel)) ipcListeners.set(channel, new Set());
      ipcListeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => void ipcListeners.get(channel)?.delete(listener),
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

describe('buildHost', () => {
  const noLive = () => () => undefined;

  it('has onLockRequest and onLiveEvent only; the lock listener gets no arguments and can stop listening', () => {
    const listeners = new Set<() => void>();
    const host = buildHost((listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    }, noLive);
    expect(Object.keys(host)).toEqual(['onLockRequest', 'onLiveEvent']);
    expect(Object.isFrozen(host)).toBe(true);
    const seen: unknown[][] = [];
    const stop = host.onLockRequest((...args: unknown[]) => void seen.push(args));
    for (const l of listeners) (l as (...args: unknown[]) => void)({ sender: 'event' });
    expect(seen).toEqual([[]]);
    stop();
    expect(listeners.size).toBe(0);
    expect(() => host.onLockRequest('nope' as unknown as () => void)).toThrow(TypeError);
  });

  it('passes on only live events that match the shared schema, exactly as checked', () => {
    const raw = new Set<(payload: unknown) => void>();
    const host = buildHost(noLive, (listener) => {
      raw.add(listener);
      return () => void raw.delete(listener);
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const seen: unknown[] = [];
    const stop = host.onLiveEvent((event) => void seen.push(event));
    const changed = { type: 'cases-changed', caseIds: ['0b0e5b3c-6a59-4f7e-9f0c-2f1c8f0d9a01'], truncated: false };
    const hostile = [
      null,
      'cases-changed',
      { type: 'cases-changed', caseIds: ['../../etc'], truncated: false },
      { type: 'cases-changed', caseIds: [], truncated: false, parties: [{ name: '张三' }] },
      { type: 'cases-changed', caseIds: Array.from({ length: 501 }, (_, i) => `c${i}`), truncated: false },
      { type: 'signed-out', reason: 'because' },
      { type: 'run', code: 'alert(1)' },
    ];
    for (const payload of [changed, ...hostile, { type: 'signed-out', reason: 'deactivated' }]) for (const l of raw) l(payload);
    expect(seen).toEqual([changed, { type: 'signed-out', reason: 'deactivated' }]);
    expect(warn).toHaveBeenCalledTimes(hostile.length);
    warn.mockRestore();
    stop();
    expect(raw.size).toBe(0);
    expect(() => host.onLiveEvent(42 as unknown as () => void)).toThrow(TypeError);
  });
});

describe('preload entry', () => {
  it('exposes window.workstation, built on ipcRenderer.invoke, and window.workstationHost', async () => {
    await import('../../../electron/preload/index');
    expect(exposed.map(([key]) => key)).toEqual(['workstation', 'workstationHost']);
    const api = exposed[0]![1] as Record<string, (input?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    await api['cases:list']!({ page: 1, pageSize: 20 });
    expect(invoked).toEqual([['cases:list', { page: 1, pageSize: 20 }]]);

    // The lock request arrives on its own channel; the renderer's listener sees no IpcRendererEvent.
    const host = exposed[1]![1] as { onLockRequest: (cb: (...args: unknown[]) => void) => () => void };
    const seen: unknown[][] = [];
    const stop = host.onLockRequest((...args) => void seen.push(args));
    const channel = [...ipcListeners.keys()];
    expect(channel).toEqual(['host:lock-request']);
    for (const l of ipcListeners.get('host:lock-request')!) l({ sender: {} });
    expect(seen).toEqual([[]]);
    stop();
    expect(ipcListeners.get('host:lock-request')!.size).toBe(0);

    // Live events arrive on their own channel; the renderer gets the checked payload, never the IpcRendererEvent.
    const live = exposed[1]![1] as { onLiveEvent: (cb: (...args: unknown[]) => void) => () => void };
    const events: unknown[][] = [];
    const stopLive = live.onLiveEvent((...args) => void events.push(args));
    expect([...ipcListeners.keys()]).toEqual(['host:lock-request', 'host:live-event']);
    const event = { type: 'signed-out', reason: 'roles-changed' };
    for (const l of ipcListeners.get('host:live-event')!) l({ sender: {} }, event);
    expect(events).toEqual([[event]]);
    stopLive();
    expect(ipcListeners.get('host:live-event')!.size).toBe(0);
  });

  it('imports nothing but electron, its api builder, the zod-free method list and the zod/mini live-event schema', () => {
    const dir = path.resolve(import.meta.dirname, '../../../electron/preload');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      const specifiers = [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]);
      for (const specifier of specifiers) expect(['electron', './api', '../shared/ipc/channels', '../shared/ipc/live-events'], `${file} imports ${specifier}`).toContain(specifier);
    }
  });
});
