/**
 * What issuing and previewing share: the template's definition, whether the form fits the case, its subject (a
 * session, an investigation, the agreement), the data it is filled from, and — for the agreement — what the copy
 * carries besides (a 草稿 mark on a draft, the signatures and the seal once given).
 */
import { AGREEMENT_STATUSES, DOCUMENT_TEMPLATES, type AgreementRecord, type CaseRecord, type CenterSettings, type DocumentTemplateKey } from '../../shared/domain';
import { templateNotAllowedReason } from '../../shared/domain/issuable';
import type { IssueDocumentInput } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import { addDays } from '../../shared/validation/dates';
import type { Workstation } from '../services/workstation';
import { TEMPLATES } from '../../../templates';
import { agreementDocumentExtras, isDraftAgreement } from './agreement-extras';
import { type AgreementStamps, loadAgreementMarks } from './agreement-marks';
import { checkDefinition, findMissingFields } from './check';
import { CONFIRMATION_DAYS, buildDocumentData } from './document-data';
import { type DocField, type DocumentData, LIST_FIELDS, SCALAR_FIELDS, type TemplateDefinition } from './model';
import type { RenderOptions } from './render-pdf';
import { recordExtras } from './session-extras';
import { type DocumentSubject, isAgreement, isSession, loadSubject } from './subject';

const checkedDefinitions = new Set<DocumentTemplateKey>();

/** The definition of a template, checked once per process (a broken definition is a programming error). */
export function templateDefinition(key: DocumentTemplateKey): TemplateDefinition {
  const def = TEMPLATES[key];
  if (!def) throw new ApiFailure('NOT_FOUND', '没有这种文书格式');
  if (!checkedDefinitions.has(key)) {
    const problems = checkDefinition(def);
    if (problems.length) throw new Error(`template ${key} is invalid: ${problems.join('; ')}`);
    checkedDefinitions.add(key);
  }
  return def;
}

/** What a document is made from, checked: the case as it is now, its subject, the data, what the copy carries. */
export interface PreparedDocument {
  def: TemplateDefinition;
  record: CaseRecord;
  /** The session of a record, the agreement of the agreement's forms; null for the others. */
  subject: DocumentSubject | null;
  data: DocumentData;
  /** What the PDF carries besides the data: the 草稿 mark of a draft, the signatures and the seal of the agreement. */
  render: Omit<RenderOptions, 'createdAt'>;
  /** The signatures and the seal printed, for the data snapshot (null when the form prints none). */
  stamps: AgreementStamps | null;
  /**
   * The signed original of an agreement that took effect (the 人民调解协议书 with its signatures and seal, or the 口头协议
   * 登记表 of a registered oral agreement): signed with the center's certificate and named by agreement.signedDocumentId.
   */
  signedOriginal: boolean;
}

export interface PrepareOptions {
  /** A preview may show a draft agreement (marked 草稿); an issue may not. */
  mode?: 'issue' | 'preview';
  /** The agreement as it is about to be saved (taking effect), instead of the stored one. */
  agreement?: AgreementRecord;
}

const DRAFT_BLANK = '（待填写）';

/** A draft's required fields that are still empty print as （待填写） instead of stopping the preview. */
function withBlanksMarked(def: TemplateDefinition, data: DocumentData): DocumentData {
  const out: Record<string, unknown> = { ...data };
  const scalars = new Set<DocField>(SCALAR_FIELDS);
  const lists = new Set<DocField>(LIST_FIELDS);
  for (const field of def.requires) {
    const value = out[field];
    if (scalars.has(field) && typeof value === 'string' && !value.trim()) out[field] = DRAFT_BLANK;
    if (lists.has(field) && Array.isArray(value) && value.length === 0) out[field] = [DRAFT_BLANK];
  }
  return out as unknown as DocumentData;
}

/** The version of the agreement's form already issued as its signed original, if any. */
function signedVersionOf(record: CaseRecord, agreement: AgreementRecord) {
  return agreement.signedDocumentId ? record.documents.find((d) => d.id === agreement.signedDocumentId) : undefined;
}

/**
 * When a form made from the agreement may be issued or previewed (the status; the court and the 30-day period of a
 * judicial-confirmation application). Returns whether it is a draft (previewed with a 草稿 mark) and whether an
 * issue makes the signed original.
 */
