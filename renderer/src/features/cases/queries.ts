import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { CaseListQuery } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { shownInChinese } from '../../api/query-client';

/**
 * Query keys and loaders for cases. Lists sit under ['cases'], the desks under ['desk'], and everything about one
 * case under ['case', id] (its record, audit, agreement, documents), so that a change to some cases refreshes the
 * lists, the desks and those cases only (api/case-cache.ts).
 */
export const caseQueries = {
  lists: () => ['cases'] as const,
  list: (query: CaseListQuery) =>
    queryOptions({
      queryKey: ['cases', 'list', query],
      queryFn: shownInChinese(() => call('cases:list', query)),
      // Paging or filtering keeps the previous page on screen until the next one is there (no flicker).
      placeholderData: keepPreviousData,
    }),
  /** Everything about one case. */
  one: (id: string) => ['case', id] as const,
  detail: (id: string) => queryOptions({ queryKey: ['case', id], queryFn: shownInChinese(() => call('cases:get', { id })) }),
  audit: (id: string) => queryOptions({ queryKey: ['case', id, 'audit'], queryFn: shownInChinese(() => call('cases:audit', { id })) }),
  desks: () => ['desk'] as const,
  /** 今日接待. */
  desk: () => queryOptions({ queryKey: ['desk', 'today'], queryFn: shownInChinese(() => call('desk:today')) }),
  /** 我的工作台. */
  mine: () => queryOptions({ queryKey: ['desk', 'mine'], queryFn: shownInChinese(() => call('desk:mine')) }),
};
