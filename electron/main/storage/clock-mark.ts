import path from 'node:path';
import { z } from 'zod';
import { type DurableFs, realFs } from './durable-fs';
import { CorruptFileError, DurableJsonFile, type FileProblem } from './durable-json-file';
import { KeyedMutex } from './keyed-mutex';

const ClockMarkSchema = z.strictObject({
  version: z.literal(1),
  /** The latest time a case number was issued or a document signed or sealed (ISO, UTC). */
  highWater: z.iso.datetime({ offset: true }),
});

/**
 * The high-water time of the clock, in `clock.json` beside the case-number sequence (written like every store file:
 * temp, fsync, rename, fsync of the folder, previous generation kept). A clock that reads earlier than this was set
 * back, and what it stamps would be out of order with what was already issued (services/clock-guard.ts).
 */
export class ClockMark {
  private readonly lock = new KeyedMutex();

  private constructor(
    private readonly file: DurableJsonFile<z.infer<typeof ClockMarkSchema>>,
    private mark: string | null,
  ) {}

  /**
   * Reads the mark. Without one (a data folder from before the mark existed, or a damaged file with no usable previous
   * generation, reported through `onProblem`) `seed` gives the latest time known otherwise, if any.
   */
  static async open(dataDir: string, opts: { fs?: DurableFs; onProblem?: (p: FileProblem) => void; seed: () => Promise<string | null> }): Promise<ClockMark> {
    const file = new DurableJsonFile(path.join(dataDir, 'clock.json'), ClockMarkSchema, {
      fs: opts.fs ?? realFs,
      quarantineDir: path.join(dataDir, 'quarantine'),
      describe: '系统时间记录',
      ...(opts.onProblem ? { onProblem: opts.onProblem } : {}),
    });
    let stored: string | null = null;
    try {
      stored = (await file.read())?.highWater ?? null;
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
    }
    const mark = new ClockMark(file, stored);
    const seeded = stored === null ? await opts.seed() : null;
    if (seeded) await mark.raise(new Date(seeded));
    return mark;
  }

  get highWater(): string | null {
    return this.mark;
  }

  /** Raises the mark to `now` when it is later; durable before it resolves. */
  raise(now: Date): Promise<void> {
    return this.lock.run('mark', async () => {
      if (this.mark !== null && Date.parse(this.mark) >= now.getTime()) return;
      await this.save(now.toISOString());
    });
  }

  /** Sets the mark to `now`, earlier than it was: an administrator confirmed that the clock is right. */
  reset(now: Date): Promise<void> {
    return this.lock.run('mark', () => this.save(now.toISOString()));
  }

  /** Memory follows the file only once the write is durable (a failed write leaves both as they were). */
  private async save(highWater: string): Promise<void> {
    await this.file.write({ version: 1, highWater });
    this.mark = highWater;
  }
}
