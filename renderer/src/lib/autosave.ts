import { clock } from './clock';

/**
 * The record's autosave, as a small state machine without React (tested with fake timers):
 * - a change arms a debounce (`delay` after the last change, but never more than `maxWait` after the first unsaved
 *   one, so that a long uninterrupted statement is still saved while it is typed);
 * - at most one save is in flight; changes made meanwhile are saved after it, with the revision it returned;
 * - `flush()` saves now and resolves once nothing is left unsaved (before opening, closing, attaching, printing);
 * - a failed save is retried with a growing pause, after the next change, or at once on `retry()`;
 * - a conflict (the record was changed elsewhere) stops it for good: overwriting would lose someone's words.
 */

export type SaveStatus =
  /** Nothing unsaved. `at`: when the host last stored the record (null before the first save of this visit). */
  | { state: 'saved'; at: string | null }
  | { state: 'pending' }
  | { state: 'saving' }
  /** `offline`: the host could not be reached at all (isOffline), as opposed to refusing or failing the save. */
  | { state: 'failed'; message: string; offline?: boolean }
  | { state: 'conflict' };

export interface SaveResult {
  revision: number;
  updatedAt: string;
}

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
  now: () => number;
}

export interface AutosaverOptions<C> {
  revision: number;
  /** When the loaded record was last stored, shown until the first save. */
  savedAt: string | null;
  getContent: () => C;
  save: (content: C, revision: number) => Promise<SaveResult>;
  isConflict: (error: unknown) => boolean;
  /** Whether a failure means the host was not reached (shown as such) @default () => false */
  isOffline?: (error: unknown) => boolean;
  onStatus: (status: SaveStatus) => void;
  /** @default 1000 */
  delay?: number;
  /** @default 5000 */
  maxWait?: number;
  /** Pauses before retrying a failed save @default [2000, 5000, 10000, 30000] */
  retryDelays?: readonly number[];
  timers?: Timers;
}

/** Thrown by flush() when the record cannot be saved (the status says why). */
export class NotSavedError extends Error {
  constructor(readonly conflict: boolean, message: string) {
    super(message);
    this.name = 'NotSavedError';
  }
}

const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>), now: () => clock.nowMs() };

export class Autosaver<C> {
  private revision: number;
  private savedAt: string | null;
  /** Bumped on every change; `savedVersion` is the version the host has. */
  private version = 0;
  private savedVersion = 0;
  private inFlight: Promise<void> | null = null;
  private timer: unknown = null;
  private firstUnsavedAt: number | null = null;
  private failure: string | null = null;
  private failureOffline = false;
  private failures = 0;
  private conflict = false;
  private disposed = false;
  private readonly timers: Timers;

  constructor(private readonly options: AutosaverOptions<C>) {
    this.revision = options.revision;
    this.savedAt = options.savedAt;
    this.timers = options.timers ?? realTimers;
  }

  /** The revision the next save (or open/close) must name. */
  get currentRevision(): number {
    return this.revision;
  }

  get dirty(): boolean {
    return this.version !== this.savedVersion;
  }

  get status(): SaveStatus {
    if (this.conflict) return { state: 'conflict' };
    if (this.inFlight) return { state: 'saving' };
    if (this.failure !== null) return { state: 'failed', message: this.failure, ...(this.failureOffline ? { offline: true } : {}) };
    if (this.dirty) return { state: 'pending' };
    return { state: 'saved', at: this.savedAt };
  }

  /** The content changed. */
  changed(): void {
    if (this.disposed) return;
    this.version += 1;
    this.firstUnsavedAt ??= this.timers.now();
    if (!this.conflict) this.arm(this.options.delay ?? 1000);
    this.emit();
  }

  /** After sessions:open / sessions:close, which store the record and return a new revision. */
  adopt(result: SaveResult): void {
    this.revision = result.revision;
    this.savedAt = result.updatedAt;
    this.emit();
  }

  /** Saves whatever is unsaved, now; resolves when the host has everything, rejects with NotSavedError otherwise. */
  async flush(): Promise<void> {
    this.clearTimer();
    for (;;) {
      if (this.conflict) throw new NotSavedError(true, 'conflict');
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (!this.dirty) return;
      await this.saveOnce();
      if (this.failure !== null) throw new NotSavedError(false, this.failure);
    }
  }

  /** The 重试 button. */
  retry(): void {
    void this.flush().catch(() => undefined);
  }

  /** (Re)starts reacting to changes: the editor is shown (React may mount an effect twice in development). */
  activate(): void {
    this.disposed = false;
  }

  /** Stops timers (the editor was left; a last flush() is the caller's). */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private arm(delay: number): void {
    this.clearTimer();
    const waited = this.firstUnsavedAt === null ? 0 : this.timers.now() - this.firstUnsavedAt;
    const wait = Math.max(0, Math.min(delay, (this.options.maxWait ?? 5000) - waited));
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.fire();
    }, wait);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  /** A timer went off: one save, or, with one in flight, another right after it. */
  private fire(): void {
    if (this.disposed || this.conflict) return;
    if (this.inFlight) {
      void this.inFlight.then(() => this.fire());
      return;
    }
    if (this.dirty) void this.saveOnce();
  }

  private saveOnce(): Promise<void> {
    const version = this.version;
    const run = (async () => {
      try {
        const result = await this.options.save(this.options.getContent(), this.revision);
        this.revision = result.revision;
        this.savedAt = result.updatedAt;
        this.savedVersion = Math.max(this.savedVersion, version);
        this.failure = null;
        this.failures = 0;
        this.firstUnsavedAt = this.dirty ? this.timers.now() : null;
      } catch (error) {
        if (this.options.isConflict(error)) {
          this.conflict = true;
          this.clearTimer();
        } else {
          this.failure = error instanceof Error && error.message ? error.message : String(error);
          this.failureOffline = this.options.isOffline?.(error) ?? false;
          const pauses = this.options.retryDelays ?? [2000, 5000, 10000, 30000];
          const pause = pauses[Math.min(this.failures, pauses.length - 1)]!;
          this.failures += 1;
          if (!this.disposed) {
            this.clearTimer();
            this.timer = this.timers.set(() => {
              this.timer = null;
              this.fire();
            }, pause);
          }
        }
      }
    })();
    this.inFlight = run.finally(() => {
      this.inFlight = null;
      this.emit();
    });
    this.emit();
    return this.inFlight;
  }

  private emit(): void {
    this.options.onStatus(this.status);
  }
}
