import type pg from 'pg';
import type { AuditEvent } from '../../../shared/domain';
import { GENESIS_HASH, hashEvent } from '../audit-log';
import type { CenterAuditInput, CenterState } from '../center-state';
import { EMPTY_WORKSTATION, type WorkstationData, WorkstationSchema } from '../workstation-file';
import { PgListener } from './change-listener';
import { type PgConnection, createPool, inTransaction } from './connection';
import { LOCKS, lockSql } from './locks';
import { migrate } from './migrations';

/** Announced (at COMMIT) by every change of the center's state: the payload is the new revision, nothing else. */
const CENTER_CHANNEL = 'mw_center';

/** The center state in a database nobody has set up yet (or whose row is damaged: then open refuses). */
export class CenterStateUnreadableError extends Error {
  constructor(cause: unknown) {
    super(`the center's settings and staff in the database cannot be read: ${(cause as Error).message}`, { cause });
    this.name = 'CenterStateUnreadableError';
  }
}

function parseDoc(doc: unknown): WorkstationData {
  const parsed = WorkstationSchema.safeParse(doc);
  if (!parsed.success) throw new CenterStateUnreadableError(new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')));
  return parsed.data;
}

/**
 * The center state of desks sharing one PostgreSQL database: the row `center_state` and the trail
 * `center_audit_events` (migration 3). A change locks the row, runs on what the row holds then (another desk's change
 * a moment ago included), appends its entry and writes the row in one transaction, and announces the revision; the
 * other desks reload the row when they hear it, or when their listener reconnects.
 */
export class PgCenterState implements CenterState {
  private current: WorkstationData;
  private revision: number;
  private listener: PgListener | null = null;
  private readonly remoteListeners = new Set<() => void>();
  private closed = false;
  readonly problems = [];
  /**
   * Whether a state read from the database may replace what this desk holds (set by the workstation once it holds
   * the data key: a row whose HMAC does not match was changed outside the app and is not taken).
   */
  accept: (data: WorkstationData) => boolean = () => true;
  /** Told when a state another desk wrote could not be taken (the workstation reports it). */
  onRefused: (error: Error) => void = (error) => console.error(error);

  private constructor(
    /** The desk's connections for the center's state and small files (pg-folder-fs.ts). */
    readonly pool: pg.Pool,
    row: { revision: number; doc: unknown } | undefined,
  ) {
    this.current = row ? parseDoc(row.doc) : structuredClone(EMPTY_WORKSTATION);
    this.revision = row?.revision ?? -1;
  }

  /** Migrates the schema if needed, reads the state, and listens for other desks' changes. */
  static async open(connection: PgConnection, onConnection?: (connected: boolean) => void): Promise<PgCenterState> {
    const pool = createPool(connection, 2);
    try {
      await migrate(pool);
      const row = (await pool.query<{ revision: number; doc: unknown }>('SELECT revision, doc FROM center_state')).rows[0];
      const state = new PgCenterState(pool, row);
      state.listener = new PgListener(connection, CENTER_CHANNEL, () => void state.reload(), () => void state.reload(), onConnection);
      await state.listener.start();
      return state;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  get data(): WorkstationData {
    return this.current;
  }

  /** Takes the row when it is newer than what this desk holds (another desk changed it). */
  private async reload(): Promise<void> {
    if (this.closed) return;
    try {
      const row = (await this.pool.query<{ revision: number; doc: unknown }>('SELECT revision, doc FROM center_state WHERE revision > $1', [this.revision])).rows[0];
      if (!row || row.revision <= this.revision) return;
      const data = parseDoc(row.doc);
      if (!this.accept(data)) throw new CenterStateUnreadableError(new Error(`revision ${row.revision} does not authenticate`));
      this.current = data;
      this.revision = row.revision;
    } catch (error) {
      this.onRefused(error as Error);
      return;
    }
    for (const listener of this.remoteListeners) {
      try {
        listener();
      } catch (error) {
        console.error('a center-state listener failed', error);
      }
    }
  }

  async update(change: (draft: WorkstationData) => void, audit: CenterAuditInput, at: string): Promise<void> {
    const { data, revision } = await inTransaction(this.pool, async (client) => {
      await client.query(`INSERT INTO center_state (revision, doc) VALUES (0, $1) ON CONFLICT DO NOTHING`, [JSON.stringify(EMPTY_WORKSTATION)]);
      const row = (await client.query<{ revision: number; doc: unknown }>('SELECT revision, doc FROM center_state FOR UPDATE')).rows[0]!;
      const draft = parseDoc(row.doc);
      // Never build on a row changed outside the app: the change would authenticate it anew (launder it).
      if (row.revision !== this.revision && !this.accept(draft)) throw new CenterStateUnreadableError(new Error(`revision ${row.revision} does not authenticate`));
      change(draft);
      await this.appendIn(client, audit, at);
      await client.query('UPDATE center_state SET revision = $1, doc = $2', [row.revision + 1, JSON.stringify(draft)]);
      await client.query('SELECT pg_notify($1, $2)', [CENTER_CHANNEL, String(row.revision + 1)]);
      return { data: draft, revision: row.revision + 1 };
    });
    if (revision > this.revision) {
      this.current = data;
      this.revision = revision;
    }
  }

  append(entry: CenterAuditInput, at: string): Promise<AuditEvent> {
    return inTransaction(this.pool, (client) => this.appendIn(client, entry, at));
  }

  /** Appends run one at a time across desks (a transaction lock): two at once would fork the chain. */
  private async appendIn(client: pg.PoolClient, entry: CenterAuditInput, at: string): Promise<AuditEvent> {
    await client.query(lockSql('pg_advisory_xact_lock', LOCKS.centerTrail));
    const head = (await client.query<{ seq: number; hash: string }>('SELECT seq, hash FROM center_audit_events ORDER BY seq DESC LIMIT 1')).rows[0];
    const base = { seq: head ? head.seq + 1 : 0, at, ...entry, caseId: null, prevHash: head?.hash ?? GENESIS_HASH };
    const event: AuditEvent = { ...base, hash: hashEvent(base) };
    await client.query('INSERT INTO center_audit_events (seq, prev_hash, hash, event) VALUES ($1, $2, $3, $4)', [event.seq, event.prevHash, event.hash, JSON.stringify(event)]);
    return event;
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const row = (await this.pool.query<{ seq: number; hash: string }>('SELECT seq, hash FROM center_audit_events ORDER BY seq DESC LIMIT 1')).rows[0];
    return row ? { seq: row.seq, hash: row.hash } : { seq: -1, hash: GENESIS_HASH };
  }

  /** The whole trail, each entry as written: the chain check (findBrokenLink) finds any that was changed. */
  async trail(): Promise<AuditEvent[]> {
    const { rows } = await this.pool.query<{ event: string }>('SELECT event FROM center_audit_events ORDER BY seq');
    return rows.map((r) => JSON.parse(r.event) as AuditEvent);
  }

  /** Asks the server whether it answers; a desk whose listener lost the connection probes with it (app:info). */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
    this.listener?.retryNow();
  }

  onRemoteChange(listener: () => void): () => void {
    this.remoteListeners.add(listener);
    return () => void this.remoteListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.close();
    await this.pool.end().catch(() => undefined);
  }
}
