/**
 * Backups killed (SIGKILL) at random moments (issue 15). Each cycle changes the data folder a little through the real
 * store, starts a backup in a child process, and kills it somewhere between its start and a little after the time a
 * whole run took; then every generation written before must still be complete and whole (HMAC, every object's
 * SHA-256), and the killed one must be either complete (it finished first) or recognised as incomplete. At the end
 * the newest generation and a random earlier one are restored and checked with 数据核验.
 *
 * The CI test runs 20 cycles (tests/main/backup/kill.test.ts); `cycles` is a parameter for a long reliability run.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { listGenerations } from '../../electron/main/backup/generations';
import { openGeneration, verifyObjects } from '../../electron/main/backup/open-generation';
import { restoreBackup } from '../../electron/main/backup/restore';
import { fixedClock } from '../../electron/main/services/clock';
import { FIXTURE_NOW, seededRng } from '../../tests/fixtures/cases';
import { makeTempDir, removeDir } from '../../tests/fixtures/workstation';
import { seededWorkstation } from '../../tests/main/backup/fixture';
import { runWorkload } from './workload';

export interface BackupKillOptions {
  cycles: number;
  seed?: number;
}

export interface BackupKillFigures {
  cycles: number;
  /** Runs killed before they finished, and runs that finished before the kill came. */
  killed: number;
  finished: number;
  /** Killed runs found incomplete (their marker there, no manifest) and killed before they wrote anything. */
  incompleteSeen: number;
  killedBeforeMarker: number;
  /** Complete generations checked after each cycle (all of them, every cycle). */
  generationChecks: number;
  restored: number;
  failures: string[];
}

const DAY = 86_400_000;

function runChild(dataDir: string, target: string, at: string, key: Buffer, killAfter: number | null): Promise<{ ms: number; done: boolean; killed: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'backup-child.ts'), dataDir, target, at], {
      env: { ...process.env, MEDIATION_BACKUP_TEST_KEY: key.toString('hex') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let started = 0;
    let done = false;
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (chunk.includes('START') && !started) {
        started = performance.now();
        if (killAfter !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfter);
      }
      if (chunk.includes('DONE ')) done = true;
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ ms: started ? performance.now() - started : 0, done, killed: signal === 'SIGKILL', stderr });
    });
  });
}

export async function runBackupKillLoop(opts: BackupKillOptions): Promise<BackupKillFigures> {
  const rng = seededRng(opts.seed ?? 20261207);
  const figures: BackupKillFigures = { cycles: opts.cycles, killed: 0, finished: 0, incompleteSeen: 0, killedBeforeMarker: 0, generationChecks: 0, restored: 0, failures: [] };
  const root = await makeTempDir('backup-kill-');
  const dataDir = path.join(root, 'data');
  const target = path.join(root, 'target');
  const { ws, admin, dataKey } = await seededWorkstation(dataDir, { workloadOps: 10 });
  try {
    // A whole run first, to learn how long one takes on this machine.
    const whole = await runChild(dataDir, target, new Date(Date.parse(FIXTURE_NOW)).toISOString(), dataKey, null);
    if (!whole.done) throw new Error(`the first backup did not finish: ${whole.stderr.slice(0, 500)}`);
    let runMs = Math.max(whole.ms, 50);
    const complete = new Set((await listGenerations(target)).filter((g) => g.status === 'complete').map((g) => g.id));
    for (let cycle = 1; cycle <= opts.cycles; cycle++) {
      await runWorkload(ws, rng, admin.id, () => undefined, { ops: 3, maxFileBytes: 16 * 1024 });
      const at = new Date(Date.parse(FIXTURE_NOW) + cycle * DAY).toISOString();
      const killAfter = Math.floor(rng.next() * runMs * 1.2);
      const run = await runChild(dataDir, target, at, dataKey, killAfter);
      if (run.done) {
        figures.finished += 1;
        runMs = Math.max(runMs * 0.8 + run.ms * 0.2, 50);
      } else if (run.killed) figures.killed += 1;
      else figures.failures.push(`cycle ${cycle}: the child ended by itself without a result: ${run.stderr.slice(0, 300)}`);

      const generations = await listGenerations(target, dataKey);
      const mine = generations.filter((g) => g.id.startsWith(at.slice(0, 10).replaceAll('-', '')));
      if (run.killed && !run.done) {
        if (mine.length === 0) figures.killedBeforeMarker += 1;
        else if (mine.every((g) => g.status === 'incomplete')) figures.incompleteSeen += 1;
        else if (mine.some((g) => g.status === 'damaged')) figures.failures.push(`cycle ${cycle}: the killed run left a damaged generation`);
      }
      for (const id of complete) {
        if (!generations.some((g) => g.id === id && g.status === 'complete')) figures.failures.push(`cycle ${cycle}: generation ${id} is no longer complete`);
      }
      for (const g of generations) {
        if (g.status === 'damaged') figures.failures.push(`cycle ${cycle}: generation ${g.id} is damaged: ${g.reason}`);
        if (g.status !== 'complete') continue;
        complete.add(g.id);
        try {
          const opened = await openGeneration(target, g.id, async () => dataKey);
          await verifyObjects(target, opened.manifest);
          figures.generationChecks += 1;
        } catch (error) {
          figures.failures.push(`cycle ${cycle}: generation ${g.id} does not verify: ${(error as Error).message}`);
        }
      }
    }
    const ids = [...complete].sort();
    const toRestore = new Set([ids.at(-1)!, ids[Math.floor(rng.next() * ids.length)]!]);
    for (const generation of toRestore) {
      const to = path.join(root, `restored-${generation}`);
      try {
        const report = await restoreBackup({ backup: target, to, generation, unlock: async () => dataKey, clock: fixedClock(FIXTURE_NOW) });
        if (report.problems.length > 0) figures.failures.push(`restore of ${generation}: ${report.problems.map((p) => p.message).join('; ')}`);
        else figures.restored += 1;
      } catch (error) {
        figures.failures.push(`restore of ${generation}: ${(error as Error).message}`);
      }
    }
  } finally {
    await ws.close();
    await removeDir(root);
  }
  return figures;
}
