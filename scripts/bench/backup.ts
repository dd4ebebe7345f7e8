/**
 * Backup benchmark (issue 15), `npm run bench -- --only backup [--sizes 1000,100000] [--backup-store both|file|pg]
 * [--json]`: at each size, a full backup of the center into an empty target, an incremental one after 100 cases
 * changed, and a full restore (every object's SHA-256 and the HMAC checked, then 数据核验 of the restored data), on the
 * file store and on PostgreSQL.
 *
 * The cases come from the bulk generator of bench.ts (generate-cases.ts: sealed as the store writes them) in a folder
 * set up through the API; PostgreSQL is seeded by copying that folder into a throwaway local PostgreSQL 15
 * (tests/fixtures/postgres.ts) with importCase, as bench:desks does, with fsync off only while seeding (then on again
 * and a CHECKPOINT): backup, incremental and restore run with fsync on. The 100 changes go through the store (a
 * durable update each, with its audit entry). Budgets from the issue, at the largest size measured: full backup
 * <= 2 min, incremental <= 10 s, restore <= 3 min.
 */
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mkdtemp } from 'node:fs/promises';
import { dispatch } from '../../electron/main/api/dispatch';
import { FolderBackupSource } from '../../electron/main/backup/folder-source';
import { PgBackupSource } from '../../electron/main/backup/pg-source';
import { restorePgBackup } from '../../electron/main/backup/pg-restore';
import { restoreBackup } from '../../electron/main/backup/restore';
import { type BackupResult, runBackup } from '../../electron/main/backup/run-backup';
import { subKey } from '../../electron/main/crypto/keyring';
import { fixedClock } from '../../electron/main/services/clock';
import { Workstation } from '../../electron/main/services/workstation';
import type { CaseStore } from '../../electron/main/storage/case-store';
import { createPool } from '../../electron/main/storage/pg/connection';
import { PgCaseStore } from '../../electron/main/storage/pg/pg-case-store';
import { sealerFor } from '../../electron/main/storage/sealed-fs';
import type { ApiContract } from '../../electron/shared/ipc/contract';
import type { ApiMethod } from '../../electron/shared/ipc/channels';
import { FIXTURE_NOW, chineseName, seededRng } from '../../tests/fixtures/cases';
import { type PgCluster, startPostgres } from '../../tests/fixtures/postgres';
import { BENCH_SETUP } from './auth';
import { Generator, type Staffing, flushPageCache } from './generate-cases';
import { seedCases } from './seed-pg';

export type BackupBenchStore = 'both' | 'file' | 'pg';
export type BackupMetrics = Record<string, number>;

const CONN = 'bench-backup';
const DAY = 86_400_000;
const day = (n: number) => fixedClock(new Date(Date.parse(FIXTURE_NOW) + n * DAY).toISOString());
const CHANGED = 100;

