import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { type CaseInput, type CaseRecord, type PersonParty, outdatedDocumentIds } from '../../../electron/shared/domain';
import { FIXTURE_NOW, FIXTURE_TODAY, ROAD_TRAFFIC_IDS, residentId, roadTrafficCaseInput, sparseRespondentCaseInput } from '../../fixtures/cases';
import { acceptCase, addAction, addStaff, call, callError, makeTempDir, openWorkstation, removeDir, setUp, signInAs } from '../../fixtures/workstation';

let dir = '';
let ws: Workstation;
let admin: Awaited<ReturnType<typeof setUp>>;

/** The fixture clock, moved on by hand where a document and a correction must not share an instant. */
let offsetMs = 0;
const steppingClock = { now: () => new Date(Date.parse(FIXTURE_NOW) + offsetMs), today: () => FIXTURE_TODAY };

beforeEach(async () => {
  dir = await makeTempDir();
  offsetMs = 0;
  ws = await openWorkstation(dir, { clock: steppingClock });
  admin = await setUp(ws);
});
afterEach(async () => {
  await ws.close();
  await removeDir(dir);
});

const RESPONDENT_ID = '6f1c2a90-3b7e-4c51-9d2a-1e0f5a7b3c09';
const RESPONDENT_NUMBER = residentId('330782', '1979-06-08', 215);

/** The road-traffic case with a natural-person respondent registered with only a name and a phone. */
const sparseInput = () => sparseRespondentCaseInput(RESPONDENT_ID);

const inputOf = (r: CaseRecord): CaseInput => ({ dispute: r.dispute, parties: r.parties, agents: r.agents });

function completed(r: CaseRecord): CaseInput {
  const input = inputOf(r);
  return {
    ...input,
    parties: input.parties.map((p) => (p.id === RESPONDENT_ID && p.kind === 'person' ? { ...p, idNumber: RESPONDENT_NUMBER, address: '浙江省义乌市江东街道青口村8号', phone: '13700002222' } : p)),
  };
}

