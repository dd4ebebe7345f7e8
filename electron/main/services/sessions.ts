/**
 * Sessions (调解) and investigations (调查) of a case: scheduled, opened, typed live (autosaved), closed with an
 * outcome. The record is a file of its own (store.saveSession); the case record gets a summary of it and, when a
 * session ends, the actions that move the case on (SESSION_RECORDED, then 达成协议 / 终止 / 中止).
 */
import { randomUUID } from 'node:crypto';
import {
  type Attendee,
  CASE_STATUSES,
  type CaseRecord,
  PARTY_ROLES,
  SESSION_KINDS,
  SESSION_OUTCOMES,
  SESSION_SCHEMA_VERSION,
  ChangesDoNotApply,
  applySessionChanges,
  type SessionChanges,
  type SessionContent,
  SessionContentSchema,
  type SessionOutcome,
  type SessionPlan,
  type SessionRecord,
  type Staff,
  caucusSpeakerIssues,
  disputeTypeLabel,
  getCaseStatus,
  getCaseSummary,
  maskIdNumber,
  maskPhone,
  refusingParties,
  sessionAllowedIn,
  settleComposer,
  summariseSession,
} from '../../shared/domain';
import type { SessionSaved, SessionView } from '../../shared/ipc/contract';
import { ApiFailure, issuesFromZod } from '../../shared/ipc/result';
import { type CaseAudit, RevisionConflictError, SessionNotFoundError } from '../storage/case-store';
import { formatDateTimeCn } from '../../shared/format';
import type { Workstation } from './workstation';
import { isSessionWriter, mayReadCaucus } from '../../shared/policy/policy';


const ordinal = (s: Pick<SessionRecord, 'kind' | 'number'>) => `第${s.number}次${SESSION_KINDS[s.kind]}`;

function audit(actor: Staff, action: string, detail: string): CaseAudit {
  return { actorId: actor.id, actorName: actor.name, action, detail };
}

function assertCaseAllows(record: CaseRecord, kind: SessionRecord['kind'], what: string): void {
  const status = getCaseStatus(record.actions);
  if (!sessionAllowedIn(kind, status)) {
    const hint = kind === 'session' && status === 'accepted' ? '，请先指派调解员' : '';
    throw new ApiFailure('NOT_ALLOWED', `案件当前状态为“${CASE_STATUSES[status]}”，不能${what}${hint}`);
  }
}

/** Mediators (调解员/调查人) must be active mediators; the recorder any active staff member. */
function checkStaff(ws: Workstation, plan: SessionPlan): { mediators: Staff[]; recorder: Staff } {
  const active = (id: string) => ws.state.data.staff.find((s) => s.id === id && s.active);
  const mediators = plan.mediatorIds.map((id) => {
    const s = active(id);
    if (!s || !s.roles.includes('mediator')) throw new ApiFailure('INVALID_INPUT', '所选调解员不存在或不具有调解员岗位', [{ code: 'INVALID_VALUE', path: ['plan', 'mediatorIds'], message: '所选调解员不存在或不具有调解员岗位' }]);
    return s;
  });
  const recorder = active(plan.recorderId);
  if (!recorder) throw new ApiFailure('INVALID_INPUT', '所选记录人不存在', [{ code: 'INVALID_VALUE', path: ['plan', 'recorderId'], message: '所选记录人不存在' }]);
  return { mediators, recorder };
}

function checkPlanForCase(record: CaseRecord, plan: SessionPlan): void {
  if (plan.kind === 'session' && plan.subject) throw new ApiFailure('INVALID_INPUT', '调解不需要填写被调查人', [{ code: 'INVALID_VALUE', path: ['plan', 'subject'], message: '调解不需要填写被调查人' }]);
  if (plan.kind === 'investigation') {
    if (!plan.subject) throw new ApiFailure('INVALID_INPUT', '请选择被调查人', [{ code: 'REQUIRED', path: ['plan', 'subject'], message: '请选择被调查人' }]);
    if (plan.subject.kind === 'party' && !record.parties.some((p) => p.id === (plan.subject as { partyId: string }).partyId)) {
      throw new ApiFailure('INVALID_INPUT', '被调查人不是本案当事人', [{ code: 'INVALID_VALUE', path: ['plan', 'subject', 'partyId'], message: '被调查人不是本案当事人' }]);
    }
  }
}

