/**
 * A backup taken while desks keep working: every case is taken as one consistent set. Deterministically (a write in
 * flight is waited for, a change between the two looks is read again) and against another process writing through the
 * real store (registrations, updates, attachments and sessions as units of work): every generation restores with
 * 数据核验 clean and no unit of work half in it.
 */
import { spawn } from 'node:child_process';
import { appendFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderBackupSource } from '../../../electron/main/backup/folder-source';
import { readManifest } from '../../../electron/main/backup/manifest';
import { restoreBackup } from '../../../electron/main/backup/restore';
import { runBackup } from '../../../electron/main/backup/run-backup';
import { SourceBusyError, type SourceFile } from '../../../electron/main/backup/source';
import { fixedClock } from '../../../electron/main/services/clock';
import { halfApplied } from '../../../scripts/reliability/workload';
import { FIXTURE_NOW } from '../../fixtures/cases';
import { makeTempDir, removeDir } from '../../fixtures/workstation';
import { openRestored, seededWorkstation } from './fixture';

/** A file the source read (not reused: these reads get no previous generation). */
const bytesOf = (f: SourceFile): Buffer => ('data' in f ? f.data : Buffer.alloc(0));

let root: string;
beforeAll(async () => {
  root = await makeTempDir('backup-consistency-');
});
afterAll(async () => {
  await removeDir(root);
});

describe('one case read as one consistent set', () => {
  const caseId = '0b7a3f5e-2c1d-4e8f-9a6b-5c4d3e2f1a99';
  const make = async (name: string) => {
    const dir = path.join(root, name);
    await mkdir(path.join(dir, 'cases', caseId), { recursive: true });
    await writeFile(path.join(dir, 'cases', caseId, 'case.json'), 'revision 1');
    await writeFile(path.join(dir, 'cases', caseId, 'audit.jsonl'), 'entry 1\n');
    return dir;
  };
  const entry = { id: `case:${caseId}`, label: '案件' };

  it('a write in flight (its temp file there) is waited for, and the case taken after it', async () => {
    const dir = await make('in-flight');
    const caseDir = path.join(dir, 'cases', caseId);
    // The store's save: audit appended, the new case.json under a temp name, then renamed (in the "sleep").
    await appendFile(path.join(caseDir, 'audit.jsonl'), 'entry 2\n');
    await writeFile(path.join(caseDir, 'case.json.4242-1.tmp'), 'revision 2');
    let waits = 0;
    const source = new FolderBackupSource(dir, {
      sleep: async () => {
        waits += 1;
        if (waits === 2) {
          await import('node:fs/promises').then((fs) => fs.rename(path.join(caseDir, 'case.json'), path.join(caseDir, 'case.json.1')));
          await import('node:fs/promises').then((fs) => fs.rename(path.join(caseDir, 'case.json.4242-1.tmp'), path.join(caseDir, 'case.json')));
        }
      },
    });
    const files = await source.readEntry(entry);
    expect(waits).toBe(2);
    const text = Object.fromEntries(files!.map((f) => [f.path, bytesOf(f).toString('utf8')]));
    expect(text).toEqual({
      [`cases/${caseId}/audit.jsonl`]: 'entry 1\nentry 2\n',
      [`cases/${caseId}/case.json`]: 'revision 2',
      [`cases/${caseId}/case.json.1`]: 'revision 1',
    });
  });

  it('a unit of work written while the case is read: read again, with the unit', async () => {
    const dir = await make('unit');
    const source = new FolderBackupSource(dir, { sleep: async () => undefined });
    const unitFile = path.join(dir, 'units', `${caseId}.json`);
    // After the first read and before the second look, the store writes a unit and appends its audit entry.
    let reads = 0;
    const realRead = source['readAll'].bind(source);
    source['readAll'] = async (scan, reused) => {
      const files = await realRead(scan, reused);
      if (++reads === 1) {
        await mkdir(path.dirname(unitFile), { recursive: true });
        await writeFile(unitFile, 'the unit, sealed');
        await appendFile(path.join(dir, 'cases', caseId, 'audit.jsonl'), 'entry 2 (of the unit)\n');
      }
      return files;
    };
    const files = (await source.readEntry(entry))!;
    expect(reads).toBe(2);
    expect(files.map((f) => f.path)).toContain(`units/${caseId}.json`);
    expect(bytesOf(files.find((f) => f.path.endsWith('audit.jsonl'))!).toString()).toContain('entry 2');
  });

  it('a case that never stops changing is reported busy, not taken half', async () => {
    const dir = await make('busy');
    let n = 0;
    const source = new FolderBackupSource(dir, { attempts: 4, sleep: async () => void (await appendFile(path.join(dir, 'cases', caseId, 'audit.jsonl'), `entry ${++n}\n`)) });
    // Every look finds the trail grown since the one before.
    const realRead = source['readAll'].bind(source);
    source['readAll'] = async (scan, reused) => {
      const files = await realRead(scan, reused);
      await appendFile(path.join(dir, 'cases', caseId, 'audit.jsonl'), 'more\n');
      return files;
    };
    await expect(source.readEntry(entry)).rejects.toBeInstanceOf(SourceBusyError);
    await expect(source.readEntry(entry)).rejects.toThrow('一直在被写入');
  });
});

describe('backups while another process writes through the real store', () => {
  it('every generation restores with 数据核验 clean and no unit of work half applied', async () => {
    const dataDir = path.join(root, 'data');
    const target = path.join(root, 'target');
    const seeded = await seededWorkstation(dataDir, { workloadOps: 10 });
    const dataKey = seeded.dataKey;
    await seeded.ws.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/reliability/crash-child.ts', dataDir, 'real', '77'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acks = 0;
    let stderr = '';
    const ready = new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        acks += (chunk.match(/^ACK /gm) ?? []).length;
        if (acks >= 3) resolve();
      });
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    const generations: string[] = [];
    let withPendingUnit = 0;
    try {
      await ready;
      for (let day = 1; day <= 6; day++) {
        // The child writes without a pause (a desk autosaves every few seconds): a case may need more tries to be caught
        // between two writes on a loaded runner.
        const result = await runBackup({ source: new FolderBackupSource(dataDir, { attempts: 60 }), target, dataKey, clock: fixedClock(new Date(Date.parse(FIXTURE_NOW) + day * 86_400_000).toISOString()) });
        expect(result.ok, result.reason ?? '').toBe(true);
        generations.push(result.generation!);
        if ((await readManifest(target, result.generation!)).files.some((f) => f.path.startsWith('units/'))) withPendingUnit += 1;
      }
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const acksDuring = acks;
    expect(acksDuring, stderr).toBeGreaterThan(10);
    for (const generation of generations) {
      const to = path.join(root, `restored-${generation}`);
      const report = await restoreBackup({ backup: target, to, generation, unlock: async () => dataKey, clock: fixedClock(FIXTURE_NOW) });
      expect(report.problems, generation).toEqual([]);
      const ws = await openRestored(to, dataKey);
      try {
        expect(await halfApplied(ws, to), generation).toEqual([]);
      } finally {
        await ws.close();
      }
      await rm(to, { recursive: true, force: true });
    }
    console.log(JSON.stringify({ backupsWhileWriting: { generations: generations.length, acksDuring, withPendingUnit, leftInTarget: (await readdir(target)).sort() } }));
  }, 300_000);
});
