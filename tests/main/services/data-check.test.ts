/** 数据核验: every case read back and checked, through the screen's API and `npm run verify`. */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptCase } from '../../../electron/main/services/decisions';
import type { Workstation } from '../../../electron/main/services/workstation';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { ADMIN_PASSWORD, SETUP, call, callError, makeTempDir, openWorkstation, removeDir, setUp, signInFirst, storeFiles } from '../../fixtures/workstation';

const run = promisify(execFile);
let dir = '';
let ws: Workstation;
beforeEach(async () => {
  dir = await makeTempDir('data-check-');
  ws = await openWorkstation(dir);
});
afterEach(async () => {
  await ws.close().catch(() => undefined);
  await removeDir(dir);
});

async function seeded() {
  const admin = await setUp(ws);
  const settings = await call(ws, 'settings:get');
  await call(ws, 'settings:update', { ...settings, phone: '0579-85181234' });
  const a = await call(ws, 'cases:create', roadTrafficCaseInput());
  const accepted = await acceptCase(ws, { id: a.id, revision: a.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' }, admin);
  const issued = await call(ws, 'documents:issue', { caseId: a.id, template: 'acceptance-register' });
  const b = await call(ws, 'cases:create', roadTrafficCaseInput());
  return { admin, a: accepted, b, issued };
}

async function checked(): Promise<Awaited<ReturnType<typeof call<'data:check-status'>>>> {
  await call(ws, 'data:check-start');
  for (;;) {
    const status = await call(ws, 'data:check-status');
    if (!status.running && status.report) return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('数据核验', () => {
  it('finds nothing in an untouched folder, and names the case of each problem it finds', async () => {
    const { a, issued } = await seeded();
    const clean = await checked();
    expect(clean.report).toMatchObject({ cases: 2, problems: [] });
    expect(clean.report!.files).toBeGreaterThanOrEqual(7); // 2 cases + 2 trails + the PDF, DOCX and data snapshot

    // An issued PDF changed by someone holding the key (the SHA-256 no longer matches the version), and a previous
    // generation flipped on disk.
    const pdf = path.join(dir, 'cases', a.id, 'documents', issued.document.files[0]!.file);
    const bytes = await storeFiles(ws).read(pdf);
    bytes[bytes.length - 20]! ^= 1;
    await storeFiles(ws).write(pdf, bytes);
    const previous = path.join(dir, 'cases', a.id, 'case.json.1');
    const sealed = await readFile(previous);
    sealed[sealed.length - 5]! ^= 1;
    await writeFile(previous, sealed);
    const found = await checked();
    const messages = found.report!.problems.filter((p) => p.caseNumber === a.caseNumber).map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('PDF文件与登记的SHA-256不符'), expect.stringContaining('上一版本文件未通过完整性校验')]));
  });

  it('is for the administrator (the policy table), and audited', async () => {
    await seeded();
    await call(ws, 'data:check-start');
    const trail = (await import('../../../electron/main/storage/audit-log')).AuditLog;
    const events = await new trail(path.join(dir, 'audit', 'workstation.jsonl')).readAll();
    expect(events.at(-1)).toMatchObject({ action: 'data:check-start' });
    const anon = await callError(ws, 'data:check-status', undefined, 'another-window');
    expect(anon.code).toBe('UNAUTHENTICATED');
  });

  it('npm run verify: exit 0 on an intact folder, 1 with the case named when a file was changed, 2 with a wrong password', async () => {
    const { a } = await seeded();
    await ws.close();
    const verify = (env: Record<string, string>, ...extra: string[]) =>
      run(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/verify.ts', '--data-dir', dir, '--login', SETUP.loginName, '--json', ...extra], { env: { ...process.env, ...env } }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    const ok = await verify({ MEDIATION_VERIFY_PASSWORD: ADMIN_PASSWORD });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ cases: 2, problems: [] });

    const file = path.join(dir, 'cases', a.id, 'audit.jsonl');
    const bytes = await readFile(file);
    bytes[30]! ^= 1;
    await writeFile(file, bytes);
    const bad = await verify({ MEDIATION_VERIFY_PASSWORD: ADMIN_PASSWORD });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).problems).toEqual(expect.arrayContaining([expect.objectContaining({ caseNumber: a.caseNumber })]));

    const wrong = await verify({ MEDIATION_VERIFY_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('登录名或密码不正确');
    ws = await openWorkstation(dir);
    await signInFirst(ws);
  }, 60_000);
});
