import { clock } from './clock';

/**
 * The desk lock's pieces that live outside React:
 * - `registerBeforeLock`: work to finish before the desk locks (an editor saves what was typed);
 * - `requestLock`: lock now (the header's 锁屏 button, the OS locking), handled by whoever `setLockHandler`;
 * - `watchIdle`: calls back once when nobody has touched the window for the center's idle time.
 */

type BeforeLock = () => Promise<void>;
const beforeLock = new Set<BeforeLock>();

/** How long locking waits for the before-lock work; a save that hangs must not keep the desk open. */
export const BEFORE_LOCK_TIMEOUT_MS = 5000;

/** Registers work to run (and wait for) before the desk locks or the person signs out; returns the unregister. */
export function registerBeforeLock(fn: BeforeLock): () => void {
  // A wrapper, so that registering the same function twice (React StrictMode) still unregisters cleanly.
  const entry: BeforeLock = () => fn();
  beforeLock.add(entry);
  return () => void beforeLock.delete(entry);
}

/** Runs every before-lock hook and waits for all of them, or for `timeoutMs`; failures are the hooks' own business. */
export async function runBeforeLock(timeoutMs = BEFORE_LOCK_TIMEOUT_MS): Promise<void> {
  const all = Promise.allSettled(
    [...beforeLock].map(async (fn) => {
      await fn();
    }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  try {
    await Promise.race([all, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why the desk locks: idle time, the 锁屏 button, the OS (Electron), or the host already locked it. */
export type LockReason = 'idle' | 'manual' | 'host' | 'server';

let lockHandler: ((reason: LockReason) => void) | null = null;

/** The signed-in desk (AppGate) handles lock requests while it is shown. */
export function setLockHandler(handler: (reason: LockReason) => void): () => void {
  lockHandler = handler;
  return () => {
    if (lockHandler === handler) lockHandler = null;
  };
}

/** Locks the desk now (nothing happens when nobody is signed in). */
export function requestLock(reason: LockReason = 'manual'): void {
  lockHandler?.(reason);
}

/** What counts as someone using the window. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'mousedown', 'mousemove', 'keydown', 'wheel', 'touchstart', 'touchmove'] as const;

export interface IdleWatch {
  /** Counts from now again (after an unlock). */
  reset(): void;
  /** When (ms, renderer clock) the window was last used. */
  lastInputMs(): number;
  stop(): void;
}

export interface WatchIdleOptions {
  idleMs: number;
  /** Called once when `idleMs` passed without input; after that, only again after reset(). */
  onIdle: () => void;
  /** Called on every check while not idle (e.g. to tell the host the person is still here). */
  onTick?: (watch: IdleWatch) => void;
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** @default min(15 s, idleMs / 4) */
  checkEveryMs?: number;
}

/**
 * Watches the window for input and calls `onIdle` when there was none for `idleMs`. Time is the renderer clock
 * (lib/clock.ts), checked on an interval, so that a machine waking from sleep locks at its first check and tests
 * pin it with fake timers.
 */
export function watchIdle({ idleMs, onIdle, onTick, target = window, checkEveryMs }: WatchIdleOptions): IdleWatch {
  let last = clock.nowMs();
  let fired = false;
  const onInput = () => {
    last = clock.nowMs();
  };
  for (const event of ACTIVITY_EVENTS) target.addEventListener(event, onInput, { capture: true, passive: true });
  const watch: IdleWatch = {
    reset: () => {
      last = clock.nowMs();
      fired = false;
    },
    lastInputMs: () => last,
    stop: () => {
      clearInterval(timer);
      for (const event of ACTIVITY_EVENTS) target.removeEventListener(event, onInput, { capture: true });
    },
  };
  const timer = setInterval(
    () => {
      if (fired) return;
      if (clock.nowMs() - last >= idleMs) {
        fired = true;
        onIdle();
      } else onTick?.(watch);
    },
    checkEveryMs ?? Math.max(250, Math.min(15_000, idleMs / 4)),
  );
  return watch;
}
