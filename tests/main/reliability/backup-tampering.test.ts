/**
 * Short CI version of the backup tampering run (scripts/reliability/backup-tampering.ts; long: npm run reliability,
 * 200 trials): every kind of damage to a real backup refused by the check and by the restore with a coded reason,
 * nothing restored, the destination left empty; untouched copies restore.
 */
import { describe, expect, it } from 'vitest';
import { BACKUP_TAMPER_KINDS, backupTamperingPasses, runBackupTampering } from '../../../scripts/reliability/backup-tampering';

describe('tampering with a backup', () => {
  it('34 trials over every kind: all refused with a code, none restored, destinations empty, controls restore', async () => {
    const f = await runBackupTampering({ trials: 34, seed: 20261207, controls: 2 });
    console.log(JSON.stringify({ backupTamperingCi: f }));
    expect(f.examples).toEqual([]);
    expect(f).toMatchObject({ trials: 34, refused: 34, restored: 0, checkPassed: 0, uncoded: 0, destinationNotEmpty: 0, controls: 2, controlsRestored: 2 });
    expect(Object.keys(f.byKind).sort()).toEqual([...BACKUP_TAMPER_KINDS].sort());
    expect(backupTamperingPasses(f)).toBe(true);
  }, 90_000);
});
