import type { FormErrors } from '@mantine/form';
import type { CaseStatus } from '../../../../../electron/shared/domain/case-actions';
import { CASE_STATUSES } from '../../../../../electron/shared/domain/case-actions';
import type { CaseRecord } from '../../../../../electron/shared/domain/case';
import { type InvestigationSubject, type SessionKind, type SessionPlan, SessionPlanSchema, type SessionRecord, sessionAllowedIn } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { chinaParts, toScheduledAt } from './session-labels';

/** What the schedule dialog edits: the plan, with date and time apart and the investigation's subject spelt out. */
export interface ScheduleValues {
  date: string;
  time: string;
  place: string;
  mediatorIds: string[];
  recorderId: string;
  purpose: string;
  subjectKind: 'party' | 'witness';
  partyId: string;
  witness: { name: string; relation: string; idNumber: string; phone: string; address: string };
}

const EMPTY_WITNESS: ScheduleValues['witness'] = { name: '', relation: '', idNumber: '', phone: '', address: '' };

/** Whether a kind may be scheduled now (the shared table main enforces; the host remains the judge). */
export function canSchedule(kind: SessionKind, status: CaseStatus): boolean {
  return sessionAllowedIn(kind, status);
}

/** Why sessions cannot (all) be scheduled now, in words; null when both kinds can. */
export function schedulingHint(status: CaseStatus): string | null {
  switch (status) {
    case 'mediating':
      return null;
    case 'registered':
      return t.sessions.blocked.registered;
    case 'accepted':
      return t.sessions.blocked.accepted;
    case 'suspended':
      return t.sessions.blocked.suspended;
    default:
      return t.sessions.blocked.ended(CASE_STATUSES[status]);
  }
}

/** A new plan: today, the case's room and mediators (those still active mediators), the signed-in recorder. */
export function newScheduleValues(kind: SessionKind, record: Pick<CaseRecord, 'assignment'>, opts: { today: string; mediatorIds: readonly string[]; recorderId: string }): ScheduleValues {
  const assigned = record.assignment?.mediatorIds ?? [];
  return {
    date: opts.today,
    time: '',
    place: kind === 'session' ? (record.assignment?.room ?? '') : '',
    mediatorIds: assigned.filter((id) => opts.mediatorIds.includes(id)),
    recorderId: opts.recorderId,
    purpose: '',
    subjectKind: 'party',
    partyId: '',
    witness: { ...EMPTY_WITNESS },
  };
}

/** The values of a plan being changed. */
export function editScheduleValues(session: SessionRecord): ScheduleValues {
  const { date, time } = chinaParts(session.scheduledAt);
  const subject = session.subject;
  return {
    date,
    time,
    place: session.place,
    mediatorIds: [...session.mediatorIds],
    recorderId: session.recorderId,
    purpose: session.purpose,
    subjectKind: subject?.kind ?? 'party',
    partyId: subject?.kind === 'party' ? subject.partyId : '',
    witness: subject?.kind === 'witness' ? { name: subject.name, relation: subject.relation, idNumber: subject.idNumber, phone: subject.phone, address: subject.address } : { ...EMPTY_WITNESS },
  };
}

function subjectOf(kind: SessionKind, v: ScheduleValues): InvestigationSubject | null {
  if (kind === 'session') return null;
  if (v.subjectKind === 'party') return { kind: 'party', partyId: v.partyId };
  const w = v.witness;
  return { kind: 'witness', name: w.name.trim(), relation: w.relation.trim(), idNumber: w.idNumber.replace(/\s+/g, '').toUpperCase(), phone: w.phone.trim(), address: w.address.trim() };
}

/** The plan to send (scheduledAt in China time, see session-labels.ts). */
export function toPlan(kind: SessionKind, v: ScheduleValues): SessionPlan {
  return {
    kind,
    scheduledAt: v.date && v.time ? toScheduledAt(v.date, v.time) : '',
    place: v.place.trim(),
    purpose: v.purpose.trim(),
    mediatorIds: v.mediatorIds,
    recorderId: v.recorderId,
    subject: subjectOf(kind, v),
  };
}

/**
 * A plan issue path (as the shared schema or the host reports it, with or without the leading 'plan') → the dialog's
 * field. scheduledAt goes to whichever of date and time is missing (the time when both are there).
 */
export function fieldOf(path: readonly PropertyKey[], v: ScheduleValues): string {
  const p = path[0] === 'plan' ? path.slice(1) : path;
  const [head, sub] = p.map(String);
  switch (head) {
    case 'scheduledAt':
      return v.date ? 'time' : 'date';
    case 'subject':
      if (sub === 'partyId' || (sub === undefined && v.subjectKind === 'party')) return 'partyId';
      return `witness.${sub ?? 'name'}`;
    case undefined:
      return 'date';
    default:
      return head;
  }
}

const FIELDS = new Set(['date', 'time', 'place', 'mediatorIds', 'recorderId', 'purpose', 'partyId', 'witness.name', 'witness.relation', 'witness.idNumber', 'witness.phone', 'witness.address']);

/** Whether an error key names a field of the dialog (others are said in a notification, not lost). */
export function isScheduleField(key: string): boolean {
  return FIELDS.has(key);
}

export function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[], v: ScheduleValues): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path, v);
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** The dialog's check: the shared plan schema (the one main parses with), plus date/time and a chosen party. */
export function validateSchedule(kind: SessionKind, v: ScheduleValues): FormErrors {
  const errors: FormErrors = {};
  if (!v.date) errors.date = t.sessions.form.dateRequired;
  if (!v.time) errors.time = t.sessions.form.timeRequired;
  if (kind === 'investigation' && v.subjectKind === 'party' && !v.partyId) errors.partyId = t.sessions.form.partyRequired;
  const parsed = SessionPlanSchema.safeParse(toPlan(kind, v));
  if (!parsed.success) {
    const schemaErrors = issuesToErrors(parsed.error.issues, v);
    for (const [field, message] of Object.entries(schemaErrors)) if (!(field in errors)) errors[field] = message;
  }
  return errors;
}
