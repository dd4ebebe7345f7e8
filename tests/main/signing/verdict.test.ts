/**
 * The rules of 文书核验 (services/verdict.ts) over every combination of signature state, signer and registry answer:
 * 本中心出具，未被修改 only for registered bytes whose signature, if any, is intact over the whole file and the center's
 * (current or earlier certificate), and never when a signed original comes without its signature.
 */
import { describe, expect, it } from 'vitest';
import { type RegistryStatus, type VerdictInput, judge } from '../../../electron/main/services/verdict';
import type { EarlierCertificate, PdfSignatureCheck, SignatureProblem } from '../../../electron/main/signing';

const CURRENT = 'c'.repeat(64);
const EARLIER: EarlierCertificate = {
  fingerprintSha256: 'e'.repeat(64),
  subject: 'C=CN, CN=义乌市人民调解委员会文书签章',
  notBefore: '2016-05-08T04:20:00.000Z',
  notAfter: '2026-05-08T04:20:00.000Z',
  source: 'generated',
  replacedAt: '2026-04-01T00:00:00.000Z',
  certificateDer: Buffer.from([0x30, 0x00]),
};
const FOREIGN = 'f'.repeat(64);
const REGISTRY: RegistryStatus[] = ['registered', 'not_registered', 'registered_but_case_disagrees'];

const unsigned: PdfSignatureCheck = { signed: false, intact: false, coversWholeFile: false, signerFingerprintSha256: null, signerSubject: null, signedAt: null, problem: 'NO_SIGNATURE' };
const intact = (signer: string): PdfSignatureCheck => ({ signed: true, intact: true, coversWholeFile: true, signerFingerprintSha256: signer, signerSubject: 'CN=x', signedAt: '2026-05-01T00:00:00.000Z', problem: null });
const failed = (problem: SignatureProblem, signer: string | null = CURRENT): PdfSignatureCheck => ({ ...intact(signer ?? ''), intact: false, coversWholeFile: problem !== 'NOT_WHOLE_FILE', signerFingerprintSha256: signer, problem });

const input = (check: PdfSignatureCheck, status: RegistryStatus, signedOriginal = false): VerdictInput => ({ check, center: { current: CURRENT, earlier: [EARLIER] }, registry: { status, signedOriginal } });
const codes = (i: VerdictInput) => judge(i).reasons.map((r) => r.code);

describe('verdict rules', () => {
  it.each(REGISTRY)('a broken, partial or padded signature is 文件已被修改 whatever the registry says (%s)', (status) => {
    const cases: [SignatureProblem, string][] = [
      ['DIGEST_MISMATCH', 'signature_broken'],
      ['BAD_SIGNATURE', 'signature_broken'],
      ['BAD_PKCS7', 'signature_broken'],
      ['BAD_BYTE_RANGE', 'signature_broken'],
      ['NO_SIGNER_CERTIFICATE', 'signature_broken'],
      ['UNSUPPORTED_ALGORITHM', 'signature_broken'],
      ['NOT_WHOLE_FILE', 'signature_partial'],
      ['PADDING_NOT_ZERO', 'padding_not_zero'],
    ];
    for (const [problem, code] of cases) {
      for (const signedOriginal of [false, true]) {
        const result = judge(input(failed(problem), status, signedOriginal));
        expect(result, problem).toMatchObject({ verdict: 'signed_but_changed', byThisCenter: false });
        // the signer of a signature that fails is not judged
        expect(codes(input(failed(problem), status, signedOriginal))).toEqual([code, status]);
      }
    }
  });

  it.each(REGISTRY)('a foreign signer is 非本中心签章 whatever the registry says (%s)', (status) => {
    expect(judge(input(intact(FOREIGN), status))).toMatchObject({ verdict: 'signed_by_other', byThisCenter: false, reasons: [{ code: 'signature_intact' }, { code: 'signer_unknown' }, { code: status }] });
  });

  it('the center’s current certificate: issued_intact when registered, else signed_by_center_unregistered', () => {
    expect(judge(input(intact(CURRENT), 'registered', true))).toMatchObject({ verdict: 'issued_intact', byThisCenter: true, registered: true });
    expect(codes(input(intact(CURRENT), 'registered', true))).toEqual(['signature_intact', 'signer_current_certificate', 'registered']);
    expect(judge(input(intact(CURRENT), 'not_registered')).verdict).toBe('signed_by_center_unregistered');
    expect(judge(input(intact(CURRENT), 'registered_but_case_disagrees'))).toMatchObject({ verdict: 'signed_by_center_unregistered', registered: false });
  });

  it('an earlier certificate of the center is the center’s, named with its fingerprint and validity', () => {
    const result = judge(input(intact(EARLIER.fingerprintSha256), 'registered', true));
    expect(result).toMatchObject({ verdict: 'issued_intact', byThisCenter: true });
    expect(result.reasons[1]).toEqual({
      code: 'signer_earlier_certificate',
      certificate: { fingerprintSha256: EARLIER.fingerprintSha256, subject: EARLIER.subject, notBefore: EARLIER.notBefore, notAfter: EARLIER.notAfter, source: 'generated', replacedAt: EARLIER.replacedAt },
    });
    expect(judge(input(intact(EARLIER.fingerprintSha256), 'not_registered')).verdict).toBe('signed_by_center_unregistered');
  });

  it('a center without any certificate recognises no signer', () => {
    expect(judge({ ...input(intact(CURRENT), 'registered'), center: { current: null, earlier: [] } }).verdict).toBe('signed_by_other');
  });

  it('unsigned: issued_intact only when registered (and not a signed original), else unknown', () => {
    expect(judge(input(unsigned, 'registered'))).toMatchObject({ verdict: 'issued_intact', reasons: [{ code: 'unsigned' }, { code: 'registered' }] });
    expect(judge(input(unsigned, 'not_registered'))).toMatchObject({ verdict: 'unknown', reasons: [{ code: 'unsigned' }, { code: 'not_registered' }] });
    expect(judge(input(unsigned, 'registered_but_case_disagrees')).verdict).toBe('unknown');
    // a signed original registered for bytes that carry no signature: the record was made to fit them
    expect(judge(input(unsigned, 'registered', true))).toMatchObject({ verdict: 'unknown', registered: false, reasons: [{ code: 'unsigned' }, { code: 'registered_but_case_disagrees' }] });
  });

  it('issued_intact never comes with anything but an intact center signature or none at all', () => {
    const checks = [unsigned, intact(CURRENT), intact(EARLIER.fingerprintSha256), intact(FOREIGN), ...(['DIGEST_MISMATCH', 'NOT_WHOLE_FILE', 'PADDING_NOT_ZERO', 'BAD_SIGNATURE'] as const).map((p) => failed(p))];
    for (const check of checks) {
      for (const status of REGISTRY) {
        for (const signedOriginal of [false, true]) {
          const result = judge(input(check, status, signedOriginal));
          if (result.verdict !== 'issued_intact') continue;
          expect(status).toBe('registered');
          expect(result.reasons.map((r) => r.code)).toContain('registered');
          if (check.signed) expect(check.intact && check.signerFingerprintSha256 !== FOREIGN).toBe(true);
          else expect(signedOriginal).toBe(false);
        }
      }
    }
  });
});
