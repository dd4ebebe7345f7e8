import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CorruptFileError, DurableJsonFile, type FileProblem } from '../../../electron/main/storage/durable-json-file';
import { makeTempDir, removeDir } from '../../fixtures/workstation';

const Schema = z.strictObject({ name: z.string(), count: z.int().nonnegative() });
type Doc = z.infer<typeof Schema>;

let dir: string;
let file: string;
let quarantineDir: string;
let problems: FileProblem[];

function adapter() {
  return new DurableJsonFile<Doc>(file, Schema, { quarantineDir, onProblem: (p) => problems.push(p), describe: '测试文件' });
}

beforeEach(async () => {
  dir = await makeTempDir('durable-json-');
  file = path.join(dir, 'data', 'doc.json');
  quarantineDir = path.join(dir, 'quarantine');
  problems = [];
  await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file), { recursive: true }));
});
afterEach(async () => {
  await removeDir(dir);
});

async function quarantined(): Promise<Buffer[]> {
  const names = await readdir(quarantineDir).catch(() => [] as string[]);
  return Promise.all(names.map((n) => readFile(path.join(quarantineDir, n))));
}

/** Ways the newest generation is found damaged after a crash, a power loss or a bad disk. */
const DAMAGE: Record<string, (good: Buffer) => Buffer> = {
  truncated: (good) => good.subarray(0, Math.floor(good.length / 2)),
  'zero-filled': (good) => Buffer.alloc(good.length, 0),
  empty: () => Buffer.alloc(0),
  'garbled JSON': () => Buffer.from('{"name":"第二版",,"count":2'),
  'schema-invalid': () => Buffer.from(JSON.stringify({ name: '第二版', count: -1 })),
  'unknown key': () => Buffer.from(JSON.stringify({ name: '第二版', count: 2, injected: true })),
};

describe('DurableJsonFile: round trip', () => {
  it('returns null when neither generation exists (a fresh install)', async () => {
    expect(await adapter().read()).toBeNull();
    expect(problems).toEqual([]);
  });

  it('writes validated JSON and keeps the previous generation as .1', async () => {
    const a = adapter();
    await a.write({ name: '第一版', count: 1 });
    await a.write({ name: '第二版', count: 2 });
    expect(await a.read()).toEqual({ name: '第二版', count: 2 });
    expect(JSON.parse(await readFile(`${file}.1`, 'utf8'))).toEqual({ name: '第一版', count: 1 });
  });
});

describe.each(Object.entries(DAMAGE))('DurableJsonFile: current generation %s', (_label, damage) => {
  it('is quarantined (never deleted), the previous generation restored and a problem reported', async () => {
    const a = adapter();
    await a.write({ name: '第一版', count: 1 });
    await a.write({ name: '第二版', count: 2 });
    const bad = damage(await readFile(file));
    await writeFile(file, bad);

    expect(await adapter().read()).toEqual({ name: '第一版', count: 1 });

    const q = await quarantined();
    expect(q).toHaveLength(1);
    expect(q[0]!.equals(bad)).toBe(true);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, restoredFromPrevious: true });
    expect(problems[0]!.quarantinedTo).toMatch(new RegExp(`^${quarantineDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(problems[0]!.message).toContain('测试文件');
    // The restored content is now the current file: a second read is clean and reports nothing new.
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ name: '第一版', count: 1 });
    expect(await adapter().read()).toEqual({ name: '第一版', count: 1 });
    expect(problems).toHaveLength(1);
  });

  it('without a previous generation: CorruptFileError, problem reported, never an empty value', async () => {
    await adapter().write({ name: '唯一版本', count: 1 });
    const bad = damage(await readFile(file));
    await writeFile(file, bad);

    const error = await adapter().read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptFileError);
    expect((error as CorruptFileError).file).toBe(file);
    expect(problems).toEqual([expect.objectContaining({ file, restoredFromPrevious: false })]);
    const q = await quarantined();
    expect(q).toHaveLength(1);
    expect(q[0]!.equals(bad)).toBe(true);

    // A later read (the next start of the app) must fail the same way, not find "no file" and start empty.
    await expect(adapter().read()).rejects.toBeInstanceOf(CorruptFileError);
    // And lowdb on top never ends up with its default data persisted over the damaged file.
    const db = new Low<Doc>(adapter(), { name: '', count: 0 });
    await expect(db.read()).rejects.toBeInstanceOf(CorruptFileError);
    // Reading the same damage again does not pile up copies in the quarantine folder.
    expect(await quarantined()).toHaveLength(1);
  });
});

describe('DurableJsonFile: crash between the two renames of a write', () => {
  it('missing current + present .1 → returns .1 without reporting a problem', async () => {
    const a = adapter();
    await a.write({ name: '第一版', count: 1 });
    await a.write({ name: '第二版', count: 2 });
    await rm(file);
    expect(await adapter().read()).toEqual({ name: '第一版', count: 1 });
    expect(problems).toEqual([]);
    // The next write does not lose .1 and makes the new content current.
    await adapter().write({ name: '第三版', count: 3 });
    expect(await adapter().read()).toEqual({ name: '第三版', count: 3 });
  });

  it('missing current + damaged .1 → null is not returned silently when .1 is damaged', async () => {
    await writeFile(`${file}.1`, Buffer.alloc(64, 0));
    // Nothing was ever acknowledged from a generation that does not parse: no current file means no data.
    expect(await adapter().read()).toBeNull();
  });
});

describe('DurableJsonFile: both generations damaged', () => {
  it('quarantines the current file and reports, without restoring garbage', async () => {
    const a = adapter();
    await a.write({ name: '第一版', count: 1 });
    await a.write({ name: '第二版', count: 2 });
    await writeFile(file, '{"name":');
    await writeFile(`${file}.1`, '');
    await expect(adapter().read()).rejects.toBeInstanceOf(CorruptFileError);
    expect(problems).toEqual([expect.objectContaining({ restoredFromPrevious: false })]);
    expect((await quarantined()).map((b) => b.toString())).toEqual(['{"name":']);
  });
});
