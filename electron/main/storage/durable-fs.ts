import { constants as nodeConstants } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';

/**
 * The few file operations the store needs, injectable so that a test-only layer can simulate power loss
 * (keep only what was fsynced) under the real writer.
 */
export interface DurableFs {
  open(file: string, flags: string): Promise<{ writeFile(data: string | Uint8Array): Promise<void>; sync(): Promise<void>; close(): Promise<void> }>;
  rename(from: string, to: string): Promise<void>;
  readFile(file: string): Promise<Buffer>;
  readdir(dir: string): Promise<string[]>;
  mkdir(dir: string, opts: { recursive: true }): Promise<unknown>;
  unlink(file: string): Promise<void>;
  /** Removes an empty folder (a registration that failed takes its new case folder back). */
  rmdir(dir: string): Promise<void>;
  stat(file: string): Promise<{ size: number; mtimeMs: number }>;
  /** Resolves links; optional (a simulated file system has none). */
  realpath?(file: string): Promise<string>;
}

/**
 * Owner-only modes for everything created in the data folder (POSIX): it holds parties' ID numbers and phones, and
 * other accounts on a shared computer must not read them. Given at creation, so there is no moment a file is readable
 * by others (the umask can only take bits away). Windows ignores them; the per-user profile folder protects it there.
 */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/**
 * Reads never follow a link in the file's own name (ELOOP instead): a link planted in the data folder, e.g. in a case's
 * documents/, must not make the app hand out a file from elsewhere on the disk. Windows has no O_NOFOLLOW; the store's
 * containment check (realpath) covers case files there.
 */
const READ_FLAGS = nodeConstants.O_RDONLY | (nodeConstants.O_NOFOLLOW ?? 0);

export const realFs: DurableFs = {
  open: (file, flags) => nodeFs.open(file, flags, FILE_MODE),
  rename: nodeFs.rename,
  readFile: (file) => nodeFs.readFile(file, { flag: READ_FLAGS }),
  readdir: (dir) => nodeFs.readdir(dir),
  mkdir: (dir, opts) => nodeFs.mkdir(dir, { ...opts, mode: DIR_MODE }),
  unlink: nodeFs.unlink,
  rmdir: (dir) => nodeFs.rmdir(dir),
  stat: nodeFs.stat,
  realpath: (file) => nodeFs.realpath(file),
};

const isWindows = process.platform === 'win32';
let tmpCounter = 0;

/** Temp names are unique per process and write, so two writers never share one (lowdb's fixed name does). */
export function tempNameFor(file: string): string {
  tmpCounter += 1;
  return `${file}.${process.pid}-${tmpCounter}.tmp`;
}

export const isTempName = (name: string): boolean => /\.\d+-\d+\.tmp$/.test(name);

/** fsync a directory so that a rename in it survives power loss. POSIX only: Windows cannot open directories. */
export async function syncDir(dir: string, fs: DurableFs = realFs): Promise<void> {
  if (isWindows) return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Windows antivirus and indexers hold files briefly: retry rename on EPERM/EBUSY/EACCES with backoff. */
async function renameWithRetry(fs: DurableFs, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 9 || !(code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) throw error;
      await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 5)));
    }
  }
}

export interface DurableWriteOptions {
  /** Keep the previous content as `<file>.1` (one older generation for recovery). */
  keepPrevious?: boolean;
}

/** A new file content written and fsynced under a temp name, not yet visible under the file's name. */
export interface StagedWrite {
  /** Makes it the file's content (renames, then fsyncs the directory). On failure the temp file is removed. */
  commit(): Promise<void>;
  /** Drops the staged content. */
  abort(): Promise<void>;
}

/**
 * First half of a durable replace: write a unique temp file and fsync it. Split from the commit so that a caller
 * can fsync other files (audit entry, index journal) at the same time and rename only when all are durable.
 */
export async function stageFileDurable(file: string, data: string | Uint8Array, opts: DurableWriteOptions = {}, fs: DurableFs = realFs): Promise<StagedWrite> {
  const tmp = tempNameFor(file);
  // A failed write (ENOSPC, rename still refused after the retries) must not leave its temp file behind: stale
  // temps are only swept from folders the store re-checks at start-up.
  const abort = () => fs.unlink(tmp).catch(() => undefined);
  try {
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await abort();
    throw error;
  }
  return {
    abort,
    async commit() {
      try {
        if (opts.keepPrevious) {
          try {
            await renameWithRetry(fs, file, `${file}.1`);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          }
        }
        await renameWithRetry(fs, tmp, file);
      } catch (error) {
        await abort();
        throw error;
      }
      await syncDir(path.dirname(file), fs);
    },
  };
}

/**
 * Atomic and durable replace: write a unique temp file, fsync it, (optionally) move the current file to `.1`,
 * rename the temp over the target, fsync the directory. A crash at any point leaves either the old or the new
 * content in `file` or `file.1`, never a torn file.
 */
export async function writeFileDurable(file: string, data: string | Uint8Array, opts: DurableWriteOptions = {}, fs: DurableFs = realFs): Promise<void> {
  await (await stageFileDurable(file, data, opts, fs)).commit();
}

/** Creates a file that must not exist yet and makes it durable (used for write-once documents). */
export async function createFileDurable(file: string, data: string | Uint8Array, fs: DurableFs = realFs): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDir(path.dirname(file), fs);
}

/** Appends one line and fsyncs it before returning (journals and audit logs). */
export async function appendLineDurable(file: string, line: string, fs: DurableFs = realFs): Promise<void> {
  const handle = await fs.open(file, 'a');
  try {
    await handle.writeFile(`${line}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Ensures a directory exists and its entry in the parent is durable. */
export async function ensureDirDurable(dir: string, fs: DurableFs = realFs): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await syncDir(path.dirname(dir), fs);
}

/**
 * Removes temp files left by a crash mid-write (they are never the only copy of acknowledged data). `listed`: the
 * folder's names when the caller has just listed it.
 */
export async function removeStaleTemps(dir: string, fs: DurableFs = realFs, listed?: string[]): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = listed ?? (await fs.readdir(dir));
  } catch {
    return 0;
  }
  // This process's own temps belong to writes in flight (the sweep runs after start-up, while saves go on).
  const own = `.${process.pid}-`;
  for (const name of names) {
    if (isTempName(name) && !name.includes(own)) {
      await fs.unlink(path.join(dir, name)).catch(() => undefined);
      removed += 1;
    }
  }
  return removed;
}

/** A file's bytes, or null when it does not exist (any other error is thrown). */
export async function readOptional(file: string, fs: DurableFs = realFs): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
