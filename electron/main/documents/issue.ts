/**
 * Issuing documents (出具文书). Each issue renders a template from the case as it is now, to PDF (for printing and
 * signing) and DOCX (for editing), stores both and the data they were made from as write-once files in the case's
 * documents/ folder, and appends a DocumentVersion to the case naming each file with its SHA-256 (with an audit entry).
 * Nothing is ever overwritten: issuing again makes the next version.
 *
 * The agreement's forms are made from the case's agreement (`subjectId`). The 人民调解协议书 of an agreement that took
 * effect is its signed original (DocumentVersion.signed): made once, when it takes effect (onAgreementEffective, the
 * hook this module registers with the agreement service when it loads), with the signatures and the seal, and signed
 * with the center's certificate.
 */
import { isTampered } from '../storage/sealed-fs';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AgreementRecord, CaseRecord, CenterSettings, DocumentTemplateKey, DocumentVersion, Staff } from '../../shared/domain';
import type { AgreementView, DocumentFile, IssuedDocument } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import { agreementHooks, getAgreement } from '../services/agreements';
import { RevisionConflictError } from '../storage/case-store';
import type { Workstation } from '../services/workstation';
import { type AgreementStamps, signWithCenterCertificate } from './agreement-marks';
import type { DocumentData } from './model';
import { type PrepareOptions, type PreparedDocument, prepareDocument } from './prepare';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';
import { isAgreement, isSession, versionTitle } from './subject';
import { sha256Hex } from '../storage/sha256';

export { type PreparedDocument, prepareDocument, templateDefinition } from './prepare';

