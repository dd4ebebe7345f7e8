import { useState } from 'react';
import type { AgreementView } from '../../../../../electron/shared/ipc/contract';
import { call } from '../../../api/client';
import { useQueryClient } from '@tanstack/react-query';
import { refreshCase } from '../../../api/case-cache';
import { t } from '../../../i18n';
import { notifyError } from '../../../lib/notify';
import { NotSavedError } from '../../../lib/autosave';
import type { AgreementDraft } from './useAgreementDraft';

export type AgreementStep = 'submit' | 'approve' | 'return' | 'register';

/**
 * The steps of the review flow. Each first saves whatever is unsaved (so the step applies to what is on screen),
 * then names the revision just saved; the answer becomes the page's view. Success is shown by the status badge and
 * the notice that follows it, not by a notification: one would cover the header's next action for seconds.
 */
export function useAgreementActions(draft: AgreementDraft) {
  const [busy, setBusy] = useState<AgreementStep | null>(null);
  const queryClient = useQueryClient();
  const caseId = draft.view.agreement.caseId;

  const run = async (step: AgreementStep, fn: (revision: number) => Promise<AgreementView>): Promise<boolean> => {
    setBusy(step);
    try {
      await draft.saver.flush();
      const view = await fn(draft.saver.currentRevision);
      draft.adopt(view);
      void refreshCase(queryClient, caseId);
      return true;
    } catch (error) {
      notifyError(error instanceof NotSavedError ? new Error(t.agreements.save.notSaved) : error);
      return false;
    } finally {
      setBusy(null);
    }
  };

  return {
    busy,
    submit: () => run('submit', (revision) => call('agreements:submit', { caseId, revision })),
    approve: () => run('approve', (revision) => call('agreements:review', { caseId, revision, decision: 'approved', comment: '' })),
    returnWith: (comment: string) => run('return', (revision) => call('agreements:review', { caseId, revision, decision: 'returned', comment })),
    register: () => run('register', (revision) => call('agreements:register-oral', { caseId, revision })),
  };
}
