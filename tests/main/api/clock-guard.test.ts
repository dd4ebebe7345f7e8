/**
 * The clock guard: a clock set back (here across New Year) refuses registration and signing with CLOCK_BEHIND, says
 * so in app:info, and lets them go on once an administrator, and only an administrator, confirms the time (audited);
 * case numbers stay in order throughout.
 */
import { randomUUID } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import type { Clock } from '../../../electron/shared/time/clock';
import type { Staff } from '../../../electron/shared/domain';
import type { AgreementView } from '../../../electron/shared/ipc/contract';
import { chinaDateOf } from '../../../electron/shared/format';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../../fixtures/cases';
import { makePng } from '../../fixtures/png';
import { addAction, addStaff, approveAsReviewer, call, callError, caseFolders, makeTempDir, openWorkstation, removeDir, setUp, signInAs, signInFirst } from '../../fixtures/workstation';

/** A clock the test moves: stepped back like an NTP correction, a CMOS reset or a person at the settings. */
function steppableClock(iso: string): Clock & { set(iso: string): void } {
  let at = Date.parse(iso);
  return {
    now: () => new Date(at),
    today: () => chinaDateOf(new Date(at).toISOString()),
    set: (next) => void (at = Date.parse(next)),
  };
}

const NEW_YEAR = '2027-01-01T00:05:00+08:00';
const STEPPED_BACK = '2026-12-31T23:50:00+08:00';

let dir: string;
let ws: Workstation;
let admin: Staff;
let clock: ReturnType<typeof steppableClock>;

beforeEach(async () => {
  dir = await makeTempDir('clock-guard-');
  clock = steppableClock(NEW_YEAR);
  ws = await openWorkstation(dir, { clock });
  admin = await setUp(ws);
});
afterEach(async () => {
  await ws.close();
  await removeDir(dir);
});

async function reopen() {
  await ws.close();
  ws = await openWorkstation(dir, { clock });
  await signInFirst(ws);
}

const numbers = async () => (await call(ws, 'cases:list', { page: 1, pageSize: 100 })).items.map((i) => i.caseNumber).reverse();

/** A case with an approved written agreement, ready for signatures and the seal. */
async function approvedAgreement(): Promise<AgreementView> {
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2027-01-31', note: '' });
  await call(ws, 'sessions:schedule', { caseId: created.id, plan: { kind: 'session', scheduledAt: '2027-01-01T09:00:00+08:00', place: '交通事故调解室', purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null } });
  await addAction(ws, created.id, admin, 'AGREEMENT_REACHED', '双方达成协议');
  let view = await call(ws, 'agreements:create', { caseId: created.id, kind: 'written' });
  const item = { id: randomUUID(), type: 'payment' as const, payerIds: [ROAD_TRAFFIC_IDS.respondent], payeeIds: [ROAD_TRAFFIC_IDS.applicant1], purpose: '赔偿', total: '86500', plan: 'lump' as const, dueOn: '2027-02-15', instalments: [], method: '银行转账', place: '' };
  view = await call(ws, 'agreements:save', { caseId: created.id, revision: view.agreement.revision, content: { ...view.agreement.content, items: [item] } });
  view = await call(ws, 'agreements:submit', { caseId: created.id, revision: view.agreement.revision });
  return approveAsReviewer(ws, created.id, view.agreement.revision);
}

const strokes = [{ points: [{ x: 10, y: 10, time: 1 }, { x: 60, y: 30, time: 20 }] }];
const partySignature = (view: AgreementView) => ({ caseId: view.agreement.caseId, revision: view.agreement.revision, signerId: ROAD_TRAFFIC_IDS.applicant1, method: 'drawn' as const, pngBase64: makePng(40).toString('base64'), strokes });

