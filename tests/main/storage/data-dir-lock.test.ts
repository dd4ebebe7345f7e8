import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../../electron/main/storage/data-dir-lock';
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

function lock(): () => void {
  const release = lockDataDir(dir);
  releases.push(release);
  return release;
}

/** A pid that certainly belongs to no running process: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid!;
  await new Promise((resolve) => child.on('exit', resolve));
  return pid;
}

/** Another process (Node + tsx) that takes the lock with the real code and keeps it until killed. */
async function otherProcessHoldingLock(): Promise<ChildProcess> {
  const script = `import { lockDataDir } from ${JSON.stringify(LOCK_MODULE)}; lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`;
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

describe('lockDataDir', () => {
  it('writes our pid into <dataDir>/.lock and removes it on release', async () => {
    const release = lock();
    expect(Number(await readFile(path.join(dir, '.lock'), 'utf8'))).toBe(process.pid);
    release();
    await expect(readFile(path.join(dir, '.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    lock(); // can be taken again
  });

  it('refuses a second lock on the same dir in the same process', () => {
    lock();
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    try {
      lockDataDir(dir);
    } catch (error) {
      expect(error).toMatchObject({ dataDir: dir, pid: process.pid });
    }
  });

  it('releasing twice, or after a failed second attempt, does not remove a lock someone else holds', () => {
    const release = lock();
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    release();
    const again = lock();
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    again();
  });

  it('refuses a lock held by another live process, with its pid', async () => {
    const holder = await otherProcessHoldingLock();
    let caught: unknown;
    try {
      lockDataDir(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DataDirLockedError);
    expect((caught as DataDirLockedError).pid).toBe(holder.pid);
    expect((caught as Error).message).toContain(String(holder.pid));
  }, 20_000);

  it('takes over the lock of a process that was killed (crash, power loss)', async () => {
    const holder = await otherProcessHoldingLock();
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('exit', resolve));
    expect(Number(await readFile(path.join(dir, '.lock'), 'utf8'))).toBe(holder.pid); // left behind
    lock();
    expect(Number(await readFile(path.join(dir, '.lock'), 'utf8'))).toBe(process.pid);
  }, 20_000);

  it('takes over a lock file naming a dead pid', async () => {
    await writeFile(path.join(dir, '.lock'), String(await deadPid()));
    lock();
    expect(Number(await readFile(path.join(dir, '.lock'), 'utf8'))).toBe(process.pid);
  });

  it.each([['empty', ''], ['garbage', 'not a pid'], ['zero-filled', '\u0000\u0000\u0000\u0000']])('takes over a %s lock file', async (_label, content) => {
    await writeFile(path.join(dir, '.lock'), content);
    lock();
    expect(Number(await readFile(path.join(dir, '.lock'), 'utf8'))).toBe(process.pid);
  });

  it('takes over a stale lock naming our own pid that this process does not hold (pid reused after a reboot)', async () => {
    await writeFile(path.join(dir, '.lock'), String(process.pid));
    lock();
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });
});
