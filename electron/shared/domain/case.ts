import { addIssue, requiredText, text, z } from './zod-setup';
import { CASE_SOURCES, COMPLEXITIES, DISPUTE_TYPE_CODES, ESCALATION_FLAGS, RISK_LEVELS, isSubTypeOf, keysOf } from './codes';
import { AgentSchema, PartySchema, normaliseParty, refineAgent, refineParty } from './party';
import { CaseActionSchema, type CaseStatus, getCaseStatus } from './case-actions';
import { checkAmountYuan, identityKey, normaliseDocumentNumber, normalisePhone } from '../validation';
import { DocumentVersionSchema } from './document';
import { REFUSAL_GROUNDS } from './decisions';
import { SessionSummarySchema } from './session';
import { AttachmentSchema } from './attachment';
import { AgreementSummarySchema, type AgreementStatus } from './agreement';

export const CASE_SCHEMA_VERSION = 3;

/** Amount in yuan as typed ("12345.67"), at most two decimals; empty when no money is at stake. */
export const AmountSchema = z.string().trim().max(20);

/** What the intake clerk records about the dispute (受理登记表 fields). */
export const DisputeSchema = z.strictObject({
  disputeType: z.enum(DISPUTE_TYPE_CODES, { error: '请选择纠纷类型' }),
  disputeSubType: requiredText(30, '请选择纠纷子类型'),
  source: z.enum(keysOf(CASE_SOURCES), { error: '请选择案件来源' }),
  /** 纠纷简要情况 */
  summary: requiredText(5000, '请填写纠纷简要情况'),
  occurredOn: z.union([z.iso.date(), z.literal('')]),
  occurredPlace: text(200),
  amount: AmountSchema,
  peopleInvolved: z.int('涉及人数应为整数').min(1, '涉及人数至少为1').max(100000, '涉及人数过大'),
  riskLevel: z.enum(keysOf(RISK_LEVELS)),
  complexity: z.enum(keysOf(COMPLEXITIES)),
  escalation: z.array(z.enum(keysOf(ESCALATION_FLAGS))).max(3),
  /** 口头申请 is written down by the clerk and signed by the applicant (domain.md §1.3 c). */
  applicationForm: z.enum(['oral', 'written']),
});
export type Dispute = z.infer<typeof DisputeSchema>;

export const caseInputShapeSchema = z.strictObject({
  dispute: DisputeSchema,
  parties: z.array(PartySchema).max(200),
  agents: z.array(AgentSchema).max(200),
});

/**
 * Registration input, with every cross-field rule. `today` (ISO date, the center's local date) is injected so
 * that the same schema runs in the form and in the main process with the same answer.
 */
export function caseInputSchema(today: string) {
  return caseInputShapeSchema.superRefine((input, ctx) => refineCaseInput(input, today, ctx));
}

/**
 * The cross-field rules of a registration. Exported on its own because zod runs a refinement only once every
 * field has the right type; the form also runs these while other fields are still empty, to show errors early.
 */
export function refineCaseInput(input: CaseInput, today: string, ctx: z.RefinementCtx): void {
  const { dispute, parties, agents } = input;
  if (!isSubTypeOf(dispute.disputeType, dispute.disputeSubType)) {
    addIssue(ctx, ['dispute', 'disputeSubType'], 'SUBTYPE_MISMATCH', '纠纷子类型与纠纷类型不符，请重新选择');
  }
  if (dispute.amount) {
    const amount = checkAmountYuan(dispute.amount);
    if (!amount.ok) addIssue(ctx, ['dispute', 'amount'], amount.code, amount.message);
  }
  if (dispute.occurredOn && dispute.occurredOn > today) {
    addIssue(ctx, ['dispute', 'occurredOn'], 'DATE_IN_FUTURE', '纠纷发生日期不能晚于今天');
  }
  if (!parties.some((p) => p.role === 'applicant')) {
    addIssue(ctx, ['parties'], 'PARTY_MISSING', '至少需要一名申请人');
  }
  if (!parties.some((p) => p.role === 'respondent')) {
    addIssue(ctx, ['parties'], 'PARTY_MISSING', '至少需要一名被申请人');
  }
  parties.forEach((party, i) => refineParty(party, ['parties', i], today, ctx));
  const ids = new Set(parties.map((p) => p.id));
  agents.forEach((agent, i) => {
    if (!ids.has(agent.principalId)) addIssue(ctx, ['agents', i, 'principalId'], 'AGENT_PRINCIPAL', '请选择代理人所代理的当事人');
    refineAgent(agent, ['agents', i], today, ctx);
  });
}
export type CaseInput = z.infer<typeof caseInputShapeSchema>;

