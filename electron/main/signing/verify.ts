/**
 * "Is this document still as signed?" without external tools: the last signature dictionary of the PDF is checked
 * the way pdfsig checks it — the ByteRange must cover the whole file except the signature's hex string, the PKCS#7's
 * messageDigest must equal the hash of those bytes, and the RSA signature over the signed attributes must verify with
 * the signer certificate embedded in it. Stricter than pdfsig about the one part no signature covers, the /Contents
 * hex string itself: it must hold exactly one DER-encoded PKCS#7 (shortest length form, nothing inside it beyond its
 * structure) followed by the digit 0 only, so that nothing can be carried in a signed file unnoticed.
 *
 * Whether the signer is the center is the caller's question: compare signerFingerprintSha256 with the center
 * certificate's. Trust chains and revocation are not checked (the center's certificate is self-signed).
 *
 * Never throws: hostile input (random bytes, truncated files, huge junk) gives signed:false or intact:false.
 */
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { TAG, type DerNode, decodeOid, decodeTime, derBytes, derChildren, derContent, expectTag, hasMinimalLength, readDer } from './der';
import { type ByteRange, contentsHexText, dictionaryText, hexTextBytes, lastByteRangeAt, onlyZerosAfter, pdfDate, readByteRange, textEntry } from './sig-dict';
import { distinguishedName, sha256Hex } from './x509';

export type SignatureProblem =
  | 'NO_SIGNATURE'
  | 'BAD_BYTE_RANGE'
  | 'NOT_WHOLE_FILE'
  | 'BAD_PKCS7'
  | 'UNSUPPORTED_ALGORITHM'
  | 'NO_SIGNER_CERTIFICATE'
  | 'DIGEST_MISMATCH'
  | 'BAD_SIGNATURE'
  /** After the PKCS#7 in the /Contents hex string comes something other than the digit 0. */
  | 'PADDING_NOT_ZERO';

export interface PdfSignatureCheck {
  /** A signature dictionary (/ByteRange with four integers) was found. */
  signed: boolean;
  /** Every check passed: the bytes are exactly those that were signed, by the key of the embedded certificate. */
  intact: boolean;
  /** The ByteRange covers the whole file except the /Contents hex string (nothing appended or left out). */
  coversWholeFile: boolean;
  signerFingerprintSha256: string | null;
  signerSubject: string | null;
  /** ISO 8601: the signingTime attribute, else the dictionary's /M. */
  signedAt: string | null;
  reason?: string;
  name?: string;
  location?: string;
  /** The first check that failed; null when intact. */
  problem: SignatureProblem | null;
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};
/** rsaEncryption and sha{1,256,384,512}WithRSAEncryption: PKCS#1 v1.5, what P12Signer writes. */
const RSA_SIGNATURES = new Set(['1.2.840.113549.1.1.1', '1.2.840.113549.1.1.5', '1.2.840.113549.1.1.11', '1.2.840.113549.1.1.12', '1.2.840.113549.1.1.13']);

/** Signatures larger than this are not PDF signatures we could have made (ours is ~2 KB; with a chain, tens of KB). */
const MAX_SIGNATURE_BYTES = 2 * 1024 * 1024;

class Failure extends Error {
  constructor(readonly problem: SignatureProblem) {
    super(problem);
  }
}

const equalBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;
const oidOf = (buf: Uint8Array, node: DerNode | undefined) => decodeOid(derContent(buf, expectTag(node, TAG.OID)));

interface SignerInfo {
  sid: DerNode;
  digest: string;
  signedAttrs: DerNode | null;
  signatureAlgorithm: string;
  signature: Uint8Array;
}

/**
 * The PKCS#7 is a ContentInfo of exactly [contentType, [0] content], the content exactly one SignedData with exactly
 * one SignerInfo: the length its header states is then the length of what the signature is made of, and no second
 * SignerInfo (which nobody would verify) or trailing element can sit inside it.
 */
