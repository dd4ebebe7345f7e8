/**
 * An in-memory DurableFs that simulates power loss (test-only; like SQLite's crash VFS, or LazyFS in-process).
 *
 * THE MODEL (stricter than LazyFS, see ../shared/reliability.md §2.4):
 * - Files are inodes. A write changes the inode's volatile content only. `FileHandle.sync()` on a file makes its
 *   current content durable (data + size). Nothing else makes file data durable.
 * - Directory entries (create, rename, unlink, mkdir) change the volatile namespace only. `sync()` on a handle
 *   opened on a directory makes that directory's current entries (name → inode) durable. A new file's name, a
 *   rename and an unlink survive a power cut only if their directory was fsynced afterwards. (LazyFS applies
 *   metadata at once; the store is written to fsync the directory after every rename, so requiring that is fair,
 *   and it catches a missing directory fsync that LazyFS would not.)
 * - The power-cut image: start at the root, follow only durable entries; each file gets its inode's durable
 *   content. With `tear`, a file whose volatile content differs from its durable content instead gets, per 4 KB
 *   page, randomly the durable or the volatile page, and randomly the durable or the volatile length
 *   (unsynced writeback in any order, torn at page boundaries).
 * - The cut: after `cutAfter` mutating operations (open for write/append/create, write, sync, rename, unlink,
 *   rmdir, mkdir) the image is taken, and every later call throws PowerCutError (the machine is off).
 * - `dropSyncs` (negative control): sync() does nothing, turning the real writer into a steno-style
 *   temp + rename writer without fsync.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DurableFs } from '../../electron/main/storage/durable-fs';
import type { Rng } from '../../tests/fixtures/cases';

export class PowerCutError extends Error {
  constructor() {
    super('power cut');
    this.name = 'PowerCutError';
  }
}

const PAGE = 4096;

interface FileNode {
  kind: 'file';
  ino: number;
  data: Buffer;
  durable: Buffer;
  mtimeMs: number;
}
interface DirNode {
  kind: 'dir';
  ino: number;
  entries: Map<string, Node>;
  durable: Map<string, Node>;
}
type Node = FileNode | DirNode;

/** A file or directory tree after the power cut: path → content (directories map to null). */
export type PowerCutImage = Map<string, Buffer | null>;

