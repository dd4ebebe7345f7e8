import { useState } from 'react';
import type { AddAttachmentInput, AgreementView, SignAgreementInput } from '../../../../../electron/shared/ipc/contract';
import type { Attachment } from '../../../../../electron/shared/domain/attachment';
import { call } from '../../../api/client';
import { isApiCallError } from '../../../api/errors';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { notifyError } from '../../../lib/notify';
import { caseQueries } from '../../cases/queries';

/**
 * After any change to the agreement: the agreement, the case (summary, documents, history) and its audit. The preview
 * follows by itself (its key carries the revision), so it is not rendered twice; the signed original is read by its
 * id, which the refreshed agreement names.
 */
export function refreshAgreement(client: QueryClient, caseId: string): Promise<void> {
  return client.invalidateQueries({
    queryKey: caseQueries.one(caseId),
    predicate: (query) => query.meta?.immutable !== true && !(query.queryKey[2] === 'agreement' && query.queryKey[3] === 'preview'),
  });
}

/**
 * Runs a write. A stale revision (someone else signed meanwhile) reloads the agreement so the screen shows what is
 * now true; field rejections are rethrown for the form to show at the field; anything else is notified.
 */
async function write<T>(client: QueryClient, caseId: string, run: () => Promise<T>, setPending: (pending: boolean) => void): Promise<T> {
  setPending(true);
  try {
    const value = await run();
    void refreshAgreement(client, caseId);
    return value;
  } catch (error) {
    if (isApiCallError(error) && error.code === 'CONFLICT') void refreshAgreement(client, caseId);
    if (!(isApiCallError(error) && error.issues.length > 0)) notifyError(error);
    throw error;
  } finally {
    setPending(false);
  }
}

/** One signature (drawn or on paper) for one signer. */
export function useSignMutation(caseId: string) {
  const [pending, setPending] = useState(false);
  const client = useQueryClient();
  const sign = (input: Omit<SignAgreementInput, 'caseId'>): Promise<AgreementView> => write(client, caseId, () => call('agreements:sign', { caseId, ...input }), setPending);
  return { sign, pending };
}

/** 加盖人民调解委员会印章. */
export function useSealMutation(caseId: string) {
  const [pending, setPending] = useState(false);
  const client = useQueryClient();
  const seal = (revision: number): Promise<AgreementView> => write(client, caseId, () => call('agreements:seal', { caseId, revision }), setPending);
  return { seal, pending };
}

/** A scan of the signed paper copy of an issued agreement version. */
export function useAddScanMutation(caseId: string) {
  const [pending, setPending] = useState(false);
  const client = useQueryClient();
  const add = (input: Omit<AddAttachmentInput, 'caseId' | 'sessionId' | 'statementId' | 'category'>): Promise<Attachment> =>
    write(client, caseId, () => call('attachments:add', { caseId, sessionId: null, statementId: null, category: 'signed', ...input }), setPending);
  return { add, pending };
}
