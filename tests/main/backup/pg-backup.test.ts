/**
 * Backups of a center kept in PostgreSQL (issue 15, pg-source.ts / pg-restore.ts), against a real server: a center made
 * through the real services at a desk on the database, backed up by the desk's own schedule (立即备份), restored into a
 * fresh database; every case bundle identical, the center's staff and trail there, an issued document's SHA-256 still
 * found. A second run copies only what changed; a damaged backup, a database that is not empty and a folder's backup
 * are refused before the database is touched.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectPath } from '../../../electron/main/backup/layout';
import { readManifest } from '../../../electron/main/backup/manifest';
import { PgBackupSource, caseIdOfBundlePath, isCaseBundlePath, openBundle } from '../../../electron/main/backup/pg-source';
import { runBackup } from '../../../electron/main/backup/run-backup';
import type { BackupSource, ReadFile, Reuse, SourceEntry } from '../../../electron/main/backup/source';
import { exportCase } from '../../../electron/main/storage/case-bundle';
import { restorePgBackup } from '../../../electron/main/backup/pg-restore';
import { restoreBackup } from '../../../electron/main/backup/restore';
import { BackupScheduler, backupsOf, otherDeskNote } from '../../../electron/main/services/backup-scheduler';
import { fixedClock } from '../../../electron/main/services/clock';
import type { Workstation } from '../../../electron/main/services/workstation';
import { subKey } from '../../../electron/main/crypto/keyring';
import { PgCaseStore } from '../../../electron/main/storage/pg/pg-case-store';
import { PgCenterState } from '../../../electron/main/storage/pg/pg-center-state';
import type { Staff } from '../../../electron/shared/domain';
import type { CenterDatabase } from '../../../electron/shared/ipc/auth-inputs';
import { FIXTURE_NOW, roadTrafficCaseInput } from '../../fixtures/cases';
import { PG_SUPERUSER, postgresSkipped, usePostgres } from '../../fixtures/use-postgres';
import { ADMIN_PASSWORD, SETUP, call, callError, makeTempDir, openWorkstation, removeDir, signInAs } from '../../fixtures/workstation';
import { allBundles, damageCaseBundle, seededWorkstation } from './fixture';

const cluster = usePostgres();
const run = promisify(execFile);
const tsx = (script: string, args: string[]) =>
  run(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), script, ...args, '--login', SETUP.loginName, '--json'], {
    env: { ...process.env, MEDIATION_VERIFY_PASSWORD: ADMIN_PASSWORD },
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );
const clock = fixedClock(FIXTURE_NOW);
let root: string;
let target: string;
let ws: Workstation;
let dataKey: Buffer;
let admin: Staff;
let database: CenterDatabase;

beforeAll(async () => {
  if (postgresSkipped) return;
  root = await makeTempDir('pg-backup-');
  target = path.join(root, 'usb');
  const name = await cluster().createDatabase();
  database = { host: cluster().dir, port: 5432, database: name, user: PG_SUPERUSER, password: '', tls: 'off' };
  await mkdir(path.join(root, 'desk'));
  ({ ws, dataKey, admin } = await seededWorkstation(path.join(root, 'desk'), { workloadOps: 20, desk: { schemaVersion: 1, store: 'postgres', database } }));
  // Center files too: an integrity checkpoint and a draft (center_files, sealed where personal).
  // The first checkpoint reads every chain in the background: waited for, or a loaded machine backs up before it lands.
  let checkpoints = await call(ws, 'integrity:checkpoint');
  while (checkpoints.running) {
    await new Promise((r) => setTimeout(r, 10));
    checkpoints = await call(ws, 'integrity:checkpoints');
  }
  expect(checkpoints.lastRun?.error ?? null).toBeNull();
  await call(ws, 'drafts:save', { data: { form: 'intake', applicant: '张建国' } });
  await call(ws, 'backup:update-settings', { folder: target, dailyAt: '18:30', retention: { daily: 7, weekly: 4, monthly: 12 } });
}, 180_000);
afterAll(async () => {
  await ws?.close();
  if (root) await removeDir(root);
});

const freshDatabase = async () => cluster().url(await cluster().createDatabase());
const unlock = async () => dataKey;

async function backUp() {
  const run = await backupsOf(ws).runNow(null);
  expect(run, 'the run was not started').not.toBeNull();
  expect(run!.reason).toBeNull();
  return run!;
}

describe.skipIf(postgresSkipped)('a PostgreSQL center backed up and restored', () => {
  it('the desk backs the center up; restored into a fresh database every case bundle is identical, an issued document still verifies', async () => {
    expect(backupsOf(ws).blocked()).toBeNull();
    // The folder is a path on this computer: a desk of the center on another computer does not run the backups.
    expect(ws.state.data.backup?.settings?.runsOn).toBe(os.hostname());
    expect(new BackupScheduler(ws, undefined, 'front-desk-pc').blocked()).toBe(otherDeskNote(os.hostname()));
    const run = await backUp();
    const manifest = await readManifest(target, run.generation!);
    expect(manifest.source).toMatchObject({ kind: 'postgresql', label: `${database.host}:5432/${database.database}` });
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['workstation.json', 'audit/workstation.jsonl', 'center-state.json', 'pg/store_keys/lookup']));
    const live = await allBundles(ws);
    expect(paths.filter(isCaseBundlePath)).toHaveLength(live.size);
    // The bundles hold records in clear: in the backup they are sealed (no party's name in any object).
    const someone = [...live.values()][0]!.record.parties[0]!.name;
    for (const f of manifest.files.filter((x) => isCaseBundlePath(x.path))) expect((await readFile(objectPath(target, f.sha256))).includes(Buffer.from(someone))).toBe(false);

    const restoredName = await cluster().createDatabase();
    const url = cluster().url(restoredName);
    const report = await restorePgBackup({ backup: target, connection: url, generation: run.generation!, unlock, clock });
    expect(report).toMatchObject({ generation: run.generation, cases: live.size, problems: [] });
    const restored = await PgCaseStore.open({ connection: url, recordsKey: subKey(dataKey, 'records'), now: () => clock.now() });
    const center = await PgCenterState.open(url);
    try {
      for (const [id, bundle] of live) {
        expect(await exportCase(restored, id), id).toEqual(bundle);
      }
      // An issued document (the acceptance register of the signed-agreement case) is still the center's.
      const issued = [...live.values()].flatMap((b) => b.record.documents.flatMap((d) => d.files.map((f) => ({ sha256: f.sha256, caseId: b.record.id }))));
      expect(issued.length).toBeGreaterThan(0);
      for (const doc of issued) expect(await restored.findIssuedFile(doc.sha256)).toMatchObject({ caseId: doc.caseId });
      // The center files as they were, byte for byte (the checkpoint and the draft among them).
      const rowsOf = async (pool: typeof center.pool) => (await pool.query<{ path: string; content: Buffer }>('SELECT path, content FROM center_files ORDER BY path')).rows;
      const files = await rowsOf(ws.centerPool!);
      expect(files.length).toBeGreaterThanOrEqual(2);
      expect(await rowsOf(center.pool)).toEqual(files);
      expect(report.centerFiles).toBe(files.length);
      expect(center.data.staff).toEqual(ws.state.data.staff);
      expect(center.data.keyring).toEqual(ws.state.data.keyring);
      const trail = await center.trail();
      expect(trail.length).toBeGreaterThan(3);
      expect(trail.map((e) => e.hash)).toEqual((await ws.workstationTrail()).slice(0, trail.length).map((e) => e.hash));
    } finally {
      await center.close();
      await restored.close();
    }

    // A desk pointed at the restored database finds the center: its administrator signs in and sees every case.
    const deskDir = path.join(root, 'restored-desk');
    await mkdir(deskDir);
    const desk = await openWorkstation(deskDir, { desk: { schemaVersion: 1, store: 'postgres', database: { ...database, database: restoredName } } });
    try {
      await signInAs(desk, SETUP.loginName);
      expect((await call(desk, 'cases:list', { page: 1, pageSize: 100 })).total).toBe(live.size);
    } finally {
      await desk.close();
    }

    // Into a database that is not empty (the one just restored): refused, nothing written.
    await expect(restorePgBackup({ backup: target, connection: url, unlock, clock })).rejects.toMatchObject({ code: 'DESTINATION_NOT_EMPTY' });
    // A center database's backup is not a data folder's.
    await expect(restoreBackup({ backup: target, to: path.join(root, 'as-folder'), unlock, clock })).rejects.toMatchObject({ code: 'WRONG_KIND' });
    expect(await readdir(root)).not.toContain('as-folder');
  }, 180_000);

  it('the next run copies only the cases that changed', async () => {
    const first = await backUp();
    // Read now: the desk's clock stands still, so the next run of the same day prunes this one (7 daily kept).
    const a = await readManifest(target, first.generation!);
    await call(ws, 'cases:create', roadTrafficCaseInput());
    const second = await backUp();
    const b = await readManifest(target, second.generation!);
    const had = new Set(a.files.map((f) => f.sha256));
    const fresh = b.files.filter((f) => !had.has(f.sha256)).map((f) => f.path);
    // The new case, the center trail (the first run's entry) and the center state (the last run kept in it).
    expect(fresh.filter(isCaseBundlePath)).toHaveLength(1);
    expect(fresh.length).toBeLessThanOrEqual(5);
    expect(second.bytesWritten).toBeLessThan(b.files.reduce((n, f) => n + f.size, 0) / 3);
  }, 120_000);

  it('an incremental run exports only the cases whose revision, trail or files changed (a file added without an audit entry too)', async () => {
    const incTarget = path.join(root, 'incremental');
    const read: string[] = [];
    let hour = 0;
    const run = async (opts: { rehash?: boolean } = {}) => {
      const inner = new PgBackupSource({ cases: ws.cases, pool: ws.centerPool!, dataKey, label: 'incremental' });
      const source: BackupSource = {
        kind: inner.kind,
        label: inner.label,
        listEntries: () => inner.listEntries(),
        async readEntry(entry: SourceEntry, reuse?: Reuse) {
          const files = await inner.readEntry(entry, reuse);
          for (const f of files ?? []) if ('data' in f) read.push(f.path);
          return files;
        },
      };
      read.length = 0;
      const result = await runBackup({ source, target: incTarget, dataKey, clock: fixedClock(new Date(Date.parse(FIXTURE_NOW) + ++hour * 3_600_000).toISOString()), ...opts });
      expect(result.reason).toBeNull();
      return { ...result, bundles: read.filter(isCaseBundlePath).map(caseIdOfBundlePath).sort() };
    };
    const { items } = await ws.cases.query({});
    expect(items.length).toBeGreaterThan(3);
    const full = await run();
    expect(full).toMatchObject({ fullRead: true, filesReused: 0 });
    expect(full.bundles).toHaveLength(items.length);

    const idle = await run();
    expect(idle).toMatchObject({ fullRead: false, objectsWritten: 0, entriesRead: 3 });
    expect(idle.bundles).toEqual([]);

    // An update, a note, and a file put without an audit entry (putFile, before a record names it): three cases.
    const [a, b, c] = [items[0]!, items[1]!, items[2]!];
    const current = await ws.cases.get(a.id);
    await ws.cases.update(a.id, current.revision, (r) => ({ ...r, updatedAt: new Date(Date.parse(r.updatedAt) + 60_000).toISOString() }), { actorId: 'x', actorName: '测试', action: 'cases:touch', detail: '增量备份测试' });
    await ws.cases.note(b.id, { actorId: 'x', actorName: '测试', action: 'cases:note', detail: '增量备份测试' });
    await ws.cases.putFile(c.id, 'attachments', `incremental-${crypto.randomUUID().slice(0, 8)}.png`, new Uint8Array([1, 2, 3]));
    const changed = await run();
    expect(changed.bundles).toEqual([a.id, b.id, c.id].sort());
    expect(changed.filesReused).toBe(items.length - 3);

    // Restored, the incremental generation is the center as it is.
    const url = await freshDatabase();
    const report = await restorePgBackup({ backup: incTarget, connection: url, generation: changed.generation!, unlock, clock });
    expect(report.problems).toEqual([]);
    const restored = await PgCaseStore.open({ connection: url, recordsKey: subKey(dataKey, 'records'), now: () => clock.now() });
    try {
      for (const item of items) expect(await exportCase(restored, item.id), item.id).toEqual(await exportCase(ws.cases, item.id));
    } finally {
      await restored.close();
    }

    const asked = await run({ rehash: true });
    expect(asked).toMatchObject({ fullRead: true, fullReadWhy: 'asked', filesReused: 0 });
    expect(asked.bundles).toHaveLength(items.length);
  }, 120_000);

  it('npm run backup -- --from postgres://… and npm run restore -- --to postgres://…, as an administrator runs them', async () => {
    const cliTarget = path.join(root, 'cli-target');
    const backup = await tsx('scripts/backup.ts', ['--from', cluster().url(database.database), '--to', cliTarget]);
    expect(backup.code, backup.err).toBe(0);
    const result = JSON.parse(backup.out) as { ok: boolean; generation: string };
    expect(result.ok).toBe(true);
    const url = await freshDatabase();
    const restore = await tsx('scripts/restore.ts', ['--from', cliTarget, '--to', url]);
    expect(restore.code, restore.err).toBe(0);
    expect(JSON.parse(restore.out)).toMatchObject({ ok: true, generation: result.generation, problems: [] });
    const again = await tsx('scripts/restore.ts', ['--from', cliTarget, '--to', url]);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.out)).toMatchObject({ ok: false, code: 'DESTINATION_NOT_EMPTY' });
  }, 120_000);

  it('a case written between two reads of its bundle is read again; a backup taken while the desk works restores clean', async () => {
    const id = (await ws.cases.query({})).items[0]!.id;
    let writes = 0;
    let reads = 0;
    // The store as the source sees it: the first time the trail of that case is read, a write lands just before.
    const racing = new Proxy(ws.cases, {
      get(store, name, receiver) {
        if (name === 'audit') {
          return async (caseId: string) => {
            if (caseId === id) reads += 1;
            if (caseId === id && writes === 0) {
              writes += 1;
              const current = await store.get(id);
              const at = new Date(Date.parse(current.updatedAt) + 60_000).toISOString();
              await store.update(id, current.revision, (c) => ({ ...c, updatedAt: at }), { actorId: 'x', actorName: '测试', action: 'cases:touch', detail: '备份时写入' });
            }
            return store.audit(caseId);
          };
        }
        const value = Reflect.get(store, name, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(store) : value;
      },
    });
    const source = new PgBackupSource({ cases: racing, pool: ws.centerPool!, dataKey, label: 'race' });
    const files = await source.readEntry({ id: `case:${id}`, label: 'x' });
    expect(writes).toBe(1);
    // The first bundle's record was older than its trail: refused by checkBundle, the case read again.
    expect(reads).toBe(2);
    const bundle = openBundle(subKey(dataKey, 'records'), id, (files![0]! as ReadFile).data);
    expect(bundle).toEqual(await exportCase(ws.cases, id));

    // The desk keeps registering and editing cases while its backup runs.
    const { runWorkload } = await import('../../../scripts/reliability/workload');
    const { seededRng } = await import('../../fixtures/cases');
    const [done] = await Promise.all([backUp(), runWorkload(ws, seededRng(9), admin.id, () => undefined, { ops: 15, maxFileBytes: 4096 })]);
    const report = await restorePgBackup({ backup: target, connection: await freshDatabase(), generation: done.generation!, unlock, clock });
    expect(report.problems).toEqual([]);
  }, 120_000);

  it('two desks of the center asked at once: one runs the backup, the other leaves it to that run', async () => {
    const deskDir = path.join(root, 'second-desk');
    await mkdir(deskDir);
    const second = await openWorkstation(deskDir, { desk: { schemaVersion: 1, store: 'postgres', database } });
    try {
      await signInAs(second, SETUP.loginName);
      const runs = await Promise.all([backupsOf(ws).runNow(null), backupsOf(second).runNow(null)]);
      expect(runs.filter((r) => r !== null)).toHaveLength(1);
      expect(runs.find((r) => r !== null)?.ok).toBe(true);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('one case back from a center database backup: an accidental correction set back on top, the trail only growing', async () => {
    const { generation } = await backUp();
    const item = (await ws.cases.query({})).items[0]!;
    const before = await call(ws, 'cases:get', { id: item.id });
    await call(ws, 'cases:update', { id: item.id, revision: before.record.revision, dispute: { ...before.record.dispute, summary: '误改的纠纷简要情况' }, parties: before.record.parties, agents: before.record.agents, reason: '误操作' });
    const result = await call(ws, 'backup:restore-case', { generation: generation!, caseNumber: item.caseNumber, reason: '登记信息被误改' });
    expect(result).toMatchObject({ caseNumber: item.caseNumber, outcome: 'corrected', fields: ['纠纷简要情况'] });
    expect((await call(ws, 'cases:get', { id: item.id })).record.dispute.summary).toBe(before.record.dispute.summary);
    expect((await callError(ws, 'backup:restore-case', { generation: generation!, caseNumber: '（2026）X调字第9999号', reason: '核对' })).code).toBe('NOT_FOUND');
  }, 60_000);

  it('a damaged backup is refused before the database is touched', async () => {
    const run = await backUp();
    const undo = await damageCaseBundle(target, run.generation!);
    try {
      const url = await freshDatabase();
      await expect(restorePgBackup({ backup: target, connection: url, generation: run.generation!, unlock, clock })).rejects.toMatchObject({ code: 'OBJECT_TAMPERED' });
      // Nothing was created there: the same database still takes a restore of an intact generation.
      await undo();
      const report = await restorePgBackup({ backup: target, connection: url, generation: run.generation!, unlock, clock });
      expect(report.problems).toEqual([]);
    } finally {
      await undo();
    }
  }, 120_000);
});
