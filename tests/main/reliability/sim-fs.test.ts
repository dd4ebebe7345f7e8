import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileDurable } from '../../../electron/main/storage/durable-fs';
import { SimFs } from '../../../scripts/reliability/sim-fs';
import { seededRng } from '../../fixtures/cases';

const root = path.resolve('/simulated/data');
const sim = (extra: Partial<ConstructorParameters<typeof SimFs>[0]> = {}) => new SimFs({ root, rng: seededRng(1), ...extra });

async function writeNaive(fs: SimFs, file: string, data: string, sync: boolean) {
  const h = await fs.open(file, 'w');
  await h.writeFile(data);
  if (sync) await h.sync();
  await h.close();
}

describe('SimFs power-cut model', () => {
  it('keeps only fsynced data, and a new name only once its directory is fsynced', async () => {
    const fs = sim();
    await writeNaive(fs, path.join(root, 'a.json'), '{"a":1}', true);
    expect(fs.powerCutImage().has('a.json')).toBe(false);
    const dir = await fs.open(root, 'r');
    await dir.sync();
    expect(fs.powerCutImage().get('a.json')?.toString()).toBe('{"a":1}');
    await writeNaive(fs, path.join(root, 'a.json'), '{"a":2}', false);
    expect(fs.powerCutImage().get('a.json')?.toString()).toBe('{"a":1}');
  });

  it('a rename without a directory fsync is lost; with one it survives', async () => {
    const fs = sim();
    await writeNaive(fs, path.join(root, 'x.tmp'), 'new', true);
    await fs.rename(path.join(root, 'x.tmp'), path.join(root, 'x'));
    expect(fs.powerCutImage().size).toBe(0);
    await (await fs.open(root, 'r')).sync();
    expect(fs.powerCutImage().get('x')?.toString()).toBe('new');
  });

  it('the real writer (writeFileDurable) is durable once it returns; with fsync dropped it is not', async () => {
    for (const dropSyncs of [false, true]) {
      const fs = sim({ dropSyncs });
      await writeFileDurable(path.join(root, 'c.json'), '{"ok":true}', { keepPrevious: true }, fs);
      expect(fs.powerCutImage().get('c.json')?.toString()).toBe(dropSyncs ? undefined : '{"ok":true}');
    }
  });

  it('cuts after N operations and refuses every later call', async () => {
    const fs = sim({ cutAfter: 2 });
    await expect(writeNaive(fs, path.join(root, 'a'), 'x', true)).rejects.toThrow('power cut');
    expect(fs.cut).toBe(true);
    await expect(fs.readdir(root)).rejects.toThrow('power cut');
  });

  it('tears an unsynced rewrite at 4 KB pages', async () => {
    const fs = sim({ tear: true, rng: seededRng(7) });
    const file = path.join(root, 'big');
    await writeNaive(fs, file, 'a'.repeat(16384), true);
    await (await fs.open(root, 'r')).sync();
    await writeNaive(fs, file, 'b'.repeat(16384), false);
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const content = fs.powerCutImage().get('big')!.toString();
      for (let p = 0; p < content.length; p += 4096) seen.add(content[p]!);
      expect(content.length === 16384 || content.length === 0).toBe(true);
    }
    expect(seen).toEqual(new Set(['a', 'b']));
  });
});
