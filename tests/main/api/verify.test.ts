import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centerCertificate } from '../../../electron/main/services/verify';
import type { Workstation } from '../../../electron/main/services/workstation';
import { signPdf } from '../../../electron/main/signing';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { call, callError, makeTempDir, openWorkstation, removeDir, setUp } from '../../fixtures/workstation';

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

describe('verify a document', () => {
  it('an issued PDF is traced to its case and version; one changed byte makes it unknown', async () => {
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const issued = await call(ws, 'documents:issue', { caseId: created.id, template: 'acceptance-register' });
    const result = await call(ws, 'documents:verify', { pdfBase64: issued.pdfBase64 });
    expect(result).toMatchObject({ verdict: 'issued_intact', signature: null, match: { caseId: created.id, caseNumber: created.caseNumber, documentId: issued.document.id, version: 1, title: '人民调解受理登记表' } });
    const bytes = Buffer.from(issued.pdfBase64, 'base64');
    bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0x01, bytes.length >> 1);
    expect(await call(ws, 'documents:verify', { pdfBase64: bytes.toString('base64') })).toMatchObject({ verdict: 'unknown', match: null });
  });

  it('a PDF signed with the center certificate but not registered, and the same after a change', async () => {
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const issued = await call(ws, 'documents:issue', { caseId: created.id, template: 'acceptance-register' });
    const cert = await centerCertificate(ws);
    const signed = await signPdf(Buffer.from(issued.pdfBase64, 'base64'), cert, { reason: '测试', name: '义乌市人民调解委员会', location: '义乌', signedAt: new Date() });
    const ok = await call(ws, 'documents:verify', { pdfBase64: signed.toString('base64') });
    expect(ok).toMatchObject({ verdict: 'signed_by_center_unregistered', signature: { intact: true, byThisCenter: true } });
    const changed = Buffer.from(signed);
    changed.writeUInt8(changed.readUInt8(100) ^ 0x01, 100);
    expect(await call(ws, 'documents:verify', { pdfBase64: changed.toString('base64') })).toMatchObject({ verdict: 'signed_but_changed', signature: { intact: false } });
    expect(await call(ws, 'settings:certificate')).toMatchObject({ fingerprintSha256: cert.fingerprintSha256, source: 'generated' });
  });

  it('importing a certificate that is not a P12 is refused at the file, and only an admin may import', async () => {
    const error = await callError(ws, 'settings:import-certificate', { p12Base64: Buffer.from('not a certificate').toString('base64'), password: 'x' });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['p12Base64'] }] });
    expect(error.message).toMatch(/PKCS#12/);
  });
});
