/**
 * npm run migrate: a desk's folder into the center's PostgreSQL database and back, through the command line, against
 * a real server. Every case arrives whole (its trail verbatim), a second run copies nothing twice, and the database's
 * cases come back into the folder identical.
 */
import { execFile } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subKey } from '../../../electron/main/crypto/keyring';
import { acceptCase } from '../../../electron/main/services/decisions';
import type { Workstation } from '../../../electron/main/services/workstation';
import { exportCase } from '../../../electron/main/storage/case-bundle';
import { PgCaseStore } from '../../../electron/main/storage/pg/pg-case-store';
import { roadTrafficCaseInput, seededRng, syntheticCase } from '../../fixtures/cases';
import { postgresSkipped, usePostgres } from '../../fixtures/use-postgres';
import { ADMIN_PASSWORD, SETUP, call, makeTempDir, openWorkstation, removeDir, setUp, signInFirst } from '../../fixtures/workstation';

const run = promisify(execFile);
const cluster = usePostgres();

let dir: string;
let ws: Workstation;
beforeEach(async () => {
  dir = await makeTempDir('migrate-');
  ws = await openWorkstation(dir);
});
afterEach(async () => {
  await ws.close().catch(() => undefined);
  await removeDir(dir);
});

/** The center's data key, as the folder's own store uses it (the database's rows are sealed with it too). */
const recordsKey = (w: Workstation) => subKey((w as unknown as { dataKey: Buffer }).dataKey, 'records');

async function seeded() {
  const admin = await setUp(ws);
  const a = await call(ws, 'cases:create', roadTrafficCaseInput());
  await acceptCase(ws, { id: a.id, revision: a.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' }, admin);
  await call(ws, 'documents:issue', { caseId: a.id, template: 'acceptance-register' });
  for (let i = 0; i < 4; i++) await call(ws, 'cases:create', syntheticCase(i, seededRng(40 + i)));
  return ws.cases;
}

const migrate = (...args: string[]) =>
  run(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/migrate.ts', ...args, '--login', SETUP.loginName, '--json'], {
    env: { ...process.env, MEDIATION_VERIFY_PASSWORD: ADMIN_PASSWORD },
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );

describe.skipIf(postgresSkipped)('npm run migrate', () => {
  it('copies every case into PostgreSQL whole, copies nothing twice, and brings them back identical', async () => {
    const folderStore = await seeded();
    const { items } = await folderStore.query({ order: 'oldest' });
    const bundles = await Promise.all(items.map((i) => exportCase(folderStore, i.id)));
    const key = recordsKey(ws);
    await ws.close();
    const database = await cluster().createDatabase();
    const url = cluster().url(database);

    const first = await migrate('--from', dir, '--to', url);
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ total: 5, imported: 5, present: 0, problems: [] });
    const again = await migrate('--from', dir, '--to', url);
    expect(JSON.parse(again.out)).toMatchObject({ total: 5, imported: 0, present: 5, problems: [] });

    const pg = await PgCaseStore.open({ connection: cluster().config(database), recordsKey: key });
    for (const b of bundles) expect(await exportCase(pg, b.record.id)).toEqual(b);
    // The database goes on numbering after the copied cases.
    expect((await pg.query({ limit: 1 })).items[0]!.seq).toBe(5);
    await pg.close();

    // And back, into a new folder of the same center (its workstation.json: staff and wrapped keys are not in the
    // database yet), through the command line.
    const fresh = await makeTempDir('migrate-back-');
    try {
      await copyFile(path.join(dir, 'workstation.json'), path.join(fresh, 'workstation.json'));
      const back = await migrate('--from', url, '--to', fresh);
      expect(back.code, back.err).toBe(0);
      expect(JSON.parse(back.out)).toMatchObject({ total: 5, imported: 5, problems: [] });
      const reopened = await openWorkstation(fresh);
      await signInFirst(reopened);
      for (const b of bundles) expect(await exportCase(reopened.cases, b.record.id)).toEqual(b);
      expect((await call(reopened, 'cases:create', syntheticCase(9, seededRng(9)))).seq).toBe(6);
      await reopened.close();
    } finally {
      await removeDir(fresh);
    }
  });

  it('says what is wrong, in Chinese, when it cannot run', async () => {
    await seeded();
    await ws.close();
    const wrongPassword = await run(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/migrate.ts', '--from', dir, '--to', cluster().url('postgres'), '--login', SETUP.loginName], {
      env: { ...process.env, MEDIATION_VERIFY_PASSWORD: 'not-the-password' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(wrongPassword).toMatchObject({ code: 2, stderr: expect.stringContaining('登录名或密码不正确') });
    const noServer = await migrate('--from', dir, '--to', 'postgres://nobody@127.0.0.1:1/none');
    expect(noServer.code).toBe(2);
    expect(noServer.err).toContain('无法连接中心数据库');
    const twoFolders = await migrate('--from', dir, '--to', dir);
    expect(twoFolders).toMatchObject({ code: 2, err: expect.stringContaining('一端须为数据目录') });
  });
});
