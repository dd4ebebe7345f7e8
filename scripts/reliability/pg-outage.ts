/**
 * The center database going away under the desks (issue #14): a throwaway PostgreSQL 15 (tests/fixtures/postgres.ts,
 * fsync and synchronous_commit on), several desks (each its own PgCaseStore: pool and listener) registering, updating
 * and autosaving a session record.
 *
 * 1. Crashes: `pg_ctl stop -m immediate` (no checkpoint: recovery from the WAL) at random moments, started again a
 *    second later. Every write a desk was told succeeded must be there afterwards; no case number twice or skipped.
 * 2. Away: the server stopped for `awaySeconds` while every desk keeps typing. A desk keeps the newest text and tries
 *    again (what the session editor's autosave does); once the server is back every desk saves it, and what is stored
 *    is what was typed last.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { RevisionConflictError, type CaseStore } from '../../electron/main/storage/case-store';
import { isDatabaseUnreachable } from '../../electron/main/storage/pg/connection';
import { PgCaseStore } from '../../electron/main/storage/pg/pg-case-store';
import type { SessionRecord } from '../../electron/shared/domain';
import { seededRng } from '../../tests/fixtures/cases';
import { startPostgres } from '../../tests/fixtures/postgres';
import { auditOf, caseBuild, newRecordsKey, sessionOf } from '../../tests/main/storage/pg/records';

export interface PgOutageResult {
  desks: number;
  crashes: number;
  acknowledged: number;
  lost: number;
  duplicateNumbers: number;
  skippedNumbers: number;
  /**
   * Registrations whose answer was lost with the server (committed or not): each is sent again with its request id,
   * as a clerk presses 登记 again, until it is answered.
   */
  unknownOutcomes: number;
  /** Cases stored beyond one per request: a registration sent again that made a second case (must be 0). */
  registeredTwice: number;
  awaySeconds: number;
  /** After the server came back: how long until every desk had saved what was typed (ms). */
  recoveredAfterMs: number;
  desksRecovered: number;
  typedTextLost: number;
  failures: string[];
  ms: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Desk {
  store: CaseStore;
  caseId: string;
  session: SessionRecord;
  /** What the person has typed so far (the session's purpose stands for the record's text). */
  typed: string;
  /** The newest text the store acknowledged. */
  saved: string;
  lastSavedAt: number;
  errors: string[];
  /** The registration whose answer was lost, sent again until answered (its request id and what it registers). */
  pending: { requestId: string; n: number } | null;
}

/** Saves the newest typed text; on an unreachable server keeps it and says so (the caller tries again). */
async function autosave(desk: Desk): Promise<boolean> {
  const text = desk.typed;
  try {
    desk.session = await desk.store.saveSession(desk.caseId, desk.session.revision, { ...desk.session, purpose: text }, auditOf('sessions:save'));
    desk.saved = text;
    desk.lastSavedAt = performance.now();
    return true;
  } catch (error) {
    // A save whose COMMIT got no answer may have been applied: the next try then meets a newer revision; read it.
    if (error instanceof RevisionConflictError) desk.session = await desk.store.getSession(desk.caseId, desk.session.id).catch(() => desk.session);
    else if (!isDatabaseUnreachable(error)) desk.errors.push((error as Error).message.slice(0, 160));
    return false;
  }
}

