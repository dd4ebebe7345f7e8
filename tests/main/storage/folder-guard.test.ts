/**
 * A data folder deleted or replaced while the app has it open: every later write is refused with a clear error and
 * the folder is never recreated (mkdir -p) or written into when it is a stranger.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DataFolder, openDataFolder } from '../../../electron/main/storage/data-folder';
import { ensureDirDurable, writeFileDurable } from '../../../electron/main/storage/durable-fs';
import { DataFolderGoneError } from '../../../electron/main/storage/folder-guard';
import type { Workstation } from '../../../electron/main/services/workstation';
import type { Staff } from '../../../electron/shared/domain';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { acceptCase, call, callError, makeTempDir, openWorkstation, removeDir, setUp } from '../../fixtures/workstation';

let parent: string;
let dir: string;
let folder: DataFolder;
let ws: Workstation;
let admin: Staff;
const logged: string[] = [];

async function open(guard: { checkEveryMs?: number; timerMs?: number } = {}) {
  folder = await openDataFolder(dir, () => undefined, { ...guard, log: (m) => logged.push(m) });
  ws = await openWorkstation(dir, { fs: folder.fs });
  admin = await setUp(ws);
}

beforeEach(async () => {
  parent = await makeTempDir('folder-guard-');
  dir = path.join(parent, 'data');
  logged.length = 0;
  // A registration refused mid-way says it could not take its folder back (the folder is gone): expected here.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await ws?.close().catch(() => undefined);
  folder?.release();
  await removeDir(parent);
});

/** A backup copied in the folder's place while the app runs: same path, same files, another folder. */
async function swapForCopy(): Promise<string> {
  const copy = path.join(parent, 'data-copy');
  const moved = path.join(parent, 'data-moved');
  await cp(dir, copy, { recursive: true });
  // Two renames back to back: the timer does not see the moment without a folder (that would be "deleted").
  await rename(dir, moved);
  await rename(copy, dir);
  return moved;
}

/** Every file below a folder with its SHA-256: what a write would change. */
async function fingerprint(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of (await readdir(root, { recursive: true })) as string[]) {
    const full = path.join(root, rel);
    if ((await stat(full)).isFile()) out[rel] = createHash('sha256').update(await readFile(full)).digest('hex');
  }
  return out;
}

describe('a data folder deleted while open', () => {
  it('refuses registration, case changes and settings with DATA_FOLDER_GONE, and never recreates the folder', async () => {
    await open();
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    await rm(dir, { recursive: true, force: true });

    // Each within the once-a-second window of the last check, too: a write that finds its folder missing checks again.
    expect(await callError(ws, 'cases:create', roadTrafficCaseInput())).toMatchObject({ code: 'DATA_FOLDER_GONE', message: expect.stringContaining('数据目录在工作台运行期间被删除或替换') });
    await expect(acceptCase(ws, created.id, admin)).rejects.toBeInstanceOf(DataFolderGoneError);
    const settings = await call(ws, 'settings:get');
    expect(await callError(ws, 'settings:update', { ...settings, fourEyesReview: false })).toMatchObject({ code: 'DATA_FOLDER_GONE' });
    expect(await callError(ws, 'drafts:save', { data: { x: 1 } })).toMatchObject({ code: 'DATA_FOLDER_GONE' });
    // The store's own folder creation (mkdir -p of a case folder, of the data folder itself) does not bring it back.
    await expect(ensureDirDurable(path.join(dir, 'cases', 'x', 'documents'), folder.fs)).rejects.toBeInstanceOf(DataFolderGoneError);
    await expect(ensureDirDurable(dir, folder.fs)).rejects.toBeInstanceOf(DataFolderGoneError);
    expect(existsSync(dir)).toBe(false);

    // Said on every screen (app:info is read before sign-in too), and once in the log.
    expect((await call(ws, 'app:info')).storeProblems[0]).toContain('数据目录在工作台运行期间被删除或替换');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('was deleted while open');
  });
});

describe('a data folder replaced while open', () => {
  it('is noticed by the timer and reported; then nothing is written into the new folder or the old one', async () => {
    await open({ timerMs: 20 });
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const moved = await swapForCopy();
    const before = { replaced: await fingerprint(dir), moved: await fingerprint(moved) };

    await expect.poll(async () => (await call(ws, 'app:info')).storeProblems, { timeout: 5000 }).toEqual([expect.stringContaining('被删除或替换')]);
    expect(await callError(ws, 'cases:create', roadTrafficCaseInput())).toMatchObject({ code: 'DATA_FOLDER_GONE' });
    await expect(acceptCase(ws, created.id, admin)).rejects.toBeInstanceOf(DataFolderGoneError);
    expect(await callError(ws, 'staff:create', { name: '骆晓明', loginName: 'luoxm', roles: ['mediator'], password: 'Chushi-mima-01' })).toMatchObject({ code: 'DATA_FOLDER_GONE' });
    await expect(writeFileDurable(path.join(dir, 'x.json'), '{}', {}, folder.fs)).rejects.toBeInstanceOf(DataFolderGoneError);

    expect(await fingerprint(dir)).toEqual(before.replaced);
    expect(await fingerprint(moved)).toEqual(before.moved);
    expect(logged[0]).toContain('was replaced while open');
    // Reads still work (the screens can show what they have).
    expect((await call(ws, 'cases:get', { id: created.id })).record.id).toBe(created.id);
  });

  it('with a check before every write, the first write after the swap is refused already', async () => {
    await open({ checkEveryMs: 0, timerMs: 60_000 });
    await swapForCopy();
    const before = await fingerprint(dir);
    expect(await callError(ws, 'cases:create', roadTrafficCaseInput())).toMatchObject({ code: 'DATA_FOLDER_GONE' });
    expect(await fingerprint(dir)).toEqual(before);
  });

  it('the replaced folder opens normally at the next start (it is the folder now)', async () => {
    await open();
    await swapForCopy();
    await ws.close().catch(() => undefined);
    folder.release();
    folder = await openDataFolder(dir, () => undefined);
    ws = await openWorkstation(dir, { fs: folder.fs });
    expect((await call(ws, 'app:info')).storeProblems).toEqual([]);
  });
});
