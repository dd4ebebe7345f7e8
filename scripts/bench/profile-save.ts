/** Where does a save spend its time? Times every file operation of ws.cases.update (dev aid for the benchmark). */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../electron/main/api/dispatch';
import { fixedClock } from '../../electron/main/services/clock';
import { Workstation } from '../../electron/main/services/workstation';
import { type DurableFs, realFs } from '../../electron/main/storage/durable-fs';
import { FIXTURE_NOW, seededRng, syntheticCase } from '../../tests/fixtures/cases';
import { BENCH_SETUP } from './auth';

const times = new Map<string, number[]>();
const note = (k: string, t: number) => (times.get(k) ?? times.set(k, []).get(k)!).push(t);
const kind = (f: string) => (f.endsWith('.tmp') ? 'tmp' : path.basename(f).replace(/[0-9a-f-]{36}/, 'ID'));
async function timed<T>(k: string, p: Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await p;
  } finally {
    note(k, performance.now() - t0);
  }
}
const fs: DurableFs = {
  ...realFs,
  async open(file, flags) {
    const h = await timed(`open ${kind(file)}`, realFs.open(file, flags));
    return {
      writeFile: (d) => timed(`write ${kind(file)}`, h.writeFile(d)),
      sync: () => timed(`sync ${kind(file)}`, h.sync()),
      close: () => timed(`close ${kind(file)}`, h.close()),
    };
  },
  rename: (a, b) => timed(`rename ${kind(a)}→${kind(b)}`, realFs.rename(a, b)),
  readFile: (f) => timed(`read ${kind(f)}`, realFs.readFile(f)),
};
const dir = await mkdtemp(path.join(os.tmpdir(), 'prof-'));
const ws = await Workstation.open({ dataDir: dir, host: 'web', version: 'x', clock: fixedClock(FIXTURE_NOW), fs });
// Setting up signs the administrator in, which unlocks the sealed store.
const r = await dispatch(ws, 'c', 'setup:complete', { ...BENCH_SETUP, otherRoles: [...BENCH_SETUP.otherRoles] });
if (!r.ok) throw new Error(`setup: ${r.error.code}`);
const admin = (r.value as { staff: { id: string; name: string } }).staff;
const ids: string[] = [];
for (let i = 0; i < 50; i++) ids.push(((await dispatch(ws, 'c', 'cases:create', syntheticCase(i, seededRng(i)))) as { value: { id: string } }).value.id);
times.clear();
const total: number[] = [];
for (let k = 0; k < 300; k++) {
  const id = ids[k % ids.length]!;
  const cur = await ws.cases.get(id);
  const t0 = performance.now();
  await ws.cases.update(id, cur.revision, (c) => ({ ...c, dispute: { ...c.dispute, occurredPlace: `地点${k}` }, actions: [...c.actions, ...(c.actions.length < 3 ? [{ id: randomUUID(), type: 'DETAILS_UPDATED' as const, at: c.createdAt, by: admin.id, note: '' }] : [])] }), { actorId: admin.id, actorName: admin.name, action: 'x', detail: '' });
  total.push(performance.now() - t0);
}
const pct = (a: number[], q: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.ceil(q * a.length) - 1)]!;
console.log('update total p50', pct(total, 0.5).toFixed(3), 'p95', pct(total, 0.95).toFixed(3));
for (const [k, v] of [...times].sort((a, b) => b[1].reduce((s, x) => s + x, 0) - a[1].reduce((s, x) => s + x, 0))) {
  console.log(k.padEnd(36), 'n', String(v.length).padStart(4), 'p50', pct(v, 0.5).toFixed(3), 'p95', pct(v, 0.95).toFixed(3), 'sum/update', (v.reduce((s, x) => s + x, 0) / 300).toFixed(3));
}
await ws.close();
await rm(dir, { recursive: true });
