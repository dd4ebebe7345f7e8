/**
 * 定时备份 inside the app (services/backup-scheduler.ts) with a pinned clock and a timer driven by hand: the daily run
 * at the set time (China time), catching up at a start, one run at a time, each run kept and audited on the center
 * trail, nothing without the data key; the settings' checks; who may call the backup methods.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_KEY_NOTE, type ScheduleTimers, backupsOf, chinaInstant } from '../../../electron/main/services/backup-scheduler';
import type { Clock } from '../../../electron/main/services/clock';
import type { Workstation } from '../../../electron/main/services/workstation';
import { chinaDateOf } from '../../../electron/shared/format/dates';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { addStaff, call, callError, makeTempDir, openWorkstation, removeDir, setUp, signInAs, signInFirst } from '../../fixtures/workstation';

let root: string;
let dataDir: string;
let target: string;
let ws: Workstation;
let now = new Date('2026-05-01T09:30:00+08:00');
const clock: Clock = { now: () => new Date(now), today: () => chinaDateOf(now.toISOString()) };
const at = (iso: string) => void (now = new Date(iso));
/** Hours later the desk has locked itself (idle): the administrator signs in again. */
const back = () => signInFirst(ws);

/** A timer nobody fires but the test. */
function handTimer(): ScheduleTimers & { fire(): void } {
  let fn: (() => void) | null = null;
  return { setInterval: (f) => ((fn = f), 1), clearInterval: () => void (fn = null), fire: () => fn?.() };
}

const lastBackupEntry = (trail: { action: string }[]) => trail.filter((e) => e.action.startsWith('backup:') && e.action !== 'backup:settings').at(-1);

const settings = () => ({ folder: target, dailyAt: '18:30', retention: { daily: 7, weekly: 4, monthly: 12 } });

beforeAll(async () => {
  root = await makeTempDir('backup-schedule-');
  dataDir = path.join(root, 'data');
  target = path.join(root, 'usb', '调解备份');
  await mkdir(dataDir);
  ws = await openWorkstation(dataDir, { clock });
  await setUp(ws);
  await call(ws, 'cases:create', roadTrafficCaseInput());
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await removeDir(root);
});

describe('backup settings', () => {
  it('refuses a folder inside the data folder, the data folder itself, a relative one, and says why at the field', async () => {
    const inside = await callError(ws, 'backup:update-settings', { ...settings(), folder: path.join(dataDir, 'backups') });
    expect(inside).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['folder'], message: expect.stringContaining('不能是数据目录或在数据目录之内') }] });
    expect((await callError(ws, 'backup:update-settings', { ...settings(), folder: dataDir })).issues?.[0]?.path).toEqual(['folder']);
    const relative = await callError(ws, 'backup:update-settings', { ...settings(), folder: 'backups' });
    expect(relative.issues?.[0]).toMatchObject({ path: ['folder'], message: expect.stringContaining('完整的路径') });
    const badTime = await callError(ws, 'backup:update-settings', { ...settings(), dailyAt: '25:00' });
    expect(badTime.issues?.[0]).toMatchObject({ path: ['dailyAt'], message: expect.stringContaining('时:分') });
  });

  it('refuses a folder that cannot be written', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    const error = await callError(ws, 'backup:update-settings', { ...settings(), folder: '/proc/mws-backup' });
    expect(error.issues?.[0]?.path).toEqual(['folder']);
  });

  it('keeps the settings, audited, and the status says none was made yet (red)', async () => {
    expect((await call(ws, 'backup:status')).alert).toContain('尚未设置备份目录');
    await call(ws, 'backup:update-settings', settings());
    const status = await call(ws, 'backup:status');
    expect(status).toMatchObject({ settings: settings(), blocked: null, lastGood: null, alert: '还没有成功的备份', nextAt: chinaInstant('2026-05-01', '18:30').toISOString() });
    expect((await ws.workstationTrail()).at(-1)).toMatchObject({ action: 'backup:settings', detail: expect.stringContaining('每天 18:30') });
  });

  it('is the administrator’s alone: every other post is refused', async () => {
    await addStaff(ws, { name: '李文', roles: ['clerk', 'mediator', 'legal_advisor', 'head', 'archivist'], loginName: 'liwen' });
    await signInAs(ws, 'liwen', 'window-2');
    for (const method of ['backup:status', 'backup:run-now', 'backup:generations', 'backup:drill'] as const) {
      expect((await callError(ws, method, undefined, 'window-2')).code).toBe('FORBIDDEN');
    }
    expect((await callError(ws, 'backup:update-settings', settings(), 'window-2')).code).toBe('FORBIDDEN');
    expect((await callError(ws, 'backup:restore-case', { generation: '20260501T100000Z-abcdef', caseNumber: 'x', reason: 'y' }, 'window-2')).code).toBe('FORBIDDEN');
    expect((await callError(ws, 'backup:status', undefined, 'nobody')).code).toBe('UNAUTHENTICATED');
  });
});

