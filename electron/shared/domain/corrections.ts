import { requiredText, z } from './zod-setup';
import { AGENT_AUTHORITIES, CASE_SOURCES, COMPLEXITIES, ESCALATION_FLAGS, GENDERS, ID_TYPES, PARTY_ROLES, RISK_LEVELS, disputeTypeLabel } from './codes';
import { caseInputShapeSchema, type CaseInput, type CaseRecord } from './case';
import type { Agent, Party } from './party';
import type { AgreementRecord } from './agreement';
import type { SessionRecord } from './session';
import { maskIdNumber, maskPhone } from './masking';

/**
 * 修改登记信息: what was typed at registration (dispute facts, parties, agents) corrected or completed later, with a
 * reason, as a DETAILS_UPDATED action that says what changed (old → new). Party and agent ids never change: sessions,
 * agreements and signatures refer to them.
 */
export const CaseCorrectionInputSchema = caseInputShapeSchema.extend({
  id: z.uuid(),
  /** The record's revision the form was filled from: a correction never overwrites someone else's change unseen. */
  revision: z.int().positive(),
  reason: requiredText(500, '请填写修改原因'),
});
export type CaseCorrectionInput = z.infer<typeof CaseCorrectionInputSchema>;

/** One field that changed, as printed in the trail: 被申请人王五 身份证件号码：（空）→ 3307**********1234. */
export interface FieldChange {
  /** ['dispute', 'summary'], ['parties', partyId, 'idNumber'], ['agents', agentId, 'phone'], ['parties', partyId] (added/removed). */
  path: string[];
  label: string;
  from: string;
  to: string;
}

const DISPUTE_LABELS: Record<keyof CaseInput['dispute'], string> = {
  disputeType: '纠纷类型',
  disputeSubType: '纠纷子类型',
  source: '案件来源',
  summary: '纠纷简要情况',
  occurredOn: '发生日期',
  occurredPlace: '发生地点',
  amount: '涉及金额',
  peopleInvolved: '涉及人数',
  riskLevel: '风险等级',
  complexity: '复杂程度',
  escalation: '激化风险',
  applicationForm: '申请方式',
};

const PARTY_LABELS: Record<string, string> = {
  role: '当事人类别',
  kind: '当事人类型',
  name: '姓名（名称）',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idType: '证件类型',
  idNumber: '身份证件号码',
  phone: '联系电话',
  address: '住址（住所地）',
  occupation: '职业或职务',
  workUnit: '工作单位',
  requests: '申请事项',
  usccCode: '统一社会信用代码',
  legalRepresentative: '法定代表人或负责人',
  representativeTitle: '职务',
};

const AGENT_LABELS: Record<keyof Agent, string> = {
  id: '编号',
  principalId: '被代理人',
  name: '姓名',
  idType: '证件类型',
  idNumber: '身份证件号码',
  phone: '联系电话',
  workUnitOrRelation: '工作单位或与当事人关系',
  authority: '代理权限',
};

/** Personal numbers never reach the trail in full (PIPL; domain.md §5.4). */
const MASKED = { idNumber: maskIdNumber, phone: maskPhone } as Record<string, (v: string) => string>;

const EMPTY = '（空）';
const SUMMARY_CHARS = 40;

