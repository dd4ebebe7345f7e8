import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import type { SessionContent, SessionPlan, Statement } from '../../../electron/shared/domain';
import { FIXTURE_NOW, ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../../fixtures/cases';
import { makePng } from '../../fixtures/png';
import { call, callError, makeTempDir, openWorkstation, removeDir, setUp, signInFirst, storeFiles } from '../../fixtures/workstation';

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

/** A registered case, accepted with the admin as mediator: 调解中. */
async function mediatingCase() {
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' });
  return created;
}

function plan(over: Partial<SessionPlan> = {}): SessionPlan {
  return { kind: 'session', scheduledAt: '2026-05-02T09:00:00+08:00', place: '交通事故调解室', purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null, ...over };
}

let clock = 0;
function statement(speakerId: string, text: string, over: Partial<Statement> = {}): Statement {
  clock += 1;
  return { id: crypto.randomUUID(), speakerId, kind: 'answer', text, startedAt: new Date(Date.parse(FIXTURE_NOW) + clock * 60_000).toISOString(), marks: [], caucus: null, ...over };
}

async function openedSession(caseId: string) {
  const scheduled = await call(ws, 'sessions:schedule', { caseId, plan: plan() });
  return call(ws, 'sessions:open', { caseId, sessionId: scheduled.session.id, revision: scheduled.session.revision });
}

function present(content: Pick<SessionContent, 'attendees'>): SessionContent['attendees'] {
  return content.attendees.map((a) => ({ ...a, presence: 'present' as const }));
}

describe('scheduling and opening a session', () => {
  it('a session is listed on the case with everyone expected at the table: parties, agents, mediator and recorder', async () => {
    const created = await mediatingCase();
    const view = await call(ws, 'sessions:schedule', { caseId: created.id, plan: plan() });
    expect(view.session).toMatchObject({ number: 1, status: 'scheduled', revision: 0, place: '交通事故调解室' });
    expect(view.session.purpose).toContain('调解');
    const input = roadTrafficCaseInput();
    expect(view.session.attendees.filter((a) => a.kind === 'party').map((a) => a.name)).toEqual(input.parties.map((p) => p.name));
    expect(view.session.attendees.filter((a) => a.kind === 'agent').map((a) => a.name)).toEqual(input.agents.map((a) => a.name));
    expect(view.session.attendees.find((a) => a.kind === 'agent')?.relation).toMatch(/的委托代理人$/);
    expect(view.session.attendees.filter((a) => a.kind === 'mediator').map((a) => a.id)).toEqual([admin.id]);
    const caseView = await call(ws, 'cases:get', { id: created.id });
    expect(caseView.record.sessions).toEqual([expect.objectContaining({ id: view.session.id, kind: 'session', number: 1, status: 'scheduled' })]);
    const audit = await call(ws, 'cases:audit', { id: created.id });
    expect(audit.at(-1)?.detail).toMatch(/安排第1次调解/);
  });

  it('a session cannot be scheduled before the case has a mediator; an investigation can', async () => {
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [], room: '综合调解室', mediationDue: '2026-05-31', note: '' });
    const error = await callError(ws, 'sessions:schedule', { caseId: created.id, plan: plan() });
    expect(error).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(error.message).toMatch(/待分派.*请先指派调解员/);
    const party = (await call(ws, 'cases:get', { id: created.id })).record.parties[0]!;
    const inv = await call(ws, 'sessions:schedule', { caseId: created.id, plan: plan({ kind: 'investigation', place: '申请人家中', subject: { kind: 'party', partyId: party.id } }) });
    expect(inv.session.attendees.filter((a) => a.kind === 'party').map((a) => a.id)).toEqual([party.id]);
    expect((await call(ws, 'cases:get', { id: created.id })).record.sessions[0]).toMatchObject({ kind: 'investigation', subjectLabel: `申请人${party.name}` });
  });

  it('bad plans are refused at their field: unknown mediator, missing subject, a subject on a mediation session', async () => {
    const created = await mediatingCase();
    const unknown = await callError(ws, 'sessions:schedule', { caseId: created.id, plan: plan({ mediatorIds: [crypto.randomUUID()] }) });
    expect(unknown.issues?.[0]).toMatchObject({ path: ['plan', 'mediatorIds'] });
    const noSubject = await callError(ws, 'sessions:schedule', { caseId: created.id, plan: plan({ kind: 'investigation' }) });
    expect(noSubject.issues?.[0]).toMatchObject({ code: 'REQUIRED', path: ['plan', 'subject'] });
    const empty = await callError(ws, 'sessions:schedule', { caseId: created.id, plan: plan({ place: '', mediatorIds: [] }) });
    expect(empty.code).toBe('INVALID_INPUT');
    expect(empty.issues?.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['plan.place', 'plan.mediatorIds']));
    expect((await call(ws, 'cases:get', { id: created.id })).record.sessions).toEqual([]);
  });
});

