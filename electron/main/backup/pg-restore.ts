import { existsSync } from 'node:fs';
import type pg from 'pg';
import type { Clock } from '../../shared/time/clock';
import type { AuditEvent } from '../../shared/domain';
import { subKey } from '../crypto/keyring';
import { type DataCheckProblem, checkAllData } from '../services/data-check';
import { workstationMacMatches } from '../services/workstation-mac';
import { findBrokenLink } from '../storage/audit-log';
import { DataDirLockedError, lockDataDir } from '../storage/data-dir-lock';
import { type PgConnection, createPool, inTransaction } from '../storage/pg/connection';
import { migrate } from '../storage/pg/migrations';
import type { CaseBundle } from '../storage/case-bundle';
import { PgCaseStore } from '../storage/pg/pg-case-store';
import { WorkstationSchema } from '../storage/workstation-file';
import { inParallel } from './concurrency';
import type { ManifestFile } from './manifest';
import { ObjectStore } from './object-store';
import { RestoreRefusedError, type Unlock, fetchVerified, openGeneration, verifyObjects } from './open-generation';
import { CENTER_STATE_FILE, CENTER_TRAIL_FILE, PG_BACKUP_KIND, STORE_KEYS_DIR, caseIdOfBundlePath, isCaseBundlePath, openBundle } from './pg-source';

export interface PgRestoreOptions {
  /** The backup target folder. */
  backup: string;
  /** A new, empty PostgreSQL database, as its owner (the restore creates the tables). */
  connection: PgConnection;
  generation?: string;
  unlock: Unlock;
  clock: Clock;
  onProgress?: (p: { phase: 'verify' | 'write' | 'check'; done: number; total: number }) => void;
}

export interface PgRestoreReport {
  generation: string;
  files: number;
  bytes: number;
  cases: number;
  centerTrailEntries: number;
  centerFiles: number;
  /** 数据核验 of the restored database through the real store: files checked, and what it found. */
  checkedFiles: number;
  problems: DataCheckProblem[];
  ms: number;
  /** Where the time went: checking every object, importing the cases, 数据核验 of the restored database. */
  phaseMs: { verify: number; import: number; check: number };
}

/** Cases per transaction: large enough that round trips do not count, small enough to show progress often. */
const IMPORT_BATCH = 250;

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The tables a restore fills; any row in one of them (or a table that is not ours) makes the database not empty. */
const DATA_TABLES = ['cases', 'summaries', 'sessions', 'agreements', 'audit_events', 'files', 'issued_files', 'registration_requests', 'store_keys', 'center_state', 'center_audit_events', 'center_files'];

/**
 * Restores a PostgreSQL center's backup (pg-source.ts) into a new, empty database. Nothing is written before the
 * manifest is authentic and every object's SHA-256 checked; then the schema is created, the store's keys put back,
 * every case imported from its bundle, in batches (importCases refuses a bundle that does not hold together), and last, in one
 * transaction, the center files, the center trail and the center state (until then no desk finds a center there).
 * Then the restored database is checked: 数据核验 over every case through the real store, the center trail's chain,
 * the center state's HMAC under the backup's key.
 *
 * A backup that is damaged is refused before the database is touched. A failure while writing (the server gone, a
 * disk full) leaves a database that is not a center (no center state): the message says to drop it and start again.
 */
