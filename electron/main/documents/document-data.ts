/**
 * Builds the DocumentData map a template is filled from: the case, the center settings and the staff list, turned
 * into print-ready text (labels instead of codes, dates in Chinese, amounts in capitals, full ID numbers — printed
 * documents need them). Pure: the same inputs always give the same data, which is stored next to each issued PDF.
 */
import {
  AGENT_AUTHORITIES,
  CASE_SOURCES,
  COMPLEXITIES,
  type CaseRecord,
  type CenterSettings,
  ESCALATION_FLAGS,
  GENDERS,
  ID_TYPES,
  PARTY_ROLES,
  type Party,
  REFUSAL_GROUNDS,
  RISK_LEVELS,
  type Staff,
  disputeTypeLabel,
} from '../../shared/domain';
import { agentLine, ageText, chinaDateOf, formatAmountCn, formatDateCapital, formatDateCn, joinNames, partyLine } from '../../shared/format';
import { parseIsoDate } from '../../shared/validation/dates';
import type { DocumentData, PartyEntry } from './model';

const EMPTY_ENTRY: Omit<PartyEntry, 'kind' | 'role' | 'name' | 'line' | 'agents'> = {
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

function partyEntry(record: CaseRecord, party: Party, onDate: string): PartyEntry {
  const agents: PartyEntry[] = record.agents
    .filter((a) => a.principalId === party.id)
    .map((a) => ({
      ...EMPTY_ENTRY,
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
  const common = { role: PARTY_ROLES[party.role], name: party.name, phone: party.phone, address: party.address, line: partyLine(party), agents };
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

export interface DocumentDataInput {
  record: CaseRecord;
  settings: CenterSettings;
  staff: readonly Pick<Staff, 'id' | 'name'>[];
  /** The center's date of issue (ISO). */
  today: string;
}

export function buildDocumentData({ record, settings, staff, today }: DocumentDataInput): DocumentData {
  const d = record.dispute;
  const registeredOn = chinaDateOf(record.createdAt);
  const staffName = (id: string) => staff.find((s) => s.id === id)?.name ?? '';
  const entries = (role: Party['role']) => record.parties.filter((p) => p.role === role).map((p) => partyEntry(record, p, registeredOn));
  const applicants = entries('applicant');
  const respondents = entries('respondent');
  const thirdParties = entries('third_party');
  const allParties = [...applicants, ...respondents, ...thirdParties];
  const registered = record.actions.find((a) => a.type === 'REGISTERED');
  const decision = record.decision;
  const typeLabel = disputeTypeLabel(d.disputeType);
  const accepted = record.actions.some((a) => a.type === 'ACCEPTED');
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
    applicantNames: joinNames(applicants.map((p) => p.name)),
    respondentNames: joinNames(respondents.map((p) => p.name)),
    thirdPartyNames: joinNames(thirdParties.map((p) => p.name)),
    partyNames: joinNames(allParties.map((p) => p.name)),
    acceptedDate: actionDate(record, 'ACCEPTED'),
    mediators: joinNames((record.assignment?.mediatorIds ?? []).map(staffName)),
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
    requests: requestItems(record),
    applicants,
    respondents,
    thirdParties,
    allParties,
    isOralApplication: d.applicationForm === 'oral',
    isAccepted: accepted,
    isRefused: decision?.kind === 'refused',
    isTransferred: decision?.kind === 'transferred',
    hasThirdParties: thirdParties.length > 0,
    hasCenterAddress: !!settings.address.trim(),
  };
}
