import type { CaseListQuery } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';

/** Query keys and loaders for cases; mutations invalidate `caseQueries.all()`. */
export const caseQueries = {
  all: () => ['cases'] as const,
  list: (query: CaseListQuery) => ({ key: ['cases', 'list', query], fn: () => call('cases:list', query) }),
  detail: (id: string) => ({ key: ['cases', 'detail', id], fn: () => call('cases:get', { id }) }),
  audit: (id: string) => ({ key: ['cases', 'audit', id], fn: () => call('cases:audit', { id }) }),
  /** Today's desk: under 'cases' so that every case mutation refreshes it too. */
  desk: () => ({ key: ['cases', 'desk'], fn: () => call('desk:today') }),
  /** 我的工作台: also under 'cases', refreshed by every case mutation. */
  mine: () => ({ key: ['cases', 'mine'], fn: () => call('desk:mine') }),
};
