/**
 * Start-up probe of the file store's index (issue #14, item 7): how long FileCaseStore.open takes at N cases and how
 * much heap the opened store holds, each open in a fresh process that does nothing else (the desks bench measures in
 * the process that generated the cases, whose leftovers inflate the heap).
 *
 * `npx tsx scripts/bench/index-probe.ts [--dir /tmp/mw-index-100k] [--cases 100000] [--runs 5] [--cpu-prof]`
 * (`--cpu-prof`: each open is profiled, to /tmp/mw-index-prof/open-<pid>.cpuprofile)
 *
 * The folder is generated once (sealed as the desk writes it; the records key is kept beside it in `<dir>.key`),
 * indexed and closed cleanly, then reused by later runs: delete it (and the key) when done. Each run is a child
 * `node --expose-gc` that opens the store, reports the open time (wall and the process's CPU time: on a shared
 * machine the CPU time is the steadier of the two), the phases (reading the sealed snapshot, decoding it, loading the
 * index), heapUsed after a full gc and the typed arrays' memory beside it (arrayBuffers: the snapshot's columns live
 * there, outside the V8 heap; the figure also counts file buffers not yet released), then runs a few list queries and
 * a related lookup (their time, each the first after start-up unless named _again, and afterwards the heap again) and
 * closes the store cleanly so that the next run starts the same way. The last line is the median of each figure.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CaseIndex } from '../../electron/main/storage/case-index';
import { type DurableFs, realFs } from '../../electron/main/storage/durable-fs';
import { FileCaseStore } from '../../electron/main/storage/file-case-store';
import { IndexFile } from '../../electron/main/storage/index-file';
import { sealedFs, sealerFor } from '../../electron/main/storage/sealed-fs';
import { Generator, flushPageCache } from './generate-cases';

const here = path.dirname(fileURLToPath(import.meta.url));

function args() {
  const o = { dir: '/tmp/mw-index-100k', cases: 100_000, runs: 5, child: false, cpuProf: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--dir') o.dir = argv[++i]!;
    else if (a === '--cases') o.cases = Number(argv[++i]);
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--child') o.child = true;
    else if (a === '--cpu-prof') o.cpuProf = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

const opts = args();
const keyFile = `${opts.dir}.key`;
/** Where --cpu-prof puts one profile of each open (open-<pid>.cpuprofile, for Chrome DevTools). */
const PROFILE_DIR = '/tmp/mw-index-prof';
const r1 = (x: number) => Math.round(x * 10) / 10;
const mb = () => r1(process.memoryUsage().heapUsed / 2 ** 20);
/** Typed arrays' memory (the snapshot's columns) is outside the V8 heap: reported beside it. */
const buffersMb = () => r1(process.memoryUsage().arrayBuffers / 2 ** 20);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

function storeFs(): DurableFs {
  return sealedFs(realFs, opts.dir, readFileSync(keyFile));
}

