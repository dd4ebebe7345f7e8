/**
 * The backup engine on a folder made through the real services: a round trip restores every record identically, an
 * incremental run copies only what changed, and a damaged backup is refused with its own message, leaving nothing.
 */
import { readFile, readdir, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderBackupSource } from '../../../electron/main/backup/folder-source';
import { listGenerations } from '../../../electron/main/backup/generations';
import { manifestPath, objectPath, partialPath } from '../../../electron/main/backup/layout';
import { readManifest } from '../../../electron/main/backup/manifest';
import { RestoreRefusedError } from '../../../electron/main/backup/open-generation';
import { restoreBackup, restoreCase } from '../../../electron/main/backup/restore';
import { restoreCaseBundle } from '../../../electron/main/backup/case-bundle-from-backup';
import { type BackupResult, runBackup } from '../../../electron/main/backup/run-backup';
import { fixedClock } from '../../../electron/main/services/clock';
import type { Workstation } from '../../../electron/main/services/workstation';
import { exportCase } from '../../../electron/main/storage/case-bundle';
import { FIXTURE_NOW, roadTrafficCaseInput } from '../../fixtures/cases';
import { call, makeTempDir, removeDir } from '../../fixtures/workstation';
import { allBundles, leftovers, openRestored, seededWorkstation } from './fixture';

let root: string;
let dataDir: string;
let target: string;
let ws: Workstation;
let dataKey: Buffer;
const clock = fixedClock(FIXTURE_NOW);

/** Each run a day after the one before, so the daily rule keeps them all (retention has its own tests). */
let day = 0;
const nextDay = () => fixedClock(new Date(Date.parse(FIXTURE_NOW) + day++ * 86_400_000).toISOString());
const backup = (): Promise<BackupResult> => runBackup({ source: new FolderBackupSource(dataDir), target, dataKey, clock: nextDay() });
const unlock = async () => dataKey;

beforeAll(async () => {
  root = await makeTempDir('backup-');
  dataDir = path.join(root, 'data');
  target = path.join(root, 'target');
  ({ ws, dataKey } = await seededWorkstation(dataDir));
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await removeDir(root);
});

/** The refusal a restore of `generation` into a new folder ends with; checks nothing was left at the destination. */
async function refusal(generation?: string): Promise<RestoreRefusedError> {
  const to = path.join(root, `restore-refused-${Math.random().toString(16).slice(2)}`);
  const before = await readdir(root);
  const error = await restoreBackup({ backup: target, to, ...(generation ? { generation } : {}), unlock, clock }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RestoreRefusedError);
  expect(await leftovers(root, before)).toEqual([]);
  return error as RestoreRefusedError;
}

