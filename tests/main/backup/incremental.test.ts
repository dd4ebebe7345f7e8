/**
 * Incremental runs on a data folder (issue 15): a file whose stamp (size, times, inode) is the one the previous
 * generation recorded is not read again, its SHA-256 taken from the previous manifest; only the cases that changed are
 * read. A file rewritten behind the store's back with the same size (even with its modification time set back, or
 * replaced by another file of the same size and time) is still read; a file changed within the last seconds is read
 * again next time; a stamps file that does not authenticate, a missing one (a generation of an older version), `rehash`
 * and the weekly full read all make the run read everything. The incremental generation restores the same data.
 */
import { readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderBackupSource } from '../../../electron/main/backup/folder-source';
import { stampsPath } from '../../../electron/main/backup/layout';
import { readManifest } from '../../../electron/main/backup/manifest';
import { restoreBackup } from '../../../electron/main/backup/restore';
import { type BackupResult, runBackup } from '../../../electron/main/backup/run-backup';
import type { BackupSource, Reuse, SourceEntry } from '../../../electron/main/backup/source';
import { fixedClock } from '../../../electron/main/services/clock';
import type { Workstation } from '../../../electron/main/services/workstation';
import { sha256Hex } from '../../../electron/main/storage/sha256';
import { FIXTURE_NOW } from '../../fixtures/cases';
import { makeTempDir, removeDir } from '../../fixtures/workstation';
import { allBundles, openRestored, seededWorkstation } from './fixture';

let root: string;
let dataDir: string;
let target: string;
let ws: Workstation;
let dataKey: Buffer;

/** Runs an hour apart (the weekly full read is tested on its own). */
let hour = 0;
const at = (h: number) => fixedClock(new Date(Date.parse(FIXTURE_NOW) + h * 3_600_000).toISOString());

/** The source as the engine sees it, noting which files it actually read (not reused). */
function spied(source: BackupSource): BackupSource & { read: string[] } {
  const read: string[] = [];
  return {
    kind: source.kind,
    label: source.label,
    read,
    listEntries: () => source.listEntries(),
    ...(source.dirStamps ? { dirStamps: () => source.dirStamps!() } : {}),
    async readEntry(entry: SourceEntry, reuse?: Reuse) {
      const files = await source.readEntry(entry, reuse);
      for (const f of files ?? []) if ('data' in f) read.push(f.path);
      return files;
    },
  };
}

/** By default the file system's clock is taken as 10 s ahead: nothing the tests just wrote counts as "just changed". */
async function backup(opts: { fsNow?: () => number; rehash?: boolean; hours?: number } = {}): Promise<BackupResult & { read: string[]; listed: number }> {
  hour += opts.hours ?? 1;
  const folder = new FolderBackupSource(dataDir, { fsNow: opts.fsNow ?? (() => Date.now() + 10_000) });
  const source = spied(folder);
  const result = await runBackup({ source, target, dataKey, clock: at(hour), ...(opts.rehash ? { rehash: true } : {}) });
  expect(result.reason).toBeNull();
  return { ...result, read: source.read.sort(), listed: folder.foldersListed };
}

const caseFilesOf = (read: string[]) => new Set(read.filter((p) => p.startsWith('cases/')).map((p) => p.split('/')[1]));

beforeAll(async () => {
  root = await makeTempDir('backup-incremental-');
  dataDir = path.join(root, 'data');
  target = path.join(root, 'target');
  ({ ws, dataKey } = await seededWorkstation(dataDir, { workloadOps: 30 }));
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await removeDir(root);
});

