import type { CaseSummary } from '../../shared/domain';
import type { CaseListItem, CaseListPage, CaseListQuery } from '../../shared/ipc/contract';

/** How a related case was found: an ID/credit code is strong evidence, a phone medium, a bare name weak. */
export type RelatedMatch = 'id' | 'org' | 'phone' | 'name';
export interface RelatedCase {
  summary: CaseListItem;
  matches: RelatedMatch[];
}

const KEY_KIND: Record<string, RelatedMatch> = { id: 'id', org: 'org', tel: 'phone' };
const MATCH_RANK: Record<RelatedMatch, number> = { id: 0, org: 0, phone: 1, name: 2 };

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

export function toListItem(summary: CaseSummary): CaseListItem {
  const { identityKeys: _omit, ...item } = summary;
  return item;
}

/**
 * In-memory read model of all cases: list pages, filters and related-case lookup without touching case files.
 * Cases are kept in registration order, so the newest-first page is a reverse scan with no sorting.
 */
export class CaseIndex {
  private readonly byId = new Map<string, CaseSummary>();
  private readonly order: string[] = [];
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byName = new Map<string, Set<string>>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): CaseSummary | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<CaseSummary> {
    return this.byId.values();
  }

  upsert(summary: CaseSummary): void {
    const old = this.byId.get(summary.id);
    if (old) {
      for (const key of old.identityKeys) this.byKey.get(key)?.delete(old.id);
      for (const name of [...old.applicants, ...old.respondents]) this.byName.get(name)?.delete(old.id);
    } else {
      this.order.push(summary.id);
    }
    this.byId.set(summary.id, summary);
    for (const key of summary.identityKeys) addTo(this.byKey, key, summary.id);
    for (const name of [...summary.applicants, ...summary.respondents]) addTo(this.byName, name, summary.id);
  }

  /** Rebuild helper: bulk-load summaries sorted by registration. */
  load(summaries: CaseSummary[]): void {
    summaries.sort((a, b) => (a.registeredAt === b.registeredAt ? a.seq - b.seq : a.registeredAt < b.registeredAt ? -1 : 1));
    for (const s of summaries) this.upsert(s);
  }

  list(query: CaseListQuery): CaseListPage {
    const text = query.text?.trim();
    const start = (query.page - 1) * query.pageSize;
    const items: CaseListItem[] = [];
    let total = 0;
    for (let i = this.order.length - 1; i >= 0; i--) {
      const s = this.byId.get(this.order[i]!)!;
      if (query.status && s.status !== query.status) continue;
      if (query.disputeType && s.disputeType !== query.disputeType) continue;
      if (text && !s.caseNumber.includes(text) && !s.title.includes(text)) continue;
      if (total >= start && items.length < query.pageSize) items.push(toListItem(s));
      total += 1;
    }
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Cases involving any of the given identity keys (`id:…`, `org:…`, `tel:…`) or exact names. */
  related(keys: string[], names: string[], excludeId?: string, limit = 20): RelatedCase[] {
    const found = new Map<string, Set<RelatedMatch>>();
    const note = (id: string, match: RelatedMatch) => {
      if (id === excludeId) return;
      let set = found.get(id);
      if (!set) found.set(id, (set = new Set()));
      set.add(match);
    };
    for (const key of keys) {
      const kind = KEY_KIND[key.slice(0, key.indexOf(':'))];
      if (kind) for (const id of this.byKey.get(key) ?? []) note(id, kind);
    }
    for (const name of names) for (const id of this.byName.get(name) ?? []) note(id, 'name');
    const rank = (m: Set<RelatedMatch>) => Math.min(...[...m].map((x) => MATCH_RANK[x]));
    return [...found.entries()]
      .map(([id, matches]) => ({ summary: toListItem(this.byId.get(id)!), matches: [...matches].sort((a, b) => MATCH_RANK[a] - MATCH_RANK[b]) }))
      .sort((a, b) => rank(new Set(a.matches)) - rank(new Set(b.matches)) || (a.summary.registeredAt < b.summary.registeredAt ? 1 : -1))
      .slice(0, limit);
  }

  /** Highest sequence number used per year (the sequence file must never fall below it). */
  maxSeqByYear(): Map<number, number> {
    const max = new Map<number, number>();
    for (const s of this.byId.values()) max.set(s.year, Math.max(max.get(s.year) ?? 0, s.seq));
    return max;
  }

  /** Open cases per mediator (for assignment screens). */
  openCountByMediator(openStatuses: readonly string[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of this.byId.values()) {
      if (!openStatuses.includes(s.status)) continue;
      for (const m of s.mediatorIds) counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    return counts;
  }
}
