import type { CaseSummary } from '../../shared/domain';
import type { CaseListItem, RelatedCase, RelatedMatch } from '../../shared/ipc/contract';
import { type CaseFilter, type CaseQuery, type CaseQueryResult, compileFilter, matchesText, searchTextOf } from './case-query';
import type { SnapshotRows } from './snapshot-codec';

/** For a text search without identity keys, which never looks at a case's keys (see matchesText). */
const NO_KEYS = { identityKeys: [] as string[] };

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
 *
 * Loaded from a snapshot (loadSnapshot), a row is made into a summary only when something needs it (a page, a filter
 * the snapshot's columns could not rule it out of, a get): at 100k cases, making every summary at start-up, and the
 * garbage collector moving them all, was most of a second before the first screen. Search texts are made on the
 * first text search, likewise row by row.
 */
export class CaseIndex {
  /** In registration order; a hole is a snapshot row not made into a summary yet (see row). */
  private rows: (CaseSummary | undefined)[] = [];
  /** Each row's search text (searchTextOf), made on the first search that reaches the row, again after a change. */
  private texts: (string | undefined)[] = [];
  private slot = new Map<string, number>();
  /** The snapshot the holes come from, and each position's row in it (kept beside rows through every insertion). */
  private source: { rows: SnapshotRows; of: number[] } | null = null;
  private postings: { byKey: Postings; byName: Postings } | null = null;

  get size(): number {
    return this.rows.length;
  }

  has(id: string): boolean {
    return this.slot.has(id);
  }

  get(id: string): CaseSummary | undefined {
    const at = this.slot.get(id);
    return at === undefined ? undefined : this.row(at);
  }

  /** The summary at a position, made from the snapshot the first time. */
  private row(at: number): CaseSummary {
    return (this.rows[at] ??= this.source!.rows.summary(this.source!.of[at]!));
  }

  /** Every case's id (no summary made). */
  ids(): IterableIterator<string> {
    return this.slot.keys();
  }

  /** Every summary, in registration order (what a snapshot is written from, so that the next load needs no sort). */
  all(): IterableIterator<CaseSummary> {
    for (let at = 0; at < this.rows.length; at++) this.row(at);
    // Every row is made now: the snapshot is no longer needed.
    this.source = null;
    return (this.rows as CaseSummary[]).slice().values();
  }

  upsert(summary: CaseSummary): void {
    const at = this.slot.get(summary.id);
    if (at !== undefined) {
      if (this.postings) this.unpost(this.row(at));
      this.rows[at] = summary;
      this.texts[at] = undefined;
    } else {
      // Registrations arrive in order on one desk; a case registered elsewhere earlier (another desk's, arriving
      // late) goes to its place, so the order stays by registration.
      let at = this.rows.length;
      while (at > 0 && this.isBefore(summary, at - 1)) at -= 1;
      this.rows.splice(at, 0, summary);
      this.texts.splice(at, 0, undefined);
      this.source?.of.splice(at, 0, -1);
      if (at === this.rows.length - 1) this.slot.set(summary.id, at);
      else for (let i = at; i < this.rows.length; i++) this.slot.set(this.idAt(i), i);
    }
    this.post(summary);
  }

  /**
   * Many cases at once (a bulk import, in any order): the new ones merged into registration order in one pass and the
   * positions rebuilt once. One by one, each case arriving before the last moved every later position: a restore of
   * 100k cases in the backup's order spent minutes doing that.
   */
  upsertMany(summaries: readonly CaseSummary[]): void {
    const fresh = new Map<string, CaseSummary>();
    for (const s of summaries) {
      if (this.slot.has(s.id)) this.upsert(s);
      else fresh.set(s.id, s);
    }
    if (fresh.size === 0) return;
    const incoming = [...fresh.values()].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    const rows: (CaseSummary | undefined)[] = [];
    const texts: (string | undefined)[] = [];
    const of: number[] | null = this.source ? [] : null;
    let i = 0;
    let j = 0;
    while (i < this.rows.length || j < incoming.length) {
      if (j < incoming.length && (i >= this.rows.length || this.isBefore(incoming[j]!, i))) {
        rows.push(incoming[j++]);
        texts.push(undefined);
        of?.push(-1);
      } else {
        rows.push(this.rows[i]);
        texts.push(this.texts[i]);
        of?.push(this.source!.of[i]!);
        i += 1;
      }
    }
    this.rows = rows;
    this.texts = texts;
    if (this.source && of) this.source.of = of;
    this.slot = new Map();
    for (let k = 0; k < this.rows.length; k++) this.slot.set(this.idAt(k), k);
    for (const s of incoming) this.post(s);
  }

  /** Takes a case out (its folder is gone). */
  remove(id: string): void {
    const at = this.slot.get(id);
    if (at === undefined) return;
    if (this.postings) this.unpost(this.row(at));
    this.rows.splice(at, 1);
    this.texts.splice(at, 1);
    this.source?.of.splice(at, 1);
    this.slot.delete(id);
    for (let i = at; i < this.rows.length; i++) this.slot.set(this.idAt(i), i);
  }

  private idAt(at: number): string {
    return this.rows[at]?.id ?? this.source!.rows.id(this.source!.of[at]!);
  }

  /** Whether `s` was registered before the case at position `at` (by its number, read without making its summary). */
  private isBefore(s: Pick<CaseSummary, 'year' | 'seq'>, at: number): boolean {
    const other = this.rows[at];
    const year = other ? other.year : this.source!.rows.year(this.source!.of[at]!);
    const seq = other ? other.seq : this.source!.rows.seq(this.source!.of[at]!);
    return s.year === year ? s.seq < seq : s.year < year;
  }

  /**
   * Fills an empty index. A map by id is taken over as it is: at 100k cases, copying it summary by summary was a
   * tenth of the start-up (V8 maps of that size are slow to fill).
   */
  load(summaries: Map<string, CaseSummary> | readonly CaseSummary[]): void {
    if (this.rows.length > 0) throw new Error('the index is loaded once, when the store opens');
    const byId = summaries instanceof Map ? summaries : new Map(summaries.map((s) => [s.id, s]));
    this.rows = [...byId.values()].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    this.slot = new Map(this.rows.map((s, i) => [s!.id, i]));
    this.texts = new Array<string | undefined>(this.rows.length);
  }

  /**
   * Fills an empty index from a snapshot, making no summary (see the class). A snapshot is written in registration
   * order (all()); one that is not (written by an older version) is put in order here.
   */
  loadSnapshot(snapshot: SnapshotRows): void {
    if (this.rows.length > 0) throw new Error('the index is loaded once, when the store opens');
    const count = snapshot.count;
    const of = new Array<number>(count);
    let ordered = true;
    for (let i = 0; i < count; i++) {
      of[i] = i;
      if (i > 0 && ordered) {
        const year = snapshot.year(i);
        const previous = snapshot.year(i - 1);
        if (year < previous || (year === previous && snapshot.seq(i) < snapshot.seq(i - 1))) ordered = false;
      }
    }
    if (!ordered) of.sort((a, b) => snapshot.year(a) - snapshot.year(b) || snapshot.seq(a) - snapshot.seq(b));
    const slot = new Map<string, number>();
    for (let at = 0; at < count; at++) slot.set(snapshot.id(of[at]!), at);
    if (slot.size !== count) {
      // The same case twice (no snapshot this code writes): the later row wins, as it did when rows were read by id.
      this.load(new Map(Array.from({ length: count }, (_, i) => [snapshot.id(i), snapshot.summary(i)] as const)));
      return;
    }
    this.rows = new Array<CaseSummary | undefined>(count);
    this.texts = new Array<string | undefined>(count);
    this.slot = slot;
    this.source = { rows: snapshot, of };
  }

  /** The search text of the row at a position, made once. */
  private textAt(at: number): string {
    let text = this.texts[at];
    if (text === undefined) {
      const s = this.rows[at];
      text = this.texts[at] = s ? searchTextOf(s) : this.source!.rows.searchText(this.source!.of[at]!);
    }
    return text;
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

  /**
   * Builds the related-case postings and the search texts ahead of the first lookup and the first text search (the
   * store schedules it just after start-up). Summaries are still made only when asked.
   */
  warmUp(): void {
    this.ensurePostings();
    for (let at = 0; at < this.rows.length; at++) this.textAt(at);
  }

  private ensurePostings(): { byKey: Postings; byName: Postings } {
    if (!this.postings) {
      const postings = (this.postings = { byKey: new Map(), byName: new Map() });
      for (let at = 0; at < this.rows.length; at++) {
        const s = this.rows[at];
        if (s) this.post(s);
        else {
          // From the snapshot's columns: the postings need no summary.
          const row = this.source!.of[at]!;
          const id = this.source!.rows.id(row);
          this.source!.rows.eachPosting(row, (key) => addTo(postings.byKey, key, id), (name) => addTo(postings.byName, name, id));
        }
      }
    }
    return this.postings;
  }

  /** `keys`: the (hashed) identity keys the filter's text could be (see compileFilter). */
  query(q: CaseQuery, keys: readonly string[] = []): CaseQueryResult {
    const keep = compileFilter(q.filter);
    const pre = keep && this.source ? this.source.rows.prefilter(q.filter) : null;
    const text = q.filter?.text?.trim() || null;
    const offset = q.offset ?? 0;
    const limit = q.limit ?? Number.POSITIVE_INFINITY;
    const { rows } = this;
    const items: CaseListItem[] = [];
    let total = 0;
    // One plain loop over the rows (a scan of 100k must stay a few milliseconds): the text first, it rules out most;
    // a row's summary is made only when the filter needs it or it is on the page.
    const oldest = q.order === 'oldest';
    for (let k = 0; k < rows.length; k++) {
      const i = oldest ? k : rows.length - 1 - k;
      if (text !== null && !matchesText(keys.length > 0 ? this.row(i) : NO_KEYS, this.textAt(i), text, keys)) continue;
      if (keep && !this.keeps(i, keep, pre)) continue;
      if (total >= offset && items.length < limit) items.push(toListItem(this.row(i)));
      total += 1;
    }
    return { items, total };
  }

  /** Whether the filter keeps the row at a position: from the snapshot's columns when they answer it (prefilter). */
  private keeps(at: number, keep: (s: CaseSummary) => boolean, pre: ReturnType<SnapshotRows['prefilter']>): boolean {
    if (pre && this.rows[at] === undefined) {
      if (!pre.test(this.source!.of[at]!)) return false;
      if (pre.exact) return true;
    }
    return keep(this.row(at));
  }

  /** Matching cases per mediator (a text is matched as written; identity numbers are not looked up here). */
  tallyByMediator(filter: CaseFilter): Map<string, number> {
    const keep = compileFilter(filter);
    const pre = keep && this.source ? this.source.rows.prefilter(filter) : null;
    const text = filter.text?.trim() || null;
    const counts = new Map<string, number>();
    for (let i = 0; i < this.rows.length; i++) {
      if (text !== null && !matchesText(NO_KEYS, this.textAt(i), text, [])) continue;
      if (keep && !this.keeps(i, keep, pre)) continue;
      const s = this.rows[i];
      for (const m of s ? s.mediatorIds : this.source!.rows.mediatorIds(this.source!.of[i]!)) counts.set(m, (counts.get(m) ?? 0) + 1);
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
      .map(([id, matches]) => ({ summary: toListItem(this.get(id)!), matches: [...matches].sort((a, b) => MATCH_RANK[a] - MATCH_RANK[b]) }))
      .sort((a, b) => rank(new Set(a.matches)) - rank(new Set(b.matches)) || (a.summary.registeredAt < b.summary.registeredAt ? 1 : -1))
      .slice(0, limit);
  }

  /** Whether a case holds this number (read from the snapshot's columns, making no summary). */
  hasNumber(year: number, seq: number): boolean {
    for (let at = 0; at < this.rows.length; at++) {
      const s = this.rows[at];
      if (s ? s.year === year && s.seq === seq : this.source!.rows.year(this.source!.of[at]!) === year && this.source!.rows.seq(this.source!.of[at]!) === seq) return true;
    }
    return false;
  }

  /** Highest sequence number used per year (the sequence file must never fall below it). */
  maxSeqByYear(): Map<number, number> {
    const max = new Map<number, number>();
    for (let at = 0; at < this.rows.length; at++) {
      const s = this.rows[at];
      const year = s ? s.year : this.source!.rows.year(this.source!.of[at]!);
      const seq = s ? s.seq : this.source!.rows.seq(this.source!.of[at]!);
      max.set(year, Math.max(max.get(year) ?? 0, seq));
    }
    return max;
  }
}
