import type { CaseBundle } from '../storage/case-bundle';

/**
 * Cases per exportCases call. Big enough that a batch's five statements cost far less than the ~8 round trips a case
 * they replace (100 cases: ~800 round trips become 6); small enough that two batches in memory stay small (a case's
 * files are rarely more than a few MB, most cases hold none) and the first bundles reach the engine quickly.
 */
export const READ_AHEAD_BATCH = 100;

type Batch = Promise<Map<string, CaseBundle>>;

/**
 * Reads the cases of a backup ahead of the engine, a batch at a time, in the order the engine asks for them (its
 * workers take entries in list order). The batch holding the case asked for is awaited by every worker asking for one
 * of its cases; when the newest batch is first taken from, the next one is started, so the database reads while the
 * backup seals and writes (at most two batches held, each bundle dropped as it is handed out). A case a batch left
 * out (damaged, changing, gone), or one the read-ahead passed over, is null: the caller reads it alone.
 */
export class CaseReadAhead {
  private readonly position = new Map<string, number>();
  /** The batch of each case fetched and not handed out yet. */
  private readonly batchOf = new Map<string, Batch>();
  /** Position of the first case no batch has looked at yet. */
  private cursor = 0;
  private newest: Batch | null = null;

  constructor(
    private readonly order: readonly string[],
    /** Whether a case is to be exported at all (false: the previous generation's copy is reused). */
    private readonly wanted: (id: string) => boolean,
    private readonly fetch: (ids: string[]) => Batch,
    private readonly size = READ_AHEAD_BATCH,
  ) {
    order.forEach((id, i) => this.position.set(id, i));
  }

  async take(id: string): Promise<CaseBundle | null> {
    let batch = this.batchOf.get(id);
    if (!batch) {
      const at = this.position.get(id);
      if (at === undefined || at < this.cursor) return null;
      this.cursor = at;
      this.start();
      batch = this.batchOf.get(id);
      if (!batch) return null;
    }
    if (batch === this.newest) this.start();
    const bundles = await batch;
    this.batchOf.delete(id);
    const bundle = bundles.get(id) ?? null;
    bundles.delete(id);
    return bundle;
  }

  /** The next batch of wanted cases from the cursor on (none when the list is done). */
  private start(): void {
    const ids: string[] = [];
    while (this.cursor < this.order.length && ids.length < this.size) {
      const id = this.order[this.cursor++]!;
      if (this.wanted(id)) ids.push(id);
    }
    if (ids.length === 0) return;
    // A batch that fails as a whole (the connection dropped) leaves every case to its own read, which meets the
    // failure again if it lasts and says so; nothing is lost by not rejecting here.
    const batch = this.fetch(ids).catch(() => new Map<string, CaseBundle>());
    for (const id of ids) this.batchOf.set(id, batch);
    this.newest = batch;
  }
}
