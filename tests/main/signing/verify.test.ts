/**
 * inspectPdfSignature on hostile input: it must never throw, and must never call a damaged document intact.
 * Random bytes, 20 MB of junk, truncations and single-byte mutations of a signed agreement, forged ByteRanges and
 * malformed PKCS#7 structures; and the /Contents hex string, which no signature covers: its zero padding and the
 * PKCS#7's own length.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCenterCertificate, inspectPdfSignature, signPdf } from '../../../electron/main/signing';
import { derChildren, readDer } from '../../../electron/main/signing/der';
import { PDFSIG, agreementPdf, pdfsig, pdfsigLines, removeDir, tempDir, withByte } from './helpers';

let root: string;
let signed: Buffer;
let original: Buffer;
/** [gapStart, gapEnd): the /Contents hex string, which the signature does not cover. */
let gap: [number, number];
let fingerprint: string;

beforeAll(async () => {
  root = tempDir();
  const cert = await createCenterCertificate(root, { centerName: '测试调解中心', committeeName: '测试调解委员会', now: new Date(), sealKey: randomBytes(32) });
  original = await agreementPdf();
  fingerprint = cert.fingerprintSha256;
  signed = await signPdf(original, cert, { reason: '测试', name: '测试', location: '测试', signedAt: new Date() });
  const m = /\/ByteRange \[0 (\d+) (\d+) \d+\]/.exec(signed.toString('latin1'))!;
  gap = [Number(m[1]), Number(m[2])];
}, 60_000);
afterAll(() => removeDir(root));

/** Inspects, failing the test if it throws; also checks the result's shape. */
function inspect(bytes: Uint8Array) {
  const check = inspectPdfSignature(bytes);
  expect(typeof check.signed).toBe('boolean');
  expect(typeof check.intact).toBe('boolean');
  if (check.intact) expect(check.signed && check.coversWholeFile).toBe(true);
  return check;
}

/** Byte ranges of the PKCS#7 that the signature check depends on: signed attributes, signature value, signer key. */
function signedParts(): [number, number][] {
  const p7 = Buffer.from(signed.subarray(gap[0] + 1, gap[1] - 1).toString('latin1'), 'hex');
  const signedData = derChildren(p7, derChildren(p7, derChildren(p7, readDer(p7, 0))[1]!)[0]!);
  const cert = derChildren(p7, signedData.find((n) => n.tag === 0xa0)!)[0]!;
  const tbs = derChildren(p7, derChildren(p7, cert)[0]!);
  const spki = tbs[(tbs[0]!.tag === 0xa0 ? 1 : 0) + 5]!;
  const signerInfo = derChildren(p7, derChildren(p7, signedData.at(-1)!)[0]!);
  const signedAttrs = signerInfo[3]!;
  const signature = signerInfo[5]!;
  expect(signedAttrs.tag).toBe(0xa0);
  expect(signature.tag).toBe(0x04);
  return [spki, signedAttrs, signature].map((n) => [n.contentStart, n.end] as [number, number]);
}

/** A copy of the signed PDF whose /Contents hex is replaced by `hex` (padded with zeros to the same length). */
function withContents(hex: string): Buffer {
  const copy = Buffer.from(signed);
  const width = gap[1] - gap[0] - 2;
  copy.write(hex.padEnd(width, '0').slice(0, width), gap[0] + 1, 'latin1');
  return copy;
}

