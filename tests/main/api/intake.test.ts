import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { FIXTURE_TODAY, roadTrafficCaseInput } from '../../fixtures/cases';
import { call, callError, makeTempDir, openWorkstation, removeDir, setUp, signInFirst, addStaff } from '../../fixtures/workstation';

let dir = '';
let ws: Workstation;
let admin: Awaited<ReturnType<typeof setUp>>;

beforeEach(async () => {
  dir = await makeTempDir();
  ws = await openWorkstation(dir);
  admin = await setUp(ws);
});
afterEach(async () => {
  await ws.close();
  await removeDir(dir);
});

async function register() {
  return call(ws, 'cases:create', roadTrafficCaseInput());
}

describe('decision at the desk', () => {
  it('受理 with a mediator: the case is 调解中, the deadline is on the case, history names both steps', async () => {
    const created = await register();
    const view = await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' });
    expect(view.status).toBe('mediating');
    expect(view.record.deadlines.mediationDue).toBe('2026-05-31');
    expect(view.record.assignment).toEqual({ mediatorIds: [admin.id], room: '交通事故调解室' });
    expect(view.record.actions.map((a) => a.type)).toEqual(['REGISTERED', 'ACCEPTED', 'ASSIGNED']);
    const audit = await call(ws, 'cases:audit', { id: created.id });
    expect(audit.at(-1)).toMatchObject({ action: 'cases:accept', actorName: admin.name });
    const [load] = await call(ws, 'staff:workload');
    expect(load).toMatchObject({ id: admin.id, openCases: 1 });
  });

  it('受理 with only a room waits for a mediator, shows on the desk, and can be assigned later', async () => {
    const created = await register();
    const view = await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [], room: '综合调解室', mediationDue: '2026-05-31', note: '' });
    expect(view.status).toBe('accepted');
    const desk = await call(ws, 'desk:today');
    expect(desk.awaitingMediator.map((d) => d.item.id)).toEqual([created.id]);
    const assigned = await call(ws, 'cases:assign', { id: created.id, revision: view.record.revision, mediatorIds: [admin.id], room: '综合调解室' });
    expect(assigned.status).toBe('mediating');
    expect((await call(ws, 'desk:today')).awaitingMediator).toEqual([]);
  });

  it('a deadline in the past is refused at its field and nothing changes', async () => {
    const created = await register();
    const error = await callError(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '', mediationDue: '2026-04-30', note: '' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.[0]).toMatchObject({ code: 'DATE_IN_PAST', path: ['mediationDue'] });
    expect((await call(ws, 'cases:get', { id: created.id })).status).toBe('registered');
  });

  it('不予受理 records the legal ground and where to go; the case can no longer be accepted', async () => {
    const created = await register();
    const view = await call(ws, 'cases:refuse', { id: created.id, revision: created.revision, ground: 'already_handled', referTo: '县人民法院', note: '' });
    expect(view.status).toBe('refused');
    expect(view.record.decision).toEqual({ kind: 'refused', ground: 'already_handled', body: '县人民法院', note: '' });
    const error = await callError(ws, 'cases:accept', { id: created.id, revision: view.record.revision, mediatorIds: [admin.id], room: '', mediationDue: '2026-05-31', note: '' });
    expect(error).toMatchObject({ code: 'FORBIDDEN', refusal: { reason: 'STATUS', status: 'refused' } });
    expect(error.message).toContain('不予受理');
  });

  it('转办 records the receiving body and the reply deadline', async () => {
    const created = await register();
    const view = await call(ws, 'cases:transfer', { id: created.id, revision: created.revision, receivingBody: '县劳动人事争议仲裁委员会', replyDue: '2026-05-08', note: '' });
    expect(view.status).toBe('transferred');
    expect(view.record.deadlines.transferReplyDue).toBe('2026-05-08');
    expect(view.record.decision?.body).toBe('县劳动人事争议仲裁委员会');
  });

  it('a stale revision is a conflict, not a lost update', async () => {
    const created = await register();
    const accepted = await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [], room: '综合调解室', mediationDue: '2026-05-31', note: '' });
    const assign = { id: created.id, revision: accepted.record.revision, mediatorIds: [admin.id], room: '' };
    await call(ws, 'cases:assign', assign);
    const error = await callError(ws, 'cases:assign', assign);
    expect(error.code).toBe('CONFLICT');
    // A step the case's status no longer allows is refused by the policy table before any revision is compared.
    const refused = await callError(ws, 'cases:refuse', { id: created.id, revision: created.revision, ground: 'party_refuses', referTo: '县人民法院', note: '' });
    expect(refused).toMatchObject({ code: 'FORBIDDEN', refusal: { reason: 'STATUS', status: 'mediating' } });
  });

  it('only active staff with the mediator role can be assigned', async () => {
    const clerk = await addStaff(ws, { name: '吴登记', roles: ['clerk'] });
    const created = await register();
    const error = await callError(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [clerk.id], room: '', mediationDue: '2026-05-31', note: '' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.[0]?.path).toEqual(['mediatorIds']);
  });
});

