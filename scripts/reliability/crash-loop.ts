/**
 * Process-crash loop (../shared/reliability.md §2.6): a child process writes through the real store and prints an
 * ACK after each awaited write; the parent SIGKILLs it 50–200 ms after it is ready, scans the data directory as the
 * crash left it (unparseable JSON, stale temps), reopens the store in-process (Workstation.open) and checks every
 * acknowledged write. The data directory is kept across cycles (acks accumulate) and replaced every
 * `cyclesPerDir` cycles, after a full check, so that the folder walk stays cheap.
 *
 * Positive control (`mode: 'naive'`): the same loop against fs.writeFile in place must find torn files.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRng } from '../../tests/fixtures/cases';
import { AckBook, openStore, parseAck, rawScan, verifyAcks } from './workload';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

export interface CrashLoopOptions {
  cycles: number;
  mode?: 'real' | 'naive';
  seed?: number;
  cyclesPerDir?: number;
  /** Earlier (not touched this cycle) cases/files re-checked per cycle; all are checked when a directory retires. */
  sample?: number;
  minKillMs?: number;
  maxKillMs?: number;
  log?: (line: string) => void;
}

export interface CrashLoopFigures {
  mode: 'real' | 'naive';
  cycles: number;
  acknowledged: number;
  persistedUnacknowledged: number;
  lost: number;
  lostExamples: string[];
  unparseableFiles: number;
  unparseableExamples: string[];
  /** Cycles after which at least one stale temp file was found before the store opened. */
  cyclesWithStaleTemps: number;
  staleTempsFound: number;
  staleTempsRemovedAtOpen: number;
  staleTempsRemainingAfterOpen: number;
  storeProblemsReported: number;
  /** Cycles in which the child had printed READY before the kill (the others died during start-up). */
  cyclesKilledWhileWriting: number;
  ms: number;
}

interface ChildRun {
  acks: string[];
  ready: boolean;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

function runChild(dataDir: string, mode: 'real' | 'naive', seed: number, killAfter: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), dataDir, mode, String(seed)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: ChildRun = { acks: [], ready: false, stderr: '', exitCode: null, signal: null };
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    // Start-up (tsx compile, open) takes ~0.5 s: a hard deadline in case READY never comes.
    const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'READY' && !run.ready) {
          run.ready = true;
          timer = setTimeout(() => child.kill('SIGKILL'), killAfter);
        } else if (line.startsWith('ACK ')) run.acks.push(line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(deadline);
      // An incomplete last line is not an acknowledgement.
      run.exitCode = code;
      run.signal = signal;
      resolve(run);
    });
  });
}

export async function runCrashLoop(opts: CrashLoopOptions): Promise<CrashLoopFigures> {
  const mode = opts.mode ?? 'real';
  const rng = seededRng(opts.seed ?? 20260501);
  const cyclesPerDir = opts.cyclesPerDir ?? 100;
  const minKill = opts.minKillMs ?? 50;
  const maxKill = opts.maxKillMs ?? 200;
  const started = Date.now();
  const figures: CrashLoopFigures = {
    mode,
    cycles: 0,
    acknowledged: 0,
    persistedUnacknowledged: 0,
    lost: 0,
    lostExamples: [],
    unparseableFiles: 0,
    unparseableExamples: [],
    cyclesWithStaleTemps: 0,
    staleTempsFound: 0,
    staleTempsRemovedAtOpen: 0,
    staleTempsRemainingAfterOpen: 0,
    storeProblemsReported: 0,
    cyclesKilledWhileWriting: 0,
    ms: 0,
  };
  const lose = (what: string[]) => {
    figures.lost += what.length;
    for (const w of what) if (figures.lostExamples.length < 10) figures.lostExamples.push(w);
  };
  let dataDir = '';
  let book = new AckBook();

  const fullCheck = async () => {
    if (mode !== 'real' || !dataDir) return;
    const ws = await openStore(dataDir);
    const v = await verifyAcks(ws, book);
    lose(v.lost);
    figures.persistedUnacknowledged += v.unacknowledged;
    await ws.close();
  };

  try {
    for (let cycle = 0; cycle < opts.cycles; cycle++) {
      if (cycle % cyclesPerDir === 0) {
        await fullCheck();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
        dataDir = await mkdtemp(path.join(os.tmpdir(), `reliability-crash-${mode}-`));
        book = new AckBook();
      }
      const run = await runChild(dataDir, mode, rng.int(1, 2 ** 31), rng.int(minKill, maxKill));
      if (run.signal !== 'SIGKILL') throw new Error(`child ended without being killed (code ${run.exitCode}): ${run.stderr.slice(-2000)}`);
      figures.cycles += 1;
      if (run.ready) figures.cyclesKilledWhileWriting += 1;
      const touched = new Set<string>();
      for (const line of run.acks) {
        const ack = parseAck(line);
        if (!ack) continue;
        book.add(ack);
        touched.add(ack.id);
      }
      figures.acknowledged += run.acks.length;

      const before = await rawScan(dataDir);
      figures.unparseableFiles += before.unparseable.length;
      for (const u of before.unparseable) if (figures.unparseableExamples.length < 10) figures.unparseableExamples.push(`cycle ${cycle}: ${u}`);
      figures.staleTempsFound += before.tempFiles;
      if (before.tempFiles > 0) figures.cyclesWithStaleTemps += 1;

      if (mode === 'naive') {
        // The positive control has no store to reopen: check the acknowledged revisions in the files themselves.
        for (const [id, revision] of book.cases) {
          try {
            const record = JSON.parse(await readFile(path.join(dataDir, 'cases', id, 'case.json'), 'utf8')) as { revision: number };
            if (record.revision < revision) lose([`cycle ${cycle}: ${id} revision ${record.revision} < acked ${revision}`]);
          } catch (error) {
            lose([`cycle ${cycle}: ${id} (acked ${revision}): ${(error as Error).message.slice(0, 80)}`]);
            book.cases.delete(id);
          }
        }
      } else {
        const ws = await openStore(dataDir);
        await ws.cases.idle(); // the background sweep of stale temps after start-up
        const after = await rawScan(dataDir);
        figures.staleTempsRemainingAfterOpen += after.tempFiles;
        figures.staleTempsRemovedAtOpen += Math.max(0, before.tempFiles - after.tempFiles);
        const v = await verifyAcks(ws, book, { mustCheck: touched, sample: opts.sample ?? 20, rng });
        lose(v.lost.map((l) => `cycle ${cycle}: ${l}`));
        figures.persistedUnacknowledged += v.unacknowledged;
        figures.storeProblemsReported += v.problems;
        await ws.close();
      }
      if (opts.log && (cycle + 1) % 50 === 0) opts.log(`crash ${mode}: ${cycle + 1}/${opts.cycles} cycles, ${figures.acknowledged} acks, ${figures.lost} lost, ${figures.unparseableFiles} unparseable`);
    }
    await fullCheck();
  } finally {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
  figures.ms = Date.now() - started;
  return figures;
}
