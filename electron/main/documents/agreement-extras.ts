/**
 * From the agreement as drafted and signed (AgreementRecord) to the extras its documents are printed from: the
 * 人民调解协议书 (AgreementExtras), the 人民调解口头协议登记表 (OralAgreementExtras) and the 司法确认申请书
 * (ConfirmationExtras with the agreement). Pure: the same records always give the same extras.
 *
 * - 纠纷主要事实、争议事项: the facts, one paragraph per line, then the disputed matters (争议事项：……).
 * - The clauses are the structured items rendered by renderClause (the editor shows the same words), amounts kept
 *   apart so that they print in capitals with figures.
 * - 履行方式、时限、地点 sum up the items (performanceSummary; 若干规定 art. 35 (4)).
 * - 本协议一式N份 is the agreement's own count (content.copies; the checks keep it at least parties + 1).
 * - The date under the committee's name is the date it took effect (art. 29); before that a draft shows today's
 *   date (it carries a 草稿 mark) and an approved copy printed for signing on paper a blank to write the date in.
 */
import {
  type AgreementContent,
  type AgreementRecord,
  type CaseRecord,
  type CenterSettings,
  type DocumentTemplateKey,
  isObligation,
  performanceSummary,
  renderClause,
} from '../../shared/domain';
import { chinaDateOf } from '../../shared/format';
import {
  type AgreementExtras,
  type ConfirmationExtras,
  type DocumentExtras,
  type OralAgreementExtras,
  confirmationAttachmentList,
} from './document-data';

/** The templates made from the case's agreement, and of which kind the agreement must be. */
export const AGREEMENT_SUBJECT_KINDS: Partial<Record<DocumentTemplateKey, AgreementRecord['kind']>> = {
  agreement: 'written',
  'oral-agreement': 'oral',
  'judicial-confirmation': 'written',
};

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
/** A typed "1." or "（一）" at the start of a line: the print numbers the points itself. */
const LIST_NUMBER = /^(\d+[.、．)]|[（(][\d一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)\s*/;
const withoutStop = (text: string) => text.replace(/[。；;，,、]+$/, '');

/**
 * 纠纷主要事实、争议事项 as printed: the facts (one paragraph per line), then 争议事项：…… — one matter as a
 * sentence, several numbered （一）……；（二）…… in one paragraph.
 */
export function factsAndMatters(content: Pick<AgreementContent, 'facts' | 'disputedMatters'>): string {
  const facts = lines(content.facts);
  const matters = lines(content.disputedMatters).map((l) => withoutStop(l.replace(LIST_NUMBER, ''))).filter(Boolean);
  const disputed =
    matters.length === 0 ? [] : matters.length === 1 ? [`争议事项：${matters[0]}。`] : [`争议事项：${matters.map((m, i) => `（${CN[i] ?? i + 1}）${m}`).join('；')}。`];
  return [...facts, ...disputed].join('\n');
}

/** 履行方式、时限、地点 of the items; an agreement that obliges nobody to act (costs only) performs as agreed. */
function performanceOf(content: AgreementContent): { manner: string; deadline: string; place: string } {
  const summary = performanceSummary(content);
  const obliges = content.items.some(isObligation);
  return { ...summary, deadline: summary.deadline || (content.items.length > 0 && !obliges ? '本协议生效后按各项约定履行' : '') };
}

/**
 * The date under the committee's name: the date it took effect; for a draft (printed with a 草稿 mark) today; for an
 * approved copy to be signed on paper none (a blank, written in when the last signature or the seal makes it effective).
 */
export function agreementDateOf(agreement: Pick<AgreementRecord, 'status' | 'effectiveOn'>, today: string): string {
  if (agreement.status === 'effective' && agreement.effectiveOn) return agreement.effectiveOn;
  if (agreement.status === 'approved') return '';
  return today;
}

/** Whether the agreement is still being drafted or reviewed (its prints carry a 草稿 mark). */
export function isDraftAgreement(agreement: Pick<AgreementRecord, 'status'>): boolean {
  return agreement.status === 'draft' || agreement.status === 'in_review' || agreement.status === 'returned';
}

/** The 人民调解协议书 of a written agreement. */
export function agreementExtras(record: Pick<CaseRecord, 'parties'>, agreement: AgreementRecord, today: string): AgreementExtras {
  const c = agreement.content;
  const performance = performanceOf(c);
  return {
    number: agreement.number,
    facts: factsAndMatters(c),
    ...(c.responsibility.trim() ? { responsibility: c.responsibility.trim() } : {}),
    clauses: c.items.map((item) => renderClause(item, record.parties)),
    performance: { manner: performance.manner, deadline: performance.deadline, ...(performance.place ? { place: performance.place } : {}) },
    ...(c.breach.trim() ? { breach: c.breach.trim() } : {}),
    copies: c.copies,
    date: agreementDateOf(agreement, today),
    ...(agreement.status === 'effective' && agreement.effectiveOn ? { effectiveOn: agreement.effectiveOn } : {}),
    mediatorIds: [...agreement.mediatorIds],
    recorderId: agreement.recorderId,
  };
}

/**
 * The day an oral agreement was registered: the day its register (the signed version made on registration) was
 * issued; today before that (or when that version cannot be found).
 */
function registeredOn(record: Pick<CaseRecord, 'documents'>, agreement: AgreementRecord, today: string): string {
  const issued = agreement.signedDocumentId ? record.documents.find((d) => d.id === agreement.signedDocumentId) : undefined;
  return issued ? chinaDateOf(issued.createdAt) : today;
}

/** The 人民调解口头协议登记表 of an oral agreement (人民调解法 art. 28: the mediator records its content). */
export function oralAgreementExtras(record: Pick<CaseRecord, 'parties' | 'documents'>, agreement: AgreementRecord, today: string): OralAgreementExtras {
  const c = agreement.content;
  const p = performanceOf(c);
  const performance = [`履行方式：${p.manner}`, p.deadline ? `履行期限：${p.deadline}` : '', p.place ? `履行地点：${p.place}` : ''].filter(Boolean).join('\n');
  return {
    reachedOn: c.reachedOn,
    place: c.place.trim(),
    summary: factsAndMatters(c),
    clauses: c.items.map((item) => renderClause(item, record.parties)),
    performance: c.items.length ? performance : '',
    mediatorIds: [...agreement.mediatorIds],
    registrarId: agreement.recorderId,
    registeredOn: registeredOn(record, agreement, today),
  };
}

/** The 司法确认申请书: to the basic-level court of the settings, applied for today, with the materials of art. 3. */
export function confirmationExtras(record: Pick<CaseRecord, 'parties' | 'agents'>, agreement: AgreementRecord, settings: Pick<CenterSettings, 'courtName'>, today: string): ConfirmationExtras {
  return { courtName: settings.courtName.trim(), appliedOn: today, attachments: confirmationAttachmentList(record, agreement.number) };
}

/** The extras of a form made from the case's agreement (none for the other forms). */
export function agreementDocumentExtras(template: DocumentTemplateKey, record: CaseRecord, agreement: AgreementRecord, settings: CenterSettings, today: string): DocumentExtras {
  switch (template) {
    case 'agreement':
      return { agreement: agreementExtras(record, agreement, today) };
    case 'oral-agreement':
      return { oralAgreement: oralAgreementExtras(record, agreement, today) };
    case 'judicial-confirmation':
      return { agreement: agreementExtras(record, agreement, today), confirmation: confirmationExtras(record, agreement, settings, today) };
    default:
      return {};
  }
}
