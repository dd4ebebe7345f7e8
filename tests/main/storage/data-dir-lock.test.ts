import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, type LockKind, lockAddress, lockDataDir } from '../../../electron/main/storage/data-dir-lock';
import { makeTempDir, removeDir } from '../../fixtures/workstation';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const LOCK_MODULE = path.join(ROOT, 'electron/main/storage/data-dir-lock.ts');

let dir: string;
const releases: (() => void)[] = [];
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await makeTempDir('lock-');
});
afterEach(async () => {
  for (const release of releases.splice(0)) release();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await removeDir(dir);
});

async function lock(kind?: LockKind): Promise<() => void> {
  const release = await lockDataDir(dir, kind ? { kind } : {});
  releases.push(release);
  return release;
}

async function lockError(kind?: LockKind): Promise<DataDirLockedError> {
  const error = await lockDataDir(dir, kind ? { kind } : {}).then(
    (release) => {
      release();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataDirLockedError);
  return error as DataDirLockedError;
}

/** Another process (Node + tsx) that takes the lock with the real code and keeps it until killed. */
async function otherProcessHoldingLock(kind?: LockKind): Promise<ChildProcess> {
  const opts = JSON.stringify(kind ? { kind } : {});
  const script = `import { lockDataDir } from ${JSON.stringify(LOCK_MODULE)}; await lockDataDir(${JSON.stringify(dir)}, ${opts}); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code}: ${err}`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('exit', resolve));
}

// The platform's own kind (an abstract socket on Linux), and the socket file macOS and the BSDs fall back to.
const KINDS: (LockKind | undefined)[] = process.platform === 'win32' ? [undefined] : [undefined, 'socket-file'];

describe.each(KINDS)('lockDataDir (%s)', (kind) => {
  it('is released and can be taken again', async () => {
    const release = await lock(kind);
    release();
    release();
    (await lock(kind))();
  });

  it('refuses a second lock on the same dir in the same process, and a failed attempt does not release the first', async () => {
    const release = await lock(kind);
    expect(await lockError(kind)).toMatchObject({ dataDir: dir, pid: process.pid });
    await Promise.all([lockError(kind), lockError(kind)]);
    release();
    const again = await lock(kind);
    await lockError(kind);
    again();
  });

  it('two calls at once in one process: exactly one gets the lock', async () => {
    const results = await Promise.allSettled([lockDataDir(dir, kind ? { kind } : {}), lockDataDir(dir, kind ? { kind } : {})]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'fulfilled') releases.push(r.value);
  });

  it('refuses a lock held by another live process, naming its pid; takes it once that process is SIGKILLed', async () => {
    const holder = await otherProcessHoldingLock(kind);
    const error = await lockError(kind);
    expect(error.pid).toBe(holder.pid);
    expect(error.message).toContain(String(holder.pid));
    await kill(holder);
    await lock(kind);
  }, 30_000);

  it('the same folder reached through a link is the same lock', async () => {
    await lock(kind);
    const link = path.join(path.dirname(dir), `${path.basename(dir)}-link`);
    await symlink(dir, link);
    try {
      await expect(lockDataDir(link, kind ? { kind } : {})).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await removeDir(link);
    }
  });
});

describe('lockDataDir on Linux', () => {
  it.runIf(process.platform === 'linux')('leaves no file in the data folder', async () => {
    await lock();
    expect(existsSync(path.join(dir, '.lock'))).toBe(false);
    expect(lockAddress(dir).startsWith('\0')).toBe(true);
  });

  it('another folder has another lock', async () => {
    await lock();
    const other = path.join(dir, 'other');
    await mkdir(other);
    (await lockDataDir(other))();
  });
});

describe('the socket-file fallback', () => {
  it.runIf(process.platform !== 'win32')('takes over the socket file a killed process left behind, and removes its own on release', async () => {
    const holder = await otherProcessHoldingLock('socket-file');
    await kill(holder);
    expect(existsSync(path.join(dir, '.lock'))).toBe(true); // left behind by the crash
    const release = await lock('socket-file');
    release();
    expect(existsSync(path.join(dir, '.lock'))).toBe(false);
  }, 30_000);

  it.runIf(process.platform !== 'win32')('takes over an ordinary file where the socket should be (a pid file from an older version)', async () => {
    await writeFile(path.join(dir, '.lock'), '12345');
    (await lock('socket-file'))();
  });

  it('a folder too deep for a socket path gets its lock in the temp folder', async () => {
    const deep = path.join(dir, 'x'.repeat(60), 'y'.repeat(60));
    await mkdir(deep, { recursive: true });
    expect(path.dirname(lockAddress(deep, 'socket-file'))).not.toBe(deep);
    expect(lockAddress(dir, 'socket-file')).toBe(path.join(dir, '.lock'));
  });
});