describe('related cases (重复来访)', () => {
  it('finds an earlier case by ID number (strong), phone, and name (weak), excluding the case itself', async () => {
    const first = await register();
    const applicant = first.parties.find((p) => p.role === 'applicant' && p.kind === 'person')!;
    if (applicant.kind !== 'person') throw new Error('fixture');
    const byId = await call(ws, 'cases:related', { idNumbers: [applicant.idNumber.toLowerCase()], usccCodes: [], phones: [], names: [] });
    expect(byId).toHaveLength(1);
    expect(byId[0]).toMatchObject({ summary: { id: first.id, status: 'registered' }, matches: ['id'] });
    const byPhone = await call(ws, 'cases:related', { idNumbers: [], usccCodes: [], phones: [`+86 ${applicant.phone}`], names: [] });
    expect(byPhone[0]?.matches).toEqual(['phone']);
    const byName = await call(ws, 'cases:related', { idNumbers: [], usccCodes: [], phones: [], names: [applicant.name] });
    expect(byName[0]?.matches).toEqual(['name']);
    expect(await call(ws, 'cases:related', { idNumbers: [applicant.idNumber], usccCodes: [], phones: [], names: [], excludeId: first.id })).toEqual([]);
    // The related list never carries identity keys (full ID numbers) to the renderer.
    expect(JSON.stringify(byId)).not.toContain(applicant.idNumber);
  });
});

describe("today's desk", () => {
  it('lists today’s registrations newest first, with waiting minutes for undecided ones', async () => {
    const a = await register();
    const b = await register();
    const desk = await call(ws, 'desk:today');
    expect(desk.today).toBe(FIXTURE_TODAY);
    expect(desk.registeredToday.map((d) => d.item.id)).toEqual([b.id, a.id]);
    expect(desk.registeredToday.every((d) => d.waiting && d.waitedMinutes === 0)).toBe(true);
  });
});

describe('drafts', () => {
  it('keeps one draft per staff member until discarded', async () => {
    expect(await call(ws, 'drafts:get')).toBeNull();
    const saved = await call(ws, 'drafts:save', { data: { dispute: { summary: '半填的登记' } } });
    expect(await call(ws, 'drafts:get')).toEqual({ savedAt: saved.savedAt, data: { dispute: { summary: '半填的登记' } } });
    await call(ws, 'drafts:discard');
    expect(await call(ws, 'drafts:get')).toBeNull();
    expect(existsSync(path.join(dir, 'drafts', `${admin.id}.json`))).toBe(false);
  });

  it('survives a restart', async () => {
    await call(ws, 'drafts:save', { data: { step: 2 } });
    await ws.close();
    ws = await openWorkstation(dir);
    await signInFirst(ws);
    expect((await call(ws, 'drafts:get'))?.data).toEqual({ step: 2 });
  });
});

describe('text cleaned at the boundary', () => {
  it('control characters, bidi overrides and lone surrogates never reach the stored case', async () => {
    const input = roadTrafficCaseInput();
    input.parties[0] = { ...input.parties[0]!, name: '张\u202e建\u0000国' };
    input.dispute.summary = `${input.dispute.summary}\u000b另：\ud800双方同意调解。`;
    const created = await call(ws, 'cases:create', input);
    expect(created.parties[0]!.name).toBe('张建国');
    expect(created.dispute.summary.endsWith('\n另：\ufffd双方同意调解。')).toBe(true);
  });
});

describe('登记 pressed again', () => {
  it('the same request registers one case, whatever the second press carries; a new form is a new case', async () => {
    const requestId = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
    const first = await call(ws, 'cases:create', { ...roadTrafficCaseInput(), requestId });
    const again = await call(ws, 'cases:create', { ...roadTrafficCaseInput(), requestId });
    expect(again.id).toBe(first.id);
    expect(again.caseNumber).toBe(first.caseNumber);
    const other = await call(ws, 'cases:create', { ...roadTrafficCaseInput(), requestId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d' });
    expect(other.seq).toBe(first.seq + 1);
    expect((await call(ws, 'cases:audit', { id: first.id })).filter((e) => e.action === 'cases:create')).toHaveLength(1);
  });

  it('refuses a request id that is not one, at its field, and registers nothing', async () => {
    const error = await callError(ws, 'cases:create', { ...roadTrafficCaseInput(), requestId: 'x' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.map((i) => i.path.join('.'))).toEqual(['requestId']);
    expect((await call(ws, 'cases:list', { page: 1, pageSize: 20 })).total).toBe(0);
  });
});
