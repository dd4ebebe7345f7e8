import { open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { FILE_MODE, ensureDirDurable, tempNameFor } from '../storage/durable-fs';
import { makeEntriesDurable, syncFileSystem } from './bulk-durable';
import { sha256Hex } from '../storage/sha256';
import { OBJECTS_DIR, SHA256_HEX, objectPath } from './layout';
import type { ManifestFile } from './manifest';

/** What is wrong with a stored object, if anything. */
export type ObjectFault = 'missing' | 'truncated' | 'tampered';

/** The bytes read back from a new object were not the bytes written (a failing disk, a full one that lied). */
export class ReadBackError extends Error {
  constructor(readonly sha256: string) {
    super(`object ${sha256} read back differently`);
    this.name = 'ReadBackError';
  }
}

/**
 * The target's content-addressed objects. An object is written once under its SHA-256 and is never rewritten: a later
 * generation that holds the same bytes names the same object. Nothing is ever torn under its final name: an object
 * is written under a temp name, fsynced, read back through the same handle and hashed ("verified after writing"), and
 * only then renamed.
 *
 * The folders' entries are made durable together by flush() (bulk-durable.ts), not by a folder fsync after every
 * object: a full backup of a large center writes hundreds of thousands of objects into 256 folders. Until then a crash
 * may lose an object's name (the next run sees it missing and writes it again), never its bytes; the run flushes
 * before it writes the manifest that names the objects.
 */
export class ObjectStore {
  private readonly folders = new Set<string>();
  /** Folders holding names not yet made durable. */
  private unsynced = new Set<string>();

  constructor(
    readonly target: string,
    /** syncfs of the target's file system; tests pass one that refuses, to take the fallback. */
    private readonly syncfs: (dir: string) => Promise<boolean> = syncFileSystem,
  ) {}

  /** Present with the expected size: then it is not copied again (the incremental run). */
  async has(sha256: string, size: number): Promise<boolean> {
    try {
      return (await stat(objectPath(this.target, sha256))).size === size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * The names of every object in the target, from one listing of each of its 256 folders: far cheaper than a stat per
   * object when most of a generation's objects are already there (an incremental run over a USB disk or a share).
   */
  async list(): Promise<Set<string>> {
    const names = new Set<string>();
    const root = path.join(this.target, OBJECTS_DIR);
    const folders = await readdir(root).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const folder of folders) {
      if (!/^[0-9a-f]{2}$/.test(folder)) continue;
      for (const name of await readdir(path.join(root, folder))) if (SHA256_HEX.test(name) && name.startsWith(folder)) names.add(name);
    }
    return names;
  }

  /** Writes the object and reads it back (ReadBackError when the bytes differ: nothing is left under its name). */
  async put(sha256: string, data: Buffer): Promise<void> {
    const file = objectPath(this.target, sha256);
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) {
      await ensureDirDurable(path.join(this.target, OBJECTS_DIR));
      await ensureDirDurable(folder);
      this.folders.add(folder);
    }
    const tmp = tempNameFor(file);
    try {
      const handle = await open(tmp, 'wx+', FILE_MODE);
      try {
        await handle.writeFile(data);
        await handle.sync();
        const back = Buffer.allocUnsafe(data.length + 1);
        const { bytesRead } = await handle.read(back, 0, back.length, 0);
        if (bytesRead !== data.length || sha256Hex(back.subarray(0, bytesRead)) !== sha256) throw new ReadBackError(sha256);
      } finally {
        await handle.close();
      }
      await rename(tmp, file);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    this.unsynced.add(folder);
  }

  /** Makes the names of every object put so far durable. */
  async flush(): Promise<void> {
    const folders = this.unsynced;
    this.unsynced = new Set();
    try {
      await makeEntriesDurable([this.target, ...folders], this.syncfs);
    } catch (error) {
      for (const folder of folders) this.unsynced.add(folder);
      throw error;
    }
  }

  /** The object's bytes, or null when there is none. */
  async read(sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(objectPath(this.target, sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Reads the object a manifest names and says what is wrong with it, or returns its bytes. */
  async fetch(file: ManifestFile): Promise<{ data: Buffer } | { fault: ObjectFault }> {
    const data = await this.read(file.sha256);
    if (!data) return { fault: 'missing' };
    if (data.length < file.size) return { fault: 'truncated' };
    if (data.length !== file.size || sha256Hex(data) !== file.sha256) return { fault: 'tampered' };
    return { data };
  }
}

/** The administrator's words for an object fault, naming the data folder's file it holds. */
export function faultMessage(fault: ObjectFault, file: ManifestFile): string {
  switch (fault) {
    case 'missing':
      return `备份中缺少文件 ${file.path} 的内容（对象 ${file.sha256.slice(0, 12)}… 不存在）`;
    case 'truncated':
      return `备份中文件 ${file.path} 的内容不完整（被截断，应为 ${file.size} 字节）`;
    case 'tampered':
      return `备份中文件 ${file.path} 的内容与清单记录的 SHA-256 不符（已损坏或被改动）`;
    default:
      throw new Error(`unknown fault ${String(fault satisfies never)}`);
  }
}
