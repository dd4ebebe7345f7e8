import { addIssue, requiredText, text, z } from './zod-setup';
import type { CaseStatus } from './case-actions';
import type { ValidationIssue } from '../validation/issue';

/**
 * Mediation sessions (调解会次, each recorded as a 人民调解记录) and investigations (调查, recorded as a 调查记录).
 * A session is scheduled, opened (attendance taken, the record typed live, autosaved), then closed with an outcome.
 * The full record lives in its own file in the case folder (it is saved every few seconds while typing, and must not
 * contend with the case record's revision); the case record keeps a summary of each for lists and the timeline.
 */
export const SESSION_SCHEMA_VERSION = 1;

export const SESSION_KINDS = { session: '调解', investigation: '调查' } as const;
export const SessionKindSchema = z.enum(['session', 'investigation']);
export type SessionKind = z.infer<typeof SessionKindSchema>;

export const SESSION_STATUSES = { scheduled: '已安排', open: '进行中', closed: '已结束', cancelled: '已取消' } as const;
export const SessionStatusSchema = z.enum(['scheduled', 'open', 'closed', 'cancelled']);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/**
 * The one table of when a session may be scheduled, opened and closed: a mediation session only while the case is
 * 调解中 (a mediator is assigned); an investigation also before that and while mediation is suspended. Main
 * enforces it; the renderer asks it so as not to offer a button that can only fail.
 */
export const SESSION_ACTIVE_STATUSES: Record<SessionKind, readonly CaseStatus[]> = {
  session: ['mediating'],
  investigation: ['accepted', 'mediating', 'suspended'],
};

export function sessionAllowedIn(kind: SessionKind, status: CaseStatus): boolean {
  return SESSION_ACTIVE_STATUSES[kind].includes(status);
}

/** Who sits at the table. Parties and agents come from the case; participants (参加人) are invited; staff run it. */
export const ATTENDEE_KINDS = { party: '当事人', agent: '代理人', participant: '参加人', mediator: '调解员', recorder: '记录人' } as const;
export const AttendeeKindSchema = z.enum(['party', 'agent', 'participant', 'mediator', 'recorder']);
export type AttendeeKind = z.infer<typeof AttendeeKindSchema>;

/** 到场 / 未到场 / 明确拒绝调解 (人民调解法 art. 17: a clear refusal means mediation shall not proceed). */
export const PRESENCES = { expected: '待确认', present: '到场', absent: '未到场', refused: '明确拒绝调解' } as const;
export const PresenceSchema = z.enum(['expected', 'present', 'absent', 'refused']);
export type Presence = z.infer<typeof PresenceSchema>;

export const AttendeeSchema = z.strictObject({
  /** Stable within the session: the party/agent/staff id, or a new uuid for a participant. Statements refer to it. */
  id: z.string().min(1).max(60),
  kind: AttendeeKindSchema,
  name: requiredText(50, '请填写姓名'),
  /**
   * As printed before the name: 申请人 / 被申请人 / 第三人 for parties, 申请人张三的委托代理人 for agents; for participants
   * their relation (申请人张三之子, 村委会主任, 交警); for an organisation party the person who appears for it (法定代表人).
   */
  relation: text(60),
  presence: PresenceSchema,
  /** What the party said when refusing, or why someone did not come. */
  note: text(500),
});
export type Attendee = z.infer<typeof AttendeeSchema>;

export const STATEMENT_MARKS = { focus: '争议焦点', concession: '让步/承诺', evidence: '证据' } as const;
export const StatementMarkSchema = z.enum(['focus', 'concession', 'evidence']);
export type StatementMark = z.infer<typeof StatementMarkSchema>;

/** 问 / 答 / 陈述: printed 「调解员王志强问：」「申请人张三答：」「申请人张三：」. */
export const StatementKindSchema = z.enum(['question', 'answer', 'statement']);

/** A caucus (背对背) is held with one side only; its statements are never printed on a record the other side signs. */
export const CAUCUS_SIDES = { applicant: '申请人一方', respondent: '被申请人一方', third_party: '第三人一方' } as const;
export const CaucusSideSchema = z.enum(['applicant', 'respondent', 'third_party']);
export type CaucusSide = z.infer<typeof CaucusSideSchema>;

export const StatementSchema = z.strictObject({
  id: z.uuid(),
  /** An attendee id of this session. */
  speakerId: z.string().min(1).max(60),
  kind: StatementKindSchema,
  text: text(20000),
  /** When the statement was begun (kept through edits, splits and reordering). */
  startedAt: z.iso.datetime({ offset: true }),
  marks: z.array(StatementMarkSchema).max(3),
  caucus: CaucusSideSchema.nullable(),
});
export type Statement = z.infer<typeof StatementSchema>;

