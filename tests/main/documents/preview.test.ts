import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { call, callError, makeTempDir, openWorkstation, removeDir, setUp } from '../../fixtures/workstation';
import { pdfText } from './helpers';

let dir = '';
let ws: Workstation;
beforeEach(async () => {
  dir = await makeTempDir();
  ws = await openWorkstation(dir);
  await setUp(ws);
});
afterEach(async () => {
  await ws.close();
  await removeDir(dir);
});

describe('documents:preview', () => {
  it('renders the real PDF of the form without storing it or making a version', async () => {
    const record = await call(ws, 'cases:create', roadTrafficCaseInput());
    const preview = await call(ws, 'documents:preview', { caseId: record.id, template: 'acceptance-register' });
    expect(preview.title).toBe('人民调解受理登记表');
    const text = pdfText(Buffer.from(preview.pdfBase64, 'base64'));
    expect(text).toContain(record.caseNumber);
    for (const party of record.parties) expect(text.replace(/\s+/g, '')).toContain(party.name);
    expect(await readdir(path.join(dir, 'cases', record.id, 'documents'))).toEqual([]);
    expect((await call(ws, 'cases:get', { id: record.id })).record.documents).toEqual([]);
  });

  it('refuses what issuing would refuse: a form that does not fit the case, or one missing data, by name', async () => {
    const record = await call(ws, 'cases:create', roadTrafficCaseInput());
    expect((await callError(ws, 'documents:preview', { caseId: record.id, template: 'refusal-notice' })).code).toBe('NOT_ALLOWED');
    // The center has no phone yet: the rights notice names what it lacks.
    const missing = await callError(ws, 'documents:preview', { caseId: record.id, template: 'rights-notice' });
    expect(missing.code).toBe('INVALID_INPUT');
    expect(missing.message).toContain('中心联系电话');
  });

  it('documents:file hands out the DOCX of an issued version with a Chinese file name', async () => {
    const record = await call(ws, 'cases:create', roadTrafficCaseInput());
    const issued = await call(ws, 'documents:issue', { caseId: record.id, template: 'acceptance-register' });
    const file = await call(ws, 'documents:file', { caseId: record.id, documentId: issued.document.id, format: 'docx' });
    expect(file.suggestedName).toBe(`人民调解受理登记表-${record.caseNumber}-第1版.docx`);
    expect(file.intact).toBe(true);
    expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('the forms of mediation itself wait until the case is accepted', async () => {
    const record = await call(ws, 'cases:create', roadTrafficCaseInput());
    const error = await callError(ws, 'documents:preview', { caseId: record.id, template: 'session-record' });
    expect(error.code).toBe('NOT_ALLOWED');
    expect(error.message).toContain('只有已受理调解的案件');
  });
});