function staffAttendees(plan: SessionPlan, mediators: Staff[], recorder: Staff): Attendee[] {
  const list: Attendee[] = mediators.map((m) => ({ id: m.id, kind: 'mediator', name: m.name, relation: '', presence: 'present', note: '' }));
  if (!plan.mediatorIds.includes(recorder.id)) list.push({ id: recorder.id, kind: 'recorder', name: recorder.name, relation: '', presence: 'present', note: '' });
  return list;
}

/** Who is expected at the table: every party and agent of the case (a session), or the person interviewed. */
function caseAttendees(record: CaseRecord, plan: SessionPlan): Attendee[] {
  if (plan.kind === 'investigation') {
    const subject = plan.subject!;
    if (subject.kind === 'witness') return [{ id: randomUUID(), kind: 'participant', name: subject.name, relation: subject.relation, presence: 'expected', note: '' }];
    const party = record.parties.find((p) => p.id === subject.partyId)!;
    return [{ id: party.id, kind: 'party', name: party.name, relation: PARTY_ROLES[party.role], presence: 'expected', note: '' }];
  }
  return partiesAndAgents(record);
}

/** Every party and agent of the case as an attendee, with the role the case gives them. */
function partiesAndAgents(record: CaseRecord): Attendee[] {
  const parties: Attendee[] = record.parties.map((p) => ({ id: p.id, kind: 'party', name: p.name, relation: PARTY_ROLES[p.role], presence: 'expected', note: '' }));
  const agents: Attendee[] = record.agents.map((a) => {
    const principal = record.parties.find((p) => p.id === a.principalId);
    return { id: a.id, kind: 'agent', name: a.name, relation: principal ? `${PARTY_ROLES[principal.role]}${principal.name}的委托代理人` : '委托代理人', presence: 'expected', note: '' };
  });
  return [...parties, ...agents];
}

function subjectLabel(session: SessionRecord): string {
  if (session.kind !== 'investigation') return '';
  const subject = session.attendees.find((a) => a.kind === 'party' || a.kind === 'participant');
  return subject ? `${subject.kind === 'party' ? subject.relation : '证人'}${subject.name}` : '';
}

function withSummary(record: CaseRecord, session: SessionRecord): CaseRecord['sessions'] {
  const summary = summariseSession(session, subjectLabel(session));
  const found = record.sessions.some((s) => s.id === session.id);
  return found ? record.sessions.map((s) => (s.id === session.id ? summary : s)) : [...record.sessions, summary];
}

/** A witness's ID number and phone are needed for the printed record, not on screen (PIPL: masked in answers). */
function maskSubject(session: SessionRecord): SessionRecord {
  const subject = session.subject;
  if (subject?.kind !== 'witness') return session;
  return { ...session, subject: { ...subject, idNumber: subject.idNumber && maskIdNumber(subject.idNumber), phone: subject.phone && maskPhone(subject.phone) } };
}

function toView(record: CaseRecord, session: SessionRecord): SessionView {
  return {
    session: maskSubject(session),
    caseNumber: record.caseNumber,
    caseTitle: getCaseSummary(record, disputeTypeLabel).title,
    caseStatus: getCaseStatus(record.actions),
    attachments: record.attachments.filter((a) => a.sessionId === session.id),
    editable: session.status === 'scheduled' || session.status === 'open',
  };
}

function sessionOf(record: CaseRecord, sessionId: string) {
  const summary = record.sessions.find((s) => s.id === sessionId);
  if (!summary) throw new SessionNotFoundError(record.id, sessionId);
  return summary;
}

// ---------------------------------------------------------------------------------------------------------------

