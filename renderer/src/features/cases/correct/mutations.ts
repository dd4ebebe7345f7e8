import { useState } from 'react';
import type { CaseCorrectionInput } from '../../../../../electron/shared/domain/corrections';
import type { CaseView } from '../../../../../electron/shared/ipc/contract';
import { call } from '../../../api/client';
import { isApiCallError } from '../../../api/errors';
import { useQueryClient } from '@tanstack/react-query';
import { refreshCases } from '../../../api/case-cache';
import { t } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';

/**
 * 修改登记信息: saves, refreshes everything under the case (its page, lists, the agreement and its checks) and says
 * so. Field rejections and a conflict are rethrown for the form to show in place; anything else is notified here.
 */
export function useCorrectCaseMutation() {
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const correct = async (input: CaseCorrectionInput, caseNumber: string): Promise<CaseView> => {
    setPending(true);
    try {
      const view = await call('cases:update', input);
      void refreshCases(queryClient);
      notifySuccess(t.corrections.savedMessage(caseNumber), t.corrections.saved);
      return view;
    } catch (error) {
      if (isApiCallError(error) && error.code === 'INVALID_INPUT' && error.issues.length > 0) notifyError(error, t.corrections.invalid);
      else if (!(isApiCallError(error) && error.code === 'CONFLICT')) notifyError(error);
      throw error;
    } finally {
      setPending(false);
    }
  };
  return { correct, pending };
}
