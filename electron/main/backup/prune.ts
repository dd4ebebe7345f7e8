import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isTempName, syncDir } from '../storage/durable-fs';
import { type GenerationInfo, listGenerations } from './generations';
import { GENERATIONS_DIR, OBJECTS_DIR, SHA256_HEX, manifestPath, partialPath, stampsPath } from './layout';
import { type RetentionRule, generationsToKeep } from './retention';

/** A run on another computer (a shared folder as target) is taken as still going for this long after it started. */
export const FOREIGN_RUN_GRACE_MS = 24 * 60 * 60 * 1000;

export interface PruneResult {
  /** Generations whose manifests were deleted by the rule. */
  pruned: string[];
  /** Incomplete generations whose marker was removed (their run is over: it was stopped or crashed). */
  abandoned: string[];
  objectsDeleted: number;
  /** Why nothing (or only the manifests) was cleaned up, when so. */
  skipped: string | null;
}

export interface PruneOptions {
  rule: RetentionRule;
  now: Date;
  /** This computer's name: markers from it belong to runs that are over (the caller holds the target's lock). */
  host: string;
  dataKey: Buffer;
  /** The generation this run just wrote: kept whatever the rule says (a clock set back would make it look old). */
  current: string;
}

/**
 * Applies the retention rule, then deletes the objects no remaining manifest names. Runs under the target's lock (no
 * other run on this computer), after this run's manifest is written, so this run's objects are all referenced.
 *
 * What may still need an unreferenced object: only a run in progress, which has written or counted on objects its
 * manifest (written last) does not list yet. Runs on this computer are excluded by the lock; a run from another
 * computer on a shared target is seen by its .partial marker, and while one is younger than a day no object is
 * deleted at all (the next run collects them). A damaged or unauthentic manifest stops the whole cleanup: what it
 * names cannot be known, and an object deleted because of it could be the only copy of a case.
 */
export async function pruneAndCollect(target: string, opts: PruneOptions): Promise<PruneResult> {
  const result: PruneResult = { pruned: [], abandoned: [], objectsDeleted: 0, skipped: null };
  const generations = await listGenerations(target, opts.dataKey);
  const damaged = generations.filter((g) => g.status === 'damaged');
  if (damaged.length > 0) {
    result.skipped = `有 ${damaged.length} 个备份的清单已损坏或未通过校验（${damaged.map((g) => g.id).join('、')}），为免误删，本次未清理旧备份`;
    return result;
  }
  const complete = generations.filter((g): g is Extract<GenerationInfo, { status: 'complete' }> => g.status === 'complete');
  const keep = generationsToKeep(
    complete.map((g) => ({ id: g.id, startedAt: g.manifest.startedAt })),
    opts.rule,
  );
  keep.add(opts.current);
  const dir = path.join(target, GENERATIONS_DIR);
  for (const g of complete) {
    if (keep.has(g.id)) continue;
    // Stamps first: a crash in between leaves a manifest (pruned next time), never stamps nobody removes.
    await unlink(stampsPath(target, g.id)).catch(() => undefined);
    await unlink(manifestPath(target, g.id));
    result.pruned.push(g.id);
  }
  // A crash between a manifest's rename and its marker's removal leaves a marker beside a complete generation.
  for (const g of complete) await unlink(partialPath(target, g.id)).catch(() => undefined);
  const incomplete = generations.filter((g): g is Extract<GenerationInfo, { status: 'incomplete' }> => g.status === 'incomplete');
  const live = incomplete.filter((g) => g.marker && g.marker.host !== opts.host && opts.now.getTime() - Date.parse(g.marker.startedAt) < FOREIGN_RUN_GRACE_MS);
  if (live.length > 0) {
    await syncDir(dir);
    result.skipped = `另一台电脑上的备份（${live.map((g) => g.id).join('、')}）可能仍在进行，本次未删除不再使用的备份数据`;
    return result;
  }
  const referenced = new Set<string>();
  for (const g of complete) if (keep.has(g.id)) for (const f of g.manifest.files) referenced.add(f.sha256);
  result.objectsDeleted = await collectObjects(target, referenced);
  // Temp files of a manifest, a marker or last-result.json that a stopped run was writing.
  for (const folder of [target, dir]) {
    for (const name of await readdir(folder).catch(() => [] as string[])) if (isTempName(name)) await unlink(path.join(folder, name)).catch(() => undefined);
  }
  for (const g of incomplete) {
    await unlink(stampsPath(target, g.id)).catch(() => undefined);
    await unlink(partialPath(target, g.id)).catch(() => undefined);
    result.abandoned.push(g.id);
  }
  await syncDir(dir);
  return result;
}

/** Deletes every object (and temp file left by a stopped run) that is not referenced. */
async function collectObjects(target: string, referenced: ReadonlySet<string>): Promise<number> {
  let deleted = 0;
  const root = path.join(target, OBJECTS_DIR);
  const folders = await readdir(root).catch(() => [] as string[]);
  for (const folder of folders) {
    if (!/^[0-9a-f]{2}$/.test(folder)) continue;
    const names = await readdir(path.join(root, folder)).catch(() => [] as string[]);
    let changed = false;
    for (const name of names) {
      const garbage = isTempName(name) || (SHA256_HEX.test(name) && !referenced.has(name));
      if (!garbage) continue;
      await unlink(path.join(root, folder, name));
      if (!isTempName(name)) deleted += 1;
      changed = true;
    }
    if (changed) await syncDir(path.join(root, folder));
  }
  return deleted;
}
