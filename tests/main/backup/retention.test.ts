/**
 * Retention (7 daily, 4 weekly, 12 monthly by default, China time) with a pinned clock, and the garbage collection
 * after it: objects no kept generation names are deleted, shared ones stay, and nothing a generation still needs goes.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderBackupSource } from '../../../electron/main/backup/folder-source';
import { listGenerations } from '../../../electron/main/backup/generations';
import { manifestPath, objectPath, partialPath } from '../../../electron/main/backup/layout';
import { type Manifest, readManifest } from '../../../electron/main/backup/manifest';
import { openGeneration, verifyObjects } from '../../../electron/main/backup/open-generation';
import { generationsToKeep } from '../../../electron/main/backup/retention';
import { runBackup } from '../../../electron/main/backup/run-backup';
import { fixedClock } from '../../../electron/main/services/clock';
import type { Workstation } from '../../../electron/main/services/workstation';
import { ensureDirDurable } from '../../../electron/main/storage/durable-fs';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { call, makeTempDir, removeDir } from '../../fixtures/workstation';
import { seededWorkstation } from './fixture';

/** A backup every China-time day from `from` to `to` at 23:30 (15:30 UTC, the same calendar day). */
function dailyAt2330(from: string, to: string): { id: string; startedAt: string }[] {
  const out: { id: string; startedAt: string }[] = [];
  for (let t = Date.parse(`${from}T15:30:00Z`); t <= Date.parse(`${to}T15:30:00Z`); t += 86_400_000) {
    const startedAt = new Date(t).toISOString();
    out.push({ id: startedAt.slice(0, 10), startedAt });
  }
  return out;
}

describe('which generations the rule keeps', () => {
  it('the newest of the last 7 days, of the last 4 weeks (Monday to Sunday) and of the last 12 months', () => {
    const kept = [...generationsToKeep(dailyAt2330('2026-01-01', '2026-05-01'))].sort();
    expect(kept).toEqual([
      '2026-01-31', '2026-02-28', '2026-03-31', // months
      '2026-04-12', '2026-04-19', // weeks (the Sundays closing them; the week of 04-20 is closed by 04-26, kept daily)
      '2026-04-25', '2026-04-26', '2026-04-27', '2026-04-28', '2026-04-29', '2026-04-30', '2026-05-01', // days
    ]);
  });

  it('days and months are China time: 00:30 on 1 May in China is still 30 April in UTC', () => {
    const lateApril = { id: 'a', startedAt: '2026-04-30T15:30:00.000Z' }; // 23:30 on 30 April, China time
    const earlyMay = { id: 'b', startedAt: '2026-04-30T16:30:00.000Z' }; // 00:30 on 1 May, China time
    expect(generationsToKeep([lateApril, earlyMay], { daily: 2, weekly: 0, monthly: 0 })).toEqual(new Set(['a', 'b']));
    expect(generationsToKeep([lateApril, earlyMay], { daily: 0, weekly: 0, monthly: 2 })).toEqual(new Set(['a', 'b']));
    expect(generationsToKeep([lateApril, earlyMay], { daily: 1, weekly: 0, monthly: 0 })).toEqual(new Set(['b']));
  });
});

describe('pruning and garbage collection on a real target', () => {
  let root: string;
  let dataDir: string;
  let target: string;
  let ws: Workstation;
  let dataKey: Buffer;
  beforeAll(async () => {
    root = await makeTempDir('backup-retention-');
    dataDir = path.join(root, 'data');
    target = path.join(root, 'target');
    ({ ws, dataKey } = await seededWorkstation(dataDir, { workloadOps: 10 }));
  }, 120_000);
  afterAll(async () => {
    await ws?.close();
    await removeDir(root);
  });

  const onDay = (day: number) =>
    runBackup({ source: new FolderBackupSource(dataDir), target, dataKey, clock: fixedClock(`2026-05-${String(day).padStart(2, '0')}T02:00:00+08:00`), retention: { daily: 2, weekly: 0, monthly: 0 } });
  const shas = (...manifests: Manifest[]) => new Set(manifests.flatMap((m) => m.files.map((f) => f.sha256)));

  it('keeps the last two days, deletes what only the pruned ones named, keeps what they shared', async () => {
    const manifests: Manifest[] = [];
    for (const day of [1, 2, 3, 4]) {
      await call(ws, 'cases:create', roadTrafficCaseInput());
      const result = await onDay(day);
      expect(result.ok, result.reason ?? '').toBe(true);
      manifests.push(await readManifest(target, result.generation!));
    }
    const generations = await listGenerations(target, dataKey);
    expect(generations.map((g) => g.id)).toEqual(manifests.slice(2).map((m) => m.id));
    const kept = shas(manifests[2]!, manifests[3]!);
    const onlyPruned = [...shas(manifests[0]!, manifests[1]!)].filter((s) => !kept.has(s));
    expect(onlyPruned.length).toBeGreaterThan(0);
    for (const sha of onlyPruned) expect(existsSync(objectPath(target, sha))).toBe(false);
    // Shared with the pruned generations (the write-once files, unchanged cases): still there, and every kept
    // generation is whole.
    const shared = [...shas(manifests[0]!)].filter((s) => kept.has(s));
    expect(shared.length).toBeGreaterThan(10);
    for (const m of manifests.slice(2)) {
      const opened = await openGeneration(target, m.id, async () => dataKey);
      await verifyObjects(target, opened.manifest);
    }
  }, 120_000);

  it('an incomplete run of this computer is collected; one from another computer, or a damaged manifest, stops the collection', async () => {
    const orphan = 'f'.repeat(64);
    const putOrphan = async () => {
      await ensureDirDurable(path.dirname(objectPath(target, orphan)));
      await writeFile(objectPath(target, orphan), 'left by a stopped run');
    };
    const marker = (id: string, host: string, startedAt: string) => writeFile(partialPath(target, id), JSON.stringify({ id, startedAt, host, pid: 1 }));

    await putOrphan();
    await marker('20260504T180000Z-aaaaaa', os.hostname(), '2026-05-04T18:00:00.000Z');
    const fifth = await onDay(5);
    expect(fifth).toMatchObject({ ok: true, abandoned: ['20260504T180000Z-aaaaaa'], cleanupNote: null });
    expect(existsSync(objectPath(target, orphan))).toBe(false);

    await putOrphan();
    await marker('20260505T200000Z-bbbbbb', 'another-desk', '2026-05-05T20:00:00.000Z');
    const sixth = await onDay(6);
    expect(sixth.ok).toBe(true);
    expect(sixth.cleanupNote).toContain('另一台电脑上的备份');
    expect(existsSync(objectPath(target, orphan))).toBe(true);
    expect((await listGenerations(target)).find((g) => g.id === '20260505T200000Z-bbbbbb')?.status).toBe('incomplete');

    // A day later that run is taken as over; but now a manifest is damaged: nothing is deleted while one is.
    const kept = (await listGenerations(target)).filter((g) => g.status === 'complete');
    const damagedId = kept[0]!.id;
    await writeFile(manifestPath(target, damagedId), '{"cut short');
    const eighth = await runBackup({ source: new FolderBackupSource(dataDir), target, dataKey, clock: fixedClock('2026-05-08T02:00:00+08:00'), retention: { daily: 2, weekly: 0, monthly: 0 } });
    expect(eighth.ok).toBe(true);
    expect(eighth.cleanupNote).toContain(`${damagedId}`);
    expect(eighth.pruned).toEqual([]);
    expect(existsSync(objectPath(target, orphan))).toBe(true);
  }, 120_000);
});
