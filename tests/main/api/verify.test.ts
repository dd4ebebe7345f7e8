/**
 * documents:verify on the real Workstation, with the forgeries of the security review: a case record's SHA-256 edited
 * to fit a changed signed PDF (archive replaced too, registry rebuilt), a changed /Contents padding, a document signed
 * with the certificate an import replaced, a foreign signer, a signed original handed in without its signature.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unlockedCertificate as centerCertificate } from '../../fixtures/seal';
import type { Workstation } from '../../../electron/main/services/workstation';
import { type CenterCertificate, createCenterCertificate, signPdf } from '../../../electron/main/signing';
import { sha256Hex } from '../../../electron/main/storage/sha256';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { SETUP, call, callError, makeTempDir, openWorkstation, removeDir, setUp, signInAs } from '../../fixtures/workstation';
import { forgeP12 } from '../signing/helpers';

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

const verify = (bytes: Buffer) => call(ws, 'documents:verify', { pdfBase64: bytes.toString('base64') });
const codes = async (bytes: Buffer) => (await verify(bytes)).reasons.map((r) => r.code);

/** An issued 受理登记表 (unsigned) of a new case. */
async function issuedForm() {
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  const issued = await call(ws, 'documents:issue', { caseId: created.id, template: 'acceptance-register' });
  return { caseId: created.id, caseNumber: created.caseNumber, documentId: issued.document.id, pdf: Buffer.from(issued.pdfBase64, 'base64') };
}

const sign = (pdf: Buffer, cert: CenterCertificate) => signPdf(pdf, cert, { reason: '测试', name: '义乌市人民调解委员会', location: '义乌', signedAt: new Date() });

/** A copy with one byte of the first stream changed (inside the signed range). */
function changed(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('stream\n') + 'stream\n'.length + 40;
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

/** A copy with the last zero of the /Contents padding made a 7. */
function padded(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const gapEnd = Number(/\/ByteRange \[0 \d+ (\d+) \d+\]/.exec(copy.toString('latin1'))![1]);
  expect(String.fromCharCode(copy[gapEnd - 2]!)).toBe('0');
  copy[gapEnd - 2] = '7'.charCodeAt(0);
  return copy;
}

/**
 * What someone with write access to the data folder does: the case record's SHA-256 of the version's PDF made that of
 * `bytes` (and, with `archive`, the archived file replaced by them too), marked a signed original or not.
 */
async function forgeRecord(form: { caseId: string; documentId: string }, bytes: Buffer, opts: { archive: boolean; signed?: boolean }) {
  const name = `forged-${randomBytes(4).toString('hex')}.pdf`;
  if (opts.archive) await ws.cases.putFile(form.caseId, 'documents', name, bytes);
  await ws.cases.update(
    form.caseId,
    null,
    (record) => ({
      ...record,
      documents: record.documents.map((d) =>
        d.id !== form.documentId
          ? d
          : { ...d, ...(opts.signed ? { signed: true } : {}), files: d.files.map((f) => (f.format === 'pdf' ? { ...f, sha256: sha256Hex(bytes), ...(opts.archive ? { file: name } : {}) } : f)) },
      ),
    }),
    { actorId: 'intruder', actorName: 'intruder', action: 'test:forge', detail: 'forged for the test' },
  );
}

/** The registry rebuilt from the (edited) case records: deleted, and the workstation opened again. */
async function rebuildRegistry() {
  await ws.close();
  await rm(path.join(dir, 'document-hashes.jsonl'));
  ws = await openWorkstation(dir);
  await signInAs(ws, SETUP.loginName);
}

describe('verify a document', () => {
  it('an issued PDF is traced to its case and version; one changed byte makes it unknown', async () => {
    const form = await issuedForm();
    expect(await verify(form.pdf)).toMatchObject({
      verdict: 'issued_intact',
      signature: null,
      reasons: [{ code: 'unsigned' }, { code: 'registered' }],
      match: { caseId: form.caseId, caseNumber: form.caseNumber, documentId: form.documentId, version: 1, title: '人民调解受理登记表' },
    });
    expect(await verify(changed(form.pdf))).toMatchObject({ verdict: 'unknown', match: null, reasons: [{ code: 'unsigned' }, { code: 'not_registered' }] });
  });

  it('a PDF signed with the center certificate but not registered, and the same after a change', async () => {
    const form = await issuedForm();
    const cert = await centerCertificate(ws);
    const signed = await sign(form.pdf, cert);
    expect(await verify(signed)).toMatchObject({ verdict: 'signed_by_center_unregistered', signature: { intact: true, byThisCenter: true } });
    expect(await codes(signed)).toEqual(['signature_intact', 'signer_current_certificate', 'not_registered']);
    expect(await verify(changed(signed))).toMatchObject({ verdict: 'signed_but_changed', signature: { intact: false, byThisCenter: false }, reasons: [{ code: 'signature_broken' }, { code: 'not_registered' }] });
    expect(await call(ws, 'settings:certificate')).toMatchObject({ fingerprintSha256: cert.fingerprintSha256, source: 'generated', earlier: [] });
  });

  it('importing a certificate that is not a P12 is refused at the file, and only an admin may import', async () => {
    const error = await callError(ws, 'settings:import-certificate', { p12Base64: Buffer.from('not a certificate').toString('base64'), password: 'x' });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['p12Base64'] }] });
    expect(error.message).toMatch(/PKCS#12/);
  });
});

