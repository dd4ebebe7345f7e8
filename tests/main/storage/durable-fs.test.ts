import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendLineDurable, createFileDurable, isTempName, removeStaleTemps, writeFileDurable } from '../../../electron/main/storage/durable-fs';
import { errnoError, recordingFs } from '../../fixtures/fake-fs';
import { makeTempDir, removeDir } from '../../fixtures/workstation';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('durable-fs-');
});
afterEach(async () => {
  await removeDir(dir);
});

describe('writeFileDurable', () => {
  it('replaces the content and leaves no temp file behind', async () => {
    const file = path.join(dir, 'case.json');
    await writeFileDurable(file, '{"v":1}');
    await writeFileDurable(file, '{"v":2}');
    expect(await readFile(file, 'utf8')).toBe('{"v":2}');
    expect(await readdir(dir)).toEqual(['case.json']);
  });

  it('keeps the previous content as <file>.1 when asked', async () => {
    const file = path.join(dir, 'case.json');
    await writeFileDurable(file, 'first', { keepPrevious: true });
    expect((await readdir(dir)).sort()).toEqual(['case.json']);
    await writeFileDurable(file, 'second', { keepPrevious: true });
    await writeFileDurable(file, 'third', { keepPrevious: true });
    expect(await readFile(file, 'utf8')).toBe('third');
    expect(await readFile(`${file}.1`, 'utf8')).toBe('second');
    expect((await readdir(dir)).sort()).toEqual(['case.json', 'case.json.1']);
  });

  it('never writes into the target: temp file written and fsynced, then renamed over it, then the directory fsynced', async () => {
    const fs = recordingFs();
    const file = path.join(dir, 'case.json');
    await writeFile(file, 'old');
    await writeFileDurable(file, 'new', { keepPrevious: true }, fs);
    const tmp = fs.ops.find((o) => o.op === 'open')!;
    expect(tmp).toMatchObject({ op: 'open', flags: 'w' });
    const tmpFile = (tmp as { file: string }).file;
    expect(isTempName(path.basename(tmpFile))).toBe(true);
    expect(fs.ops.some((o) => o.op === 'open' && o.file === file)).toBe(false);
    const summary = fs.ops.map((o) => (o.op === 'rename' ? `rename ${path.basename(o.from)}→${path.basename(o.to)}` : `${o.op} ${path.basename(o.file)}`));
    expect(summary).toEqual([
      `open ${path.basename(tmpFile)}`,
      `write ${path.basename(tmpFile)}`,
      `sync ${path.basename(tmpFile)}`,
      `close ${path.basename(tmpFile)}`,
      'rename case.json→case.json.1',
      `rename ${path.basename(tmpFile)}→case.json`,
      ...(process.platform === 'win32' ? [] : [`open ${path.basename(dir)}`, `sync ${path.basename(dir)}`, `close ${path.basename(dir)}`]),
    ]);
  });

  it('gives every write its own temp name (two writers never share one)', async () => {
    const fs = recordingFs();
    const file = path.join(dir, 'x.json');
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileDurable(file, `{"i":${i}}`, {}, fs)));
    const temps = fs.ops.filter((o) => o.op === 'open' && o.flags === 'w').map((o) => (o as { file: string }).file);
    expect(new Set(temps).size).toBe(20);
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('i');
    expect(await readdir(dir)).toEqual(['x.json']);
  });

  it('retries a rename that fails with EPERM (antivirus holding the file) and then succeeds', async () => {
    const fs = recordingFs();
    const file = path.join(dir, 'state.json');
    let failures = 0;
    fs.beforeRename = () => {
      if (failures < 3) {
        failures += 1;
        throw errnoError('EPERM');
      }
    };
    await writeFileDurable(file, 'content', {}, fs);
    expect(failures).toBe(3);
    expect(fs.renamesTo(file)).toHaveLength(4);
    expect(await readFile(file, 'utf8')).toBe('content');
  });

  it.each(['EBUSY', 'EACCES'])('also retries %s', async (code) => {
    const fs = recordingFs();
    const file = path.join(dir, 'state.json');
    let failures = 0;
    fs.beforeRename = () => {
      if (failures++ < 2) throw errnoError(code);
    };
    await writeFileDurable(file, 'content', {}, fs);
    expect(fs.renamesTo(file)).toHaveLength(3);
  });

  it('gives up after 10 failed renames with the original error, leaving the old content in place and no temp file', async () => {
    const fs = recordingFs();
    const file = path.join(dir, 'state.json');
    await writeFile(file, 'old');
    fs.beforeRename = () => {
      throw errnoError('EPERM');
    };
    await expect(writeFileDurable(file, 'new', {}, fs)).rejects.toMatchObject({ code: 'EPERM' });
    expect(fs.renamesTo(file)).toHaveLength(10);
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['state.json']);
  }, 15_000);

  it('does not retry errors that retrying cannot fix', async () => {
    const fs = recordingFs();
    const file = path.join(dir, 'state.json');
    fs.beforeRename = () => {
      throw errnoError('EXDEV');
    };
    await expect(writeFileDurable(file, 'new', {}, fs)).rejects.toMatchObject({ code: 'EXDEV' });
    expect(fs.renamesTo(file)).toHaveLength(1);
  });
});

describe('removeStaleTemps', () => {
  it('removes only temp files left by a crashed write, and counts them', async () => {
    await writeFile(path.join(dir, 'case.json'), '{}');
    await writeFile(path.join(dir, 'case.json.1'), '{}');
    await writeFile(path.join(dir, 'case.json.4242-7.tmp'), '{"half');
    await writeFile(path.join(dir, 'sequence.json.17-1.tmp'), '');
    await writeFile(path.join(dir, 'notes.tmp'), 'user file, not ours');
    await mkdir(path.join(dir, 'documents'));
    expect(await removeStaleTemps(dir)).toBe(2);
    expect((await readdir(dir)).sort()).toEqual(['case.json', 'case.json.1', 'documents', 'notes.tmp']);
  });

  it('returns 0 for a missing directory', async () => {
    expect(await removeStaleTemps(path.join(dir, 'nope'))).toBe(0);
  });
});

describe('appendLineDurable and createFileDurable', () => {
  it('appends whole lines and fsyncs each before returning', async () => {
    const fs = recordingFs();
    const file = path.join(dir, 'journal.jsonl');
    await appendLineDurable(file, '{"a":1}', fs);
    await appendLineDurable(file, '{"a":2}', fs);
    expect(await readFile(file, 'utf8')).toBe('{"a":1}\n{"a":2}\n');
    expect(fs.ops.filter((o) => o.op === 'sync')).toHaveLength(2);
  });

  it('refuses to overwrite an existing write-once file', async () => {
    const file = path.join(dir, 'agreement-v1.pdf');
    await createFileDurable(file, 'v1');
    await expect(createFileDurable(file, 'v2')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(file, 'utf8')).toBe('v1');
  });
});
