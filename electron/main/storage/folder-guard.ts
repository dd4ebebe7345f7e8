import { promises as nodeFs } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DIR_MODE, type DurableFs, realFs } from './durable-fs';

/** The data folder was deleted, or replaced by another folder, while the app had it open. */
export class DataFolderGoneError extends Error {
  constructor(
    readonly dataDir: string,
    readonly how: 'deleted' | 'replaced',
  ) {
    super(`data folder ${dataDir} was ${how} while open`);
    this.name = 'DataFolderGoneError';
  }
}

/** What the user is told (in the start-up problems list and with every refused write). */
export const DATA_FOLDER_GONE_MESSAGE = '数据目录在工作台运行期间被删除或替换，为防止数据写到错误的位置，工作台已停止保存。请关闭工作台，恢复原数据目录（或从备份恢复）后重新打开。';

export interface FolderGuardOptions {
  /** A write checks the folder when the last check is older than this (ms). */
  checkEveryMs?: number;
  /** The folder is also checked on a timer (ms), so that a removal shows up while nobody writes. */
  timerMs?: number;
  log?: (message: string, error: unknown) => void;
}

interface Identity {
  dev: bigint;
  ino: bigint;
}

/** Some file systems (FAT, some network shares) report no inode: existence is all that can be checked there. */
const sameFolder = (a: Identity, b: Identity) => a.dev === b.dev && (a.ino === 0n || b.ino === 0n || a.ino === b.ino);

/**
 * The store's file access, refusing to write once the data folder is not the one opened: deleted (an administrator
 * cleaning up, a sync tool) or replaced (a backup copied in its place while the app ran). Left alone, the next write
 * would recreate an empty folder (mkdir -p) or write into the stranger, and the data would silently split. The
 * folder's identity (device + inode) is recorded at open and compared at most once a second before writes, on every
 * folder creation, after a write that found a folder missing, and on a timer. Once it differs every later write is
 * refused, until the app is restarted on a folder it can trust. Reads go through (a read that finds nothing checks).
 */
export class DataFolderGuard implements DurableFs {
  private lastCheck = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | null = null;
  private gone: DataFolderGoneError | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly checkEveryMs: number;
  private readonly log: (message: string, error: unknown) => void;

  private constructor(
    readonly root: string,
    private readonly identity: Identity,
    private readonly inner: DurableFs,
    opts: FolderGuardOptions,
  ) {
    this.checkEveryMs = opts.checkEveryMs ?? 1000;
    this.log = opts.log ?? console.error;
    if (inner.realpath) this.realpath = (file) => inner.realpath!(file);
    this.timer = setInterval(() => void this.check(true).catch(() => undefined), opts.timerMs ?? 5000);
    this.timer.unref();
  }

  static async open(root: string, inner: DurableFs = realFs, opts: FolderGuardOptions = {}): Promise<DataFolderGuard> {
    const resolved = path.resolve(root);
    return new DataFolderGuard(resolved, await identityOf(resolved), inner, opts);
  }

  /** Stops the timer (the store is closed). */
  stop(): void {
    clearInterval(this.timer);
  }

  /** For the user: what is wrong with the folder, in Chinese; empty while it is the one opened. */
  problems(): string[] {
    return this.gone ? [DATA_FOLDER_GONE_MESSAGE] : [];
  }

  /** Throws DataFolderGoneError when the folder is not the one opened; `force` skips the once-a-second shortcut. */
  async check(force = false): Promise<void> {
    if (this.gone) throw this.gone;
    if (!force && performance.now() - this.lastCheck < this.checkEveryMs) return;
    this.checking ??= this.compare().finally(() => (this.checking = null));
    await this.checking;
  }

  private async compare(): Promise<void> {
    let how: 'deleted' | 'replaced' | null = null;
    try {
      if (!sameFolder(await identityOf(this.root), this.identity)) how = 'replaced';
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      how = 'deleted';
    }
    this.lastCheck = performance.now();
    if (how && !this.gone) {
      this.gone = new DataFolderGoneError(this.root, how);
      this.log(`[data folder] ${this.root} was ${how} while open; writes are refused from now on`, this.gone);
    }
    if (this.gone) throw this.gone;
  }

  /** A write, checked before; one that failed for a missing path checks again (the folder may be what is missing). */
  private async write<T>(run: () => Promise<T>): Promise<T> {
    await this.check();
    try {
      return await run();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') await this.check(true);
      throw error;
    }
  }

  open(file: string, flags: string) {
    return flags === 'r' ? this.inner.open(file, flags) : this.write(() => this.inner.open(file, flags));
  }

  rename(from: string, to: string) {
    return this.write(() => this.inner.rename(from, to));
  }

  unlink(file: string) {
    return this.write(() => this.inner.unlink(file));
  }

  rmdir(dir: string) {
    return this.write(() => this.inner.rmdir(dir));
  }

  /**
   * Creates the folders below the data folder one level at a time, never the data folder itself: were it deleted
   * after the check, the first mkdir fails instead of recreating it (mkdir -p would).
   */
  async mkdir(dir: string, _opts: { recursive: true }): Promise<unknown> {
    await this.check(true);
    const rel = path.relative(this.root, path.resolve(dir));
    if (rel.startsWith('..') || path.isAbsolute(rel)) return this.inner.mkdir(dir, { recursive: true });
    let current = this.root;
    for (const part of rel ? rel.split(path.sep) : []) {
      current = path.join(current, part);
      try {
        await nodeFs.mkdir(current, { mode: DIR_MODE });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code === 'ENOENT') await this.check(true);
        throw error;
      }
    }
    return undefined;
  }

  /** A read is not refused, but one that finds nothing says why when the folder is gone (not "no such case"). */
  private async read<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') await this.check(true);
      throw error;
    }
  }

  readFile(file: string) {
    return this.read(() => this.inner.readFile(file));
  }

  readdir(dir: string) {
    return this.read(() => this.inner.readdir(dir));
  }

  stat(file: string) {
    return this.read(() => this.inner.stat(file));
  }

  /** Present only when the inner access resolves links (the store's containment check is skipped otherwise). */
  readonly realpath?: (file: string) => Promise<string>;
}

async function identityOf(dir: string): Promise<Identity> {
  const s = await nodeFs.stat(dir, { bigint: true });
  if (!s.isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' });
  return { dev: s.dev, ino: s.ino };
}

/** The data-folder problems a host's file access knows of (none when it is not guarded, as in most tests). */
export function dataFolderProblems(fs: DurableFs | undefined): string[] {
  return fs instanceof DataFolderGuard ? fs.problems() : [];
}