describe('typing the record', () => {
  it('autosaves are durable, ordered and revision-checked; a stale save is a conflict, not a lost statement', async () => {
    const created = await mediatingCase();
    const opened = await openedSession(created.id);
    expect(opened.session).toMatchObject({ status: 'open', startedAt: expect.any(String) });
    const attendees = present(opened.session);
    const mediator = attendees.find((a) => a.kind === 'mediator')!;
    const applicant = attendees.find((a) => a.kind === 'party')!;
    const first = [statement(mediator.id, '请申请人陈述事故经过。', { kind: 'question' }), statement(applicant.id, '五月一日我骑电动车被货车撞倒。')];
    const saved = await call(ws, 'sessions:save', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements: first } });
    expect(saved.revision).toBe(opened.session.revision + 1);

    const stale = await callError(ws, 'sessions:save', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements: [] } });
    expect(stale.code).toBe('CONFLICT');

    // Reopen the workstation: what was acknowledged is there.
    await ws.close();
    ws = await openWorkstation(dir);
    await signInFirst(ws);
    const again = await call(ws, 'sessions:get', { caseId: created.id, sessionId: opened.session.id });
    expect(again.session.statements.map((s) => s.text)).toEqual(first.map((s) => s.text));
    expect(again.session.revision).toBe(saved.revision);
    // The file on disk keeps the previous generation beside it.
    const files = await readdir(path.join(dir, 'cases', created.id, 'sessions'));
    expect(files.sort()).toEqual([`${opened.session.id}.json`, `${opened.session.id}.json.1`]);
    // Every save is in the case's audit trail, without the statements' text.
    const audit = await call(ws, 'cases:audit', { id: created.id });
    const saves = audit.filter((e) => e.action === 'sessions:save');
    expect(saves.at(-1)?.detail).toMatch(/2条发言，到场\d+人/);
    expect(JSON.stringify(audit)).not.toContain('电动车');
  });

  it('the autosave of a long record carries only what changed: applied to the stored revision, judged like a whole save, stale or ill-fitting changes are conflicts', async () => {
    const created = await mediatingCase();
    const opened = await openedSession(created.id);
    const attendees = present(opened.session);
    const mediator = attendees.find((a) => a.kind === 'mediator')!;
    const applicant = attendees.find((a) => a.kind === 'party')!;
    const ref = { caseId: created.id, sessionId: opened.session.id };
    const [q, a] = [statement(mediator.id, '请申请人陈述事故经过。', { kind: 'question' }), statement(applicant.id, '五月一日我骑电动车被货车撞倒。')];
    const first = await call(ws, 'sessions:save-changes', { ...ref, revision: opened.session.revision, changes: { attendees, put: [q, a], removed: [] } });
    const half = statement(mediator.id, '双方的分歧');
    const second = await call(ws, 'sessions:save-changes', { ...ref, revision: first.revision, changes: { put: [{ ...a, text: '五月一日上午我骑电动车被货车撞倒。' }], removed: [], composer: half } });
    const stored = (await call(ws, 'sessions:get', ref)).session;
    expect(stored.revision).toBe(second.revision);
    expect(stored.statements.map((s) => s.text)).toEqual(['请申请人陈述事故经过。', '五月一日上午我骑电动车被货车撞倒。']);
    expect(stored.composer).toEqual(half);
    expect(stored.attendees.every((x) => x.presence === 'present')).toBe(true);
    const audit = await call(ws, 'cases:audit', { id: created.id });
    expect(audit.at(-1)).toMatchObject({ action: 'sessions:save', detail: expect.stringMatching(/2条发言，到场\d+人/) });

    // Made on an older revision: a conflict, as for a whole save.
    expect((await callError(ws, 'sessions:save-changes', { ...ref, revision: first.revision, changes: { put: [], removed: [q.id] } })).code).toBe('CONFLICT');
    // Naming a statement the record does not hold: refused, never guessed at.
    const ghost = statement(mediator.id, '不存在');
    expect((await callError(ws, 'sessions:save-changes', { ...ref, revision: second.revision, changes: { put: [], removed: [ghost.id] } })).code).toBe('CONFLICT');
    // The merged record is judged like a whole one: a speaker not at the table, at the path of the merged record.
    const stranger = await callError(ws, 'sessions:save-changes', { ...ref, revision: second.revision, changes: { put: [statement('nobody', '我是谁')], removed: [] } });
    expect(stranger.issues?.[0]).toMatchObject({ code: 'UNKNOWN_SPEAKER', path: ['content', 'statements', 2, 'speakerId'] });
    expect((await call(ws, 'sessions:get', ref)).session.revision).toBe(second.revision);
  });

  it('the statement still in the composer is stored apart from the statements (never printed as one) and kept after a restart; ending the session keeps it as the last statement', async () => {
    const created = await mediatingCase();
    const opened = await openedSession(created.id);
    const attendees = present(opened.session);
    const mediator = attendees.find((a) => a.kind === 'mediator')!;
    const first = statement(mediator.id, '请申请人陈述事故经过。', { kind: 'question' });
    const half = statement(mediator.id, '双方的分歧主要在误工');
    const saved = await call(ws, 'sessions:save', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements: [first], composer: half } });
    await ws.close();
    ws = await openWorkstation(dir);
    await signInFirst(ws);
    const again = await call(ws, 'sessions:get', { caseId: created.id, sessionId: opened.session.id });
    expect(again.session.statements.map((s) => s.text)).toEqual(['请申请人陈述事故经过。']);
    expect(again.session.composer).toEqual(half);
    // Its speaker must be at the table, like any statement's.
    const stranger = await callError(ws, 'sessions:save', { caseId: created.id, sessionId: opened.session.id, revision: saved.revision, content: { attendees, statements: [first], composer: { ...half, speakerId: 'nobody' } } });
    expect(stranger.code).toBe('INVALID_INPUT');
    const closed = await call(ws, 'sessions:close', { caseId: created.id, sessionId: opened.session.id, revision: saved.revision, content: { attendees, statements: [first], composer: { ...half, text: '双方的分歧主要在误工费。 ' } }, outcome: { type: 'agreement', note: '' } });
    expect(closed.session.statements.map((s) => [s.id, s.text])).toEqual([
      [first.id, '请申请人陈述事故经过。'],
      [half.id, '双方的分歧主要在误工费。'],
    ]);
    expect(closed.session.composer).toBeNull();
  });

  it('a statement must name someone at the table, and ids are unique', async () => {
    const created = await mediatingCase();
    const opened = await openedSession(created.id);
    const attendees = present(opened.session);
    const ghost = await callError(ws, 'sessions:save', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements: [statement('nobody', '我是谁')] } });
    expect(ghost.issues?.[0]).toMatchObject({ code: 'UNKNOWN_SPEAKER', path: ['content', 'statements', 0, 'speakerId'] });
    const s = statement(attendees[0]!.id, '重复');
    const dup = await callError(ws, 'sessions:save', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements: [s, s] } });
    expect(dup.issues?.[0]).toMatchObject({ code: 'DUPLICATE' });
    const foreignStaff = await callError(ws, 'sessions:save', {
      caseId: created.id,
      sessionId: opened.session.id,
      revision: opened.session.revision,
      content: { attendees: [...attendees, { id: crypto.randomUUID(), kind: 'mediator', name: '冒名调解员', relation: '', presence: 'present', note: '' }], statements: [] },
    });
    expect(foreignStaff.code).toBe('INVALID_INPUT');
  });

  it('in a caucus with the applicants only their side and the staff speak: the respondent, a participant or a forged relation are refused at the statement (save and close)', async () => {
    const created = await mediatingCase();
    const opened = await openedSession(created.id);
    const participant = { id: crypto.randomUUID(), kind: 'participant' as const, name: '王海', relation: '申请人张建国之子', presence: 'present' as const, note: '' };
    const attendees = [...present(opened.session), participant];
    const ids = { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision };
    const mediator = attendees.find((a) => a.kind === 'mediator')!;
    const applicant = attendees.find((a) => a.id === ROAD_TRAFFIC_IDS.applicant1)!;
    const agent = attendees.find((a) => a.id === ROAD_TRAFFIC_IDS.agent)!;
    const respondent = attendees.find((a) => a.id === ROAD_TRAFFIC_IDS.respondent)!;
    const caucus = { caucus: 'applicant' as const };
    const joint = [statement(respondent.id, '我方同意调解。')];
    const allowed = [statement(mediator.id, '申请人最低能接受多少？', { kind: 'question', ...caucus }), statement(applicant.id, '三万元。', caucus), statement(agent.id, '我同意当事人的意见。', caucus)];

    const wrong = await callError(ws, 'sessions:save', { ...ids, content: { attendees, statements: [...joint, ...allowed, statement(respondent.id, '我们最多两万。', caucus)] } });
    expect(wrong.code).toBe('INVALID_INPUT');
    expect(wrong.issues).toEqual([{ code: 'CAUCUS_SPEAKER', path: ['content', 'statements', 4, 'speakerId'], message: `第5条发言是与申请人一方的背对背调解，被申请人${respondent.name}不在场，不能记为发言人` }]);
    const byParticipant = await callError(ws, 'sessions:save', { ...ids, content: { attendees, statements: [statement(participant.id, '我爸说三万。', caucus)] } });
    expect(byParticipant.issues?.[0]).toMatchObject({ code: 'CAUCUS_SPEAKER', path: ['content', 'statements', 0, 'speakerId'] });
    // The side is the case's, not the relation text the editor sends back.
    const forged = attendees.map((a) => (a.id === respondent.id ? { ...a, relation: '申请人' } : a));
    const byForged = await callError(ws, 'sessions:save', { ...ids, content: { attendees: forged, statements: [statement(respondent.id, '两万。', caucus)] } });
    expect(byForged.issues?.[0]).toMatchObject({ code: 'CAUCUS_SPEAKER' });
    const closing = await callError(ws, 'sessions:close', { ...ids, content: { attendees, statements: [statement(respondent.id, '两万。', { caucus: 'applicant' })] }, outcome: { type: 'agreement', note: '' } });
    expect(closing.issues?.[0]).toMatchObject({ code: 'CAUCUS_SPEAKER', path: ['content', 'statements', 0, 'speakerId'] });
    expect((await call(ws, 'sessions:get', { caseId: created.id, sessionId: opened.session.id })).session).toMatchObject({ status: 'open', statements: [] });

    // The same caucus with the respondent: the respondent may speak there; the applicants' side and staff as before.
    const saved = await call(ws, 'sessions:save', { ...ids, content: { attendees, statements: [...joint, ...allowed, statement(respondent.id, '我们最多两万。', { caucus: 'respondent' })] } });
    expect(saved.revision).toBe(opened.session.revision + 1);
  });
});

