/**
 * The center's own self-signed document-signing certificate: RSA 2048, SHA-256, ten years, key usage
 * digitalSignature + nonRepudiation (critical), not a CA.
 *
 * The subject names the committee in Chinese (C=CN, O=<center>, CN=<committee>文书签章, UTF8String), because that is
 * what a PDF reader shows as the signer. node-forge encodes a UTF8String value exactly once when it builds a new
 * certificate (the TBSCertificate it signs is kept as built and is what goes into the PKCS#12), so the certificate
 * itself is right; the double encoding of stack-notes §9 gotcha 3 happens only when forge rebuilds the issuer of a
 * SignerInfo from a parsed certificate, and CenterSigner replaces that with the certificate's raw issuer bytes.
 * The installation id (serialNumber attribute) keeps two workstations of the same center apart.
 */
import { generateKeyPair as nodeGenerateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

const generateKeyPair = promisify(nodeGenerateKeyPair);

/** Subject of the certificates generated before they named the committee (those stay valid and in use). */
export const LEGACY_CENTER_CERT_COMMON_NAME = "People's Mediation Committee Document Seal";
/** Appended to the committee's name in the common name: "<committee>文书签章". */
export const CENTER_CERT_CN_SUFFIX = '文书签章';
/** Used before setup has named the committee (a certificate is then made only by tests and tools). */
const FALLBACK_COMMITTEE = '人民调解委员会';
/** X.520 upper bounds (characters) for commonName and organizationName. */
const UB_COMMON_NAME = 64;
const UB_ORGANIZATION = 64;
const VALIDITY_YEARS = 10;
/** Verifiers compare the signing time with notBefore using their own clock: allow a day of clock difference. */
const BACKDATE_MS = 24 * 60 * 60 * 1000;

/** A random id that tells one workstation's certificate apart from another's (kept when the certificate is renewed). */
export const newInstallationId = (): string => `MW-${randomBytes(8).toString('hex').toUpperCase()}`;

/** A password for the stored PKCS#12 (never typed by anyone; see center-certificate.ts). */
export const newPassword = (): string => randomBytes(24).toString('base64url');

/** Trimmed and cut to `max` characters (code points, so a Chinese character is never split). */
const clip = (text: string, max: number) => [...text.trim()].slice(0, max).join('');

export interface CenterSubject {
  committeeName: string;
  centerName: string;
  installationId: string;
}

/** The subject's attributes in encoding order (C, O, CN, serialNumber); Chinese values as UTF8String. */
export function centerSubjectAttributes(s: CenterSubject): forge.pki.CertificateField[] {
  const committee = clip(s.committeeName, UB_COMMON_NAME - CENTER_CERT_CN_SUFFIX.length) || FALLBACK_COMMITTEE;
  const center = clip(s.centerName, UB_ORGANIZATION);
  const utf8 = forge.asn1.Type.UTF8;
  return [
    { shortName: 'C', value: 'CN', valueTagClass: forge.asn1.Type.PRINTABLESTRING },
    ...(center ? [{ shortName: 'O', value: center, valueTagClass: utf8 }] : []),
    { shortName: 'CN', value: `${committee}${CENTER_CERT_CN_SUFFIX}`, valueTagClass: utf8 },
    { type: '2.5.4.5', value: s.installationId, valueTagClass: forge.asn1.Type.PRINTABLESTRING },
  ] as unknown as forge.pki.CertificateField[];
}

export async function generateCenterP12(opts: { subject: CenterSubject; friendlyName: string; password: string; now: Date }): Promise<Buffer> {
  const subject = centerSubjectAttributes(opts.subject);
  // Node's native generator: fast, and it does not block the main process while it runs.
  const { privateKey: pem } = await generateKeyPair('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // positive 128-bit serial (leading 0x01 keeps the DER INTEGER positive)
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(opts.now.getTime() - BACKDATE_MS);
  cert.validity.notAfter = new Date(opts.now);
  cert.validity.notAfter.setUTCFullYear(opts.now.getUTCFullYear() + VALIDITY_YEARS);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], opts.password, { algorithm: 'aes256', friendlyName: opts.friendlyName, generateLocalKeyId: true });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