function parseSignedData(p7: Buffer, outer: DerNode): { certificates: DerNode[]; signer: SignerInfo } {
  if (!hasMinimalLength(p7, outer)) throw new Failure('BAD_PKCS7');
  const contentInfo = derChildren(p7, expectTag(outer, TAG.SEQUENCE));
  if (contentInfo.length !== 2 || oidOf(p7, contentInfo[0]) !== OID.signedData) throw new Failure('BAD_PKCS7');
  const explicit = derChildren(p7, expectTag(contentInfo[1], TAG.CONTEXT_0));
  if (explicit.length !== 1) throw new Failure('BAD_PKCS7');
  const signedData = derChildren(p7, expectTag(explicit[0], TAG.SEQUENCE));
  // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
  const encap = derChildren(p7, expectTag(signedData[2], TAG.SEQUENCE));
  // detached (the PDF bytes are not inside) and of type data, as the contentType attribute must say too
  if (encap.length !== 1 || oidOf(p7, encap[0]) !== OID.data) throw new Failure('BAD_PKCS7');
  const certSet = signedData.find((n) => n.tag === TAG.CONTEXT_0);
  const certificates = certSet ? derChildren(p7, certSet) : [];
  const infos = derChildren(p7, expectTag(signedData.at(-1), TAG.SET));
  if (infos.length !== 1) throw new Failure('BAD_PKCS7');
  const info = derChildren(p7, expectTag(infos[0], TAG.SEQUENCE));
  // version, sid, digestAlgorithm, [0] signedAttrs?, signatureAlgorithm, signature, [1] unsignedAttrs?
  const sid = info[1];
  const digestOid = oidOf(p7, derChildren(p7, expectTag(info[2], TAG.SEQUENCE))[0]);
  const digest = DIGESTS[digestOid];
  if (!sid || !digest) throw new Failure(sid ? 'UNSUPPORTED_ALGORITHM' : 'BAD_PKCS7');
  const hasAttrs = info[3]?.tag === TAG.CONTEXT_0;
  const rest = info.slice(hasAttrs ? 4 : 3);
  return {
    certificates,
    signer: {
      sid,
      digest,
      signedAttrs: hasAttrs ? info[3]! : null,
      signatureAlgorithm: oidOf(p7, derChildren(p7, expectTag(rest[0], TAG.SEQUENCE))[0]),
      signature: derContent(p7, expectTag(rest[1], TAG.OCTET_STRING)),
    },
  };
}

/** The embedded certificate the SignerInfo names (issuer + serial, or subject key identifier). */
function findSignerCertificate(p7: Buffer, certificates: DerNode[], sid: DerNode): DerNode {
  for (const cert of certificates) {
    if (cert.tag !== TAG.SEQUENCE) continue;
    const tbs = derChildren(p7, expectTag(derChildren(p7, cert)[0], TAG.SEQUENCE));
    const offset = tbs[0]?.tag === TAG.CONTEXT_0 ? 1 : 0; // [0] version
    const [serial, , issuer] = tbs.slice(offset, offset + 3);
    if (!serial || !issuer) continue;
    if (sid.tag === TAG.SEQUENCE) {
      const [sidIssuer, sidSerial] = derChildren(p7, sid);
      if (sidIssuer && sidSerial && equalBytes(derBytes(p7, sidIssuer), derBytes(p7, issuer)) && equalBytes(derBytes(p7, sidSerial), derBytes(p7, serial))) return cert;
    } else if (sid.tag === TAG.CONTEXT_0_PRIMITIVE) {
      const ski = forgeCertificate(derBytes(p7, cert))?.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | null;
      if (ski?.subjectKeyIdentifier === Buffer.from(derContent(p7, sid)).toString('hex')) return cert;
    }
  }
  throw new Failure('NO_SIGNER_CERTIFICATE');
}

function forgeCertificate(der: Uint8Array): forge.pki.Certificate | null {
  try {
    return forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary'))));
  } catch {
    return null; // e.g. not an RSA key: forge reads only RSA certificates
  }
}

/** messageDigest, signingTime and contentType of the signed attributes. */
function readSignedAttributes(p7: Buffer, attrs: DerNode): { messageDigest: Uint8Array | null; signingTime: string | null; contentTypeOk: boolean } {
  let messageDigest: Uint8Array | null = null;
  let signingTime: string | null = null;
  let contentTypeOk = true;
  for (const attr of derChildren(p7, attrs)) {
    const [type, values] = derChildren(p7, expectTag(attr, TAG.SEQUENCE));
    const value = derChildren(p7, expectTag(values, TAG.SET))[0];
    if (!value) continue;
    const oid = oidOf(p7, type);
    if (oid === OID.messageDigest) messageDigest = derContent(p7, expectTag(value, TAG.OCTET_STRING));
    else if (oid === OID.signingTime) signingTime = decodeTime(value.tag, derContent(p7, value));
    else if (oid === OID.contentType) contentTypeOk = value.tag === TAG.OID && decodeOid(derContent(p7, value)) === OID.data;
  }
  return { messageDigest, signingTime, contentTypeOk };
}

