/**
 * The rules of 文书核验, apart from any I/O: what a PDF's signature check, the center's certificates and the registry
 * lookup add up to. The signature speaks first: a registry match (which anyone able to edit a case record and rebuild
 * the registry could make) never turns a broken, partial or foreign signature into 本中心出具，未被修改.
 */
import type { DocumentVerification, EarlierCertificateInfo, VerificationReason } from '../../shared/ipc/contract';
import type { EarlierCertificate, PdfSignatureCheck } from '../signing';

export type RegistryStatus = 'registered' | 'not_registered' | 'registered_but_case_disagrees';

export interface VerdictInput {
  check: PdfSignatureCheck;
  /** The center's current certificate's fingerprint (null when it has none) and its earlier certificates. */
  center: { current: string | null; earlier: readonly EarlierCertificate[] };
  registry: {
    status: RegistryStatus;
    /** The registered file is the PDF of a signed original: it must carry the center's intact signature. */
    signedOriginal: boolean;
  };
}

export interface Verdict {
  verdict: DocumentVerification['verdict'];
  reasons: VerificationReason[];
  /** The signature is intact and one of the center's certificates made it. */
  byThisCenter: boolean;
  /** The registry, the case and the archived file agree and nothing about the file contradicts them. */
  registered: boolean;
}

export const earlierInfo = (e: EarlierCertificate): EarlierCertificateInfo => ({
  subject: e.subject,
  fingerprintSha256: e.fingerprintSha256,
  notBefore: e.notBefore,
  notAfter: e.notAfter,
  source: e.source,
  replacedAt: e.replacedAt,
});

function signatureReason(check: PdfSignatureCheck): VerificationReason {
  if (!check.signed) return { code: 'unsigned' };
  if (check.intact) return { code: 'signature_intact' };
  if (check.problem === 'NOT_WHOLE_FILE') return { code: 'signature_partial' };
  if (check.problem === 'PADDING_NOT_ZERO') return { code: 'padding_not_zero' };
  return { code: 'signature_broken' };
}

/** Who signed an intact signature; null for a signature that is not intact (its signer cannot be judged). */
function signerReason({ check, center }: VerdictInput): VerificationReason | null {
  if (!check.intact || !check.signerFingerprintSha256) return null;
  if (check.signerFingerprintSha256 === center.current) return { code: 'signer_current_certificate' };
  const earlier = center.earlier.find((e) => e.fingerprintSha256 === check.signerFingerprintSha256);
  return earlier ? { code: 'signer_earlier_certificate', certificate: earlierInfo(earlier) } : { code: 'signer_unknown' };
}

export function judge(input: VerdictInput): Verdict {
  const signature = signatureReason(input.check);
  const signer = signerReason(input);
  // A signed original registered for these bytes, yet the file carries no signature: the record was made to fit.
  const contradicted = input.registry.status === 'registered' && input.registry.signedOriginal && signature.code === 'unsigned';
  const registry: RegistryStatus = contradicted ? 'registered_but_case_disagrees' : input.registry.status;
  const byThisCenter = signer !== null && signer.code !== 'signer_unknown';
  const registered = registry === 'registered';
  const reasons = [signature, ...(signer ? [signer] : []), { code: registry }];
  let verdict: DocumentVerification['verdict'];
  if (signature.code === 'unsigned') verdict = registered ? 'issued_intact' : 'unknown';
  else if (signature.code !== 'signature_intact') verdict = 'signed_but_changed';
  else if (!byThisCenter) verdict = 'signed_by_other';
  else verdict = registered ? 'issued_intact' : 'signed_by_center_unregistered';
  return { verdict, reasons, byThisCenter, registered };
}