export async function restorePgBackup(opts: PgRestoreOptions): Promise<PgRestoreReport> {
  const started = performance.now();
  if (!existsSync(opts.backup)) throw new RestoreRefusedError('NO_BACKUP', `找不到备份目录 ${opts.backup}`);
  const release = await lockDataDir(opts.backup).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) throw new RestoreRefusedError('BUSY', '备份目录正被一个备份任务使用，请等它结束后再恢复');
    throw error;
  });
  const pool = createPool(opts.connection, 2);
  try {
    const { manifest, dataKey } = await openGeneration(opts.backup, opts.generation, opts.unlock);
    if (manifest.source.kind !== PG_BACKUP_KIND) {
      throw new RestoreRefusedError('WRONG_KIND', `备份 ${manifest.id} 是单机数据目录的备份，不是中心数据库的备份：请用 npm run restore -- --to 新的数据目录 恢复到一个文件夹`);
    }
    await assertEmptyDatabase(pool);
    const phaseMs = { verify: 0, import: 0, check: 0 };
    let mark = performance.now();
    const lap = (phase: keyof typeof phaseMs) => {
      const at = performance.now();
      phaseMs[phase] = Math.round(at - mark);
      mark = at;
    };
    await verifyObjects(opts.backup, manifest, (done, total) => {
      if (done % 500 === 0 || done === total) opts.onProgress?.({ phase: 'verify', done, total });
    });

    lap('verify');
    const objects = new ObjectStore(opts.backup);
    const read = (file: ManifestFile) => fetchVerified(objects, file);
    const byPath = new Map(manifest.files.map((f) => [f.path, f]));
    const stateFile = byPath.get('workstation.json')!;
    const trailFile = byPath.get(CENTER_TRAIL_FILE);
    const revisionFile = byPath.get(CENTER_STATE_FILE);
    const bundles = manifest.files.filter((f) => isCaseBundlePath(f.path));
    const keys = manifest.files.filter((f) => f.path.startsWith(`${STORE_KEYS_DIR}/`));
    const centerFiles = manifest.files.filter((f) => f !== stateFile && f !== trailFile && f !== revisionFile && !isCaseBundlePath(f.path) && !keys.includes(f));

    const doc = (await read(stateFile)).toString('utf8');
    const trail = trailFile ? parseTrail((await read(trailFile)).toString('utf8'), manifest.id) : [];
    const revision = revisionFile ? (JSON.parse((await read(revisionFile)).toString('utf8')) as { revision: number }).revision : 0;

    await migrate(pool);
    await inTransaction(pool, async (client) => {
      for (const f of keys) await client.query('INSERT INTO store_keys (name, sealed) VALUES ($1, $2)', [f.path.slice(STORE_KEYS_DIR.length + 1), await read(f)]);
    });
    const recordsKey = subKey(dataKey, 'records');
    const now = () => opts.clock.now();
    const store = await PgCaseStore.open({ connection: opts.connection, recordsKey, now, poolSize: 4 });
    let bytes = 0;
    try {
      // Batches of cases, one transaction each (importCases); the next batch is read and opened while one is written.
      const open = async (batch: readonly ManifestFile[]) => {
        const opened: CaseBundle[] = new Array(batch.length);
        await inParallel(
          batch.map((f, i) => ({ f, i })),
          async ({ f, i }) => {
            const sealed = await read(f);
            bytes += sealed.length;
            opened[i] = openBundle(recordsKey, caseIdOfBundlePath(f.path), sealed);
          },
        );
        return opened;
      };
      const batches = batchesOf(bundles, IMPORT_BATCH);
      let next = batches.length > 0 ? open(batches[0]!) : null;
      let done = 0;
      for (let k = 0; k < batches.length; k++) {
        const opened = await next!;
        next = k + 1 < batches.length ? open(batches[k + 1]!) : null;
        // A failed write leaves the read of the next batch running: its failure is the same story, already told.
        next?.catch(() => undefined);
        await store.importCases(opened);
        done += opened.length;
        opts.onProgress?.({ phase: 'write', done, total: bundles.length });
      }
      await inTransaction(pool, async (client) => {
        for (const f of centerFiles) await client.query('INSERT INTO center_files (path, content) VALUES ($1, $2)', [f.path, await read(f)]);
        for (const e of trail) await client.query('INSERT INTO center_audit_events (seq, prev_hash, hash, event) VALUES ($1, $2, $3, $4)', [e.event.seq, e.event.prevHash, e.event.hash, e.text]);
        await client.query('INSERT INTO center_state (revision, doc) VALUES ($1, $2::jsonb)', [revision, doc]);
      });

      lap('import');
      // The restored database, checked as it is now.
      const report = await checkAllData(store, now, (p) => opts.onProgress?.({ phase: 'check', ...p }));
      const problems = [...report.problems];
      const restoredTrail = (await pool.query<{ event: string }>('SELECT event FROM center_audit_events ORDER BY seq')).rows.map((r) => JSON.parse(r.event) as AuditEvent);
      if (restoredTrail.length !== trail.length || findBrokenLink(restoredTrail) !== null) problems.push({ caseId: '', caseNumber: '', message: '恢复后的中心审计记录不完整或哈希链断裂' });
      const restoredDoc = (await pool.query<{ doc: unknown }>('SELECT doc FROM center_state')).rows[0]?.doc;
      const parsed = WorkstationSchema.safeParse(restoredDoc);
      if (!parsed.success || !workstationMacMatches(parsed.data, dataKey)) problems.push({ caseId: '', caseNumber: '', message: '恢复后的中心设置与人员未通过完整性校验' });
      if (report.cases !== bundles.length) problems.push({ caseId: '', caseNumber: '', message: `备份中有 ${bundles.length} 件案件，恢复后的数据库中有 ${report.cases} 件` });
      lap('check');
      const stateBytes = manifest.files.filter((f) => !isCaseBundlePath(f.path)).reduce((n, f) => n + f.size, 0);
      return {
        generation: manifest.id,
        files: manifest.files.length,
        bytes: bytes + stateBytes,
        cases: report.cases,
        centerTrailEntries: trail.length,
        centerFiles: centerFiles.length,
        checkedFiles: report.files,
        problems,
        ms: Math.round(performance.now() - started),
        phaseMs,
      };
    } catch (error) {
      if (error instanceof RestoreRefusedError) throw error;
      throw new Error(`恢复到数据库的过程中出错（${(error as Error).message.slice(0, 200)}）：该数据库中只有部分数据，且没有中心设置，不能使用；请删除该数据库、新建一个空数据库后重新恢复`, { cause: error });
    } finally {
      await store.close();
    }
  } finally {
    await pool.end().catch(() => undefined);
    release();
  }
}

