import { randomBytes } from 'node:crypto';
/**
 * Signing the real 2-page 人民调解协议书 (the project's renderer, Chinese text) with the center's certificate: pdfsig
 * reports the signature valid and reports any later change; qpdf finds no error; inspectPdfSignature agrees with
 * pdfsig in every case. (Sign time is the bench's: scripts/bench/bench.ts.)
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CenterCertificate, createCenterCertificate, importCenterCertificate, inspectPdfSignature, signPdf } from '../../../electron/main/signing';
import type { SignatureInfo } from '../../../electron/main/signing/pades';
import { OPENSSL, PDFSIG, QPDF, agreementPdf, opensslP12, pdfsig, pdfsigLines, qpdfCheck, removeDir, skipped, tempDir, withByte } from './helpers';

const require = createRequire(import.meta.url);
const { P12Signer } = require('@signpdf/signer-p12') as typeof import('@signpdf/signer-p12');
const { SignPdf } = require('@signpdf/signpdf') as typeof import('@signpdf/signpdf');
const { plainAddPlaceholder } = require('@signpdf/placeholder-plain') as typeof import('@signpdf/placeholder-plain');

// whole seconds: the PDF and PKCS#7 times have no milliseconds
const SIGNED_AT = new Date(Math.floor(Date.now() / 1000) * 1000);
const INFO: SignatureInfo = {
  reason: '人民调解协议书（2026）X人调协字第0001号 电子签章',
  name: '义乌市人民调解委员会',
  location: '浙江省义乌市稠城街道县前街1号',
  contactInfo: '0579-85181234',
  signedAt: SIGNED_AT,
};

let root: string;
let center: CenterCertificate;
let original: Buffer;
let signed: Buffer;

beforeAll(async () => {
  root = tempDir();
  center = await createCenterCertificate(`${root}/center`, { centerName: '义乌市矛盾纠纷调解中心', committeeName: '义乌市人民调解委员会', now: new Date(), sealKey: randomBytes(32) });
  original = await agreementPdf();
  signed = await signPdf(original, center, INFO);
}, 60_000);
afterAll(() => removeDir(root));

/** Offset of the first occurrence of `text` in the part of the file that was there before signing. */
function offsetInOriginal(text: string): number {
  const at = signed.indexOf(text);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(at).toBeLessThan(original.length);
  return at;
}

