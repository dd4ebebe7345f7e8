import type { QueryClient } from '@tanstack/react-query';

/**
 * What a change to cases refreshes: every list and desk (a case may join, leave or move in them, and the workload
 * counts move with it) and the views of the changed cases, or of every case when the ids are not known (after a
 * mutation of ours that may touch several, or a live event that had too many to list). Queries on screen refetch;
 * the others are marked stale and load afresh when next shown.
 *
 * A query whose `meta.immutable` is true (a file read back by its id and hash) never changes and is left alone.
 */
export function refreshCases(client: QueryClient, caseIds?: readonly string[]): Promise<void> {
  const mutable = { predicate: (query: { meta?: Record<string, unknown> }) => query.meta?.immutable !== true };
  const views = caseIds === undefined ? [client.invalidateQueries({ queryKey: ['case'], ...mutable })] : caseIds.map((id) => client.invalidateQueries({ queryKey: ['case', id], ...mutable }));
  return Promise.all([client.invalidateQueries({ queryKey: ['cases'] }), client.invalidateQueries({ queryKey: ['desk'] }), ...views]).then(() => undefined);
}

/** One case's own views (its page, audit, agreement), without the lists: a change that only this case shows. */
export function refreshCase(client: QueryClient, caseId: string): Promise<void> {
  return client.invalidateQueries({ queryKey: ['case', caseId], predicate: (query) => query.meta?.immutable !== true });
}