async function workstationTrail(): Promise<{ action: string; actorId: string; detail: string }[]> {
  return (await readFile(path.join(dir, 'audit', 'workstation.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
}

describe('a clock stepped back across New Year', () => {
  it('refuses registration and signing; only the administrator’s confirmation lets them go on; numbers stay in order', async () => {
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe('（2027）X调字第0001号');
    const view = await approvedAgreement(); // （2027）…第0002号
    expect((await call(ws, 'app:info')).clockWarning).toBeNull();

    clock.set(STEPPED_BACK);
    const info = await call(ws, 'app:info');
    expect(info.clockWarning).toEqual({ now: '2026-12-31T15:50:00.000Z', highWater: '2026-12-31T16:05:00.000Z' });
    const folders = await caseFolders(dir);

    const refused = await callError(ws, 'cases:create', roadTrafficCaseInput());
    expect(refused).toMatchObject({ code: 'CLOCK_BEHIND', message: expect.stringContaining('本机系统时间（2026年12月31日23时50分）早于工作台已记录的时间（2027年1月1日0时05分）') });
    expect(refused.message).toContain('暂不能登记案件');
    expect(await caseFolders(dir)).toEqual(folders);
    expect(await callError(ws, 'agreements:sign', partySignature(view))).toMatchObject({ code: 'CLOCK_BEHIND', message: expect.stringContaining('暂不能签署或盖章') });
    await call(ws, 'settings:set-image', { kind: 'seal', pngBase64: makePng(64).toString('base64') });
    expect(await callError(ws, 'agreements:seal', { caseId: view.agreement.caseId, revision: view.agreement.revision })).toMatchObject({ code: 'CLOCK_BEHIND' });
    // Nothing was signed: no signature image stored, the agreement unchanged.
    expect(await readdir(path.join(dir, 'cases', view.agreement.caseId, 'signatures')).catch(() => [])).toEqual([]);
    expect((await call(ws, 'agreements:get', { caseId: view.agreement.caseId })).agreement.revision).toBe(view.agreement.revision);

    // The warning outlives a restart (the mark is on disk).
    await reopen();
    expect((await call(ws, 'app:info')).clockWarning).toEqual(info.clockWarning);

    // Not an administrator: refused by the policy table, whatever other roles (中心负责人, 调解员 …) they hold.
    const head = await addStaff(ws, { name: '钱主任', roles: ['head', 'clerk', 'mediator', 'legal_advisor', 'archivist'] });
    await signInAs(ws, head.loginName, 'head-desk');
    expect(await callError(ws, 'clock:confirm', { highWater: info.clockWarning!.highWater }, 'head-desk')).toMatchObject({ code: 'FORBIDDEN', refusal: { reason: 'ROLE', roles: ['admin'] } });
    expect((await call(ws, 'app:info')).clockWarning).not.toBeNull();
    // A confirmation of another warning than the one in force (a screen left open) confirms nothing.
    expect(await callError(ws, 'clock:confirm', { highWater: '2026-12-31T10:00:00.000Z' })).toMatchObject({ code: 'CONFLICT' });

    // The administrator confirms (after entering the password again, which the fixture does like the renderer).
    expect(await call(ws, 'clock:confirm', { highWater: info.clockWarning!.highWater })).toBeNull();
    expect((await call(ws, 'app:info')).clockWarning).toBeNull();
    const confirmed = (await workstationTrail()).filter((e) => e.action === 'clock:confirm');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ actorId: admin.id, detail: expect.stringContaining('当前时间2026年12月31日23时50分，早于此前记录的最晚时间2027年1月1日0时05分约15分钟') });
    // Confirming again is a no-op: nothing to confirm, nothing audited.
    expect(await call(ws, 'clock:confirm', { highWater: info.clockWarning!.highWater })).toBeNull();
    expect((await workstationTrail()).filter((e) => e.action === 'clock:confirm')).toHaveLength(1);

    // Registration goes on, in order: （2027）…第0003号, never （2026）…第0001号.
    const next = await call(ws, 'cases:create', roadTrafficCaseInput());
    expect(next).toMatchObject({ caseNumber: '（2027）X调字第0003号', createdAt: '2026-12-31T15:50:00.000Z' });
    expect(await numbers()).toEqual(['（2027）X调字第0001号', '（2027）X调字第0002号', '（2027）X调字第0003号']);
    // And signing.
    const signed = await call(ws, 'agreements:sign', partySignature(view));
    expect(signed.agreement.signatures).toHaveLength(1);
    expect(signed.agreement.signatures[0]!.at).toBe('2026-12-31T15:50:00.000Z');
  });
});

describe('what the guard lets through', () => {
  it('an NTP step within 2 minutes: no warning, registration goes on', async () => {
    await call(ws, 'cases:create', roadTrafficCaseInput());
    clock.set('2027-01-01T00:03:30+08:00'); // 90 s behind
    expect((await call(ws, 'app:info')).clockWarning).toBeNull();
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe('（2027）X调字第0002号');
    clock.set('2027-01-01T00:02:59+08:00'); // 2 min 1 s behind
    expect(await callError(ws, 'cases:create', roadTrafficCaseInput())).toMatchObject({ code: 'CLOCK_BEHIND' });
  });

  it('a clock put right again (moved forward past the mark) needs no confirmation', async () => {
    await call(ws, 'cases:create', roadTrafficCaseInput());
    clock.set(STEPPED_BACK);
    expect((await call(ws, 'app:info')).clockWarning).not.toBeNull();
    clock.set('2027-01-01T00:06:00+08:00');
    expect((await call(ws, 'app:info')).clockWarning).toBeNull();
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe('（2027）X调字第0002号');
  });

  it('a data folder from before the mark existed starts from its newest case', async () => {
    await call(ws, 'cases:create', roadTrafficCaseInput());
    await rm(path.join(dir, 'clock.json'));
    await rm(path.join(dir, 'clock.json.1'), { force: true });
    clock.set(STEPPED_BACK);
    await reopen();
    expect((await call(ws, 'app:info')).clockWarning).toEqual({ now: '2026-12-31T15:50:00.000Z', highWater: '2026-12-31T16:05:00.000Z' });
  });

  it('a damaged clock.json without a previous generation: reported, and the newest case is the mark', async () => {
    await call(ws, 'cases:create', roadTrafficCaseInput());
    await rm(path.join(dir, 'clock.json.1'), { force: true });
    await writeFile(path.join(dir, 'clock.json'), '{"version":1,"highW');
    clock.set(STEPPED_BACK);
    await reopen();
    const info = await call(ws, 'app:info');
    expect(info.storeProblems).toEqual([expect.stringContaining('系统时间记录的数据文件已损坏')]);
    expect(info.clockWarning).not.toBeNull();
  });
});
