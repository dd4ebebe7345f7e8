import { Low } from 'lowdb';
import { z } from 'zod';
import { CorruptFileError, DurableJsonFile, type DurableJsonFileOptions } from './durable-json-file';

const SequenceSchema = z.strictObject({ years: z.record(z.string().regex(/^\d{4}$/), z.int().nonnegative()) });
type Sequences = z.infer<typeof SequenceSchema>;

/**
 * Case-number sequence per year: the last number issued. A number is taken (`peek`) by a registration and recorded
 * (`commit`) only once its case is stored, so a registration that fails burns no number; the store runs registrations
 * one at a time, so numbers are unique and gapless. What keeps a number from being given twice across a crash is the
 * index: the case's journal entry is durable before the case is, and at start the sequence never stays below the
 * highest number the index holds (`open`). The file adds a floor for numbers whose cases are gone (a folder removed
 * by hand), and guards against an index rebuilt from an older backup.
 */
export class SequenceFile {
  private readonly db: Low<Sequences>;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(file: string, opts: DurableJsonFileOptions) {
    this.db = new Low(new DurableJsonFile(file, SequenceSchema, { ...opts, describe: '案件编号序列' }), { years: {} });
  }

  async open(floors: Map<number, number>): Promise<void> {
    try {
      await this.db.read();
    } catch (error) {
      // Damaged with no usable previous generation (already quarantined and reported): the floors from the case
      // index are the authoritative lower bound, so continue from them rather than refuse to start.
      if (!(error instanceof CorruptFileError)) throw error;
    }
    for (const [year, max] of floors) {
      if ((this.db.data.years[String(year)] ?? 0) < max) this.db.data.years[String(year)] = max;
    }
  }

  /** The latest year a number was issued in (0 when none). */
  latestYear(): number {
    return Math.max(0, ...Object.entries(this.db.data.years).filter(([, n]) => n > 0).map(([y]) => Number(y)));
  }

  /** The number the next case of `year` gets; nothing is recorded until `commit`. */
  peek(year: number): number {
    return (this.db.data.years[String(year)] ?? 0) + 1;
  }

  /**
   * Records that `seq` of `year` was issued (its case is stored), in memory at once and then durably. The caller goes
   * on when the write fails: the case's own index entry already keeps the number from being reused.
   */
  commit(year: number, seq: number): Promise<void> {
    const key = String(year);
    this.db.data.years[key] = Math.max(this.db.data.years[key] ?? 0, seq);
    const run = this.chain.then(() => this.db.write());
    this.chain = run.catch(() => undefined);
    return run;
  }
}
