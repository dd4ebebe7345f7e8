/** Short CI version of the simulated power-loss harness (scripts/reliability/power-loss.ts; long: npm run reliability). */
import { describe, expect, it } from 'vitest';
import { runPowerLoss } from '../../../scripts/reliability/power-loss';

describe('simulated power loss under the real store', () => {
  it('80 cut points: 0 acknowledged writes lost (session saves and attachments included), 0 unparseable files, the store always reopens', async () => {
    const f = await runPowerLoss({ cuts: 80, seed: Date.now() % 100_000 });
    expect(f.lostExamples).toEqual([]);
    expect(f.unparseableExamples).toEqual([]);
    expect(f.reopenFailureExamples).toEqual([]);
    expect(f.staleTempsRemainingAfterOpen).toBe(0);
    expect(f.acknowledgedByKind.session).toBeGreaterThan(80);
    expect(f.acknowledgedByKind.attachment).toBeGreaterThan(20);
  }, 60_000);

  it('negative control: the same store with fsync dropped (steno-style temp + rename) loses acknowledged writes, sessions and attachments too', async () => {
    const f = await runPowerLoss({ cuts: 20, dropSyncs: true });
    expect(f.lost).toBeGreaterThan(0);
    expect(f.cutsWithLoss).toBeGreaterThan(0);
    expect((f.lostByKind.session ?? 0) + (f.lostByKind.attachment ?? 0)).toBeGreaterThan(0);
  }, 30_000);
});
