import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AgreementView, PerformanceInput } from '../../../../../electron/shared/ipc/contract';
import { call } from '../../../api/client';
import { isApiCallError } from '../../../api/errors';
import { notifyError } from '../../../lib/notify';
import { refreshAgreement } from '../signing/mutations';

/** 履行情况 of one obligation or instalment; the case's next due date (reminders) follows on the host. */
export function usePerformanceMutation(caseId: string) {
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const record = async (input: Omit<PerformanceInput, 'caseId'>): Promise<AgreementView> => {
    setPending(true);
    try {
      const view = await call('agreements:performance', { caseId, ...input });
      void refreshAgreement(queryClient, caseId);
      return view;
    } catch (error) {
      if (isApiCallError(error) && error.code === 'CONFLICT') void refreshAgreement(queryClient, caseId);
      if (!(isApiCallError(error) && error.issues.some((i) => i.path[0] === 'note'))) notifyError(error);
      throw error;
    } finally {
      setPending(false);
    }
  };
  return { record, pending };
}