describe('ending a session', () => {
  async function closeWith(outcome: Parameters<typeof call<'sessions:close'>>[2] extends infer P ? (P extends { outcome: infer O } ? O : never) : never, mark?: (content: SessionContent) => SessionContent) {
    const created = await mediatingCase();
    const opened = await openedSession(created.id);
    let content: SessionContent = { attendees: present(opened.session), statements: [statement(opened.session.attendees[0]!.id, '同意调解。')] };
    if (mark) content = mark(content);
    return { created, opened, content, result: () => call(ws, 'sessions:close', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content, outcome }) };
  }

  it('继续调解 with a next date records the session on the case and schedules the next one', async () => {
    const { created, result } = await closeWith({ type: 'continue', nextAt: '2026-05-08T09:00:00+08:00', note: '双方同意下周继续' });
    const closed = await result();
    expect(closed.session).toMatchObject({ status: 'closed', outcome: { type: 'continue' }, endedAt: expect.any(String), statements: [expect.objectContaining({ text: '同意调解。' })] });
    expect(closed.editable).toBe(false);
    const view = await call(ws, 'cases:get', { id: created.id });
    expect(view.status).toBe('mediating');
    expect(view.record.actions.at(-1)).toMatchObject({ type: 'SESSION_RECORDED', note: expect.stringMatching(/第1次调解：继续调解；下次调解时间2026年5月8日/) });
    expect(view.record.sessions.map((s) => [s.number, s.status, s.outcome])).toEqual([
      [1, 'closed', 'continue'],
      [2, 'scheduled', null],
    ]);
    // A closed record is read-only.
    const late = await callError(ws, 'sessions:save', { caseId: created.id, sessionId: closed.session.id, revision: closed.session.revision, content: { attendees: closed.session.attendees, statements: [] } });
    expect(late).toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('达成协议 moves the case to 已达成协议; 中止 to 已中止', async () => {
    const agreed = await closeWith({ type: 'agreement', note: '被申请人赔偿86500元' });
    await agreed.result();
    expect((await call(ws, 'cases:get', { id: agreed.created.id })).status).toBe('agreed');
    const suspended = await closeWith({ type: 'suspended', reason: '申请人住院治疗' });
    await suspended.result();
    const view = await call(ws, 'cases:get', { id: suspended.created.id });
    expect(view.status).toBe('suspended');
    expect(view.record.actions.at(-1)).toMatchObject({ type: 'SUSPENDED', note: '申请人住院治疗' });
  });

  it('调解不成 terminates the case and keeps the reason and routes for the termination notice', async () => {
    const failed = await closeWith({ type: 'failed', reason: '双方对赔偿数额分歧过大', routesExplained: true, routes: '可向义乌市人民法院提起诉讼' });
    const closed = await failed.result();
    const view = await call(ws, 'cases:get', { id: failed.created.id });
    expect(view.status).toBe('terminated');
    expect(view.record.termination).toEqual({ reason: '双方对赔偿数额分歧过大', routes: '可向义乌市人民法院提起诉讼', date: '2026-05-01', sessionId: closed.session.id });
  });

  it('调解不成 requires confirming that the other routes were explained (art. 26)', async () => {
    const created = await mediatingCase();
    const opened = await openedSession(created.id);
    const error = await callError(ws, 'sessions:close', {
      caseId: created.id,
      sessionId: opened.session.id,
      revision: opened.session.revision,
      content: { attendees: opened.session.attendees, statements: [] },
      outcome: { type: 'failed', reason: '分歧过大', routesExplained: false, routes: '' },
    });
    expect(error.issues?.[0]).toMatchObject({ path: ['outcome', 'routesExplained'] });
  });

  it('a party who clearly refuses stops mediation (art. 17): only termination is accepted', async () => {
    const refusing = (content: SessionContent): SessionContent => ({
      ...content,
      attendees: content.attendees.map((a, i) => (i === 0 ? { ...a, presence: 'refused', note: '表示不愿调解，要求直接起诉' } : a)),
    });
    const attempt = await closeWith({ type: 'agreement', note: '' }, refusing);
    const error = await callError(ws, 'sessions:close', { caseId: attempt.created.id, sessionId: attempt.opened.session.id, revision: attempt.opened.session.revision, content: attempt.content, outcome: { type: 'agreement', note: '' } });
    expect(error).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(error.issues?.[0]).toMatchObject({ code: 'PARTY_REFUSED' });
    expect(error.message).toMatch(/明确拒绝调解.*第十七条/);
    expect((await call(ws, 'cases:get', { id: attempt.created.id })).status).toBe('mediating');
    const ended = await call(ws, 'sessions:close', {
      caseId: attempt.created.id,
      sessionId: attempt.opened.session.id,
      revision: attempt.opened.session.revision,
      content: attempt.content,
      outcome: { type: 'failed', reason: '申请人明确拒绝调解', routesExplained: true, routes: '' },
    });
    expect(ended.caseStatus).toBe('terminated');
  });

  it('an investigation ends without an outcome and does not move the case', async () => {
    const created = await mediatingCase();
    const scheduled = await call(ws, 'sessions:schedule', {
      caseId: created.id,
      plan: plan({ kind: 'investigation', place: '事故路口', subject: { kind: 'witness', name: '王五', relation: '事故目击者', idNumber: '', phone: '', address: '' } }),
    });
    expect(scheduled.session.attendees.find((a) => a.kind === 'participant')).toMatchObject({ name: '王五', relation: '事故目击者' });
    const opened = await call(ws, 'sessions:open', { caseId: created.id, sessionId: scheduled.session.id, revision: scheduled.session.revision });
    const withOutcome = await callError(ws, 'sessions:close', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees: opened.session.attendees, statements: [] }, outcome: { type: 'agreement', note: '' } });
    expect(withOutcome.code).toBe('INVALID_INPUT');
    const closed = await call(ws, 'sessions:close', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees: opened.session.attendees, statements: [] }, outcome: null });
    expect(closed.session.status).toBe('closed');
    const view = await call(ws, 'cases:get', { id: created.id });
    expect(view.record.actions.map((a) => a.type)).not.toContain('SESSION_RECORDED');
    expect(view.record.sessions[0]).toMatchObject({ kind: 'investigation', status: 'closed', subjectLabel: '证人王五' });
  });

  it('a close cut off between the session file and the case is completed when the session is next read', async () => {
    const created = await mediatingCase();
    const opened = await openedSession(created.id);
    // Simulate the crash: write only the session file, as closeSession does first.
    const session = await ws.cases.getSession(created.id, opened.session.id);
    await ws.cases.saveSession(created.id, session.revision, { ...session, status: 'closed', endedAt: session.updatedAt, outcome: { type: 'agreement', note: '' } }, { actorId: admin.id, actorName: admin.name, action: 'sessions:close', detail: 'test' });
    expect((await call(ws, 'cases:get', { id: created.id })).status).toBe('mediating');
    await call(ws, 'sessions:get', { caseId: created.id, sessionId: opened.session.id });
    const view = await call(ws, 'cases:get', { id: created.id });
    expect(view.status).toBe('agreed');
    expect(view.record.sessions[0]).toMatchObject({ status: 'closed', outcome: 'agreement' });
    // Reading again does not add the actions twice.
    await call(ws, 'sessions:get', { caseId: created.id, sessionId: opened.session.id });
    expect((await call(ws, 'cases:get', { id: created.id })).record.actions.filter((a) => a.type === 'SESSION_RECORDED')).toHaveLength(1);
  });

  it('a scheduled session can be cancelled; an open one cannot', async () => {
    const created = await mediatingCase();
    const scheduled = await call(ws, 'sessions:schedule', { caseId: created.id, plan: plan() });
    const cancelled = await call(ws, 'sessions:cancel', { caseId: created.id, sessionId: scheduled.session.id, revision: scheduled.session.revision, reason: '被申请人请求改期' });
    expect(cancelled.session.status).toBe('cancelled');
    const opened = await openedSession(created.id);
    expect(opened.session.number).toBe(2);
    expect(await callError(ws, 'sessions:cancel', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, reason: 'x' })).toMatchObject({ code: 'NOT_ALLOWED' });
  });
});

