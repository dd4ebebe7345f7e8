import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  type AgreementRecord,
  type AuditEvent,
  type CaseRecord,
  CaseRecordSchema,
  type CaseStatus,
  type CaseSummary,
  type SessionRecord,
  disputeTypeLabel,
  getCaseSummary,
} from '../../../shared/domain';
import type { RelatedCase } from '../../../shared/ipc/contract';
import { searchIdentityKeys } from '../../../shared/validation/normalise';
import type { CaseFilter, CaseQuery, CaseQueryResult } from '../case-query';
import {
  type CaseAudit,
  type CaseFileArea,
  CaseNotFoundError,
  type CaseStore,
  type CaseUnit,
  type ChainHead,
  type NewCaseNumber,
  RevisionConflictError,
  type SavedParts,
  type StoreChange,
  type UnitResult,
} from '../case-store';
import { BundleRefusedError, type CaseBundle, checkBundle, issuedOf, presentOrRefused } from '../case-bundle';
import { ChangeFeed } from '../change-feed';
import { CHANGES_CHANNEL, type ChangeNotice, PgListener, announce, announceAll, parseNotice } from './change-listener';
import type { FileProblem } from '../durable-json-file';
import { hashIdentityKey } from '../identity-hash';
import { contentSha } from '../sha256';
import { appendAudit, readAudit } from './audit-rows';
import { exportBundles } from './bulk-export';
import { importBundles } from './bulk-import';
import { takeCaseNumber } from './case-numbers';
import { type PgConnection, createPool, inTransaction } from './connection';
import { findIssued, insertFile, insertIssued, readFileRow } from './file-rows';
import { LOCKS, lockSql } from './locks';
import { migrate } from './migrations';
import { PgReadModel } from './read-model';
import { type ReadModelCache, readModelCache, writeModelCache } from './read-model-cache';
import { PARTS, type PartKind, type PartRecord, type RowContext, UUID, caseExists, lockCase, readRecord, writePart } from './record-rows';
import { openRow, rowLabel, rowName, sealRow } from './sealed-rows';

/** Delay before building the related-case postings after open: long enough for the first screen (as the file store). */
const WARM_UP_DELAY_MS = 500;

export interface PgCaseStoreOptions {
  /** The desk's connection (its login role is a member of mw_desk; the owner's on the first open, which migrates). */
  connection: PgConnection;
  /** The records key (keyring.ts subKey(dataKey, 'records')): every personal column is sealed with it. */
  recordsKey: Buffer;
  /** The injected clock: audit entries take their time from it. */
  now?: () => Date;
  /** Connections this desk keeps at most. */
  poolSize?: number;
  /** The desk's copy of the list (read-model-cache.ts): a start reads only what changed since it was written. */
  cache?: ReadModelCache;
}

/** After a start that read every summary, the desk's copy is written this long after (the first screen comes first). */
const CACHE_DELAY_MS = 3_000;

/**
 * The case store of a center whose desks share one PostgreSQL database (issue #14). Same port, same behaviour as
 * the file store: a change and its audit entry commit in one transaction (and the call returns only after COMMIT
 * returned, synchronous_commit on), revisions guard against lost updates across desks (the row is locked while it
 * is compared and written), case numbers are gapless per year across desks (case-numbers.ts), every personal
 * column is sealed with the records key under a name of its own row (sealed-rows.ts). Lists and lookups are
 * answered from an in-memory CaseIndex (read-model.ts).
 */
export class PgCaseStore implements CaseStore {
  private readonly model: PgReadModel;
  private readonly heads = new Map<string, ChainHead>();
  private readonly found: FileProblem[] = [];
  private lookupKey: Buffer = Buffer.alloc(0);
  private warmUp: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly feed = new ChangeFeed();
  /** What the row helpers (record-rows.ts, file-rows.ts) need of the store. */
  private readonly rows: RowContext;
  private closed = false;
  /** This store instance, as its change notices name it (a desk ignores its own). */
  private readonly desk = randomUUID();
  private listener: PgListener | null = null;
  private cache: ReadModelCache | null = null;
  private cacheTimer: NodeJS.Timeout | null = null;