export function normaliseCaseInput(input: CaseInput, today: string): CaseInput {
  const amount = input.dispute.amount ? checkAmountYuan(input.dispute.amount) : null;
  return {
    ...input,
    dispute: {
      ...input.dispute,
      amount: amount?.ok ? (amount.value / 100).toFixed(2) : input.dispute.amount,
      escalation: [...new Set(input.dispute.escalation)],
    },
    parties: input.parties.map((p) => normaliseParty(p, today)),
    agents: input.agents.map((a) => ({ ...a, idNumber: normaliseDocumentNumber(a.idNumber), phone: normalisePhone(a.phone) })),
  };
}

export const AssignmentSchema = z.strictObject({
  mediatorIds: z.array(z.uuid()).max(10),
  room: text(50),
});

/** The desk's decision when it was not 受理: 不予受理 (with its legal ground) or 转办; printed on the notice. */
export const DecisionSchema = z.strictObject({
  kind: z.enum(['refused', 'transferred']),
  ground: z.enum(keysOf(REFUSAL_GROUNDS)).nullable(),
  /** Where the visitor is referred to (不予受理) or which body received the case (转办). */
  body: z.string().min(1).max(100),
  note: text(500),
});
export type Decision = z.infer<typeof DecisionSchema>;

/** Why mediation ended without agreement (调解不成 / 一方拒绝), printed on the 终止调解告知书 (art. 26). */
export const TerminationSchema = z.strictObject({
  reason: z.string().min(1).max(500),
  /** The routes the parties were told of, beyond arbitration, administrative bodies and court. */
  routes: text(500),
  /** ISO date (the center's date). */
  date: z.iso.date(),
  /** The session at which it ended, when it ended at one. */
  sessionId: z.uuid().nullable(),
});
export type Termination = z.infer<typeof TerminationSchema>;