function agreementRules(record: CaseRecord, template: DocumentTemplateKey, agreement: AgreementRecord, settings: CenterSettings, mode: 'issue' | 'preview', today: string) {
  const title = DOCUMENT_TEMPLATES[template].title;
  if (template === 'judicial-confirmation') {
    if (!settings.courtName.trim()) {
      const message = '请先在“中心设置”中填写受理司法确认的基层人民法院（人民调解委员会所在地的基层人民法院）';
      throw new ApiFailure('INVALID_INPUT', message, [{ code: 'REQUIRED', path: ['courtName'], message: '缺少司法确认管辖法院' }], { missing: ['center.courtName'] });
    }
    const due = addDays(agreement.effectiveOn!, CONFIRMATION_DAYS);
    if (today > due) {
      throw new ApiFailure('NOT_ALLOWED', `调解协议于${agreement.effectiveOn}生效，申请司法确认的三十日期限已于${due}届满（《中华人民共和国人民调解法》第三十三条），不能再出具《${title}》`);
    }
    return { draft: false, signedOriginal: false };
  }
  const draft = isDraftAgreement(agreement);
  const effective = agreement.status === 'effective';
  if (mode === 'issue') {
    if (draft) {
      const what = agreement.kind === 'oral' ? '口头协议尚未登记' : '调解协议尚未审核通过';
      throw new ApiFailure('NOT_ALLOWED', `${what}（当前为“${AGREEMENT_STATUSES[agreement.status]}”），只能预览，不能出具《${title}》`);
    }
    const signed = effective ? signedVersionOf(record, agreement) : undefined;
    if (signed) throw new ApiFailure('NOT_ALLOWED', `调解协议已生效，签章文本已出具（《${signed.title}》第${signed.version}版），请在文书列表中打开或打印`);
  }
  return { draft, signedOriginal: mode === 'issue' && effective };
}

/**
 * The checks and the data shared by issuing and previewing: the form must fit the case (templateNotAllowedReason), a
 * record must name a session of its kind that has something to print and an agreement form the case's agreement
 * (loadSubject), and nothing the form needs may be missing (checkRequiredFields, by name) — except on the preview of a
 * draft agreement, which shows （待填写） where something is still missing. The extras come from the session, the
 * agreement and the case's termination.
 */
export async function prepareDocument(ws: Workstation, input: IssueDocumentInput, settings: CenterSettings, opts: PrepareOptions = {}): Promise<PreparedDocument> {
  const mode = opts.mode ?? 'issue';
  const def = templateDefinition(input.template);
  const record = await ws.cases.get(input.caseId);
  const refused = templateNotAllowedReason(record, input.template);
  if (refused) throw new ApiFailure('NOT_ALLOWED', refused);
  const subject = await loadSubject(ws, record, input.template, input.subjectId, opts.agreement ? { agreement: opts.agreement } : {});
  const today = ws.clock.today();
  const agreement = isAgreement(subject) ? subject : null;
  const rules = agreement ? agreementRules(record, input.template, agreement, settings, mode, today) : { draft: false, signedOriginal: false };
  const extras = {
    ...recordExtras(record, isSession(subject) ? subject : null, today),
    ...(agreement ? agreementDocumentExtras(input.template, record, agreement, settings, today) : {}),
  };
  let data = buildDocumentData({ record, settings, staff: ws.state.data.staff, today, extras });
  const missing = findMissingFields(def, data);
  if (missing.length && !rules.draft) {
    const what = isSession(subject) ? '记录' : agreement ? '调解协议或案件' : '案件';
    // The case's gaps are issues of the input; the center settings' gaps are named by key for the screen to link to.
    const caseGaps = missing.filter((m) => m.setting === null);
    const settingGaps = [...new Set(missing.flatMap((m) => (m.setting ? [m.setting] : [])))];
    throw new ApiFailure(
      'INVALID_INPUT',
      `无法出具《${def.title}》，${what}缺少以下信息：${missing.map((m) => m.label).join('、')}`,
      caseGaps.map((m) => ({ code: 'REQUIRED', path: [subject ? 'subjectId' : 'caseId'], message: `缺少${m.label}` })),
      settingGaps.length ? { missing: settingGaps } : {},
    );
  }
  if (rules.draft) data = withBlanksMarked(def, data);

  const render: PreparedDocument['render'] = rules.draft
    ? { draft: { watermark: '草稿', note: `草稿（${AGREEMENT_STATUSES[agreement!.status]}）：仅供核对，不作为协议文本签署` } }
    : {};
  let stamps: AgreementStamps | null = null;
  if (agreement && input.template === 'agreement' && (agreement.signatures.length > 0 || agreement.seal)) {
    const marks = await loadAgreementMarks(ws, agreement);
    if (rules.signedOriginal && agreement.seal && !marks.seal) {
      throw new ApiFailure('NOT_ALLOWED', '尚未设置人民调解委员会印章图片，请在“人员与设置”中上传后再出具签章文本', undefined, { missing: ['center.seal'] });
    }
    render.signatures = marks.signatures;
    if (marks.seal) render.seal = marks.seal;
    stamps = marks.stamps;
  }
  return { def, record, subject, data, render, stamps, signedOriginal: rules.signedOriginal };
}
