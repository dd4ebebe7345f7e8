/**
 * How an agreement is signed and what it still needs to take effect (人民调解法 art. 29), once for main (which refuses
 * anything else) and the signing desk (which offers only this).
 */
import type { AgreementRecord, Signature, SignerKind, SigningMethod } from './agreement';
import type { Attachment } from './attachment';
import type { DocumentVersion } from './document';
import type { ValidationIssue } from '../validation/issue';

/** Mediators and the recorder sign only for themselves: their signature is a condition of effect. */
export const isStaffSigner = (slot: { kind: SignerKind }): boolean => slot.kind === 'mediator' || slot.kind === 'recorder';

/**
 * The ways a signer may sign, the usual first: a person on screen or on paper (signed or fingerprinted), an
 * organisation by its seal on the paper copy, an agent or a member of staff by their own hand only.
 */
export function signingMethods(slot: { kind: SignerKind; organization: boolean }): SigningMethod[] {
  if (slot.kind === 'party') return slot.organization ? ['paper_sealed'] : ['drawn', 'paper_signed', 'paper_fingerprint'];
  return ['drawn', 'paper_signed'];
}

/** One condition of effect still to be met: a signer's signature or the committee seal. */
export type PendingCondition = 'seal' | `signature:${string}`;

/**
 * The conditions of effect of a written agreement: every required signature (parties and mediators) and the seal.
 * `pending` lists those not yet met, in the printed order, the seal last.
 */
export function conditionsOfEffect(
  slots: readonly { signerId: string; required: boolean; signature: unknown }[],
  sealed: boolean,
): { total: number; pending: PendingCondition[] } {
  const required = slots.filter((s) => s.required);
  const pending: PendingCondition[] = required.filter((s) => !s.signature).map((s) => `signature:${s.signerId}` as const);
  if (!sealed) pending.push('seal');
  return { total: required.length + 1, pending };
}

/** Signed, fingerprinted or sealed on the printed copy (the evidence is the paper, so its scan is kept). */
export const isPaperMethod = (method: SigningMethod): boolean => method !== 'drawn';

/**
 * The scans of the signed paper copy that carry the approved text: attachments (category 'signed') of a version of this
 * agreement issued since its text was last approved. A scan of an older text proves nothing about this one.
 */
export function approvedTextScans(
  agreement: Pick<AgreementRecord, 'id' | 'signedDocumentId' | 'review'>,
  documents: readonly Pick<DocumentVersion, 'id' | 'template' | 'subjectId' | 'signed' | 'createdAt'>[],
  attachments: readonly Pick<Attachment, 'category' | 'documentId' | 'addedAt'>[],
): Pick<Attachment, 'category' | 'documentId' | 'addedAt'>[] {
  const approvedAt = agreement.review.filter((r) => r.type === 'approved').at(-1)?.at;
  if (!approvedAt) return [];
  const since = Date.parse(approvedAt);
  const ids = new Set(
    documents.filter((d) => d.template === 'agreement' && d.subjectId === agreement.id && !d.signed && d.id !== agreement.signedDocumentId && Date.parse(d.createdAt) >= since).map((d) => d.id),
  );
  return attachments.filter((a) => a.category === 'signed' && a.documentId !== null && ids.has(a.documentId));
}

/**
 * Whether a paper signature may be registered: only with a scan of the printed, signed copy uploaded, or with a
 * recorded reason why the scan comes later. Returns the reason to keep (null when a scan is there), or the issue.
 */
export function paperSignatureCheck(method: SigningMethod, hasScan: boolean, reason: string | undefined): { ok: true; paperReason: string | null } | { ok: false; issue: ValidationIssue } {
  if (!isPaperMethod(method)) return { ok: true, paperReason: null };
  if (hasScan) return { ok: true, paperReason: null };
  const why = (reason ?? '').trim();
  if (why) return { ok: true, paperReason: why };
  return {
    ok: false,
    issue: { code: 'PAPER_SCAN_MISSING', path: ['paperReason'], message: '尚未上传签署后的纸质协议扫描件：请先上传扫描件，或填写扫描件稍后上传的原因' },
  };
}

/**
 * The paper signatures registered with a reason instead of a scan and still waiting for one: no scan of the approved
 * text has come in since they were registered. Shown on the agreement as 待上传纸质签署扫描件 and on the desk.
 */
export function signaturesAwaitingScan(
  agreement: Pick<AgreementRecord, 'id' | 'signedDocumentId' | 'review' | 'signatures'>,
  documents: Parameters<typeof approvedTextScans>[1],
  attachments: Parameters<typeof approvedTextScans>[2],
): Signature[] {
  const scans = approvedTextScans(agreement, documents, attachments);
  return agreement.signatures.filter((s) => s.paperReason !== null && s.paperReason !== undefined && !scans.some((a) => Date.parse(a.addedAt) >= Date.parse(s.at)));
}