export async function scheduleSession(ws: Workstation, input: { caseId: string; plan: SessionPlan }, actor: Staff): Promise<SessionView> {
  const { plan } = input;
  const record = await ws.cases.get(input.caseId);
  assertCaseAllows(record, plan.kind, `安排${SESSION_KINDS[plan.kind]}`);
  checkPlanForCase(record, plan);
  const { mediators, recorder } = checkStaff(ws, plan);
  const now = ws.clock.now().toISOString();
  const number = record.sessions.filter((s) => s.kind === plan.kind).length + 1;
  const title = getCaseSummary(record, disputeTypeLabel).title;
  const session: SessionRecord = {
    schemaVersion: SESSION_SCHEMA_VERSION,
    id: randomUUID(),
    caseId: record.id,
    number,
    ...plan,
    purpose: plan.purpose || (plan.kind === 'session' ? `调解${title}` : `调查${title}有关情况`),
    status: 'scheduled',
    attendees: [...caseAttendees(record, plan), ...staffAttendees(plan, mediators, recorder)],
    statements: [],
    startedAt: null,
    endedAt: null,
    outcome: null,
    revision: 0,
    createdAt: now,
    createdBy: actor.id,
    updatedAt: now,
  };
  const what = `安排${ordinal(session)}（${formatDateTimeCn(plan.scheduledAt)}，${plan.place}）`;
  const { record: updated, saved } = await saveWithCase(ws, record.id, null, session, audit(actor, 'sessions:schedule', what), (c, saved) => ({ ...c, updatedAt: now, sessions: withSummary(c, saved) }), audit(actor, 'sessions:schedule', `${what}：列入案件`));
  return toView(updated, saved);
}

/** A session saved with the case's summary of it: one unit of work, both or neither (also across a crash). */
async function saveWithCase(
  ws: Workstation,
  caseId: string,
  expectedRevision: number | null,
  session: SessionRecord,
  sessionAudit: CaseAudit,
  change: (c: CaseRecord, saved: SessionRecord) => CaseRecord,
  caseAudit: CaseAudit,
): Promise<{ record: CaseRecord; saved: SessionRecord }> {
  const done = await ws.cases.commit(caseId, {
    parts: [{ kind: 'session', expectedRevision, record: session, audit: sessionAudit }],
    case: { expectedRevision: null, change: (c, parts) => change(c, parts.sessions[0]!), audit: caseAudit },
  });
  return { record: done.record, saved: done.sessions[0]! };
}

/** Reads a session; a summary left behind by a crash between the two writes of a close is brought up to date. */
export async function getSession(ws: Workstation, input: { caseId: string; sessionId: string }, actor: Staff): Promise<SessionView> {
  let record = await ws.cases.get(input.caseId);
  sessionOf(record, input.sessionId);
  const session = await ws.cases.getSession(input.caseId, input.sessionId);
  const summary = sessionOf(record, session.id);
  if (summary.status !== session.status || summary.outcome !== (session.outcome?.type ?? null)) {
    record = await ws.cases.update(record.id, null, (c) => applySessionEnd(ws, c, session, actor), audit(actor, 'sessions:reconcile', `${ordinal(session)}的状态与案件不一致，已按调解记录补正`));
  }
  const writer = isSessionWriter(actor.id, session, record.assignment?.mediatorIds ?? []);
  if (mayReadCaucus(actor.roles, writer)) return toView(record, session);
  // Others read the joint record only, and cannot write it (the policy table refuses them anyway); the half-typed
  // statement in the writer's composer is no part of the record.
  return { ...toView(record, { ...session, statements: session.statements.filter((st) => st.caucus === null), composer: null }), editable: false };
}

/** Loads a session for a change, checking the caller's revision and that it can still be changed. */
async function loadForChange(ws: Workstation, caseId: string, sessionId: string, revision: number) {
  const record = await ws.cases.get(caseId);
  sessionOf(record, sessionId);
  const session = await ws.cases.getSession(caseId, sessionId);
  if (session.revision !== revision) throw new RevisionConflictError(sessionId, revision, session.revision);
  if (session.status === 'closed' || session.status === 'cancelled') {
    throw new ApiFailure('NOT_ALLOWED', `${ordinal(session)}已${session.status === 'closed' ? '结束' : '取消'}，记录不能再修改`);
  }
  return { record, session };
}

