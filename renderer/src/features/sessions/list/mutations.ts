import { useState } from 'react';
import type { SessionPlan } from '../../../../../electron/shared/domain/session';
import type { SessionView } from '../../../../../electron/shared/ipc/contract';
import type { ValidationIssue } from '../../../../../electron/shared/validation/issue';
import { call } from '../../../api/client';
import { isApiCallError } from '../../../api/errors';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { refreshCases } from '../../../api/case-cache';
import { t } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';

/** Field problems come back to the form (paths as the host gave them); anything else has been notified. */
export type SessionOutcome = { ok: true; view: SessionView } | { ok: false; issues: ValidationIssue[] };

/**
 * Runs a change to a session and refreshes the case. A CONFLICT (the session changed since it was read) or
 * NOT_ALLOWED (the case moved on) reloads the case and says so; INVALID_INPUT with issues goes back to the form.
 */
async function runChange(queryClient: QueryClient, change: () => Promise<SessionView>, success: (view: SessionView) => string): Promise<SessionOutcome> {
  try {
    const view = await change();
    void refreshCases(queryClient);
    notifySuccess(success(view));
    return { ok: true, view };
  } catch (error) {
    if (isApiCallError(error) && error.code === 'INVALID_INPUT' && error.issues.length > 0) return { ok: false, issues: error.issues };
    if (isApiCallError(error) && (error.code === 'CONFLICT' || error.code === 'NOT_ALLOWED' || error.code === 'NOT_FOUND')) void refreshCases(queryClient);
    notifyError(isApiCallError(error) && error.code === 'CONFLICT' ? new Error(t.sessions.conflict) : error);
    return { ok: false, issues: [] };
  }
}

/** 安排 / 修改安排 / 取消安排, each with its pending flag for the dialog's button. */
export function useSessionMutations(caseId: string, describe: (view: SessionView) => { ordinal: string; when: string }) {
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const guard = async (run: () => Promise<SessionOutcome>) => {
    setPending(true);
    try {
      return await run();
    } finally {
      setPending(false);
    }
  };

  const schedule = (plan: SessionPlan) =>
    guard(() =>
      runChange(
        queryClient,
        () => call('sessions:schedule', { caseId, plan }),
        (view) => {
          const d = describe(view);
          return t.sessions.scheduled(d.ordinal, d.when, view.session.place);
        },
      ),
    );

  const updatePlan = (sessionId: string, revision: number, plan: SessionPlan) =>
    guard(() => runChange(queryClient, () => call('sessions:update-plan', { caseId, sessionId, revision, plan }), (view) => t.sessions.updated(describe(view).ordinal)));

  /** Reads the session first: the case record keeps a summary, the revision lives in the session's own file. */
  const cancel = (sessionId: string, reason: string) =>
    guard(() =>
      runChange(
        queryClient,
        async () => {
          const { session } = await call('sessions:get', { caseId, sessionId });
          return call('sessions:cancel', { caseId, sessionId, revision: session.revision, reason });
        },
        (view) => t.sessions.cancelled(describe(view).ordinal),
      ),
    );

  return { schedule, updatePlan, cancel, pending };
}