describe('the schedule', () => {
  it('does nothing before the set time, runs at it, once a day, and audits the run', async () => {
    const timer = handTimer();
    const scheduler = backupsOf(ws, timer);
    scheduler.start({ everyMs: 60_000 });
    at('2026-05-01T18:29:00+08:00');
    expect(scheduler.tick()).toBeNull();
    at('2026-05-01T18:30:00+08:00');
    const run = scheduler.tick();
    expect(run).not.toBeNull();
    // One at a time: the timer firing again and 立即备份 meanwhile start nothing new.
    expect(scheduler.tick()).toBeNull();
    expect(scheduler.runNow(null)).toBe(run);
    const done = await run!;
    expect(done).toMatchObject({ ok: true, trigger: 'schedule', reason: null });
    expect(scheduler.tick()).toBeNull();
    timer.fire();
    await scheduler.idle();
    await back();
    const status = await call(ws, 'backup:status');
    expect(status).toMatchObject({ lastGood: { generation: done!.generation }, alert: null, nextAt: chinaInstant('2026-05-02', '18:30').toISOString() });
    expect(status.drill.due).toBe(true);
    const trail = await ws.workstationTrail();
    expect(trail.filter((e) => e.action === 'backup:done')).toHaveLength(1);
    expect(lastBackupEntry(trail)).toMatchObject({ actorId: 'system', detail: expect.stringContaining('定时备份完成') });
    expect(await call(ws, 'backup:generations')).toMatchObject([{ id: done!.generation, status: 'complete' }]);
  }, 60_000);

  it('turns red when the last good backup is older than two days', async () => {
    at('2026-05-03T18:00:00+08:00');
    expect(backupsOf(ws).alert()).toBeNull();
    expect(backupsOf(ws).alert(new Date('2026-05-04T10:00:00+08:00'))).toContain('最近一次成功的备份已是 2 天前');
  });

  it('catches up at a start: the last good one older than a day and the time passed', async () => {
    await ws.close();
    at('2026-05-04T08:00:00+08:00');
    ws = await openWorkstation(dataDir, { clock });
    const scheduler = backupsOf(ws, handTimer());
    // Nobody signed in since the start: no key to authenticate the manifest with.
    expect(scheduler.blocked()).toBe(NO_KEY_NOTE);
    expect(scheduler.tick()).toBeNull();
    expect((await callError(ws, 'backup:run-now')).code).toBe('UNAUTHENTICATED');
    expect(() => scheduler.runNow(null)).toThrow(NO_KEY_NOTE);
    scheduler.start();
    await signInFirst(ws);
    // Before today's time nothing yet, although the last good one is three days old…
    expect(scheduler.due()).toBe(false);
    // …and once it has passed, the first tick catches up.
    at('2026-05-04T20:00:00+08:00');
    const run = scheduler.tick();
    expect(await run).toMatchObject({ ok: true });
    expect(scheduler.due()).toBe(false);
  }, 60_000);

  it('a failed run is said in red with why, audited, and tried again an hour later', async () => {
    const scheduler = backupsOf(ws);
    // The disk went away: its folder is now under a file (ENOTDIR), as a mount point left empty could not be either.
    await writeFile(path.join(root, 'a-file'), 'x');
    await ws.updateState((d) => void (d.backup!.settings!.folder = path.join(root, 'a-file', '调解备份')), { actorId: 'test', actorName: 'test', action: 'test', detail: 'a folder that cannot be made' });
    at('2026-05-05T18:45:00+08:00');
    const failed = await scheduler.tick();
    expect(failed).toMatchObject({ ok: false, reason: expect.any(String) });
    await back();
    expect((await call(ws, 'backup:status')).alert).toContain('上次备份失败');
    expect(lastBackupEntry(await ws.workstationTrail())).toMatchObject({ action: 'backup:failed', actorId: 'system' });
    at('2026-05-05T19:00:00+08:00');
    expect(scheduler.due()).toBe(false);
    at('2026-05-05T19:46:00+08:00');
    expect(scheduler.due()).toBe(true);
    await back();
    await call(ws, 'backup:update-settings', settings());
  }, 60_000);

  it('立即备份 through the API: runs in the background, the status shows it, then the result', async () => {
    const started = await call(ws, 'backup:run-now');
    expect(started.running).not.toBeNull();
    await backupsOf(ws).idle();
    const status = await call(ws, 'backup:status');
    expect(status).toMatchObject({ running: null, lastRun: { ok: true, trigger: 'manual' }, alert: null });
    expect(lastBackupEntry(await ws.workstationTrail())).toMatchObject({ action: 'backup:done', actorName: '周海燕' });
    expect((await readdir(path.join(target, 'generations'))).filter((n) => n.endsWith('.json')).length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('closing the desk makes one more generation, within its time limit', async () => {
    const scheduler = backupsOf(ws);
    at('2026-05-05T21:00:00+08:00');
    await back();
    const before = scheduler.state.lastGood!.generation;
    await scheduler.atClose(30_000);
    const made = scheduler.state.lastRun!;
    expect(made).toMatchObject({ ok: true, trigger: 'close' });
    expect(made.generation).not.toBe(before);
    // The newest of the day is kept (the earlier one of the same day goes by the daily rule).
    expect((await call(ws, 'backup:generations'))[0]).toMatchObject({ id: made.generation, status: 'complete' });
    // Just made: closing again right away adds none.
    await scheduler.atClose(30_000);
    expect(scheduler.state.lastRun).toEqual(made);
  }, 60_000);
});