export async function updateSessionPlan(ws: Workstation, input: { caseId: string; sessionId: string; revision: number; plan: SessionPlan }, actor: Staff): Promise<SessionView> {
  const { record, session } = await loadForChange(ws, input.caseId, input.sessionId, input.revision);
  const { plan } = input;
  if (plan.kind !== session.kind) throw new ApiFailure('INVALID_INPUT', '不能更改调解/调查的类别', [{ code: 'INVALID_VALUE', path: ['plan', 'kind'], message: '不能更改调解/调查的类别' }]);
  checkPlanForCase(record, plan);
  const { mediators, recorder } = checkStaff(ws, plan);
  // Staff who left keep their place if they already spoke (their statements must keep a speaker).
  const spoke = new Set(session.statements.map((s) => s.speakerId));
  const keep = session.attendees.filter((a) => (a.kind !== 'mediator' && a.kind !== 'recorder') || spoke.has(a.id));
  const added = staffAttendees(plan, mediators, recorder).filter((a) => !keep.some((k) => k.id === a.id));
  const now = ws.clock.now().toISOString();
  const next: SessionRecord = { ...session, ...plan, purpose: plan.purpose || session.purpose, subject: session.subject, attendees: [...keep, ...added], updatedAt: now };
  const { record: updated, saved } = await saveWithCase(ws, record.id, session.revision, next, audit(actor, 'sessions:update-plan', `修改${ordinal(session)}的安排（${formatDateTimeCn(plan.scheduledAt)}，${plan.place}）`), (c, saved) => ({ ...c, updatedAt: now, sessions: withSummary(c, saved) }), audit(actor, 'sessions:update-plan', `${ordinal(session)}的安排已更新`));
  return toView(updated, saved);
}

export async function openSession(ws: Workstation, input: { caseId: string; sessionId: string; revision: number }, actor: Staff): Promise<SessionView> {
  const { record, session } = await loadForChange(ws, input.caseId, input.sessionId, input.revision);
  if (session.status === 'open') return toView(record, session);
  assertCaseAllows(record, session.kind, `开始${SESSION_KINDS[session.kind]}`);
  const now = ws.clock.now().toISOString();
  const { record: updated, saved } = await saveWithCase(ws, record.id, session.revision, { ...session, status: 'open', startedAt: now, updatedAt: now }, audit(actor, 'sessions:open', `开始${ordinal(session)}`), (c, saved) => ({ ...c, updatedAt: now, sessions: withSummary(c, saved) }), audit(actor, 'sessions:open', `${ordinal(session)}进行中`));
  return toView(updated, saved);
}

/**
 * A caucus statement's speaker must be of that side or staff (the shared rule). The side is judged by the case, not
 * by the relation text the editor sends back: a party or agent attendee gets the role the case gives them, and one
 * the case does not know belongs to no side.
 */
function checkCaucusSpeakers(record: CaseRecord, content: SessionContent): void {
  const known = new Map(partiesAndAgents(record).map((a) => [a.id, a]));
  const trusted = (a: Attendee): Attendee => {
    if (a.kind !== 'party' && a.kind !== 'agent') return a;
    const k = known.get(a.id);
    return { ...a, relation: k?.kind === a.kind ? k.relation : '' };
  };
  const attendees = content.attendees.map(trusted);
  const issues = caucusSpeakerIssues({ attendees, statements: content.statements }).map((i) => ({ ...i, path: ['content', ...i.path] }));
  if (issues.length > 0) throw new ApiFailure('INVALID_INPUT', issues[0]!.message, issues);
}

/** A speaker must be one of the attendees; staff attendees must stay those of the plan (or have spoken). */
function checkContent(record: CaseRecord, session: SessionRecord, content: SessionContent): void {
  for (const a of content.attendees) {
    if ((a.kind === 'mediator' || a.kind === 'recorder') && !session.attendees.some((b) => b.id === a.id)) {
      throw new ApiFailure('INVALID_INPUT', `${a.name}不是本次安排的调解员或记录人`, [{ code: 'INVALID_VALUE', path: ['content', 'attendees'], message: `${a.name}不是本次安排的调解员或记录人` }]);
    }
  }
  if (session.kind === 'session' && (content.statements.some((s) => s.caucus !== null) || Boolean(content.composer?.caucus)) && !content.attendees.some((a) => a.kind === 'party')) {
    throw new ApiFailure('INVALID_INPUT', '背对背调解须有当事人参加');
  }
  checkCaucusSpeakers(record, content);
}

