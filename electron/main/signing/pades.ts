/**
 * Signs a finished PDF (pdfmake's buffer) with the center's certificate: an incremental update adds an invisible
 * signature field whose value is a PKCS#7 detached signature (SubFilter adbe.pkcs7.detached, SHA-256) over the whole
 * file except the signature itself (stack-notes §9, path B: @signpdf/placeholder-plain, then @signpdf/signpdf).
 *
 * Not ETSI.CAdES.detached: that SubFilter requires the ESS signing-certificate-v2 attribute, which P12Signer does not
 * write; adbe.pkcs7.detached is what pdfsig and Acrobat accept as is.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { CenterCertificate } from './center-certificate';
import { checkValidity } from './p12';
import { CenterSigner } from './signer';

const require = createRequire(import.meta.url);
const { plainAddPlaceholder } = require('@signpdf/placeholder-plain') as typeof import('@signpdf/placeholder-plain');
const { SignPdf } = require('@signpdf/signpdf') as typeof import('@signpdf/signpdf');
const { SUBFILTER_ADOBE_PKCS7_DETACHED } = require('@signpdf/utils') as typeof import('@signpdf/utils');

export interface SignatureInfo {
  /** e.g. 人民调解协议书签章 */
  reason: string;
  /** the signer as people know it, e.g. the committee's name */
  name: string;
  location: string;
  contactInfo?: string;
  signedAt: Date;
}

/** Shown by viewers as the signing application (a PDF name: ASCII). */
const APP_NAME = 'Mediation.Workstation';

/**
 * Room for the PKCS#7 (bytes; the placeholder holds twice as many hex digits): our self-signed certificate needs
 * about 1.5 KB, an imported one brings its chain along, which is never larger than the PKCS#12 it came in.
 */
const signatureLength = (cert: CenterCertificate) => Math.max(8192, cert.p12.length + 4096);

type TextFields = Pick<SignatureInfo, 'reason' | 'name' | 'location'> & { contactInfo: string };

/**
 * placeholder-plain writes a non-ASCII text string as UTF-16BE bytes and then appends it UTF-8-encoded, which
 * garbles it (调解 becomes Ã¾Ã¿…). So each non-ASCII value is written as an ASCII marker of exactly the length of
 * its UTF-16BE hex string, then overwritten in place by that hex string: no offset in the file changes.
 */
function withMarkers(fields: TextFields): { values: TextFields; replacements: [Buffer, Buffer][] } {
  const values = { ...fields };
  const replacements: [Buffer, Buffer][] = [];
  for (const key of Object.keys(fields) as (keyof TextFields)[]) {
    const text = fields[key];
    if (/^[\x20-\x7e]*$/.test(text)) continue;
    const utf16be = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
    const hex = Buffer.from(`<${utf16be.toString('hex').toUpperCase()}>`, 'latin1');
    // "(" + marker + ")" is as long as the hex string; Q… is not hex and cannot occur in the added objects by chance
    const marker = `Q${randomBytes(hex.length).toString('hex')}`.slice(0, hex.length - 2);
    values[key] = marker;
    replacements.push([Buffer.from(`(${marker})`, 'latin1'), hex]);
  }
  return { values, replacements };
}

function replaceMarkers(pdf: Buffer, from: number, replacements: [Buffer, Buffer][]): Buffer {
  for (const [marker, hex] of replacements) {
    const at = pdf.indexOf(marker, from);
    if (at < 0 || pdf.indexOf(marker, at + 1) >= 0 || marker.length !== hex.length) throw new Error('signature placeholder text not found exactly once');
    hex.copy(pdf, at);
  }
  return pdf;
}

/**
 * placeholder-plain's startxref points at the newline before its "xref" keyword, one byte early: pdfsig copes, qpdf
 * warns ("extraneous whitespace seen before xref"). The offset is corrected before signing; startxref is the last
 * thing in the file, so nothing else moves.
 */
function fixStartXref(pdf: Buffer): Buffer {
  const startxref = pdf.lastIndexOf('startxref');
  const xref = pdf.lastIndexOf('\nxref', startxref) + 1;
  const m = /^startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.subarray(startxref).toString('latin1'));
  if (startxref < 0 || xref <= 0 || !m || Number(m[1]) === xref) return pdf;
  if (!/^\s*$/.test(pdf.subarray(Number(m[1]), xref).toString('latin1'))) return pdf; // not the known off-by-one
  return Buffer.concat([pdf.subarray(0, startxref), Buffer.from(`startxref\n${xref}\n%%EOF`, 'latin1')]);
}

/** Returns the signed PDF. Throws CertificateError when the certificate is not valid at `signedAt`. */
export async function signPdf(pdf: Uint8Array, cert: CenterCertificate, info: SignatureInfo): Promise<Buffer> {
  if (Number.isNaN(info.signedAt.getTime())) throw new Error('signedAt is not a valid date');
  checkValidity(new Date(cert.notBefore), new Date(cert.notAfter), info.signedAt);
  const original = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const { values, replacements } = withMarkers({ reason: info.reason, name: info.name, location: info.location, contactInfo: info.contactInfo ?? '' });
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: original,
    ...values,
    signingTime: info.signedAt,
    signatureLength: signatureLength(cert),
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: APP_NAME,
  });
  // the added objects start after the original bytes (less the trailing newline placeholder-plain drops)
  replaceMarkers(withPlaceholder, Math.max(0, original.length - 2), replacements);
  const prepared = fixStartXref(withPlaceholder);
  // one signer per signature: a P12Signer cannot sign twice
  const signer = new CenterSigner(cert.p12, { passphrase: cert.password });
  return new SignPdf().sign(prepared, signer, info.signedAt);
}