function errno(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: ${syscall} '${file}'`) as NodeJS.ErrnoException;
  error.code = code;
  error.syscall = syscall;
  error.path = file;
  return error;
}

export interface SimFsOptions {
  /** Absolute path the simulated tree is mounted at (everything outside it is refused). */
  root: string;
  cutAfter?: number;
  dropSyncs?: boolean;
  tear?: boolean;
  rng: Rng;
}

export class SimFs implements DurableFs {
  private nextIno = 1;
  private readonly rootNode: DirNode;
  /** Mutating operations so far. */
  ops = 0;
  syncs = 0;
  image: PowerCutImage | null = null;

  constructor(private readonly opts: SimFsOptions) {
    this.rootNode = this.newDir();
    // The mount point itself exists durably.
  }

  get cut(): boolean {
    return this.image !== null;
  }

  private newDir(): DirNode {
    return { kind: 'dir', ino: this.nextIno++, entries: new Map(), durable: new Map() };
  }

  private parts(file: string): string[] {
    const rel = path.relative(this.opts.root, path.resolve(file));
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`SimFs: ${file} is outside ${this.opts.root}`);
    return rel === '' ? [] : rel.split(path.sep);
  }

  private lookup(file: string): Node | undefined {
    let node: Node = this.rootNode;
    for (const part of this.parts(file)) {
      if (node.kind !== 'dir') return undefined;
      const child = node.entries.get(part);
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  private parentOf(file: string, syscall: string): { dir: DirNode; name: string } {
    const parts = this.parts(file);
    const name = parts.pop();
    if (name === undefined) throw errno('EISDIR', syscall, file);
    let node: Node = this.rootNode;
    for (const part of parts) {
      const child: Node | undefined = node.kind === 'dir' ? node.entries.get(part) : undefined;
      if (!child) throw errno('ENOENT', syscall, file);
      node = child;
    }
    if (node.kind !== 'dir') throw errno('ENOTDIR', syscall, file);
    return { dir: node, name };
  }

  /** Counts a mutating operation; takes the image when the cut point is reached. Throws once the power is off. */
  private step(): void {
    if (this.image) throw new PowerCutError();
    this.ops += 1;
    if (this.opts.cutAfter !== undefined && this.ops >= this.opts.cutAfter) {
      this.image = this.powerCutImage();
      throw new PowerCutError();
    }
  }

  private alive(): void {
    if (this.image) throw new PowerCutError();
  }

  /** The tree a reboot would find, per the model above. */
  powerCutImage(): PowerCutImage {
    const image: PowerCutImage = new Map();
    const visit = (dir: DirNode, rel: string) => {
      for (const [name, node] of dir.durable) {
        const p = rel ? `${rel}/${name}` : name;
        if (node.kind === 'dir') {
          image.set(p, null);
          visit(node, p);
        } else image.set(p, this.fileAfterCut(node));
      }
    };
    visit(this.rootNode, '');
    return image;
  }

  private fileAfterCut(node: FileNode): Buffer {
    if (!this.opts.tear || node.data.equals(node.durable)) return Buffer.from(node.durable);
    const rng = this.opts.rng;
    const length = rng.chance(0.5) ? node.durable.length : node.data.length;
    const out = Buffer.alloc(length);
    for (let off = 0; off < length; off += PAGE) {
      const source = rng.chance(0.5) ? node.data : node.durable;
      // A page beyond the end of the chosen version reads as zeros (allocated, never written back).
      if (off < source.length) source.copy(out, off, off, Math.min(off + PAGE, length, source.length));
    }
    return out;
  }

  /** The mount point's parent folders exist outside the simulation: mkdir and fsync on them are no-ops. */
  private isAncestorOfRoot(file: string): boolean {
    const rel = path.relative(path.resolve(file), this.opts.root);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  }

  async open(file: string, flags: string) {
    this.alive();
    if (flags === 'r' && this.isAncestorOfRoot(file)) return { writeFile: async () => undefined, sync: async () => this.alive(), close: async () => undefined };
    const existing = this.lookup(file);
    if (flags === 'r') {
      if (!existing) throw errno('ENOENT', 'open', file);
      return this.handle(existing, file);
    }
    this.step();
    let node = existing;
    if (node?.kind === 'dir') throw errno('EISDIR', 'open', file);
    if (flags === 'wx' && node) throw errno('EEXIST', 'open', file);
    if (!node) {
      const { dir, name } = this.parentOf(file, 'open');
      node = { kind: 'file', ino: this.nextIno++, data: Buffer.alloc(0), durable: Buffer.alloc(0), mtimeMs: Date.now() };
      dir.entries.set(name, node);
    } else if (flags === 'w') {
      node.data = Buffer.alloc(0);
    } else if (flags !== 'a') throw new Error(`SimFs: flags ${flags} not simulated`);
    return this.handle(node, file);
  }

  private handle(node: Node, file: string) {
    let closed = false;
    return {
      writeFile: async (data: string | Uint8Array) => {
        if (closed) throw new Error('closed');
        if (node.kind !== 'file') throw errno('EISDIR', 'write', file);
        this.step();
        node.data = Buffer.concat([node.data, typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)]);
        node.mtimeMs = Date.now();
      },
      sync: async () => {
        this.step();
        this.syncs += 1;
        if (this.opts.dropSyncs) return;
        if (node.kind === 'file') node.durable = Buffer.from(node.data);
        else node.durable = new Map(node.entries);
      },
      close: async () => {
        // Closing is not a write: it survives a cut that already happened (the finally blocks of the writer).
        closed = true;
      },
    };
  }

  async rename(from: string, to: string): Promise<void> {
    this.alive();
    const src = this.parentOf(from, 'rename');
    const node = src.dir.entries.get(src.name);
    if (!node) throw errno('ENOENT', 'rename', from);
    const dst = this.parentOf(to, 'rename');
    this.step();
    src.dir.entries.delete(src.name);
    dst.dir.entries.set(dst.name, node);
  }

  async readFile(file: string): Promise<Buffer> {
    this.alive();
    const node = this.lookup(file);
    if (!node) throw errno('ENOENT', 'open', file);
    if (node.kind !== 'file') throw errno('EISDIR', 'read', file);
    return Buffer.from(node.data);
  }

  async readdir(dir: string): Promise<string[]> {
    this.alive();
    const node = this.lookup(dir);
    if (!node) throw errno('ENOENT', 'scandir', dir);
    if (node.kind !== 'dir') throw errno('ENOTDIR', 'scandir', dir);
    return [...node.entries.keys()];
  }

  async mkdir(dir: string, _opts: { recursive: true }): Promise<unknown> {
    this.alive();
    if (this.isAncestorOfRoot(dir)) return undefined;
    let node: DirNode = this.rootNode;
    for (const part of this.parts(dir)) {
      const child = node.entries.get(part);
      if (child?.kind === 'file') throw errno('EEXIST', 'mkdir', dir);
      if (child) {
        node = child;
        continue;
      }
      this.step();
      const created = this.newDir();
      node.entries.set(part, created);
      node = created;
    }
    return undefined;
  }

  async unlink(file: string): Promise<void> {
    this.alive();
    const { dir, name } = this.parentOf(file, 'unlink');
    const node = dir.entries.get(name);
    if (!node) throw errno('ENOENT', 'unlink', file);
    if (node.kind === 'dir') throw errno('EISDIR', 'unlink', file);
    this.step();
    dir.entries.delete(name);
  }

  async rmdir(dir: string): Promise<void> {
    this.alive();
    const { dir: parent, name } = this.parentOf(dir, 'rmdir');
    const node = parent.entries.get(name);
    if (!node) throw errno('ENOENT', 'rmdir', dir);
    if (node.kind !== 'dir') throw errno('ENOTDIR', 'rmdir', dir);
    if (node.entries.size > 0) throw errno('ENOTEMPTY', 'rmdir', dir);
    this.step();
    parent.entries.delete(name);
  }

  async stat(file: string): Promise<{ size: number; mtimeMs: number }> {
    this.alive();
    const node = this.lookup(file);
    if (!node) throw errno('ENOENT', 'stat', file);
    return node.kind === 'file' ? { size: node.data.length, mtimeMs: node.mtimeMs } : { size: 4096, mtimeMs: 0 };
  }
}

/** Writes a power-cut image to a real directory (which must exist and be empty). */
export async function materialise(image: PowerCutImage, dir: string): Promise<void> {
  const entries = [...image].sort(([a], [b]) => a.split('/').length - b.split('/').length);
  for (const [rel, content] of entries) {
    const target = path.join(dir, ...rel.split('/'));
    if (content === null) await mkdir(target, { recursive: true });
    else await writeFile(target, content);
  }
}
