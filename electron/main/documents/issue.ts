/**
 * Issuing documents (出具文书). Each issue renders a template from the case as it is now, to PDF (for printing and
 * signing) and DOCX (for editing), stores both and the data they were made from as write-once files in the case's
 * documents/ folder, and appends a DocumentVersion to the case naming each file with its SHA-256 (with an audit entry).
 * Nothing is ever overwritten: issuing again makes the next version.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  CASE_STATUSES,
  DOCUMENT_TEMPLATES,
  type CaseRecord,
  type CenterSettings,
  type DocumentTemplateKey,
  type DocumentVersion,
  type SessionRecord,
  type Staff,
  getCaseStatus,
} from '../../shared/domain';
import type { DocumentFile, IssuedDocument } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import { RevisionConflictError } from '../storage/case-store';
import type { Workstation } from '../services/workstation';
import { TEMPLATES } from '../../../templates';
import { checkDefinition, checkRequiredFields } from './check';
import { buildDocumentData } from './document-data';
import type { DocumentData, TemplateDefinition } from './model';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';
import { recordExtras } from './session-extras';
import { loadSubject, versionTitle } from './subject';

export interface IssueDocumentInput {
  caseId: string;
  template: DocumentTemplateKey;
  /** The session (人民调解记录) or investigation (调查记录) a record is made from; required for those two, refused for the others. */
  subjectId?: string;
}

export interface ReadDocumentInput {
  caseId: string;
  documentId: string;
}

export type DocumentFormat = DocumentVersion['files'][number]['format'];

export interface ReadDocumentFileInput extends ReadDocumentInput {
  format: DocumentFormat;
}

/** One stored file of an issued document, checked against its recorded SHA-256. */