function shown(key: string, value: unknown): string {
  if (value === '' || value === null || value === undefined) return EMPTY;
  if (Array.isArray(value)) return value.length ? value.map((v) => shown(key, v)).join('、') : EMPTY;
  const s = String(value);
  const mask = MASKED[key];
  if (mask) return mask(s);
  const codes: Record<string, Record<string, string>> = {
    role: PARTY_ROLES,
    gender: GENDERS,
    idType: ID_TYPES,
    authority: AGENT_AUTHORITIES,
    source: CASE_SOURCES,
    riskLevel: RISK_LEVELS,
    complexity: COMPLEXITIES,
    escalation: ESCALATION_FLAGS,
    kind: { person: '自然人', organization: '法人或其他组织' },
    applicationForm: { oral: '口头申请', written: '书面申请' },
  };
  if (codes[key]?.[s]) return codes[key][s]!;
  if (key === 'disputeType') return disputeTypeLabel(s);
  // Long free text (the summary, requests) is shortened in the line; the record keeps the full text.
  return s.length > SUMMARY_CHARS ? `${s.slice(0, SUMMARY_CHARS)}…` : s;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

function partyName(p: Party): string {
  return `${PARTY_ROLES[p.role]}${p.name}`;
}

/** What changed between two registrations of the same case, field by field; parties and agents matched by id. */
export function diffCaseInput(before: CaseInput, after: CaseInput, agentPrincipal: (id: string) => string = () => ''): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of Object.keys(DISPUTE_LABELS) as (keyof CaseInput['dispute'])[]) {
    const a = before.dispute[key];
    const b = after.dispute[key];
    if (!same(a, b)) changes.push({ path: ['dispute', key], label: DISPUTE_LABELS[key], from: shown(key, a), to: shown(key, b) });
  }
  const beforeParties = new Map(before.parties.map((p) => [p.id, p]));
  for (const p of after.parties) {
    const old = beforeParties.get(p.id);
    if (!old) {
      changes.push({ path: ['parties', p.id], label: '增加当事人', from: EMPTY, to: partyName(p) });
      continue;
    }
    const keys = new Set([...Object.keys(old), ...Object.keys(p)].filter((k) => k !== 'id'));
    for (const key of keys) {
      const a = (old as Record<string, unknown>)[key];
      const b = (p as Record<string, unknown>)[key];
      if (!same(a, b)) changes.push({ path: ['parties', p.id, key], label: `${partyName(old)} ${PARTY_LABELS[key] ?? key}`, from: shown(key, a), to: shown(key, b) });
    }
  }
  const afterPartyIds = new Set(after.parties.map((p) => p.id));
  for (const p of before.parties) {
    if (!afterPartyIds.has(p.id)) changes.push({ path: ['parties', p.id], label: '删除当事人', from: partyName(p), to: EMPTY });
  }
  const beforeAgents = new Map(before.agents.map((a) => [a.id, a]));
  for (const agent of after.agents) {
    const old = beforeAgents.get(agent.id);
    if (!old) {
      changes.push({ path: ['agents', agent.id], label: '增加代理人', from: EMPTY, to: `代理人${agent.name}` });
      continue;
    }
    for (const key of Object.keys(AGENT_LABELS) as (keyof Agent)[]) {
      if (key === 'id' || same(old[key], agent[key])) continue;
      const show = (v: string) => (key === 'principalId' ? agentPrincipal(v) || EMPTY : shown(key, v));
      changes.push({ path: ['agents', agent.id, key], label: `代理人${old.name} ${AGENT_LABELS[key]}`, from: show(old[key]), to: show(agent[key]) });
    }
  }
  const afterAgentIds = new Set(after.agents.map((a) => a.id));
  for (const agent of before.agents) {
    if (!afterAgentIds.has(agent.id)) changes.push({ path: ['agents', agent.id], label: '删除代理人', from: `代理人${agent.name}`, to: EMPTY });
  }
  return changes;
}

/** One line per change, for the action note and the audit trail (numbers masked already). */
export function describeChanges(changes: readonly FieldChange[]): string {
  return changes.map((c) => `${c.label}：${c.from} → ${c.to}`).join('；');
}

/** The DETAILS_UPDATED note: the reason first, then what changed; within the note's 2,000 characters. */
export function correctionNote(reason: string, changes: readonly FieldChange[], max = 2000): string {
  const note = `修改原因：${reason}；${describeChanges(changes)}`;
  return note.length > max ? `${note.slice(0, max - 1)}…` : note;
}

/** Ids of parties and agents that sessions (attendees, an investigation's subject) or the agreement refer to. */
export function referencedPersonIds(sessions: readonly Pick<SessionRecord, 'attendees' | 'subject'>[], agreement: Pick<AgreementRecord, 'content' | 'signatures'> | null): Set<string> {
  const ids = new Set<string>();
  for (const s of sessions) {
    for (const a of s.attendees) ids.add(a.id);
    if (s.subject?.kind === 'party') ids.add(s.subject.partyId);
  }
  if (agreement) {
    for (const sig of agreement.signatures) ids.add(sig.signerId);
    // Every party id an item names (payer, payee, obligor …), whatever the item's type.
    for (const item of agreement.content.items) {
      for (const [key, value] of Object.entries(item)) if (key.endsWith('Ids') && Array.isArray(value)) value.forEach((id) => ids.add(String(id)));
    }
  }
  return ids;
}

/**
 * Whether the registration may be corrected now, beyond role and status (the policy table): not once the agreement
 * has been approved for signing or is in effect, since the parties' particulars are printed on what they sign.
 * Null when it may; else why not, in Chinese.
 */
export function correctionBlocked(record: Pick<CaseRecord, 'agreement'>): string | null {
  const status = record.agreement?.status;
  if (status === 'approved') return '调解协议已审核通过、正在签署，当事人信息已印入协议，不能再修改登记信息';
  if (status === 'effective') return '调解协议已生效，当事人信息已印入协议，不能再修改登记信息';
  return null;
}

/** When the registration was last corrected (ISO), or null. */
export function lastCorrectionAt(record: Pick<CaseRecord, 'actions'>): string | null {
  for (let i = record.actions.length - 1; i >= 0; i -= 1) if (record.actions[i]!.type === 'DETAILS_UPDATED') return record.actions[i]!.at;
  return null;
}

/**
 * Issued versions made before the latest correction of the registration: they may print data that has since changed
 * (the simple rule: issued before the last correction). They stay as issued; a new version can be made.
 * A signed original is what was signed and is never called out of date.
 */
export function outdatedDocumentIds(record: Pick<CaseRecord, 'actions' | 'documents'>): Set<string> {
  const last = lastCorrectionAt(record);
  if (!last) return new Set();
  const at = Date.parse(last);
  return new Set(record.documents.filter((d) => !d.signed && Date.parse(d.createdAt) < at).map((d) => d.id));
}
