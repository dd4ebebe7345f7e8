/**
 * Issue #12: each person's own desk (desk:mine), 带入当事人信息 (intake:related-party), the case list's 承办人 and
 * 调解室 filters, and its search by what the visitor hands over (ID number, phone, credit code, agent's name).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { weekOf } from '../../../electron/main/services/my-desk';
import type { Staff } from '../../../electron/shared/domain';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../../fixtures/cases';
import { addStaff, call, callError, makeTempDir, openWorkstation, removeDir, setUp, signInAs } from '../../fixtures/workstation';

let dir = '';
let ws: Workstation;
let admin: Staff;

beforeEach(async () => {
  dir = await makeTempDir();
  ws = await openWorkstation(dir);
  admin = await setUp(ws);
});
afterEach(async () => {
  await ws.close();
  await removeDir(dir);
});

const plan = (mediatorId: string, scheduledAt: string) => ({ kind: 'session' as const, scheduledAt, place: '交通事故调解室', purpose: '', mediatorIds: [mediatorId], recorderId: mediatorId, subject: null });

async function acceptedFor(mediatorId: string, room = '交通事故调解室') {
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [mediatorId], room, mediationDue: '2026-05-31', note: '' });
  return created;
}

describe('desk:mine (我的工作台)', () => {
  it('weeks run Monday to Sunday', () => {
    expect(weekOf('2026-05-01')).toEqual({ start: '2026-04-27', end: '2026-05-03' }); // a Friday
    expect(weekOf('2026-05-03')).toEqual({ start: '2026-04-27', end: '2026-05-03' }); // a Sunday
    expect(weekOf('2026-05-04')).toEqual({ start: '2026-05-04', end: '2026-05-10' }); // a Monday
  });

  it("a mediator sees their open cases and their sessions today and this week (China time), not others'", async () => {
    const mediator = await addStaff(ws, { name: '王调解', roles: ['mediator'] });
    const mine = await acceptedFor(mediator.id);
    const other = await acceptedFor(admin.id);
    // 23:30 UTC on 30 April is 07:30 on 1 May in China: today.
    const early = await call(ws, 'sessions:schedule', { caseId: mine.id, plan: plan(mediator.id, '2026-04-30T23:30:00Z') });
    const saturday = await call(ws, 'sessions:schedule', { caseId: mine.id, plan: plan(mediator.id, '2026-05-02T09:00:00+08:00') });
    await call(ws, 'sessions:schedule', { caseId: mine.id, plan: plan(mediator.id, '2026-05-05T09:00:00+08:00') }); // next week
    await call(ws, 'sessions:schedule', { caseId: other.id, plan: plan(admin.id, '2026-05-01T15:00:00+08:00') });

    await signInAs(ws, mediator.loginName, 'mediator-tab');
    const desk = await call(ws, 'desk:mine', undefined, 'mediator-tab');
    expect(desk.today).toBe('2026-05-01');
    expect(desk.cases.map((c) => c.id)).toEqual([mine.id]);
    expect(desk.sessionsToday.map((s) => s.session.id)).toEqual([early.session.id]);
    expect(desk.sessionsThisWeek.map((s) => s.session.id)).toEqual([saturday.session.id]);
    expect(desk.sessionsToday[0]!.item.caseNumber).toBe(mine.caseNumber);
    // A pure mediator gets no agreement queues.
    expect(desk.agreements).toEqual({ drafting: [], review: [], signing: [] });
    // No identity keys reach a desk.
    expect(JSON.stringify(desk)).not.toContain('identityKeys');
  });

  it('a cancelled session leaves the desk; a case no longer open leaves the case list', async () => {
    const mine = await acceptedFor(admin.id);
    const s = await call(ws, 'sessions:schedule', { caseId: mine.id, plan: plan(admin.id, '2026-05-01T15:00:00+08:00') });
    expect((await call(ws, 'desk:mine')).sessionsToday).toHaveLength(1);
    await call(ws, 'sessions:cancel', { caseId: mine.id, sessionId: s.session.id, revision: s.session.revision, reason: '当事人请假' });
    expect((await call(ws, 'desk:mine')).sessionsToday).toEqual([]);
  });

  it("a legal advisor's desk lists agreed cases waiting for an agreement to be drafted", async () => {
    const created = await acceptedFor(admin.id);
    const s = await call(ws, 'sessions:schedule', { caseId: created.id, plan: plan(admin.id, '2026-05-01T14:00:00+08:00') });
    const opened = await call(ws, 'sessions:open', { caseId: created.id, sessionId: s.session.id, revision: s.session.revision });
    const attendees = opened.session.attendees.map((a) => ({ ...a, presence: 'present' as const }));
    await call(ws, 'sessions:close', { caseId: created.id, sessionId: s.session.id, revision: opened.session.revision, content: { attendees, statements: [] }, outcome: { type: 'agreement', note: '' } });
    const before = await call(ws, 'desk:mine');
    expect(before.agreements.drafting.map((c) => c.id)).toEqual([created.id]);
    expect(before.cases).toEqual([]); // agreed: no longer an open case
    await call(ws, 'agreements:create', { caseId: created.id, kind: 'written' });
    const after = await call(ws, 'desk:mine');
    expect(after.agreements.drafting.map((c) => [c.id, c.agreementStatus])).toEqual([[created.id, 'draft']]);
  });
});

describe('intake:related-party (带入当事人信息)', () => {
  it("gives a clerk the earlier party's full details and notes the look-up in the earlier case's trail", async () => {
    const first = await call(ws, 'cases:create', roadTrafficCaseInput());
    const party = await call(ws, 'intake:related-party', { caseId: first.id, partyId: ROAD_TRAFFIC_IDS.applicant1 });
    expect(party).toEqual(first.parties[0]);
    const org = await call(ws, 'intake:related-party', { caseId: first.id, partyId: ROAD_TRAFFIC_IDS.respondent });
    expect(org).toMatchObject({ kind: 'organization', legalRepresentative: '陈国平' });
    const audit = await call(ws, 'cases:audit', { id: first.id });
    expect(audit.at(-1)).toMatchObject({ action: 'intake:related-party', actorName: admin.name, detail: '登记新案件时带入被申请人义乌市顺达货运有限公司的当事人信息' });
    // The trail names whose details were taken, never the values.
    expect(JSON.stringify(audit)).not.toContain(party.phone);
  });

  it('refuses an unknown party, and anyone but a clerk', async () => {
    const first = await call(ws, 'cases:create', roadTrafficCaseInput());
    expect((await callError(ws, 'intake:related-party', { caseId: first.id, partyId: ROAD_TRAFFIC_IDS.agent })).code).toBe('NOT_FOUND');
    const mediator = await addStaff(ws, { name: '王调解', roles: ['mediator'] });
    await signInAs(ws, mediator.loginName, 'mediator-tab');
    expect((await callError(ws, 'intake:related-party', { caseId: first.id, partyId: ROAD_TRAFFIC_IDS.applicant1 }, 'mediator-tab')).code).toBe('FORBIDDEN');
  });
});

describe('cases:list filters and search', () => {
  it('承办人 and 调解室 filters', async () => {
    const mediator = await addStaff(ws, { name: '王调解', roles: ['mediator'] });
    const a = await acceptedFor(mediator.id, '综合调解室');
    const b = await acceptedFor(admin.id, '交通事故调解室');
    await call(ws, 'cases:create', roadTrafficCaseInput());
    const ids = async (q: object) => (await call(ws, 'cases:list', { page: 1, pageSize: 20, ...q })).items.map((i) => i.id);
    expect(await ids({ mediatorId: mediator.id })).toEqual([a.id]);
    expect(await ids({ mediatorId: admin.id })).toEqual([b.id]);
    expect(await ids({ room: '综合调解室' })).toEqual([a.id]);
    expect(await ids({ room: '综合调解室', mediatorId: admin.id })).toEqual([]);
    expect((await callError(ws, 'cases:list', { page: 1, pageSize: 20, mediatorId: 'not-a-uuid' })).code).toBe('INVALID_INPUT');
  });

  it('finds a case by an ID number, a phone, a credit code (typed any usual way) and an agent’s name', async () => {
    const first = await call(ws, 'cases:create', roadTrafficCaseInput());
    const [applicant, , company] = first.parties;
    if (applicant?.kind !== 'person' || company?.kind !== 'organization') throw new Error('fixture');
    const found = async (text: string) => (await call(ws, 'cases:list', { page: 1, pageSize: 20, text })).items.map((i) => i.id);
    expect(await found(applicant.idNumber.toLowerCase())).toEqual([first.id]);
    expect(await found(`${applicant.idNumber.slice(0, 6)} ${applicant.idNumber.slice(6)}`)).toEqual([first.id]);
    expect(await found('139 5791 2345')).toEqual([first.id]);
    expect(await found('+86 13957912345')).toEqual([first.id]);
    expect(await found('0579-85567890')).toEqual([first.id]); // the company's landline
    expect(await found(company.usccCode.toLowerCase())).toEqual([first.id]);
    expect(await found('吴晓东')).toEqual([first.id]); // the agent
    expect(await found('稠州律师')).toEqual([]); // not a name
    // Exact keys only: part of a number finds nothing.
    expect(await found(applicant.idNumber.slice(0, 10))).toEqual([]);
    expect(await found('13957912346')).toEqual([]);
  });

  it('after a restart (rebuilt or reloaded index) the search still answers', async () => {
    const first = await call(ws, 'cases:create', roadTrafficCaseInput());
    await ws.close();
    ws = await openWorkstation(dir);
    await signInAs(ws, 'zhouhy');
    const items = (await call(ws, 'cases:list', { page: 1, pageSize: 20, text: '13957912345' })).items;
    expect(items.map((i) => i.id)).toEqual([first.id]);
    expect((await call(ws, 'cases:list', { page: 1, pageSize: 20, text: '吴晓东' })).items).toHaveLength(1);
  });
});
