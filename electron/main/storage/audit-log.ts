import { createHash } from 'node:crypto';
import type { AuditEvent } from '../../shared/domain';
import { type DurableFs, appendLineDurable, realFs } from './durable-fs';
import { isTampered } from './sealed-fs';

export type AuditedRecord = NonNullable<AuditEvent['record']>;

export interface AuditEntryInput {
  actorId: string;
  actorName: string;
  caseId: string | null;
  action: string;
  detail: string;
  /** Set by the store: the record the change produced (revision and SHA-256). */
  record?: AuditedRecord;
  /** What was decided, typed (AuditEvent.data). */
  data?: AuditEvent['data'];
}

/** The last two entries that produced a record: the record's file must be the last, or (a crash cut the write) the one before. */
export interface RecordTrail {
  last: AuditedRecord;
  before: AuditedRecord | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export function hashEvent(event: Omit<AuditEvent, 'hash'>): string {
  return createHash('sha256').update(JSON.stringify(event)).digest('hex');
}

function parseLines(raw: string): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const line of raw.split('\n')) {
    if (!line) continue;
    try {
      events.push(JSON.parse(line) as AuditEvent);
    } catch {
      // torn last line after a crash mid-append: the event was never acknowledged
    }
  }
  return events;
}

/**
 * Append-only, hash-chained audit log in JSON Lines (one file per case, one for the workstation). Each append is
 * fsynced before the change it describes is written, so no acknowledged change is missing from its trail.
 */
export class AuditLog {
  private head: { seq: number; hash: string } | null = null;

  /**
   * `onAppend` hears of every entry once it is durable: the integrity checkpoints keep the heads of the chains written
   * since the last checkpoint from it, instead of reading 100k logs to find the few that changed.
   */
  constructor(
    readonly file: string,
    private readonly fs: DurableFs = realFs,
    private readonly onAppend?: (event: AuditEvent) => void,
  ) {}

  /** A torn last line (crash mid-append) the next append must not be glued onto. */
  private tornTail = false;

  /** Why the log failed authentication at its last read (it then answers the entries before the damage), or null. */
  damage: string | null = null;

  private async readRaw(): Promise<string> {
    try {
      const raw = (await this.fs.readFile(this.file)).toString('utf8');
      this.damage = null;
      return raw;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      if (isTampered(error)) {
        this.damage = error.reason;
        return error.authentic.toString('utf8');
      }
      throw error;
    }
  }

  async readAll(): Promise<AuditEvent[]> {
    const raw = await this.readRaw();
    const events = parseLines(raw);
    this.trails = trailsOf(events);
    // A case is opened before it is saved: the save's append then chains on without reading and decrypting the
    // whole log a second time.
    this.head ??= this.headOf(raw, events);
    return events;
  }

  private headOf(raw: string, events: readonly AuditEvent[]): { seq: number; hash: string } {
    const last = events.at(-1);
    this.tornTail = raw.length > 0 && !raw.endsWith('\n');
    return last ? { seq: last.seq, hash: last.hash } : { seq: -1, hash: GENESIS_HASH };
  }

  /** What the trail says a record's file must hold (null when no entry produced it: written before trails proved content). */
  private trails: Map<string, RecordTrail> | null = null;

  async trailOf(kind: AuditedRecord['kind'], id: string): Promise<RecordTrail | null> {
    if (!this.trails) await this.readAll();
    return this.trails!.get(`${kind}:${id}`) ?? null;
  }

  private async loadHead(): Promise<{ seq: number; hash: string }> {
    if (!this.head) {
      const raw = await this.readRaw();
      // An append may have read and moved the head meanwhile: what this read saw is older then.
      this.head ??= this.headOf(raw, parseLines(raw));
    }
    return this.head;
  }

  /** The last entry's seq and hash (seq -1 and the genesis hash for an empty log), read once and then kept. */
  async currentHead(): Promise<{ seq: number; hash: string }> {
    return { ...(await this.loadHead()) };
  }

  /** Appends run one after another: two at once would both chain onto the same head and fork the chain. */
  private appending: Promise<unknown> = Promise.resolve();

