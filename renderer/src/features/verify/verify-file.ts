import { t } from '../../i18n';

/** The host's cap for documents:verify (VerifyDocumentInputSchema). */
export const MAX_VERIFY_BYTES = 30 * 1024 * 1024;
export const PDF_ACCEPT = 'application/pdf,.pdf';

const v = t.signing.verify;

/** Why a picked or dropped file cannot be checked (before anything is read), or null. */
export function verifyFileProblem(file: Pick<File, 'name' | 'type' | 'size'>): string | null {
  const pdfByName = /\.pdf$/i.test(file.name);
  // Some systems give no type (or a generic one) for a PDF: then its name decides; the bytes are checked after reading.
  if (file.type !== 'application/pdf' && !pdfByName) return v.notPdf;
  if (file.size === 0) return v.empty;
  if (file.size > MAX_VERIFY_BYTES) return v.tooLarge;
  return null;
}

/** Whether the bytes start like a PDF ("%PDF-"); a renamed Word file is refused here rather than by the host. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  // Some writers put a few bytes before the header; PDF readers accept it within the first 1024 bytes.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}
