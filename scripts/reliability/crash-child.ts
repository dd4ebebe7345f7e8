/**
 * Child of the process-crash loop (crash-loop.ts): `tsx crash-child.ts <dataDir> <real|naive> <seed>` (the loop runs
 * it bundled, see crash-loop.ts). Prints READY once the store is open, then `ACK …` after each awaited write (and
 * `WORK <caseId>` before the first write to an earlier case), until it is SIGKILLed.
 *
 * `real`: the real store through the workload in workload.ts (registrations, updates, documents, attachments, and
 * sessions typed with an autosave every few words; an open session left by the previous child is resumed).
 * `naive`: the positive control, fs.writeFile straight over cases/<id>/case.json (no temp, no rename, no fsync).
 */
import { writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRng } from '../../tests/fixtures/cases';
import { formatAck, formatWork, openStore, runWorkload, setUpOrSignIn } from './workload';

const [dataDir, mode, seedArg] = process.argv.slice(2);
if (!dataDir || (mode !== 'real' && mode !== 'naive')) throw new Error('usage: crash-child.ts <dataDir> <real|naive> <seed>');
const rng = seededRng(Number(seedArg ?? 1));
// Pipes are synchronous on POSIX, but write with fd 1 directly so the ACK is out before the next write starts.
const say = (line: string) => writeFileSync(1, `${line}\n`);

/** The cause of the last unexpected handler error (dispatch logs it and answers INTERNAL), for FAIL lines. */
let lastLogged = '';
const consoleError = console.error;
console.error = (...args: unknown[]) => {
  lastLogged = args.map((a) => (a instanceof Error ? `${(a as NodeJS.ErrnoException).code ?? a.name}: ${a.message}` : String(a))).join(' ');
  consoleError(...args);
};

async function real(): Promise<void> {
  const ws = await openStore(dataDir!);
  const actor = await setUpOrSignIn(ws, (a) => say(formatAck(a)));
  say('READY');
  await runWorkload(ws, rng, actor, (a) => say(formatAck(a)), {
    ops: Number.POSITIVE_INFINITY,
    resume: true,
    onWork: (id) => say(formatWork(id)),
    // A failed write (never acknowledged) is reported to the parent, which counts it; the mediator would retry.
    onError: (error) => {
      const cause = lastLogged ? ` [${lastLogged.split('\n')[0]!.slice(0, 600)}]` : '';
      lastLogged = '';
      say(`FAIL ${error.message.split('\n')[0]!.slice(0, 200)}${cause}`);
    },
  });
}

async function naive(): Promise<void> {
  // A handful of cases rewritten in place, each a ~4 MB JSON document (a case with a long history). The history is
  // serialised once, so the loop spends nearly all its time inside writeFile (the file truncated, then written in
  // chunks): a kill at a random moment almost always tears a file, on a fast disk or a slow one.
  const ids = Array.from({ length: 3 }, (_, i) => `naive-${i}`);
  for (const id of ids) await mkdir(path.join(dataDir!, 'cases', id), { recursive: true });
  const history = Buffer.from(JSON.stringify(Array.from({ length: 36_000 }, (_, i) => ({ i, note: `调解记录 ${i}：双方到场，陈述意见。` }))));
  say('READY');
  // Revisions keep growing across child runs (the data directory is reused), so an older file reads as a loss.
  for (let revision = Date.now() * 1000; ; revision++) {
    const id = rng.pick(ids);
    const record = Buffer.concat([Buffer.from(`{"id":${JSON.stringify(id)},"revision":${revision},"actions":`), history, Buffer.from('}')]);
    await writeFile(path.join(dataDir!, 'cases', id, 'case.json'), record);
    say(`ACK case ${id} ${revision}`);
  }
}

(mode === 'real' ? real() : naive()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
