/**
 * PostgreSQL case store latency on a throwaway local cluster (tests/fixtures/postgres.ts, fsync and
 * synchronous_commit on): `npx tsx scripts/bench/pg-store.ts [--cases 2000] [--samples 200]`.
 *
 * Measures, through PgCaseStore itself: a registration, an update with its expected revision, a get, a session save
 * (the autosave), the same registrations from 3 desks at once, open (migrations checked, every summary opened) with
 * the database holding --cases cases, and refresh() of one other desk's change. Median and p95 in milliseconds.
 */
import { performance } from 'node:perf_hooks';
import { PgCaseStore } from '../../electron/main/storage/pg/pg-case-store';
import { startPostgres } from '../../tests/fixtures/postgres';
import { auditOf, caseBuild, newRecordsKey, sessionOf } from '../../tests/main/storage/pg/records';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const CASES = arg('cases', 2000);
const SAMPLES = arg('samples', 200);

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2);
  return `median ${q(0.5)} ms, p95 ${q(0.95)} ms (n=${s.length})`;
};
async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await work();
  samples.push(performance.now() - t);
  return result;
}

const cluster = await startPostgres();
try {
  const db = await cluster.createDatabase('bench');
  const recordsKey = newRecordsKey();
  const openStore = () => PgCaseStore.open({ connection: cluster.config(db), recordsKey });
  const t0 = performance.now();
  const store = await openStore();
  console.log(`open of an empty database (migrations applied): ${(performance.now() - t0).toFixed(1)} ms`);

  const create: number[] = [];
  const update: number[] = [];
  const get: number[] = [];
  const save: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < SAMPLES; i++) ids.push((await timed(create, () => store.create(2026, caseBuild(i % 300), auditOf('cases:create')))).id);
  for (const id of ids) await timed(update, () => store.update(id, 1, (r) => ({ ...r, dispute: { ...r.dispute, summary: `${r.dispute.summary}（补充）` } }), auditOf('cases:update')));
  for (const id of ids) await timed(get, () => store.get(id));
  let session = await store.saveSession(ids[0]!, null, sessionOf(ids[0]!), auditOf('sessions:create'));
  for (let i = 0; i < SAMPLES; i++) session = await timed(save, () => store.saveSession(ids[0]!, session.revision, { ...session, purpose: `第${i}次自动保存` }, auditOf('sessions:save')));
  console.log(`create:        ${stats(create)}`);
  console.log(`update:        ${stats(update)}`);
  console.log(`get:           ${stats(get)}`);
  console.log(`session save:  ${stats(save)} (one case's chain growing to ${SAMPLES + 1} entries)`);

  const desks = await Promise.all([openStore(), openStore(), openStore()]);
  const concurrent: number[] = [];
  const t1 = performance.now();
  await Promise.all(Array.from({ length: 60 }, (_, i) => timed(concurrent, () => desks[i % 3]!.create(2026, caseBuild(i), auditOf('cases:create')))));
  console.log(`60 registrations from 3 desks at once: ${(performance.now() - t1).toFixed(0)} ms in all; each ${stats(concurrent)}`);

  const other = desks[0]!;
  const changed = await store.update(ids[1]!, 2, (r) => r, auditOf('cases:update'));
  const refresh: number[] = [];
  await timed(refresh, () => other.refresh());
  console.log(`refresh after one change on another desk: ${stats(refresh)} (revision ${changed.revision})`);

  for (let i = ids.length + 60; i < CASES; i += 50) await Promise.all(Array.from({ length: 50 }, (_, k) => store.create(2026, caseBuild((i + k) % 300), auditOf('cases:create'))));
  const t2 = performance.now();
  const reopened = await openStore();
  console.log(`open with ${(await reopened.query({ limit: 0 })).total} cases (every summary opened): ${(performance.now() - t2).toFixed(0)} ms`);
  for (const s of [store, reopened, ...desks]) await s.close();
} finally {
  await cluster.destroy();
}