describe('cases:update (修改登记信息)', () => {
  it('completes a party: the record changes, the history and the audit trail say why and what (old → new, numbers masked)', async () => {
    const created = await call(ws, 'cases:create', sparseInput());
    const view = await call(ws, 'cases:update', { id: created.id, revision: created.revision, ...completed(created), reason: '被申请人到场后出示身份证' });
    const respondent = view.record.parties.find((p) => p.id === RESPONDENT_ID)!;
    expect(respondent).toMatchObject({ idNumber: RESPONDENT_NUMBER, address: '浙江省义乌市江东街道青口村8号', birthDate: '1979-06-08', gender: 'male' });
    expect(view.record.revision).toBe(created.revision + 1);
    expect(view.status).toBe('registered');

    const action = view.record.actions.at(-1)!;
    expect(action).toMatchObject({ type: 'DETAILS_UPDATED', by: admin.id });
    expect(action.note).toContain('修改原因：被申请人到场后出示身份证');
    expect(action.note).toContain('被申请人王海涛 身份证件号码：（空） → 3307**********');
    expect(action.note).toContain('被申请人王海涛 联系电话：137****1111 → 137****2222');
    expect(action.note).toContain('被申请人王海涛 住址（住所地）：（空） → 浙江省义乌市江东街道青口村8号');
    expect(action.note).toContain('被申请人王海涛 出生日期：（空） → 1979-06-08');
    // Full numbers never reach the history or the trail.
    expect(action.note).not.toContain(RESPONDENT_NUMBER);
    expect(action.note).not.toContain('13700002222');

    const audit = await call(ws, 'cases:audit', { id: created.id });
    const entry = audit.at(-1)!;
    expect(entry).toMatchObject({ action: 'cases:update', actorId: admin.id });
    expect(entry.detail).toBe(action.note);
    expect(JSON.stringify(audit)).not.toContain(RESPONDENT_NUMBER);

    // Party ids stay as they were.
    expect(view.record.parties.map((p) => p.id)).toEqual(created.parties.map((p) => p.id));
    // The list shows the same case (the index follows the record).
    const list = await call(ws, 'cases:list', { page: 1, pageSize: 10 });
    expect(list.items[0]).toMatchObject({ id: created.id, revision: view.record.revision });
  });

  it('a correction of the dispute and of an agent lands too; a free-text number in the reason is masked', async () => {
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const input = inputOf(created);
    const next: CaseInput = {
      ...input,
      dispute: { ...input.dispute, occurredPlace: '义乌市稠州北路与宾王路交叉口东侧', amount: '90000' },
      agents: input.agents.map((a) => ({ ...a, phone: '13805790000' })),
    };
    const view = await call(ws, 'cases:update', { id: created.id, revision: created.revision, ...next, reason: '申请人来电（13957912345）更正' });
    const note = view.record.actions.at(-1)!.note;
    expect(note).toContain('发生地点：义乌市稠州北路与宾王路交叉口 → 义乌市稠州北路与宾王路交叉口东侧');
    expect(note).toContain('涉及金额：86500.00 → 90000.00');
    expect(note).toContain('代理人吴晓东 联系电话：138****1234 → 138****0000');
    expect(note).toContain('139****2345');
    expect(note).not.toContain('13957912345');
    expect(view.record.dispute.amount).toBe('90000.00');
  });

  it('is validated with the registration schema: issues carry the form paths', async () => {
    const created = await call(ws, 'cases:create', sparseInput());
    const bad = completed(created);
    bad.parties = bad.parties.map((p) => (p.id === RESPONDENT_ID && p.kind === 'person' ? { ...p, idNumber: '330782197906082150' } : p));
    const error = await callError(ws, 'cases:update', { id: created.id, revision: created.revision, ...bad, reason: '补充身份证号' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.some((i) => i.path.join('.') === 'parties.2.idNumber')).toBe(true);
    // Nothing was written.
    expect((await call(ws, 'cases:get', { id: created.id })).record.revision).toBe(created.revision);
  });

  it('a reason is required', async () => {
    const created = await call(ws, 'cases:create', sparseInput());
    const error = await callError(ws, 'cases:update', { id: created.id, revision: created.revision, ...completed(created), reason: '   ' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.[0]).toMatchObject({ path: ['reason'], message: '请填写修改原因' });
  });

  it('a correction that changes nothing is refused', async () => {
    const created = await call(ws, 'cases:create', sparseInput());
    const error = await callError(ws, 'cases:update', { id: created.id, revision: created.revision, ...inputOf(created), reason: '核对' });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ code: 'NO_CHANGE' }] });
  });

  it('a stale revision is a conflict with a clear message, and nothing is lost', async () => {
    const created = await call(ws, 'cases:create', sparseInput());
    await call(ws, 'cases:update', { id: created.id, revision: created.revision, ...completed(created), reason: '第一次补充' });
    const other = inputOf(created);
    other.dispute = { ...other.dispute, occurredPlace: '别处' };
    const error = await callError(ws, 'cases:update', { id: created.id, revision: created.revision, ...other, reason: '另一人同时修改' });
    expect(error).toMatchObject({ code: 'CONFLICT', message: '该案件已被他人修改，请刷新后重试' });
    const now = (await call(ws, 'cases:get', { id: created.id })).record;
    expect(now.parties.find((p) => p.id === RESPONDENT_ID)).toMatchObject({ idNumber: RESPONDENT_NUMBER });
    expect(now.dispute.occurredPlace).toBe(created.dispute.occurredPlace);
  });

  it('a party or third party a session refers to cannot be removed', async () => {
    const input = roadTrafficCaseInput();
    const third: PersonParty = { ...(sparseInput().parties[2] as PersonParty), id: '6f1c2a90-3b7e-4c51-9d2a-1e0f5a7b3c0a', role: 'third_party', name: '赵四' };
    const created = await call(ws, 'cases:create', { ...input, parties: [...input.parties, third] });
    await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' });
    await call(ws, 'sessions:schedule', {
      caseId: created.id,
      plan: { kind: 'session', scheduledAt: '2026-05-02T09:00:00+08:00', place: '交通事故调解室', purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null },
    });
    const current = (await call(ws, 'cases:get', { id: created.id })).record;
    const withoutApplicant2 = { ...inputOf(current), parties: current.parties.filter((p) => p.id !== ROAD_TRAFFIC_IDS.applicant2) };
    const error = await callError(ws, 'cases:update', { id: created.id, revision: current.revision, ...withoutApplicant2, reason: '登记错误' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.[0]).toMatchObject({ code: 'PERSON_REFERENCED', path: ['parties'] });
    expect(error.message).toContain('申请人李秀兰已出现在调解记录或调解协议中，不能删除');
    expect((await call(ws, 'cases:get', { id: created.id })).record.parties).toHaveLength(4);

    // The session's attendees were taken when it was scheduled: the third party is one of them as well.
    const withoutThird = { ...inputOf(current), parties: current.parties.filter((p) => p.id !== third.id) };
    const third1 = await callError(ws, 'cases:update', { id: created.id, revision: current.revision, ...withoutThird, reason: '登记错误' });
    expect(third1.issues?.[0]).toMatchObject({ code: 'PERSON_REFERENCED' });
  });

  it('a party nobody refers to can be removed, and the removal is in the note', async () => {
    const input = roadTrafficCaseInput();
    const third: PersonParty = { ...(sparseInput().parties[2] as PersonParty), id: '6f1c2a90-3b7e-4c51-9d2a-1e0f5a7b3c0a', role: 'third_party', name: '赵四' };
    const created = await call(ws, 'cases:create', { ...input, parties: [...input.parties, third] });
    const view = await call(ws, 'cases:update', { id: created.id, revision: created.revision, ...input, reason: '误登记的第三人' });
    expect(view.record.parties).toHaveLength(3);
    expect(view.record.actions.at(-1)!.note).toContain('删除当事人：第三人赵四 → （空）');
  });

  it('roles and statuses as the table says: an archivist is refused, a mediator only on their own case, nobody after archiving', async () => {
    const created = await call(ws, 'cases:create', sparseInput());
    const archivist = await addStaff(ws, { name: '档案甲', roles: ['archivist'], loginName: 'arch1' });
    const mediator = await addStaff(ws, { name: '调解甲', roles: ['mediator'], loginName: 'med1' });
    const other = await addStaff(ws, { name: '调解乙', roles: ['mediator'], loginName: 'med2' });
    await signInAs(ws, archivist.loginName, 'arch');
    await signInAs(ws, mediator.loginName, 'med');
    await signInAs(ws, other.loginName, 'med2');
    const payload = () => ({ id: created.id, revision: created.revision, ...completed(created), reason: '补充' });
    expect(await callError(ws, 'cases:update', payload(), 'arch')).toMatchObject({ code: 'FORBIDDEN', refusal: { reason: 'ROLE' } });

    const accepted = await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [mediator.id], room: '', mediationDue: '2026-05-31', note: '' });
    const stale = { ...payload(), revision: accepted.record.revision };
    expect(await callError(ws, 'cases:update', stale, 'med2')).toMatchObject({ code: 'FORBIDDEN', refusal: { reason: 'RESOURCE', rule: 'case-mediator' } });
    const byMediator = await call(ws, 'cases:update', stale, 'med');
    expect(byMediator.record.actions.at(-1)).toMatchObject({ type: 'DETAILS_UPDATED', by: mediator.id });

    await addAction(ws, created.id, admin, 'MEDIATION_TERMINATED', '一方拒绝继续调解');
    const closed = await addAction(ws, created.id, admin, 'CLOSED', '结案');
    // Closed but not archived: still correctable.
    const fix = { ...inputOf(closed), dispute: { ...closed.dispute, occurredPlace: '义乌市稠州北路' } };
    const afterClose = await call(ws, 'cases:update', { id: created.id, revision: closed.revision, ...fix, reason: '更正地点' });
    const archived = await addAction(ws, created.id, admin, 'ARCHIVED', '归档');
    expect(afterClose.status).toBe('closed');
    const refused = await callError(ws, 'cases:update', { id: created.id, revision: archived.revision, ...inputOf(archived), dispute: { ...archived.dispute, occurredPlace: '别处' }, reason: '归档后修改' });
    expect(refused).toMatchObject({ code: 'FORBIDDEN', refusal: { reason: 'STATUS', status: 'archived' } });
  });

  it('documents issued before the latest correction are out of date; the ones after are not; issued versions stay as issued', async () => {
    const created = await call(ws, 'cases:create', sparseInput());
    const first = await call(ws, 'documents:issue', { caseId: created.id, template: 'acceptance-register' });
    let view = await call(ws, 'cases:get', { id: created.id });
    expect(outdatedDocumentIds(view.record).size).toBe(0);

    offsetMs += 60_000;
    view = await call(ws, 'cases:update', { id: created.id, revision: view.record.revision, ...completed(view.record), reason: '补充被申请人身份信息' });
    expect([...outdatedDocumentIds(view.record)]).toEqual([first.document.id]);
    // The issued version is untouched.
    const reread = await call(ws, 'documents:read', { caseId: created.id, documentId: first.document.id });
    expect(reread.intact).toBe(true);

    offsetMs += 60_000;
    const second = await call(ws, 'documents:issue', { caseId: created.id, template: 'acceptance-register' });
    view = await call(ws, 'cases:get', { id: created.id });
    expect(second.document.version).toBe(2);
    expect([...outdatedDocumentIds(view.record)]).toEqual([first.document.id]);
  });
});
