/**
 * Process-crash loop (../shared/reliability.md §2.6): a child process writes through the real store (the workload in
 * workload.ts: cases, documents, attachments, sessions typed with autosaves) and prints an ACK after each awaited
 * write; the parent SIGKILLs it 50–200 ms after its first acknowledged write once ready, scans what the crash left (unparseable JSON, stale temps),
 * reopens the store in-process (Workstation.open) and checks every acknowledged write. The data directory is kept
 * across cycles (acks accumulate, the next child resumes an open session) and replaced every `cyclesPerDir` cycles,
 * after a full scan and check.
 *
 * What a cycle costs, and why it stays flat: the child is bundled once with esbuild (tsx's own dependency) and run
 * with plain node, which makes it ready in ~0.15 s instead of ~0.35 s under `--import tsx`; and the per-cycle scan
 * and check cover only the case folders the child can have written to (those it acknowledged, announced with WORK,
 * or created) plus everything outside cases/, instead of re-parsing every file of a directory that grows by ~20 cases
 * a cycle (which made a cycle cost 0.7 s at the start of a directory and 1.5 s at its end). Every file is still
 * scanned and every acknowledged write still checked when the directory retires, and a random sample of earlier
 * cases is checked every cycle.
 *
 * Positive control (`mode: 'naive'`): the same loop against fs.writeFile in place must find torn files.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRng } from '../../tests/fixtures/cases';
import { type Ack, AckBook, caseOfKey, halfApplied, lostByKind, openStore, parseAck, parseWork, rawScan, verifyAcks } from './workload';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

export interface CrashLoopOptions {
  cycles: number;
  mode?: 'real' | 'naive';
  seed?: number;
  cyclesPerDir?: number;
  /** Earlier (not touched this cycle) cases re-checked per cycle; all are checked when a directory retires. */
  sample?: number;
  minKillMs?: number;
  maxKillMs?: number;
  /** Run the child under `--import tsx` instead of bundling it (slower start; for comparison). */
  noBundle?: boolean;
  log?: (line: string) => void;
}

export interface CrashLoopFigures {
  mode: 'real' | 'naive';
  cycles: number;
  acknowledged: number;
  acknowledgedByKind: Record<Ack['kind'], number>;
  persistedUnacknowledged: number;
  lost: number;
  /** Lost acknowledged writes by kind (setup, case, file, session, attachment). */
  lostByKind: Record<string, number>;
  lostExamples: string[];
  unparseableFiles: number;
  unparseableExamples: string[];
  /** Units of work found half applied when a directory retires (workload.ts halfApplied). */
  halfApplied: number;
  halfAppliedExamples: string[];
  /** Cycles after which at least one stale temp file was found before the store opened. */
  cyclesWithStaleTemps: number;
  staleTempsFound: number;
  staleTempsRemovedAtOpen: number;
  staleTempsRemainingAfterOpen: number;
  storeProblemsReported: number;
  /**
   * Writes the child saw fail (an error result or exception; never acknowledged, so not a loss, but a save the user
   * would have had to retry).
   */
  writeErrors: number;
  /** Failed writes by cause (ids, paths and numbers blanked out). */
  writeErrorsByCause: Record<string, number>;
  writeErrorExamples: string[];
  /** Cycles in which the child had printed READY before the kill (the others died during start-up). */
  cyclesKilledWhileWriting: number;
  /** Files looked at by the raw scans (after each kill, and the full scans when a directory retires). */
  filesScanned: number;
  /** Where the time went: child (spawn to exit), scan (raw scans), open, verify, close. */
  phaseMs: { child: number; scan: number; open: number; verify: number; close: number };
  ms: number;
}

