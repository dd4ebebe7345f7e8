/**
 * @signpdf's P12Signer (PKCS#7 detached, SHA-256, signed attributes contentType + signingTime + messageDigest) with
 * one correction: the SignerInfo names its certificate by the issuer Name as encoded in that certificate, not as
 * node-forge re-encodes it (see rawIssuer). The issuer is not covered by the signature, so replacing it afterwards
 * is safe; with an ASCII DN (our generated certificate) it changes nothing.
 *
 * A P12Signer instance can sign only once (a second sign() fails with "Too few bytes to parse DER"): make one per
 * signature.
 */
import { createRequire } from 'node:module';
import forge from 'node-forge';
import { rawIssuer } from './x509';

// CommonJS packages, loaded the way fonts.ts loads pdfmake so that vitest, tsx and the built app agree.
const require = createRequire(import.meta.url);
const { P12Signer } = require('@signpdf/signer-p12') as typeof import('@signpdf/signer-p12');

type Asn1 = forge.asn1.Asn1;
const children = (node: Asn1 | undefined): Asn1[] => (node && Array.isArray(node.value) ? (node.value as Asn1[]) : []);

/** Replaces each SignerInfo's issuer with the raw issuer of the embedded certificate that has the same serial. */
export function withRawIssuers(pkcs7Der: Buffer): Buffer {
  const contentInfo = forge.asn1.fromDer(forge.util.createBuffer(pkcs7Der.toString('binary')));
  const signedData = children(children(contentInfo)[1])[0];
  const parts = children(signedData);
  const certificates = parts.find((p) => p.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  const signerInfos = parts.at(-1);
  const bySerial = new Map<string, Asn1 | null>();
  for (const certAsn1 of children(certificates)) {
    let cert: forge.pki.Certificate;
    try {
      cert = forge.pki.certificateFromAsn1(certAsn1);
    } catch {
      continue; // a certificate forge cannot read (P12Signer would not have got this far with one)
    }
    const issuer = rawIssuer(cert);
    if (!issuer) continue;
    // two certificates with one serial: leave the SignerInfo as forge wrote it rather than guess
    bySerial.set(cert.serialNumber, bySerial.has(cert.serialNumber) ? null : issuer);
  }
  for (const signerInfo of children(signerInfos)) {
    const sid = children(signerInfo)[1];
    const [, serial] = children(sid);
    if (!sid || !serial || sid.type !== forge.asn1.Type.SEQUENCE) continue;
    const issuer = bySerial.get(forge.util.bytesToHex(serial.value as string));
    if (issuer) (sid.value as Asn1[])[0] = issuer;
  }
  return Buffer.from(forge.asn1.toDer(contentInfo).getBytes(), 'binary');
}

export class CenterSigner extends P12Signer {
  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return withRawIssuers(await super.sign(pdfBuffer, signingTime));
  }
}
