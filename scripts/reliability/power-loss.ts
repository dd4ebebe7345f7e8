/**
 * Simulated power loss (../shared/reliability.md §2.6), CI-runnable: the real store runs over SimFs (sim-fs.ts; the
 * model is described there); at a random cut point the simulated machine loses power, the surviving state is written
 * to a real temp directory, and the real store is reopened from it on the real file system. Every acknowledged write
 * (setup, case revisions, documents, attachments, session records as typed) must be there and every JSON file must
 * parse.
 *
 * Negative control (`dropSyncs`): the same store with fsync turned into a no-op (a steno-style temp + rename writer)
 * must lose acknowledged writes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seededRng } from '../../tests/fixtures/cases';
import { PowerCutError, SimFs, materialise } from './sim-fs';
import { type Ack, AckBook, lostByKind, openStore, rawScan, runWorkload, setUpOrSignIn, verifyAcks } from './workload';

const SIM_ROOT = path.resolve('/simulated-power-cut/data');

export interface PowerLossOptions {
  cuts: number;
  seed?: number;
  /** Writes per trial after setup (creates, updates, documents, attachments, session steps). */
  opsPerTrial?: number;
  dropSyncs?: boolean;
  /** Tear unsynced files at 4 KB pages (see sim-fs.ts); default true. */
  tear?: boolean;
  log?: (line: string) => void;
}

export interface PowerLossFigures {
  dropSyncs: boolean;
  cuts: number;
  acknowledged: number;
  acknowledgedByKind: Record<Ack['kind'], number>;
  lost: number;
  /** Lost acknowledged writes by kind (setup, case, file, session, attachment). */
  lostByKind: Record<string, number>;
  /** Cuts after which at least one acknowledged write was missing. */
  cutsWithLoss: number;
  lostExamples: string[];
  unparseableFiles: number;
  unparseableExamples: string[];
  staleTempsFound: number;
  staleTempsRemainingAfterOpen: number;
  storeProblemsReported: number;
  reopenFailures: number;
  reopenFailureExamples: string[];
  /** Simulated fs operations in one full trial (the cut points are drawn from 1..this). */
  opsPerFullTrial: number;
  ms: number;
}

/** Runs the workload over a SimFs until the cut (or the end); returns the acknowledgements and the image. */
async function trial(seed: number, ops: number, cutAfter: number | undefined, dropSyncs: boolean, tear: boolean) {
  const rng = seededRng(seed);
  const sim = new SimFs({ root: SIM_ROOT, cutAfter, dropSyncs, tear, rng: seededRng(seed ^ 0x5bd1e995) });
  const book = new AckBook();
  // dispatch logs the power cut as an unexpected handler error: keep the output readable.
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    if (!sim.cut) consoleError(...args);
  };
  try {
    const ws = await openStore(SIM_ROOT, sim);
    const actor = await setUpOrSignIn(ws, (a) => book.add(a));
    // Sessions of 3 statements, so that a trial also closes one and schedules the next.
    await runWorkload(ws, rng, actor, (a) => book.add(a), { ops, maxFileBytes: 20_000, statementsPerSession: 3 });
  } catch (error) {
    if (!(error instanceof PowerCutError) && !sim.cut) throw error;
  } finally {
    console.error = consoleError;
  }
  // A workload that finished before the cut point loses power right after its last acknowledgement.
  return { book, image: sim.image ?? sim.powerCutImage(), ops: sim.ops };
}

export async function runPowerLoss(opts: PowerLossOptions): Promise<PowerLossFigures> {
  const started = Date.now();
  const rng = seededRng(opts.seed ?? 20260502);
  const ops = opts.opsPerTrial ?? 40;
  const dropSyncs = opts.dropSyncs ?? false;
  const tear = opts.tear ?? true;
  const calibration = await trial(1, ops, undefined, dropSyncs, tear);
  const figures: PowerLossFigures = {
    dropSyncs,
    cuts: 0,
    acknowledged: 0,
    acknowledgedByKind: { setup: 0, case: 0, file: 0, session: 0, attachment: 0 },
    lost: 0,
    lostByKind: {},
    cutsWithLoss: 0,
    lostExamples: [],
    unparseableFiles: 0,
    unparseableExamples: [],
    staleTempsFound: 0,
    staleTempsRemainingAfterOpen: 0,
    storeProblemsReported: 0,
    reopenFailures: 0,
    reopenFailureExamples: [],
    opsPerFullTrial: calibration.ops,
    ms: 0,
  };
  for (let i = 0; i < opts.cuts; i++) {
    // The same seed as the calibration run gives the same workload; the cut point sweeps it at random.
    const cutAfter = rng.int(1, calibration.ops + 2);
    const { book, image } = await trial(rng.int(1, 2 ** 31), ops, cutAfter, dropSyncs, tear);
    figures.cuts += 1;
    figures.acknowledged += book.count;
    for (const [kind, n] of Object.entries(book.byKind)) figures.acknowledgedByKind[kind as Ack['kind']] += n;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'reliability-power-'));
    try {
      await materialise(image, dir);
      const scan = await rawScan(dir);
      figures.unparseableFiles += scan.unparseable.length;
      for (const u of scan.unparseable) if (figures.unparseableExamples.length < 10) figures.unparseableExamples.push(`cut ${i} @${cutAfter}: ${u}`);
      figures.staleTempsFound += scan.tempFiles;
      let ws;
      try {
        ws = await openStore(dir);
      } catch (error) {
        figures.reopenFailures += 1;
        if (figures.reopenFailureExamples.length < 5) figures.reopenFailureExamples.push(`cut ${i} @${cutAfter}: ${(error as Error).message}`);
        continue;
      }
      figures.staleTempsRemainingAfterOpen += (await rawScan(dir)).tempFiles;
      const v = await verifyAcks(ws, book);
      figures.lost += v.lost.length;
      for (const [kind, n] of Object.entries(lostByKind(v.lost))) figures.lostByKind[kind] = (figures.lostByKind[kind] ?? 0) + n;
      if (v.lost.length > 0) figures.cutsWithLoss += 1;
      for (const l of v.lost) if (figures.lostExamples.length < 10) figures.lostExamples.push(`cut ${i} @${cutAfter}: ${l}`);
      figures.storeProblemsReported += v.problems;
      await ws.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    if (opts.log && (i + 1) % 100 === 0) opts.log(`power ${dropSyncs ? 'no-fsync' : 'real'}: ${i + 1}/${opts.cuts} cuts, ${figures.lost} lost, ${figures.unparseableFiles} unparseable`);
  }
  figures.ms = Date.now() - started;
  return figures;
}
