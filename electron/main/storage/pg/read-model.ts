import type pg from 'pg';
import type { CaseSummary } from '../../../shared/domain';
import { CaseIndex } from '../case-index';
import type { SnapshotRows } from '../snapshot-codec';
import { openRow, rowName } from './sealed-rows';

interface SummaryRow {
  case_id: string;
  revision: number;
  change_seq: string;
  summary: Buffer;
}

/**
 * The list's read model on a desk: the CaseIndex every store shares (lists, counts, related cases in memory), loaded
 * from the sealed summaries at open and kept current by this desk's own writes and by `refresh`, which loads the
 * summaries changed after the last change number it has seen (change_counter in migrations.ts: numbers become
 * visible in commit order, so "after N" misses nothing). Another desk's change reaches this one at its next refresh
 * (driven by LISTEN/NOTIFY in a later step); reads of a single case always go to the database.
 */
export class PgReadModel {
  readonly index = new CaseIndex();
  /** The highest change number loaded: every change up to it is in the index. */
  private seen = 0;
  private refreshing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly key: Buffer,
    /**
     * A summary that fails authentication is never served: the case's own record is summarised instead (and the
     * damage reported by the store); null when that fails too (the case cannot be listed).
     */
    private readonly recover: (caseId: string, reason: string) => Promise<CaseSummary | null>,
    /** Told of each case a refresh brought up to date (another desk's change). */
    private readonly onRemoteChange: (caseId: string) => void = () => undefined,
  ) {}

  get lastChange(): number {
    return this.seen;
  }

  private async changedAfter(after: number): Promise<SummaryRow[]> {
    const { rows } = await this.pool.query<SummaryRow>('SELECT case_id, revision, change_seq::text AS change_seq, summary FROM summaries WHERE change_seq > $1 ORDER BY change_seq', [after]);
    return rows;
  }

  private async open(row: SummaryRow): Promise<CaseSummary | null> {
    try {
      const summary = JSON.parse(openRow(this.key, rowName.summary(row.case_id), row.summary).toString('utf8')) as CaseSummary;
      if (summary.id === row.case_id) return summary;
      return await this.recover(row.case_id, 'the summary names another case');
    } catch (error) {
      return await this.recover(row.case_id, (error as Error).message);
    }
  }

  /** At open: every summary. */
  async load(): Promise<void> {
    const rows = await this.changedAfter(0);
    const byId = new Map<string, CaseSummary>();
    for (const row of rows) {
      const summary = await this.open(row);
      if (summary) byId.set(summary.id, summary);
    }
    this.index.load(byId);
    this.seen = rows.length > 0 ? Number(rows.at(-1)!.change_seq) : 0;
  }

  /** At open, from the desk's copy (read-model-cache.ts): the summaries as of change `seen`; refresh brings the rest. */
  loadCached(snapshot: SnapshotRows, seen: number): void {
    this.index.loadSnapshot(snapshot);
    this.seen = seen;
  }

  /**
   * Loads the summaries changed since the last refresh (or open) and returns how many changed the index. Refreshes
   * run one at a time; a row this desk already has at that revision (its own write) is skipped without opening it.
   */
  refresh(): Promise<number> {
    const run = this.refreshing.then(async () => {
      const rows = await this.changedAfter(this.seen);
      let applied = 0;
      for (const row of rows) {
        const known = this.index.get(row.case_id);
        if (!known || known.revision < row.revision) {
          const summary = await this.open(row);
          if (summary && this.apply(summary)) {
            applied += 1;
            this.onRemoteChange(summary.id);
          }
        }
        this.seen = Number(row.change_seq);
      }
      return applied;
    });
    this.refreshing = run.catch(() => undefined);
    return run;
  }

  /**
   * Puts a summary in the index unless it already holds a later revision of the case: this desk's own write and a
   * refresh that read the row just before it can arrive in either order, and the list must never step back.
   */
  /** apply for a batch (a bulk import): one merge into the list instead of one insertion per case. */
  applyMany(summaries: readonly CaseSummary[]): void {
    this.index.upsertMany(summaries.filter((s) => (this.index.get(s.id)?.revision ?? 0) < s.revision));
  }

  apply(summary: CaseSummary): boolean {
    const known = this.index.get(summary.id);
    if (known && known.revision >= summary.revision) return false;
    this.index.upsert(summary);
    return true;
  }
}
