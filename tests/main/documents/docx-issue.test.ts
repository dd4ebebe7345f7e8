/**
 * Issuing stores the DOCX next to the PDF, write-once and hashed; reading a document back verifies the DOCX too, and
 * readDocumentFile hands out either file with its own check.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDocument, readDocument, readDocumentFile } from '../../../electron/main/documents/issue';
import { acceptCase } from '../../../electron/main/services/decisions';
import type { Workstation } from '../../../electron/main/services/workstation';
import type { CaseRecord, Staff } from '../../../electron/shared/domain';
import { ApiFailure } from '../../../electron/shared/ipc/result';
import { oralRoadTrafficCaseInput } from '../../fixtures/cases';
import { call, makeTempDir, openWorkstation, removeDir, setUp, storeFiles } from '../../fixtures/workstation';

let dir: string;
let ws: Workstation;
let admin: Staff;
let accepted: CaseRecord;

const documentsDir = (caseId: string) => path.join(dir, 'cases', caseId, 'documents');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function failure(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiFailure) return error;
    throw error;
  }
  throw new Error('expected an ApiFailure');
}

beforeAll(async () => {
  dir = await makeTempDir('documents-docx-');
  ws = await openWorkstation(dir);
  admin = await setUp(ws);
  const settings = await call(ws, 'settings:get');
  await call(ws, 'settings:update', { ...settings, phone: '0579-85181234', address: '浙江省义乌市稠城街道县前街1号' });
  const created = await call(ws, 'cases:create', oralRoadTrafficCaseInput());
  accepted = await acceptCase(ws, { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' }, admin);
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await removeDir(dir);
});

describe('the DOCX of an issued document', () => {
  it('is stored next to the PDF with the same stem, and recorded with its SHA-256', async () => {
    const issued = await issueDocument(ws, { caseId: accepted.id, template: 'acceptance-register' }, admin);
    const [pdf, docx] = issued.document.files;
    expect(pdf).toMatchObject({ format: 'pdf' });
    expect(docx).toMatchObject({ format: 'docx' });
    expect(docx!.file).toBe(pdf!.file.replace(/\.pdf$/, '.docx'));
    expect(docx!.file).toMatch(/^acceptance-register-v1-[0-9a-f]{8}\.docx$/);
    const bytes = await storeFiles(ws).read(path.join(documentsDir(accepted.id), docx!.file));
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip package
    expect(sha256(bytes)).toBe(docx!.sha256);
    // the record as stored names both files
    const record = await ws.cases.get(accepted.id);
    expect(record.documents.find((d) => d.id === issued.document.id)!.files).toEqual(issued.document.files);
  });

  it('a new version gets a new DOCX; the first is left as it was', async () => {
    const first = await issueDocument(ws, { caseId: accepted.id, template: 'application' }, admin);
    const firstPath = path.join(documentsDir(accepted.id), first.document.files[1]!.file);
    const before = await readFile(firstPath);
    const second = await issueDocument(ws, { caseId: accepted.id, template: 'application' }, admin);
    expect(second.document.files[1]!.file).toMatch(/^application-v2-[0-9a-f]{8}\.docx$/);
    expect(await readFile(firstPath)).toEqual(before);
    const files = await readdir(documentsDir(accepted.id));
    expect(files.filter((f) => f.endsWith('.docx')).length).toBe(files.filter((f) => f.endsWith('.pdf')).length);
  });

  it('readDocument checks the DOCX too: an altered DOCX reads back as intact: false, still with the PDF', async () => {
    const issued = await issueDocument(ws, { caseId: accepted.id, template: 'rights-notice' }, admin);
    expect((await readDocument(ws, { caseId: accepted.id, documentId: issued.document.id })).intact).toBe(true);
    const file = path.join(documentsDir(accepted.id), issued.document.files[1]!.file);
    const bytes = await storeFiles(ws).read(file);
    const tampered = Buffer.from(bytes);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 30) ^ 0x01, tampered.length - 30);
    await storeFiles(ws).write(file, tampered);
    const read = await readDocument(ws, { caseId: accepted.id, documentId: issued.document.id });
    expect(read.intact).toBe(false);
    expect(Buffer.from(read.pdfBase64, 'base64')).toEqual(await storeFiles(ws).read(path.join(documentsDir(accepted.id), issued.document.files[0]!.file)));
    // the file-level check names the file that changed
    expect((await readDocumentFile(ws, { caseId: accepted.id, documentId: issued.document.id, format: 'docx' })).intact).toBe(false);
    expect((await readDocumentFile(ws, { caseId: accepted.id, documentId: issued.document.id, format: 'pdf' })).intact).toBe(true);
  });

  it('a DOCX that has gone missing makes the document not intact (the PDF is still shown)', async () => {
    const issued = await issueDocument(ws, { caseId: accepted.id, template: 'application' }, admin);
    await rm(path.join(documentsDir(accepted.id), issued.document.files[1]!.file));
    const read = await readDocument(ws, { caseId: accepted.id, documentId: issued.document.id });
    expect(read.intact).toBe(false);
    const error = await failure(readDocumentFile(ws, { caseId: accepted.id, documentId: issued.document.id, format: 'docx' }));
    expect(error.code).toBe('STORE_CORRUPT');
  });

  it('readDocumentFile returns the stored DOCX bytes, checked, with a name to save them under', async () => {
    const issued = await issueDocument(ws, { caseId: accepted.id, template: 'acceptance-register' }, admin);
    const got = await readDocumentFile(ws, { caseId: accepted.id, documentId: issued.document.id, format: 'docx' });
    const stored = await storeFiles(ws).read(path.join(documentsDir(accepted.id), issued.document.files[1]!.file));
    expect(Buffer.from(got.base64, 'base64')).toEqual(stored);
    expect(got).toMatchObject({ format: 'docx', file: issued.document.files[1]!.file, intact: true });
    expect(got.document.id).toBe(issued.document.id);
    expect(got.suggestedName).toBe(`人民调解受理登记表-${accepted.caseNumber}-第${issued.document.version}版.docx`);
    expect(got.suggestedName).not.toMatch(/[\\/:*?"<>|]/);
  });

  it('a version recorded with its PDF only (issued before DOCX) still reads back intact; asking for its DOCX is NOT_FOUND', async () => {
    const issued = await issueDocument(ws, { caseId: accepted.id, template: 'application' }, admin);
    const current = await ws.cases.get(accepted.id);
    await ws.cases.update(
      accepted.id,
      current.revision,
      (c) => ({ ...c, documents: c.documents.map((d) => (d.id === issued.document.id ? { ...d, files: d.files.filter((f) => f.format === 'pdf') } : d)) }),
      { actorId: admin.id, actorName: admin.name, action: 'test:legacy', detail: '模拟旧版本（仅PDF）' },
    );
    expect((await readDocument(ws, { caseId: accepted.id, documentId: issued.document.id })).intact).toBe(true);
    const error = await failure(readDocumentFile(ws, { caseId: accepted.id, documentId: issued.document.id, format: 'docx' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('没有Word（DOCX）文件');
  });

  it('an unknown document is NOT_FOUND', async () => {
    const error = await failure(readDocumentFile(ws, { caseId: accepted.id, documentId: '00000000-0000-4000-8000-000000000000', format: 'docx' }));
    expect(error.code).toBe('NOT_FOUND');
  });
});
