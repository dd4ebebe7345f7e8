import { WEB_LIVE_PATH, WEB_LIVE_TAB_PARAM, type WorkstationHost } from '../../../electron/shared/ipc/channels';
import { type LiveEvent, parseLiveEvent } from '../../../electron/shared/ipc/live-events';

/** The part of EventSource the live source uses (tests pass a fake). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

/** EventSource.CLOSED: the browser gave up (the server answered with an error, e.g. before the cookie was there). */
const CLOSED = 2;
/** Waits before opening again after the browser gave up, doubling to the last. */
const RECONNECT_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Browser mode's live events: one EventSource per tab on WEB_LIVE_PATH (the cookie goes with it; the tab id in the
 * query, since EventSource sends no headers), opened once the launch code was traded (`ready`) and someone listens.
 * The browser reconnects by itself after a dropped connection; after a refusal it gives up, so this opens again with
 * a growing wait. Events that fail the shared schema are dropped. After a reconnect the listeners hear that every case
 * may have changed (events sent while the stream was down are lost).
 */
export function createWebLiveSource(tab: string, ready: Promise<void>, open: EventSourceFactory = (url) => new EventSource(url)): Pick<WorkstationHost, 'onLiveEvent'> {
  const listeners = new Set<(event: LiveEvent) => void>();
  let source: EventSourceLike | null = null;
  let started = false;
  let opened = false;
  let missed = false;
  let attempt = 0;

  const emit = (event: LiveEvent) => {
    for (const listener of [...listeners]) listener(event);
  };

  const connect = () => {
    const es = open(`${WEB_LIVE_PATH}?${WEB_LIVE_TAB_PARAM}=${encodeURIComponent(tab)}`);
    source = es;
    es.onopen = () => {
      attempt = 0;
      if (opened && missed) emit({ type: 'cases-changed', caseIds: [], truncated: true });
      opened = true;
      missed = false;
    };
    es.onmessage = (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.data);
      } catch {
        payload = null;
      }
      const event = parseLiveEvent(payload);
      if (event) emit(event);
      else console.warn('[live] dropped an event that does not match the schema');
    };
    es.onerror = () => {
      missed = true;
      if (es.readyState !== CLOSED) return; // the browser reconnects by itself
      es.close();
      const wait = RECONNECT_MS[Math.min(attempt, RECONNECT_MS.length - 1)]!;
      attempt += 1;
      setTimeout(() => {
        if (source === es) connect();
      }, wait);
    };
  };

  return {
    onLiveEvent(listener) {
      listeners.add(listener);
      if (!started) {
        started = true;
        void ready.then(connect);
      }
      return () => void listeners.delete(listener);
    },
  };
}
