import { execFile } from 'node:child_process';
import { syncDir } from '../storage/durable-fs';
import { inParallel } from './concurrency';

/**
 * The names of many new files made durable together. The files themselves are fsynced as they are written; their
 * entries in their folders still need each folder's fsync. A restore of 100k cases makes 100k folders, and their
 * fsyncs one after another took minutes, each a journal commit of its own. On Linux one syncfs(2) of the file system
 * holding them (`sync -f`, GNU coreutils) commits them all at once, and reports write-back errors since Linux 5.8.
 * Where that is not available (Windows, where a folder needs no fsync; a `sync` without -f; the command failing),
 * each folder is fsynced, several at once.
 */
export const BULK_BY_SYNCFS = process.platform === 'linux';

/** syncfs(2) of the file system holding `dir`; false when it could not be done. */
export function syncFileSystem(dir: string): Promise<boolean> {
  if (!BULK_BY_SYNCFS) return Promise.resolve(false);
  return new Promise((resolve) => {
    execFile('sync', ['-f', dir], { timeout: 10 * 60_000 }, (error) => resolve(error === null));
  });
}

/**
 * Makes the entries of `folders` durable (the files in them were fsynced when written). Says how: 'syncfs' or 'each'.
 * `syncfs` is injectable so that tests can take the fallback.
 */
export async function makeEntriesDurable(folders: readonly string[], syncfs: (dir: string) => Promise<boolean> = syncFileSystem): Promise<'syncfs' | 'each' | 'none'> {
  if (folders.length === 0) return 'none';
  if (await syncfs(folders[0]!)) return 'syncfs';
  await inParallel(folders, (folder) => syncDir(folder));
  return 'each';
}
