import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../shared/time/clock';
import { checkpointIntegrity } from '../services/checkpoints';
import { type DataCheckProblem, checkAllData } from '../services/data-check';
import { Workstation } from '../services/workstation';
import { DataDirLockedError, lockDataDir } from '../storage/data-dir-lock';
import { openDataFolder } from '../storage/data-folder';
import { DIR_MODE, FILE_MODE, syncDir } from '../storage/durable-fs';
import { inParallel } from './concurrency';
import { makeEntriesDurable } from './bulk-durable';
import { ObjectStore } from './object-store';
import { RestoreRefusedError, type Unlock, fetchVerified, openGeneration } from './open-generation';
import { PG_BACKUP_KIND } from './pg-source';

export interface RestoreOptions {
  /** The backup target folder. */
  backup: string;
  /** The new data folder: must not exist yet, or be empty. */
  to: string;
  /** Default: the newest complete generation. */
  generation?: string;
  unlock: Unlock;
  clock: Clock;
  onProgress?: (p: { phase: 'write' | 'check'; done: number; total: number }) => void;
}

export interface RestoreReport {
  generation: string;
  to: string;
  files: number;
  bytes: number;
  /** 数据核验 of the restored folder, through the real store: cases read, and what it found. */
  cases: number;
  checkedFiles: number;
  problems: DataCheckProblem[];
  ms: number;
}

/**
 * Restores a generation into a new, empty data folder. Nothing is written before the manifest is authentic; every
 * object is checked (present, whole, its SHA-256) as it is written into a temporary sibling folder; the folder is then
 * opened with the real store and every case checked as 数据核验 does, and only then renamed into place. A backup that
 * is truncated, tampered with or incomplete is refused with what is wrong, and the temporary folder is removed: the
 * destination never holds half a restore.
 *
 * What 数据核验 finds (a case the desk itself had flagged, say) does not stop the restore: the bytes are exactly the
 * backup's, and refusing would leave the center with nothing. It is in the report, for the administrator.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreReport> {
  const started = performance.now();
  const to = path.resolve(opts.to);
  await assertEmptyDestination(to);
  if (!existsSync(opts.backup)) throw new RestoreRefusedError('NO_BACKUP', `找不到备份目录 ${opts.backup}`);
  // While restoring, no backup run may prune the generation under us.
  const release = await lockDataDir(opts.backup).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) throw new RestoreRefusedError('BUSY', '备份目录正被一个备份任务使用，请等它结束后再恢复');
    throw error;
  });
  try {
    const { manifest, dataKey } = await openGeneration(opts.backup, opts.generation, opts.unlock);
    if (manifest.source.kind === PG_BACKUP_KIND) {
      throw new RestoreRefusedError('WRONG_KIND', `备份 ${manifest.id} 是中心数据库的备份：请用 npm run restore -- --to postgres://… 恢复到一个新的空数据库`);
    }
    await mkdir(path.dirname(to), { recursive: true });
    await removeStaleStaging(to);
    const staging = path.join(path.dirname(to), `${stagingPrefix(to)}${randomBytes(4).toString('hex')}`);
    try {
      const bytes = await writeAll(opts.backup, manifest.files, staging, opts.onProgress);
      const check = await checkRestored(staging, dataKey, opts.clock, opts.onProgress);
      await assertEmptyDestination(to);
      await rmdir(to).catch(() => undefined);
      await rename(staging, to);
      await syncDir(path.dirname(to));
      return { generation: manifest.id, to, files: manifest.files.length, bytes, ...check, ms: Math.round(performance.now() - started) };
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  } finally {
    release();
  }
}

const stagingPrefix = (to: string) => `.${path.basename(to)}.restoring-`;

/** A restore to this destination that was stopped (killed, a power cut) left its temporary folder: never used, removed. */
async function removeStaleStaging(to: string): Promise<void> {
  const parent = path.dirname(to);
  for (const name of await readdir(parent)) {
    if (name.startsWith(stagingPrefix(to))) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

async function assertEmptyDestination(to: string): Promise<void> {
  const names = await readdir(to).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    if (error.code === 'ENOTDIR') throw new RestoreRefusedError('DESTINATION_NOT_EMPTY', `${to} 是一个文件，不是文件夹`);
    throw error;
  });
  if (names.length > 0) throw new RestoreRefusedError('DESTINATION_NOT_EMPTY', `恢复的目标文件夹 ${to} 不是空的：请选择一个新的或空的文件夹（不会覆盖已有数据）`);
}

/** Every file, checked, written (owner-only, fsynced) under `root`; the folders' entries made durable at the end. */
async function writeAll(backup: string, files: readonly { path: string; size: number; sha256: string }[], root: string, onProgress: RestoreOptions['onProgress']): Promise<number> {
  const objects = new ObjectStore(backup);
  const folders = new Set<string>([root]);
  await mkdir(root, { mode: DIR_MODE });
  let bytes = 0;
  let done = 0;
  // Several at once, like the backup (concurrency.ts): each file is a few small waits for the disk.
  await inParallel(files, async (file) => {
    const data = await fetchVerified(objects, file);
    const target = path.join(root, ...file.path.split('/'));
    const folder = path.dirname(target);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true, mode: DIR_MODE });
      for (let f = folder; f.startsWith(root) && !folders.has(f); f = path.dirname(f)) folders.add(f);
    }
    const handle = await open(target, 'wx', FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    bytes += data.length;
    done += 1;
    if (done % 200 === 0 || done === files.length) onProgress?.({ phase: 'write', done, total: files.length });
  });
  await makeEntriesDurable([...folders]);
  return bytes;
}

/** Opens the restored folder as the app does (lock, store, the data key) and runs 数据核验 over it. */
async function checkRestored(dataDir: string, dataKey: Buffer, clock: Clock, onProgress: RestoreOptions['onProgress']) {
  const folder = await openDataFolder(dataDir, () => undefined);
  const ws = await Workstation.open({ dataDir, host: 'web', version: 'restore', fs: folder.fs, clock });
  try {
    await ws.openWithKey(dataKey);
    const report = await checkAllData(ws.cases, () => clock.now(), (p) => onProgress?.({ phase: 'check', ...p }), checkpointIntegrity(ws));
    return { cases: report.cases, checkedFiles: report.files, problems: report.problems };
  } finally {
    await ws.close();
    folder.release();
  }
}

/**
 * One case's files as of a generation (its folder, and its unit of work if one was pending), checked against the
 * manifest: what the live store's re-import will start from. Paths are relative to the data folder.
 */
export async function restoreCase(backup: string, generation: string, caseId: string, dataKey: Buffer): Promise<{ path: string; data: Buffer }[]> {
  const { manifest } = await openGeneration(backup, generation, async () => dataKey);
  const wanted = manifest.files.filter((f) => f.path.startsWith(`cases/${caseId}/`) || f.path === `units/${caseId}.json`);
  if (!wanted.some((f) => f.path === `cases/${caseId}/case.json`)) throw new RestoreRefusedError('CASE_NOT_IN_BACKUP', `备份 ${manifest.id} 中没有这件案件（${caseId}）`);
  const objects = new ObjectStore(backup);
  const files: { path: string; data: Buffer }[] = [];
  for (const f of wanted) files.push({ path: f.path, data: await fetchVerified(objects, f) });
  return files;
}
