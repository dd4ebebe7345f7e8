import { useState } from 'react';
import type { CaseRecord } from '../../../../electron/shared/domain/case';
import type { RegisterCaseInput } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { useQueryClient } from '@tanstack/react-query';
import { refreshCases } from '../../api/case-cache';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';

/**
 * 登记: sends the case, refreshes every case list and announces the new case number. Field-level rejections
 * (INVALID_INPUT with issues) are rethrown for the form to show at the fields; anything else is notified here.
 */
export function useRegisterCaseMutation() {
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const register = async (input: RegisterCaseInput): Promise<CaseRecord> => {
    setPending(true);
    try {
      const record = await call('cases:create', input);
      void refreshCases(queryClient);
      notifySuccess(t.intake.createdMessage(record.caseNumber), t.intake.created);
      return record;
    } catch (error) {
      if (isApiCallError(error) && error.code === 'INVALID_INPUT' && error.issues.length > 0) notifyError(error, t.intake.invalid);
      else notifyError(error);
      throw error;
    } finally {
      setPending(false);
    }
  };
  return { register, pending };
}
