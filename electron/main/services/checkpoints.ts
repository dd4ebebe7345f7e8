/**
 * 数据完整性凭证: signed checkpoints of every audit chain (checkpoint-record.ts says what one holds), made after each
 * seal, daily at a sealer's sign-in and on request, one at a time, numbered 1, 2, 3 … in `<data dir>/checkpoints/`.
 *
 * Cheap when it can be: a checkpoint reads again only the chains written to since the previous one (the store keeps
 * their heads as it appends: CaseStore.appendedHeads), and checks each still holds the head the previous checkpoint
 * recorded. A full one reads every chain (30–50 s at 100k cases), in the background with progress: the first of each
 * China-time day, and the first since the app started (what was written before the start is not in that map).
 *
 * The certificate, with its key, is handed in by the caller, who got it from sealingCertificate() inside the request:
 * nothing here opens the center's certificate by itself. A full run keeps it until it has signed.
 */
import { CHECKPOINT_REASONS, type CheckpointReason, PRINTED_ROOT_MESSAGE, normalisePrintedRoot } from '../../shared/domain/checkpoint';
import { chinaDateOf } from '../../shared/format/dates';
import type { CheckpointComparison, CheckpointSummary, CheckpointsView } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import type { Staff } from '../../shared/domain';
import { CertificateError, type CenterCertificate, loadCenterCertificates } from '../signing';
import { GENESIS_HASH } from '../storage/audit-log';
import type { CaseStore, ChainHead } from '../storage/case-store';
import { KeyedMutex } from '../storage/keyed-mutex';
import { checkpointNumbers, readCheckpoint, writeCheckpoint } from './checkpoint-files';
import { CASE_TRAIL, type PinnedHead, WORKSTATION_TRAIL, advanceHead } from './checkpoint-heads';
import { CHECKPOINT_GENESIS, type Checkpoint, type CheckpointList, applyChanges, checkpointDigest, checkSignature, rootOf, signCheckpoint } from './checkpoint-record';
import { verifyCheckpoints } from './checkpoint-verify';
import type { IntegritySources } from './data-check';
import { certificatesDir } from '../signing/sealing-certificate';
import type { Workstation } from './workstation';

/** Chains read at once: reading is mostly waiting for the disk (as in 数据核验). */
const CONCURRENCY = 8;
/** How many checkpoints the list shows. */
const RECENT = 20;

type Problem = { caseNumber: string; message: string };

interface Book {
  /** The highest number on disk, readable or not: the next checkpoint takes the one after. */
  highest: number;
  /** The latest readable checkpoint, which the next one chains to. */
  last: Checkpoint | null;
  /** The whole list of case chain heads as of `last`. */
  list: CheckpointList;
  workstation: PinnedHead | null;
  summaries: Map<number, CheckpointSummary>;
  /** The store the latest checkpoint of this process was made with: until there is one, the next must be full. */
  madeWith: CaseStore | null;
  running: CheckpointsView['running'];
  lastRun: CheckpointsView['lastRun'];
}

const books = new WeakMap<Workstation, Promise<Book>>();
const locks = new KeyedMutex();

function summaryOf(record: Checkpoint, previousRoot: string | null): CheckpointSummary {
  const { number, at, reason, full, by, chainCount, root, certificateSha256 } = record;
  return { number, at, reason, full, by, chainCount, root, previousRoot, certificateSha256 };
}

/** Replays every checkpoint on disk once per process (thousands of small files); later checkpoints keep it current. */
async function load(ws: Workstation): Promise<Book> {
  const fs = ws.recordsFs;
  const numbers = await checkpointNumbers(fs, ws.opts.dataDir);
  const book: Book = { highest: numbers.at(-1) ?? 0, last: null, list: new Map(), workstation: null, summaries: new Map(), madeWith: null, running: null, lastRun: null };
  for (const number of numbers) {
    const read = await readCheckpoint(fs, ws.opts.dataDir, number);
    if (!read.ok) continue; // 数据核验 reports it; the next checkpoint chains to the latest readable one
    applyChanges(book.list, read.record);
    book.workstation = { ...read.record.workstation, number };
    book.summaries.set(number, summaryOf(read.record, book.summaries.get(number - 1)?.root ?? null));
    book.last = read.record;
  }
  return book;
}