export async function runPgOutage(opts: { crashes: number; awaySeconds: number; desks?: number; seed?: number; log?: (s: string) => void }): Promise<PgOutageResult> {
  const log = opts.log ?? (() => undefined);
  const started = performance.now();
  const rng = seededRng(opts.seed ?? 1);
  const result: PgOutageResult = { desks: opts.desks ?? 3, crashes: 0, acknowledged: 0, lost: 0, duplicateNumbers: 0, skippedNumbers: 0, unknownOutcomes: 0, registeredTwice: 0, awaySeconds: opts.awaySeconds, recoveredAfterMs: 0, desksRecovered: 0, typedTextLost: 0, failures: [], ms: 0 };
  const cluster = await startPostgres();
  const stores: PgCaseStore[] = [];
  try {
    const db = await cluster.createDatabase('outage');
    const recordsKey = newRecordsKey();
    const desks: Desk[] = [];
    for (let d = 0; d < result.desks; d++) {
      const store = await PgCaseStore.open({ connection: cluster.config(db), recordsKey });
      stores.push(store);
      const c = await store.create(2026, caseBuild(d), auditOf('cases:create'));
      const session = await store.saveSession(c.id, null, sessionOf(c.id), auditOf('sessions:create'));
      desks.push({ store, caseId: c.id, session, typed: '', saved: '', lastSavedAt: 0, errors: [], pending: null });
    }
    const created = new Map<string, { seq: number }>();
    const updated = new Map<string, number>();
    for (const d of desks) created.set(d.caseId, { seq: 0 });
    /** Every request answered, and the case it answered with (a request answered with two cases is counted). */
    const answered = new Map<string, string>();
    const register = async (desk: Desk, d: number, n: number) => {
      const request = (desk.pending ??= { requestId: randomUUID(), n });
      const c = await desk.store.create(2026, caseBuild(100 + d * 10_000 + request.n), auditOf('cases:create'), request.requestId);
      desk.pending = null;
      if ((answered.get(request.requestId) ?? c.id) !== c.id) result.registeredTwice += 1;
      answered.set(request.requestId, c.id);
      created.set(c.id, { seq: c.seq });
    };

    // ── 1. Crashes while the desks work ──
    let running = true;
    const work = desks.map(async (desk, d) => {
      let n = 0;
      while (running) {
        n += 1;
        desk.typed = `已记录至第${n}句`; // the record as typed so far (kept short: the field holds 300 characters)
        if (await autosave(desk)) result.acknowledged += 1;
        try {
          if (n % 3 === 0) {
            await register(desk, d, n);
            result.acknowledged += 1;
          } else if (n % 3 === 1) {
            const current = await desk.store.get(desk.caseId);
            const after = await desk.store.update(desk.caseId, current.revision, (r) => r, auditOf('cases:update'));
            updated.set(desk.caseId, after.revision);
            result.acknowledged += 1;
          }
        } catch (error) {
          if (isDatabaseUnreachable(error)) {
            if (n % 3 === 0) result.unknownOutcomes += 1;
            await sleep(100);
          } else if (!(error instanceof RevisionConflictError)) result.failures.push(`desk ${d}: ${(error as Error).message.slice(0, 160)}`);
        }
        await sleep(5);
      }
    });
    for (let k = 0; k < opts.crashes; k++) {
      await sleep(500 + rng.int(0, 1500));
      await cluster.stop('immediate');
      result.crashes += 1;
      await sleep(1000);
      await cluster.start();
      log(`pg outage: crash ${k + 1}/${opts.crashes}, ${result.acknowledged} acknowledged so far`);
    }
    await sleep(1500);
    running = false;
    await Promise.all(work);
    log('pg outage: desks stopped working; saving what each typed');
    for (const desk of desks) while (desk.saved !== desk.typed) if (!(await autosave(desk))) await sleep(200);
    for (const [d, desk] of desks.entries()) while (desk.pending) await register(desk, d, 0).catch(() => sleep(200));
    log(`pg outage: server away for ${opts.awaySeconds} s`);

    // ── 2. Away for a while, the desks typing all along ──
    await cluster.stop('fast');
    const awayUntil = performance.now() + opts.awaySeconds * 1000;
    for (let k = 1; performance.now() < awayUntil; k++) {
      for (const desk of desks) {
        desk.typed = `服务器停止期间继续记录，第${k}次修改`;
        await autosave(desk);
      }
      await sleep(1000);
    }
    await cluster.start();
    log('pg outage: server back');
    const back = performance.now();
    const recovered = await Promise.all(
      desks.map(async (desk) => {
        const deadline = back + 60_000;
        while (performance.now() < deadline) {
          if (desk.saved === desk.typed) return true;
          if (!(await autosave(desk))) await sleep(250);
        }
        return false;
      }),
    );
    result.desksRecovered = recovered.filter(Boolean).length;
    for (const [d, desk] of desks.entries()) for (const e of desk.errors.slice(0, 3)) result.failures.push(`desk ${d} autosave: ${e}`);
    result.recoveredAfterMs = Math.round(Math.max(...desks.map((d) => d.lastSavedAt)) - back);

    // ── What is stored, read by a desk that was not there ──
    const checker = await PgCaseStore.open({ connection: cluster.config(db), recordsKey });
    stores.push(checker);
    const { items } = await checker.query({ order: 'oldest' });
    const listed = new Map(items.map((i) => [i.id, i]));
    for (const id of created.keys()) if (!listed.has(id)) result.lost += 1;
    for (const [id, revision] of updated) if ((listed.get(id)?.revision ?? 0) < revision) result.lost += 1;
    for (const desk of desks) {
      const stored = await checker.getSession(desk.caseId, desk.session.id);
      if (stored.purpose !== desk.typed) result.typedTextLost += 1;
    }
    const seqs = items.filter((i) => i.year === 2026).map((i) => i.seq);
    const unique = new Set(seqs);
    result.duplicateNumbers = seqs.length - unique.size;
    result.skippedNumbers = Math.max(...seqs) - unique.size;
    result.registeredTwice += items.length - desks.length - answered.size;
  } finally {
    for (const store of stores) await store.close().catch(() => undefined);
    await cluster.destroy();
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}

export const pgOutagePasses = (r: PgOutageResult): boolean =>
  r.lost === 0 && r.registeredTwice === 0 && r.duplicateNumbers === 0 && r.skippedNumbers === 0 && r.typedTextLost === 0 && r.desksRecovered === r.desks && r.failures.length === 0;
