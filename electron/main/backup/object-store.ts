import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ensureDirDurable, writeFileDurable } from '../storage/durable-fs';
import { sha256Hex } from '../storage/sha256';
import { OBJECTS_DIR, SHA256_HEX, objectPath } from './layout';
import type { ManifestFile } from './manifest';

/** What is wrong with a stored object, if anything. */
export type ObjectFault = 'missing' | 'truncated' | 'tampered';

/**
 * The target's content-addressed objects. An object is written once under its SHA-256 (temp file, fsync, rename,
 * fsync of the folder: a crash leaves no object torn under its final name) and is never rewritten: a later
 * generation that holds the same bytes names the same object.
 */
export class ObjectStore {
  private readonly folders = new Set<string>();

  constructor(readonly target: string) {}

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

  async put(sha256: string, data: Buffer): Promise<void> {
    const file = objectPath(this.target, sha256);
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) {
      await ensureDirDurable(path.join(this.target, OBJECTS_DIR));
      await ensureDirDurable(folder);
      this.folders.add(folder);
    }
    await writeFileDurable(file, data);
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
