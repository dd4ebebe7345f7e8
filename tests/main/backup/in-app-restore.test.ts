/**
 * Restoring inside the app (issue 15): 从备份恢复 on a new desk's first-run screen (the recovery key, or a password),
 * a damaged backup refused with nothing left behind; one case put back by the administrator (imported when missing,
 * a correction on top when changed, the trail only growing); the one-click restore drill.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectPath } from '../../../electron/main/backup/layout';
import { readManifest } from '../../../electron/main/backup/manifest';
import { backupsOf } from '../../../electron/main/services/backup-scheduler';
import { drillIdle } from '../../../electron/main/services/backup-drill';
import { firstRunRestoreIdle } from '../../../electron/main/services/backup-first-run';
import type { Workstation } from '../../../electron/main/services/workstation';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { ADMIN_PASSWORD, SETUP, call, callError, makeTempDir, openWorkstation, recoveryKeyOf, removeDir, setUp, signInFirst } from '../../fixtures/workstation';

let root: string;
let target: string;
let ws: Workstation;
let recoveryKey: string;
let caseId: string;
let caseNumber: string;
let generation: string;
const fresh: Workstation[] = [];

beforeAll(async () => {
  root = await makeTempDir('backup-in-app-');
  target = path.join(root, 'usb');
  ws = await openWorkstation(path.join(root, 'data'));
  await setUp(ws);
  recoveryKey = recoveryKeyOf(ws)!;
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  ({ id: caseId, caseNumber } = created);
  await call(ws, 'cases:create', roadTrafficCaseInput());
  await call(ws, 'backup:update-settings', { folder: target, dailyAt: '18:30', retention: { daily: 7, weekly: 4, monthly: 12 } });
  generation = (await backupsOf(ws).runNow({ id: 'test', name: 'test' }))!.generation!;
}, 60_000);

afterAll(async () => {
  for (const w of fresh) await w.close().catch(() => undefined);
  await ws?.close();
  await removeDir(root);
});

async function newDesk(name: string): Promise<{ desk: Workstation; dir: string }> {
  const dir = path.join(root, name);
  const desk = await openWorkstation(dir);
  fresh.push(desk);
  return { desk, dir };
}

const siblingsOf = async (dir: string) => (await readdir(path.dirname(dir))).filter((n) => n.startsWith(`.${path.basename(dir)}.`));

describe('从备份恢复 at first run', () => {
  it('lists the generations of a folder, and restores with the recovery key: every case back, then sign-in', async () => {
    const { desk, dir } = await newDesk('new-desk-1');
    expect((await call(desk, 'app:info')).setupRequired).toBe(true);
    expect(await call(desk, 'setup:restore-generations', { folder: target })).toMatchObject([{ id: generation, status: 'complete' }]);
    const started = await call(desk, 'setup:restore', { folder: target, generation, unlock: { recoveryKey } });
    expect(started.running).toBe(true);
    await firstRunRestoreIdle(desk);
    expect(await call(desk, 'setup:restore-status')).toMatchObject({ running: false, result: { ok: true, centerName: SETUP.centerName, cases: 2, generation } });
    expect(await call(desk, 'app:info')).toMatchObject({ setupRequired: false, centerName: SETUP.centerName });
    expect((await desk.workstationTrail()).at(-1)).toMatchObject({ action: 'backup:restored', actorName: '恢复密钥' });
    await signInFirst(desk);
    expect((await call(desk, 'cases:list', { page: 1, pageSize: 20 })).total).toBe(2);
    expect((await call(desk, 'cases:get', { id: caseId })).record.caseNumber).toBe(caseNumber);
    expect(await siblingsOf(dir)).toEqual([]);
    // Once set up (restored), never again.
    expect((await callError(desk, 'setup:restore', { folder: target, generation, unlock: { recoveryKey } })).code).toBe('ALREADY_SET_UP');
    expect((await callError(desk, 'setup:restore-generations', { folder: target })).code).toBe('ALREADY_SET_UP');
  }, 60_000);

  it('restores with a staff member’s login and password; a wrong one is said at the field', async () => {
    const { desk } = await newDesk('new-desk-2');
    const wrong = await callError(desk, 'setup:restore', { folder: target, generation, unlock: { loginName: SETUP.loginName, password: 'Cuowu-mima-99' } });
    expect(wrong).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['unlock', 'password'] }] });
    const badKey = await callError(desk, 'setup:restore', { folder: target, generation, unlock: { recoveryKey: 'ABCD' } });
    expect(badKey.issues?.[0]?.path).toEqual(['unlock', 'recoveryKey']);
    await call(desk, 'setup:restore', { folder: target, generation, unlock: { loginName: SETUP.loginName, password: ADMIN_PASSWORD } });
    await firstRunRestoreIdle(desk);
    expect((await call(desk, 'setup:restore-status')).result).toMatchObject({ ok: true });
    expect((await desk.workstationTrail()).at(-1)).toMatchObject({ action: 'backup:restored', actorName: SETUP.adminName });
  }, 60_000);

  it('refuses a tampered backup with what is wrong, and leaves the desk as it was: nothing restored, nothing beside it', async () => {
    const { desk, dir } = await newDesk('new-desk-3');
    const before = (await readdir(dir)).sort();
    const manifest = await readManifest(target, generation);
    const victim = manifest.files.find((f) => f.path.startsWith(`cases/${caseId}/`) && f.path.endsWith('case.json'))!;
    const file = objectPath(target, victim.sha256);
    const original = await readFile(file);
    const flipped = Buffer.from(original);
    flipped[flipped.length - 5]! ^= 0xff;
    await writeFile(file, flipped);
    try {
      await call(desk, 'setup:restore', { folder: target, generation, unlock: { recoveryKey } });
      await firstRunRestoreIdle(desk);
      const status = await call(desk, 'setup:restore-status');
      expect(status.result).toMatchObject({ ok: false, message: expect.stringContaining('未恢复任何数据') });
      expect(status.result && !status.result.ok && status.result.message).toMatch(/SHA-256|校验|改动|损坏/);
      expect((await call(desk, 'app:info')).setupRequired).toBe(true);
      expect((await readdir(dir)).sort()).toEqual(before);
      expect(await siblingsOf(dir)).toEqual([]);
    } finally {
      await writeFile(file, original);
    }
  }, 60_000);
});

describe('one case back from a backup (中心管理员)', () => {
  it('sets an accidental correction back as a new correction on top, the trail only growing', async () => {
    const before = await call(ws, 'cases:get', { id: caseId });
    const trailBefore = await call(ws, 'cases:audit', { id: caseId });
    const dispute = { ...before.record.dispute, summary: '误改的纠纷简要情况' };
    await call(ws, 'cases:update', { id: caseId, revision: before.record.revision, dispute, parties: before.record.parties, agents: before.record.agents, reason: '误操作' });
    const result = await call(ws, 'backup:restore-case', { generation, caseNumber, reason: '登记信息被误改' });
    expect(result).toMatchObject({ caseNumber, outcome: 'corrected', fields: ['纠纷简要情况'] });
    const after = await call(ws, 'cases:get', { id: caseId });
    expect(after.record.dispute.summary).toBe(before.record.dispute.summary);
    const trail = await call(ws, 'cases:audit', { id: caseId });
    expect(trail.slice(0, trailBefore.length)).toEqual(trailBefore);
    expect(trail.length).toBe(trailBefore.length + 2);
    expect(trail.at(-1)!.detail).toContain('按备份');
    expect((await ws.workstationTrail()).at(-1)).toMatchObject({ action: 'backup:restore-case', detail: expect.stringContaining('登记信息被误改') });
    // Now as in the backup (registration): nothing more to set back.
    expect((await call(ws, 'backup:restore-case', { generation, caseNumber, reason: '再次核对' })).outcome).toBe('identical');
  }, 60_000);

  it('refuses an unknown case number at the field', async () => {
    const error = await callError(ws, 'backup:restore-case', { generation, caseNumber: '（2026）X调字第9999号', reason: '核对' });
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);
});

describe('恢复演练', () => {
  it('restores the newest generation into a temporary place, compares it with the live data, and reports in Chinese', async () => {
    await signInFirst(ws);
    const started = await call(ws, 'backup:drill');
    expect(started.drill.running).not.toBeNull();
    // The drill holds the backup folder: no backup starts meanwhile (the schedule catches up after).
    expect(() => backupsOf(ws).runNow(null)).toThrow('恢复演练');
    expect(backupsOf(ws).tick()).toBeNull();
    await drillIdle(ws);
    expect(backupsOf(ws).drilling).toBe(false);
    const status = await call(ws, 'backup:status');
    expect(status.drill).toMatchObject({ running: null, due: false, last: { ok: true, generation } });
    const text = status.drill.last!.lines.join('\n');
    expect(text).toContain('备份中2件案件');
    expect(text).toContain('1件此后有新的办理记录');
    expect(text).toContain('结论：备份可用');
    expect((await ws.workstationTrail()).at(-1)).toMatchObject({ action: 'backup:drill-ok' });
    expect((await readdir(path.dirname(root))).filter((n) => n.startsWith('mws-drill-'))).toEqual([]);
  }, 60_000);
});
