import type { AgreementRecord } from '../../../../../electron/shared/domain/agreement';
import type { Attachment } from '../../../../../electron/shared/domain/attachment';
import type { DocumentVersion } from '../../../../../electron/shared/domain/document';

/**
 * The issued versions of the 人民调解协议书 printed for signing on paper (not the signed original issued when it took
 * effect), oldest first.
 */
export function paperVersions(agreement: Pick<AgreementRecord, 'id' | 'signedDocumentId'>, documents: readonly DocumentVersion[]): DocumentVersion[] {
  return documents.filter((d) => d.template === 'agreement' && d.subjectId === agreement.id && !d.signed && d.id !== agreement.signedDocumentId);
}

/**
 * The version to print and sign now: the newest one issued since the text was last approved (an approved text cannot
 * change without going back to review, so any such version carries exactly the approved text); null when none.
 */
export function currentPaperVersion(agreement: Pick<AgreementRecord, 'id' | 'signedDocumentId' | 'review'>, documents: readonly DocumentVersion[]): DocumentVersion | null {
  const approvedAt = agreement.review.filter((r) => r.type === 'approved').at(-1)?.at;
  if (!approvedAt) return null;
  const since = Date.parse(approvedAt);
  return paperVersions(agreement, documents).filter((d) => Date.parse(d.createdAt) >= since).at(-1) ?? null;
}

/** Scans (category 'signed') of any version of this agreement, newest first. */
export function agreementScans(agreement: Pick<AgreementRecord, 'id' | 'signedDocumentId'>, documents: readonly DocumentVersion[], attachments: readonly Attachment[]): Attachment[] {
  const ids = new Set(documents.filter((d) => d.template === 'agreement' && d.subjectId === agreement.id).map((d) => d.id));
  return attachments.filter((a) => a.category === 'signed' && a.documentId !== null && ids.has(a.documentId)).reverse();
}
