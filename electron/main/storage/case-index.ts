import type { CaseSummary } from '../../shared/domain';
import type { CaseListItem, CaseListPage, CaseListQuery, RelatedCase, RelatedMatch } from '../../shared/ipc/contract';

/** How a related case was found: an ID/credit code is strong evidence, a phone medium, a bare name weak. */
export type { RelatedCase, RelatedMatch } from '../../shared/ipc/contract';

const KEY_KIND: Record<string, RelatedMatch> = { id: 'id', org: 'org', tel: 'phone' };
const MATCH_RANK: Record<RelatedMatch, number> = { id: 0, org: 0, phone: 1, name: 2 };

/**
 * Posting lists for related-case lookup: most keys (ID numbers, phones) belong to one case, so a single id is kept
 * as a plain string and only repeated keys get an array. At 100k cases that is ~460k keys; one Set per key made
 * building the index the slowest part of start-up (see scripts/bench/bench.ts).
 */
type Postings = Map<string, string | string[]>;

/** A case's keys are posted together, so a repeated key of the same case (two parties, one phone) is the last id. */
function addTo(map: Postings, key: string, id: string): void {
  const ids = map.get(key);
  if (ids === undefined) map.set(key, id);
  else if (typeof ids === 'string') {
    if (ids !== id) map.set(key, [ids, id]);
  } else if (ids[ids.length - 1] !== id) ids.push(id);
}

function removeFrom(map: Postings, key: string, id: string): void {
  const ids = map.get(key);
  if (ids === id) map.delete(key);
  else if (Array.isArray(ids)) {
    const rest = ids.filter((x) => x !== id);
    if (rest.length === 0) map.delete(key);
    else map.set(key, rest.length === 1 ? rest[0]! : rest);
  }
}

function* idsOf(map: Postings, key: string): Iterable<string> {
  const ids = map.get(key);
  if (typeof ids === 'string') yield ids;
  else if (ids) yield* ids;
}

export function toListItem(summary: CaseSummary): CaseListItem {
  const { identityKeys: _omit, ...item } = summary;
  return item;
}

/**
 * In-memory read model of all cases: list pages, filters and related-case lookup without touching case files.
 * Cases are kept in registration order, so the newest-first page is a reverse scan with no sorting. The postings
 * for related-case lookup are built on the first lookup, not at start-up (the list is what the first screen needs).
 */
export class CaseIndex {
  private byId = new Map<string, CaseSummary>();
  private order: string[] = [];
  private postings: { byKey: Postings; byName: Postings } | null = null;

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
    if (old) this.unpost(old);
    else this.order.push(summary.id);
    this.byId.set(summary.id, summary);
    this.post(summary);
  }

  /**
   * Fills an empty index. A map by id is taken over as it is: at 100k cases, copying it summary by summary was a
   * tenth of the start-up (V8 maps of that size are slow to fill).
   */
  load(summaries: Map<string, CaseSummary> | readonly CaseSummary[]): void {
    if (this.byId.size > 0) throw new Error('the index is loaded once, when the store opens');
    this.byId = summaries instanceof Map ? summaries : new Map(summaries.map((s) => [s.id, s]));
    const sorted = [...this.byId.values()].sort((a, b) => (a.registeredAt === b.registeredAt ? a.seq - b.seq : a.registeredAt < b.registeredAt ? -1 : 1));
    this.order = sorted.map((s) => s.id);
  }

  private post(s: CaseSummary): void {
    if (!this.postings) return;
    for (const key of s.identityKeys) addTo(this.postings.byKey, key, s.id);
    for (const name of s.applicants) addTo(this.postings.byName, name, s.id);
    for (const name of s.respondents) addTo(this.postings.byName, name, s.id);
  }

  private unpost(s: CaseSummary): void {
    if (!this.postings) return;
    for (const key of s.identityKeys) removeFrom(this.postings.byKey, key, s.id);
    for (const name of s.applicants) removeFrom(this.postings.byName, name, s.id);
    for (const name of s.respondents) removeFrom(this.postings.byName, name, s.id);
  }

  /** Builds the related-case postings ahead of the first lookup (the store schedules it just after start-up). */
  warmUp(): void {
    this.ensurePostings();
  }

  private ensurePostings(): { byKey: Postings; byName: Postings } {
    if (!this.postings) {
      this.postings = { byKey: new Map(), byName: new Map() };
      for (const s of this.byId.values()) this.post(s);
    }
    return this.postings;
  }

  /** Cases registered at or after an instant (ISO), newest first; a reverse scan that stops at the first older one. */
  registeredSince(iso: string): CaseListItem[] {
    const items: CaseListItem[] = [];
    for (let i = this.order.length - 1; i >= 0; i--) {
      const s = this.byId.get(this.order[i]!)!;
      if (s.registeredAt < iso) break;
      items.push(toListItem(s));
    }
    return items;
  }

  /** Cases whose agreement has an obligation or the judicial-confirmation deadline due on or before a date. */
  agreementsDueBy(date: string): CaseListItem[] {
    const items: CaseListItem[] = [];
    for (const id of this.order) {
      const s = this.byId.get(id)!;
      if ((s.agreementDue && s.agreementDue <= date) || (s.confirmationDue && s.confirmationDue <= date)) items.push(toListItem(s));
    }
    return items;
  }

  /** Cases with a paper signature whose scan was promised for later (the desk checks whether it came since). */
  scanAwaited(): CaseListItem[] {
    const items: CaseListItem[] = [];
    for (const id of this.order) if (this.byId.get(id)!.scanAwaitedSince) items.push(toListItem(this.byId.get(id)!));
    return items;
  }

  /** Every case the predicate keeps, newest first (the desks' own lists). */
  where(keep: (item: CaseListItem) => boolean): CaseListItem[] {
    const items: CaseListItem[] = [];
    for (let i = this.order.length - 1; i >= 0; i--) {
      const item = toListItem(this.byId.get(this.order[i]!)!);
      if (keep(item)) items.push(item);
    }
    return items;
  }

  /** Every case in one status, in registration order. */
  withStatus(status: CaseSummary['status']): CaseListItem[] {
    const items: CaseListItem[] = [];
    for (const id of this.order) {
      const s = this.byId.get(id)!;
      if (s.status === status) items.push(toListItem(s));
    }
    return items;
  }

  /** `keys`: the (hashed) identity keys the search text could be; a case holding one matches as well as by text. */
  list(query: CaseListQuery, keys: readonly string[] = []): CaseListPage {
    const text = query.text?.trim();
    const room = query.room?.trim();
    const byText = (s: CaseSummary) => !text || s.caseNumber.includes(text) || s.title.includes(text) || s.agents.some((a) => a.includes(text)) || keys.some((k) => s.identityKeys.includes(k));
    const start = (query.page - 1) * query.pageSize;
    const items: CaseListItem[] = [];
    let total = 0;
    for (let i = this.order.length - 1; i >= 0; i--) {
      const s = this.byId.get(this.order[i]!)!;
      if (query.status && s.status !== query.status) continue;
      if (query.disputeType && s.disputeType !== query.disputeType) continue;
      if (query.mediatorId && !s.mediatorIds.includes(query.mediatorId)) continue;
      if (room && s.room !== room) continue;
      if (!byText(s)) continue;
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
    const { byKey, byName } = this.ensurePostings();
    for (const key of keys) {
      const kind = KEY_KIND[key.slice(0, key.indexOf(':'))];
      if (kind) for (const id of idsOf(byKey, key)) note(id, kind);
    }
    for (const name of names) for (const id of idsOf(byName, name)) note(id, 'name');
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