/** The stored case document (one JSON file per case). */
export const CaseRecordSchema = z.strictObject({
  schemaVersion: z.literal(CASE_SCHEMA_VERSION),
  id: z.uuid(),
  caseNumber: z.string().min(1),
  year: z.int(),
  seq: z.int().positive(),
  /** Incremented on every write; the index and optimistic concurrency use it. */
  revision: z.int().nonnegative(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  dispute: DisputeSchema,
  parties: z.array(PartySchema),
  agents: z.array(AgentSchema),
  assignment: AssignmentSchema.nullable(),
  /** ISO dates: 调解期限, 转办回复期限. */
  deadlines: z.strictObject({ mediationDue: z.iso.date().nullable(), transferReplyDue: z.iso.date().nullable() }),
  decision: DecisionSchema.nullable(),
  /** Issued document versions (immutable files in the case's documents/ folder), oldest first. */
  documents: z.array(DocumentVersionSchema),
  /** Sessions and investigations, in the order scheduled; each one's full record is a file of its own. */
  sessions: z.array(SessionSummarySchema),
  attachments: z.array(AttachmentSchema),
  termination: TerminationSchema.nullable(),
  /** The agreement (written or oral) once one is drafted; its full record is a file of its own. */
  agreement: AgreementSummarySchema.nullable(),
  actions: z.array(CaseActionSchema).min(1),
});
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

/** The read model for lists and the index: small, no full personal data beyond what search needs. */
export interface CaseSummary {
  id: string;
  caseNumber: string;
  year: number;
  seq: number;
  revision: number;
  status: CaseStatus;
  disputeType: string;
  disputeSubType: string;
  source: string;
  riskLevel: string;
  complexity: string;
  escalation: string[];
  /** "申请人名 与 被申请人名" style title, e.g. 张三、李四与某公司道路交通事故纠纷. */
  title: string;
  applicants: string[];
  respondents: string[];
  /** Agents' names: the list's search finds a case by the lawyer or relative who comes with the visitor. */
  agents: string[];
  /** Identity keys for related-case lookup: normalised ID numbers, credit codes and phones. */
  identityKeys: string[];
  mediatorIds: string[];
  room: string;
  registeredAt: string;
  updatedAt: string;
  mediationDue: string | null;
  /** When the desk decided (受理, 不予受理 or 转办); null while the visitor still waits for a decision. */
  decidedAt: string | null;
  /** Of an agreement in effect: the next unperformed obligation's due date, and the judicial-confirmation deadline. */
  agreementDue: string | null;
  confirmationDue: string | null;
  /** A paper signature was registered with a reason instead of its scan at this time (see AgreementSummary). */
  scanAwaitedSince: string | null;
  /** The agreement's stage (drafting, review, signing, effect), for the legal advisor's desk; null before one exists. */
  agreementStatus: AgreementStatus | null;
  /** Sessions and investigations not cancelled, for the mediators' desks (today's and this week's). */
  sessions: CaseSessionSlot[];
}

/** A session as the desks need it: when, where, who; the full record stays in the case. */
export interface CaseSessionSlot {
  id: string;
  kind: 'session' | 'investigation';
  number: number;
  status: 'scheduled' | 'open' | 'closed';
  scheduledAt: string;
  place: string;
  mediatorIds: string[];
}

export function getCaseSummary(record: CaseRecord, disputeLabel: (code: string) => string): CaseSummary {
  const names = (role: string) => record.parties.filter((p) => p.role === role).map((p) => p.name);
  const applicants = names('applicant');
  const respondents = names('respondent');
  const keys = new Set<string>();
  for (const p of record.parties) {
    if (p.kind === 'person' && p.idNumber) keys.add(identityKey.id(p.idNumber));
    if (p.kind === 'organization' && p.usccCode) keys.add(identityKey.org(p.usccCode));
    if (p.phone) keys.add(identityKey.tel(p.phone));
  }
  return {
    id: record.id,
    caseNumber: record.caseNumber,
    year: record.year,
    seq: record.seq,
    revision: record.revision,
    status: getCaseStatus(record.actions),
    disputeType: record.dispute.disputeType,
    disputeSubType: record.dispute.disputeSubType,
    source: record.dispute.source,
    riskLevel: record.dispute.riskLevel,
    complexity: record.dispute.complexity,
    escalation: [...record.dispute.escalation],
    title: `${applicants.join('、')}与${respondents.join('、')}${disputeLabel(record.dispute.disputeType)}`,
    applicants,
    respondents,
    agents: record.agents.map((a) => a.name),
    identityKeys: [...keys],
    mediatorIds: record.assignment?.mediatorIds ?? [],
    room: record.assignment?.room ?? '',
    registeredAt: record.createdAt,
    updatedAt: record.updatedAt,
    mediationDue: record.deadlines.mediationDue,
    decidedAt: record.actions.find((a) => a.type === 'ACCEPTED' || a.type === 'REFUSED' || a.type === 'TRANSFERRED')?.at ?? null,
    agreementDue: record.agreement?.nextDueOn ?? null,
    confirmationDue: record.agreement?.confirmationDue ?? null,
    scanAwaitedSince: record.agreement?.scanAwaitedSince ?? null,
    agreementStatus: record.agreement?.status ?? null,
    sessions: record.sessions.flatMap((x) =>
      x.status === 'cancelled' ? [] : [{ id: x.id, kind: x.kind, number: x.number, status: x.status, scheduledAt: x.scheduledAt, place: x.place, mediatorIds: [...x.mediatorIds] }],
    ),
  };
}
