/**
 * Backups killed (SIGKILL) at random moments (issue 15). Each cycle changes the data folder a little through the real
 * store, notes every case as acknowledged (its whole bundle: record, sessions, agreement, files, trail), starts a
 * backup in a child process, and kills it somewhere between its start and a little after the time a whole run took;
 * then every generation written before must still be complete and whole (HMAC, every object's SHA-256), and the killed
 * one must be either complete (it finished first) or recognised as incomplete. After each cycle (every
 * `restoreEvery`-th) the last complete generation is restored as a real restore does it (restoreBackup: 数据核验
 * included), opened, and every case compared with what was acknowledged before that generation started: no writes run
 * during a backup here, so each must be there and identical (0 records lost relative to the last completed backup).
 * At the end a random earlier generation is restored too.
 *
 * The CI test runs 20 cycles (tests/main/reliability/backup-kills.test.ts); npm run reliability runs 500 (short: 20).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { inParallel } from '../../electron/main/backup/concurrency';
import { listGenerations } from '../../electron/main/backup/generations';
import type { ManifestFile } from '../../electron/main/backup/manifest';
import { ObjectStore } from '../../electron/main/backup/object-store';
import { openGeneration, verifyObjects } from '../../electron/main/backup/open-generation';
import { restoreBackup } from '../../electron/main/backup/restore';
import { fixedClock } from '../../electron/main/services/clock';
import type { Workstation } from '../../electron/main/services/workstation';
import type { CaseBundle } from '../../electron/main/storage/case-bundle';
import { sha256Hex } from '../../electron/main/storage/sha256';
import { FIXTURE_NOW, seededRng } from '../../tests/fixtures/cases';
import { makeTempDir, removeDir } from '../../tests/fixtures/workstation';
import { allBundles, openRestored, seededWorkstation } from '../../tests/main/backup/fixture';
import { runWorkload } from './workload';

export interface BackupKillOptions {
  cycles: number;
  seed?: number;
  /** Restore the last complete generation after every n-th cycle (default 1: after each); the last cycle always. */
  restoreEvery?: number;
  log?: (line: string) => void;
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
  /** Restores of the last complete generation compared case by case with what was acknowledged before it started. */
  restoresCompared: number;
  /** Cases acknowledged before the last complete generation started, summed over those restores. */
  casesCompared: number;
  /** Of those, cases missing from the restore or not identical to what was acknowledged (must be 0). */
  recordsLost: number;
  ms: number;
  failures: string[];
}

/** A case's bundle reduced to one hash (the files by their SHA-256): equal exactly when the bundles are equal. */
function bundleDigest(bundle: CaseBundle): string {
  return sha256Hex(Buffer.from(JSON.stringify({ ...bundle, files: bundle.files.map((f) => ({ area: f.area, name: f.name, sha256: sha256Hex(Buffer.from(f.data)) })) })));
}