function rsaVerifies(cert: forge.pki.Certificate | null, digest: Buffer, signature: Uint8Array): boolean {
  const key = cert?.publicKey as forge.pki.rsa.PublicKey | undefined;
  if (!key?.verify) return false;
  try {
    return key.verify(digest.toString('binary'), Buffer.from(signature).toString('binary'));
  } catch {
    return false;
  }
}

function unsigned(problem: SignatureProblem = 'NO_SIGNATURE'): PdfSignatureCheck {
  return { signed: false, intact: false, coversWholeFile: false, signerFingerprintSha256: null, signerSubject: null, signedAt: null, problem };
}

function hashRanges(pdf: Buffer, [a, b, c, d]: ByteRange, algorithm: string): Buffer {
  return createHash(algorithm).update(pdf.subarray(a, a + b)).update(pdf.subarray(c, c + d)).digest();
}

export function inspectPdfSignature(pdf: Uint8Array): PdfSignatureCheck {
  try {
    return inspect(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  } catch {
    // inspect() catches the failures of the checks; this catches the rest (e.g. a caller passing no bytes at all)
    return unsigned();
  }
}

function inspect(pdf: Buffer): PdfSignatureCheck {
  const at = lastByteRangeAt(pdf);
  const range = at >= 0 ? readByteRange(pdf, at) : null;
  if (!range) return unsigned();
  const [a, b, c, d] = range;
  const gapStart = a + b;
  const dict = dictionaryText(pdf, at, gapStart, c);
  const result: PdfSignatureCheck = {
    signed: true,
    intact: false,
    coversWholeFile: false,
    signerFingerprintSha256: null,
    signerSubject: null,
    signedAt: pdfDate(textEntry(dict, 'M')),
    problem: null,
  };
  for (const key of ['Reason', 'Name', 'Location'] as const) {
    const value = textEntry(dict, key);
    if (value !== null) result[key.toLowerCase() as 'reason' | 'name' | 'location'] = value;
  }
  try {
    if (c < gapStart || c + d > pdf.length) throw new Failure('BAD_BYTE_RANGE');
    const hexText = contentsHexText(pdf, gapStart, c);
    const p7 = hexText === null ? null : hexTextBytes(hexText);
    if (!hexText || !p7) throw new Failure('BAD_BYTE_RANGE');
    result.coversWholeFile = a === 0 && c + d === pdf.length;
    if (p7.length > MAX_SIGNATURE_BYTES) throw new Failure('BAD_PKCS7');
    const outer = readDer(p7, 0);
    const { certificates, signer } = parseSignedData(p7, outer);
    const certNode = findSignerCertificate(p7, certificates, signer.sid);
    const certDer = derBytes(p7, certNode);
    const cert = forgeCertificate(certDer);
    result.signerFingerprintSha256 = sha256Hex(certDer);
    result.signerSubject = cert ? distinguishedName(cert.subject.attributes) : null;
    const contentDigest = hashRanges(pdf, range, signer.digest);
    let signedDigest = contentDigest;
    if (signer.signedAttrs) {
      const attrs = readSignedAttributes(p7, signer.signedAttrs);
      if (attrs.signingTime) result.signedAt = attrs.signingTime;
      if (!attrs.messageDigest || !attrs.contentTypeOk) throw new Failure('BAD_PKCS7');
      if (!equalBytes(attrs.messageDigest, contentDigest)) throw new Failure('DIGEST_MISMATCH');
      // the signature covers the DER of the attributes as a SET (the [0] IMPLICIT tag replaced by 0x31)
      const encoded = Buffer.from(derBytes(p7, signer.signedAttrs));
      encoded[0] = TAG.SET;
      signedDigest = createHash(signer.digest).update(encoded).digest();
    }
    if (!RSA_SIGNATURES.has(signer.signatureAlgorithm)) throw new Failure('UNSUPPORTED_ALGORITHM');
    if (!rsaVerifies(cert, signedDigest, signer.signature)) throw new Failure('BAD_SIGNATURE');
    // what no signature covers, last: the signer is known by now, for the report
    if (!result.coversWholeFile) throw new Failure('NOT_WHOLE_FILE');
    if (!onlyZerosAfter(hexText, outer.end)) throw new Failure('PADDING_NOT_ZERO');
    result.intact = true;
  } catch (error) {
    // DerError, forge errors: a malformed or unsupported PKCS#7
    result.problem = error instanceof Failure ? error.problem : 'BAD_PKCS7';
  }
  return result;
}
