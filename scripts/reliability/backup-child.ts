/**
 * Child of the backup kill loop (backup-kill-loop.ts): `tsx backup-child.ts <dataDir> <target> <iso time>`, the data key
 * in hex in MEDIATION_BACKUP_TEST_KEY. Prints START just before the run, DONE <result JSON> after it, until it is
 * SIGKILLed somewhere in between. Every generation is kept (the loop checks that every earlier one still restores).
 */
import { writeFileSync } from 'node:fs';
import { FolderBackupSource } from '../../electron/main/backup/folder-source';
import { runBackup } from '../../electron/main/backup/run-backup';
import { fixedClock } from '../../electron/main/services/clock';

const [dataDir, target, at] = process.argv.slice(2);
const key = process.env.MEDIATION_BACKUP_TEST_KEY;
if (!dataDir || !target || !at || !key) throw new Error('usage: backup-child.ts <dataDir> <target> <iso time> (key in MEDIATION_BACKUP_TEST_KEY)');
const say = (line: string) => writeFileSync(1, `${line}\n`);
say('START');
const result = await runBackup({
  source: new FolderBackupSource(dataDir),
  target,
  dataKey: Buffer.from(key, 'hex'),
  clock: fixedClock(at),
  retention: { daily: 100_000, weekly: 0, monthly: 0 },
});
say(`DONE ${JSON.stringify(result)}`);