  /** `at` comes from the injected clock (the store's and the workstation's); the default is for tools and tests. */
  append(entry: AuditEntryInput, at = new Date().toISOString()): Promise<AuditEvent> {
    const next = this.appending.then(() => this.appendNow(entry, at));
    this.appending = next.catch(() => undefined);
    return next;
  }

  /**
   * Appends entries prepared with chainEvents, skipping those already in the log: a unit of work rolled forward
   * after a crash appends what is missing and nothing twice. Entries that do not follow the head are refused.
   */
  appendPrepared(events: readonly AuditEvent[]): Promise<void> {
    const next = this.appending.then(async () => {
      const head = await this.loadHead();
      const todo = events.filter((e) => e.seq > head.seq);
      if (todo.length === 0) return;
      if (todo[0]!.seq !== head.seq + 1 || todo[0]!.prevHash !== head.hash) throw new Error(`${this.file}: prepared entries do not follow the chain's head (seq ${head.seq})`);
      await appendLineDurable(this.file, (this.tornTail ? '\n' : '') + todo.map((e) => JSON.stringify(e)).join('\n'), this.fs);
      this.tornTail = false;
      for (const event of todo) {
        this.head = { seq: event.seq, hash: event.hash };
        if (this.trails && event.record) addTrail(this.trails, event.record);
        this.onAppend?.(event);
      }
    });
    this.appending = next.catch(() => undefined);
    return next;
  }

  private async appendNow(entry: AuditEntryInput, at: string): Promise<AuditEvent> {
    const head = await this.loadHead();
    const base = { seq: head.seq + 1, at, ...entry, prevHash: head.hash };
    const event: AuditEvent = { ...base, hash: hashEvent(base) };
    await appendLineDurable(this.file, (this.tornTail ? '\n' : '') + JSON.stringify(event), this.fs);
    this.tornTail = false;
    this.head = { seq: event.seq, hash: event.hash };
    if (this.trails && event.record) addTrail(this.trails, event.record);
    this.onAppend?.(event);
    return event;
  }
}

/** Chains entries onto a head, as `append` would one after another (a unit of work prepares its entries this way). */
export function chainEvents(head: { seq: number; hash: string }, entries: readonly AuditEntryInput[], at: string): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prev = head;
  for (const entry of entries) {
    const base = { seq: prev.seq + 1, at, ...entry, prevHash: prev.hash };
    const event: AuditEvent = { ...base, hash: hashEvent(base) };
    events.push(event);
    prev = { seq: event.seq, hash: event.hash };
  }
  return events;
}

function addTrail(trails: Map<string, RecordTrail>, record: AuditedRecord): void {
  const key = `${record.kind}:${record.id}`;
  trails.set(key, { last: record, before: trails.get(key)?.last ?? null });
}

function trailsOf(events: readonly AuditEvent[]): Map<string, RecordTrail> {
  const trails = new Map<string, RecordTrail>();
  for (const e of events) if (e.record) addTrail(trails, e.record);
  return trails;
}

/**
 * How a record read from its file stands to its trail: `match` (the last entry's revision and content), `previous`
 * (the entry before: either the last write was cut by a crash before its rename and never acknowledged, or someone
 * put the previous generation back: the files cannot tell which, so it is said, never passed over), `none` (no entry
 * proves it: written before trails proved content) or `mismatch` (an older generation, content the trail never saw).
 */
export function checkAgainstTrail(trail: RecordTrail | null, revision: number, sha256: string): 'match' | 'previous' | 'none' | 'mismatch' {
  if (!trail) return 'none';
  if (trail.last.revision === revision) return trail.last.sha256 === sha256 ? 'match' : 'mismatch';
  return trail.before !== null && trail.before.revision === revision && trail.before.sha256 === sha256 && trail.last.revision === revision + 1 ? 'previous' : 'mismatch';
}

/** Verifies a chain: returns the seq of the first broken link, or null when intact. */
export function findBrokenLink(events: AuditEvent[]): number | null {
  let prev = GENESIS_HASH;
  for (const e of events) {
    const { hash, ...rest } = e;
    if (e.prevHash !== prev || hashEvent(rest) !== hash) return e.seq;
    prev = hash;
  }
  return null;
}
