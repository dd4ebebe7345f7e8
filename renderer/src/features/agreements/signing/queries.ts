import type { IssuedDocument } from '../../../../../electron/shared/ipc/contract';
import { call } from '../../../api/client';

/**
 * The agreement of a case as the signing screen and the performance panel read it. The keys sit under 'cases' so that
 * anything that refreshes every case view (invalidate(caseQueries.all())) refreshes them too.
 */
export const agreementQueries = {
  all: (caseId: string) => ['cases', 'agreement', caseId] as const,
  view: (caseId: string) => ({ key: ['cases', 'agreement', caseId, 'view'], fn: () => call('agreements:get', { caseId }) }),
  /** A drawn signature's PNG, read back and checked against its SHA-256. */
  signature: (caseId: string, signerId: string, at: string) => ({
    key: ['cases', 'agreement', caseId, 'signature', signerId, at],
    fn: () => call('agreements:signature', { caseId, signerId }),
  }),
  /** The 人民调解协议书 as it prints now (not stored); made again whenever the agreement changes (its revision). */
  preview: (caseId: string, agreementId: string, revision: number) => ({
    key: ['cases', 'agreement', caseId, 'preview', revision],
    fn: () => call('documents:preview', { caseId, template: 'agreement', subjectId: agreementId }),
  }),
  /** The signed original issued when the agreement took effect, read back and checked against its hash. */
  signedDocument: (caseId: string, documentId: string | null) => ({
    key: ['cases', 'agreement', caseId, 'signed', documentId],
    fn: (): Promise<IssuedDocument | null> => (documentId ? call('documents:read', { caseId, documentId }) : Promise.resolve(null)),
  }),
};
