import { openSync, closeSync, writeSync, readFileSync, unlinkSync, fsyncSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`data directory ${dataDir} is in use by process ${pid}`);
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process holds: a lock file naming our own pid is ours only if it is in here. */
const held = new Set<string>();

/**
 * One writer per data directory (lowdb and our files assume a single process). A lock file holds the owner's pid;
 * a lock left by a dead process (crash, power loss) is taken over. A second lock from the same process is refused
 * too: two stores on one directory in one process lose writes just like two processes do.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.resolve(dataDir, '.lock');
  if (held.has(file)) throw new DataDirLockedError(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      fsyncSync(fd);
      closeSync(fd);
      held.add(file);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(file);
        try {
          unlinkSync(file);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Our own pid in a lock we do not hold is a leftover of an earlier run whose pid was reused.
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dataDir, pid);
      unlinkSync(file);
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