async function acknowledged(ws: Workstation): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (const [id, bundle] of await allBundles(ws)) digests.set(id, bundleDigest(bundle));
  return digests;
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
  const started = performance.now();
  const figures: BackupKillFigures = {
    cycles: opts.cycles, killed: 0, finished: 0, incompleteSeen: 0, killedBeforeMarker: 0, generationChecks: 0, restored: 0,
    restoresCompared: 0, casesCompared: 0, recordsLost: 0, ms: 0, failures: [],
  };
  const restoreEvery = Math.max(1, opts.restoreEvery ?? 1);
  /** What was acknowledged before each complete generation started (no write runs during a backup in this loop). */
  const before = new Map<string, Map<string, string>>();
  let restores = 0;
  /** Restores a generation as the administrator would and compares every case with what was acknowledged before it. */
  const restoreAndCompare = async (generation: string, label: string): Promise<void> => {
    const to = path.join(root, `restored-${++restores}`);
    try {
      const report = await restoreBackup({ backup: target, to, generation, unlock: async () => dataKey, clock: fixedClock(FIXTURE_NOW) });
      if (report.problems.length > 0) {
        figures.failures.push(`${label}: restore of ${generation}: ${report.problems.map((p) => p.message).join('; ')}`);
        return;
      }
      figures.restored += 1;
      const expected = before.get(generation);
      if (!expected) return;
      const restored = await openRestored(to, dataKey);
      let got: Map<string, string>;
      try {
        got = await acknowledged(restored);
      } finally {
        await restored.close();
      }
      figures.restoresCompared += 1;
      figures.casesCompared += expected.size;
      for (const [id, digest] of expected) {
        if (got.get(id) === digest) continue;
        figures.recordsLost += 1;
        figures.failures.push(`${label}: case ${id} ${got.has(id) ? 'differs in' : 'is missing from'} the restore of ${generation}`);
      }
      for (const id of got.keys()) if (!expected.has(id)) figures.failures.push(`${label}: the restore of ${generation} holds case ${id}, never acknowledged before it`);
    } catch (error) {
      figures.failures.push(`${label}: restore of ${generation}: ${(error as Error).message}`);
    } finally {
      await removeDir(to);
    }
  };
  const root = await makeTempDir('backup-kill-');
  const dataDir = path.join(root, 'data');
  const target = path.join(root, 'target');
  const { ws, admin, dataKey } = await seededWorkstation(dataDir, { workloadOps: 10 });
  try {
    // A whole run first, to learn how long one takes on this machine.
    let snapshot = await acknowledged(ws);
    const whole = await runChild(dataDir, target, new Date(Date.parse(FIXTURE_NOW)).toISOString(), dataKey, null);
    if (!whole.done) throw new Error(`the first backup did not finish: ${whole.stderr.slice(0, 500)}`);
    let runMs = Math.max(whole.ms, 50);
    const complete = new Set((await listGenerations(target)).filter((g) => g.status === 'complete').map((g) => g.id));
    for (const id of complete) before.set(id, snapshot);
    for (let cycle = 1; cycle <= opts.cycles; cycle++) {
      await runWorkload(ws, rng, admin.id, () => undefined, { ops: 3, maxFileBytes: 16 * 1024 });
      snapshot = await acknowledged(ws);
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
        // Complete for the first time: made by this cycle's run, which started after the snapshot.
        if (!complete.has(g.id)) {
          before.set(g.id, snapshot);
          // A new generation is opened as a restore opens it (the unlock, the HMAC) and all its objects checked.
          try {
            const opened = await openGeneration(target, g.id, async () => dataKey);
            await verifyObjects(target, opened.manifest);
          } catch (error) {
            figures.failures.push(`cycle ${cycle}: generation ${g.id} does not verify: ${(error as Error).message}`);
          }
        }
        complete.add(g.id);
      }
      // Every earlier generation's manifest is authentic (listGenerations with the key) and every object any of them
      // names is still whole: each distinct object checked once (generations share most of theirs).
      const objects = new ObjectStore(target);
      const named = new Map<string, ManifestFile>();
      for (const g of generations) if (g.status === 'complete') for (const f of g.manifest.files) named.set(f.sha256, f);
      const bad = new Set<string>();
      await inParallel([...named.values()], async (f) => {
        const got = await objects.fetch(f);
        if ('fault' in got) bad.add(f.sha256);
      });
      for (const g of generations) {
        if (g.status !== 'complete') continue;
        const broken = g.manifest.files.find((f) => bad.has(f.sha256));
        if (broken) figures.failures.push(`cycle ${cycle}: generation ${g.id} lost ${broken.path}`);
        else figures.generationChecks += 1;
      }
      if (cycle % restoreEvery === 0 || cycle === opts.cycles) {
        const last = [...complete].sort().at(-1)!;
        await restoreAndCompare(last, `cycle ${cycle}`);
      }
      if (cycle % 50 === 0) opts.log?.(`backup kills: ${cycle}/${opts.cycles}, ${figures.killed} killed, ${figures.restoresCompared} restores compared, ${figures.failures.length} failures`);
    }
    const ids = [...complete].sort();
    await restoreAndCompare(ids[Math.floor(rng.next() * ids.length)]!, 'at the end');
  } finally {
    figures.ms = Math.round(performance.now() - started);
    await ws.close();
    await removeDir(root);
  }
  return figures;
}