  /** Which database this is, for the desk's copy of the list: derived from its own random lookup key. */
  private get instance(): string {
    return createHash('sha256').update('mw-read-model-instance\0').update(this.lookupKey).digest('hex').slice(0, 32);
  }

  /** Writes the desk's copy of the list; a failure costs only a slower next start. */
  private async saveCache(): Promise<void> {
    if (!this.cache) return;
    try {
      await writeModelCache(this.cache, this.instance, [...this.model.index.all()], this.model.lastChange);
    } catch (error) {
      console.error('writing the desk copy of the case list failed (the next start reads the database whole)', error);
    }
  }

  private constructor(
    private readonly pool: pg.Pool,
    private readonly key: Buffer,
    private readonly now: () => Date,
  ) {
    this.rows = { key, report: (p) => this.report(p), describe: (caseId, year, seq) => this.describe(caseId, year, seq), at: () => this.now().toISOString() };
    this.model = new PgReadModel(
      pool,
      key,
      (caseId, reason) => this.recoverSummary(caseId, reason),
      (caseId) => this.feed.emit({ caseId, kind: 'case', origin: 'remote' }),
    );
  }

  /** Migrates the schema if needed (once across desks opening together), loads the lookup key and the list. */
  static async open(opts: PgCaseStoreOptions): Promise<PgCaseStore> {
    if (opts.recordsKey.length !== 32) throw new Error('the records key must be 32 bytes');
    const pool = createPool(opts.connection, opts.poolSize);
    try {
      await migrate(pool);
      const store = new PgCaseStore(pool, opts.recordsKey, opts.now ?? (() => new Date()));
      await store.checkServer();
      await store.loadLookupKey();
      store.cache = opts.cache ?? null;
      const cached = store.cache ? await readModelCache(store.cache, store.instance) : null;
      if (cached) {
        store.model.loadCached(cached.snapshot, cached.seen);
        await store.model.refresh();
      } else {
        await store.model.load();
        if (store.cache) {
          store.cacheTimer = setTimeout(() => void store.saveCache(), CACHE_DELAY_MS);
          store.cacheTimer.unref();
        }
      }
      store.listener = new PgListener(
        opts.connection,
        CHANGES_CHANNEL,
        (payload) => {
          const notice = parseNotice(payload);
          if (notice && notice.desk !== store.desk) store.heard(notice);
        },
        () => void store.refresh().catch(() => undefined),
      );
      await store.listener.start();
      store.warmUp = setTimeout(() => store.model.index.warmUp(), WARM_UP_DELAY_MS);
      store.warmUp.unref();
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Another desk's change, announced by PostgreSQL (LISTEN/NOTIFY): a case change brings this desk's list up to date
   * (refresh tells the screens of each case it changed); a session, agreement, file or note is passed on as it is.
   */
  private heard(notice: ChangeNotice): void {
    if (this.closed) return;
    if (notice.kind === 'case') void this.refresh().catch((error: unknown) => console.error('refreshing the case list after another desk\'s change failed', error));
    else this.feed.emit({ caseId: notice.caseId, kind: notice.kind, origin: 'remote' });
  }

  /** The highest change number this desk's list has loaded (see refresh). */
  get lastChange(): number {
    return this.model.lastChange;
  }

  /**
   * Loads the summaries other desks changed since the last refresh (or open) into this desk's list; returns how many
   * cases changed in it. Driven by other desks' notices (heard) and after the listener reconnects; safe to call at any time and concurrently.
   */
  refresh(): Promise<number> {
    return this.track(this.model.refresh());
  }

  /**
   * synchronous_commit must be on for every session of the store. fsync off on the server would make every
   * acknowledged write losable in a power cut: said on every screen, not refused (the desk can still work, and the
   * administrator is the one to fix the server).
   */
  private async checkServer(): Promise<void> {
    // The pool asks for synchronous_commit at connection (connection.ts); a setting that still wins over that (a
    // connection string's own options) would let a COMMIT return before its WAL is on disk: refuse to run on it.
    const synchronous = (await this.pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit;
    if (synchronous !== 'on' && synchronous !== 'remote_apply') throw new Error(`synchronous_commit is ${synchronous} on this connection; the store needs it on`);
    const fsync = (await this.pool.query<{ fsync: string }>('SHOW fsync')).rows[0]!.fsync;
    if (fsync !== 'on') this.report({ file: 'postgresql:server', message: '数据库服务器关闭了 fsync：断电或死机时，已保存的案件数据可能丢失，请联系管理员修改数据库设置', quarantinedTo: null, restoredFromPrevious: false });
  }

  /**
   * The key of the related-case lookup hashes (identity-hash.ts), created once by the first desk, kept sealed in
   * store_keys; every desk must use the same one or their lists could not find each other's cases by ID number. One
   * that fails authentication stops the open: every summary's lookup keys were made with it, and a new key would
   * silently find nothing (or a wrong records key was given, and nothing would open anyway).
   */
  private async loadLookupKey(): Promise<void> {
    const name = rowName.key('lookup');
    this.lookupKey = await inTransaction(this.pool, async (client) => {
      await client.query(lockSql('pg_advisory_xact_lock', LOCKS.keys));
      const row = (await client.query<{ sealed: Buffer }>('SELECT sealed FROM store_keys WHERE name = $1', ['lookup'])).rows[0];
      if (row) return openRow(this.key, name, row.sealed);
      const key = randomBytes(32);
      await client.query('INSERT INTO store_keys (name, sealed) VALUES ($1, $2)', ['lookup', sealRow(this.key, name, key)]);
      return key;
    });
  }

  private hashKey(key: string): string {
    return hashIdentityKey(this.lookupKey, key);
  }

  /** The list's read model with the lookup keys hashed (no full ID number or phone in it, as in the file store). */
  private summarise(record: CaseRecord): CaseSummary {
    const summary = getCaseSummary(record, disputeTypeLabel);
    return { ...summary, identityKeys: summary.identityKeys.map((k) => this.hashKey(k)) };
  }

  /** Keeps every operation's promise until it settles, so close() ends the pool only after the last one. */
  private track<T>(work: Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the case store is closed'));
    this.inFlight.add(work);
    void work.then(
      () => this.inFlight.delete(work),
      () => this.inFlight.delete(work),
    );
    return work;
  }

  private report(p: FileProblem): void {
    if (!this.found.some((f) => f.file === p.file && f.message === p.message)) this.found.push(p);
  }

  /** How a case is named to the user: its number when the list knows it. */
  private describe(caseId: string, year?: number, seq?: number): string {
    const known = this.model.index.get(caseId);
    if (known) return `案件${known.caseNumber}`;
    return year !== undefined ? `${year}年第${seq}号案件` : `案件（${caseId}）`;
  }

  /** A summary row failed authentication: the case's own record is summarised instead (see PgReadModel). */
  private async recoverSummary(caseId: string, reason: string): Promise<CaseSummary | null> {
    this.report({ file: rowLabel(rowName.summary(caseId)), message: `${this.describe(caseId)}在案件列表中的摘要未通过完整性校验（可能在本软件之外被改动），已按案件数据重新生成`, quarantinedTo: null, restoredFromPrevious: false, tampered: true });
    try {
      // Read directly, not through get(): at open the index is still being filled and must not be touched.
      const record = await readRecord(this.rows, this.pool, 'case', caseId, caseId);
      return record ? this.summarise(record) : null;
    } catch (error) {
      console.error(`case ${caseId} cannot be listed: its summary (${reason}) and its record fail`, error);
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reading sealed records
  // ---------------------------------------------------------------------------------------------------------------

  // ---------------------------------------------------------------------------------------------------------------
  // Cases
  // ---------------------------------------------------------------------------------------------------------------

  /**
   * Writes a case row, its audit entry and its summary in the caller's transaction; the change number is taken last,
   * so the counter row is held only for the commit. The summary is derived first: it throws on an impossible history,
   * and nothing may be written for a rejected change.
   */
  private async writeCase(client: pg.PoolClient, record: CaseRecord, audit: CaseAudit, isNew: boolean): Promise<{ summary: CaseSummary; event: AuditEvent }> {
    const summary = this.summarise(record);
    const sealed = sealRow(this.key, rowName.case(record.id), JSON.stringify(record));
    const clear = [record.id, record.revision, summary.status satisfies CaseStatus, summary.disputeType, summary.mediatorIds, record.createdAt, record.updatedAt, sealed];
    if (isNew) {
      await client.query(
        `INSERT INTO cases (id, revision, status, dispute_type, mediator_ids, registered_at, updated_at, record, year, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [...clear, record.year, record.seq],
      );
    } else {
      await client.query(`UPDATE cases SET revision = $2, status = $3, dispute_type = $4, mediator_ids = $5, registered_at = $6, updated_at = $7, record = $8 WHERE id = $1`, clear);
    }
    // After the row (its entries reference it); one transaction either way, so no order is visible to anyone.
    const event = await appendAudit(client, this.key, { ...audit, caseId: record.id, record: { kind: 'case', id: record.id, revision: record.revision, sha256: contentSha(record) } }, this.rows.at());
    const change = (await client.query<{ last: string }>('UPDATE change_counter SET last = last + 1 RETURNING last::text AS last')).rows[0]!.last;
    await client.query(
      `INSERT INTO summaries (case_id, revision, change_seq, summary) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id) DO UPDATE SET revision = excluded.revision, change_seq = excluded.change_seq, summary = excluded.summary`,
      [record.id, record.revision, change, sealRow(this.key, rowName.summary(record.id), JSON.stringify(summary))],
    );
    await announce(client, { desk: this.desk, caseId: record.id, kind: 'case' });
    return { summary, event };
  }

  /** After COMMIT returned: the list and the appended heads hear of the write. */
  private committed(summary: CaseSummary | null, event: AuditEvent): void {
    if (summary) this.model.apply(summary);
    this.heads.set(event.caseId!, { seq: event.seq, hash: event.hash });
  }

  create(clockYear: number, build: (n: NewCaseNumber) => CaseRecord, audit: CaseAudit, requestId?: string): Promise<CaseRecord> {
    return this.track(
      (async () => {
        const outcome = await inTransaction(this.pool, async (client) => {
          if (requestId !== undefined) {
            // Under the registrations' lock, so a request sent twice at once is still one case.
            await client.query(lockSql('pg_advisory_xact_lock', LOCKS.register));
            const prior = (await client.query<{ case_id: string }>('SELECT case_id FROM registration_requests WHERE request_id = $1', [requestId])).rows[0];
            if (prior) {
              const existing = await readRecord(this.rows, client, 'case', prior.case_id, prior.case_id);
              if (!existing) throw new CaseNotFoundError(prior.case_id);
              return { record: existing, written: null };
            }
          }
          const { year, seq } = await takeCaseNumber(client, clockYear);
          const id = randomUUID();
          const record = CaseRecordSchema.parse({ ...build({ id, year, seq }), id, year, seq, revision: 1 });
          const written = await this.writeCase(client, record, audit, true);
          if (requestId !== undefined) await client.query('INSERT INTO registration_requests (request_id, case_id) VALUES ($1, $2)', [requestId, id]);
          return { record, written };
        });
        if (outcome.written) {
          this.committed(outcome.written.summary, outcome.written.event);
          this.feed.emit({ caseId: outcome.record.id, kind: 'case', origin: 'local' });
        }
        return outcome.record;
      })(),
    );
  }

  get(id: string): Promise<CaseRecord> {
    return this.track(
      (async () => {
        const record = UUID.test(id) ? await readRecord(this.rows, this.pool, 'case', id, id) : null;
        if (!record) throw new CaseNotFoundError(id);
        // Changed on another desk since this one's list loaded it: the list shows what the case now says.
        const known = this.model.index.get(id);
        if (!known || known.revision < record.revision) this.model.apply(this.summarise(record));
        return record;
      })(),
    );
  }

  update(id: string, expectedRevision: number | null, change: (current: CaseRecord) => CaseRecord, audit: CaseAudit): Promise<CaseRecord> {
    return this.track(
      (async () => {
        const { next, summary, event } = await inTransaction(this.pool, async (client) => {
          await lockCase(client, id);
          const current = await readRecord(this.rows, client, 'case', id, id);
          if (!current) throw new CaseNotFoundError(id);
          if (expectedRevision !== null && current.revision !== expectedRevision) throw new RevisionConflictError(id, expectedRevision, current.revision);
          const next = CaseRecordSchema.parse({ ...change(current), id, revision: current.revision + 1 });
          return { next, ...(await this.writeCase(client, next, audit, false)) };
        });
        this.committed(summary, event);
        this.feed.emit({ caseId: id, kind: 'case', origin: 'local' });
        return next;
      })(),
    );
  }

  /** No previous generations are kept in the database (a transaction replaces a row whole or not at all): nothing to check. */
  checkPreviousGenerations(id: string): Promise<void> {
    return this.track(
      (async () => {
        if (!(await caseExists(this.pool, id))) throw new CaseNotFoundError(id);
      })(),
    );
  }

  note(id: string, audit: CaseAudit): Promise<void> {
    return this.track(
      (async () => {
        const event = await inTransaction(this.pool, async (client) => {
          await lockCase(client, id);
          await announce(client, { desk: this.desk, caseId: id, kind: 'note' });
          return appendAudit(client, this.key, { ...audit, caseId: id }, this.rows.at());
        });
        this.committed(null, event);
        this.feed.emit({ caseId: id, kind: 'note', origin: 'local' });
      })(),
    );
  }

  /** From the case row itself, not the list: the policy table decides on what the case is now, whichever desk changed it. */
  summary(id: string): Promise<Pick<CaseSummary, 'id' | 'status' | 'mediatorIds'> | null> {
    return this.track(
      (async () => {
        if (!UUID.test(id)) return null;
        const row = (await this.pool.query<{ status: CaseStatus; mediator_ids: string[] }>('SELECT status, mediator_ids FROM cases WHERE id = $1', [id])).rows[0];
        return row ? { id, status: row.status, mediatorIds: row.mediator_ids } : null;
      })(),
    );
  }

  async query(q: CaseQuery): Promise<CaseQueryResult> {
    const text = q.filter?.text?.trim();
    return this.model.index.query(q, text ? searchIdentityKeys(text).map((k) => this.hashKey(k)) : []);
  }

  async tallyByMediator(filter: CaseFilter): Promise<Map<string, number>> {
    return this.model.index.tallyByMediator(filter);
  }

  async related(keys: string[], names: string[], excludeId?: string): Promise<RelatedCase[]> {
    return this.model.index.related(
      keys.map((k) => this.hashKey(k)),
      names,
      excludeId,
    );
  }

  audit(id: string): Promise<AuditEvent[]> {
    return this.track(
      (async () => {
        if (!(await caseExists(this.pool, id))) throw new CaseNotFoundError(id);
        const { events, damage } = await readAudit(this.pool, this.key, id);
        if (damage) {
          this.report({ file: rowLabel(`audit/${id}`), message: `${this.describe(id)}的办理记录（审计日志）未通过完整性校验，仅显示校验通过的部分`, quarantinedTo: null, restoredFromPrevious: false, tampered: true });
        }
        return events;
      })(),
    );
  }

  appendedHeads(): ReadonlyMap<string, ChainHead> {
    return this.heads;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Sessions and the agreement
  // ---------------------------------------------------------------------------------------------------------------

  getSession(caseId: string, sessionId: string): Promise<SessionRecord> {
    return this.track(this.readPart('session', caseId, sessionId));
  }

  saveSession(caseId: string, expectedRevision: number | null, session: SessionRecord, audit: CaseAudit): Promise<SessionRecord> {
    return this.track(this.savePart('session', caseId, expectedRevision, session, audit));
  }

  getAgreement(caseId: string, agreementId: string): Promise<AgreementRecord> {
    return this.track(this.readPart('agreement', caseId, agreementId));
  }

  saveAgreement(caseId: string, expectedRevision: number | null, agreement: AgreementRecord, audit: CaseAudit): Promise<AgreementRecord> {
    return this.track(this.savePart('agreement', caseId, expectedRevision, agreement, audit));
  }

  private async readPart<K extends PartKind>(kind: K, caseId: string, partId: string): Promise<PartRecord<K>> {
    if (!(await caseExists(this.pool, caseId))) throw new CaseNotFoundError(caseId);
    const part = UUID.test(partId) ? await readRecord(this.rows, this.pool, kind, caseId, partId) : null;
    if (!part || part.caseId !== caseId || part.id !== partId) throw PARTS[kind].notFound(caseId, partId);
    return part;
  }

  /** Saves a part alone: a unit of work of one part. */
  private async savePart<K extends PartKind>(kind: K, caseId: string, expectedRevision: number | null, part: PartRecord<K>, audit: CaseAudit): Promise<PartRecord<K>> {
    const { next, event } = await inTransaction(this.pool, async (client) => {
      await lockCase(client, caseId);
      await announce(client, { desk: this.desk, caseId, kind });
      return writePart(this.rows, client, kind, caseId, expectedRevision, part, audit);
    });
    this.committed(null, event);
    this.feed.emit({ caseId, kind, origin: 'local' });
    return next;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Units of work
  // ---------------------------------------------------------------------------------------------------------------

  /**
   * One transaction under the case row's lock: the parts (each checked against its revision), the files, the
   * fingerprints, then the case change seeing the parts as saved; audit entries in that order. Anything stale or
   * invalid rolls all of it back, and nothing is told to the listeners.
   */
  commit(caseId: string, unit: CaseUnit): Promise<UnitResult> {
    return this.track(
      (async () => {
        const outcome = await inTransaction(this.pool, async (client) => {
          await lockCase(client, caseId);
          const current = await readRecord(this.rows, client, 'case', caseId, caseId);
          if (!current) throw new CaseNotFoundError(caseId);
          const saved: SavedParts = { sessions: [], agreement: null };
          let event: AuditEvent | null = null;
          for (const part of unit.parts ?? []) {
            if (part.kind === 'session') {
              const written = await writePart(this.rows, client, 'session', caseId, part.expectedRevision, part.record, part.audit);
              saved.sessions.push(written.next);
              event = written.event;
            } else {
              const written = await writePart(this.rows, client, 'agreement', caseId, part.expectedRevision, part.record, part.audit);
              saved.agreement = written.next;
              event = written.event;
            }
          }
          for (const f of unit.files ?? []) await insertFile(this.key, client, caseId, f.area, f.name, f.data);
          await insertIssued(client, (unit.issued ?? []).map((i) => ({ ...i, caseId })));
          for (const kind of new Set([...(unit.parts ?? []).map((p) => p.kind), ...((unit.files ?? []).length > 0 ? (['file'] as const) : [])])) await announce(client, { desk: this.desk, caseId, kind });
          let record = current;
          let summary: CaseSummary | null = null;
          if (unit.case) {
            if (unit.case.expectedRevision !== null && current.revision !== unit.case.expectedRevision) throw new RevisionConflictError(caseId, unit.case.expectedRevision, current.revision);
            record = CaseRecordSchema.parse({ ...unit.case.change(current, saved), id: caseId, revision: current.revision + 1 });
            const written = await this.writeCase(client, record, unit.case.audit, false);
            summary = written.summary;
            event = written.event;
          }
          return { record, saved, summary, event };
        });
        if (outcome.event) this.committed(outcome.summary, outcome.event);
        for (const _ of outcome.saved.sessions) this.feed.emit({ caseId, kind: 'session', origin: 'local' });
        if (outcome.saved.agreement) this.feed.emit({ caseId, kind: 'agreement', origin: 'local' });
        if ((unit.files ?? []).length > 0) this.feed.emit({ caseId, kind: 'file', origin: 'local' });
        if (outcome.summary) this.feed.emit({ caseId, kind: 'case', origin: 'local' });
        return { record: outcome.record, ...outcome.saved };
      })(),
    );
  }

  /**
   * One transaction, under the registrations' lock (numbers): every row of the case sealed as this store seals them,
   * the trail inserted verbatim (its hashes are what checkpoints vouch for), the year's numbering raised past it.
   */
  async importCase(bundle: CaseBundle): Promise<'imported' | 'present'> {
    checkBundle(bundle);
    const { record } = bundle;
    return this.track(
      (async () => {
        const outcome = await inTransaction(this.pool, async (client) => {
          await client.query(lockSql('pg_advisory_xact_lock', LOCKS.register));
          const head = (await client.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1', [record.id])).rows[0];
          if (await caseExists(client, record.id)) return { result: presentOrRefused(bundle, head ?? null), summary: null };
          const taken = await client.query('SELECT 1 FROM cases WHERE year = $1 AND seq = $2', [record.year, record.seq]);
          if (taken.rowCount) throw new BundleRefusedError(record.id, `案号${record.caseNumber}已被另一案件使用`);
          const summary = this.summarise(record);
          await client.query(
            `INSERT INTO cases (id, revision, status, dispute_type, mediator_ids, registered_at, updated_at, record, year, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [record.id, record.revision, summary.status, summary.disputeType, summary.mediatorIds, record.createdAt, record.updatedAt, sealRow(this.key, rowName.case(record.id), JSON.stringify(record)), record.year, record.seq],
          );
          for (const s of bundle.sessions) await client.query('INSERT INTO sessions (case_id, id, revision, record) VALUES ($1, $2, $3, $4)', [record.id, s.id, s.revision, sealRow(this.key, rowName.session(record.id, s.id), JSON.stringify(s))]);
          const a = bundle.agreement;
          if (a) await client.query('INSERT INTO agreements (case_id, id, revision, record) VALUES ($1, $2, $3, $4)', [record.id, a.id, a.revision, sealRow(this.key, rowName.agreement(record.id, a.id), JSON.stringify(a))]);
          for (const e of bundle.events) {
            const r = e.record;
            await client.query(
              `INSERT INTO audit_events (case_id, seq, prev_hash, hash, record_kind, record_id, record_revision, record_sha256, event) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
              [record.id, e.seq, e.prevHash, e.hash, r?.kind ?? null, r?.id ?? null, r?.revision ?? null, r?.sha256 ?? null, sealRow(this.key, rowName.audit(record.id, e.seq), JSON.stringify(e))],
            );
          }
          for (const f of bundle.files) await insertFile(this.key, client, record.id, f.area, f.name, f.data);
          await insertIssued(client, issuedOf(record));
          await client.query('INSERT INTO case_numbers (year, last_seq) VALUES ($1, $2) ON CONFLICT (year) DO UPDATE SET last_seq = greatest(case_numbers.last_seq, excluded.last_seq)', [record.year, record.seq]);
          const change = (await client.query<{ last: string }>('UPDATE change_counter SET last = last + 1 RETURNING last::text AS last')).rows[0]!.last;
          await client.query('INSERT INTO summaries (case_id, revision, change_seq, summary) VALUES ($1, $2, $3, $4)', [record.id, record.revision, change, sealRow(this.key, rowName.summary(record.id), JSON.stringify(summary))]);
          await announce(client, { desk: this.desk, caseId: record.id, kind: 'case' });
          return { result: 'imported' as const, summary };
        });
        if (outcome.summary) {
          this.committed(outcome.summary, bundle.events.at(-1)!);
          this.feed.emit({ caseId: record.id, kind: 'case', origin: 'local' });
        }
        return outcome.result;
      })(),
    );
  }

  /**
   * Many cases in one transaction under the registrations' lock (bulk-import.ts): a restore or a move of 100k cases
   * is bound by the server's work rather than by a round trip per row. The batch is imported whole or not at all.
   */
  async importCases(bundles: readonly CaseBundle[]): Promise<('imported' | 'present')[]> {
    for (const b of bundles) checkBundle(b);
    if (bundles.length === 0) return [];
    return this.track(
      (async () => {
        const outcome = await inTransaction(this.pool, async (client) => {
          await client.query(lockSql('pg_advisory_xact_lock', LOCKS.register));
          const done = await importBundles(client, this.key, bundles, (b) => this.summarise(b.record));
          const imported = bundles.filter((_, i) => done.results[i] === 'imported');
          await announceAll(client, imported.map((b) => ({ desk: this.desk, caseId: b.record.id, kind: 'case' as const })));
          return { ...done, imported };
        });
        this.model.applyMany(outcome.summaries);
        for (const b of outcome.imported) {
          const head = b.events.at(-1)!;
          this.heads.set(b.record.id, { seq: head.seq, hash: head.hash });
          this.feed.emit({ caseId: b.record.id, kind: 'case', origin: 'local' });
        }
        return outcome.results;
      })(),
    );
  }

  /**
   * Many cases in one REPEATABLE READ snapshot, a statement per table (bulk-export.ts): a full backup of 100k cases is
   * bound by the server's work rather than by ~8 round trips a case. Reports nothing (see CaseStore.exportCases).
   */
  readonly exportsInBulk = true;

  exportCases(ids: readonly string[]): Promise<Map<string, CaseBundle>> {
    return this.track(exportBundles(this.pool, this.key, ids));
  }

  /** Calls `listener` after each change is durable (COMMIT returned): this desk's as 'local', others' (refresh) as 'remote'. */
  onChange(listener: (change: StoreChange) => void): () => void {
    return this.feed.subscribe(listener);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Files and the document registry
  // ---------------------------------------------------------------------------------------------------------------

  putFile(caseId: string, area: CaseFileArea, name: string, data: Uint8Array): Promise<void> {
    return this.track(
      (async () => {
        await insertFile(this.key, this.pool, caseId, area, name, data);
        await announce(this.pool, { desk: this.desk, caseId, kind: 'file' });
        this.feed.emit({ caseId, kind: 'file', origin: 'local' });
      })(),
    );
  }

  /** A missing file is ENOENT and a damaged one a TamperedFileError, as from the file store (callers tell them apart). */
  getFile(caseId: string, area: CaseFileArea, name: string): Promise<Buffer> {
    return this.track(readFileRow(this.rows, this.pool, caseId, area, name));
  }

  registerIssuedFiles(entries: readonly { sha256: string; caseId: string; documentId: string }[]): Promise<void> {
    return this.track(insertIssued(this.pool, entries));
  }

  findIssuedFile(sha256: string): Promise<{ sha256: string; caseId: string; documentId: string } | null> {
    return this.track(
      (async () => {
        return findIssued(this.pool, sha256);
      })(),
    );
  }

  // ---------------------------------------------------------------------------------------------------------------

  problems(): FileProblem[] {
    return [...this.found];
  }

  /** Nothing runs in the background after open but the postings' warm-up, which is synchronous. */
  async idle(): Promise<void> {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.warmUp) clearTimeout(this.warmUp);
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    await this.listener?.close();
    await Promise.allSettled([...this.inFlight]);
    await this.saveCache();
    await this.pool.end();
  }
}
