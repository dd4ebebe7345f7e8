/**
 * Everything the app writes in its data folder is owner-only on POSIX (folders 0700, files 0600): new writes get the
 * mode at creation, and a folder left by an older version with looser modes is tightened once when it is opened.
 */
import { chmod, lstat, mkdir, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DataFolder, openDataFolder } from '../../../electron/main/storage/data-folder';
import { tightenFolderModes } from '../../../electron/main/storage/folder-modes';
import type { Workstation } from '../../../electron/main/services/workstation';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { makePng } from '../../fixtures/png';
import { call, makeTempDir, openWorkstation, removeDir, setUp } from '../../fixtures/workstation';

let parent: string;
let dir: string;
let folder: DataFolder | null = null;
let ws: Workstation | null = null;

beforeEach(async () => {
  parent = await makeTempDir('modes-');
  dir = path.join(parent, 'data');
});
afterEach(async () => {
  await ws?.close();
  folder?.release();
  ws = null;
  folder = null;
  await removeDir(parent);
});

/** Every entry below (and including) root with its permission bits, links and sockets left out. */
async function modes(root: string): Promise<Map<string, number>> {
  const found = new Map<string, number>([['.', (await stat(root)).mode & 0o777]]);
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        found.set(path.relative(root, full), (await lstat(full)).mode & 0o777);
        await walk(full);
      } else if (e.isFile()) found.set(path.relative(root, full), (await lstat(full)).mode & 0o777);
    }
  };
  await walk(root);
  return found;
}

async function looser(root: string): Promise<string[]> {
  const wrong: string[] = [];
  for (const [rel, mode] of await modes(root)) {
    const isDir = (await stat(path.join(root, rel))).isDirectory();
    if (mode !== (isDir ? 0o700 : 0o600)) wrong.push(`${rel} ${mode.toString(8)}`);
  }
  return wrong;
}

/** Opens the folder as a host does and writes a bit of everything: settings, staff, a case, a draft, an attachment. */
async function openAndWrite(): Promise<void> {
  folder = await openDataFolder(dir, () => undefined);
  ws = await openWorkstation(dir, { fs: folder.fs });
  await setUp(ws);
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  await call(ws, 'drafts:save', { data: { note: '半填的登记' } });
  await call(ws, 'attachments:add', { caseId: created.id, sessionId: null, statementId: null, category: 'evidence', label: '现场照片', mimeType: 'image/png', base64: makePng(20).toString('base64') });
  await ws.cases.idle();
}

describe.skipIf(process.platform === 'win32')('owner-only modes in the data folder', () => {
  it('a new folder: every folder 0700 and every file 0600, whatever the umask lets through', async () => {
    const umask = process.umask(0o022);
    try {
      await openAndWrite();
      await ws!.close();
      ws = null;
    } finally {
      process.umask(umask);
    }
    const all = await modes(dir);
    expect(all.size).toBeGreaterThan(10);
    expect([...all.keys()]).toEqual(expect.arrayContaining(['cases', 'drafts', 'workstation.json', 'sequence.json', path.join('audit', 'workstation.jsonl')]));
    expect(await looser(dir)).toEqual([]);
  });

  it('an old folder with 0755/0644 modes is tightened at open (links left alone), and only once', async () => {
    await openAndWrite();
    await ws!.close();
    ws = null;
    folder!.release();
    folder = null;
    // What an older version left under the usual umask, plus a link to a file outside the folder.
    const outside = path.join(parent, 'outside.txt');
    await writeFile(outside, 'not ours');
    await chmod(outside, 0o644);
    await symlink(outside, path.join(dir, 'cases', 'link-out'));
    await mkdir(path.join(dir, 'old-empty'));
    for (const [rel] of await modes(dir)) {
      const full = path.join(dir, rel);
      await chmod(full, (await stat(full)).isDirectory() ? 0o755 : 0o644);
    }
    expect((await looser(dir)).length).toBeGreaterThan(10);

    const messages: string[] = [];
    folder = await openDataFolder(dir, (m) => messages.push(m));
    expect(await looser(dir)).toEqual([]);
    expect((await stat(outside)).mode & 0o777).toBe(0o644);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/owner-only: \d+ folders, \d+ files$/);
    folder.release();
    folder = null;

    // The folder's own mode is the mark: the next open does not walk again.
    expect(await tightenFolderModes(dir)).toMatchObject({ walked: false });
  });
});

describe('tightenFolderModes', () => {
  it('does nothing on Windows', async () => {
    await mkdir(dir);
    await chmod(dir, 0o755);
    expect(await tightenFolderModes(dir, 'win32')).toEqual({ walked: false, dirs: 0, files: 0, failed: [] });
  });
});
