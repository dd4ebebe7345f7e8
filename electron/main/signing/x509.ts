/**
 * Small X.509 helpers shared by the certificate store, the signer and the verifier, so that all three describe a
 * certificate the same way (fingerprint of the DER that goes into the signature, subject string).
 */
import forge from 'node-forge';

/** The DER of a certificate as node-forge writes it into a PKCS#7 (the original TBSCertificate is reused). */
export function certificateDer(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

/** A certificate from its DER. */
export function certificateFromDer(der: Buffer): forge.pki.Certificate {
  return forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
}

export { sha256Hex } from '../storage/sha256';

const ASN1_UTF8 = 12;
const ASN1_BMP = 30;

/** An attribute value as text: forge keeps the encoded bytes of UTF8String and BMPString values undecoded. */
function attributeText(attr: forge.pki.CertificateField): string {
  const raw = typeof attr.value === 'string' ? attr.value : String(attr.value ?? '');
  const tag = attr.valueTagClass as number | undefined;
  try {
    if (tag === ASN1_UTF8) return Buffer.from(raw, 'binary').toString('utf8');
    if (tag === ASN1_BMP) return Buffer.from(raw, 'binary').swap16().toString('utf16le');
  } catch {
    // odd-length BMPString: fall through to the raw text
  }
  return raw;
}

/** forge's names for attributes that have no short name, as OpenSSL prints them. */
const OPENSSL_NAMES: Record<string, string> = { serialName: 'serialNumber' };

/** "CN=…, O=…" in the order the name is encoded (the same order `openssl x509 -subject` shows). */
export function distinguishedName(attributes: forge.pki.CertificateField[]): string {
  return attributes
    .map((a) => {
      const key = a.shortName ?? a.name ?? a.type ?? '?';
      return `${OPENSSL_NAMES[key] ?? key}=${attributeText(a)}`;
    })
    .join(', ');
}

export const isAscii = (text: string): boolean => /^[\x20-\x7e]*$/.test(text);

/**
 * The issuer Name exactly as encoded in the certificate. node-forge rebuilds the issuer of a SignerInfo from parsed
 * attributes and UTF-8-encodes UTF8String values a second time, so a certificate with a Chinese issuer DN yields a
 * SignerInfo that names no certificate (pdfsig: "Unknown Validation Failure"). The raw Name avoids that.
 */
export function rawIssuer(cert: forge.pki.Certificate): forge.asn1.Asn1 | null {
  const tbs = (cert as unknown as { tbsCertificate?: forge.asn1.Asn1 }).tbsCertificate;
  const fields = tbs && Array.isArray(tbs.value) ? tbs.value : null;
  if (!fields) return null;
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, …
  const hasVersion = fields[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC;
  return fields[hasVersion ? 3 : 2] ?? null;
}
