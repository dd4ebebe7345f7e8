/**
 * Short CI version of the tampering run (scripts/reliability/tampering.ts; long: npm run reliability, 1,000 trials):
 * every kind of change someone with the data folder and no password can make, each detected, none served as intact.
 */
import { describe, expect, it } from 'vitest';
import { TAMPER_KINDS, runTampering } from '../../../scripts/reliability/tampering';

describe('tampering with a closed data folder', () => {
  it('60 trials over every kind: all detected, none served as intact, the untouched controls quiet', async () => {
    const f = await runTampering({ trials: 60, seed: 20261207 });
    console.log(JSON.stringify({ tamperingCi: { ...f, byKind: undefined } }));
    expect(f.servedExamples).toEqual([]);
    expect(f.harmlessExamples).toEqual([]);
    expect(f.controlExamples).toEqual([]);
    expect(f.controls).toBeGreaterThanOrEqual(2);
    expect(f.detected).toBe(60);
    expect(Object.keys(f.byKind).sort()).toEqual([...TAMPER_KINDS].sort());
  }, 120_000);
});
