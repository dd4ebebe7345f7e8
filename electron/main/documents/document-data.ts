/**
 * Builds the DocumentData map a template is filled from: the case, the center settings and the staff list, turned
 * into print-ready text (labels instead of codes, dates in Chinese, amounts in capitals, full ID numbers — printed
 * documents need them). What the case record does not hold yet — sessions, investigations, the agreement, follow-ups,
 * the termination, the judicial-confirmation application, the file — comes in `extras` (DocumentExtras); a form whose
 * extras are absent gets empty fields, which checkRequiredFields reports by name. Pure: the same inputs always give
 * the same data, which is stored next to each issued PDF.
 */
import {
  AGENT_AUTHORITIES,
  type Agent,
  CASE_SOURCES,
  COMPLEXITIES,
  type CaseRecord,
  type CenterSettings,
  DOCUMENT_TEMPLATES,
  type DocumentTemplateKey,
  ESCALATION_FLAGS,
  GENDERS,
  ID_TYPES,
  type IdType,
  PARTY_ROLES,
  type Party,
  REFUSAL_GROUNDS,
  RISK_LEVELS,
  type SessionOutcome,
  type Staff,
  disputeTypeLabel,
} from '../../shared/domain';
import {
  agentLine,
  ageText,
  chinaDateOf,
  formatAmountCn,
  formatDateCapital,
  formatDateCn,
  formatDateTimeCn,
  idDocumentText,
  joinNames,
  partyLine,
  smallNumberToChinese,
} from '../../shared/format';
import { addDays, parseIsoDate } from '../../shared/validation/dates';
import type { DocumentData, PartyEntry, SignerEntry, StatementEntry } from './model';

/** A party entry's fields, all blank (each entry fills what it has). */
export const EMPTY_ENTRY: Omit<PartyEntry, 'kind' | 'role' | 'name' | 'line' | 'agents'> = {
  gender: '',
  ethnicity: '',
  birthDate: '',
  age: '',
  idType: '',
  idNumber: '',
  phone: '',
  address: '',
  occupation: '',
  workUnit: '',
  usccCode: '',
  legalRepresentative: '',
  representativeTitle: '',
  principal: '',
  authority: '',
  workUnitOrRelation: '',
};

const dateCn = (iso: string | null | undefined) => (iso && parseIsoDate(iso) ? formatDateCn(iso) : '');

/** A date to be written by hand: 　　　　年　　月　　日 */
export const DATE_BLANK = '\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日';

/** Parties may apply for judicial confirmation within 30 days of the agreement taking effect (人民调解法 art. 33). */
export const CONFIRMATION_DAYS = 30;

/** A party as printed, followed by its agents (those `agentFilter` keeps: all by default). */
function partyEntry(record: CaseRecord, party: Party, onDate: string, agentFilter: (a: Agent) => boolean = () => true): PartyEntry {
  const agents: PartyEntry[] = record.agents
    .filter((a) => a.principalId === party.id && agentFilter(a))
    .map((a) => ({
      ...EMPTY_ENTRY,
      id: a.id,
      kind: 'agent',
      role: '委托代理人',
      name: a.name,
      idType: a.idNumber ? ID_TYPES[a.idType] : '',
      idNumber: a.idNumber,
      phone: a.phone,
      principal: party.name,
      authority: AGENT_AUTHORITIES[a.authority],
      workUnitOrRelation: a.workUnitOrRelation,
      line: agentLine(a, party.name),
      agents: [],
    }));
  const common = { id: party.id, role: PARTY_ROLES[party.role], name: party.name, phone: party.phone, address: party.address, line: partyLine(party), agents };
  if (party.kind === 'organization') {
    return {
      ...EMPTY_ENTRY,
      ...common,
      kind: 'organization',
      usccCode: party.usccCode,
      legalRepresentative: party.legalRepresentative,
      representativeTitle: party.representativeTitle,
    };
  }
  return {
    ...EMPTY_ENTRY,
    ...common,
    kind: 'person',
    gender: party.gender === 'unknown' ? '' : GENDERS[party.gender],
    ethnicity: party.ethnicity,
    birthDate: dateCn(party.birthDate),
    age: ageText(party.birthDate, onDate),
    idType: party.idNumber ? ID_TYPES[party.idType] : '',
    idNumber: party.idNumber,
    occupation: party.occupation,
    workUnit: party.workUnit,
  };
}

/** The requests of every applicant, one item per line; attributed when more than one applicant asks. */
function requestItems(record: CaseRecord): string[] {
  const asking = record.parties
    .filter((p) => p.role === 'applicant')
    .map((p) => ({ name: p.name, lines: p.requests.split(/\r?\n/).map((l) => l.trim().replace(/^(\d+[.、．)]|[（(]\d+[)）])\s*/, '')).filter(Boolean) }))
    .filter((p) => p.lines.length > 0);
  if (asking.length <= 1) return asking.flatMap((p) => p.lines);
  return asking.flatMap((p) => p.lines.map((l) => `${l}（申请人${p.name}）`));
}