async function call<K extends ApiMethod>(ws: Workstation, method: K, payload?: ApiContract[K]['input']): Promise<ApiContract[K]['output']> {
  const result = await dispatch(ws, CONN, method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as ApiContract[K]['output'];
}

async function openWs(dataDir: string): Promise<Workstation> {
  const ws = await Workstation.open({ dataDir, host: 'web', version: 'bench', clock: day(0) });
  if (ws.state.data.keyring) await call(ws, 'auth:sign-in', { loginName: BENCH_SETUP.loginName, password: BENCH_SETUP.password });
  return ws;
}

/** 100 cases changed through the store: a durable update each (its record and an audit entry). */
async function changeCases(store: CaseStore, seed: number): Promise<void> {
  const rng = seededRng(seed);
  const { items } = await store.query({});
  const ids = new Set<string>();
  while (ids.size < Math.min(CHANGED, items.length)) ids.add(rng.pick(items).id);
  for (const id of ids) {
    const current = await store.get(id);
    const at = new Date(Date.parse(current.updatedAt) + 60_000).toISOString();
    await store.update(id, current.revision, (c) => ({ ...c, updatedAt: at }), { actorId: 'bench', actorName: '基准测试', action: 'cases:touch', detail: '备份基准：修改' });
  }
}

function assertOk(what: string, result: BackupResult): BackupResult {
  if (!result.ok) throw new Error(`${what}: ${result.reason}`);
  return result;
}

function note(m: BackupMetrics, prefix: string, full: BackupResult, incremental: BackupResult): void {
  m[`${prefix}_full_ms`] = full.durationMs;
  m[`${prefix}_full_files`] = full.files;
  m[`${prefix}_full_mb`] = full.bytes / 2 ** 20;
  m[`${prefix}_incremental_ms`] = incremental.durationMs;
  m[`${prefix}_incremental_objects_written`] = incremental.objectsWritten;
  m[`${prefix}_incremental_mb_written`] = incremental.bytesWritten / 2 ** 20;
  // What the incremental actually read from the store (the rest taken unchanged from the full backup's manifest).
  m[`${prefix}_incremental_files_read`] = incremental.filesRead;
  m[`${prefix}_incremental_entries_read`] = incremental.entriesRead;
  m[`${prefix}_incremental_mb_read`] = incremental.bytesRead / 2 ** 20;
  m[`${prefix}_incremental_files_reused`] = incremental.filesReused;
}

export async function measureBackup(opts: { sizes: number[]; store: BackupBenchStore; log: (line: string) => void }): Promise<Map<number, BackupMetrics>> {
  const { log } = opts;
  const results = new Map<number, BackupMetrics>();
  const root = await mkdtemp(path.join(os.tmpdir(), 'mediation-bench-backup-'));
  const dataDir = path.join(root, 'data');
  let cluster: PgCluster | null = null;
  try {
    const ws = await openWs(dataDir);
    const { staff: admin } = await call(ws, 'setup:complete', { ...BENCH_SETUP, otherRoles: [...BENCH_SETUP.otherRoles] });
    const mrng = seededRng(99);
    const mediators = [];
    for (let k = 0; k < 4; k++) mediators.push(await call(ws, 'staff:create', { name: chineseName(mrng, 'female'), loginName: `mediator${k + 1}`, roles: ['mediator'], password: 'Chushi-mima-01' }));
    const dataKey = ws.heldKey();
    const recordsKey = subKey(dataKey, 'records');
    await ws.close();
    const staff: Staffing = { adminId: admin.id, adminName: admin.name, mediators: mediators.map((s) => ({ id: s.id, name: s.name })) };
    const gen = new Generator(path.join(dataDir, 'cases'), staff, BENCH_SETUP.caseNumberAbbr, sealerFor(dataDir, recordsKey));
    if (opts.store !== 'file') cluster = await startPostgres();

    for (const size of opts.sizes) {
      const m: BackupMetrics = { cases: size };
      log(`backup ${size}: writing ${size - gen.generated} case folders …`);
      gen.topUp(size);
      flushPageCache();
      // The first open indexes the new folders (not measured).
      await (await openWs(dataDir)).close();
      flushPageCache();

      if (opts.store !== 'pg') {
        const target = path.join(root, `target-file-${size}`);
        const to = path.join(root, `restored-file-${size}`);
        log(`backup ${size}: file store: full backup …`);
        const full = assertOk('full backup', await runBackup({ source: new FolderBackupSource(dataDir), target, dataKey, clock: day(1) }));
        const live = await openWs(dataDir);
        await changeCases(live.cases, size);
        await live.close();
        log(`backup ${size}: file store: incremental after ${CHANGED} changed cases …`);
        const incremental = assertOk('incremental backup', await runBackup({ source: new FolderBackupSource(dataDir), target, dataKey, clock: day(2) }));
        note(m, 'file', full, incremental);
        log(`backup ${size}: file store: full restore …`);
        const t0 = performance.now();
        const restored = await restoreBackup({ backup: target, to, unlock: async () => dataKey, clock: day(3) });
        m.file_restore_ms = performance.now() - t0;
        m.file_restore_problems = restored.problems.length;
        await rm(target, { recursive: true, force: true });
        await rm(to, { recursive: true, force: true });
      }

      if (cluster) {
        const db = await cluster.createDatabase(`bench_backup_${size}`);
        const connection = cluster.config(db);
        log(`backup ${size}: PostgreSQL: copying the folder in (fsync off while seeding) …`);
        const tSeed = performance.now();
        await seedPostgres(cluster, db, dataDir, dataKey, opts.log);
        m.pg_seed_ms = performance.now() - tSeed;
        const target = path.join(root, `target-pg-${size}`);
        const store = await PgCaseStore.open({ connection, recordsKey, poolSize: 8 });
        const pool = createPool(connection, 2);
        try {
          const source = () => new PgBackupSource({ cases: store, pool, dataKey, label: `bench/${db}` });
          log(`backup ${size}: PostgreSQL: full backup …`);
          const full = assertOk('full backup', await runBackup({ source: source(), target, dataKey, clock: day(1) }));
          await changeCases(store, size + 1);
          log(`backup ${size}: PostgreSQL: incremental after ${CHANGED} changed cases …`);
          const incremental = assertOk('incremental backup', await runBackup({ source: source(), target, dataKey, clock: day(2) }));
          note(m, 'pg', full, incremental);
        } finally {
          await store.close();
          await pool.end();
        }
        log(`backup ${size}: PostgreSQL: full restore into a new database …`);
        const into = await cluster.createDatabase(`bench_restored_${size}`);
        const t0 = performance.now();
        const restored = await restorePgBackup({ backup: target, connection: cluster.config(into), unlock: async () => dataKey, clock: day(3) });
        m.pg_restore_ms = performance.now() - t0;
        m.pg_restore_problems = restored.problems.length;
        m.pg_restore_verify_ms = restored.phaseMs.verify;
        m.pg_restore_import_ms = restored.phaseMs.import;
        m.pg_restore_check_ms = restored.phaseMs.check;
        await rm(target, { recursive: true, force: true });
        await cluster.sql('postgres', `DROP DATABASE "${db}"`);
        await cluster.sql('postgres', `DROP DATABASE "${into}"`);
      }
      results.set(size, m);
    }
  } finally {
    await cluster?.destroy();
    await rm(root, { recursive: true, force: true });
  }
  return results;
}

/**
 * The generated folder into PostgreSQL: its center state and trail as rows, every case in batches (importCases, as
 * bench:desks copies), fsync off only meanwhile.
 */
async function seedPostgres(cluster: PgCluster, db: string, dataDir: string, dataKey: Buffer, log: (line: string) => void): Promise<void> {
  await cluster.sql('postgres', 'ALTER SYSTEM SET fsync = off');
  await cluster.sql('postgres', 'SELECT pg_reload_conf()');
  try {
    const { FileCaseStore } = await import('../../electron/main/storage/file-case-store');
    const { sealedFs } = await import('../../electron/main/storage/sealed-fs');
    const { realFs } = await import('../../electron/main/storage/durable-fs');
    const recordsKey = subKey(dataKey, 'records');
    const source = await FileCaseStore.open({ dataDir, fs: sealedFs(realFs, dataDir, recordsKey) });
    const target = await PgCaseStore.open({ connection: cluster.config(db), recordsKey, poolSize: 8 });
    try {
      await seedCases(source, target, log);
    } finally {
      await source.close();
      await target.close();
    }
    const pool = createPool(cluster.config(db), 1);
    try {
      const doc = await readFile(path.join(dataDir, 'workstation.json'), 'utf8');
      const trail = (await readFile(path.join(dataDir, 'audit', 'workstation.jsonl'), 'utf8')).split('\n').filter(Boolean);
      await pool.query('INSERT INTO center_state (revision, doc) VALUES (0, $1::jsonb)', [doc]);
      for (const line of trail) {
        const e = JSON.parse(line) as { seq: number; prevHash: string; hash: string };
        await pool.query('INSERT INTO center_audit_events (seq, prev_hash, hash, event) VALUES ($1, $2, $3, $4)', [e.seq, e.prevHash, e.hash, line]);
      }
    } finally {
      await pool.end();
    }
  } finally {
    await cluster.sql('postgres', 'ALTER SYSTEM RESET fsync');
    await cluster.sql('postgres', 'SELECT pg_reload_conf()');
    await cluster.sql(db, 'CHECKPOINT');
  }
}
