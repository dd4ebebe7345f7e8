/**
 * From a session or an investigation as recorded (SessionRecord) to the extras its record is printed from: the
 * 人民调解记录 (SessionExtras) and the 人民调解调查记录 (InvestigationExtras); and from the case's termination to the
 * 终止调解告知书 (TerminationExtras). Pure: the same records always give the same extras.
 *
 * What is printed:
 * - statements in the order recorded, each with its speaker as printed (调解员王志强问 / 申请人张建国答), empty ones
 *   dropped, and caucus (背对背) statements NEVER: they were said to one side only, and the other side signs the
 *   record (buildDocumentData drops them again, whatever it is given);
 * - the people present (presence 'present'); parties who were notified but did not come, or who clearly refused
 *   mediation (人民调解法 art. 17), are noted in the attendance line; a party whose attendance was never confirmed
 *   ('expected') is not printed at all (the record states only what was recorded);
 * - for an organisation party, the person who appeared for it when the attendee names one (法定代表人陈国平);
 * - the outcome with what goes with it: the next date (继续调解), the reason and the routes the parties were told of
 *   (调解不成, art. 26), the reason (中止).
 */
import {
  type Attendee,
  type CaseRecord,
  PARTY_ROLES,
  type Party,
  type SessionRecord,
  type Statement,
  speakerLabel,
} from '../../shared/domain';
import { formatDateTimeCn } from '../../shared/format';
import { checkResidentId } from '../../shared/validation/id-card';
import type {
  AbsentPartyInput,
  DocumentExtras,
  InvestigationExtras,
  ParticipantInput,
  RepresentativeInput,
  SessionExtras,
  StatementInput,
  TerminationExtras,
  WitnessInput,
} from './document-data';

const present = (a: Attendee) => a.presence === 'present';

/** A sentence as printed: trimmed, ending with 。 unless it already ends with a stop. */
function sentence(text: string): string {
  const t = text.trim();
  if (!t) return '';
  return /[。！？!?]$/.test(t) ? t : `${t.replace(/[；;，,、]$/, '')}。`;
}

/** The statements that go on a record: joint ones (never a caucus statement), with text, in the order recorded. */
export function printableStatements(session: Pick<SessionRecord, 'statements'>): Statement[] {
  return session.statements.filter((s) => s.caucus === null && s.text.trim() !== '');
}

function statementInputs(session: SessionRecord, label: (a: Attendee) => string): StatementInput[] {
  const byId = new Map(session.attendees.map((a) => [a.id, a]));
  return printableStatements(session).map((s) => {
    const speaker = byId.get(s.speakerId);
    // a speaker always is an attendee (the editor checks it); should one have gone, the text still stands
    return { speaker: speaker ? label(speaker) : '发言人', kind: s.kind, text: s.text, caucus: false };
  });
}

/** The staff who ran it: the mediators (调解员 / 调查人) present, in the order of the attendance list; else the plan's. */
function mediatorIdsOf(session: SessionRecord): string[] {
  const ids = session.attendees.filter((a) => a.kind === 'mediator' && present(a)).map((a) => a.id);
  return ids.length > 0 ? ids : [...session.mediatorIds];
}

/**
 * The capacity in which a person appeared for an organisation party (法定代表人陈国平): what the attendee's relation
 * says beyond the party's role and name, or 法定代表人 when the name is the case's legal representative.
 */
function representativeOf(party: Extract<Party, { kind: 'organization' }>, attendee: Attendee): RepresentativeInput | null {
  const name = attendee.name.trim();
  if (!name || name === party.name) return null;
  const role = PARTY_ROLES[party.role];
  const capacity = attendee.relation.trim().replace(new RegExp(`^${role}`), '').replace(party.name, '').replace(/^的/, '').trim();
  return { partyId: party.id, name, capacity: capacity || (name === party.legalRepresentative ? '法定代表人' : '代表') };
}

/** A participant as printed: 张磊（申请人张建国、李秀兰之子）. */
const participantOf = (a: Attendee): ParticipantInput => ({ name: a.name, relation: a.relation.trim() });

function outcomeOf(session: SessionRecord): Pick<SessionExtras, 'outcome' | 'outcomeNote'> {
  const o = session.outcome;
  if (!o) return { outcome: null };
  switch (o.type) {
    case 'continue': {
      const next = o.nextAt ? `下次调解时间：${formatDateTimeCn(o.nextAt)}。` : '下次调解时间另行通知。';
      return { outcome: 'continue', outcomeNote: [next, sentence(o.note)].filter(Boolean).join('') };
    }
    case 'agreement':
      return { outcome: 'agreement', outcomeNote: sentence(o.note) };
    case 'failed': {
      // art. 26: the parties are told of the other routes; the specific advice given follows
      const routes = o.routes.trim().replace(/[。；;，,]$/, '');
      return {
        outcome: 'failed',
        outcomeNote: [`调解不成的原因：${sentence(o.reason)}`, `已告知各方当事人可以依法通过仲裁、行政、司法等途径维护自己的权利${routes ? `：${routes}` : ''}。`].join('\n'),
      };
    }
    case 'suspended':
      return { outcome: 'suspended', outcomeNote: `中止调解的原因：${sentence(o.reason)}` };
    default:
      throw new Error(`unknown outcome ${String(o satisfies never)}`);
  }
}