describe('incremental backups of a data folder', () => {
  it('reads only the cases that changed, and the generation restores the same data', async () => {
    const full = await backup();
    expect(full).toMatchObject({ ok: true, fullRead: true, fullReadWhy: 'first', filesReused: 0 });
    expect(full.filesRead).toBe(full.files);

    // Nothing changed: only workstation.json (read every run: the data key is checked against it) is read.
    const idle = await backup();
    expect(idle).toMatchObject({ ok: true, fullRead: false, fullReadWhy: null, objectsWritten: 0 });
    expect(idle.read).toEqual(['workstation.json']);
    expect(idle.filesReused).toBe(idle.files - 1);
    expect(idle.bytesRead).toBeLessThan(idle.bytes / 10);
    // Nor is any case folder listed again: each one's names come from the previous generation (its stamp unchanged).
    const caseFolders = new Set(idle.read.length ? (await readManifest(target, idle.generation!)).files.filter((f) => f.path.startsWith('cases/')).map((f) => f.path.split('/').slice(0, 2).join('/')) : []);
    expect(caseFolders.size).toBeGreaterThan(4);
    expect(idle.listed).toBeLessThan(caseFolders.size);
    expect(idle.listed).toBeLessThanOrEqual(4);

    // A file appears in a case's empty attachments/ folder (only that folder's stamp moves, not the case folder's):
    // it is listed again and the file read.
    const { items: all } = await ws.cases.query({});
    const late = `cases/${all[2]!.id}/attachments/late-scan.bin`;
    await writeFile(path.join(dataDir, late), 'a scan that arrived late');
    const afterLate = await backup();
    expect(afterLate.read).toEqual([late, 'workstation.json']);
    await unlink(path.join(dataDir, late));

    // Two cases change (an update, a note): their folders are read, no other case's.
    const { items } = await ws.cases.query({});
    expect(items.length).toBeGreaterThan(4);
    const [a, b] = [items[1]!, items[3]!];
    const current = await ws.cases.get(a.id);
    await ws.cases.update(a.id, current.revision, (c) => ({ ...c, updatedAt: new Date(Date.parse(c.updatedAt) + 60_000).toISOString() }), { actorId: 'x', actorName: '测试', action: 'cases:touch', detail: '增量备份测试' });
    await ws.cases.note(b.id, { actorId: 'x', actorName: '测试', action: 'cases:note', detail: '增量备份测试' });
    const changed = await backup();
    expect(caseFilesOf(changed.read)).toEqual(new Set([a.id, b.id]));
    // The case-folder entries read: those two, however many other entries (index, registry) the store touched.
    expect(changed.entriesRead).toBeLessThanOrEqual(2 + 4);
    expect(changed.filesRead + changed.filesReused).toBe(changed.files);

    // Every file is in the manifest, with the SHA-256 of what is on disk now.
    const manifest = await readManifest(target, changed.generation!);
    expect(manifest.files).toHaveLength(changed.files);
    for (const f of manifest.files.filter((x) => x.path.startsWith(`cases/${a.id}/`) || x.path.startsWith(`cases/${items[0]!.id}/`))) {
      expect(sha256Hex(await readFile(path.join(dataDir, f.path))), f.path).toBe(f.sha256);
    }

    // Restored, the incremental generation holds every case as the store has it.
    const to = path.join(root, 'restored');
    const report = await restoreBackup({ backup: target, to, generation: changed.generation!, unlock: async () => dataKey, clock: at(hour) });
    expect(report.problems).toEqual([]);
    const restored = await openRestored(to, dataKey);
    try {
      expect(await allBundles(restored)).toEqual(await allBundles(ws));
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('a file rewritten with the same size is read again, even with its modification time set back or its inode reused', async () => {
    const { items } = await ws.cases.query({});
    const caseDir = path.join(dataDir, 'cases', items[2]!.id);
    const victim = path.join(caseDir, 'case.json');
    const rel = `cases/${items[2]!.id}/case.json`;
    const original = await readFile(victim);
    // A whole second, which utimes sets exactly (a Date would lose the part below the millisecond).
    const T = Math.floor(Date.now() / 1000) - 3600;
    await utimes(victim, T, T);
    const before = await stat(victim);
    await backup();
    // In place, same size, the modification time put back as it was: only the change time tells.
    const flipped = Buffer.from(original);
    flipped[flipped.length >> 1]! ^= 0x01;
    await writeFile(victim, flipped);
    await utimes(victim, T, T);
    expect((await stat(victim)).mtimeMs).toBe(before.mtimeMs);
    const inPlace = await backup();
    expect(inPlace.read).toContain(rel);
    expect((await readManifest(target, inPlace.generation!)).files.find((f) => f.path === rel)!.sha256).toBe(sha256Hex(flipped));

    // Replaced by rename with a file of the same size and modification time: a new inode.
    const other = path.join(caseDir, 'other.tmp-test');
    await writeFile(other, original);
    await utimes(other, T, T);
    await rename(other, victim);
    const replaced = await backup();
    expect(replaced.read).toContain(rel);
    expect((await readManifest(target, replaced.generation!)).files.find((f) => f.path === rel)!.sha256).toBe(sha256Hex(original));
    // Back as the store wrote it: the case still opens (it is the same bytes).
    expect(await ws.cases.get(items[2]!.id)).toBeTruthy();
  }, 60_000);

  it('a file changed within the last seconds gets no stamp: the next run reads it again', async () => {
    const { items } = await ws.cases.query({});
    const id = items[0]!.id;
    await ws.cases.note(id, { actorId: 'x', actorName: '测试', action: 'cases:note', detail: '刚刚写入' });
    // The file system's real clock: the trail was appended a moment ago.
    const first = await backup({ fsNow: () => Date.now() });
    expect(first.read).toContain(`cases/${id}/audit.jsonl`);
    const second = await backup();
    expect(second.read).toContain(`cases/${id}/audit.jsonl`);
    const third = await backup();
    expect(third.read).toEqual(['workstation.json']);
  }, 60_000);

  it('reads everything when asked, when the stamps do not authenticate or are missing, and once a week', async () => {
    const asked = await backup({ rehash: true });
    expect(asked).toMatchObject({ fullRead: true, fullReadWhy: 'asked', filesReused: 0 });
    expect(asked.filesRead).toBe(asked.files);

    // A stamps file edited on the backup disk: not used.
    const stamps = stampsPath(target, asked.generation!);
    const [line, mac] = (await readFile(stamps, 'utf8')).split('\n');
    const body = JSON.parse(line!) as { stamps: string[] };
    body.stamps[body.stamps.findIndex((x) => x !== '')] = 'f1:0:0:0:0';
    await writeFile(stamps, `${JSON.stringify(body)}\n${mac}\n`);
    const forged = await backup();
    expect(forged).toMatchObject({ fullRead: true, fullReadWhy: 'first', filesReused: 0 });

    // A generation without stamps (as an older version wrote them): it restores, and the next run reads everything.
    await unlink(stampsPath(target, forged.generation!));
    const report = await restoreBackup({ backup: target, to: path.join(root, 'restored-older'), generation: forged.generation!, unlock: async () => dataKey, clock: at(hour) });
    expect(report.problems).toEqual([]);
    const older = await backup({ hours: 24 });
    expect(older).toMatchObject({ fullRead: true, fullReadWhy: 'first', filesReused: 0 });

    const reusing = await backup({ hours: 24 });
    expect(reusing.fullRead).toBe(false);
    // A week after the last full read (two runs ago): everything again.
    const weekly = await backup({ hours: 6 * 24 });
    expect(weekly).toMatchObject({ fullRead: true, fullReadWhy: 'due', filesReused: 0 });
    expect((await backup()).fullRead).toBe(false);
  }, 120_000);
});