async function child(): Promise<void> {
  const phases: Record<string, number> = {};
  const time = <T extends object>(proto: T, name: keyof T & string, label: string) => {
    const orig = proto[name] as unknown as (...a: unknown[]) => unknown;
    (proto as Record<string, unknown>)[name] = function (this: unknown, ...a: unknown[]) {
      const t0 = performance.now();
      const out = orig.apply(this, a);
      if (out instanceof Promise) return out.finally(() => (phases[label] = r1(performance.now() - t0)));
      phases[label] = r1(performance.now() - t0);
      return out;
    };
  };
  time(IndexFile.prototype, 'load', 'index_file_load_ms');
  time(CaseIndex.prototype, 'load', 'case_index_load_ms');
  time(CaseIndex.prototype, 'loadSnapshot', 'case_index_load_snapshot_ms');
  const base = storeFs();
  const fs: DurableFs = {
    ...base,
    readFile: async (file) => {
      const t0 = performance.now();
      const out = await base.readFile(file);
      if (file.endsWith('snapshot.bin')) phases.snapshot_read_ms = r1(performance.now() - t0);
      return out;
    },
  };
  gc();
  const heapBefore = mb();
  // --cpu-prof: the open alone is profiled (the child's --cpu-prof would mix in module loading and the close).
  const session = opts.cpuProf ? new inspector.Session() : null;
  session?.connect();
  await session?.post('Profiler.enable');
  await session?.post('Profiler.start');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const store = await FileCaseStore.open({ dataDir: opts.dir, fs });
  const openMs = r1(performance.now() - t0);
  // CPU time of the process during the open: less at the mercy of other processes on a shared machine than wall time.
  const cpu = process.cpuUsage(cpu0);
  const openCpuMs = r1((cpu.user + cpu.system) / 1000);
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(path.join(PROFILE_DIR, `open-${process.pid}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
  gc();
  const heapOpen = mb();
  const buffersOpen = buffersMb();
  // What a first screen and a clerk do next: list pages, a filter, a text search, a related lookup.
  const q: Record<string, number> = {};
  const t = async (label: string, fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    q[label] = r1(performance.now() - s);
  };
  await t('list_first_ms', () => store.query({ limit: 50 }));
  await t('list_first_again_ms', () => store.query({ limit: 50 }));
  await t('filter_status_ms', () => store.query({ filter: { status: ['mediating'] }, limit: 50 }));
  await t('filter_status_again_ms', () => store.query({ filter: { status: ['closed', 'archived'] }, limit: 50 }));
  await t('filter_type_mediator_ms', () => store.query({ filter: { disputeType: '13', mediatorId: '5c9a7b3f-2d4e-4f6a-9b0c-1d2e3f4a5b6c' }, limit: 50 }));
  await t('text_ms', () => store.query({ filter: { text: '张' }, limit: 50 }));
  await t('text_again_ms', () => store.query({ filter: { text: '王' }, limit: 50 }));
  const one = (await store.query({ limit: 1 })).items[0]!;
  await t('related_first_ms', () => store.related([], one.applicants, one.id));
  await t('related_again_ms', () => store.related([], one.applicants, one.id));
  gc();
  const heapAfter = mb();
  await store.close();
  console.log(JSON.stringify({ open_ms: openMs, open_cpu_ms: openCpuMs, heap_before_mb: heapBefore, heap_open_mb: heapOpen, array_buffers_open_mb: buffersOpen, heap_after_queries_mb: heapAfter, ...phases, ...q }));
}

async function main(): Promise<void> {
  if (!existsSync(opts.dir)) {
    const key = randomBytes(32);
    writeFileSync(keyFile, key);
    process.stderr.write(`generating ${opts.cases} cases into ${opts.dir} …\n`);
    const staff = { adminId: '4b8f6a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b', adminName: '周海燕', mediators: [{ id: '5c9a7b3f-2d4e-4f6a-9b0c-1d2e3f4a5b6c', name: '王建国' }] };
    new Generator(path.join(opts.dir, 'cases'), staff, 'X', sealerFor(opts.dir, key)).topUp(opts.cases);
    flushPageCache();
    const t0 = performance.now();
    const store = await FileCaseStore.open({ dataDir: opts.dir, fs: storeFs() });
    await store.close();
    process.stderr.write(`indexed in ${r1(performance.now() - t0)} ms\n`);
  }
  const results: Record<string, number>[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const node = ['--expose-gc'];
    // tsx as a loader in the child itself (its cli would run the script in a grandchild, out of --cpu-prof's reach).
    const run = spawnSync(process.execPath, [...node, '--import', 'tsx', path.join(here, 'index-probe.ts'), '--child', '--dir', opts.dir, ...(opts.cpuProf ? ['--cpu-prof'] : [])], { encoding: 'utf8', cwd: path.resolve(here, '../..') });
    if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
    const line = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    results.push(line);
    process.stderr.write(`${JSON.stringify(line)}\n`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const out: Record<string, number> = {};
  for (const k of Object.keys(results[0]!)) out[k] = median(results.map((r) => r[k]!));
  console.log(`median of ${opts.runs}: ${JSON.stringify(out)}`);
}

if (opts.child) await child();
else await main();