/** What is stored next to each PDF and DOCX (same file stem, .json): the exact data the document was rendered from. */
export interface DocumentSnapshot {
  template: DocumentTemplateKey;
  templateVersion: number;
  version: number;
  caseId: string;
  caseRevision: number;
  /** The session or investigation a record was made from (null for the other forms). */
  subjectId: string | null;
  /** Its revision when the record was made (null for the other forms). */
  subjectRevision: number | null;
  createdAt: string;
  createdBy: string;
  data: DocumentData;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

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

/**
 * Whether a template may be issued for a case in its current state: the refusal notice only for a refused case, the
 * transfer notice only for a transferred one, the intake and mediation forms (申请书 … 司法确认申请书) only for cases
 * that went on to mediation (not refused or transferred), the file's covers and index for every case. Returns the
 * reason in Chinese, or null when allowed.
 */
export function templateNotAllowedReason(record: CaseRecord, template: DocumentTemplateKey): string | null {
  const kind = record.decision?.kind ?? null;
  const title = DOCUMENT_TEMPLATES[template].title;
  const status = CASE_STATUSES[getCaseStatus(record.actions)];
  switch (template) {
    case 'refusal-notice':
      return kind === 'refused' ? null : `案件当前状态为“${status}”，只有作出不予受理决定的案件才能出具《${title}》`;
    case 'transfer-notice':
      return kind === 'transferred' ? null : `案件当前状态为“${status}”，只有已转办的案件才能出具《${title}》`;
    case 'application':
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

/** What a document is made from, checked: the case as it is now, the session of a record, the data. */
export interface PreparedDocument {
  def: TemplateDefinition;
  record: CaseRecord;
  subject: SessionRecord | null;
  data: DocumentData;
}

/**
 * The checks and the data shared by issuing and previewing: the form must fit the case (templateNotAllowedReason), a
 * record must name a session of its kind that has something to print (loadSubject), and nothing the form needs may be
 * missing (checkRequiredFields, by name). The extras come from the session and from the case's termination.
 */
export async function prepareDocument(ws: Workstation, input: IssueDocumentInput, settings: CenterSettings): Promise<PreparedDocument> {
  const def = templateDefinition(input.template);
  const record = await ws.cases.get(input.caseId);
  const refused = templateNotAllowedReason(record, input.template);
  if (refused) throw new ApiFailure('NOT_ALLOWED', refused);
  const subject = await loadSubject(ws, record, input.template, input.subjectId);
  const today = ws.clock.today();
  const data = buildDocumentData({ record, settings, staff: ws.state.data.staff, today, extras: recordExtras(record, subject, today) });
  const missing = checkRequiredFields(def, data);
  if (missing.length) {
    const what = subject ? '记录' : '案件';
    throw new ApiFailure('INVALID_INPUT', `无法出具《${def.title}》，${what}缺少以下信息：${missing.join('、')}`, missing.map((m) => ({ code: 'REQUIRED', path: [subject ? 'subjectId' : 'caseId'], message: `缺少${m}` })));
  }
  return { def, record, subject, data };
}

/** How often an issue is retried when the case changed between reading it and recording the new version. */
const MAX_ATTEMPTS = 3;

export async function issueDocument(ws: Workstation, input: IssueDocumentInput, actor: Staff): Promise<IssuedDocument> {
  const settings = ws.state.data.settings;
  if (!settings) throw new ApiFailure('SETUP_REQUIRED', '请先完成中心初始设置');
  for (let attempt = 1; ; attempt++) {
    const { def, record, subject, data } = await prepareDocument(ws, input, settings);
    const subjectId = subject?.id ?? null;

    const now = ws.clock.now();
    // versions count per form and, for a record, per session: the 2nd session's first record is its version 1
    const version = record.documents.filter((d) => d.template === input.template && d.subjectId === subjectId).length + 1;
    const stem = `${input.template}${subject ? `-n${subject.number}` : ''}-v${version}-${randomBytes(4).toString('hex')}`;
    const title = versionTitle(input.template, subject);
    const pdf = await renderPdf(def, data, { createdAt: now });
    const docx = await renderDocx(def, data, { createdAt: now });
    const hash = sha256(pdf);
    const snapshot: DocumentSnapshot = {
      template: input.template,
      templateVersion: def.version,
      version,
      caseId: record.id,
      caseRevision: record.revision,
      subjectId,
      subjectRevision: subject?.revision ?? null,
      createdAt: now.toISOString(),
      createdBy: actor.id,
      data,
    };
    const snapshotBytes = new TextEncoder().encode(JSON.stringify(snapshot, null, 2));
    const doc: DocumentVersion = {
      id: randomUUID(),
      caseId: record.id,
      template: input.template,
      templateVersion: def.version,
      version,
      subjectId,
      title,
      createdAt: now.toISOString(),
      createdBy: actor.id,
      files: [
        { format: 'pdf', file: `${stem}.pdf`, sha256: hash },
        { format: 'docx', file: `${stem}.docx`, sha256: sha256(docx) },
      ],
      data: { file: `${stem}.json`, sha256: sha256(snapshotBytes) },
    };
    // Files first, then the record: a crash in between leaves unreferenced files, never a record naming a missing file.
    await ws.cases.putFile(record.id, 'documents', `${stem}.json`, snapshotBytes);
    await ws.cases.putFile(record.id, 'documents', `${stem}.pdf`, pdf);
    await ws.cases.putFile(record.id, 'documents', `${stem}.docx`, docx);
    try {
      const updated = await ws.cases.update(
        record.id,
        record.revision,
        (current) => ({ ...current, updatedAt: doc.createdAt, documents: [...current.documents, doc] }),
        {
          actorId: actor.id,
          actorName: actor.name,
          action: 'documents:issue',
          detail: `出具《${title}》第${version}版（SHA-256 前12位 ${hash.slice(0, 12)}）`,
        },
      );
      const stored = updated.documents.find((d) => d.id === doc.id)!;
      return { document: stored, pdfBase64: pdf.toString('base64'), intact: true };
    } catch (error) {
      // The case changed while the document was being made (another window issued or edited): make it again from
      // the new state, so that the version number and the content match the record. The files of this attempt stay
      // behind unreferenced (the store never deletes).
      if (error instanceof RevisionConflictError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** A stored file of a document, or null when it is missing; any other read error is thrown. */
async function readStored(ws: Workstation, caseId: string, file: string): Promise<Buffer | null> {
  try {
    return await ws.cases.getFile(caseId, 'documents', file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function findDocument(ws: Workstation, input: ReadDocumentInput): Promise<{ record: CaseRecord; doc: DocumentVersion }> {
  const record = await ws.cases.get(input.caseId);
  const doc = record.documents.find((d) => d.id === input.documentId);
  if (!doc) throw new ApiFailure('NOT_FOUND', '未找到该文书');
  return { record, doc };
}

const missingFile = (doc: DocumentVersion) => new ApiFailure('STORE_CORRUPT', `《${doc.title}》第${doc.version}版的文件缺失，请联系管理员从备份恢复`);

/**
 * Reads an issued document back, checking every stored file (the PDF, the DOCX, the data snapshot) against the
 * SHA-256 recorded at issue, and returns the PDF. A file that no longer matches, or a DOCX or snapshot that has gone,
 * makes `intact: false` (the user must see that it was altered); a missing PDF is an error (there is nothing to show).
 */
export async function readDocument(ws: Workstation, input: ReadDocumentInput): Promise<IssuedDocument> {
  const { record, doc } = await findDocument(ws, input);
  const file = doc.files.find((f) => f.format === 'pdf');
  if (!file) throw new ApiFailure('NOT_FOUND', `《${doc.title}》第${doc.version}版没有PDF文件`);
  const bytes = await readStored(ws, record.id, file.file);
  if (!bytes) throw missingFile(doc);
  let intact = sha256(bytes) === file.sha256;
  // The other files of the version (the DOCX; versions issued before DOCX existed have none) must match too.
  for (const other of doc.files) {
    if (other === file) continue;
    const stored = await readStored(ws, record.id, other.file);
    if (!stored || sha256(stored) !== other.sha256) intact = false;
  }
  // The data it was made from is part of the record too: a changed or missing snapshot also counts as tampering.
  const data = await ws.cases.getFile(record.id, 'documents', doc.data.file).catch(() => null);
  intact = intact && data !== null && sha256(data) === doc.data.sha256;
  return { document: doc, pdfBase64: bytes.toString('base64'), intact };
}

/** Characters that cannot stand in a file name on Windows (or anywhere): replaced in suggested names. */
const UNSAFE_NAME = /[\\/:*?"<>|\u0000-\u001f]/g;

/**
 * One stored file of an issued document (the DOCX for editing, or the PDF), checked against its own SHA-256: for
 * "save a copy" / "open in Word". The document as a whole is checked by readDocument.
 */
export async function readDocumentFile(ws: Workstation, input: ReadDocumentFileInput): Promise<DocumentFile> {
  const { record, doc } = await findDocument(ws, input);
  const file = doc.files.find((f) => f.format === input.format);
  if (!file) throw new ApiFailure('NOT_FOUND', `《${doc.title}》第${doc.version}版没有${input.format === 'docx' ? 'Word（DOCX）' : 'PDF'}文件`);
  const bytes = await readStored(ws, record.id, file.file);
  if (!bytes) throw missingFile(doc);
  const suggestedName = `${doc.title}-${record.caseNumber}-第${doc.version}版.${file.format}`.replace(UNSAFE_NAME, '_');
  return { document: doc, format: file.format, file: file.file, suggestedName, base64: bytes.toString('base64'), intact: sha256(bytes) === file.sha256 };
}
