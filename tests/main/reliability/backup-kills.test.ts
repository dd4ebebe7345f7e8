/**
 * Short CI version of the backup kill loop (scripts/reliability/backup-kill-loop.ts; long: npm run reliability, 500
 * cycles): backups killed (SIGKILL) at random moments; every earlier generation still whole, the killed one recognised
 * as incomplete, and after each cycle the last complete generation restored with 0 records lost relative to what was
 * acknowledged before it started. 20 cycles here; MEDIATION_BACKUP_KILL_CYCLES=500 for a long run.
 */
import { describe, expect, it } from 'vitest';
import { runBackupKillLoop } from '../../../scripts/reliability/backup-kill-loop';

const cycles = Number(process.env.MEDIATION_BACKUP_KILL_CYCLES ?? 20);

describe('a backup killed at a random moment', () => {
  it(`${cycles} cycles: earlier generations stay complete and whole, the killed one is incomplete, restores are clean`, async () => {
    const f = await runBackupKillLoop({ cycles });
    console.log(JSON.stringify({ backupKillLoop: f }));
    expect(f.failures).toEqual([]);
    expect(f.killed + f.finished).toBe(cycles);
    // Most kills land inside the run (the delay is drawn over the time a whole run takes).
    expect(f.killed).toBeGreaterThan(cycles / 3);
    expect(f.incompleteSeen).toBeGreaterThan(0);
    // Restored after each cycle (and once more at the end), every case compared: nothing lost.
    expect(f.restoresCompared).toBe(cycles + 1);
    expect(f.casesCompared).toBeGreaterThan(cycles * 4);
    expect(f.recordsLost).toBe(0);
  }, cycles * 15_000 + 120_000);
});
