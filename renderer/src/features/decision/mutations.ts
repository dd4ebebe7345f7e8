import { useState } from 'react';
import type { FormErrors } from '@mantine/form';
import type { ApiMethod } from '../../../../electron/shared/ipc/channels';
import type { ApiContract, CaseView } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { useQueryClient } from '@tanstack/react-query';
import { refreshCases } from '../../api/case-cache';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { issuesToFormErrors } from '../../lib/zod-form';

type DecisionMethod = Extract<ApiMethod, 'cases:accept' | 'cases:refuse' | 'cases:transfer' | 'cases:assign'>;

export type DecisionOutcome = { ok: true; view: CaseView } | { ok: false; errors: FormErrors };

/**
 * A decision at the desk (受理 / 不予受理 / 转办 / 指派). On success every case list, the desk and the workload are
 * refreshed. Field problems come back for the form; a CONFLICT (someone else changed the case since it was loaded)
 * reloads the case and says so; anything else is notified.
 */
export function useDecisionMutation<K extends DecisionMethod>(method: K) {
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const run = async (input: ApiContract[K]['input'], success: (view: CaseView) => string): Promise<DecisionOutcome> => {
    setPending(true);
    try {
      const view = (await (call as (m: K, i: ApiContract[K]['input']) => Promise<CaseView>)(method, input)) as CaseView;
      void refreshCases(queryClient);
      notifySuccess(success(view));
      return { ok: true, view };
    } catch (error) {
      if (isApiCallError(error) && error.code === 'CONFLICT') {
        void refreshCases(queryClient);
        notifyError(new Error(t.caseDetail.conflict));
      } else if (isApiCallError(error) && error.code === 'INVALID_INPUT' && error.issues.length > 0) {
        return { ok: false, errors: issuesToFormErrors(error.issues) };
      } else {
        if (isApiCallError(error) && error.code === 'NOT_ALLOWED') void refreshCases(queryClient);
        notifyError(error);
      }
      return { ok: false, errors: {} };
    } finally {
      setPending(false);
    }
  };
  return { run, pending };
}
