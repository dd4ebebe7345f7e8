/**
 * Several desks at once, the file store and PostgreSQL side by side (issue #14):
 * `npm run bench:desks -- [--cases 100000] [--desks 5] [--minutes 10] [--store both|file|pg] [--json]`.
 *
 * Generates `--cases` cases once (the bulk generator of bench.ts, sealed as the store writes them), opens them with
 * the file store, and copies them into a throwaway local PostgreSQL 15 (tests/fixtures/postgres.ts; fsync is off only
 * while the copy runs, then on again with a checkpoint). Then the same mixed workload (workload.ts) runs for
 * `--minutes`: on the file store as `--desks` concurrent clients of its one process (a single desk's folder is opened
 * by one process), on PostgreSQL as `--desks` processes, each a desk with its own pool and listener. Afterwards it
 * checks what a center relies on: no acknowledged update lost (each hot case's revision is its start revision plus
 * the updates the desks were told succeeded), no case number issued twice or skipped, every conflict reported to the
 * desk that lost the race. Reports start-up, heap and latencies (p95); with --json the last line is one JSON object.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { CaseStore } from '../../../electron/main/storage/case-store';
import { realFs } from '../../../electron/main/storage/durable-fs';
import { FileCaseStore } from '../../../electron/main/storage/file-case-store';
import { PgCaseStore } from '../../../electron/main/storage/pg/pg-case-store';
import { sealedFs, sealerFor } from '../../../electron/main/storage/sealed-fs';
import { seededRng } from '../../../tests/fixtures/cases';
import { startPostgres } from '../../../tests/fixtures/postgres';
import { Generator, flushPageCache } from '../generate-cases';
import { seedCases } from '../seed-pg';
import { type DeskReport, runDesk } from './workload';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

function args() {
  const o = { cases: 100_000, desks: 5, minutes: 10, store: 'both' as 'both' | 'file' | 'pg', json: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') o.json = true;
    else if (a === '--cases') o.cases = Number(argv[++i]!.replace(/k$/i, '000'));
    else if (a === '--desks') o.desks = Number(argv[++i]);
    else if (a === '--minutes') o.minutes = Number(argv[++i]);
    else if (a === '--store') o.store = argv[++i] as typeof o.store;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}
const opts = args();
const log = (s: string) => console.error(`[desks] ${s}`);
const p95 = (xs: number[]) => (xs.length === 0 ? 0 : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)]!);
const median = (xs: number[]) => (xs.length === 0 ? 0 : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
const r1 = (x: number) => Math.round(x * 10) / 10;

type Metrics = Record<string, number>;

/** What a center relies on after the run, from the store's own answers. */
async function check(store: CaseStore, reports: DeskReport[], startRevisions: Map<string, number>): Promise<Metrics> {
  let lost = 0;
  for (const [id, start] of startRevisions) {
    const told = reports.reduce((n, r) => n + (r.updated[id] ?? 0), 0);
    const now = (await store.get(id)).revision;
    if (now !== start + told) lost += Math.abs(start + told - now);
  }
  const { items } = await store.query({ order: 'oldest' });
  const listed = new Set(items.map((i) => i.id));
  const missing = reports.flatMap((r) => r.created).filter((c) => !listed.has(c.id)).length;
  const byYear = new Map<number, number[]>();
  for (const i of items) byYear.set(i.year, [...(byYear.get(i.year) ?? []), i.seq]);
  let duplicates = 0;
  let skipped = 0;
  for (const seqs of byYear.values()) {
    const unique = new Set(seqs);
    duplicates += seqs.length - unique.size;
    skipped += Math.max(...seqs) - unique.size;
  }
  return { lost_updates: lost, created_missing: missing, duplicate_numbers: duplicates, skipped_numbers: skipped };
}

function summarise(reports: DeskReport[], into: Metrics): void {
  const all = (k: keyof DeskReport['ms']) => reports.flatMap((r) => r.ms[k]);
  into.save_p95_ms = r1(p95([...all('update'), ...all('session')]));
  into.update_p95_ms = r1(p95(all('update')));
  into.session_save_p95_ms = r1(p95(all('session')));
  into.create_p95_ms = r1(p95(all('create')));
  into.list_p95_ms = r1(p95(all('list')));
  into.text_p95_ms = r1(p95(all('text')));
  into.related_p95_ms = r1(p95(all('related')));
  into.operations = reports.reduce((n, r) => n + Object.values(r.ms).reduce((m, xs) => m + xs.length, 0), 0);
  into.conflicts_reported = reports.reduce((n, r) => n + r.conflicts, 0);
  into.errors = reports.reduce((n, r) => n + r.errors.length, 0);
  for (const r of reports) for (const e of r.errors.slice(0, 3)) log(`desk ${r.desk} error: ${e}`);
}