/** How a session ended (§ the issue: 继续调解 / 达成协议 / 调解不成 / 中止). Investigations end without one. */
export const SESSION_OUTCOMES = { continue: '继续调解', agreement: '达成协议', failed: '调解不成', suspended: '中止调解' } as const;
export const SessionOutcomeSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('continue'),
    /** The next session, scheduled on closing (ISO date-time), or null when the date is not fixed yet. */
    nextAt: z.iso.datetime({ offset: true }).nullable(),
    note: text(2000),
  }),
  z.strictObject({ type: z.literal('agreement'), note: text(2000) }),
  z.strictObject({
    type: z.literal('failed'),
    reason: requiredText(500, '请填写调解不成的原因'),
    /** Art. 26: the parties were told they may go to arbitration, administrative bodies or court. Must be true. */
    routesExplained: z.literal(true, { error: '请确认已告知当事人可以通过仲裁、行政、司法等途径维护权利' }),
    routes: text(500),
  }),
  z.strictObject({ type: z.literal('suspended'), reason: requiredText(500, '请填写中止调解的原因') }),
]);
export type SessionOutcome = z.infer<typeof SessionOutcomeSchema>;

/** The person interviewed in an investigation: a party of the case, or someone else (a witness). */
export const InvestigationSubjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('party'), partyId: z.string().min(1).max(60) }),
  z.strictObject({
    kind: z.literal('witness'),
    name: requiredText(50, '请填写被调查人姓名'),
    /** 与本纠纷的关系: 事故目击者 */
    relation: requiredText(60, '请填写被调查人与纠纷的关系'),
    idNumber: text(40),
    phone: text(40),
    address: text(200),
  }),
]);
export type InvestigationSubject = z.infer<typeof InvestigationSubjectSchema>;

/** What can be set when scheduling (and changed until the session is closed). */
export const SessionPlanSchema = z.strictObject({
  kind: SessionKindSchema,
  scheduledAt: z.iso.datetime({ offset: true, error: '请填写时间' }),
  /** The room (调解室) or, for an investigation, where it takes place. */
  place: requiredText(200, '请填写地点'),
  /** 事由; generated from the case title when empty. */
  purpose: text(300),
  mediatorIds: z.array(z.uuid()).min(1, '请至少选择一名调解员').max(10),
  recorderId: z.uuid({ error: '请选择记录人' }),
  /** Investigations only. */
  subject: InvestigationSubjectSchema.nullable(),
});
export type SessionPlan = z.infer<typeof SessionPlanSchema>;

