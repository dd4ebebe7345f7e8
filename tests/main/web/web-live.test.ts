/**
 * The tab's side of browser mode's live events (renderer/src/api/web-live.ts): one EventSource on /api/live with the
 * tab id, opened after the launch code was traded; events checked against the shared schema; reopened after the
 * browser gave up; "everything may have changed" after a reconnect (events sent meanwhile are lost).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebLiveSource, type EventSourceLike } from '../../../renderer/src/api/web-live';
import type { LiveEvent } from '../../../electron/shared/ipc/live-events';

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  send(data: string) {
    this.onmessage?.({ data } as MessageEvent<string>);
  }
  fail(gaveUp: boolean) {
    this.readyState = gaveUp ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

const TAB = '0123456789abcdef0123456789abcdef';
const A = '0b0e5b3c-6a59-4f7e-9f0c-2f1c8f0d9a01';

function setup(ready: Promise<void> = Promise.resolve()) {
  const sources: FakeSource[] = [];
  const live = createWebLiveSource(TAB, ready, (url) => {
    const s = new FakeSource(url);
    sources.push(s);
    return s;
  });
  const seen: LiveEvent[] = [];
  return { live, sources, seen, listen: () => live.onLiveEvent((e) => void seen.push(e)) };
}

afterEach(() => void vi.useRealTimers());

describe('browser-mode live events', () => {
  it('opens one stream for the tab once the code was traded and someone listens', async () => {
    let release!: () => void;
    const { sources, listen, live } = setup(new Promise((r) => (release = r)));
    await Promise.resolve();
    expect(sources).toHaveLength(0);
    listen();
    live.onLiveEvent(() => undefined);
    await Promise.resolve();
    expect(sources).toHaveLength(0);
    release();
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    expect(sources[0]!.url).toBe(`/api/live?tab=${TAB}`);
  });

  it('passes on only events that match the schema', async () => {
    const { sources, listen, seen } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stop = listen();
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    const s = sources[0]!;
    s.open();
    s.send(JSON.stringify({ type: 'cases-changed', caseIds: [A], truncated: false }));
    s.send('not json');
    s.send(JSON.stringify({ type: 'cases-changed', caseIds: [A], truncated: false, name: '张三' }));
    s.send(JSON.stringify({ type: 'signed-out', reason: 'deactivated' }));
    expect(seen).toEqual([
      { type: 'cases-changed', caseIds: [A], truncated: false },
      { type: 'signed-out', reason: 'deactivated' },
    ]);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
    stop();
    s.send(JSON.stringify({ type: 'signed-out', reason: 'deactivated' }));
    expect(seen).toHaveLength(2);
  });

  it('opens again after the browser gave up, and then says every case may have changed', async () => {
    vi.useFakeTimers();
    const { sources, listen, seen } = setup();
    listen();
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    sources[0]!.open();
    expect(seen).toEqual([]);
    sources[0]!.fail(false); // dropped: the browser reconnects by itself
    expect(sources).toHaveLength(1);
    sources[0]!.fail(true); // refused (the server restarted without our cookie yet): this side tries again
    expect(sources[0]!.closed).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(sources).toHaveLength(2);
    sources[1]!.open();
    expect(seen).toEqual([{ type: 'cases-changed', caseIds: [], truncated: true }]);
  });
});
