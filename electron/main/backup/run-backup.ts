import { randomBytes } from 'node:crypto';
import { readFile, readdir, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../shared/time/clock';
import { keyMatches } from '../crypto/keyring';
import { DataDirLockedError, lockDataDir } from '../storage/data-dir-lock';
import { ensureDirDurable, syncDir, writeFileDurable } from '../storage/durable-fs';
import { sha256Hex } from '../storage/sha256';
import { WorkstationSchema } from '../storage/workstation-file';
import { GENERATIONS_DIR, GENERATION_ID, LAST_RESULT_FILE, generationIdAt, manifestPath, partialPath, stampsPath } from './layout';
import { type ManifestFile, readAuthenticManifest, signManifest } from './manifest';
import { ObjectStore, ReadBackError } from './object-store';
import type { PartialMarker } from './generations';
import { pruneAndCollect } from './prune';
import { DEFAULT_RETENTION, type RetentionRule } from './retention';
import { type BackupSource, type DirEntry, type Reuse, SourceBusyError } from './source';
import { inParallel, inPhases } from './concurrency';
import { type StampsBody, readStamps, signStamps } from './stamps';

export interface BackupOptions {
  source: BackupSource;
  /** The folder the administrator chose (a USB disk, a shared folder); created if missing. */
  target: string;
  /** The center's data key: authenticates the manifest (the files themselves stay sealed as they are). */
  dataKey: Buffer;
  clock: Clock;
  retention?: RetentionRule;
  onProgress?: (p: BackupProgress) => void;
  /** This computer's name, in the run's marker (default: os.hostname()). */
  host?: string;
  /**
   * Read every file of the source, reusing nothing from the previous generation (the administrator's "full check";
   * also done by itself at least weekly, see FULL_READ_EVERY).
   */
  rehash?: boolean;
}

/**
 * An incremental run reuses the previous generation's SHA-256 for files whose stamp did not change. A stamp can only
 * miss a change that bypasses what it watches (a disk that rots a sector, a tool writing below the file system, a
 * PostgreSQL row edited with the store's append-only triggers dropped): at least this often every file is read again,
 * so such a change reaches the backup within a week (or within 14 runs when desks press 立即备份 often), and from then
 * on the hashes are the truth again. `rehash` asks for it at once.
 */
export const FULL_READ_EVERY = { days: 7, generations: 14 };

export interface BackupProgress {
  phase: 'copy' | 'verify' | 'cleanup';
  done: number;
  total: number;
}

/** What a run did; also written to the target as last-result.json. */
export interface BackupResult {
  ok: boolean;
  /** Why it failed, for the administrator (Chinese); null when ok. */
  reason: string | null;
  generation: string | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Files in the generation and their total size. */
  files: number;
  bytes: number;
  /** New objects copied by this run, and their size; the rest were already in the target. */
  objectsWritten: number;
  bytesWritten: number;
  objectsReused: number;
  /**
   * Files actually read from the source (and hashed) and their size, and files taken unchanged from the previous
   * generation without reading them; entriesRead counts the entries (cases, folders) of which at least one file was
   * read. fullRead: this run reused nothing on purpose (the first run, `rehash`, or the weekly full read), and why.
   */
  filesRead: number;
  bytesRead: number;
  filesReused: number;
  entriesRead: number;
  fullRead: boolean;
  fullReadWhy: 'first' | 'asked' | 'due' | null;
  /** Retention and garbage collection (after a successful run). */
  pruned: string[];
  abandoned: string[];
  objectsDeleted: number;
  /** Why old backups were not cleaned up this time, when so (Chinese). */
  cleanupNote: string | null;
}

/** Thrown inside a run to end it with a reason for the administrator. */
class RunFailed extends Error {}

/**
 * One backup run: every entry of the source copied as content-addressed objects (only the ones the target does not
 * hold yet), each written object read back and hashed, then the manifest written last, atomically, and read back;
 * then the retention rule and the garbage collection. Never throws for a failed backup: the result says why.
 */
export async function runBackup(opts: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const startedAt = opts.clock.now().toISOString();
  const result: BackupResult = {
    ok: false, reason: null, generation: null, startedAt, finishedAt: startedAt, durationMs: 0, files: 0, bytes: 0,
    objectsWritten: 0, bytesWritten: 0, objectsReused: 0, filesRead: 0, bytesRead: 0, filesReused: 0, entriesRead: 0, fullRead: false, fullReadWhy: null, pruned: [], abandoned: [], objectsDeleted: 0, cleanupNote: null,
  };
  let release: (() => void) | null = null;
  try {
    await ensureDirDurable(opts.target);
    release = await lockDataDir(opts.target).catch((error: unknown) => {
      if (error instanceof DataDirLockedError) throw new RunFailed('备份目录正被另一个备份或恢复使用，请等它结束后再试');
      throw error;
    });
    await copyGeneration(opts, result);
    result.ok = true;
    await cleanUp(opts, result);
  } catch (error) {
    result.ok = false;
    result.reason = reasonOf(error);
  } finally {
    result.finishedAt = opts.clock.now().toISOString();
    result.durationMs = Math.round(performance.now() - started);
    // Only the run holding the target writes it: a run refused because another is going must not overwrite its result.
    if (release) await writeFileDurable(path.join(opts.target, LAST_RESULT_FILE), `${JSON.stringify(result, null, 2)}\n`).catch(() => undefined);
    release?.();
  }
  return result;
}

async function copyGeneration(opts: BackupOptions, result: BackupResult): Promise<void> {
  const { target, source } = opts;
  const id = generationIdAt(new Date(result.startedAt), randomBytes(3).toString('hex'));
  result.generation = id;
  await ensureDirDurable(path.join(target, GENERATIONS_DIR));
  // Written first: until the manifest is there, this generation is recognisably incomplete.
  const marker: PartialMarker = { id, startedAt: result.startedAt, host: opts.host ?? os.hostname(), pid: process.pid };
  await writeFileDurable(partialPath(target, id), JSON.stringify(marker));

  const objects = new ObjectStore(target);
  const entries = await source.listEntries();
  const files: ManifestFile[] = [];
  /** Every distinct content of the generation and its size. */
  const counted = new Map<string, number>();
  let keyId: string | null = null;
  let done = 0;
  const previous = await previousGeneration(opts);
  result.fullRead = previous.stamps === null;
  result.fullReadWhy = previous.why;
  const stamps = new Map<string, string>();
  // What the target holds, from one listing of its folders: an object not listed is written without a stat first
  // (the whole of a first backup), a listed one is still checked for its size before it is counted on.
  const listed = await objects.list();
  const reuse: Reuse | undefined = previous.stamps ? reuseFrom(previous.stamps, listed) : undefined;
  await inPhases(entries, async (entry) => {
    const read = await source.readEntry(entry, reuse);
    let readAny = false;
    for (const f of read ?? []) {
      if (f.stamp !== undefined) stamps.set(f.path, f.stamp);
      if ('reused' in f) {
        // Its object was found in the target by lookup(); verified below with the rest.
        const { sha256, size } = f.reused;
        files.push({ path: f.path, size, sha256 });
        result.bytes += size;
        result.filesReused += 1;
        if (!counted.has(sha256)) {
          counted.set(sha256, size);
          result.objectsReused += 1;
        }
        continue;
      }
      readAny = true;
      const sha256 = sha256Hex(f.data);
      files.push({ path: f.path, size: f.data.length, sha256 });
      result.bytes += f.data.length;
      result.filesRead += 1;
      result.bytesRead += f.data.length;
      if (f.path === 'workstation.json') keyId = keyIdOf(f.data, opts.dataKey);
      // Claimed before the first await: two entries holding the same bytes write the object once.
      if (counted.has(sha256)) continue;
      counted.set(sha256, f.data.length);
      if (listed.has(sha256) && (await objects.has(sha256, f.data.length))) {
        result.objectsReused += 1;
      } else {
        await objects.put(sha256, f.data).catch((error: unknown) => {
          if (error instanceof ReadBackError) throw new RunFailed('写入备份盘的数据读回核对不符（备份盘可能有坏道或已满），本次备份无效，请检查备份盘后重试');
          throw error;
        });
        result.objectsWritten += 1;
        result.bytesWritten += f.data.length;
      }
    }
    if (readAny) result.entriesRead += 1;
    opts.onProgress?.({ phase: 'copy', done: ++done, total: entries.length });
    // An entry taken whole from the previous generation costs only synchronous stats: let the desk's own work in.
    if (done % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
  });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (!keyId) throw new RunFailed(`${source.label} 不是调解工作台的数据目录（没有 workstation.json）`);
  result.files = files.length;

  // Verified after writing: every object this run wrote was read back and hashed as it was written (ObjectStore.put);
  // once all are durable under their names, every object the generation counts on must be in one fresh listing of
  // the target (sizes were checked when written, or by this run's has() when it read the file).
  await objects.flush();
  const present = await objects.list();
  let checked = 0;
  for (const sha256 of counted.keys()) {
    if (!present.has(sha256)) throw new RunFailed('备份盘上已有的数据在备份过程中被删除或改动，本次备份无效，请重试');
    checked += 1;
    if (checked % 5000 === 0 || checked === counted.size) opts.onProgress?.({ phase: 'verify', done: checked, total: counted.size });
  }

  // Before the manifest: the generation is complete (and its stamps usable) only once the manifest is there.
  const stampsBody: StampsBody = {
    format: 'mediation-workstation-backup-stamps',
    version: 1,
    id,
    fullReadAt: previous.stamps && !result.fullRead ? previous.stamps.fullReadAt : result.startedAt,
    sinceFullRead: previous.stamps && !result.fullRead ? previous.stamps.sinceFullRead + 1 : 0,
    stamps: files.map((f) => stamps.get(f.path) ?? ''),
    ...(source.dirStamps ? { dirs: Object.fromEntries(source.dirStamps()) } : {}),
  };
  await writeFileDurable(stampsPath(target, id), signStamps(stampsBody, opts.dataKey));
  const finishedAt = opts.clock.now().toISOString();
  const text = signManifest({ format: 'mediation-workstation-backup', version: 1, id, startedAt: result.startedAt, finishedAt, source: { kind: source.kind, label: source.label, keyId }, files }, opts.dataKey);
  await writeFileDurable(manifestPath(target, id), text);
  // Read back whole: the disk must hold exactly the text signed (cheaper than parsing 500k entries again, and stricter).
  if ((await readFile(manifestPath(target, id), 'utf8')) !== text) throw new RunFailed('备份清单读回核对不符，本次备份无效，请检查备份盘后重试');
  await unlink(partialPath(target, id));
  await syncDir(path.join(target, GENERATIONS_DIR));
}

interface Previous {
  /** Each file of the previous manifest with the stamp it was recorded with (files without one are not here). */
  files: Map<string, ManifestFile & { stamp: string }>;
  /** Every file path of the previous manifest, and the folders whose stamp it recorded. */
  paths: readonly string[];
  dirs: ReadonlyMap<string, string>;
  fullReadAt: string;
  sinceFullRead: number;
}

/**
 * The newest complete generation of this same source, when its manifest authenticates under this key and it has
 * stamps, and a full read is not due; otherwise no reuse (stamps null) and why. Only the newest is considered: an
 * older one's stamps would match no more files, and a damaged newest one is a reason to read everything.
 */
async function previousGeneration(opts: BackupOptions): Promise<{ stamps: Previous | null; why: BackupResult['fullReadWhy'] }> {
  if (opts.rehash) return { stamps: null, why: 'asked' };
  const names = await readdir(path.join(opts.target, GENERATIONS_DIR)).catch(() => [] as string[]);
  const newest = names
    .map((n) => /^(.*)\.json$/.exec(n)?.[1])
    .filter((id): id is string => id !== undefined && GENERATION_ID.test(id))
    .sort()
    .at(-1);
  if (!newest) return { stamps: null, why: 'first' };
  try {
    const manifest = await readAuthenticManifest(opts.target, newest, opts.dataKey);
    if (!manifest || manifest.source.kind !== opts.source.kind || manifest.source.label !== opts.source.label) return { stamps: null, why: 'first' };
    const body = await readStamps(opts.target, newest, manifest.files.length, opts.dataKey);
    if (!body) return { stamps: null, why: 'first' };
    const age = opts.clock.now().getTime() - Date.parse(body.fullReadAt);
    // A clock set back (negative age) is as doubtful as an old full read.
    if (age < 0 || age >= FULL_READ_EVERY.days * 86_400_000 || body.sinceFullRead + 1 >= FULL_READ_EVERY.generations) return { stamps: null, why: 'due' };
    return {
      stamps: {
        files: new Map(manifest.files.flatMap((f, i) => (body.stamps[i] ? [[f.path, { ...f, stamp: body.stamps[i] }] as const] : []))),
        paths: manifest.files.map((f) => f.path),
        dirs: new Map(Object.entries(body.dirs ?? {})),
        fullReadAt: body.fullReadAt,
        sinceFullRead: body.sinceFullRead,
      },
      why: null,
    };
  } catch (error) {
    // Unreadable (not there any more, a disk error): no reuse; the copy below meets the disk's trouble if it lasts.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { stamps: null, why: 'first' };
    throw error;
  }
}

/**
 * The previous SHA-256 of a file whose stamp is unchanged, when its object is in the target (listed at the start of
 * the run; checked again after the copy, see verify). Never for workstation.json: it is read every run, to learn the
 * keyring's id and check the data key against it.
 */
function reuseFrom(previous: Previous, objects: ReadonlySet<string>): Reuse {
  // A folder's names as the previous generation had them: its files from the manifest, the folders it vouched for.
  const names = new Map<string, DirEntry[]>();
  const add = (p: string, kind: DirEntry['kind']) => {
    const at = p.lastIndexOf('/');
    if (at < 0) return;
    const dir = p.slice(0, at);
    let list = names.get(dir);
    if (!list) names.set(dir, (list = []));
    list.push({ name: p.slice(at + 1), kind });
  };
  for (const p of previous.paths) add(p, 'file');
  const stamps = new Map<string, string>();
  for (const [dir, record] of previous.dirs) {
    // "<stamp>|<subfolder>/<subfolder>…" (folder-source.ts): a folder's subfolders, empty ones too.
    const bar = record.indexOf('|');
    if (bar < 0) continue;
    stamps.set(dir, record.slice(0, bar));
    if (!names.has(dir)) names.set(dir, []);
    for (const sub of record.slice(bar + 1).split('/')) if (sub) names.get(dir)!.push({ name: sub, kind: 'dir' });
  }
  for (const list of names.values()) list.sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    lookup(p, stamp) {
      const file = p === 'workstation.json' ? undefined : previous.files.get(p);
      if (!file || file.stamp !== stamp || !objects.has(file.sha256)) return null;
      return { sha256: file.sha256, size: file.size };
    },
    listing(dir, stamp) {
      return stamps.get(dir) === stamp ? (names.get(dir) ?? []) : null;
    },
  };
}

/** The keyring's id from the source's workstation.json, after checking the key is this folder's. */
function keyIdOf(bytes: Buffer, dataKey: Buffer): string {
  let keyring;
  try {
    keyring = WorkstationSchema.parse(JSON.parse(bytes.toString('utf8'))).keyring;
  } catch {
    throw new RunFailed('数据目录中的 workstation.json 无法读取（已损坏），无法备份');
  }
  if (!keyring?.sealedAt) throw new RunFailed('该数据目录尚未完成加密升级：请先由中心管理员在调解工作台中登录一次');
  if (!keyMatches(keyring, dataKey)) throw new RunFailed('所给的数据密钥不是该数据目录的密钥');
  return keyring.keyId;
}

/** Retention and garbage collection: a failure here leaves the new generation good, and is said as a note. */
async function cleanUp(opts: BackupOptions, result: BackupResult): Promise<void> {
  try {
    opts.onProgress?.({ phase: 'cleanup', done: 0, total: 1 });
    const pruned = await pruneAndCollect(opts.target, {
      rule: opts.retention ?? DEFAULT_RETENTION,
      now: opts.clock.now(),
      host: opts.host ?? os.hostname(),
      dataKey: opts.dataKey,
      current: result.generation!,
    });
    Object.assign(result, { pruned: pruned.pruned, abandoned: pruned.abandoned, objectsDeleted: pruned.objectsDeleted, cleanupNote: pruned.skipped });
    opts.onProgress?.({ phase: 'cleanup', done: 1, total: 1 });
  } catch (error) {
    result.cleanupNote = `清理旧备份时出错（${(error as Error).message.slice(0, 120)}），新的备份不受影响`;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof RunFailed || error instanceof SourceBusyError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return '备份盘空间不足，本次备份未完成';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return '没有写入备份目录的权限（或备份盘为只读），本次备份未完成';
  return `备份失败：${(error as Error).message.slice(0, 200)}`;
}
