import type { CaseSummary } from '../../shared/domain';
import type { CaseListItem, RelatedCase, RelatedMatch } from '../../shared/ipc/contract';
import { type CaseFilter, type CaseQuery, type CaseQueryResult, compileFilter, matchesText, searchTextOf } from './case-query';

/**
 * Registration order is the case numbers' order: numbers never go back (not even when the clock did, so registration
 * times may), and every desk and every start-up agrees on it.
 */
const before = (a: CaseSummary, b: CaseSummary): boolean => (a.year === b.year ? a.seq < b.seq : a.year < b.year);

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
 * In-memory read model of all cases: list pages, filters, counts and related-case lookup without touching case
 * files. Summaries are kept in an array in registration order (a position map finds a case's slot), so the
 * newest-first page is a reverse scan with no sorting and no lookup per row. The postings for related-case lookup
 * are built on the first lookup, not at start-up (the list is what the first screen needs).
 */
export class CaseIndex {
  private byId = new Map<string, CaseSummary>();
  private rows: CaseSummary[] = [];
  /** Each row's search text (searchTextOf), made once per change rather than per search. */
  private texts: string[] = [];
  private slot = new Map<string, number>();
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
    if (old) {
      this.unpost(old);
      const at = this.slot.get(summary.id)!;
      this.rows[at] = summary;
      this.texts[at] = searchTextOf(summary);
    } else {
      // Registrations arrive in order on one desk; a case registered elsewhere earlier (another desk's, arriving
      // late) goes to its place, so the order stays by registration.
      let at = this.rows.length;
      while (at > 0 && before(summary, this.rows[at - 1]!)) at -= 1;
      this.rows.splice(at, 0, summary);
      this.texts.splice(at, 0, searchTextOf(summary));
      if (at === this.rows.length - 1) this.slot.set(summary.id, at);
      else for (let i = at; i < this.rows.length; i++) this.slot.set(this.rows[i]!.id, i);
    }
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
    this.rows = [...this.byId.values()].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    this.slot = new Map(this.rows.map((s, i) => [s.id, i]));
    this.texts = this.rows.map(searchTextOf);
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

  /** `keys`: the (hashed) identity keys the filter's text could be (see compileFilter). */
  query(q: CaseQuery, keys: readonly string[] = []): CaseQueryResult {
    const keep = compileFilter(q.filter);
    const text = q.filter?.text?.trim() || null;
    const offset = q.offset ?? 0;
    const limit = q.limit ?? Number.POSITIVE_INFINITY;
    const { rows, texts } = this;
    const items: CaseListItem[] = [];
    let total = 0;
    // One plain loop over the rows (a scan of 100k must stay a few milliseconds): the text first, it rules out most.
    const oldest = q.order === 'oldest';
    for (let k = 0; k < rows.length; k++) {
      const i = oldest ? k : rows.length - 1 - k;
      const s = rows[i]!;
      if (text !== null && !matchesText(s, texts[i]!, text, keys)) continue;
      if (!keep(s)) continue;
      if (total >= offset && items.length < limit) items.push(toListItem(s));
      total += 1;
    }
    return { items, total };
  }

  /** Matching cases per mediator (a text is matched as written; identity numbers are not looked up here). */
  tallyByMediator(filter: CaseFilter): Map<string, number> {
    const keep = compileFilter(filter);
    const text = filter.text?.trim() || null;
    const counts = new Map<string, number>();
    for (let i = 0; i < this.rows.length; i++) {
      const s = this.rows[i]!;
      if ((text !== null && !matchesText(s, this.texts[i]!, text, [])) || !keep(s)) continue;
      for (const m of s.mediatorIds) counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    return counts;
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
}