describe('attachments', () => {
  it('an evidence photo on a statement is stored under a generated name with its hash and listed on the case', async () => {
    const created = await mediatingCase();
    const opened = await openedSession(created.id);
    const attendees = present(opened.session);
    const s = statement(attendees[0]!.id, '这是事故现场照片。', { marks: ['evidence'] });
    const saved = await call(ws, 'sessions:save', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements: [s] } });
    expect(saved.revision).toBeGreaterThan(0);
    const png = makePng(16);
    const attachment = await call(ws, 'attachments:add', { caseId: created.id, sessionId: opened.session.id, statementId: s.id, category: 'evidence', label: '../../事故现场照片.png', mimeType: 'image/png', base64: png.toString('base64') });
    expect(attachment.file).toBe(`${attachment.id}.png`);
    expect(attachment.label).toBe('../../事故现场照片.png');
    const onDisk = await readFile(path.join(dir, 'cases', created.id, 'attachments', attachment.file));
    expect(onDisk.includes(png.subarray(0, 8))).toBe(false); // sealed at rest
    expect((await storeFiles(ws).read(path.join(dir, 'cases', created.id, 'attachments', attachment.file))).equals(png)).toBe(true);
    const file = await call(ws, 'attachments:file', { caseId: created.id, attachmentId: attachment.id });
    expect(file.intact).toBe(true);
    expect(Buffer.from(file.base64, 'base64').equals(png)).toBe(true);
    const view = await call(ws, 'sessions:get', { caseId: created.id, sessionId: opened.session.id });
    expect(view.attachments.map((a) => a.id)).toEqual([attachment.id]);
    const audit = await call(ws, 'cases:audit', { id: created.id });
    expect(audit.at(-1)).toMatchObject({ action: 'attachments:add', detail: expect.stringContaining(attachment.sha256.slice(0, 12)) });
  });

  it('content that is not what it claims, an unsaved statement or a foreign session is refused and nothing is stored', async () => {
    const created = await mediatingCase();
    const opened = await openedSession(created.id);
    const fake = await callError(ws, 'attachments:add', { caseId: created.id, sessionId: null, statementId: null, category: 'evidence', label: '照片', mimeType: 'image/jpeg', base64: Buffer.from('MZ not a jpeg at all').toString('base64') });
    expect(fake.issues?.[0]).toMatchObject({ code: 'INVALID_FILE' });
    expect(fake.message).toMatch(/不是JPEG图片/);
    const unsaved = await callError(ws, 'attachments:add', { caseId: created.id, sessionId: opened.session.id, statementId: crypto.randomUUID(), category: 'evidence', label: '照片', mimeType: 'image/png', base64: makePng(4).toString('base64') });
    expect(unsaved.code).toBe('NOT_FOUND');
    const foreign = await callError(ws, 'attachments:add', { caseId: created.id, sessionId: crypto.randomUUID(), statementId: null, category: 'evidence', label: '照片', mimeType: 'image/png', base64: makePng(4).toString('base64') });
    expect(foreign.code).toBe('NOT_FOUND');
    expect((await call(ws, 'cases:get', { id: created.id })).record.attachments).toEqual([]);
    expect(await readdir(path.join(dir, 'cases', created.id, 'attachments')).catch(() => [])).toEqual([]);
  });

  it('a changed attachment file is refused as failing its integrity check, never served', async () => {
    const created = await mediatingCase();
    const attachment = await call(ws, 'attachments:add', { caseId: created.id, sessionId: null, statementId: null, category: 'identity', label: '身份证复印件', mimeType: 'application/pdf', base64: Buffer.from('%PDF-1.4\n%fake but starts right\n').toString('base64') });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'cases', created.id, 'attachments', attachment.file), '%PDF-1.4\nchanged');
    const refused = await callError(ws, 'attachments:file', { caseId: created.id, attachmentId: attachment.id });
    expect(refused).toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('未通过完整性校验') });
  });
});
