import { CASE_STATUSES, getCaseStatus } from './case-actions';
import type { CaseRecord } from './case';
import { DOCUMENT_TEMPLATES, type DocumentTemplateKey } from './document';

/**
 * Which forms a case may be given, once for main (which refuses to issue anything else) and for the renderer (which
 * lists only these at the desk).
 */
export type IssuableCase = Pick<CaseRecord, 'decision' | 'dispute' | 'actions' | 'termination'>;

/**
 * Whether a template may be issued for a case in its current state: the refusal notice only for a refused case, the
 * transfer notice only for a transferred one, the intake and mediation forms (申请书 … 司法确认申请书) only for cases
 * that went on to mediation (not refused or transferred), the 申请书 only for an oral application, the file's covers and index for every case. Returns the
 * reason in Chinese, or null when allowed.
 */
export function templateNotAllowedReason(record: IssuableCase, template: DocumentTemplateKey): string | null {
  const kind = record.decision?.kind ?? null;
  const title = DOCUMENT_TEMPLATES[template].title;
  const status = CASE_STATUSES[getCaseStatus(record.actions)];
  switch (template) {
    case 'refusal-notice':
      return kind === 'refused' ? null : `案件当前状态为“${status}”，只有作出不予受理决定的案件才能出具《${title}》`;
    case 'transfer-notice':
      return kind === 'transferred' ? null : `案件当前状态为“${status}”，只有已转办的案件才能出具《${title}》`;
    case 'application':
      // Only an oral application is written up by the app: for a written one the visitor's own signed 申请书 is the
      // original, and a second, app-made one would only compete with it.
      if (kind === null && record.dispute.applicationForm !== 'oral') return `该案件为书面申请，以当事人提交的申请书为准，不另行出具《${title}》`;
      return kind === null ? null : `该案件已${kind === 'refused' ? '不予受理' : '转办'}，不能出具《${title}》`;
    case 'acceptance-register':
    case 'rights-notice':
      return kind === null ? null : `该案件已${kind === 'refused' ? '不予受理' : '转办'}，不能出具《${title}》`;
    // the forms of mediation itself (their extras — sessions, agreement, follow-up … — are checked as required fields)
    case 'power-of-attorney':
    case 'investigation-record':
    case 'session-record':
    case 'agreement':
    case 'oral-agreement':
    case 'follow-up':
    case 'termination-notice':
    case 'judicial-confirmation':
      if (kind !== null) return `该案件已${kind === 'refused' ? '不予受理' : '转办'}，不能出具《${title}》`;
      if (!record.actions.some((a) => a.type === 'ACCEPTED')) return `案件当前状态为“${status}”，只有已受理调解的案件才能出具《${title}》`;
      // the notice states why and when mediation ended: only a case whose mediation was terminated has that
      if (template === 'termination-notice' && !record.termination) return `案件当前状态为“${status}”，只有已终止调解的案件才能出具《${title}》`;
      return null;
    // the file (卷宗) is compiled for every case, whatever became of it
    case 'file-cover':
    case 'file-index':
    case 'file-back-cover':
      return null;
    default:
      throw new Error(`unknown template ${String(template satisfies never)}`);
  }
}

/** The forms issued at the desk from the case itself (records and the agreement's forms are listed by their subject). */
const DESK_TEMPLATES = ['refusal-notice', 'transfer-notice', 'application', 'acceptance-register', 'rights-notice', 'termination-notice'] as const satisfies readonly DocumentTemplateKey[];

/**
 * The desk forms a case may be given now: a refusal or a transfer gets its notice and nothing else; otherwise the
 * acceptance register and the rights notice, the 申请书 of an oral application, the 终止调解告知书 once terminated.
 */
export function issuableTemplates(record: IssuableCase): DocumentTemplateKey[] {
  return DESK_TEMPLATES.filter((template) => templateNotAllowedReason(record, template) === null);
}
