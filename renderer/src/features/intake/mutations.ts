import { useState } from 'react';
import type { CaseInput, CaseRecord } from '../../../../electron/shared/domain/case';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { invalidate } from '../../api/query';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { caseQueries } from '../cases/queries';

/**
 * 登记: sends the case, refreshes every case list and announces the new case number. Field-level rejections
 * (INVALID_INPUT with issues) are rethrown for the form to show at the fields; anything else is notified here.
 */
export function useRegisterCaseMutation() {
  const [pending, setPending] = useState(false);
  const register = async (input: CaseInput): Promise<CaseRecord> => {
    setPending(true);
    try {
      const record = await call('cases:create', input);
      invalidate(caseQueries.all());
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