describe('a signed agreement', () => {
  it.skipIf(!PDFSIG)(`is reported valid by pdfsig: adbe.pkcs7.detached, SHA-256, whole document${skipped('pdfsig', PDFSIG)}`, () => {
    const { output } = pdfsig(signed);
    console.log(`pdfsig (signed agreement):\n  ${pdfsigLines(output).join('\n  ')}`);
    expect(output).toContain('Signature Validation: Signature is Valid.');
    expect(output).toContain('Signature Type: adbe.pkcs7.detached');
    expect(output).toContain('Signing Hash Algorithm: SHA-256');
    expect(output).toContain('Total document signed');
    // what a PDF reader shows as the signer: the committee, in Chinese (the certificate's UTF8String CN)
    expect(output).toContain('Signer Certificate Common Name: 义乌市人民调解委员会文书签章');
  });

  it.skipIf(!QPDF)(`passes qpdf --check without warnings${skipped('qpdf', QPDF)}`, () => {
    const { status, output } = qpdfCheck(signed);
    expect(output).toContain('No syntax or stream encoding errors found');
    expect(output).not.toContain('WARNING');
    expect(status).toBe(0);
  });

  it('is an incremental update of the original, with the Chinese texts as UTF-16 strings and startxref on "xref"', () => {
    expect(signed.subarray(0, original.length - 1).equals(original.subarray(0, original.length - 1))).toBe(true);
    const hex = (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le').swap16().toString('hex').toUpperCase();
    const tail = signed.subarray(original.length).toString('latin1');
    expect(tail).toContain(`/Reason <${hex(INFO.reason)}>`);
    expect(tail).toContain(`/Name <${hex(INFO.name)}>`);
    expect(tail).toContain(`/Location <${hex(INFO.location)}>`);
    expect(tail).toContain('/ContactInfo (0579-85181234)');
    const startxref = Number(/startxref\n(\d+)\n%%EOF$/.exec(tail)![1]);
    expect(signed.subarray(startxref, startxref + 5).toString('latin1')).toBe('xref\n');
  });

  it('is reported intact by inspectPdfSignature, with the center fingerprint and the texts', () => {
    const check = inspectPdfSignature(signed);
    expect(check).toMatchObject({
      signed: true,
      intact: true,
      coversWholeFile: true,
      problem: null,
      signerFingerprintSha256: center.fingerprintSha256,
      signerSubject: center.subject,
      reason: INFO.reason,
      name: INFO.name,
      location: INFO.location,
    });
    expect(check.signedAt).toBe(SIGNED_AT.toISOString());
  });

  it('the unsigned original is not signed', () => {
    expect(inspectPdfSignature(original)).toMatchObject({ signed: false, intact: false, coversWholeFile: false, signerFingerprintSha256: null, problem: 'NO_SIGNATURE' });
  });
});

describe('a change after signing', () => {
  it('one byte inside the signed range (the version digit of the header): pdfsig reports a digest mismatch, inspectPdfSignature not intact', () => {
    const at = offsetInOriginal('%PDF-1.3') + '%PDF-1.'.length;
    const tampered = withByte(signed, at, '4'.charCodeAt(0));
    const check = inspectPdfSignature(tampered);
    expect(check).toMatchObject({ signed: true, intact: false, coversWholeFile: true, problem: 'DIGEST_MISMATCH', signerFingerprintSha256: center.fingerprintSha256 });
    if (!PDFSIG) return;
    const { output } = pdfsig(tampered);
    console.log(`pdfsig (one byte changed at ${at}):\n  ${pdfsigLines(output).join('\n  ')}`);
    expect(output).toContain('Signature Validation: Digest Mismatch.');
    expect(output).not.toContain('Signature is Valid');
  });

  it('a byte of a page content stream: both report it', () => {
    const at = offsetInOriginal('stream\n') + 'stream\n'.length + 10;
    const tampered = withByte(signed, at, signed[at]! ^ 0x01);
    expect(inspectPdfSignature(tampered)).toMatchObject({ intact: false, problem: 'DIGEST_MISMATCH' });
    if (PDFSIG) expect(pdfsig(tampered).output).not.toContain('Signature is Valid');
  });

  it('the RSA signature itself: both report it', () => {
    // the signature value is the last element of the PKCS#7, so its last byte is the last non-padding byte
    const gapStart = signed.indexOf('/Contents <', original.length) + '/Contents '.length;
    const hex = signed.subarray(gapStart + 1, signed.indexOf('>', gapStart)).toString('latin1');
    const derLength = hex.replace(/(00)+$/, '').length / 2;
    const lastSignatureDigit = gapStart + 1 + derLength * 2 - 1;
    const tampered = withByte(signed, lastSignatureDigit, signed[lastSignatureDigit] === 0x30 ? 0x31 : 0x30);
    expect(inspectPdfSignature(tampered)).toMatchObject({ intact: false, problem: 'BAD_SIGNATURE', coversWholeFile: true });
    if (PDFSIG) expect(pdfsig(tampered).output).not.toContain('Signature is Valid');
  });

  it('content appended after the signature: the ByteRange no longer covers the file', () => {
    const appended = Buffer.concat([signed, Buffer.from('\n1 0 obj\n(forged)\nendobj\n')]);
    expect(inspectPdfSignature(appended)).toMatchObject({ signed: true, intact: false, coversWholeFile: false, problem: 'NOT_WHOLE_FILE' });
    if (!PDFSIG) return;
    const { output } = pdfsig(appended);
    expect(output).not.toContain('Total document signed');
  });
});

describe('signing', () => {
  // Signing time is measured by the bench (`npm run bench`, doc_agreement_sign_p50_ms), not asserted here.
  it('the same certificate signs repeatedly', async () => {
    let last = signed;
    for (let i = 0; i < 3; i++) last = await signPdf(original, center, INFO);
    expect(inspectPdfSignature(last)).toMatchObject({ intact: true, signedAt: SIGNED_AT.toISOString() });
  }, 60_000);

  it('runs concurrently with one certificate (a signer per signature)', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => signPdf(original, center, INFO)));
    for (const pdf of results) expect(inspectPdfSignature(pdf).intact).toBe(true);
  });

  it('refuses a certificate that is not valid at the signing time', async () => {
    const late = new Date(new Date(center.notAfter).getTime() + 1000);
    await expect(signPdf(original, center, { ...INFO, signedAt: late })).rejects.toMatchObject({ code: 'EXPIRED' });
    await expect(signPdf(original, center, { ...INFO, signedAt: new Date('2001-01-01') })).rejects.toMatchObject({ code: 'NOT_YET_VALID' });
  });

  it('works with ASCII-only and empty texts', async () => {
    const pdf = await signPdf(original, center, { reason: 'Agreement (signed)', name: 'Yiwu', location: '', signedAt: new Date() });
    expect(inspectPdfSignature(pdf)).toMatchObject({ intact: true, reason: 'Agreement (signed)', name: 'Yiwu', location: '' });
  });
});

