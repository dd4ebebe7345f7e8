/**
 * The center's own self-signed document-signing certificate: RSA 2048, SHA-256, ten years, key usage
 * digitalSignature + nonRepudiation (critical), not a CA. The subject is ASCII on purpose: node-forge re-encodes
 * non-ASCII names in a way that breaks validation in pdfsig/OpenSSL (stack-notes §9, gotcha 3); the center's Chinese
 * name goes into the PKCS#12 friendly name and center.json instead.
 */
import { generateKeyPair as nodeGenerateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { isAscii } from './x509';

const generateKeyPair = promisify(nodeGenerateKeyPair);

export const CENTER_CERT_COMMON_NAME = "People's Mediation Committee Document Seal";
const VALIDITY_YEARS = 10;
/** Verifiers compare the signing time with notBefore using their own clock: allow a day of clock difference. */
const BACKDATE_MS = 24 * 60 * 60 * 1000;

/** A random id that tells one workstation's certificate apart from another's (kept when the certificate is renewed). */
export const newInstallationId = (): string => `MW-${randomBytes(8).toString('hex').toUpperCase()}`;

/** A password for the stored PKCS#12 (never typed by anyone; see center-certificate.ts). */
export const newPassword = (): string => randomBytes(24).toString('base64url');

export async function generateCenterP12(opts: { installationId: string; friendlyName: string; password: string; now: Date }): Promise<Buffer> {
  const subject = [
    { shortName: 'CN', value: CENTER_CERT_COMMON_NAME },
    { shortName: 'O', value: opts.installationId },
  ];
  if (!subject.every((a) => isAscii(a.value))) throw new Error('certificate subject must be ASCII');
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
