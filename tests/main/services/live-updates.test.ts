import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveUpdates, liveUpdatesFor } from '../../../electron/main/services/live-updates';
import { ChangeFeed } from '../../../electron/main/storage/change-feed';
import type { Workstation } from '../../../electron/main/services/workstation';
import { type LiveEvent, MAX_LIVE_CASE_IDS, parseLiveEvent } from '../../../electron/shared/ipc/live-events';
import { addStaff, call, makeTempDir, openWorkstation, removeDir, setUp, signInAs } from '../../fixtures/workstation';
import { roadTrafficCaseInput } from '../../fixtures/cases';

const A = '0b0e5b3c-6a59-4f7e-9f0c-2f1c8f0d9a01';
const B = '0b0e5b3c-6a59-4f7e-9f0c-2f1c8f0d9a02';

/** A feed like a store's, and a LiveUpdates on fake timers where everyone in `signedIn` counts as signed in. */
function setup(signedIn = new Set(['w1', 'w2'])) {
  vi.useFakeTimers();
  const feed = new ChangeFeed();
  const live = new LiveUpdates({ isSignedIn: (c) => signedIn.has(c) });
  live.follow({ onChange: (l) => feed.subscribe(l) });
  const got = new Map<string, LiveEvent[]>();
  const listen = (connection: string) => live.register(connection, (e) => got.set(connection, [...(got.get(connection) ?? []), e]));
  const change = (caseId: string) => feed.emit({ caseId, kind: 'case', origin: 'local' });
  return { feed, live, got, listen, change, signedIn };
}

afterEach(() => void vi.useRealTimers());

describe('LiveUpdates', () => {
  it('coalesces a burst into one event per connection carrying every changed id, once ~100 ms have passed', () => {
    const { got, listen, change } = setup();
    listen('w1');
    listen('w2');
    change(A);
    change(B);
    change(A);
    vi.advanceTimersByTime(99);
    expect(got.size).toBe(0);
    vi.advanceTimersByTime(1);
    const event: LiveEvent = { type: 'cases-changed', caseIds: [A, B], truncated: false };
    expect(got.get('w1')).toEqual([event]);
    expect(got.get('w2')).toEqual([event]);
    // Every event it makes passes the schema the preload and the web bridge check with.
    expect(parseLiveEvent(event)).toEqual(event);
    change(B);
    vi.advanceTimersByTime(100);
    expect(got.get('w1')).toEqual([event, { type: 'cases-changed', caseIds: [B], truncated: false }]);
  });

  it('tells only signed-in connections about cases, and nothing after a channel is removed', () => {
    const { got, listen, change } = setup(new Set(['w1']));
    const stop = listen('w1');
    listen('sign-in-page');
    change(A);
    vi.advanceTimersByTime(100);
    expect([...got.keys()]).toEqual(['w1']);
    stop();
    change(B);
    vi.advanceTimersByTime(100);
    expect(got.get('w1')).toHaveLength(1);
  });

  it('says "truncated" instead of listing more ids than an event may carry', () => {
    const { got, listen, change } = setup();
    listen('w1');
    for (let i = 0; i <= MAX_LIVE_CASE_IDS; i += 1) change(`case-${i}`);
    vi.advanceTimersByTime(100);
    expect(got.get('w1')).toEqual([{ type: 'cases-changed', caseIds: [], truncated: true }]);
  });

  it('follows only the latest store, and nothing once closed', () => {
    const { live, got, listen, change } = setup();
    listen('w1');
    const second = new ChangeFeed();
    live.follow({ onChange: (l) => second.subscribe(l) });
    change(A);
    second.emit({ caseId: B, kind: 'session', origin: 'remote' });
    vi.advanceTimersByTime(100);
    expect(got.get('w1')).toEqual([{ type: 'cases-changed', caseIds: [B], truncated: false }]);
    live.close();
    second.emit({ caseId: A, kind: 'case', origin: 'local' });
    vi.advanceTimersByTime(100);
    expect(got.get('w1')).toHaveLength(1);
    expect(live.size).toBe(0);
  });

  it('sends signed-out only to connections still signed out when it is sent', async () => {
    const { live, got, listen, signedIn } = setup(new Set(['w2']));
    listen('w1');
    listen('w2');
    live.signedOut(['w1', 'w2'], 'deactivated');
    await Promise.resolve();
    expect(got.get('w1')).toEqual([{ type: 'signed-out', reason: 'deactivated' }]);
    expect(got.has('w2')).toBe(false);
    signedIn.clear();
  });

  it('a channel that throws does not keep the others from hearing', () => {
    const { live, got, listen, change } = setup();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    live.register('w1', () => {
      throw new Error('window gone');
    });
    listen('w1');
    change(A);
    vi.advanceTimersByTime(100);
    expect(got.get('w1')).toHaveLength(1);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});

describe('liveUpdatesFor a workstation', () => {
  let dir: string | null = null;
  let ws: Workstation | null = null;
  afterEach(async () => {
    await ws?.close();
    if (dir) await removeDir(dir);
    ws = null;
    dir = null;
  });

  it('follows the store once a sign-in opens it, and tells a deactivated person’s windows at once', async () => {
    dir = await makeTempDir('live-updates-');
    ws = await openWorkstation(dir);
    // Created before anyone signed in: the store is still sealed, so there is no feed to follow yet.
    const live = liveUpdatesFor(ws, { coalesceMs: 5 });
    const got = new Map<string, LiveEvent[]>();
    const listen = (connection: string) => live.register(connection, (e) => got.set(connection, [...(got.get(connection) ?? []), e]));
    for (const c of ['admin', 'clerk', 'clerk-2', 'nobody']) listen(c);

    await setUp(ws, 'admin');
    const clerk = await addStaff(ws, { name: '李登记', roles: ['clerk'], loginName: 'li-live' }, 'admin');
    await signInAs(ws, 'li-live', 'clerk');
    await signInAs(ws, 'li-live', 'clerk-2');
    const record = await call(ws, 'cases:create', roadTrafficCaseInput(), 'clerk');
    await vi.waitFor(() => expect(got.get('admin')?.at(-1)).toEqual({ type: 'cases-changed', caseIds: [record.id], truncated: false }));
    expect(got.get('clerk')?.at(-1)).toEqual({ type: 'cases-changed', caseIds: [record.id], truncated: false });
    expect(got.has('nobody')).toBe(false);

    await call(ws, 'staff:set-active', { id: clerk.id, active: false }, 'admin');
    await vi.waitFor(() => expect(got.get('clerk')?.at(-1)).toEqual({ type: 'signed-out', reason: 'deactivated' }));
    expect(got.get('clerk-2')?.at(-1)).toEqual({ type: 'signed-out', reason: 'deactivated' });
    expect(got.get('admin')?.some((e) => e.type === 'signed-out')).toBe(false);
    live.close();
  });
});
