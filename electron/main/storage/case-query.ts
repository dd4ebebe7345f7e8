import type { CaseStatus, CaseSummary } from '../../shared/domain';
import type { CaseListItem, CaseListQuery } from '../../shared/ipc/contract';

/**
 * Which cases: one description for every list, queue, reminder and count, answered the same way by every store
 * (file, PostgreSQL, memory), instead of a store method per screen. Every condition given must hold.
 *
 * Room left for what comes next: `text` is a substring match over what the list shows today; full-text search over
 * statements and agreements will be a condition of its own (answered by a search index), and statistics "as of" a
 * date will add an `asOf` instant, both without changing the callers of the conditions below.
 */
export interface CaseFilter {
  /** These cases only. */
  ids?: readonly string[];
  /** Any of these statuses. */
  status?: readonly CaseStatus[];
  disputeType?: string;
  /** 承办人: one of the case's mediators. */
  mediatorId?: string;
  /** 调解室 (exact). */
  room?: string;
  /**
   * Case number, title (parties' and companies' names), agents' names; or exactly an ID number, phone or credit
   * code of a party (the store compares those as keyed hashes, never in clear).
   */
  text?: string;
  /** Registered at or after this instant (ISO). */
  registeredFrom?: string;
  /** An agreement obligation or the judicial-confirmation deadline falls on or before this date (YYYY-MM-DD). */
  dueBy?: string;
  /** The agreement has a paper signature registered with a reason instead of its scan. */
  scanAwaited?: boolean;
  /** Has a session (or investigation) scheduled at or after `from` and before `to` (ISO instants). */
  sessionBetween?: { from: string; to: string };
}

export interface CaseQuery {
  filter?: CaseFilter;
  /** By registration: newest first (the default, what every list shows) or oldest first. */
  order?: 'newest' | 'oldest';
  /** Rows skipped before the first returned; 0 by default. */
  offset?: number;
  /** At most this many rows; all by default. `total` counts every match either way. */
  limit?: number;
}

export interface CaseQueryResult {
  items: CaseListItem[];
  total: number;
}

/** Counts of matching cases per mediator (an assignment screen's workload). */
export type TallyByMediator = Map<string, number>;

/**
 * What a text search looks in: the case number, the title (parties' and companies' names) and the agents' names, one
 * string (the separator cannot be typed into a search). The index keeps it per case, so a search is one `includes`.
 */
export function searchTextOf(s: Pick<CaseSummary, 'caseNumber' | 'title' | 'agents'>): string {
  return [s.caseNumber, s.title, ...s.agents].join('\u0001');
}

/**
 * A text search's condition, given the case's search text (searchTextOf) and the hashed keys the text could be (the
 * case's identity keys are looked at only when there are such keys).
 */
export function matchesText(s: Pick<CaseSummary, 'identityKeys'>, searchText: string, text: string, keys: readonly string[]): boolean {
  return searchText.includes(text) || (keys.length > 0 && s.identityKeys.some((k) => keys.includes(k)));
}

/**
 * Compiles a filter into one predicate over summaries, all but its text (the index answers that from its own search
 * texts; see matchesText), or null when it has no condition (every case passes: the index then needs no summary of
 * a row to count it).
 */
export function compileFilter(filter: CaseFilter = {}): ((s: CaseSummary) => boolean) | null {
  const checks: ((s: CaseSummary) => boolean)[] = [];
  const { ids, status, disputeType, mediatorId, registeredFrom, dueBy, scanAwaited, sessionBetween } = filter;
  if (ids) {
    const wanted = new Set(ids);
    checks.push((s) => wanted.has(s.id));
  }
  if (status) checks.push((s) => status.includes(s.status));
  if (disputeType) checks.push((s) => s.disputeType === disputeType);
  if (mediatorId) checks.push((s) => s.mediatorIds.includes(mediatorId));
  const room = filter.room?.trim();
  if (room) checks.push((s) => s.room === room);
  if (registeredFrom) checks.push((s) => s.registeredAt >= registeredFrom);
  if (dueBy) checks.push((s) => (s.agreementDue !== null && s.agreementDue <= dueBy) || (s.confirmationDue !== null && s.confirmationDue <= dueBy));
  if (scanAwaited !== undefined) checks.push((s) => Boolean(s.scanAwaitedSince) === scanAwaited);
  if (sessionBetween) checks.push((s) => s.sessions.some((x) => x.scheduledAt >= sessionBetween.from && x.scheduledAt < sessionBetween.to));
  if (checks.length === 0) return null;
  return (s) => {
    for (const check of checks) if (!check(s)) return false;
    return true;
  };
}

/** The list screen's page (cases:list) as a query. */
export function listQuery(q: CaseListQuery): CaseQuery {
  const { page, pageSize, status, ...rest } = q;
  return { filter: { ...rest, ...(status ? { status: [status] } : {}) }, offset: (page - 1) * pageSize, limit: pageSize };
}
