/**
 * One desk process of the multi-desk benchmark on PostgreSQL (spawned by run.ts). Opens the store as a desk does
 * (its own pool and listener, its own copy of the list in its folder): first without the copy, then with it, and
 * reports both start-up times; then waits for the common start and runs its share of the workload. Its report is
 * the last line of stdout, as JSON.
 */
import { performance } from 'node:perf_hooks';
import { realFs } from '../../../electron/main/storage/durable-fs';
import { PgCaseStore } from '../../../electron/main/storage/pg/pg-case-store';
import { sealedFs } from '../../../electron/main/storage/sealed-fs';
import { runDesk } from './workload';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} missing`);
  return value;
};

async function main(): Promise<void> {
  const connection = JSON.parse(env('MW_BENCH_PG')) as object;
  const recordsKey = Buffer.from(env('MW_BENCH_KEY'), 'hex');
  const desk = Number(env('MW_BENCH_DESK'));
  const folder = env('MW_BENCH_FOLDER');
  const cache = { dir: `${folder}/pg-cache`, fs: sealedFs(realFs, folder, recordsKey) };
  const open = async () => {
    const t0 = performance.now();
    const store = await PgCaseStore.open({ connection, recordsKey, cache });
    return { store, ms: performance.now() - t0 };
  };
  const cold = await open();
  await cold.store.close(); // writes the desk's copy of the list
  const warm = await open();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  const startAt = Number(env('MW_BENCH_START_AT'));
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
  const report = await runDesk(warm.store, desk, JSON.parse(env('MW_BENCH_HOT')) as string[], JSON.parse(env('MW_BENCH_NAMES')) as string[], Number(env('MW_BENCH_MS')), 2026);
  await warm.store.close();
  console.log(JSON.stringify({ ...report, startupColdMs: cold.ms, startupMs: warm.ms, heapMb }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