function contentDigest(content: SessionContent): string {
  const present = content.attendees.filter((a) => a.presence === 'present').length;
  const caucus = content.statements.filter((s) => s.caucus !== null).length;
  return `${content.statements.length}条发言${caucus ? `（其中背对背${caucus}条）` : ''}，到场${present}人`;
}

/** The autosave: attendance and statements, as typed. */
export async function saveSession(ws: Workstation, input: { caseId: string; sessionId: string; revision: number; content: SessionContent }, actor: Staff): Promise<SessionSaved> {
  const { record, session } = await loadForChange(ws, input.caseId, input.sessionId, input.revision);
  return storeContent(ws, record, session, input.content, actor);
}

async function storeContent(ws: Workstation, record: CaseRecord, session: SessionRecord, content: SessionContent, actor: Staff): Promise<SessionSaved> {
  checkContent(record, session, content);
  const now = ws.clock.now().toISOString();
  const saved = await ws.cases.saveSession(record.id, session.revision, { ...session, ...content, updatedAt: now }, audit(actor, 'sessions:save', `保存${ordinal(session)}记录：${contentDigest(content)}`));
  return { revision: saved.revision, updatedAt: saved.updatedAt };
}

/**
 * The autosave of what changed since `revision`: applied to the stored record, then judged exactly as a whole save
 * (SessionContentSchema's rules, the speakers, the caucus). The revision check makes the base the one the desk
 * typed on; a change set that still does not fit is refused as a conflict rather than guessed at.
 */
export async function saveSessionChanges(ws: Workstation, input: { caseId: string; sessionId: string; revision: number; changes: SessionChanges }, actor: Staff): Promise<SessionSaved> {
  const { record, session } = await loadForChange(ws, input.caseId, input.sessionId, input.revision);
  let merged: SessionContent;
  try {
    merged = applySessionChanges({ attendees: session.attendees, statements: session.statements, composer: session.composer ?? null }, input.changes);
  } catch (error) {
    if (error instanceof ChangesDoNotApply) throw new ApiFailure('CONFLICT', '记录已在别处更改，请重新打开后再保存');
    throw error;
  }
  const parsed = SessionContentSchema.safeParse(merged);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error).map((i) => ({ ...i, path: ['content', ...i.path] }));
    throw new ApiFailure('INVALID_INPUT', `输入有误：${issues[0]!.message}`, issues);
  }
  return storeContent(ws, record, session, parsed.data, actor);
}

function outcomeNote(session: SessionRecord): string {
  const o = session.outcome;
  if (!o) return `${ordinal(session)}结束`;
  const label = `${ordinal(session)}：${SESSION_OUTCOMES[o.type]}`;
  switch (o.type) {
    case 'continue':
      return [label, o.nextAt ? `下次调解时间${formatDateTimeCn(o.nextAt)}` : '', o.note].filter(Boolean).join('；');
    case 'agreement':
      return [label, o.note].filter(Boolean).join('；');
    case 'failed':
      return `${label}；${o.reason}`;
    case 'suspended':
      return `${label}；${o.reason}`;
    default:
      throw new Error(`unknown outcome ${String(o satisfies never)}`);
  }
}

/** The case after a session ended: its summary, and for a mediation session the actions that move the case on. */
function applySessionEnd(ws: Workstation, c: CaseRecord, session: SessionRecord, actor: Staff): CaseRecord {
  const now = ws.clock.now().toISOString();
  const base = { ...c, updatedAt: now, sessions: withSummary(c, session) };
  const wasClosed = c.sessions.find((s) => s.id === session.id)?.status === 'closed';
  if (session.status !== 'closed' || session.kind !== 'session' || wasClosed) return base;
  const act = (type: CaseRecord['actions'][number]['type'], note: string) => ({ id: randomUUID(), type, at: session.endedAt ?? now, by: actor.id, note });
  const actions = [...c.actions, act('SESSION_RECORDED', outcomeNote(session))];
  const o = session.outcome!;
  if (o.type === 'agreement') actions.push(act('AGREEMENT_REACHED', o.note || `经${ordinal(session)}达成调解协议`));
  if (o.type === 'suspended') actions.push(act('SUSPENDED', o.reason));
  if (o.type === 'failed') {
    actions.push(act('MEDIATION_TERMINATED', o.reason));
    return { ...base, actions, termination: { reason: o.reason, routes: o.routes, date: ws.clock.today(), sessionId: session.id } };
  }
  return { ...base, actions };
}

