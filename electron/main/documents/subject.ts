/**
 * The subject of a document: the session a 人民调解记录 is made from, the investigation a 人民调解调查记录 is made from,
 * the agreement a 人民调解协议书, 口头协议登记表 or 司法确认申请书 is made from. Issuing and previewing name it
 * (`subjectId`); every other form is about the case as a whole and takes none.
 */
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  type AgreementRecord,
  DOCUMENT_TEMPLATES,
  type CaseRecord,
  type DocumentTemplateKey,
  SESSION_KINDS,
  type SessionKind,
  type SessionRecord,
} from '../../shared/domain';
import { ApiFailure } from '../../shared/ipc/result';
import type { Workstation } from '../services/workstation';
import { AGREEMENT_SUBJECT_KINDS } from './agreement-extras';
import { printableStatements } from './session-extras';

/** The templates made from one session or investigation, and of which kind it must be. */
export const RECORD_SUBJECT_KINDS: Partial<Record<DocumentTemplateKey, SessionKind>> = {
  'session-record': 'session',
  'investigation-record': 'investigation',
};

export type DocumentSubject = SessionRecord | AgreementRecord;

export const isAgreement = (subject: DocumentSubject | null): subject is AgreementRecord => subject !== null && 'signatures' in subject;
export const isSession = (subject: DocumentSubject | null): subject is SessionRecord => subject !== null && !('signatures' in subject);

const ordinal = (s: Pick<SessionRecord, 'kind' | 'number'>) => `第${s.number}次${SESSION_KINDS[s.kind]}`;

const invalid = (message: string) => new ApiFailure('INVALID_INPUT', message, [{ code: 'INVALID_VALUE', path: ['subjectId'], message }]);

/**
 * The case's agreement a form is made from, checked: it must be the case's agreement and of the form's kind (a
 * 人民调解协议书 and a 司法确认申请书 from a written agreement, a 口头协议登记表 from an oral one). Whether its status
 * allows the form is for the caller (previews of drafts are allowed, issues not). `current` stands in for the stored
 * agreement when given (the agreement taking effect, before it is saved).
 */
async function loadAgreementSubject(ws: Workstation, record: CaseRecord, template: DocumentTemplateKey, subjectId: string | undefined, current?: AgreementRecord): Promise<AgreementRecord> {
  const title = DOCUMENT_TEMPLATES[template].title;
  const kind = AGREEMENT_SUBJECT_KINDS[template]!;
  if (subjectId === undefined) throw invalid(`请选择要出具《${title}》的调解协议`);
  if (!record.agreement || record.agreement.id !== subjectId) throw new ApiFailure('NOT_FOUND', '本案中没有所选的调解协议，请重新选择');
  const agreement = current && current.id === subjectId ? current : await ws.cases.getAgreement(record.id, subjectId);
  if (agreement.kind !== kind) throw invalid(`所选的是${AGREEMENT_KINDS[agreement.kind]}，《${title}》只能针对${AGREEMENT_KINDS[kind]}出具，请重新选择`);
  if (template === 'judicial-confirmation' && agreement.status !== 'effective') {
    throw new ApiFailure('NOT_ALLOWED', `调解协议当前为“${AGREEMENT_STATUSES[agreement.status]}”，协议生效后才能申请司法确认（《${title}》）`);
  }
  return agreement;
}

/**
 * The session, investigation or agreement a document is made from, loaded and checked. A session or investigation
 * must be of the template's kind, under way or over (not merely scheduled, not cancelled), and have something to print
 * (at least one joint statement); an agreement see loadAgreementSubject. Null for the forms that take no subject;
 * naming one for them is refused.
 */
export async function loadSubject(
  ws: Workstation,
  record: CaseRecord,
  template: DocumentTemplateKey,
  subjectId: string | undefined,
  opts: { agreement?: AgreementRecord } = {},
): Promise<DocumentSubject | null> {
  const title = DOCUMENT_TEMPLATES[template].title;
  if (AGREEMENT_SUBJECT_KINDS[template]) return loadAgreementSubject(ws, record, template, subjectId, opts.agreement);
  const kind = RECORD_SUBJECT_KINDS[template];
  if (!kind) {
    if (subjectId !== undefined) throw invalid(`《${title}》不针对某一次调解或调查出具，不能选择调解会次或调查`);
    return null;
  }
  if (subjectId === undefined) throw invalid(kind === 'session' ? '请选择要出具记录的调解会次' : '请选择要出具记录的调查');
  const summary = record.sessions.find((s) => s.id === subjectId);
  if (!summary) throw new ApiFailure('NOT_FOUND', `本案中没有所选的${SESSION_KINDS[kind]}，请重新选择`);
  if (summary.kind !== kind) throw invalid(`所选的是${ordinal(summary)}，《${title}》只能针对${SESSION_KINDS[kind]}出具，请重新选择`);
  const session = await ws.cases.getSession(record.id, subjectId);
  if (session.status === 'scheduled') throw new ApiFailure('NOT_ALLOWED', `${ordinal(session)}尚未开始，不能出具《${title}》`);
  if (session.status === 'cancelled') throw new ApiFailure('NOT_ALLOWED', `${ordinal(session)}已取消，不能出具《${title}》`);
  if (printableStatements(session).length === 0) {
    const what = kind === 'session' ? '共同调解的发言（背对背调解的发言不记入）' : '调查的问答或陈述';
    throw invalid(`${ordinal(session)}还没有可记入《${title}》的${what}，不能出具`);
  }
  return session;
}

/**
 * The title of a version: a record names its session (人民调解记录（第2次调解）), so versions of two sessions differ;
 * a case has one agreement, so its forms keep their own titles.
 */
export function versionTitle(template: DocumentTemplateKey, subject: DocumentSubject | null): string {
  const title = DOCUMENT_TEMPLATES[template].title;
  return isSession(subject) ? `${title}（${ordinal(subject)}）` : title;
}
