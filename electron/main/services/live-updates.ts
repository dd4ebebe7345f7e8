import { type LiveEvent, MAX_LIVE_CASE_IDS, type SignOutReason } from '../../shared/ipc/live-events';
import type { CaseStore, StoreChange } from '../storage/case-store';
import type { Workstation } from './workstation';

/** One open channel to a screen: an Electron window's webContents, or a browser tab's event stream. */
export type LiveSend = (event: LiveEvent) => void;

export interface LiveUpdatesOptions {
  /**
   * Whether a connection is signed in now. Case events go to signed-in connections only (a sign-in screen needs no
   * ids); a signed-out event only to connections still signed out when it is sent.
   */
  isSignedIn: (connection: string) => boolean;
  /** Bursts of writes within this window become one event per connection @default 100 */
  coalesceMs?: number;
  /** Injected for tests @default setTimeout / clearTimeout */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * Fans the case store's change feed out to the screens that are open: the live half of issue #14 between the store
 * and what the renderer shows. No Electron here: the Electron host (live-ipc.ts) and browser mode (web/server.ts)
 * register their connections, and plain-Node tests drive it with fakes.
 *
 * Case changes are coalesced: every id written within `coalesceMs` of the first goes out in one event, so a
 * registration (case, index, summary) or a burst of autosaves costs each screen one refetch, not one per write.
 */
export class LiveUpdates {
  private readonly connections = new Map<string, Set<LiveSend>>();
  private readonly pending = new Set<string>();
  private timer: unknown = null;
  private unfollow: (() => void) | null = null;
  private closed = false;
  private readonly teardowns: (() => void)[] = [];
  private readonly coalesceMs: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly opts: LiveUpdatesOptions) {
    this.coalesceMs = opts.coalesceMs ?? 100;
    this.setTimer = opts.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = opts.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** Listens to a store's change feed (replacing the store followed before, e.g. when a store is reopened). */
  follow(store: Pick<CaseStore, 'onChange'>): void {
    this.unfollow?.();
    this.unfollow = this.closed ? null : store.onChange((change) => this.changed(change));
  }

  /**
   * Adds a channel to a connection's screen; returns the way to remove it. A connection may briefly have two (a
   * browser tab reconnecting before the server noticed the old stream close): each gets every event.
   */
  register(connection: string, send: LiveSend): () => void {
    let sends = this.connections.get(connection);
    if (!sends) this.connections.set(connection, (sends = new Set()));
    sends.add(send);
    return () => {
      sends.delete(send);
      if (sends.size === 0 && this.connections.get(connection) === sends) this.connections.delete(connection);
    };
  }

  /** How many connections have a channel open (tests, diagnostics). */
  get size(): number {
    return this.connections.size;
  }

  /**
   * Someone else ended these connections' sign-ins (an administrator deactivated the account, changed its roles,
   * reset its password): their screens go to sign-in now. Sent after the current call's synchronous work, and only
   * to a connection still signed out then (a recovery sign-in ends the person's sign-ins and signs this one in again).
   */
  signedOut(connections: readonly string[], reason: SignOutReason): void {
    queueMicrotask(() => {
      for (const connection of connections) {
        if (this.opts.isSignedIn(connection)) continue;
        this.sendTo(connection, { type: 'signed-out', reason });
      }
    });
  }

  /** The center database went away or came back: every screen hears it, signed in or not (the sign-in screen too). */
  database(connected: boolean): void {
    for (const connection of [...this.connections.keys()]) this.sendTo(connection, { type: 'database', connected });
  }

  /** Runs `teardown` at close (e.g. to stop listening to what feeds this). */
  onClose(teardown: () => void): void {
    this.teardowns.push(teardown);
  }

  /** Stops following the store and drops every channel and pending change. */
  close(): void {
    this.closed = true;
    for (const teardown of this.teardowns.splice(0)) teardown();
    this.unfollow?.();
    this.unfollow = null;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.pending.clear();
    this.connections.clear();
  }

  private changed(change: StoreChange): void {
    if (this.closed) return;
    this.pending.add(change.caseId);
    this.timer ??= this.setTimer(() => this.flush(), this.coalesceMs);
  }

  private flush(): void {
    this.timer = null;
    if (this.pending.size === 0) return;
    const ids = [...this.pending];
    this.pending.clear();
    const truncated = ids.length > MAX_LIVE_CASE_IDS;
    const event: LiveEvent = { type: 'cases-changed', caseIds: truncated ? [] : ids, truncated };
    for (const connection of [...this.connections.keys()]) {
      if (this.opts.isSignedIn(connection)) this.sendTo(connection, event);
    }
  }

  private sendTo(connection: string, event: LiveEvent): void {
    for (const send of [...(this.connections.get(connection) ?? [])]) {
      try {
        send(event);
      } catch (error) {
        // One broken channel (a window closing as we send) must not keep the others from hearing.
        console.error('a live channel failed', error);
      }
    }
  }
}

/**
 * The live feed of a workstation: follows its case store from the moment a sign-in opens it, and tells the screens
 * whose sign-ins an account change ended. Returns the feed; `close()` on it also stops listening to the workstation.
 */
export function liveUpdatesFor(ws: Workstation, opts: Omit<LiveUpdatesOptions, 'isSignedIn'> = {}): LiveUpdates {
  const live = new LiveUpdates({ ...opts, isSignedIn: (connection) => ws.currentSignIn(connection) !== null });
  live.onClose(ws.onStoreOpened((store) => live.follow(store)));
  live.onClose(ws.signIns.onEnded((connections, reason) => live.signedOut(connections, reason)));
  live.onClose(ws.onDatabaseConnection((connected) => live.database(connected)));
  return live;
}
