/** Short CI version of the process-crash loop (scripts/reliability/crash-loop.ts; long: npm run reliability). */
import { describe, expect, it } from 'vitest';
import { runCrashLoop } from '../../../scripts/reliability/crash-loop';

describe('process crash (SIGKILL) during writes through the real store', () => {
  it('50 cycles: every acknowledged write survives, every JSON file parses, no stale temp outlives the next start', async () => {
    // A fixed seed keeps a failure reproducible; the long run (npm run reliability) varies it.
    const f = await runCrashLoop({ cycles: 50, seed: 20261125, cyclesPerDir: 25 });
    expect(f.lostExamples).toEqual([]);
    expect(f.unparseableExamples).toEqual([]);
    expect(f.cyclesKilledWhileWriting).toBe(50);
    expect(f.acknowledged).toBeGreaterThan(50);
    expect(f.staleTempsRemainingAfterOpen).toBe(0);
  }, 90_000);

  it('positive control: fs.writeFile in place shows torn or lost files within 40 cycles', async () => {
    const f = await runCrashLoop({ cycles: 40, mode: 'naive' });
    expect(f.unparseableFiles + f.lost).toBeGreaterThan(0);
  }, 60_000);
});