describe('the forgeries of the security review', () => {
  it('registry hit + broken signature: an edited case SHA-256, the archive replaced, the registry rebuilt — still 文件已被修改', async () => {
    const form = await issuedForm();
    const signed = await sign(form.pdf, await centerCertificate(ws));
    const forged = changed(signed);
    await forgeRecord(form, forged, { archive: true, signed: true });
    await rebuildRegistry();
    const result = await verify(forged);
    expect(result).toMatchObject({ verdict: 'signed_but_changed', signature: { intact: false, byThisCenter: false } });
    expect(result.reasons.map((r) => r.code)).toEqual(['signature_broken', 'registered']);
  });

  it('only the case record edited (the archive still holds the issued file): the registry hit is not confirmed', async () => {
    const form = await issuedForm();
    const signedForged = changed(await sign(form.pdf, await centerCertificate(ws)));
    await forgeRecord(form, signedForged, { archive: false });
    await rebuildRegistry();
    expect(await verify(signedForged)).toMatchObject({ verdict: 'signed_but_changed', match: null, reasons: [{ code: 'signature_broken' }, { code: 'registered_but_case_disagrees' }] });
    // the same trick on an unsigned form: its own bytes are the only evidence, and the archive does not agree
    const other = await issuedForm();
    const unsignedForged = changed(other.pdf);
    await forgeRecord(other, unsignedForged, { archive: false });
    await rebuildRegistry();
    expect(await verify(unsignedForged)).toMatchObject({ verdict: 'unknown', match: null, reasons: [{ code: 'unsigned' }, { code: 'registered_but_case_disagrees' }] });
  });

  it('a signed original registered for a file without a signature is not 本中心出具', async () => {
    const form = await issuedForm();
    const stripped = changed(form.pdf);
    await forgeRecord(form, stripped, { archive: true, signed: true });
    await ws.cases.registerIssuedFiles([{ sha256: sha256Hex(stripped), caseId: form.caseId, documentId: form.documentId }]);
    expect(await verify(stripped)).toMatchObject({ verdict: 'unknown', match: null, reasons: [{ code: 'unsigned' }, { code: 'registered_but_case_disagrees' }] });
  });

  it('the /Contents padding changed: not intact (padding_not_zero), registered or not', async () => {
    const form = await issuedForm();
    const signed = await sign(form.pdf, await centerCertificate(ws));
    await forgeRecord(form, signed, { archive: true, signed: true });
    await ws.cases.registerIssuedFiles([{ sha256: sha256Hex(signed), caseId: form.caseId, documentId: form.documentId }]);
    expect(await verify(signed)).toMatchObject({ verdict: 'issued_intact', match: { documentId: form.documentId } });
    const forged = padded(signed);
    expect(await verify(forged)).toMatchObject({ verdict: 'signed_but_changed', match: null, reasons: [{ code: 'padding_not_zero' }, { code: 'not_registered' }] });
    await forgeRecord(form, forged, { archive: true, signed: true });
    await ws.cases.registerIssuedFiles([{ sha256: sha256Hex(forged), caseId: form.caseId, documentId: form.documentId }]);
    expect(await codes(forged)).toEqual(['padding_not_zero', 'registered']);
    expect((await verify(forged)).verdict).toBe('signed_but_changed');
  });

  it('bytes appended after signing: the signature covers part of the file only', async () => {
    const signed = await sign((await issuedForm()).pdf, await centerCertificate(ws));
    const appended = Buffer.concat([signed, Buffer.from('\n% appended after signing\n')]);
    expect(await verify(appended)).toMatchObject({ verdict: 'signed_but_changed', signature: { coversWholeFile: false }, reasons: [{ code: 'signature_partial' }, { code: 'not_registered' }] });
  });

  it('signed with the certificate an import replaced: the center’s, with which certificate; and listed under settings', async () => {
    const form = await issuedForm();
    const before = await centerCertificate(ws);
    const signed = await sign(form.pdf, before);
    const p12 = forgeP12({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2090-01-01T00:00:00Z'), password: 'pw', cn: 'Imported Seal' });
    const imported = await call(ws, 'settings:import-certificate', { p12Base64: p12.toString('base64'), password: 'pw' });
    const earlier = { fingerprintSha256: before.fingerprintSha256, subject: before.subject, notBefore: before.notBefore, notAfter: before.notAfter, source: 'generated' };
    expect(imported).toMatchObject({ subject: 'CN=Imported Seal', earlier: [earlier] });

    const result = await verify(signed);
    expect(result).toMatchObject({ verdict: 'signed_by_center_unregistered', signature: { intact: true, byThisCenter: true } });
    expect(result.reasons).toEqual([{ code: 'signature_intact' }, { code: 'signer_earlier_certificate', certificate: { ...earlier, replacedAt: expect.any(String) } }, { code: 'not_registered' }]);
    // registered as the signed original it is: 本中心出具，未被修改
    await forgeRecord(form, signed, { archive: true, signed: true });
    await ws.cases.registerIssuedFiles([{ sha256: sha256Hex(signed), caseId: form.caseId, documentId: form.documentId }]);
    expect(await verify(signed)).toMatchObject({ verdict: 'issued_intact', reasons: [{ code: 'signature_intact' }, { code: 'signer_earlier_certificate' }, { code: 'registered' }] });
    expect(await call(ws, 'settings:certificate')).toMatchObject({ fingerprintSha256: imported.fingerprintSha256, earlier: [earlier] });
  });

  it('a foreign certificate is 非本中心签章, registered or not', async () => {
    const form = await issuedForm();
    const foreignDir = await makeTempDir('foreign-cert-');
    try {
      const foreign = await createCenterCertificate(foreignDir, { centerName: '别处调解中心', committeeName: '别处人民调解委员会', now: new Date(), sealKey: randomBytes(32) });
      const signed = await sign(form.pdf, foreign);
      expect(await verify(signed)).toMatchObject({ verdict: 'signed_by_other', signature: { intact: true, byThisCenter: false }, reasons: [{ code: 'signature_intact' }, { code: 'signer_unknown' }, { code: 'not_registered' }] });
      await forgeRecord(form, signed, { archive: true, signed: true });
      await ws.cases.registerIssuedFiles([{ sha256: sha256Hex(signed), caseId: form.caseId, documentId: form.documentId }]);
      expect(await verify(signed)).toMatchObject({ verdict: 'signed_by_other', reasons: [{ code: 'signature_intact' }, { code: 'signer_unknown' }, { code: 'registered' }] });
    } finally {
      await removeDir(foreignDir);
    }
  });
});
