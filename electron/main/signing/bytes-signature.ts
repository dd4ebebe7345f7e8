/**
 * A plain RSA-SHA256 signature over bytes with the center's certificate, and its check against a certificate alone
 * (DER): for records that are not PDFs, such as the integrity checkpoints. The key comes out of the certificate the
 * caller was handed by sealingCertificate() and is used for this one signature.
 */
import { X509Certificate, createSign, verify } from 'node:crypto';
import forge from 'node-forge';
import type { CenterCertificate } from './center-certificate';
import { readP12 } from './p12';
import { certificateDer } from './x509';

export interface BytesSigner {
  /** The signing certificate without its key, so that anyone holding a signed record can check it. */
  certificateDer: Buffer;
  fingerprintSha256: string;
  sign(bytes: Uint8Array): Buffer;
}

/** Opens the certificate's key once. Throws CertificateError when it cannot sign at `at` (expired, wrong password …). */
export function bytesSigner(cert: CenterCertificate, at: Date): BytesSigner {
  const contents = readP12(cert.p12, cert.password, at);
  const pem = forge.pki.privateKeyToPem(contents.key);
  return {
    certificateDer: certificateDer(contents.cert),
    fingerprintSha256: contents.fingerprintSha256,
    sign: (bytes) => createSign('RSA-SHA256').update(bytes).sign(pem),
  };
}

/** Whether `signature` is an RSA-SHA256 signature of `bytes` by the key of this certificate (false for any malformed input). */
export function verifyBytes(certificate: Uint8Array, bytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify('sha256', bytes, new X509Certificate(certificate).publicKey, signature);
  } catch {
    return false;
  }
}
