import { appendFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentRegistry } from '../../../electron/main/storage/document-registry';
import { makeTempDir, removeDir } from '../../fixtures/workstation';

let dir = '';
afterEach(async () => removeDir(dir));

const entry = (n: number) => ({ sha256: n.toString(16).padStart(64, '0'), caseId: `case-${n}`, documentId: `doc-${n}` });

describe('document registry', () => {
  it('finds what was registered after a restart, survives a torn last line, and rebuilds once when missing', async () => {
    dir = await makeTempDir();
    let rebuilds = 0;
    const rebuild = async () => {
      rebuilds += 1;
      return [entry(1)];
    };
    let registry = new DocumentRegistry(dir, rebuild);
    expect(await registry.find(entry(1).sha256)).toEqual(entry(1));
    await registry.register([entry(2), entry(3)]);
    await appendFile(path.join(dir, 'document-hashes.jsonl'), '{"sha256":"torn');
    registry = new DocumentRegistry(dir, rebuild);
    expect(await registry.find(entry(3).sha256)).toEqual(entry(3));
    await registry.register([entry(4)]);
    registry = new DocumentRegistry(dir, rebuild);
    expect(await registry.find(entry(4).sha256)).toEqual(entry(4));
    expect(await registry.find(entry(9).sha256)).toBeNull();
    expect(rebuilds).toBe(1);
    expect((await readFile(path.join(dir, 'document-hashes.jsonl'), 'utf8')).split('\n').filter((l) => l.startsWith('{"sha256":"0')).length).toBe(4);
    await rm(path.join(dir, 'document-hashes.jsonl'));
    registry = new DocumentRegistry(dir, rebuild);
    expect(await registry.find(entry(1).sha256)).toEqual(entry(1));
    expect(rebuilds).toBe(2);
  });
});