/** Refuses a database holding anything: tables that are not ours, or a row in any of ours. */
async function assertEmptyDatabase(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`);
  const ours = new Set([...DATA_TABLES, 'schema_migrations', 'case_numbers', 'change_counter']);
  const foreign = rows.map((r) => r.name).filter((n) => !ours.has(n));
  const notEmpty = (what: string) =>
    new RestoreRefusedError('DESTINATION_NOT_EMPTY', `目标数据库不是空的（${what}）：请新建一个空数据库用于恢复（不会覆盖已有数据）`);
  if (foreign.length > 0) throw notEmpty(`其中已有表 ${foreign.slice(0, 3).join('、')}`);
  const present = new Set(rows.map((r) => r.name));
  for (const table of DATA_TABLES) {
    if (!present.has(table)) continue;
    const { rowCount } = await pool.query(`SELECT 1 FROM ${table} LIMIT 1`);
    if (rowCount) throw notEmpty(`表 ${table} 中已有数据`);
  }
}

/** The center trail of a backup: each line an entry exactly as hashed; the chain must hold from the first. */
export function parseTrail(text: string, id: string): { text: string; event: AuditEvent }[] {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const entries = lines.map((line) => ({ text: line, event: JSON.parse(line) as AuditEvent }));
  if (entries.some((e, i) => e.event.seq !== i) || findBrokenLink(entries.map((e) => e.event)) !== null) {
    throw new RestoreRefusedError('OBJECT_TAMPERED', `备份 ${id} 中的中心审计记录不完整或哈希链断裂`);
  }
  return entries;
}