describe.skipIf(!OPENSSL)(`certificates made with openssl${skipped('openssl', OPENSSL)}`, () => {
  it('a foreign certificate signs validly, and inspectPdfSignature names it (not the center)', async () => {
    const foreign = await importCenterCertificate(`${root}/foreign`, opensslP12({ subject: '/C=CN/O=Somebody Else/CN=Not The Center', password: 'pw' }), 'pw', { sealKey: randomBytes(32) });
    const pdf = await signPdf(original, foreign, { ...INFO, signedAt: new Date() }); // openssl's notBefore is now
    const check = inspectPdfSignature(pdf);
    expect(check).toMatchObject({ intact: true, signerFingerprintSha256: foreign.fingerprintSha256, signerSubject: 'C=CN, O=Somebody Else, CN=Not The Center' });
    expect(check.signerFingerprintSha256).not.toBe(center.fingerprintSha256);
    if (PDFSIG) expect(pdfsig(pdf).output).toContain('Signature is Valid.');
  });

  it.skipIf(!PDFSIG)(`a certificate with a Chinese subject signs validly (the SignerInfo names its raw issuer)${skipped('pdfsig', PDFSIG)}`, async () => {
    const p12 = opensslP12({ subject: '/C=CN/O=义乌市人民调解委员会/CN=义乌市人民调解委员会文书签章', password: 'pw', exportArgs: ['-legacy'] });
    const chinese = await importCenterCertificate(`${root}/chinese`, p12, 'pw', { sealKey: randomBytes(32) });
    const pdf = await signPdf(original, chinese, { ...INFO, signedAt: new Date() });
    const { output } = pdfsig(pdf);
    console.log(`pdfsig (Chinese subject):\n  ${pdfsigLines(output).join('\n  ')}`);
    expect(output).toContain('Signature is Valid.');
    expect(inspectPdfSignature(pdf)).toMatchObject({ intact: true, signerSubject: 'C=CN, O=义乌市人民调解委员会, CN=义乌市人民调解委员会文书签章' });

    // the reason CenterSigner exists: plain P12Signer's SignerInfo names no certificate (stack-notes §9, gotcha 3)
    const placeholder = plainAddPlaceholder({ pdfBuffer: original, reason: 'x', name: 'x', location: 'x', contactInfo: '' });
    const plain = await new SignPdf().sign(placeholder, new P12Signer(chinese.p12, { passphrase: 'pw' }));
    expect(pdfsig(plain).output).not.toContain('Signature is Valid.');
    expect(inspectPdfSignature(plain)).toMatchObject({ intact: false, problem: 'NO_SIGNER_CERTIFICATE' });
  });
});
