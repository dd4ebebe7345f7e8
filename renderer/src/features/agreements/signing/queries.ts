import { queryOptions } from '@tanstack/react-query';
import type { IssuedDocument } from '../../../../../electron/shared/ipc/contract';
import { call } from '../../../api/client';
import { shownInChinese } from '../../../api/query-client';

/**
 * The agreement of a case as the signing screen and the performance panel read it. The keys sit under ['case', id],
 * so that whatever refreshes the case (a mutation, a live event) refreshes them too.
 */
export const agreementQueries = {
  all: (caseId: string) => ['case', caseId, 'agreement'] as const,
  view: (caseId: string) => queryOptions({ queryKey: ['case', caseId, 'agreement', 'view'], queryFn: shownInChinese(() => call('agreements:get', { caseId })) }),
  /** A drawn signature's PNG, read back and checked against its SHA-256: a signature taken at `at` never changes. */
  signature: (caseId: string, signerId: string, at: string) =>
    queryOptions({
      queryKey: ['case', caseId, 'agreement', 'signature', signerId, at],
      queryFn: shownInChinese(() => call('agreements:signature', { caseId, signerId })),
      meta: { immutable: true },
    }),
  /** The 人民调解协议书 as it prints now (not stored); made again whenever the agreement changes (its revision). */
  preview: (caseId: string, agreementId: string, revision: number) =>
    queryOptions({
      queryKey: ['case', caseId, 'agreement', 'preview', revision],
      queryFn: shownInChinese(() => call('documents:preview', { caseId, template: 'agreement', subjectId: agreementId })),
    }),
  /** The signed original issued when the agreement took effect, read back and checked against its hash (write-once). */
  signedDocument: (caseId: string, documentId: string | null) =>
    queryOptions({
      queryKey: ['case', caseId, 'agreement', 'signed', documentId],
      queryFn: shownInChinese((): Promise<IssuedDocument | null> => (documentId ? call('documents:read', { caseId, documentId }) : Promise.resolve(null))),
      meta: { immutable: true },
    }),
};