async function pickWork(store: CaseStore): Promise<{ hot: string[]; names: string[]; start: Map<string, number> }> {
  const rng = seededRng(42);
  const { items } = await store.query({ filter: { status: ['accepted', 'mediating'] }, limit: 2000 });
  const hot = Array.from({ length: 50 }, () => rng.pick(items).id).filter((id, i, a) => a.indexOf(id) === i);
  const names = [...new Set(items.flatMap((i) => i.applicants))].slice(0, 300);
  const start = new Map<string, number>();
  for (const id of hot) start.set(id, (await store.get(id)).revision);
  return { hot, names, start };
}

/**
 * The file store's start-up and heap as a desk has them: each open in a fresh process that does nothing else
 * (scripts/bench/index-probe.ts --child; this process holds the generator's leftovers), median of 3. The heap is the
 * V8 heap plus the typed arrays beside it (the index's columns live there).
 */
function startupInFreshProcess(dataDir: string, recordsKey: Buffer): Metrics {
  writeFileSync(`${dataDir}.key`, recordsKey, { mode: 0o600 });
  const probe = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../index-probe.ts');
  const runs = Array.from({ length: 3 }, () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', probe, '--child', '--dir', dataDir], { encoding: 'utf8', cwd: path.resolve(path.dirname(probe), '../..') });
    if (run.status !== 0) throw new Error(`the start-up probe failed: ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
  });
  const median = (k: string) => [...runs.map((r) => r[k]!)].sort((a, b) => a - b)[1]!;
  return { startup_ms: median('open_ms'), startup_cpu_ms: median('open_cpu_ms'), heap_mb: r1(median('heap_open_mb') + median('array_buffers_open_mb')), heap_after_queries_mb: median('heap_after_queries_mb') };
}

async function main(): Promise<void> {
  const started = performance.now();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mw-desks-'));
  const recordsKey = randomBytes(32);
  const fs = sealedFs(realFs, dataDir, recordsKey);
  const ms = opts.minutes * 60_000;
  const out: Record<string, Metrics> = {};
  try {
    log(`generating ${opts.cases} cases …`);
    const staff = { adminId: '4b8f6a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b', adminName: '周海燕', mediators: [{ id: '5c9a7b3f-2d4e-4f6a-9b0c-1d2e3f4a5b6c', name: '王建国' }] };
    new Generator(path.join(dataDir, 'cases'), staff, 'X', sealerFor(dataDir, recordsKey)).topUp(opts.cases);
    flushPageCache();
    const indexing = await FileCaseStore.open({ dataDir, fs });
    await indexing.close();

    if (opts.store !== 'pg') {
      const m: Metrics = startupInFreshProcess(dataDir, recordsKey);
      const file = await FileCaseStore.open({ dataDir, fs });
      const work = await pickWork(file);
      log(`file store: ${opts.desks} desks (clients of one process) for ${opts.minutes} min …`);
      const reports = await Promise.all(Array.from({ length: opts.desks }, (_, d) => runDesk(file, d + 1, work.hot, work.names, ms, 2026)));
      summarise(reports, m);
      Object.assign(m, await check(file, reports, work.start));
      await file.close();
      out.file = m;
    }

    if (opts.store !== 'file') {
      const cluster = await startPostgres();
      try {
        const db = await cluster.createDatabase('bench_desks');
        const connection = cluster.config(db);
        log(`copying ${opts.cases} cases into PostgreSQL (fsync off while copying) …`);
        await cluster.sql('postgres', 'ALTER SYSTEM SET fsync = off');
        await cluster.sql('postgres', 'SELECT pg_reload_conf()');
        const source = await FileCaseStore.open({ dataDir, fs });
        const target = await PgCaseStore.open({ connection, recordsKey, poolSize: 8 });
        const copyMs = await seedCases(source, target, log);
        log(`copied in ${(copyMs / 1000).toFixed(0)} s`);
        await source.close();
        const work = await pickWork(target);
        await target.close();
        await cluster.sql('postgres', 'ALTER SYSTEM RESET fsync');
        await cluster.sql('postgres', 'SELECT pg_reload_conf()');
        await cluster.sql(db, 'CHECKPOINT');

        log(`PostgreSQL: ${opts.desks} desk processes for ${opts.minutes} min …`);
        const startAt = Date.now() + 60_000 + opts.cases / 5; // every desk opened twice before the common start
        const reports = await Promise.all(
          Array.from({ length: opts.desks }, async (_, d) => {
            const folder = await mkdtemp(path.join(os.tmpdir(), `mw-desk-${d + 1}-`));
            const env = {
              ...process.env,
              MW_BENCH_PG: JSON.stringify(connection),
              MW_BENCH_KEY: recordsKey.toString('hex'),
              MW_BENCH_DESK: String(d + 1),
              MW_BENCH_FOLDER: folder,
              MW_BENCH_HOT: JSON.stringify(work.hot),
              MW_BENCH_NAMES: JSON.stringify(work.names),
              MW_BENCH_MS: String(ms),
              MW_BENCH_START_AT: String(startAt),
            };
            const child = spawn(process.execPath, [tsxCli, 'scripts/bench/desks/pg-desk.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
            let stdout = '';
            child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
            const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
            await rm(folder, { recursive: true, force: true });
            if (code !== 0) throw new Error(`desk ${d + 1} exited with ${code}`);
            return JSON.parse(stdout.trim().split('\n').at(-1)!) as DeskReport & { startupColdMs: number; startupMs: number; heapMb: number };
          }),
        );
        const m: Metrics = {
          startup_ms: r1(median(reports.map((r) => r.startupMs))),
          startup_max_ms: r1(Math.max(...reports.map((r) => r.startupMs))),
          startup_without_copy_ms: r1(median(reports.map((r) => r.startupColdMs))),
          heap_mb: r1(median(reports.map((r) => r.heapMb))),
        };
        summarise(reports, m);
        const checker = await PgCaseStore.open({ connection, recordsKey });
        Object.assign(m, await check(checker, reports, work.start));
        await checker.close();
        out.pg = m;
      } finally {
        await cluster.destroy();
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.key`, { force: true });
  }

  const keys = [...new Set(Object.values(out).flatMap((m) => Object.keys(m)))];
  console.log(`\n${opts.desks} desks, ${opts.cases} cases, ${opts.minutes} min each\n`);
  console.log(`${'metric'.padEnd(26)}${Object.keys(out).map((s) => s.padStart(12)).join('')}`);
  for (const k of keys) console.log(`${k.padEnd(26)}${Object.values(out).map((m) => String(m[k] ?? '—').padStart(12)).join('')}`);
  const budgets: [string, boolean][] = [];
  for (const [name, m] of Object.entries(out)) {
    budgets.push(
      [`${name}: save p95 ${m.save_p95_ms} ms <= 10`, m.save_p95_ms! <= 10],
      [`${name}: list/filter p95 ${m.list_p95_ms} ms <= 30`, m.list_p95_ms! <= 30],
      [`${name}: related p95 ${m.related_p95_ms} ms <= 20`, m.related_p95_ms! <= 20],
      [`${name}: a desk's start-up ${m.startup_ms} ms <= 1000`, m.startup_ms! <= 1000],
      [`${name}: 0 lost updates, 0 duplicate or skipped numbers, created all listed`, m.lost_updates === 0 && m.duplicate_numbers === 0 && m.skipped_numbers === 0 && m.created_missing === 0],
    );
  }
  if (out.file) budgets.push([`file: heap ${out.file.heap_mb} MB <= 250`, out.file.heap_mb! <= 250], [`file: start-up ${out.file.startup_ms} ms <= 500`, out.file.startup_ms! <= 500]);
  console.log('\nBudgets');
  for (const [text, pass] of budgets) console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${text}`);
  if (opts.json) console.log(JSON.stringify({ desks: opts.desks, cases: opts.cases, minutes: opts.minutes, ...Object.fromEntries(Object.entries(out).flatMap(([s, m]) => Object.entries(m).map(([k, v]) => [`${s}_${k}`, v]))), budgets_pass: budgets.every(([, p]) => p), total_s: r1((performance.now() - started) / 1000) }));
  if (!budgets.every(([, p]) => p)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
