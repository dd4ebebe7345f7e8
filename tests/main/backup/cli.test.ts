/** npm run backup and npm run restore, as an administrator runs them: unlocked with a password, JSON reports, exit codes. */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { ADMIN_PASSWORD, SETUP, makeTempDir, recoveryKeyOf, removeDir } from '../../fixtures/workstation';
import { allBundles, openRestored, seededWorkstation } from './fixture';

const run = promisify(execFile);
const tsx = (script: string, args: string[], password = ADMIN_PASSWORD) =>
  run(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), script, ...args, '--login', SETUP.loginName, '--json'], {
    env: { ...process.env, MEDIATION_VERIFY_PASSWORD: password },
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );

let root: string;
let dataDir: string;
let ws: Workstation;
let dataKey: Buffer;
let recoveryKey: string;
beforeAll(async () => {
  root = await makeTempDir('backup-cli-');
  dataDir = path.join(root, 'data');
  ({ ws, dataKey } = await seededWorkstation(dataDir, { workloadOps: 15 }));
  recoveryKey = recoveryKeyOf(ws)!;
}, 120_000);
afterAll(async () => {
  await ws?.close();
  await removeDir(root);
});

describe('npm run backup / npm run restore', () => {
  it('backs up while the app holds the folder, restores into a new folder, and refuses a wrong password', async () => {
    const target = path.join(root, 'target');
    // The app keeps the folder open (and locked) meanwhile: the backup does not need its lock.
    const backup = await tsx('scripts/backup.ts', ['--from', dataDir, '--to', target]);
    expect(backup.code, backup.err).toBe(0);
    const result = JSON.parse(backup.out) as { ok: boolean; generation: string; files: number };
    expect(result).toMatchObject({ ok: true });

    const to = path.join(root, 'restored');
    const wrong = await tsx('scripts/restore.ts', ['--from', target, '--to', to], 'not-the-password');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('登录名或密码不正确');
    expect(await readdir(root)).not.toContain('restored');

    const restore = await tsx('scripts/restore.ts', ['--from', target, '--to', to, '--generation', result.generation]);
    expect(restore.code, restore.err).toBe(0);
    expect(JSON.parse(restore.out)).toMatchObject({ ok: true, generation: result.generation, files: result.files, problems: [] });
    const restored = await openRestored(to, dataKey);
    try {
      expect(await allBundles(restored)).toEqual(await allBundles(ws));
    } finally {
      await restored.close();
    }

    // The recovery key alone (a new computer, nobody's password at hand) opens the backup too.
    const byRecovery = await tsx('scripts/restore.ts', ['--from', target, '--to', path.join(root, 'restored-by-recovery-key'), '--recovery-key', recoveryKey]);
    expect(byRecovery.code, byRecovery.err).toBe(0);
    expect(JSON.parse(byRecovery.out)).toMatchObject({ ok: true, generation: result.generation, problems: [] });

    const check = await tsx('scripts/restore.ts', ['--from', target, '--check']);
    expect(check.code, check.err).toBe(0);
    expect(JSON.parse(check.out)).toEqual({ ok: true, generation: result.generation, files: result.files });

    const list = await tsx('scripts/restore.ts', ['--from', target, '--list']);
    expect(JSON.parse(list.out)).toEqual([expect.objectContaining({ id: result.generation, status: 'complete', files: result.files })]);
  }, 120_000);
});
