import { type Dirent, promises as fs } from 'node:fs';
import path from 'node:path';
import { DIR_MODE, FILE_MODE } from './durable-fs';

export interface TightenResult {
  /** Whether the folder had to be walked (its own mode let others in). */
  walked: boolean;
  dirs: number;
  files: number;
  /** Entries whose mode could not be changed (e.g. owned by another account): left as they are, for the log. */
  failed: string[];
}

/**
 * Makes a data folder written by an older version (folders 0755, files 0644 under the usual umask) owner-only: folders
 * 0700, files 0600. New writes get these modes at creation (durable-fs.ts), so this runs once: the folder's own mode is
 * the mark, changed last, so a walk cut short by a crash is done again at the next start. Links and sockets are left
 * alone (chmod would follow a link out of the folder). POSIX only.
 */
export async function tightenFolderModes(root: string, platform = process.platform): Promise<TightenResult> {
  const result: TightenResult = { walked: false, dirs: 0, files: 0, failed: [] };
  if (platform === 'win32') return result;
  const rootStat = await fs.lstat(root);
  if ((rootStat.mode & 0o077) === 0) return result;
  result.walked = true;
  const change = async (file: string, mode: number) => {
    try {
      await fs.chmod(file, mode);
      return true;
    } catch (error) {
      result.failed.push(`${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return false;
    }
  };
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      result.failed.push(`${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (await change(full, DIR_MODE)) result.dirs += 1;
        pending.push(full);
      } else if (entry.isFile() && (await change(full, FILE_MODE))) result.files += 1;
    }
  }
  // Even when some entry could not be changed: walking 600k entries at every start would not change it either.
  await change(root, DIR_MODE);
  return result;
}
