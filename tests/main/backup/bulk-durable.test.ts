import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BULK_BY_SYNCFS, makeEntriesDurable, syncFileSystem } from '../../../electron/main/backup/bulk-durable';
import { ObjectStore, ReadBackError } from '../../../electron/main/backup/object-store';
import { sha256Hex } from '../../../electron/main/storage/sha256';

/**
 * A restore and a backup make their folders' entries durable together at the end instead of a folder fsync after
 * every file. What can be checked without pulling the plug: the way taken, and that nothing fails either way (the
 * fallback fsyncs each folder, as before).
 */
describe('making many new names durable at once', () => {
  let root: string;
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function folders(): Promise<string[]> {
    root = await mkdtemp(path.join(os.tmpdir(), 'mw-bulk-'));
    const made = [root];
    for (let i = 0; i < 5; i++) {
      const folder = path.join(root, 'cases', `case-${i}`);
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, 'case.json'), `{"n":${i}}`);
      made.push(folder);
    }
    return made;
  }

  it.runIf(BULK_BY_SYNCFS)('on Linux, one syncfs of the file system holding them', async () => {
    const made = await folders();
    expect(await syncFileSystem(root)).toBe(true);
    expect(await makeEntriesDurable(made)).toBe('syncfs');
  });

  it('falls back to an fsync of each folder when syncfs cannot be done', async () => {
    const made = await folders();
    expect(await makeEntriesDurable(made, async () => false)).toBe('each');
    expect(await makeEntriesDurable([], async () => false)).toBe('none');
  });

  it('a folder that is gone is an error, not a silent success', async () => {
    const made = await folders();
    await rm(made[2]!, { recursive: true });
    await expect(makeEntriesDurable(made, async () => false)).rejects.toThrow(/ENOENT/);
  });

  it('the object store writes, reads back and names an object, and flushes its folders either way', async () => {
    await folders();
    const data = Buffer.from('一件案件的封存数据');
    const sha = sha256Hex(data);
    for (const syncfs of [async () => false, undefined]) {
      const objects = new ObjectStore(path.join(root, `target-${syncfs ? 'each' : 'syncfs'}`), syncfs);
      await objects.put(sha, data);
      await objects.flush();
      expect((await objects.read(sha))?.equals(data)).toBe(true);
      expect([...(await objects.list())]).toEqual([sha]);
    }
  });

  it('an object whose bytes do not match its name is refused and nothing is left under its name', async () => {
    await folders();
    const objects = new ObjectStore(path.join(root, 'target'));
    await expect(objects.put(sha256Hex(Buffer.from('other')), Buffer.from('data'))).rejects.toBeInstanceOf(ReadBackError);
    expect(await objects.list()).toEqual(new Set());
  });
});