interface ChildRun {
  acks: string[];
  works: string[];
  fails: string[];
  ready: boolean;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The child as plain JavaScript: one esbuild bundle per run (npm packages stay external, resolved from the repo's
 * node_modules, so the bundle is written under node_modules/.cache). Falls back to tsx when esbuild is missing.
 */
async function prepareChild(noBundle: boolean): Promise<{ argv: string[]; cleanup: () => Promise<void> }> {
  const source = path.join(here, 'crash-child.ts');
  const viaTsx = { argv: ['--import', 'tsx', source], cleanup: async () => undefined };
  if (noBundle) return viaTsx;
  try {
    const esbuild = await import('esbuild');
    const dir = path.join(repoRoot, 'node_modules', '.cache', 'reliability');
    await mkdir(dir, { recursive: true });
    const outfile = path.join(dir, `crash-child-${process.pid}-${Date.now()}.mjs`);
    await esbuild.build({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning', target: 'node20' });
    return { argv: [outfile], cleanup: () => rm(outfile, { force: true }) };
  } catch {
    return viaTsx;
  }
}

function runChild(argv: string[], dataDir: string, mode: 'real' | 'naive', seed: number, killAfter: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...argv, dataDir, mode, String(seed)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: ChildRun = { acks: [], works: [], fails: [], ready: false, stderr: '', exitCode: null, signal: null };
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    // A hard deadline in case READY never comes (a loaded CI machine may take a while to start tsx).
    const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'READY' && !run.ready) {
          run.ready = true;
        } else if (line.startsWith('ACK ')) {
          // The kill is timed from the first acknowledged write, so every cycle is killed while writing, however
          // slowly a loaded machine starts the workload.
          if (run.ready && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfter);
          run.acks.push(line);
        }
        else if (line.startsWith('WORK ')) run.works.push(line);
        else if (line.startsWith('FAIL ')) run.fails.push(line.slice(5));
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

/** `sessions:save INTERNAL (ENOENT rename sessions/*.tmp)` from a FAIL line: what failed, where, without ids. */
export function causeOf(line: string): string {
  const method = /^(\S+) failed: (\S+)/.exec(line);
  const errno = /\b(E[A-Z]+): [^,]*, (\w+) '([^']+)'/.exec(line);
  let where = '';
  if (errno) {
    const rel = errno[3]!.replace(/^.*[\\/]cases[\\/][^\\/]+[\\/]/, '');
    const area = /^(sessions|attachments|documents)[\\/]/.exec(rel)?.[1];
    const name = path.basename(rel);
    where = ` ${errno[2]} ${area ? `${area}/` : ''}${name.endsWith('.tmp') ? (area ? '*.tmp' : name.replace(/\.\d+-\d+\.tmp$/, '.*.tmp')) : name}`;
  }
  return `${method ? `${method[1]} ${method[2]}` : 'direct store call'}${errno ? ` (${errno[1]}${where})` : ''}`;
}

const listCases = async (dataDir: string) => new Set(await readdir(path.join(dataDir, 'cases')).catch(() => [] as string[]));

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
    acknowledgedByKind: { setup: 0, case: 0, file: 0, session: 0, attachment: 0 },
    persistedUnacknowledged: 0,
    lost: 0,
    lostByKind: {},
    lostExamples: [],
    unparseableFiles: 0,
    unparseableExamples: [],
    halfApplied: 0,
    halfAppliedExamples: [],
    cyclesWithStaleTemps: 0,
    staleTempsFound: 0,
    staleTempsRemovedAtOpen: 0,
    staleTempsRemainingAfterOpen: 0,
    storeProblemsReported: 0,
    writeErrors: 0,
    writeErrorsByCause: {},
    writeErrorExamples: [],
    cyclesKilledWhileWriting: 0,
    filesScanned: 0,
    phaseMs: { child: 0, scan: 0, open: 0, verify: 0, close: 0 },
    ms: 0,
  };
  const lose = (what: string[]) => {
    figures.lost += what.length;
    for (const [kind, n] of Object.entries(lostByKind(what))) figures.lostByKind[kind] = (figures.lostByKind[kind] ?? 0) + n;
    for (const w of what) if (figures.lostExamples.length < 10) figures.lostExamples.push(w);
  };
  const unparseable = (where: string, files: string[]) => {
    figures.unparseableFiles += files.length;
    for (const u of files) if (figures.unparseableExamples.length < 10) figures.unparseableExamples.push(`${where}: ${u}`);
  };
  const timed = async <T>(phase: keyof CrashLoopFigures['phaseMs'], f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      figures.phaseMs[phase] += performance.now() - t0;
    }
  };
  let dataDir = '';
  let book = new AckBook();

  /** Before a directory retires: every file scanned, every acknowledged write checked. */
  const fullCheck = async () => {
    if (mode !== 'real' || !dataDir) return;
    const scan = await timed('scan', () => rawScan(dataDir));
    figures.filesScanned += scan.filesScanned;
    unparseable('full scan', scan.unparseable);
    figures.staleTempsRemainingAfterOpen += scan.tempFiles; // the last cycle's open swept them
    const ws = await timed('open', () => openStore(dataDir));
    const v = await timed('verify', () => verifyAcks(ws, book));
    lose(v.lost);
    const half = await timed('verify', () => halfApplied(ws, dataDir));
    figures.halfApplied += half.length;
    figures.halfAppliedExamples.push(...half.slice(0, Math.max(0, 10 - figures.halfAppliedExamples.length)));
    figures.persistedUnacknowledged += v.unacknowledged;
    await timed('close', () => ws.close());
  };

  const child = await prepareChild(opts.noBundle ?? false);
  try {
    for (let cycle = 0; cycle < opts.cycles; cycle++) {
      if (cycle % cyclesPerDir === 0) {
        await fullCheck();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
        dataDir = await mkdtemp(path.join(os.tmpdir(), `reliability-crash-${mode}-`));
        book = new AckBook();
      }
      const foldersBefore = await listCases(dataDir);
      const run = await timed('child', () => runChild(child.argv, dataDir, mode, rng.int(1, 2 ** 31), rng.int(minKill, maxKill)));
      if (run.signal !== 'SIGKILL') throw new Error(`child ended without being killed (code ${run.exitCode}): ${run.stderr.slice(-2000)}`);
      figures.cycles += 1;
      if (run.ready) figures.cyclesKilledWhileWriting += 1;
      // The case folders this child can have written to: announced, acknowledged, or new.
      const touched = new Set<string>();
      for (const line of run.works) touched.add(parseWork(line)!);
      for (const line of run.acks) {
        const ack = parseAck(line);
        if (!ack) continue;
        book.add(ack);
        figures.acknowledgedByKind[ack.kind] += 1;
        if (ack.kind !== 'setup') touched.add(caseOfKey(ack.id));
      }
      for (const id of await listCases(dataDir)) if (!foldersBefore.has(id)) touched.add(id);
      figures.acknowledged += run.acks.length;
      figures.writeErrors += run.fails.length;
      for (const f of run.fails) {
        if (figures.writeErrorExamples.length < 10) figures.writeErrorExamples.push(`cycle ${cycle}: ${f}`);
        const cause = causeOf(f);
        figures.writeErrorsByCause[cause] = (figures.writeErrorsByCause[cause] ?? 0) + 1;
      }

      const before = await timed('scan', () => rawScan(dataDir, mode === 'real' ? touched : undefined));
      figures.filesScanned += before.filesScanned;
      unparseable(`cycle ${cycle}`, before.unparseable);
      figures.staleTempsFound += before.tempFiles;
      if (before.tempFiles > 0) figures.cyclesWithStaleTemps += 1;

      if (mode === 'naive') {
        // The positive control has no store to reopen: check the acknowledged revisions in the files themselves.
        for (const [id, revision] of book.cases) {
          try {
            const record = JSON.parse(await readFile(path.join(dataDir, 'cases', id, 'case.json'), 'utf8')) as { revision: number };
            if (record.revision < revision) lose([`cycle ${cycle}: case ${id} revision ${record.revision} < acked ${revision}`]);
          } catch (error) {
            lose([`cycle ${cycle}: case ${id} (acked ${revision}): ${(error as Error).message.slice(0, 80)}`]);
            book.cases.delete(id);
          }
        }
      } else {
        const ws = await timed('open', async () => {
          const opened = await openStore(dataDir);
          await opened.cases.idle(); // the background sweep of stale temps after start-up
          return opened;
        });
        const after = await timed('scan', () => rawScan(dataDir, touched));
        figures.staleTempsRemainingAfterOpen += after.tempFiles;
        figures.staleTempsRemovedAtOpen += Math.max(0, before.tempFiles - after.tempFiles);
        const v = await timed('verify', () => verifyAcks(ws, book, { mustCheck: touched, sample: opts.sample ?? 20, rng }));
        lose(v.lost.map((l) => `cycle ${cycle}: ${l}`));
        figures.persistedUnacknowledged += v.unacknowledged;
        figures.storeProblemsReported += v.problems;
        await timed('close', () => ws.close());
      }
      if (opts.log && (cycle + 1) % 50 === 0) opts.log(`crash ${mode}: ${cycle + 1}/${opts.cycles} cycles, ${figures.acknowledged} acks, ${figures.lost} lost, ${figures.unparseableFiles} unparseable, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    await fullCheck();
  } finally {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await child.cleanup();
  }
  for (const k of Object.keys(figures.phaseMs) as (keyof CrashLoopFigures['phaseMs'])[]) figures.phaseMs[k] = Math.round(figures.phaseMs[k]);
  figures.ms = Date.now() - started;
  return figures;
}