function actionDate(record: CaseRecord, type: CaseRecord['actions'][number]['type']): string {
  const action = [...record.actions].reverse().find((a) => a.type === type);
  return action ? formatDateCn(chinaDateOf(action.at)) : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Extras: what the case record does not hold yet (sessions, agreements, follow-ups, the file)
// ---------------------------------------------------------------------------------------------------------------

/** One statement as recorded in a session or an investigation. */
export interface StatementInput {
  /** Who spoke, as printed: 调解员, 调解员王志强, 申请人张建国, 被申请人委托代理人 */
  speaker: string;
  /** question → printed 「{speaker}问」, answer → 「{speaker}答」, statement (default) → the speaker alone. */
  kind?: 'question' | 'answer' | 'statement';
  text: string;
  /** Said in a caucus (背对背, one side only): never printed on the 人民调解记录. */
  caucus?: boolean;
}

/** An invited participant (参加人): relative, neighbour, expert, official — not a party, mediator or recorder. */
export interface ParticipantInput {
  name: string;
  /** 与当事人的关系或工作单位: 申请人张建国之子, 义乌市公安局交通警察大队民警 */
  relation: string;
}

/** A person interviewed who is not a party of the case (a witness). */
export interface WitnessInput {
  name: string;
  gender?: 'male' | 'female';
  ethnicity?: string;
  birthDate?: string;
  idType?: IdType;
  idNumber?: string;
  phone?: string;
  address?: string;
  occupation?: string;
  workUnit?: string;
  /** 与本纠纷的关系: 事故目击者 */
  relation: string;
}

/** Who appeared for an organisation party at a session: 法定代表人陈国平, 委托代理人（公司安全主管）刘洋. */
export interface RepresentativeInput {
  partyId: string;
  name: string;
  /** 法定代表人 / 负责人 / 公司员工 … */
  capacity: string;
}

/** A party who did not take part: 经通知未到场, or 明确拒绝调解 (人民调解法 art. 17). */
export interface AbsentPartyInput {
  partyId: string;
  presence: 'absent' | 'refused';
  /** What the party said when refusing, or why it did not come; printed after the note when given. */
  note?: string;
}

export interface SessionExtras {
  /** ISO date-times with offset (printed in China time). */
  startedAt: string;
  endedAt?: string;
  place: string;
  /** 事由: 调解张建国、李秀兰与义乌市顺达货运有限公司道路交通事故损害赔偿纠纷 */
  purpose: string;
  /** The parties present (ids of record.parties) and the agents present (ids of record.agents). */
  partyIds: string[];
  agentIds?: string[];
  representatives?: RepresentativeInput[];
  /** Parties who were notified but did not come, or who clearly refused mediation: noted in the attendance line. */
  absentParties?: AbsentPartyInput[];
  participants?: ParticipantInput[];
  /** Staff ids. */
  mediatorIds: string[];
  recorderId: string;
  /** Every statement in order; caucus statements are dropped here, whatever the caller passes. */
  statements: StatementInput[];
  outcome: SessionOutcome['type'] | null;
  /** Printed after the outcome: the points agreed, or why mediation failed and the routes the parties were told of. */
  outcomeNote?: string;
}

export interface InvestigationExtras {
  startedAt: string;
  endedAt?: string;
  place: string;
  /** 被调查人: a party of the case (relation defaults to its role), or another person. */
  subject: { partyId: string; relation?: string } | WitnessInput;
  investigatorIds: string[];
  recorderId: string;
  participants?: ParticipantInput[];
  statements: StatementInput[];
}

/**
 * A clause of an agreement: text, or text and amounts. An amount is typed in yuan ("86500", "36500.50") and printed
 * in capitals with figures: 人民币捌万陆仟伍佰元整（¥86,500.00）.
 */
export type ClauseInput = string | readonly (string | { amount: string })[];

export interface AgreementExtras {
  /** 协议编号 (the 回访记录 refers to it). */
  number: string;
  /** 纠纷主要事实、争议事项 (one paragraph per line). */
  facts: string;
  /** 各方责任 (人民调解法 art. 29 (2)), when stated. */
  responsibility?: string;
  clauses: ClauseInput[];
  /** 履行方式、时限、地点 (若干规定 art. 35 (4)). */
  performance: { manner: string; deadline: string; place?: string };
  /** 违约责任, when agreed. */
  breach?: string;
  /** 本协议一式N份: the agreement's own count; the parties + 1 (the committee's copy) when not given. */
  copies?: number;
  /**
   * ISO date printed under the committee's name: the date it took effect. Empty: a blank to write the date in by
   * hand (a copy printed for signing on paper, before the last signature makes it effective).
   */
  date: string;
  /** ISO date it took effect (art. 29), once it has: the judicial-confirmation period runs from it (art. 33). */
  effectiveOn?: string;
  mediatorIds: string[];
  recorderId: string;
}

export interface OralAgreementExtras {
  /** ISO date the agreement was reached (it takes effect that day, art. 30). */
  reachedOn: string;
  place: string;
  /** 纠纷简要情况; the case summary when not given. */
  summary?: string;
  clauses: ClauseInput[];
  /** 履行方式、时限, or 当场履行完毕 */
  performance: string;
  mediatorIds: string[];
  registrarId: string;
  registeredOn: string;
}

export interface FollowUpExtras {
  /** The parties visited (ids of record.parties). */
  partyIds: string[];
  /** 调解协议编号; the agreement's number (extras.agreement) when not given. */
  agreementNumber?: string;
  /** ISO date-time. */
  visitedAt: string;
  /** 电话回访 / 上门回访 */
  method: string;
  /** 协议履行情况 */
  performance: string;
  /** 当事人对调解结果的满意程度 */
  satisfaction: string;
  /** Whether a suit over performance was brought, and its result. */
  litigation?: string;
  /** Signs of wrongful mediation, escalation or residual risk. */
  risks?: string;
  measures?: string;
  visitorIds: string[];
  /** ISO date of the record; the visit date when not given. */
  recordedOn?: string;
}

export interface TerminationExtras {
  /** 终止调解的原因: 被申请人明确表示不同意继续调解 */
  reason: string;
  /** Advice beyond the routes of art. 26, e.g. 可以向义乌市人民法院提起诉讼 */
  routes?: string;
  /** ISO date. */
  date: string;
}

export interface ConfirmationExtras {
  /** 义乌市人民法院 */
  courtName: string;
  /** ISO date of the application. */
  appliedOn: string;
  /** 附: defaults to the materials of 法释〔2011〕5号 art. 3 (confirmationAttachmentList). */
  attachments?: string[];
}

/**
 * What goes with a 司法确认申请书 (法释〔2011〕5号 art. 3): the agreement, each party's identity proof (an
 * organisation's qualification proof), a power of attorney signed or sealed by the principal for each agent, and the
 * proofs of property rights the agreement concerns.
 */
export function confirmationAttachmentList(record: Pick<CaseRecord, 'parties' | 'agents'>, agreementNumber: string | undefined): string[] {
  const people = record.parties.filter((p) => p.kind === 'person').map((p) => p.name);
  const organisations = record.parties.filter((p) => p.kind === 'organization').map((p) => p.name);
  return [
    `人民调解协议书${agreementNumber?.trim() ? `（编号：${agreementNumber.trim()}）` : ''}一份`,
    ...(people.length ? [`申请人${joinNames(people)}的身份证明（居民身份证等有效身份证件复印件）`] : []),
    ...(organisations.length ? [`申请人${joinNames(organisations)}的资格证明（营业执照复印件、法定代表人身份证明书）`] : []),
    ...(record.agents.length ? [`委托代理人${joinNames(record.agents.map((a) => a.name))}的授权委托书（由委托人签名或者盖章）及身份证明`] : []),
    '与调解协议相关的财产权利证明等证明材料',
  ];
}

export const RETENTION_PERIODS = { permanent: '永久', long: '长期', short: '短期' } as const;

/** Material in the file that the workstation does not make (ID copies, evidence, receipts), by its place in §1.2. */
export interface FileMaterialInput {
  position: 'identity' | 'evidence' | 'performance' | 'confirmation' | 'explanation';
  title: string;
  pages: number;
  note?: string;
}

export interface FileContentsRow {
  title: string;
  pages: number;
  note?: string;
}

export interface FileExtras {
  /** 卷名; the case title (张建国、李秀兰与义乌市顺达货运有限公司道路交通事故纠纷) when not given. */
  title?: string;
  /** 卷号: （2026）X人调字第1号 */
  number: string;
  /** ISO dates: 调解日期 起止. */
  mediationFrom: string;
  mediationTo: string;
  compilerId: string;
  compiledOn: string;
  checkerId?: string;
  checkedOn?: string;
  retention: keyof typeof RETENTION_PERIODS;
  note?: string;
  /**
   * The 卷内目录 rows in binding order. When not given they are made from the case's issued documents (the latest
   * version of each, in the order of domain.md §1.2) with `pageCounts` (by document id) and `materials`.
   */
  contents?: FileContentsRow[];
  pageCounts?: Record<string, number>;
  materials?: FileMaterialInput[];
}

export interface PowerOfAttorneyExtras {
  /** The agent (record.agents id); the principal is its party. */
  agentId: string;
  /** Matters beyond taking part in the mediation. */
  matters?: string;
  /** 委托期限: 自2026年5月1日起至本纠纷调解终结之日止 */
  term: string;
  /** ISO date signed. */
  signedOn: string;
}

/**
 * Inputs of the forms that need more than the case record holds today. Each is optional: a template that needs an
 * absent one reports its fields by name (checkRequiredFields) instead of printing blanks.
 */
export interface DocumentExtras {
  powerOfAttorney?: PowerOfAttorneyExtras;
  investigation?: InvestigationExtras;
  session?: SessionExtras;
  agreement?: AgreementExtras;
  oralAgreement?: OralAgreementExtras;
  followUp?: FollowUpExtras;
  termination?: TerminationExtras;
  confirmation?: ConfirmationExtras;
  file?: FileExtras;
}

export interface DocumentDataInput {
  record: CaseRecord;
  settings: CenterSettings;
  staff: readonly Pick<Staff, 'id' | 'name'>[];
  /** The center's date of issue (ISO). */
  today: string;
  extras?: DocumentExtras;
}

/** 2026年5月8日9时00分至11时20分 (China time; the end without its date when on the same day). */
export function timeRangeCn(start: string, end?: string): string {
  const from = formatDateTimeCn(start);
  if (!end) return from;
  const to = formatDateTimeCn(end);
  if (chinaDateOf(start) !== chinaDateOf(end)) return `${from}至${to}`;
  return `${from}至${to.replace(/^\d+年\d+月\d+日/, '')}`;
}

/** A clause as printed: amounts in capitals with figures; a leading "1." or "（一）" typed by the user is dropped. */
export function clauseText(clause: ClauseInput): string {
  const parts = typeof clause === 'string' ? [clause] : clause;
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const amount = formatAmountCn(part.amount);
      if (!amount) throw new RangeError(`协议条款中的金额格式不正确：${JSON.stringify(part.amount)}`);
      return amount;
    })
    .join('');
  return text.trim().replace(LIST_NUMBER, '');
}

