import { type Dirent, closeSync, constants as fsConstants, lstatSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isTempName } from '../storage/durable-fs';
import { type BackupSource, type ReadFile, type Reuse, SourceBusyError, type SourceEntry, type SourceFile } from './source';

/**
 * Not backed up: the lock (a socket file on macOS), temp files of writes in flight or cut off by a crash (never the
 * only copy of anything), quarantine/ (damaged files set aside), and web-session.key (the browser mode's cookie key:
 * a credential of the running host, which a backup disk carried around should not hold; a restored desk just signs
 * its browsers in again).
 */
const SKIPPED_TOP = new Set(['.lock', 'quarantine', 'web-session.key']);
const UUID_JSON = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/;

/** Files up to this size are read synchronously (see readAll). */
const SMALL_FILE = 64 * 1024;

function readSmall(file: string): Buffer {
  const fd = openSync(file, READ_FLAGS);
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads never follow a link in the file's own name (a link planted in the data folder must not pull in other files). */
const READ_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0);

interface Stamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * A file changed this recently (by the file system's own clock) gets no stamp for the next run: a file system that
 * keeps times coarsely (FAT: 2 s) could see a rewrite within the same tick keep size, times and inode. The store never
 * rewrites a file in place (it renames a new file over it: a new inode; logs only grow), so this guards against
 * writers other than the store; such a file is simply read again next time.
 */
const RACY_MS = 3_000;

/**
 * The version of a file for an incremental run (source.ts, Reuse): size, modification and change times and inode.
 * A file the store replaces gets a new inode (renamed over); an appended log gets a new size; anything else that
 * writes the bytes moves both times (the change time cannot be set back by a program, unlike the modification time).
 */
const stampText = (s: Stamp): string => `f1:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;

/** What an entry's files look like on disk at one moment: each file's stamp, and the temp files beside them. */
interface Scan {
  files: Map<string, Stamp>;
  temps: string[];
  /** Each folder walked: its own stamp, taken before it was listed, and what the listing found. */
  dirs: Map<string, Listing>;
}

interface Listing {
  stamp: string;
  entries: { name: string; kind: 'dir' | 'file' | 'other' }[];
}

const dirStamp = (s: { mtimeMs: number; ctimeMs: number; ino: number; size: number }): string => `${s.mtimeMs}:${s.ctimeMs}:${s.ino}:${s.size}`;

export interface FolderSourceOptions {
  /** How long to wait between attempts (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts to read an entry before it is reported busy. */
  attempts?: number;
  /**
   * The wall clock the file system stamps times with (see RACY_MS): real time, not the app's clock, because it is
   * compared with the files' own times. Tests may pass one.
   */
  fsNow?: () => number;
}

type Kind = 'case' | 'dir' | 'file';

/**
 * The data folder of the file store, read while the app may be using it (the backup never takes the folder's lock, so
 * the daily backup runs while desks keep working).
 *
 * Consistency, per entry: the store writes a case's changes as a unit (unit-file.ts: the unit is made durable in
 * units/<case>.json before any of its writes, and removed after the last), and a single save as "audit entry first, the
 * new file under a temp name, then renames". A case is read optimistically: every file of its folder and its pending
 * unit are stamped (size, mtime, inode), read, and stamped again; the set is taken only when nothing changed, no temp
 * file appeared or went, and no write was in flight (temp files present: waited for a few times; one left by a crash
 * stays and is then ignored). The store's files only move forward (revisions grow, logs are appended, write-once files
 * never change), so unchanged stamps mean those bytes were all on disk together. A unit caught pending is taken with
 * the case files around it, and the restored store rolls it forward at its first start, as after a crash. This needs
 * no lock from the store, so it works the same from another process (npm run backup) as from inside the app.
 *
 * What it cannot see: a plain save (not a unit) appends its audit entry and creates its temp file at the same time; a
 * whole read that fits between the two would take the trail one entry ahead of case.json. That is a state a crash
 * leaves too, and the store reads it as one ("the last save was not confirmed", the previous revision shown); the
 * window is the time between two file operations issued together, and no run of the tests has hit it.
 *
 * Order: checkpoints/ first (a checkpoint then never pins a chain head newer than the chain copied after it), the cases,
 * then the rest (the document registry and the index after the cases, so they know every case they name).
 */
export class FolderBackupSource implements BackupSource {
  readonly kind = 'folder';
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly attempts: number;

  constructor(
    readonly dataDir: string,
    opts: FolderSourceOptions = {},
  ) {
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.attempts = opts.attempts ?? 12;
    this.fsNow = opts.fsNow ?? (() => Date.now());
  }

  private readonly fsNow: () => number;

  get label(): string {
    return this.dataDir;
  }

  async listEntries(): Promise<SourceEntry[]> {
    const top = await readdir(this.dataDir, { withFileTypes: true });
    const first: SourceEntry[] = [];
    const rest: SourceEntry[] = [];
    const fileGroups = new Set<string>();
    for (const d of top) {
      if (SKIPPED_TOP.has(d.name) || isTempName(d.name) || d.name === 'cases' || d.name === 'units') continue;
      if (d.isDirectory()) (d.name === 'checkpoints' ? first : rest).push({ id: `dir:${d.name}`, label: `文件夹 ${d.name}`, phase: d.name === 'checkpoints' ? 0 : 2 });
      else if (d.isFile()) fileGroups.add(d.name.replace(/\.1$/, ''));
    }
    for (const name of [...fileGroups].sort()) rest.push({ id: `file:${name}`, label: `文件 ${name}`, phase: 2 });
    const caseIds = new Set<string>();
    for (const d of await readdir(path.join(this.dataDir, 'cases'), { withFileTypes: true }).catch(() => [] as Dirent[])) if (d.isDirectory()) caseIds.add(d.name);
    // A unit whose case folder is not there yet (an import cut short) still belongs to its case.
    for (const name of await readdir(path.join(this.dataDir, 'units')).catch(() => [] as string[])) {
      const id = UUID_JSON.exec(name)?.[1];
      if (id) caseIds.add(id);
    }
    const cases = [...caseIds].sort().map((id) => ({ id: `case:${id}`, label: `案件文件夹 ${id}`, phase: 1 }));
    return [...first, ...cases, ...rest];
  }

  async readEntry(entry: SourceEntry, reuse?: Reuse): Promise<SourceFile[] | null> {
    const [kind, name] = splitId(entry.id);
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      const before = this.scan(kind, name, undefined, reuse);
      if (before.files.size === 0 && before.temps.length === 0) return null;
      // A write in flight: wait for it, a few times; a temp that stays was left by a crash and is not ours to judge.
      if (before.temps.length > 0 && attempt < this.attempts / 2) {
        await this.sleep(backoff(attempt));
        continue;
      }
      // Unchanged files are not read: their stamps are checked again with the rest after reading (sameScan).
      const reused = new Map<string, SourceFile>();
      if (reuse) {
        for (const [rel, stamp] of before.files) {
          const text = stampText(stamp);
          const known = reuse.lookup(rel, text);
          if (known && known.size === stamp.size) reused.set(rel, { path: rel, reused: known, stamp: text });
        }
      }
      // Every file unchanged since the previous generation (and every folder listing with it): the set is that
      // generation's set, which was whole; a write caught in flight has not renamed anything yet. No second look.
      if (reused.size === before.files.size && before.temps.length === 0) return [...reused.values()];
      const read = await this.readAll(before, reused);
      const after = read ? this.scan(kind, name, before) : null;
      if (read && after && sameScan(before, after)) {
        const now = this.fsNow();
        for (const f of read) {
          const s = before.files.get(f.path)!;
          if (now - Math.max(s.mtimeMs, s.ctimeMs) >= RACY_MS) f.stamp = stampText(s);
        }
        const byPath = new Map<string, SourceFile>(read.map((f) => [f.path, f]));
        return [...before.files.keys()].map((rel) => reused.get(rel) ?? byPath.get(rel)!);
      }
      await this.sleep(backoff(attempt));
    }
    throw new SourceBusyError(entry);
  }

  /** The files' bytes (but the reused ones), or null when one vanished or changed size while being read (the caller tries again). */
  private async readAll(scan: Scan, reused: ReadonlyMap<string, SourceFile>): Promise<ReadFile[] | null> {
    const files: ReadFile[] = [];
    for (const [rel, stamp] of scan.files) {
      if (reused.has(rel)) continue;
      try {
        const file = path.join(this.dataDir, ...rel.split('/'));
        // A small file (a case record, a trail, a session) is read synchronously, as the scans are: its open, stat,
        // read and close cost ~5 µs each here against ~25 µs of the main thread through the thread pool, and a backup
        // of 100k cases reads 200k of them. A large one (a document, an attachment) goes through the pool.
        const data = stamp.size <= SMALL_FILE ? readSmall(file) : await readFile(file, { flag: READ_FLAGS });
        if (data.length !== stamp.size) return null;
        files.push({ path: rel, data });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    }
    return files;
  }

  /**
   * Synchronous on purpose: a scan is a handful of directory listings and stats of one entry, answered from the
   * kernel's caches almost always, and an incremental run is mostly scans (two per case, its files unread). Through
   * the thread pool each call cost ~20 µs of the main thread on this 2-core machine, against ~4 µs synchronously: at
   * 100k cases that is the difference between most of the 10 s budget and a fraction of it. The event loop is still
   * given back between entries (reads stay asynchronous, and the engine awaits each entry).
   */
  private scan(kind: Kind, name: string, earlier?: Scan, reuse?: Reuse): Scan {
    const scan: Scan = { files: new Map(), temps: [], dirs: new Map() };
    if (kind === 'case') {
      this.walk(`cases/${name}`, scan, earlier, reuse);
      // The unit's own file is looked for only when units/ names it (see unitNames: the after-scan checks the folder).
      const units = this.unitNames(earlier !== undefined);
      if (units.has(`${name}.json`)) this.stampFile(`units/${name}.json`, scan);
      for (const n of units) if (n.startsWith(`${name}.json.`) && isTempName(n)) scan.temps.push(`units/${n}`);
    } else if (kind === 'dir') {
      this.walk(name, scan, earlier, reuse);
    } else {
      this.stampFile(name, scan);
      this.stampFile(`${name}.1`, scan);
      for (const n of readdirSync(this.dataDir)) if (n.startsWith(`${name}.`) && isTempName(n)) scan.temps.push(n);
    }
    scan.temps.sort();
    return scan;
  }

  /**
   * The names in units/, listed again only when the folder changed: every case's scan looks there for its unit and
   * the unit's temp file, and the folder is nearly always empty and unchanged. A folder's times move whenever a name is
   * added, removed or renamed in it; a listing is kept only when the folder had not changed for RACY_MS (a coarse
   * clock keeps the times of two changes within one tick).
   *
   * The first look at a case takes the kept listing without checking it; the second (`check`) stats the folder. When
   * its stamp is still the kept one, units/ did not change since before the first look, so both looks saw it as it
   * was; when it changed, the second look lists it again, sees a difference if this case's unit came or went, and the
   * case is read again. One stat per case instead of four.
   */
  private unitNames(check: boolean): ReadonlySet<string> {
    if (!check && this.units) return this.units.names;
    const dir = path.join(this.dataDir, 'units');
    const s = lstatSync(dir, { throwIfNoEntry: false });
    if (!s?.isDirectory()) {
      // Not there (the usual case: the store makes it with the first unit): nothing to list, kept as such.
      this.units = { stamp: 'absent', names: new Set() };
      return this.units.names;
    }
    const stamp = dirStamp(s);
    if (this.units?.stamp === stamp) return this.units.names;
    const names = new Set(listNames(dir));
    this.units = this.fsNow() - Math.max(s.mtimeMs, s.ctimeMs) >= RACY_MS ? { stamp, names } : null;
    return names;
  }

  private units: { stamp: string; names: ReadonlySet<string> } | null = null;

  /** Each settled folder seen this run with its stamp (see list), for the next run (BackupSource.dirStamps). */
  private readonly listedDirs = new Map<string, string>();
  /** Folders actually listed (not taken from the previous generation): for tests and the benchmark. */
  foldersListed = 0;

  dirStamps(): ReadonlyMap<string, string> {
    return this.listedDirs;
  }

  /** Regular files only: a link, socket or device in the data folder is not the store's and is not followed. */
  private walk(rel: string, scan: Scan, earlier?: Scan, reuse?: Reuse): void {
    const listing = this.list(rel, earlier?.dirs.get(rel), reuse);
    if (!listing) return;
    scan.dirs.set(rel, listing);
    for (const d of listing.entries) {
      const child = `${rel}/${d.name}`;
      if (isTempName(d.name)) scan.temps.push(child);
      else if (d.kind === 'dir') this.walk(child, scan, earlier, reuse);
      else if (d.kind === 'file') this.stampFile(child, scan);
    }
  }

  /**
   * A folder's names, sorted, with its stamp taken first; null when it is not a folder (any more). The second look at
   * an entry (the after-scan) takes the first look's names when the folder's stamp is the same: adding, removing or
   * renaming a name in a folder moves its times, so the same stamp means the same names, unless the folder changed
   * within RACY_MS (a coarse clock), when it is listed again. A listing costs ~40 µs here against ~10 for the stat.
   *
   * The first look takes the previous generation's names the same way (Reuse.listing: its files from the manifest,
   * its subfolders from the stamps file) when the folder has the stamp recorded then: an incremental run over 100k
   * unchanged cases then lists none of their 300k folders (it stats them). Every settled folder is recorded for the
   * next run with its subfolders, empty ones included: a file added to an empty documents/ moves only that folder.
   */
  private list(rel: string, known: Listing | undefined, reuse?: Reuse): Listing | null {
    const dir = path.join(this.dataDir, ...rel.split('/'));
    let s: ReturnType<typeof lstatSync>;
    try {
      s = lstatSync(dir, { throwIfNoEntry: false });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw error;
    }
    if (!s?.isDirectory()) return null;
    const stamp = dirStamp(s);
    const settled = this.fsNow() - Math.max(s.mtimeMs, s.ctimeMs) >= RACY_MS;
    const listing = this.listing(rel, stamp, settled, known, reuse);
    // Vouched for in the stamps file: a settled folder's stamp with its subfolders (its files are in the manifest).
    if (listing && settled) this.listedDirs.set(rel, `${stamp}|${listing.entries.flatMap((e) => (e.kind === 'dir' && !isTempName(e.name) ? [e.name] : [])).join('/')}`);
    else this.listedDirs.delete(rel);
    return listing;
  }

  private listing(rel: string, stamp: string, settled: boolean, known: Listing | undefined, reuse: Reuse | undefined): Listing | null {
    if (known && known.stamp === stamp && settled) return known;
    const previous = settled && !known ? reuse?.listing(rel, stamp) : null;
    if (previous) return { stamp, entries: previous.map((e) => ({ name: e.name, kind: e.kind })) };
    this.foldersListed += 1;
    const dir = path.join(this.dataDir, ...rel.split('/'));
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw error;
    }
    return {
      stamp,
      entries: entries.sort((a, b) => (a.name < b.name ? -1 : 1)).map((d) => ({ name: d.name, kind: d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other' })),
    };
  }

  private stampFile(rel: string, scan: Scan): void {
    try {
      const s = lstatSync(path.join(this.dataDir, ...rel.split('/')), { throwIfNoEntry: false });
      if (s?.isFile()) scan.files.set(rel, { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

function splitId(id: string): [Kind, string] {
  const i = id.indexOf(':');
  const kind = id.slice(0, i);
  if (kind !== 'case' && kind !== 'dir' && kind !== 'file') throw new Error(`not an entry of a data folder: ${id}`);
  return [kind, id.slice(i + 1)];
}

/** A folder's names; none when it is not there. */
function listNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const backoff = (attempt: number) => Math.min(10 * 2 ** attempt, 500);

function sameScan(a: Scan, b: Scan): boolean {
  if (a.files.size !== b.files.size || a.temps.join('\n') !== b.temps.join('\n')) return false;
  for (const [rel, s] of a.files) {
    const t = b.files.get(rel);
    if (!t || t.size !== s.size || t.mtimeMs !== s.mtimeMs || t.ino !== s.ino) return false;
  }
  return true;
}
