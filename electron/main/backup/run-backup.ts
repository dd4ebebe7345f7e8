import { randomBytes } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../shared/time/clock';
import { keyMatches } from '../crypto/keyring';
import { DataDirLockedError, lockDataDir } from '../storage/data-dir-lock';
import { ensureDirDurable, syncDir, writeFileDurable } from '../storage/durable-fs';
import { sha256Hex } from '../storage/sha256';
import { WorkstationSchema } from '../storage/workstation-file';
import { GENERATIONS_DIR, LAST_RESULT_FILE, generationIdAt, manifestPath, partialPath } from './layout';
import { type ManifestFile, assertAuthentic, parseManifest, signManifest } from './manifest';
import { ObjectStore } from './object-store';
import type { PartialMarker } from './generations';
import { pruneAndCollect } from './prune';
import { DEFAULT_RETENTION, type RetentionRule } from './retention';
import { type BackupSource, SourceBusyError } from './source';
import { inParallel, inPhases } from './concurrency';

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
}

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
    objectsWritten: 0, bytesWritten: 0, objectsReused: 0, pruned: [], abandoned: [], objectsDeleted: 0, cleanupNote: null,
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
  const written = new Map<string, number>();
  /** Every distinct content of the generation and its size. */
  const counted = new Map<string, number>();
  let keyId: string | null = null;
  let done = 0;
  await inPhases(entries, async (entry) => {
    const read = await source.readEntry(entry);
    for (const f of read ?? []) {
      const sha256 = sha256Hex(f.data);
      files.push({ path: f.path, size: f.data.length, sha256 });
      result.bytes += f.data.length;
      if (f.path === 'workstation.json') keyId = keyIdOf(f.data, opts.dataKey);
      // Claimed before the first await: two entries holding the same bytes write the object once.
      if (counted.has(sha256)) continue;
      counted.set(sha256, f.data.length);
      if (await objects.has(sha256, f.data.length)) {
        result.objectsReused += 1;
      } else {
        await objects.put(sha256, f.data);
        written.set(sha256, f.data.length);
        result.objectsWritten += 1;
        result.bytesWritten += f.data.length;
      }
    }
    opts.onProgress?.({ phase: 'copy', done: ++done, total: entries.length });
  });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (!keyId) throw new RunFailed(`${source.label} 不是调解工作台的数据目录（没有 workstation.json）`);
  result.files = files.length;

  // Verified after writing: every object this run wrote is read back and hashed; every object it counts on is there.
  let checked = 0;
  await inParallel([...counted], async ([sha256, size]) => {
    if (written.has(sha256)) {
      const back = await objects.read(sha256);
      if (!back || sha256Hex(back) !== sha256) {
        // Never left under its name: the next run would take it as present and not copy it again.
        await unlink(path.join(target, 'objects', sha256.slice(0, 2), sha256)).catch(() => undefined);
        throw new RunFailed('写入备份盘的数据读回核对不符（备份盘可能有坏道或已满），本次备份无效，请检查备份盘后重试');
      }
    } else if (!(await objects.has(sha256, size))) {
      throw new RunFailed('备份盘上已有的数据在备份过程中被删除或改动，本次备份无效，请重试');
    }
    checked += 1;
    if (checked % 500 === 0 || checked === counted.size) opts.onProgress?.({ phase: 'verify', done: checked, total: counted.size });
  });

  const finishedAt = opts.clock.now().toISOString();
  const text = signManifest({ format: 'mediation-workstation-backup', version: 1, id, startedAt: result.startedAt, finishedAt, source: { kind: source.kind, label: source.label, keyId }, files }, opts.dataKey);
  await writeFileDurable(manifestPath(target, id), text);
  const back = parseManifest(await readFile(manifestPath(target, id), 'utf8'), id);
  assertAuthentic(back, opts.dataKey);
  if (back.files.length !== files.length) throw new RunFailed('备份清单读回核对不符，本次备份无效，请检查备份盘后重试');
  await unlink(partialPath(target, id));
  await syncDir(path.join(target, GENERATIONS_DIR));
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
