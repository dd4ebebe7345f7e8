/**
 * Reads refuse links: a link planted in a case folder (a file in documents/ or attachments/, or the folder itself)
 * must not make the app read, and hand out, a file from elsewhere on the disk.
 */
import { copyFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { LinkedFileError } from '../../../electron/main/storage/case-store';
import { realFs } from '../../../electron/main/storage/durable-fs';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { makePng } from '../../fixtures/png';
import { call, callError, makeTempDir, openWorkstation, removeDir, setUp } from '../../fixtures/workstation';

let root: string;
let dataDir: string;
let ws: Workstation;
let caseId: string;

beforeEach(async () => {
  root = await makeTempDir('symlink-reads-');
  dataDir = path.join(root, 'data');
  ws = await openWorkstation(dataDir);
  await setUp(ws);
  caseId = (await call(ws, 'cases:create', roadTrafficCaseInput())).id;
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await ws.close();
  await removeDir(root);
});

const NAME = 'f47ac10b-58cc-4372-a567-0e02b2c3d479.pdf';

describe.skipIf(process.platform === 'win32')('links in a case folder are not read through', () => {
  it('a link planted in documents/ in place of a file: refused (O_NOFOLLOW), though the file it names is readable', async () => {
    const outside = path.join(root, 'secret.pdf');
    await writeFile(outside, '%PDF-1.4 from elsewhere');
    await symlink(outside, path.join(dataDir, 'cases', caseId, 'documents', NAME));
    await expect(ws.cases.getFile(caseId, 'documents', NAME)).rejects.toBeInstanceOf(LinkedFileError);
    // The low-level read says ELOOP itself, for every store file (case.json, the audit trail …), not only case files.
    await expect(realFs.readFile(path.join(dataDir, 'cases', caseId, 'documents', NAME))).rejects.toMatchObject({ code: 'ELOOP' });
  });

  it('documents/ itself replaced by a link to another folder: refused by the containment check', async () => {
    const outside = path.join(root, 'elsewhere');
    await mkdir(outside);
    await writeFile(path.join(outside, NAME), '%PDF-1.4 from elsewhere');
    const docs = path.join(dataDir, 'cases', caseId, 'documents');
    await rm(docs, { recursive: true });
    await symlink(outside, docs, 'dir');
    await expect(ws.cases.getFile(caseId, 'documents', NAME)).rejects.toBeInstanceOf(LinkedFileError);
  });

  it('through the API: an attachment whose file was replaced by a link (to a copy of the same bytes) is refused STORE_CORRUPT, the bytes not sent', async () => {
    const png = makePng(20);
    const attachment = await call(ws, 'attachments:add', { caseId, sessionId: null, statementId: null, category: 'evidence', label: '现场照片', mimeType: 'image/png', base64: png.toString('base64') });
    expect((await call(ws, 'attachments:file', { caseId, attachmentId: attachment.id })).intact).toBe(true);
    const stored = path.join(dataDir, 'cases', caseId, 'attachments', attachment.file);
    const outside = path.join(root, 'copy.png');
    await copyFile(stored, outside);
    await rm(stored);
    await symlink(outside, stored);
    const error = await callError(ws, 'attachments:file', { caseId, attachmentId: attachment.id });
    expect(error).toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('链接') });
    expect(JSON.stringify(error)).not.toContain(png.toString('base64').slice(0, 40));
  });

  it('a case file replaced by a link (case.json): the case is not read through it', async () => {
    const caseJson = path.join(dataDir, 'cases', caseId, 'case.json');
    const outside = path.join(root, 'case-copy.json');
    await copyFile(caseJson, outside);
    await rm(caseJson);
    await symlink(outside, caseJson);
    expect(await callError(ws, 'cases:get', { id: caseId })).toMatchObject({ code: 'STORE_CORRUPT' });
  });
});
