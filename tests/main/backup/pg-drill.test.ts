/**
 * 恢复演练 for a center kept in PostgreSQL (issue 15), against a real server: the desk that runs the backups checks the
 * newest generation as a restore would before writing a row (manifest HMAC, every object's SHA-256, each case's
 * bundle opened and checked to hold together, the center settings' HMAC and trail) and holds every case against the
 * live data; a damaged bundle makes the drill fail, saying which case.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillIdle } from '../../../electron/main/services/backup-drill';
import { backupsOf } from '../../../electron/main/services/backup-scheduler';
import type { Workstation } from '../../../electron/main/services/workstation';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { PG_SUPERUSER, postgresSkipped, usePostgres } from '../../fixtures/use-postgres';
import { ADMIN_PASSWORD, SETUP, call, callError, makeTempDir, openWorkstation, removeDir, signInFirst } from '../../fixtures/workstation';
import type { CenterDatabase } from '../../../electron/shared/ipc/auth-inputs';
import { firstRunRestoreIdle } from '../../../electron/main/services/backup-first-run';
import { damageCaseBundle, seededWorkstation } from './fixture';
import { resolveGeneration } from '../../../electron/main/backup/open-generation';

const cluster = usePostgres();
let root: string;
let target: string;
let ws: Workstation;
let database: CenterDatabase;
const opened: Workstation[] = [];

beforeAll(async () => {
  if (postgresSkipped) return;
  root = await makeTempDir('pg-drill-');
  target = path.join(root, 'usb');
  database = { host: cluster().dir, port: 5432, database: await cluster().createDatabase(), user: PG_SUPERUSER, password: '', tls: 'off' };
  await mkdir(path.join(root, 'desk'));
  ({ ws } = await seededWorkstation(path.join(root, 'desk'), { workloadOps: 12, desk: { schemaVersion: 1, store: 'postgres', database } }));
  await call(ws, 'backup:update-settings', { folder: target, dailyAt: '18:30', retention: { daily: 7, weekly: 4, monthly: 12 } });
}, 180_000);
afterAll(async () => {
  for (const d of opened) await d.close().catch(() => undefined);
  await ws?.close();
  if (root) await removeDir(root);
});

async function drill() {
  await call(ws, 'backup:drill');
  await drillIdle(ws);
  return (await call(ws, 'backup:status')).drill;
}

describe.skipIf(postgresSkipped)('恢复演练 and 从备份恢复 of a center database backup', () => {
  it('checks every case of the newest backup as a restore would, holds it against the live data, and reports in Chinese', async () => {
    const run = await backupsOf(ws).runNow(null);
    expect(run?.reason).toBeNull();
    const inBackup = (await ws.cases.query({ limit: 0 })).total;
    expect((await call(ws, 'backup:status')).drill.due).toBe(true);
    await call(ws, 'cases:create', roadTrafficCaseInput());
    const result = await drill();
    expect(result).toMatchObject({ running: null, due: false, last: { ok: true, generation: run!.generation } });
    const text = result.last!.lines.join('\n');
    expect(text).toContain(`${inBackup}件案件的备份均可恢复`);
    expect(text).toContain(`备份中${inBackup}件案件，${inBackup}件完全相同`);
    expect(text).toContain('另有1件为备份后登记');
    expect(text).toContain('中心审计记录（人员、设置、登录）与现有记录相接');
    expect((await ws.workstationTrail()).at(-1)).toMatchObject({ action: 'backup:drill-ok' });
  }, 120_000);

  it('a damaged case in the backup fails the drill, naming what is wrong', async () => {
    const run = await backupsOf(ws).runNow(null);
    expect(run?.reason).toBeNull();
    // The drill checks the newest generation. Under the tests' fixed clock both runs so far start at the same second,
    // and their ids then sort by their random suffix: damage the one the drill will take.
    const newest = await resolveGeneration(target);
    const undo = await damageCaseBundle(target, newest.id);
    try {
      const result = await drill();
      expect(result.last).toMatchObject({ ok: false });
      expect(result.last!.lines.join('\n')).toMatch(/SHA-256|损坏|不一致/);
      expect((await ws.workstationTrail()).at(-1)).toMatchObject({ action: 'backup:drill-failed' });
    } finally {
      await undo();
    }
  }, 120_000);

  it('从备份恢复 on a new desk: a center database backup goes into a new, empty database, which the desk then uses', async () => {
    const run = await backupsOf(ws).runNow(null);
    const generation = run!.generation!;
    const cases = (await ws.cases.query({ limit: 0 })).total;
    const desk = await openWorkstation(path.join(root, 'new-desk'));
    opened.push(desk);
    const views = await call(desk, 'setup:restore-generations', { folder: target });
    expect(views.find((g) => g.id === generation)).toMatchObject({ status: 'complete', source: 'postgresql' });
    const unlock = { loginName: SETUP.loginName, password: ADMIN_PASSWORD };
    // The database is asked for, and checked before anything runs: one that holds a center is refused at the field.
    expect(await callError(desk, 'setup:restore', { folder: target, generation, unlock })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['database'] }] });
    const taken = await callError(desk, 'setup:restore', { folder: target, generation, unlock, database });
    expect(taken.issues?.[0]).toMatchObject({ path: ['database'] });
    expect(taken.issues?.[0]?.message).toContain('已有中心');
    const fresh = { ...database, database: await cluster().createDatabase() };
    const wrong = await callError(desk, 'setup:restore', { folder: target, generation, unlock, database: { ...fresh, database: 'no_such_db' } });
    expect(wrong.issues?.[0]?.message).toContain('no_such_db');
    await call(desk, 'setup:restore', { folder: target, generation, unlock, database: fresh });
    await firstRunRestoreIdle(desk);
    expect(await call(desk, 'setup:restore-status')).toMatchObject({ running: false, result: { ok: true, cases, generation } });
    expect(desk.deskStore).toMatchObject({ store: 'postgres', database: { database: fresh.database } });
    expect((await desk.workstationTrail()).at(-1)).toMatchObject({ action: 'backup:restored' });
    await signInFirst(desk);
    expect((await call(desk, 'cases:list', { page: 1, pageSize: 20 })).total).toBe(cases);
  }, 180_000);
});