const LIST_NUMBER = /^(\d+[.、．)]|[（(][\d一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)\s*/;

function statementEntries(statements: readonly StatementInput[], { jointOnly }: { jointOnly: boolean }): StatementEntry[] {
  return statements
    .filter((st) => !(jointOnly && st.caucus === true))
    .filter((st) => st.text.trim())
    .map((st) => ({ speaker: st.speaker + (st.kind === 'question' ? '问' : st.kind === 'answer' ? '答' : ''), text: st.text.trim() }));
}

/** 经通知未到场 / 明确拒绝调解, with what the party said or why it did not come. */
function absenceText(a: AbsentPartyInput): string {
  const note = a.note?.trim().replace(/[。；;，,]$/, '');
  return `${a.presence === 'refused' ? '明确拒绝调解' : '经通知未到场'}${note ? `（${note}）` : ''}`;
}

/**
 * Who signs each page of a 人民调解记录, in the order of the signatures at its end: every party present (a natural
 * person with a fingerprint box; an organisation through the person who appeared for it, or its agent), the agents,
 * the participants, the mediators and the recorder (once, when the recorder is also a mediator).
 */
function sessionSignerEntries(
  parties: readonly { party: Party; inPerson: boolean; agents: readonly Agent[] }[],
  session: SessionExtras,
  staffName: (id: string) => string,
): SignerEntry[] {
  const out: SignerEntry[] = [];
  for (const { party, inPerson, agents } of parties) {
    const role = PARTY_ROLES[party.role];
    if (inPerson && party.kind === 'person') out.push({ label: `${role}${party.name}`, fingerprint: true });
    if (inPerson && party.kind === 'organization') {
      const reps = (session.representatives ?? []).filter((r) => r.partyId === party.id);
      reps.forEach((r) => out.push({ label: `${role}${r.capacity}${r.name}`, fingerprint: false }));
      // nobody named for it and no agent: whoever signs for the organisation signs under its name
      if (reps.length === 0 && agents.length === 0) out.push({ label: `${role}${party.name}`, fingerprint: false });
    }
    agents.forEach((a) => out.push({ label: `委托代理人${a.name}`, fingerprint: false }));
  }
  (session.participants ?? []).forEach((p) => out.push({ label: `参加人${p.name}`, fingerprint: false }));
  const recorderIsMediator = session.mediatorIds.includes(session.recorderId);
  for (const id of session.mediatorIds) {
    const name = staffName(id);
    if (name) out.push({ label: `${id === session.recorderId ? '调解员兼记录人' : '调解员'}${name}`, fingerprint: false });
  }
  const recorder = staffName(session.recorderId);
  if (recorder && !recorderIsMediator) out.push({ label: `记录人${recorder}`, fingerprint: false });
  return out;
}

function participantEntry(p: ParticipantInput): PartyEntry {
  return { ...EMPTY_ENTRY, kind: 'person', role: '参加人', name: p.name, workUnitOrRelation: p.relation, line: p.relation ? `${p.name}（${p.relation}）` : p.name, agents: [] };
}

function witnessEntry(w: WitnessInput, onDate: string): PartyEntry {
  const idType = w.idType ?? 'resident_id';
  return {
    ...EMPTY_ENTRY,
    kind: 'person',
    role: '被调查人',
    name: w.name,
    gender: w.gender ? GENDERS[w.gender] : '',
    ethnicity: w.ethnicity ?? '',
    birthDate: dateCn(w.birthDate),
    age: w.birthDate ? ageText(w.birthDate, onDate) : '',
    idType: w.idNumber ? ID_TYPES[idType] : '',
    idNumber: w.idNumber ?? '',
    phone: w.phone ?? '',
    address: w.address ?? '',
    occupation: w.occupation ?? '',
    workUnit: w.workUnit ?? '',
    line: [w.name, w.idNumber ? idDocumentText(idType, w.idNumber) : '', w.relation].filter(Boolean).join('，'),
    agents: [],
  };
}

const SESSION_OUTCOMES: Record<SessionOutcome['type'], string> = {
  agreement: '经调解，各方当事人自愿达成调解协议。',
  failed: '经调解，各方当事人未能达成调解协议，调解不成。',
  continue: '本次调解未达成协议，另行安排调解。',
  suspended: '本次调解中止。',
};

/** Position of a template in the file (domain.md §1.2); the file's own cover, contents and back cover are not listed. */
const BINDING_POSITION: Record<DocumentTemplateKey, number | null> = {
  application: 1,
  'acceptance-register': 1.1,
  'refusal-notice': 1.2,
  'transfer-notice': 1.3,
  'rights-notice': 2,
  'power-of-attorney': 4,
  'investigation-record': 5,
  'session-record': 7,
  'termination-notice': 7.5,
  agreement: 8,
  'oral-agreement': 8.1,
  'follow-up': 10,
  'judicial-confirmation': 11,
  'file-cover': null,
  'file-index': null,
  'file-back-cover': null,
};
const MATERIAL_POSITION: Record<FileMaterialInput['position'], number> = { identity: 3, evidence: 6, performance: 9, confirmation: 11.5, explanation: 12 };

/**
 * The 卷内目录 rows made from the issued documents (the latest version of each template, in binding order) and the
 * materials the workstation does not make. Documents without a page count are left out (they are not in the file).
 */
export function fileContentsFromDocuments(record: CaseRecord, pageCounts: Record<string, number>, materials: readonly FileMaterialInput[] = []): FileContentsRow[] {
  // the latest version of each template, and of a record each session's or investigation's own (all go into the file)
  const latest = new Map<string, CaseRecord['documents'][number]>();
  for (const doc of record.documents) {
    const key = `${doc.template}:${doc.subjectId ?? ''}`;
    const prev = latest.get(key);
    if (!prev || doc.version > prev.version) latest.set(key, doc);
  }
  const rows: { position: number; row: FileContentsRow }[] = [];
  for (const doc of latest.values()) {
    const position = BINDING_POSITION[doc.template];
    const pages = pageCounts[doc.id];
    if (position === null || !pages) continue;
    // a record names its session (人民调解记录（第2次调解）)
    rows.push({ position, row: { title: doc.subjectId ? doc.title : DOCUMENT_TEMPLATES[doc.template].title, pages } });
  }
  materials.forEach((m) => rows.push({ position: MATERIAL_POSITION[m.position], row: { title: m.title, pages: m.pages, ...(m.note ? { note: m.note } : {}) } }));
  // stable: materials of one position keep their order
  return rows.sort((a, b) => a.position - b.position).map((r) => r.row);
}

function contentsTable(rows: readonly FileContentsRow[]): { table: string[][]; pages: number } {
  let page = 1;
  const table = rows.map((r, i) => {
    const first = page;
    const last = page + r.pages - 1;
    page = last + 1;
    return [String(i + 1), r.title, first === last ? String(first) : `${first}-${last}`, r.note ?? ''];
  });
  return { table, pages: page - 1 };
}

/** The powers printed on a 授权委托书 (domain.md §1.3 f). */
const GENERAL_POWERS = [
  '代为参加调解，陈述纠纷事实，发表意见',
  '代为收集、提供证据',
  '代为选择或者接受人民调解员',
  '代为签收、领取相关法律文书',
];
const SPECIAL_POWERS = [
  '代为申请调解或者要求终止调解',
  '代为收集、提供证据',
  '代为选择或者接受人民调解员',
  '代为承认、变更、放弃调解请求',
  '代为参加调解，签署调解记录、人民调解协议书等法律文书',
  '代为签收、领取相关法律文书',
];

export function buildDocumentData({ record, settings, staff, today, extras = {} }: DocumentDataInput): DocumentData {
  const d = record.dispute;
  const registeredOn = chinaDateOf(record.createdAt);
  const staffName = (id: string) => staff.find((s) => s.id === id)?.name ?? '';
  const staffNames = (ids: readonly string[] | undefined) => joinNames((ids ?? []).map(staffName));
  /** Parties in print order (applicants, respondents, third parties) with their entries. */
  const ordered = (['applicant', 'respondent', 'third_party'] as const).flatMap((role) => record.parties.filter((p) => p.role === role));
  const printed = ordered.map((party) => ({ party, entry: partyEntry(record, party, registeredOn) }));
  const entries = (role: Party['role']) => printed.filter((p) => p.party.role === role).map((p) => p.entry);
  const applicants = entries('applicant');
  const respondents = entries('respondent');
  const thirdParties = entries('third_party');
  const allParties = printed.map((p) => p.entry);
  const registered = record.actions.find((a) => a.type === 'REGISTERED');
  const decision = record.decision;
  const typeLabel = disputeTypeLabel(d.disputeType);
  const accepted = record.actions.some((a) => a.type === 'ACCEPTED');
  const applicantNames = joinNames(applicants.map((p) => p.name));
  const respondentNames = joinNames(respondents.map((p) => p.name));
  const caseTitle = `${applicantNames}与${respondentNames}${typeLabel}`;
  const partyById = (id: string) => record.parties.find((p) => p.id === id);
  /** 申请人张建国、李秀兰；被申请人义乌市顺达货运有限公司 */
  const rolesJoined = (list: readonly { role: string; name: string }[]) => {
    const byRole = new Map<string, string[]>();
    for (const p of list) byRole.set(p.role, [...(byRole.get(p.role) ?? []), p.name]);
    return [...byRole].map(([role, names]) => `${role}${joinNames(names)}`).join('；');
  };

  // 授权委托书: one per agent; the principal without its agents, the agent as 受托人
  const poa = extras.powerOfAttorney;
  const poaAgentRecord = poa ? record.agents.find((a) => a.id === poa.agentId) : undefined;
  const poaPrincipalParty = poaAgentRecord ? partyById(poaAgentRecord.principalId) : undefined;
  const poaPrincipalEntry = poaPrincipalParty ? partyEntry(record, poaPrincipalParty, registeredOn, (a) => a.id === poaAgentRecord!.id) : undefined;
  const poaAgentEntry = poaPrincipalEntry?.agents[0];
  const poaOk = poa && poaAgentRecord && poaPrincipalParty && poaAgentEntry ? { poa, agent: poaAgentRecord, principal: poaPrincipalParty } : null;
  const poaCounterparties = poaOk
    ? joinNames(ordered.filter((p) => (poaOk.principal.role === 'applicant' ? p.role !== 'applicant' : p.role === 'applicant')).map((p) => p.name))
    : '';

  // 调查记录
  const inv = extras.investigation;
  let invSubject: PartyEntry | undefined;
  let invRelation = '';
  if (inv) {
    if ('partyId' in inv.subject) {
      const party = partyById(inv.subject.partyId);
      if (party) {
        invSubject = { ...partyEntry(record, party, chinaDateOf(inv.startedAt)), role: '被调查人', agents: [] };
        invRelation = inv.subject.relation ?? `本纠纷${PARTY_ROLES[party.role]}`;
      }
    } else {
      invSubject = witnessEntry(inv.subject, chinaDateOf(inv.startedAt));
      invRelation = inv.subject.relation;
    }
  }
  // who signs each page of it: the person interviewed (with a fingerprint box), participants, investigators, recorder
  const invSigners: SignerEntry[] =
    inv && invSubject
      ? [
          { label: `被调查人${invSubject.name}`, fingerprint: invSubject.kind === 'person' },
          ...(inv.participants ?? []).map((p) => ({ label: `参加人${p.name}`, fingerprint: false })),
          ...inv.investigatorIds.filter((id) => staffName(id)).map((id) => ({ label: `${id === inv.recorderId ? '调查人兼记录人' : '调查人'}${staffName(id)}`, fingerprint: false })),
          ...(staffName(inv.recorderId) && !inv.investigatorIds.includes(inv.recorderId) ? [{ label: `记录人${staffName(inv.recorderId)}`, fingerprint: false }] : []),
        ]
      : [];

  // 调解记录: the parties who took part, in person or only through an agent (a party absent in person whose agent came)
  const session = extras.session;
  const agentIds = new Set(session?.agentIds ?? []);
  const attending = session
    ? printed
        .map(({ party }) => ({ party, inPerson: session.partyIds.includes(party.id), agents: record.agents.filter((a) => a.principalId === party.id && agentIds.has(a.id)) }))
        .filter((p) => p.inPerson || p.agents.length > 0)
    : [];
  const sessionParties: PartyEntry[] = attending.map(({ party, inPerson }) => {
    const entry = partyEntry(record, party, registeredOn, (a) => agentIds.has(a.id));
    if (inPerson) return entry;
    // only the agent signs: it stands on its own, naming whom it acts for
    const agent = entry.agents[0]!;
    return { ...agent, role: `${PARTY_ROLES[party.role]}${party.name}的委托代理人`, agents: entry.agents.slice(1) };
  });
  // 申请人张建国（委托代理人吴晓东）、李秀兰；被申请人义乌市顺达货运有限公司（法定代表人陈国平）；第三人某某经通知未到场
  const absent = session?.absentParties ?? [];
  const present = rolesJoined(
    attending.map(({ party, inPerson, agents }) => {
      const reps = (session?.representatives ?? []).filter((r) => r.partyId === party.id).map((r) => `${r.capacity}${r.name}`);
      const agentNames = agents.map((a) => `委托代理人${a.name}`);
      if (!inPerson) return { role: PARTY_ROLES[party.role], name: `${party.name}（由${joinNames(agentNames)}代为参加）` };
      const who = [...reps, ...agentNames];
      return { role: PARTY_ROLES[party.role], name: who.length ? `${party.name}（${who.join('、')}）` : party.name };
    }),
  );
  const notPresent = ordered.flatMap((party) =>
    absent.filter((a) => a.partyId === party.id && !attending.some((p) => p.party.id === party.id)).map((a) => `${PARTY_ROLES[party.role]}${party.name}${absenceText(a)}`),
  );
  const sessionAttendance = [present, ...notPresent].filter(Boolean).join('；');
  const sessionAttendees = (session?.participants ?? []).map(participantEntry);
  const sessionSigners = session ? sessionSignerEntries(attending, session, staffName) : [];

  // 人民调解协议书
  const agreement = extras.agreement;
  const agreementClauses = agreement ? agreement.clauses.map(clauseText).filter(Boolean) : [];

  // 口头协议
  const oral = extras.oralAgreement;
  const oralClauses = oral ? oral.clauses.map(clauseText).filter(Boolean) : [];

  // 回访
  const followUp = extras.followUp;
  const situation: [string, string | undefined][] = followUp
    ? [
        ['协议履行情况', followUp.performance],
        ['当事人满意程度', followUp.satisfaction],
        ['是否因履行协议发生诉讼', followUp.litigation],
        ['纠纷隐患及风险', followUp.risks],
        ['采取的措施', followUp.measures],
      ]
    : [];
  const followUpSituation = situation
    .filter(([, v]) => v?.trim())
    .map(([k, v]) => `${k}：${v!.trim()}`)
    .join('\n');

  // 司法确认
  const confirmation = extras.confirmation;
  const confirmationApplicants = confirmation ? allParties.map((p) => ({ ...p, role: '申请人' })) : [];
  const confirmationAttachments = confirmation ? (confirmation.attachments ?? confirmationAttachmentList(record, agreement?.number)) : [];
  const effectiveOn = agreement?.effectiveOn && parseIsoDate(agreement.effectiveOn) ? agreement.effectiveOn : '';
  // 人民调解协议书: every mediator on a line of their own, then the recorder (once, when also a mediator)
  const staffEntry = (id: string, role: string): PartyEntry => ({ ...EMPTY_ENTRY, id, kind: 'person', role, name: staffName(id), line: staffName(id), agents: [] });
  const agreementStaff: PartyEntry[] = agreement
    ? [
        ...agreement.mediatorIds.filter((id) => staffName(id)).map((id) => staffEntry(id, id === agreement.recorderId ? '人民调解员（兼记录人）' : '人民调解员')),
        ...(staffName(agreement.recorderId) && !agreement.mediatorIds.includes(agreement.recorderId) ? [staffEntry(agreement.recorderId, '记录人')] : []),
      ]
    : [];

  // 卷宗
  const file = extras.file;
  const contents = file ? (file.contents ?? fileContentsFromDocuments(record, file.pageCounts ?? {}, file.materials ?? [])) : [];
  const toc = contentsTable(contents);

  return {
    caseNumber: record.caseNumber,
    committeeName: settings.committeeName,
    centerName: settings.centerName,
    centerPhone: settings.phone,
    centerAddress: settings.address,
    disputeType: typeLabel,
    disputeTypeShort: typeLabel.replace(/纠纷$/, ''),
    disputeSubType: d.disputeSubType,
    caseSource: CASE_SOURCES[d.source],
    applicationForm: d.applicationForm === 'oral' ? '口头申请' : '书面申请',
    summary: d.summary,
    occurredOn: dateCn(d.occurredOn),
    occurredPlace: d.occurredPlace,
    amount: formatAmountCn(d.amount) ?? '无',
    peopleInvolved: `${d.peopleInvolved}人`,
    riskLevel: RISK_LEVELS[d.riskLevel],
    complexity: COMPLEXITIES[d.complexity],
    escalation: d.escalation.length ? d.escalation.map((f) => ESCALATION_FLAGS[f]).join('、') : '无',
    registeredDate: formatDateCn(registeredOn),
    registeredBy: registered ? staffName(registered.by) : '',
    applicantNames,
    respondentNames,
    thirdPartyNames: joinNames(thirdParties.map((p) => p.name)),
    partyNames: joinNames(allParties.map((p) => p.name)),
    acceptedDate: actionDate(record, 'ACCEPTED'),
    mediators: staffNames(record.assignment?.mediatorIds),
    room: record.assignment?.room ?? '',
    mediationDue: dateCn(record.deadlines.mediationDue),
    refusalGround: decision?.kind === 'refused' && decision.ground ? REFUSAL_GROUNDS[decision.ground] : '',
    referTo: decision?.kind === 'refused' ? decision.body : '',
    transferBody: decision?.kind === 'transferred' ? decision.body : '',
    transferReplyDue: decision?.kind === 'transferred' ? dateCn(record.deadlines.transferReplyDue) : '',
    decisionDate: decision ? actionDate(record, decision.kind === 'refused' ? 'REFUSED' : 'TRANSFERRED') : '',
    decisionNote: decision?.note ?? '',
    issueDate: formatDateCn(today),
    issueDateCapital: formatDateCapital(today),
    caseTitle,

    poaPrincipalName: poaOk ? poaOk.principal.name : '',
    poaAgentName: poaOk ? poaOk.agent.name : '',
    poaCounterparties,
    poaAuthority: poaOk ? AGENT_AUTHORITIES[poaOk.agent.authority] : '',
    poaMatters: poaOk?.poa.matters?.trim() ?? '',
    poaTerm: poaOk?.poa.term.trim() ?? '',
    poaDate: dateCn(poaOk?.poa.signedOn),

    invTime: inv ? timeRangeCn(inv.startedAt, inv.endedAt) : '',
    invPlace: inv?.place.trim() ?? '',
    invSubjectRelation: invRelation,
    invInvestigators: staffNames(inv?.investigatorIds),
    invRecorder: inv ? staffName(inv.recorderId) : '',
    invParticipants: inv ? joinNames((inv.participants ?? []).map((p) => participantEntry(p).line)) || '无' : '',

    sessionTime: session ? timeRangeCn(session.startedAt, session.endedAt) : '',
    sessionPlace: session?.place.trim() ?? '',
    sessionPurpose: session?.purpose.trim() ?? '',
    sessionAttendance,
    sessionParticipants: session ? joinNames(sessionAttendees.map((p) => p.line)) || '无' : '',
    sessionMediators: staffNames(session?.mediatorIds),
    sessionRecorder: session ? staffName(session.recorderId) : '',
    sessionOutcome: session?.outcome ? [SESSION_OUTCOMES[session.outcome], session.outcomeNote?.trim() ?? ''].filter(Boolean).join('\n') : '',
    sessionDate: session ? formatDateCn(chinaDateOf(session.startedAt)) : '',

    agreementNumber: agreement?.number.trim() ?? '',
    agreementEffectiveDate: dateCn(effectiveOn),
    agreementFacts: agreement?.facts.trim() ?? '',
    agreementResponsibility: agreement?.responsibility?.trim() ?? '',
    agreementPerformanceManner: agreement?.performance.manner.trim() ?? '',
    agreementPerformanceDeadline: agreement?.performance.deadline.trim() ?? '',
    agreementPerformancePlace: agreement?.performance.place?.trim() ?? '',
    agreementBreach: agreement?.breach?.trim() ?? '',
    agreementCopies: agreement ? smallNumberToChinese(agreement.copies ?? record.parties.length + 1) : '',
    // no date yet: a blank to write it in by hand (the copy printed for signing on paper)
    agreementDate: agreement ? dateCn(agreement.date) || DATE_BLANK : '',
    agreementMediators: staffNames(agreement?.mediatorIds),
    agreementRecorder: agreement ? staffName(agreement.recorderId) : '',

    oralReachedDate: dateCn(oral?.reachedOn),
    oralPlace: oral?.place.trim() ?? '',
    oralSummary: oral ? (oral.summary?.trim() || d.summary) : '',
    oralClauses: oralClauses.map((c, i) => `${i + 1}. ${c}`).join('\n'),
    oralPerformance: oral?.performance.trim() ?? '',
    oralMediators: staffNames(oral?.mediatorIds),
    oralRegistrar: oral ? staffName(oral.registrarId) : '',
    oralRegisteredDate: dateCn(oral?.registeredOn),

    followUpParties: followUp ? rolesJoined(printed.filter(({ party }) => followUp.partyIds.includes(party.id)).map(({ entry }) => entry)) : '',
    followUpAgreementNumber: followUp ? (followUp.agreementNumber?.trim() || agreement?.number.trim() || '') : '',
    followUpTime: followUp ? formatDateTimeCn(followUp.visitedAt) : '',
    followUpMethod: followUp?.method.trim() ?? '',
    followUpSituation,
    followUpVisitors: staffNames(followUp?.visitorIds),
    followUpDate: followUp ? dateCn(followUp.recordedOn ?? chinaDateOf(followUp.visitedAt)) : '',

    terminationReason: extras.termination?.reason.trim().replace(/[。；;，,]$/, '') ?? '',
    terminationRoutes: extras.termination?.routes?.trim() ?? '',
    terminationDate: dateCn(extras.termination?.date),

    courtName: confirmation?.courtName.trim() ?? '',
    confirmationDate: dateCn(confirmation?.appliedOn),
    confirmationDue: confirmation && effectiveOn ? formatDateCn(addDays(effectiveOn, CONFIRMATION_DAYS)) : '',

    fileTitle: file ? (file.title?.trim() || caseTitle) : '',
    fileNumber: file?.number.trim() ?? '',
    fileMediators: file ? staffNames(record.assignment?.mediatorIds) : '',
    fileMediationFrom: dateCn(file?.mediationFrom),
    fileMediationTo: dateCn(file?.mediationTo),
    fileCompiler: file ? staffName(file.compilerId) : '',
    fileCompiledDate: dateCn(file?.compiledOn),
    fileRetention: file ? RETENTION_PERIODS[file.retention] : '',
    fileNote: file?.note?.trim() ?? '',
    filePages: toc.pages > 0 ? String(toc.pages) : '',
    fileChecker: file?.checkerId ? staffName(file.checkerId) : '',
    fileCheckedDate: dateCn(file?.checkedOn),

    requests: requestItems(record),
    attorneyPowers: poaOk ? (poaOk.agent.authority === 'special' ? SPECIAL_POWERS : GENERAL_POWERS) : [],
    agreementClauses,
    confirmationAttachments,
    invStatements: inv ? statementEntries(inv.statements, { jointOnly: false }) : [],
    sessionStatements: session ? statementEntries(session.statements, { jointOnly: true }) : [],
    fileContents: toc.table,
    applicants,
    respondents,
    thirdParties,
    allParties,
    poaPrincipal: poaOk && poaPrincipalEntry ? [{ ...poaPrincipalEntry, role: '委托人', agents: [] }] : [],
    poaAgent: poaOk && poaAgentEntry ? [{ ...poaAgentEntry, role: '受托人' }] : [],
    invSubjects: invSubject ? [invSubject] : [],
    sessionParties,
    sessionAttendees,
    confirmationApplicants,
    agreementStaff,
    sessionSigners,
    invSigners,
    isOralApplication: d.applicationForm === 'oral',
    isAccepted: accepted,
    isRefused: decision?.kind === 'refused',
    isTransferred: decision?.kind === 'transferred',
    hasThirdParties: thirdParties.length > 0,
    hasCenterAddress: !!settings.address.trim(),
    isSpecialAuthority: poaOk?.agent.authority === 'special',
    hasPoaMatters: !!poaOk?.poa.matters?.trim(),
    hasAgreementResponsibility: !!agreement?.responsibility?.trim(),
    hasPerformancePlace: !!agreement?.performance.place?.trim(),
    hasAgreementBreach: !!agreement?.breach?.trim(),
    hasTerminationRoutes: !!extras.termination?.routes?.trim(),
    hasFileNote: !!file?.note?.trim(),
    hasSessionOutcome: !!session?.outcome,
  };
}