describe('inspectPdfSignature on hostile input', () => {
  it('random bytes, empty input and non-PDFs are not signed', () => {
    for (const size of [0, 1, 10, 1000, 65_536]) expect(inspect(randomBytes(size))).toMatchObject({ signed: false, intact: false });
    expect(inspect(Buffer.from('%PDF-1.7\n%%EOF'))).toMatchObject({ signed: false, problem: 'NO_SIGNATURE' });
    expect(inspect(new Uint8Array(0))).toMatchObject({ signed: false });
    expect(inspectPdfSignature(null as unknown as Uint8Array)).toMatchObject({ signed: false, intact: false });
  });

  // How long this takes is measured by the bench (`npm run bench`, inspect_junk_20mb), not asserted here.
  it('20 MB of junk, with and without a forged /ByteRange', () => {
    const junk = randomBytes(20 * 1024 * 1024);
    expect(inspect(junk)).toMatchObject({ signed: false, intact: false });
    const forged = Buffer.from(junk);
    const range = `/ByteRange [0 100 ${junk.length - 100} 100] /Contents <${'ab'.repeat(40)}>`;
    forged.write(range, 10 * 1024 * 1024, 'latin1');
    expect(inspect(forged)).toMatchObject({ signed: true, intact: false });
  });

  it('every truncation of the signed agreement is not intact', () => {
    const cuts = [1, 8, 100, gap[0] - 1, gap[0] + 1, gap[0] + 500, gap[1] - 1, gap[1], signed.length - 10, signed.length - 1];
    for (let n = 997; n < signed.length; n += 997) cuts.push(n);
    for (const n of cuts) expect(inspect(signed.subarray(0, n)).intact, `cut at ${n}`).toBe(false);
  });

  it('a changed byte anywhere in the signed ranges is never intact (400 random positions)', () => {
    for (let i = 0; i < 400; i++) {
      let at = Math.floor(Math.random() * (signed.length - (gap[1] - gap[0])));
      if (at >= gap[0]) at += gap[1] - gap[0];
      const check = inspect(withByte(signed, at, signed[at]! ^ (1 + Math.floor(Math.random() * 255))));
      expect(check.intact, `byte ${at}`).toBe(false);
    }
  });

  it('changed hex digits of the signed attributes, the signature value or the signer key never pass as the center (300 changes)', () => {
    const covered = signedParts();
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const [from, to] = covered[i % covered.length]!;
      const byte = from + Math.floor(Math.random() * (to - from));
      const at = gap[0] + 1 + 2 * byte + (Math.random() < 0.5 ? 0 : 1);
      const digit = '0123456789abcdef'[Math.floor(Math.random() * 16)]!;
      if (String.fromCharCode(signed[at]!).toLowerCase() === digit) continue;
      const check = inspect(withByte(signed, at, digit.charCodeAt(0)));
      expect(check.signed).toBe(true);
      // (a change of the key's algorithm parameters, which forge ignores, may verify: as another certificate)
      expect(check.intact && check.signerFingerprintSha256 === fingerprint, `hex digit at ${at}`).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(250);
  });

  it('changed hex digits anywhere in the PKCS#7 never throw (300 changes)', () => {
    // CMS leaves some fields unsigned (versions, the digestAlgorithms list, the embedded certificate's own fields):
    // a change there does not touch the document; one in the certificate changes the fingerprint callers compare
    const derBytes = Buffer.from(signed.subarray(gap[0] + 1, gap[1] - 1).toString('latin1'), 'hex');
    const derLength = readDer(derBytes, 0).end;
    for (let i = 0; i < 300; i++) {
      const at = gap[0] + 1 + Math.floor(Math.random() * derLength * 2);
      expect(inspect(withByte(signed, at, '0123456789abcdef'.charCodeAt(Math.floor(Math.random() * 16)))).signed).toBe(true);
    }
  });

  it('forged ByteRanges: out of the file, overlapping, not ending at the end, not around /Contents', () => {
    const text = signed.toString('latin1');
    const written = /\/ByteRange \[[^\]]*\]/.exec(text)![0];
    const forge = (range: string) => Buffer.from(text.replace(written, range.padEnd(written.length, ' ')), 'latin1');
    const [b, c] = gap;
    const d = signed.length - c;
    expect(inspect(forge(`/ByteRange [0 ${b} ${c} ${d + 1000}]`))).toMatchObject({ intact: false, problem: 'BAD_BYTE_RANGE' });
    expect(inspect(forge(`/ByteRange [0 ${b + 10} ${c} ${d}]`))).toMatchObject({ intact: false, problem: 'BAD_BYTE_RANGE' });
    expect(inspect(forge(`/ByteRange [0 ${b} ${c} ${d - 5}]`))).toMatchObject({ intact: false, coversWholeFile: false });
    expect(inspect(forge(`/ByteRange [10 ${b - 10} ${c} ${d}]`))).toMatchObject({ intact: false, coversWholeFile: false });
    expect(inspect(forge(`/ByteRange [0 ${c} ${b} ${d}]`))).toMatchObject({ intact: false });
    expect(inspect(forge('/ByteRange [0 999999999999999 0 0]'))).toMatchObject({ intact: false });
    expect(inspect(forge('/ByteRange [0 /********** /********** /**********]'))).toMatchObject({ signed: false, intact: false });
  });

  it('malformed signatures: empty, not DER, deep nesting, huge lengths, BER, a bare certificate', () => {
    const nested = '3080'.repeat(5000);
    const cases = ['', 'ff', '30', '3084ffffffff', '308400000010', nested, '30' + '82ffff' + '06092a864886f70d010702', '3003020101', 'a003020101'];
    for (const hex of cases) expect(inspect(withContents(hex)), hex.slice(0, 20)).toMatchObject({ signed: true, intact: false });
    // odd number of hex digits, and a non-hex character: not a hex string
    const odd = Buffer.from(signed);
    odd[gap[1] - 2] = 0x20;
    expect(inspect(odd).intact).toBe(false);
    expect(inspect(withByte(signed, gap[0] + 3, 'z'.charCodeAt(0))).intact).toBe(false);
  });

  it('the signature of one document does not make another intact', async () => {
    const other = await signPdf(original, await createCenterCertificate(`${root}/other`, { centerName: '另一个', committeeName: '另一个委员会', now: new Date(), sealKey: randomBytes(32) }), {
      reason: '另一份文书',
      name: '测试',
      location: '测试',
      signedAt: new Date(),
    });
    const otherGap = /\/ByteRange \[0 (\d+) (\d+) \d+\]/.exec(other.toString('latin1'))!;
    const hex = other.subarray(Number(otherGap[1]) + 1, Number(otherGap[2]) - 1).toString('latin1');
    // another signature dictionary (another reason) was signed: its messageDigest is not this file's
    expect(inspect(withContents(hex))).toMatchObject({ intact: false, problem: 'DIGEST_MISMATCH' });
  });
});

