/**
 * What is stamped on a print of the agreement: each signature captured on the workstation (its PNG, checked against
 * the SHA-256 recorded when it was taken), a note for each made on the paper copy, and the committee seal once it has
 * been affixed. And the center's certificate that signs the PDF of an agreement that took effect.
 */
import { type AgreementRecord, type CenterSettings, type SigningMethod } from '../../shared/domain';
import { ApiFailure } from '../../shared/ipc/result';
import type { Workstation } from '../services/workstation';
import { inspectPng } from '../settings/png';
import { signPdf } from '../signing';
import { sealingCertificate } from '../signing/sealing-certificate';
import type { PdfImage, SignatureMark } from './render-pdf';
import { sha256Hex } from '../storage/sha256';

/** How a signature made on the printed copy is noted in its box on the workstation's copy. */
export const PAPER_NOTES: Record<Exclude<SigningMethod, 'drawn'>, string> = {
  paper_signed: '（纸质文本签名）',
  paper_fingerprint: '（纸质文本按指印）',
  paper_sealed: '（纸质文本盖章）',
};

/** What was stamped, as recorded in the data snapshot of the version (the images by their SHA-256). */
export interface AgreementStamps {
  signatures: { signerId: string; name: string; method: SigningMethod; at: string; imageSha256: string | null }[];
  seal: { at: string; imageSha256: string } | null;
}

export interface AgreementMarks {
  signatures: Record<string, SignatureMark>;
  seal?: PdfImage;
  stamps: AgreementStamps;
}


/**
 * The marks of an agreement's signatures and seal. A drawn signature whose file no longer matches its recorded hash
 * is refused (it would print someone else's hand as theirs). The seal image is the one in the settings; when the
 * agreement was sealed but no image is set any more, there is no seal to print (`seal` absent).
 */
export async function loadAgreementMarks(ws: Workstation, agreement: AgreementRecord): Promise<AgreementMarks> {
  const signatures: Record<string, SignatureMark> = {};
  const stamps: AgreementStamps = { signatures: [], seal: null };
  for (const s of agreement.signatures) {
    if (s.method === 'drawn' && s.image) {
      const png = await ws.cases.getFile(agreement.caseId, 'signatures', s.image.file).catch(() => null);
      if (!png || sha256Hex(png) !== s.image.sha256) throw new ApiFailure('STORE_CORRUPT', `${s.name}的签名图片缺失或与签署时记录的不一致，不能印制，请联系管理员从备份恢复`);
      const info = inspectPng(png);
      if (!info.ok) throw new ApiFailure('STORE_CORRUPT', `${s.name}的签名图片已损坏，不能印制`);
      signatures[s.signerId] = { image: { png, width: info.value.width, height: info.value.height } };
    } else if (s.method !== 'drawn') {
      signatures[s.signerId] = { note: PAPER_NOTES[s.method] };
    }
    stamps.signatures.push({ signerId: s.signerId, name: s.name, method: s.method, at: s.at, imageSha256: s.image?.sha256 ?? null });
  }
  const image = ws.state.data.images.seal;
  if (agreement.seal && image) {
    stamps.seal = { at: agreement.seal.at, imageSha256: image.sha256 };
    return { signatures, seal: { png: Buffer.from(image.pngBase64, 'base64'), width: image.width, height: image.height }, stamps };
  }
  return { signatures, stamps };
}

/**
 * Signs a finished PDF with the center's certificate (made on first use, in <data dir>/certificates, the folder the
 * verify screen reads): the signer is the
 * committee, the place the center. Returns the signed PDF and the certificate's SHA-256 fingerprint.
 */
export async function signWithCenterCertificate(ws: Workstation, pdf: Buffer, settings: CenterSettings, reason: string): Promise<{ pdf: Buffer; certificateSha256: string }> {
  const now = ws.clock.now();
  const cert = await sealingCertificate(ws);
  const signed = await signPdf(pdf, cert, { reason, name: settings.committeeName, location: settings.centerName, signedAt: now });
  return { pdf: signed, certificateSha256: cert.fingerprintSha256 };
}
