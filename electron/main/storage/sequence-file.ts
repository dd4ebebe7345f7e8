import { Low } from 'lowdb';
import { z } from 'zod';
import { CorruptFileError, DurableJsonFile, type DurableJsonFileOptions } from './durable-json-file';

const SequenceSchema = z.strictObject({ years: z.record(z.string().regex(/^\d{4}$/), z.int().nonnegative()) });
type Sequences = z.infer<typeof SequenceSchema>;

/**
 * Case-number sequence per year. The new value is durable before it is handed out, so a number is never given
 * twice, even across a crash; a crash after allocation leaves a gap, never a duplicate. The floor from the
 * index guards against an older sequence file restored from a previous generation.
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

  next(year: number): Promise<number> {
    const run = this.chain.then(async () => {
      const seq = (this.db.data.years[String(year)] ?? 0) + 1;
      this.db.data.years[String(year)] = seq;
      await this.db.write();
      return seq;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