function checkOutcome(session: SessionRecord, content: SessionContent, outcome: SessionOutcome | null, today: string): void {
  if (session.kind === 'investigation') {
    if (outcome) throw new ApiFailure('INVALID_INPUT', '调查结束时不选择调解结果', [{ code: 'INVALID_VALUE', path: ['outcome'], message: '调查结束时不选择调解结果' }]);
    return;
  }
  if (!outcome) throw new ApiFailure('INVALID_INPUT', '请选择本次调解的结果', [{ code: 'REQUIRED', path: ['outcome'], message: '请选择本次调解的结果' }]);
  const refused = refusingParties(content);
  if (refused.length > 0 && outcome.type !== 'failed') {
    const names = refused.map((a) => `${a.relation}${a.name}`).join('、');
    const message = `${names}明确拒绝调解，依照《人民调解法》第十七条不得继续调解，只能终止调解并告知其他途径`;
    throw new ApiFailure('NOT_ALLOWED', message, [{ code: 'PARTY_REFUSED', path: ['outcome', 'type'], message }]);
  }
  if (outcome.type === 'continue' && outcome.nextAt && outcome.nextAt.slice(0, 10) < today) {
    throw new ApiFailure('INVALID_INPUT', '下次调解时间不能早于今天', [{ code: 'DATE_IN_PAST', path: ['outcome', 'nextAt'], message: '下次调解时间不能早于今天' }]);
  }
}

export async function closeSession(
  ws: Workstation,
  input: { caseId: string; sessionId: string; revision: number; content: SessionContent; outcome: SessionOutcome | null },
  actor: Staff,
): Promise<SessionView> {
  const { record, session } = await loadForChange(ws, input.caseId, input.sessionId, input.revision);
  if (session.status !== 'open') throw new ApiFailure('NOT_ALLOWED', `${ordinal(session)}尚未开始，不能结束`);
  assertCaseAllows(record, session.kind, `结束${SESSION_KINDS[session.kind]}`);
  const content = settleComposer(input.content);
  checkContent(record, session, content);
  checkOutcome(session, content, input.outcome, ws.clock.today());
  const now = ws.clock.now().toISOString();
  const closed: SessionRecord = { ...session, ...content, status: 'closed', endedAt: now, outcome: input.outcome, updatedAt: now };
  const done = await saveWithCase(ws, record.id, session.revision, closed, audit(actor, 'sessions:close', `${outcomeNote(closed)}（${contentDigest(content)}）`), (c, saved) => applySessionEnd(ws, c, saved, actor), audit(actor, 'sessions:close', outcomeNote(closed)));
  const saved = done.saved;
  let updated = done.record;
  const next = input.outcome?.type === 'continue' ? input.outcome.nextAt : null;
  if (next) {
    const plan: SessionPlan = { kind: 'session', scheduledAt: next, place: session.place, purpose: session.purpose, mediatorIds: session.mediatorIds, recorderId: session.recorderId, subject: null };
    await scheduleSession(ws, { caseId: record.id, plan }, actor);
    updated = await ws.cases.get(record.id);
  }
  return toView(updated, saved);
}

export async function cancelSession(ws: Workstation, input: { caseId: string; sessionId: string; revision: number; reason: string }, actor: Staff): Promise<SessionView> {
  const { record, session } = await loadForChange(ws, input.caseId, input.sessionId, input.revision);
  if (session.status !== 'scheduled') throw new ApiFailure('NOT_ALLOWED', `${ordinal(session)}已经开始，不能取消；请结束并选择结果`);
  const now = ws.clock.now().toISOString();
  const { record: updated, saved } = await saveWithCase(ws, record.id, session.revision, { ...session, status: 'cancelled', updatedAt: now }, audit(actor, 'sessions:cancel', `取消${ordinal(session)}：${input.reason}`), (c, saved) => ({ ...c, updatedAt: now, sessions: withSummary(c, saved) }), audit(actor, 'sessions:cancel', `${ordinal(session)}已取消`));
  return toView(updated, saved);
}