/** The 人民调解记录 of a session (kind 'session'). */
export function sessionExtras(record: CaseRecord, session: SessionRecord): SessionExtras {
  const partyIds: string[] = [];
  const agentIds: string[] = [];
  const representatives: RepresentativeInput[] = [];
  const absentParties: AbsentPartyInput[] = [];
  const participants: ParticipantInput[] = [];
  for (const a of session.attendees) {
    const party = a.kind === 'party' ? record.parties.find((p) => p.id === a.id) : undefined;
    const agent = a.kind === 'agent' ? record.agents.find((g) => g.id === a.id) : undefined;
    if (party) {
      if (present(a)) {
        partyIds.push(party.id);
        const rep = party.kind === 'organization' ? representativeOf(party, a) : null;
        if (rep) representatives.push(rep);
      } else if (a.presence === 'absent' || a.presence === 'refused') {
        absentParties.push({ partyId: party.id, presence: a.presence, ...(a.note.trim() ? { note: a.note.trim() } : {}) });
      }
    } else if (agent) {
      if (present(a)) agentIds.push(agent.id);
    } else if (a.kind !== 'mediator' && a.kind !== 'recorder' && present(a)) {
      // participants, and anyone listed as a party or agent the case does not know: printed as a participant
      participants.push(participantOf(a));
    }
  }
  return {
    startedAt: session.startedAt ?? session.scheduledAt,
    ...(session.endedAt ? { endedAt: session.endedAt } : {}),
    place: session.place,
    purpose: session.purpose,
    partyIds,
    agentIds,
    representatives,
    absentParties,
    participants,
    mediatorIds: mediatorIdsOf(session),
    recorderId: session.recorderId,
    statements: statementInputs(session, speakerLabel),
    ...outcomeOf(session),
  };
}

/** The attendee who is interviewed: the party, or the witness (a participant of that name, else the first one). */
function subjectAttendee(session: SessionRecord): Attendee | undefined {
  const subject = session.subject;
  if (subject?.kind === 'party') return session.attendees.find((a) => a.id === subject.partyId);
  const participants = session.attendees.filter((a) => a.kind === 'participant');
  return participants.find((a) => a.name === subject?.name) ?? participants[0];
}

/** A witness with what the plan holds; sex and birth date read from a resident ID number when it is one. */
function witnessOf(subject: Extract<NonNullable<SessionRecord['subject']>, { kind: 'witness' }>, today: string): WitnessInput {
  const id = subject.idNumber.trim();
  const resident = id ? checkResidentId(id, today) : null;
  return {
    name: subject.name,
    relation: subject.relation,
    ...(resident?.ok ? { idType: 'resident_id' as const, idNumber: resident.value.number, gender: resident.value.gender, birthDate: resident.value.birthDate } : id ? { idType: 'other' as const, idNumber: id } : {}),
    ...(subject.phone.trim() ? { phone: subject.phone.trim() } : {}),
    ...(subject.address.trim() ? { address: subject.address.trim() } : {}),
  };
}

/**
 * The 人民调解调查记录 of an investigation (kind 'investigation'). Speakers as an investigation record names them: the
 * person interviewed is 被调查人, the mediators are 调查人; anyone else present (an agent, a participant) is 参加人.
 */
export function investigationExtras(record: CaseRecord, session: SessionRecord, today: string): InvestigationExtras {
  const subject = session.subject;
  const subjectAt = subjectAttendee(session);
  const participants = session.attendees.filter((a) => a !== subjectAt && a.kind !== 'mediator' && a.kind !== 'recorder' && present(a)).map(participantOf);
  const label = (a: Attendee) => {
    if (a === subjectAt) return `被调查人${a.name}`;
    if (a.kind === 'mediator') return `调查人${a.name}`;
    return speakerLabel(a);
  };
  return {
    startedAt: session.startedAt ?? session.scheduledAt,
    ...(session.endedAt ? { endedAt: session.endedAt } : {}),
    place: session.place,
    subject: subject?.kind === 'witness' ? witnessOf(subject, today) : { partyId: subject?.partyId ?? '' },
    investigatorIds: mediatorIdsOf(session),
    recorderId: session.recorderId,
    participants,
    statements: statementInputs(session, label),
  };
}

/**
 * The 终止调解告知书 of a terminated case. The routes of art. 26 are in the notice itself; the advice given beyond them
 * is printed as a sentence addressed to the parties (可以向义乌市人民法院提起诉讼 → 此外，你（们）还可以向……).
 */
export function terminationExtras(record: CaseRecord): TerminationExtras | undefined {
  const t = record.termination;
  if (!t) return undefined;
  const advice = t.routes.trim();
  const routes = !advice ? '' : advice.startsWith('你') ? sentence(advice) : sentence(/^(也|还)?可以/.test(advice) ? `此外，你（们）还${advice.replace(/^(也|还)/, '')}` : `此外，${advice}`);
  return { reason: t.reason, ...(routes ? { routes } : {}), date: t.date };
}

/** Every extra a case and (for a record) one of its sessions give the forms. */
export function recordExtras(record: CaseRecord, session: SessionRecord | null, today: string): DocumentExtras {
  const termination = terminationExtras(record);
  return {
    ...(termination ? { termination } : {}),
    ...(session?.kind === 'session' ? { session: sessionExtras(record, session) } : {}),
    ...(session?.kind === 'investigation' ? { investigation: investigationExtras(record, session, today) } : {}),
  };
}