function bookOf(ws: Workstation): Promise<Book> {
  let book = books.get(ws);
  if (!book) {
    book = load(ws);
    books.set(ws, book);
    book.catch(() => books.delete(ws));
  }
  return book;
}

function viewOf(book: Book): CheckpointsView {
  const checkpoints = [...book.summaries.values()].sort((a, b) => b.number - a.number).slice(0, RECENT);
  return { checkpoints, total: book.summaries.size, running: book.running, lastRun: book.lastRun };
}

export async function listCheckpoints(ws: Workstation): Promise<CheckpointsView> {
  return viewOf(await bookOf(ws));
}

/** Full when nothing this process wrote covers what came before, or this is the first of the China-time day. */
function mustBeFull(ws: Workstation, book: Book, store: CaseStore): boolean {
  return !book.last || book.madeWith !== store || chinaDateOf(book.last.at) !== ws.clock.today();
}

/** Runs `work` on each id, CONCURRENCY at a time, yielding to the event loop now and then so the desk keeps working. */
async function eachChain(ids: readonly string[], work: (id: string) => Promise<void>, onDone: (done: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length) {
      await work(ids[next++]!);
      done += 1;
      if (done % 50 === 0 || done === ids.length) {
        onDone(done);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** The chains whose head in the store's map differs from `list` (written to since), among the cases of the index. */
async function movedSince(store: CaseStore, list: ReadonlyMap<string, ChainHead>): Promise<string[]> {
  const ids: string[] = [];
  for (const [id, head] of store.appendedHeads()) {
    const known = list.get(id);
    if (known && known.seq === head.seq && known.hash === head.hash) continue;
    if (await store.summary(id)) ids.push(id); // a registration that failed took its folder back
  }
  return ids;
}

interface Made {
  record: Checkpoint;
  problems: Problem[];
}

/** Reads the chains that need it, decides each head, signs and stores the next checkpoint. Runs under the lock. */
async function make(ws: Workstation, book: Book, cert: CenterCertificate, actor: Pick<Staff, 'id' | 'name'>, reason: CheckpointReason, full: boolean): Promise<Made> {
  const store = ws.cases;
  const problems: Problem[] = [];
  const changed = new Map<string, { caseNumber: string } & ChainHead>();
  const numbers = new Map<string, string>();
  const now = (id: string) => changed.get(id) ?? book.list.get(id);
  const readChain = async (id: string) => {
    const caseNumber = numbers.get(id) ?? book.list.get(id)?.caseNumber ?? '';
    const decision = advanceHead(book.list.get(id), await store.audit(id), CASE_TRAIL);
    if (decision.problem) problems.push({ caseNumber, message: decision.problem });
    const known = now(id);
    if (decision.head && (!known || known.seq !== decision.head.seq || known.hash !== decision.head.hash)) changed.set(id, { caseNumber, ...decision.head });
  };
  const progress = (done: number, total: number) => {
    if (book.running) book.running = { ...book.running, done, total };
  };

  let ids: string[];
  if (full) {
    const { items } = await store.query({});
    for (const item of items) numbers.set(item.id, item.caseNumber);
    ids = items.map((i) => i.id);
    for (const [id, pinned] of book.list) {
      if (!numbers.has(id)) problems.push({ caseNumber: pinned.caseNumber, message: `案件文件夹缺失：数据完整性凭证第${pinned.number}号记录了该案件的办理记录` });
    }
  } else {
    ids = await movedSince(store, book.list);
    const unknown = new Set(ids.filter((id) => !book.list.has(id)));
    if (unknown.size > 0) for (const item of (await store.query({ filter: { ids: [...unknown] } })).items) numbers.set(item.id, item.caseNumber);
  }
  progress(0, ids.length);
  await eachChain(ids, readChain, (done) => progress(done, ids.length));
  // Chains written to while a full run read the others: read once more, like an incremental checkpoint would.
  if (full) {
    const overlay = new Map<string, ChainHead>(book.list);
    for (const [id, h] of changed) overlay.set(id, h);
    for (const id of await movedSince(store, overlay)) await readChain(id);
  }

  const trail = advanceHead(book.workstation ?? undefined, await ws.workstationTrail(), WORKSTATION_TRAIL);
  if (trail.problem) problems.push({ caseNumber: '', message: trail.problem });
  const workstation = trail.head ?? { seq: -1, hash: GENESIS_HASH };

  const number = book.highest + 1;
  const list: CheckpointList = new Map(book.list);
  applyChanges(list, { number, changed: [...changed].map(([caseId, h]) => ({ caseId, ...h })) });
  const record = signCheckpoint(
    {
      version: 1,
      number,
      at: ws.clock.now().toISOString(),
      reason,
      full,
      by: { id: actor.id, name: actor.name },
      chainCount: list.size,
      changed: [...changed].map(([caseId, h]) => ({ caseId, caseNumber: h.caseNumber, seq: h.seq, hash: h.hash })),
      workstation,
      previous: book.last ? checkpointDigest(book.last) : CHECKPOINT_GENESIS,
    },
    list,
    cert,
  );
  await writeCheckpoint(ws.recordsFs, ws.opts.dataDir, record);
  book.highest = number;
  book.last = record;
  book.list = list;
  book.workstation = { ...workstation, number };
  book.summaries.set(number, summaryOf(record, book.summaries.get(number - 1)?.root ?? null));
  book.madeWith = store;
  await ws.audit({
    actorId: actor.id,
    actorName: actor.name,
    action: 'integrity:checkpoint',
    detail: `签署数据完整性凭证第${number}号（${CHECKPOINT_REASONS[reason]}，${list.size}件案件，根值前16位 ${record.root.slice(0, 16)}）${problems.length ? `；发现${problems.length}个问题` : ''}`,
  });
  return { record, problems };
}

const failureMessage = (error: unknown) =>
  error instanceof CertificateError || error instanceof ApiFailure ? error.message : `签署数据完整性凭证失败：${((error as Error)?.message ?? String(error)).slice(0, 120)}`;

/**
 * Makes a checkpoint: at once when only the chains written to since the previous one need reading, else (a full one)
 * in the background, returning while it runs (the view's `running`). While a full one runs no other starts: it
 * reads the chains written to meanwhile before it signs.
 */
export async function startCheckpoint(ws: Workstation, cert: CenterCertificate, actor: Pick<Staff, 'id' | 'name'>, reason: CheckpointReason): Promise<CheckpointsView> {
  const book = await bookOf(ws);
  if (book.running) return viewOf(book);
  const store = ws.cases;
  const full = mustBeFull(ws, book, store);
  const run = async () => {
    try {
      const made = await locks.run(ws.opts.dataDir, () => make(ws, book, cert, actor, reason, full));
      book.lastRun = { number: made.record.number, at: made.record.at, problems: made.problems, error: null };
    } catch (error) {
      book.lastRun = { number: null, at: ws.clock.now().toISOString(), problems: [], error: failureMessage(error) };
      throw error;
    }
  };
  if (!full) {
    await run();
    return viewOf(book);
  }
  book.running = { reason, done: 0, total: 0 };
  ws.runInBackground(
    run()
      .catch((error: unknown) => console.error('a full integrity checkpoint failed', error))
      .finally(() => (book.running = null)),
  );
  return viewOf(book);
}

/** After a successful seal (agreements.ts), with the certificate the seal's request obtained. */
export function checkpointAfterSeal(ws: Workstation, cert: CenterCertificate, actor: Pick<Staff, 'id' | 'name'>): Promise<CheckpointsView> {
  return startCheckpoint(ws, cert, actor, 'seal');
}

/**
 * A checkpoint that could not even start (the certificate could not be had): logged, and said on 完整性凭证 as the
 * last run's failure, without failing the request that wanted it (a seal stays sealed).
 */
export async function checkpointFailed(ws: Workstation, error: unknown): Promise<void> {
  console.error('an integrity checkpoint was not made', error);
  const book = await bookOf(ws).catch(() => null);
  if (book) book.lastRun = { number: null, at: ws.clock.now().toISOString(), problems: [], error: failureMessage(error) };
}

/** Whether today's (China time) checkpoint is still to be made: none yet today, none running, the data unlocked. */
export async function dailyCheckpointDue(ws: Workstation): Promise<boolean> {
  if (!ws.unlocked) return false;
  const book = await bookOf(ws);
  return book.running === null && (!book.last || chinaDateOf(book.last.at) !== ws.clock.today());
}

/** Today's checkpoint (full: it reads every chain, in the background), for a sealer's sign-in. */
export function runDailyCheckpoint(ws: Workstation, cert: CenterCertificate, actor: Pick<Staff, 'id' | 'name'>): Promise<CheckpointsView> {
  return startCheckpoint(ws, cert, actor, 'daily');
}

/** The center's certificates' fingerprints (current and earlier): whose signatures on a checkpoint count. */
export async function centerFingerprints(ws: Workstation): Promise<{ fingerprints: Set<string>; problem: string | null }> {
  try {
    const { current, earlier } = await loadCenterCertificates(certificatesDir(ws), ws.centerFs);
    return { fingerprints: new Set([...(current ? [current.fingerprintSha256] : []), ...earlier.map((e) => e.fingerprintSha256)]), problem: null };
  } catch (error) {
    return { fingerprints: new Set(), problem: `中心签名证书无法读取，无法确认数据完整性凭证的签名：${failureMessage(error)}` };
  }
}

/** One stored checkpoint with its summary, or NOT_FOUND with why. */
export async function checkpointOf(ws: Workstation, number: number): Promise<{ record: Checkpoint; summary: CheckpointSummary }> {
  const book = await bookOf(ws);
  const read = await readCheckpoint(ws.recordsFs, ws.opts.dataDir, number);
  if (!read.ok) throw new ApiFailure('NOT_FOUND', read.problem === `数据完整性凭证第${number}号缺失` ? `没有第${number}号数据完整性凭证` : read.problem);
  return { record: read.record, summary: summaryOf(read.record, book.summaries.get(number - 1)?.root ?? null) };
}

/**
 * 核对纸质凭证: does the stored checkpoint of this number have the root typed from the paper, is its signature the
 * center's, and does its root agree with the chains it records (replayed from the first checkpoint)?
 */
export async function comparePrinted(ws: Workstation, number: number, printedRoot: string): Promise<CheckpointComparison> {
  const root = normalisePrintedRoot(printedRoot);
  if (!root) throw new ApiFailure('INVALID_INPUT', PRINTED_ROOT_MESSAGE, [{ code: 'INVALID_VALUE', path: ['root'], message: PRINTED_ROOT_MESSAGE }]);
  const fs = ws.recordsFs;
  const read = await readCheckpoint(fs, ws.opts.dataDir, number);
  if (!read.ok) {
    const problem = read.problem === `数据完整性凭证第${number}号缺失` ? `系统中没有第${number}号数据完整性凭证` : read.problem;
    return { number, checkpoint: null, problem, rootMatches: false, signature: null, consistent: null };
  }
  const record = read.record;
  const { fingerprints } = await centerFingerprints(ws);
  const list: CheckpointList = new Map();
  let previousRoot: string | null = null;
  let complete = true;
  for (let n = 1; n < number && complete; n++) {
    const earlier = await readCheckpoint(fs, ws.opts.dataDir, n);
    if (!earlier.ok) complete = false;
    else {
      applyChanges(list, earlier.record);
      if (n === number - 1) previousRoot = earlier.record.root;
    }
  }
  applyChanges(list, record);
  return {
    number,
    checkpoint: summaryOf(record, previousRoot),
    problem: null,
    rootMatches: record.root === root,
    signature: checkSignature(record, fingerprints),
    consistent: complete ? rootOf(number, record.previous, record.workstation, list) === record.root : null,
  };
}

/** What 数据核验 and `npm run verify` check the checkpoints with (data-check.ts). */
export function checkpointIntegrity(ws: Workstation): IntegritySources {
  return {
    checkpoints: async () => {
      const { fingerprints, problem } = await centerFingerprints(ws);
      const verified = await verifyCheckpoints(ws.recordsFs, ws.opts.dataDir, fingerprints);
      return problem && verified.count > 0 ? { ...verified, problems: [problem, ...verified.problems] } : verified;
    },
    workstationTrail: () => ws.workstationTrail(),
  };
}