export const SessionRecordSchema = z.strictObject({
  schemaVersion: z.literal(SESSION_SCHEMA_VERSION),
  id: z.uuid(),
  caseId: z.uuid(),
  /** 第N次调解 / 第N次调查, counted per kind within the case. */
  number: z.int().positive(),
  ...SessionPlanSchema.shape,
  status: SessionStatusSchema,
  attendees: z.array(AttendeeSchema).max(100),
  statements: z.array(StatementSchema).max(5000),
  /**
   * The statement still being typed in the composer (not committed with Enter), saved so that nothing typed is lost
   * but kept apart from the statements: after a crash it comes back in the composer, never as a finished statement,
   * and no record prints it. Absent in records saved before it existed; null when the composer is empty.
   */
  composer: StatementSchema.nullable().optional(),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  outcome: SessionOutcomeSchema.nullable(),
  /** Incremented on every save; a save from a stale copy is a conflict, never a silent overwrite. */
  revision: z.int().nonnegative(),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string().min(1),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type SessionRecord = z.infer<typeof SessionRecordSchema>;

/** What the case record keeps of each session: enough for the case page, lists and the timeline. */
export const SessionSummarySchema = z.strictObject({
  id: z.uuid(),
  kind: SessionKindSchema,
  number: z.int().positive(),
  status: SessionStatusSchema,
  scheduledAt: z.iso.datetime({ offset: true }),
  place: text(200),
  mediatorIds: z.array(z.uuid()),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  outcome: z.enum(['continue', 'agreement', 'failed', 'suspended']).nullable(),
  /** Investigations: who was interviewed, as shown (申请人张三 / 证人王五). */
  subjectLabel: text(100),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export function summariseSession(session: SessionRecord, subjectLabel: string): SessionSummary {
  return {
    id: session.id,
    kind: session.kind,
    number: session.number,
    status: session.status,
    scheduledAt: session.scheduledAt,
    place: session.place,
    mediatorIds: [...session.mediatorIds],
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    outcome: session.outcome?.type ?? null,
    subjectLabel,
  };
}

/** The live part of a session the editor saves every few seconds. */
export const SessionContentSchema = z
  .strictObject({
    attendees: SessionRecordSchema.shape.attendees,
    statements: SessionRecordSchema.shape.statements,
    composer: SessionRecordSchema.shape.composer,
  })
  .superRefine((content, ctx) => {
    const ids = new Set<string>();
    content.attendees.forEach((a, i) => {
      if (ids.has(a.id)) addIssue(ctx, ['attendees', i, 'id'], 'DUPLICATE', `到场人员“${a.name}”重复`);
      ids.add(a.id);
    });
    const statementIds = new Set<string>();
    content.statements.forEach((s, i) => {
      if (!ids.has(s.speakerId)) addIssue(ctx, ['statements', i, 'speakerId'], 'UNKNOWN_SPEAKER', `第${i + 1}条发言的发言人不在到场人员中`);
      if (statementIds.has(s.id)) addIssue(ctx, ['statements', i, 'id'], 'DUPLICATE', `第${i + 1}条发言重复`);
      statementIds.add(s.id);
    });
    const composer = content.composer;
    if (composer) {
      if (!ids.has(composer.speakerId)) addIssue(ctx, ['composer', 'speakerId'], 'UNKNOWN_SPEAKER', '正在输入的发言的发言人不在到场人员中');
      if (statementIds.has(composer.id)) addIssue(ctx, ['composer', 'id'], 'DUPLICATE', '正在输入的发言与已有发言重复');
    }
  });
export type SessionContent = z.infer<typeof SessionContentSchema>;

/**
 * The content a session ends with: what was still in the composer when 结束 was chosen is kept as the last statement
 * (the mediator ended the session on it), and the record then holds no half-typed text.
 */
export function settleComposer<C extends Pick<SessionContent, 'statements' | 'composer'>>(content: C): C {
  const composer = content.composer;
  if (!composer) return { ...content, composer: null };
  const text = composer.text.trim();
  return { ...content, statements: text ? [...content.statements, { ...composer, text }] : content.statements, composer: null };
}

/** A speaker as printed: 调解员王志强 / 申请人张三 / 申请人张三的委托代理人李四 / 参加人（村委会主任）赵六. */
export function speakerLabel(a: Pick<Attendee, 'kind' | 'name' | 'relation'>): string {
  switch (a.kind) {
    case 'party':
      return `${a.relation}${a.name}`;
    case 'agent':
      return `${a.relation}${a.name}`;
    case 'participant':
      return a.relation ? `参加人（${a.relation}）${a.name}` : `参加人${a.name}`;
    case 'mediator':
      return `调解员${a.name}`;
    case 'recorder':
      return `记录人${a.name}`;
    default:
      throw new Error(`unknown attendee kind ${String(a.kind satisfies never)}`);
  }
}

/** Mediators and recorders ask, everyone else answers (the default when a statement is begun). */
export function defaultStatementKind(kind: AttendeeKind): Statement['kind'] {
  return kind === 'mediator' || kind === 'recorder' ? 'question' : 'answer';
}

/** The parties who clearly refused mediation at this session (art. 17). */
export function refusingParties(session: Pick<SessionRecord, 'attendees'>): Attendee[] {
  return session.attendees.filter((a) => a.kind === 'party' && a.presence === 'refused');
}

/** Which side of the dispute a party or agent is on, from the role printed before their name (staff and participants: none). */
export function sideOf(a: Pick<Attendee, 'kind' | 'relation'>): CaucusSide | null {
  if (a.kind !== 'party' && a.kind !== 'agent') return null;
  if (a.relation.startsWith('被申请人')) return 'respondent';
  if (a.relation.startsWith('申请人')) return 'applicant';
  if (a.relation.startsWith('第三人')) return 'third_party';
  return null;
}

/**
 * Who may be recorded as speaking in a caucus (背对背) with `side`: the staff who hold it, and that side's parties and
 * their agents. The other side is not in the room, and an invited participant belongs to no side: a word put in
 * their mouth would be a record of something never said there.
 */
export function maySpeakInCaucus(a: Pick<Attendee, 'kind' | 'relation'>, side: CaucusSide): boolean {
  if (a.kind === 'mediator' || a.kind === 'recorder') return true;
  return sideOf(a) === side;
}

/** The attendees who may speak in a statement of this mode: everyone for the joint session, else those of the caucus. */
export function caucusSpeakers<T extends Pick<Attendee, 'kind' | 'relation'>>(attendees: readonly T[], side: CaucusSide | null): T[] {
  return side === null ? [...attendees] : attendees.filter((a) => maySpeakInCaucus(a, side));
}

/** Every caucus statement whose speaker is not of that side nor staff, as an issue at the statement's speaker. */
export function caucusSpeakerIssues(content: Pick<SessionContent, 'attendees' | 'statements'>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  content.statements.forEach((s, i) => {
    if (s.caucus === null) return;
    const a = content.attendees.find((x) => x.id === s.speakerId);
    if (!a || maySpeakInCaucus(a, s.caucus)) return;
    issues.push({
      code: 'CAUCUS_SPEAKER',
      path: ['statements', i, 'speakerId'],
      message: `第${i + 1}条发言是与${CAUCUS_SIDES[s.caucus]}的背对背调解，${speakerLabel(a)}不在场，不能记为发言人`,
    });
  });
  return issues;
}