describe('the /Contents hex string (not covered by the signature)', () => {
  /** The hex digits of the PKCS#7 as signed, without the padding. */
  const derHex = () => {
    const text = signed.subarray(gap[0] + 1, gap[1] - 1).toString('latin1');
    return text.slice(0, 2 * readDer(Buffer.from(text, 'hex'), 0).end);
  };

  it('as signed: the PKCS#7 then zeros, intact', () => {
    expect(signed.subarray(gap[0] + 1 + derHex().length, gap[1] - 1).toString('latin1')).toMatch(/^0+$/);
    expect(inspect(signed)).toMatchObject({ intact: true, problem: null, signerFingerprintSha256: fingerprint });
  });

  it('one padding digit changed (right after the PKCS#7, in the middle, the last) is not intact: PADDING_NOT_ZERO', () => {
    const first = gap[0] + 1 + derHex().length;
    for (const at of [first, first + 1, (first + gap[1]) >> 1, gap[1] - 2]) {
      for (const digit of '1aF') {
        const check = inspect(withByte(signed, at, digit.charCodeAt(0)));
        // the signature itself still verifies, and says who signed: only the padding is wrong
        expect(check, `${digit} at ${at}`).toMatchObject({ signed: true, intact: false, coversWholeFile: true, problem: 'PADDING_NOT_ZERO', signerFingerprintSha256: fingerprint });
      }
    }
  });

  it('padding digits replaced by white space are not intact either', () => {
    const first = gap[0] + 1 + derHex().length;
    const spaced = Buffer.from(signed);
    spaced.write('  \n\r', first + 100, 'latin1');
    expect(inspect(spaced)).toMatchObject({ intact: false, problem: 'PADDING_NOT_ZERO' });
  });

  it.skipIf(!PDFSIG)('pdfsig is not asked about the padding: it may call the changed file valid, this check does not', () => {
    const changed = withByte(signed, gap[1] - 2, '7'.charCodeAt(0));
    console.log(`pdfsig (a padding digit of /Contents changed):\n  ${pdfsigLines(pdfsig(changed).output).join('\n  ')}`);
    expect(inspect(changed).intact).toBe(false);
  });

  it('the PKCS#7 length stretched over zero padding (extra elements inside the ContentInfo) is not intact', () => {
    const hex = derHex();
    // 30 82 LLLL: the outer SEQUENCE of our signature uses two length octets
    expect(hex.slice(0, 4)).toBe('3082');
    const length = parseInt(hex.slice(4, 8), 16);
    for (const extra of [2, 4, 64]) {
      const stretched = `3082${(length + extra).toString(16).padStart(4, '0')}${hex.slice(8)}`;
      expect(inspect(withContents(stretched)), `+${extra}`).toMatchObject({ signed: true, intact: false, problem: 'BAD_PKCS7' });
    }
  });

  it('the same PKCS#7 with a longer length form than DER allows is not intact', () => {
    const hex = derHex();
    const longer = `308300${hex.slice(4)}`;
    expect(inspect(withContents(longer))).toMatchObject({ signed: true, intact: false, problem: 'BAD_PKCS7' });
  });
});