describe('backup and restore of a data folder', () => {
  let first: BackupResult;

  it('backs up everything but the transient files, reads it back, and restores every record identically', async () => {
    first = await backup();
    expect(first).toMatchObject({ ok: true, reason: null, objectsReused: 0 });
    expect(first.objectsWritten).toBeGreaterThan(30);
    expect(JSON.parse(await readFile(path.join(target, 'last-result.json'), 'utf8'))).toMatchObject({ ok: true, generation: first.generation });
    const manifest = await readManifest(target, first.generation!);
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['workstation.json', 'audit/workstation.jsonl', 'sequence.json', 'document-hashes.jsonl', 'index/identity.key']));
    expect(paths.some((p) => /^cases\/[0-9a-f-]{36}\/signatures\//.test(p))).toBe(true);
    expect(paths.some((p) => /^cases\/[0-9a-f-]{36}\/agreements\//.test(p))).toBe(true);
    expect(paths.some((p) => /^cases\/[0-9a-f-]{36}\/sessions\//.test(p))).toBe(true);
    expect(paths.filter((p) => /\.tmp$|^quarantine\/|^\.lock$|web-session\.key/.test(p))).toEqual([]);
    // The records stay sealed: no party's name in clear in any object.
    const sample = await readFile(objectPath(target, manifest.files.find((f) => f.path.endsWith('/case.json'))!.sha256));
    expect(sample.toString('utf8')).not.toContain('张建国');

    const to = path.join(root, 'restored');
    // A restore to the same place that was stopped half-way left its temporary folder: removed, never used.
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(root, '.restored.restoring-0badf00d', 'cases'), { recursive: true }));
    const report = await restoreBackup({ backup: target, to, unlock, clock });
    expect((await readdir(root)).filter((n) => n.includes('restoring'))).toEqual([]);
    expect(report).toMatchObject({ generation: first.generation, problems: [], files: manifest.files.length });
    expect(report.cases).toBeGreaterThan(3);
    const restored = await openRestored(to, dataKey);
    try {
      const [a, b] = [await allBundles(ws), await allBundles(restored)];
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [id, bundle] of a) expect(b.get(id), id).toEqual(bundle);
      expect(restored.state.data.staff).toEqual(ws.state.data.staff);
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('an incremental run copies only the objects that changed', async () => {
    const again = await backup();
    expect(again).toMatchObject({ ok: true, objectsWritten: 0 });
    const item = (await ws.cases.query({})).items[0]!;
    await call(ws, 'cases:create', roadTrafficCaseInput());
    await ws.cases.note(item.id, { actorId: 'x', actorName: '测试', action: 'cases:note', detail: '备份测试' });
    const changed = await backup();
    expect(changed.ok).toBe(true);
    const [before, after] = [await readManifest(target, again.generation!), await readManifest(target, changed.generation!)];
    const had = new Set(before.files.map((f) => f.sha256));
    const fresh = new Set(after.files.filter((f) => !had.has(f.sha256)).map((f) => f.sha256));
    expect(changed.objectsWritten).toBe(fresh.size);
    // The new case's files, the noted case's trail, and the folder-wide files a registration touches: a handful.
    expect(changed.objectsWritten).toBeGreaterThan(2);
    expect(changed.objectsWritten).toBeLessThan(15);
    expect(changed.objectsReused).toBe(new Set(after.files.map((f) => f.sha256)).size - fresh.size);
  }, 60_000);

  it('restores one case of a generation as a bundle the store accepts', async () => {
    const { generation } = await backup();
    const item = (await ws.cases.query({})).items.find((i) => i.caseNumber.includes('0001'))!;
    const files = await restoreCase(target, generation!, item.id, dataKey);
    expect(files.map((f) => f.path)).toContain(`cases/${item.id}/case.json`);
    const bundle = await restoreCaseBundle(target, generation!, item.id, dataKey, () => clock.now());
    expect(bundle).toEqual(await exportCase(ws.cases, item.id));
    // Put back into a store that has it: recognised as the same case (the live re-import will take it from here).
    expect(await ws.cases.importCase(bundle)).toBe('present');
    await expect(restoreCase(target, generation!, crypto.randomUUID(), dataKey)).rejects.toMatchObject({ code: 'CASE_NOT_IN_BACKUP' });
  }, 60_000);

  it('one run at a time per target; a failed run says why, here and in last-result.json', async () => {
    const [a, b] = await Promise.all([backup(), backup()]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((a.ok ? b : a).reason).toBe('备份目录正被另一个备份或恢复使用，请等它结束后再试');
    // The refused run did not overwrite the result of the one that ran.
    expect(JSON.parse(await readFile(path.join(target, 'last-result.json'), 'utf8'))).toMatchObject({ ok: true });

    const elsewhere = path.join(root, 'target-of-nothing');
    const empty = path.join(root, 'not-a-data-folder');
    await import('node:fs/promises').then((fs) => fs.mkdir(empty));
    const failed = await runBackup({ source: new FolderBackupSource(empty), target: elsewhere, dataKey, clock });
    expect(failed).toMatchObject({ ok: false, reason: expect.stringContaining('不是调解工作台的数据目录') });
    expect(JSON.parse(await readFile(path.join(elsewhere, 'last-result.json'), 'utf8'))).toMatchObject({ ok: false, reason: failed.reason });
    expect((await listGenerations(elsewhere))[0]).toMatchObject({ status: 'incomplete' });
    const wrongKey = await runBackup({ source: new FolderBackupSource(dataDir), target: elsewhere, dataKey: Buffer.alloc(32, 7), clock });
    expect(wrongKey).toMatchObject({ ok: false, reason: '所给的数据密钥不是该数据目录的密钥' });
  }, 60_000);

  describe('a damaged backup is refused, with what is wrong, and nothing is left at the destination', () => {
    let id: string;
    let some: { path: string; sha256: string; size: number };
    beforeAll(async () => {
      id = (await backup()).generation!;
      const manifest = await readManifest(target, id);
      // A file no other generation shares, so that damaging it touches only this generation.
      some = manifest.files.find((f) => f.path.endsWith('/case.json'))!;
    });

    const damaged = async (damage: (file: string, bytes: Buffer) => Promise<void>, check: () => Promise<void>) => {
      const file = objectPath(target, some.sha256);
      const bytes = await readFile(file);
      await damage(file, bytes);
      try {
        await check();
      } finally {
        await writeFile(file, bytes);
      }
    };

    it('an object changed', async () => {
      await damaged(
        async (file, bytes) => {
          const flipped = Buffer.from(bytes);
          flipped[flipped.length - 3]! ^= 1;
          await writeFile(file, flipped);
        },
        async () => {
          const e = await refusal(id);
          expect(e.code).toBe('OBJECT_TAMPERED');
          expect(e.message).toContain(`${some.path} 的内容与清单记录的 SHA-256 不符`);
        },
      );
    });

    it('an object cut short', async () => {
      await damaged(
        (file, bytes) => truncate(file, bytes.length - 10),
        async () => {
          const e = await refusal(id);
          expect(e.code).toBe('OBJECT_TRUNCATED');
          expect(e.message).toContain(`${some.path} 的内容不完整（被截断`);
        },
      );
    });

    it('an object missing', async () => {
      await damaged(
        (file) => unlink(file),
        async () => {
          const e = await refusal(id);
          expect(e.code).toBe('OBJECT_MISSING');
          expect(e.message).toContain(`备份中缺少文件 ${some.path} 的内容`);
        },
      );
    });

    it('the manifest changed (a file pointed at other content, its hash and size edited to match)', async () => {
      const file = manifestPath(target, id);
      const text = await readFile(file, 'utf8');
      const manifest = JSON.parse(text) as { files: { path: string; sha256: string; size: number }[] };
      const other = manifest.files.find((f) => f.path === 'clock.json' || f.path === 'sequence.json')!;
      const entry = manifest.files.find((f) => f.path === some.path)!;
      Object.assign(entry, { sha256: other.sha256, size: other.size });
      await writeFile(file, JSON.stringify(manifest));
      try {
        const e = await refusal(id);
        expect(e.code).toBe('MANIFEST_TAMPERED');
        expect(e.message).toContain('清单未通过完整性校验');
        await writeFile(file, text.slice(0, text.length / 2));
        expect((await refusal(id)).code).toBe('MANIFEST_DAMAGED');
      } finally {
        await writeFile(file, text);
      }
    });

    it('an incomplete generation (its run never wrote the manifest)', async () => {
      const incomplete = '20260501T020000Z-abcdef';
      await writeFile(partialPath(target, incomplete), JSON.stringify({ id: incomplete, startedAt: '2026-05-01T02:00:00.000Z', host: 'x', pid: 1 }));
      try {
        const e = await refusal(incomplete);
        expect(e.code).toBe('INCOMPLETE');
        expect(e.message).toContain('未完成');
        expect((await listGenerations(target)).find((g) => g.id === incomplete)?.status).toBe('incomplete');
      } finally {
        await unlink(partialPath(target, incomplete));
      }
      expect((await refusal('20260101T000000Z-000000')).code).toBe('NO_BACKUP');
    });

    it('a destination that is not empty is never written into', async () => {
      const to = path.join(root, 'occupied');
      await writeFile(path.join(root, 'marker'), '');
      await import('node:fs/promises').then((fs) => fs.mkdir(to));
      await writeFile(path.join(to, 'mine.txt'), '不要动');
      const error = await restoreBackup({ backup: target, to, unlock, clock }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'DESTINATION_NOT_EMPTY' });
      expect(await readdir(to)).toEqual(['mine.txt']);
      expect((await stat(path.join(to, 'mine.txt'))).size).toBe('不要动'.length * 3);
    });
  });
});