export interface IssueDocumentInput {
  caseId: string;
  template: DocumentTemplateKey;
  /**
   * The session (人民调解记录) or investigation (调查记录) a record is made from, the agreement the 人民调解协议书, the
   * 口头协议登记表 and the 司法确认申请书 are made from; required for those, refused for the others.
   */
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

/** What is stored next to each PDF and DOCX (same file stem, .json): the exact data the document was rendered from. */
export interface DocumentSnapshot {
  template: DocumentTemplateKey;
  templateVersion: number;
  version: number;
  caseId: string;
  caseRevision: number;
  /** The session, investigation or agreement the document was made from (null for the other forms). */
  subjectId: string | null;
  /** Its revision when the document was made (null for the other forms). */
  subjectRevision: number | null;
  createdAt: string;
  createdBy: string;
  data: DocumentData;
  /** The signed original of an agreement (DocumentVersion.signed). */
  signed: boolean;
  /** The signatures and the seal printed on the agreement (their images by SHA-256); null on other forms. */
  stamps: AgreementStamps | null;
  /** SHA-256 fingerprint of the certificate the PDF was signed with (null when not signed). */
  certificateSha256: string | null;
}


/** How often an issue is retried when the case changed between reading it and recording the new version. */
const MAX_ATTEMPTS = 3;

/** The reason written into the PDF signature of a signed original. */
const SIGNING_REASONS: Partial<Record<DocumentTemplateKey, string>> = {
  agreement: '人民调解协议书签章',
  'oral-agreement': '人民调解口头协议登记',
};

interface MadeVersion {
  document: DocumentVersion;
  pdf: Buffer;
  prepared: PreparedDocument;
}

/**
 * Makes one version: renders the PDF (a signed original with its signatures and seal, then signed with the center's
 * certificate) and the DOCX, stores them and the data snapshot as write-once files, registers the files' SHA-256 for
 * "verify a document", then records the version in the case with its audit entry. Retried from the start when the
 * case changed in between, so that the version number and the content match the record.
 */
async function makeVersion(ws: Workstation, input: IssueDocumentInput, actor: Staff, settings: CenterSettings, opts: PrepareOptions = {}): Promise<MadeVersion> {
  for (let attempt = 1; ; attempt++) {
    const prepared = await prepareDocument(ws, input, settings, { ...opts, mode: 'issue' });
    const { def, record, subject, data } = prepared;
    const subjectId = subject?.id ?? null;

    const now = ws.clock.now();
    // versions count per form and per subject: the 2nd session's first record is its version 1
    const version = record.documents.filter((d) => d.template === input.template && d.subjectId === subjectId).length + 1;
    const stem = `${input.template}${isSession(subject) ? `-n${subject.number}` : ''}${prepared.signedOriginal ? '-signed' : ''}-v${version}-${randomBytes(4).toString('hex')}`;
    const title = versionTitle(input.template, subject);
    let pdf = await renderPdf(def, data, { createdAt: now, ...prepared.render });
    let certificateSha256: string | null = null;
    if (prepared.signedOriginal) ({ pdf, certificateSha256 } = await signWithCenterCertificate(ws, pdf, settings, SIGNING_REASONS[input.template] ?? def.title));
    // The DOCX is the editable text: it never carries the signatures or the seal (an editable file with the seal
    // and people's handwriting in it could be made into anything); the signed original is the PDF.
    const docx = await renderDocx(def, data, { createdAt: now });
    const hash = sha256Hex(pdf);
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
      signed: prepared.signedOriginal,
      stamps: prepared.stamps,
      certificateSha256,
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
        { format: 'docx', file: `${stem}.docx`, sha256: sha256Hex(docx) },
      ],
      data: { file: `${stem}.json`, sha256: sha256Hex(snapshotBytes) },
      ...(prepared.signedOriginal ? { signed: true } : {}),
    };
    const detail = prepared.signedOriginal
      ? `出具《${title}》第${version}版（签章原件：${prepared.stamps ? '印有签名和人民调解委员会印章，' : ''}已用中心证书数字签名；PDF SHA-256 ${hash}）`
      : `出具《${title}》第${version}版（SHA-256 前12位 ${hash.slice(0, 12)}）`;
    try {
      // The files, their fingerprints and the record naming them: one unit of work, all or nothing. A stale case
      // writes none of them.
      const { record: updated } = await ws.cases.commit(record.id, {
        files: [
          { area: 'documents', name: `${stem}.json`, data: snapshotBytes },
          { area: 'documents', name: `${stem}.pdf`, data: pdf },
          { area: 'documents', name: `${stem}.docx`, data: docx },
        ],
        issued: doc.files.map((f) => ({ sha256: f.sha256, documentId: doc.id })),
        case: {
          expectedRevision: record.revision,
          change: (current) => ({ ...current, updatedAt: doc.createdAt, documents: [...current.documents, doc] }),
          audit: { actorId: actor.id, actorName: actor.name, action: 'documents:issue', detail },
        },
      });
      return { document: updated.documents.find((d) => d.id === doc.id)!, pdf, prepared };
    } catch (error) {
      // The case changed while the document was being made (another window issued or edited): make it again from
      // the new state (nothing of this attempt was written).
      if (error instanceof RevisionConflictError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** Names the signed original in an agreement that took effect without one (its making had failed then). */
async function linkSignedOriginal(ws: Workstation, caseId: string, agreementId: string, document: DocumentVersion, actor: Staff): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await ws.cases.getAgreement(caseId, agreementId);
    if (current.signedDocumentId) return;
    try {
      await ws.cases.saveAgreement(caseId, current.revision, { ...current, signedDocumentId: document.id, updatedAt: ws.clock.now().toISOString() }, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'agreements:signed-document',
        detail: `调解协议的签章文本：《${document.title}》第${document.version}版`,
      });
      return;
    } catch (error) {
      if (error instanceof RevisionConflictError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

export async function issueDocument(ws: Workstation, input: IssueDocumentInput, actor: Staff): Promise<IssuedDocument> {
  const settings = ws.state.data.settings;
  if (!settings) throw new ApiFailure('SETUP_REQUIRED', '请先完成中心初始设置');
  const { document, pdf, prepared } = await makeVersion(ws, input, actor, settings);
  const agreement = isAgreement(prepared.subject) ? prepared.subject : null;
  if (prepared.signedOriginal && agreement && !agreement.signedDocumentId) await linkSignedOriginal(ws, agreement.caseId, agreement.id, document, actor);
  return { document, pdfBase64: pdf.toString('base64'), intact: true };
}

/**
 * agreementHooks.onEffective: when a written agreement takes effect (the last signature or the seal) its signed
 * original is made — the 人民调解协议书 with every captured signature in its box, the notes of those made on paper and
 * the committee seal over the date, signed with the center's certificate — and named in the agreement; when an oral
 * agreement is registered, its 口头协议登记表. The agreement takes effect by law whatever becomes of the PDF: should
 * making it fail, the agreement is returned without it, and issuing the form later makes it (and reports why not).
 */
export async function onAgreementEffective(ws: Workstation, record: CaseRecord, agreement: AgreementRecord, actor: Staff): Promise<AgreementRecord> {
  const settings = ws.state.data.settings;
  if (!settings || agreement.status !== 'effective' || agreement.signedDocumentId) return agreement;
  const template = agreement.kind === 'written' ? 'agreement' : 'oral-agreement';
  try {
    const { document } = await makeVersion(ws, { caseId: record.id, template, subjectId: agreement.id }, actor, settings, { agreement });
    return { ...agreement, signedDocumentId: document.id };
  } catch (error) {
    console.error(`[documents] the signed ${template} of case ${record.id} could not be made:`, error instanceof ApiFailure ? error.message : error);
    return agreement;
  }
}

/** Registers the documents' part of an agreement taking effect (idempotent; done when this module loads). */
export function registerAgreementDocuments(): void {
  agreementHooks.onEffective = onAgreementEffective;
}
registerAgreementDocuments();

/**
 * A stored file of a document; null when it is missing, 'tampered' when it fails authentication (changed outside the
 * app: never served); any other read error is thrown.
 */
async function readStored(ws: Workstation, caseId: string, file: string): Promise<Buffer | null | 'tampered'> {
  try {
    return await ws.cases.getFile(caseId, 'documents', file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (isTampered(error)) return 'tampered';
    throw error;
  }
}

const tamperedFile = (doc: DocumentVersion) =>
  new ApiFailure('STORE_CORRUPT', `《${doc.title}》第${doc.version}版的文件未通过完整性校验（已损坏或在本软件之外被改动），未予显示，请联系管理员从备份恢复`);

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
  if (bytes === 'tampered') throw tamperedFile(doc);
  let intact = sha256Hex(bytes) === file.sha256;
  // The other files of the version (the DOCX; versions issued before DOCX existed have none) must match too.
  for (const other of doc.files) {
    if (other === file) continue;
    const stored = await readStored(ws, record.id, other.file);
    if (!stored || stored === 'tampered' || sha256Hex(stored) !== other.sha256) intact = false;
  }
  // The data it was made from is part of the record too: a changed or missing snapshot also counts as tampering.
  const data = await ws.cases.getFile(record.id, 'documents', doc.data.file).catch(() => null);
  intact = intact && data !== null && sha256Hex(data) === doc.data.sha256;
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
  if (bytes === 'tampered') throw tamperedFile(doc);
  const suggestedName = `${doc.title}-${record.caseNumber}-第${doc.version}版.${file.format}`.replace(UNSAFE_NAME, '_');
  return { document: doc, format: file.format, file: file.file, suggestedName, base64: bytes.toString('base64'), intact: sha256Hex(bytes) === file.sha256 };
}

/**
 * The signed original of an agreement that took effect while no sealer's password was at hand (the last party
 * signed after the seal; an oral agreement registered by a mediator): a sealer makes it now, in the call their
 * password confirmed (agreements:issue-signed).
 */
export async function issueSignedOriginal(ws: Workstation, input: { caseId: string }, actor: Staff): Promise<AgreementView> {
  const view = await getAgreement(ws, input);
  const agreement = view.agreement;
  if (!agreement || agreement.status !== 'effective') throw new ApiFailure('NOT_ALLOWED', '调解协议尚未生效，没有签章文本可出具');
  if (!agreement.signedDocumentId) {
    await issueDocument(ws, { caseId: input.caseId, template: agreement.kind === 'written' ? 'agreement' : 'oral-agreement', subjectId: agreement.id }, actor);
  }
  return getAgreement(ws, input);
}
