/**
 * CI version of the recovery figures (scripts/reliability/recovery.ts; npm run reliability adds the second-instance
 * check with the real browser-mode host, which tests/main/storage/data-dir-lock.test.ts covers at the lock level).
 */
import { describe, expect, it } from 'vitest';
import { DAMAGES, TARGETS, runRecovery } from '../../../scripts/reliability/recovery';

describe('damaged case, session, index, sequence and settings files', () => {
  it(`${TARGETS.length} files × ${DAMAGES.length} damages: starts (or refuses loudly), keeps every other case, quarantines, restores, names the case`, async () => {
    const f = await runRecovery({ lock: false });
    console.log(JSON.stringify({ recoveryCi: { ...f, byTarget: undefined } }));
    expect(f.failures).toEqual([]);
    expect(f.scenarios).toBe(TARGETS.length * DAMAGES.length);
    expect(f.passed).toBe(f.scenarios);
    expect(f.casesKept).toBe(f.casesExpected);
    expect(f.refusedLoudly).toBe(DAMAGES.length); // the center settings without a previous generation, only
    expect(f.restoredFromPrevious).toBeGreaterThanOrEqual(DAMAGES.length * 5);
  }, 60_000);
});
