/**
 * A registration is all or nothing: one that fails (disk full during the case's first write) leaves no case folder
 * and burns no case number; under concurrency numbers stay unique and gapless; after a crash the index still keeps
 * every stored case's number from being given again.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { SimFs, materialise } from '../../../scripts/reliability/sim-fs';
import { roadTrafficCaseInput, seededRng } from '../../fixtures/cases';
import { errnoError, recordingFs } from '../../fixtures/fake-fs';
import { fixedClock } from '../../../electron/shared/time/clock';
import { call, callError, caseFolders, makeTempDir, openWorkstation, removeDir, setUp, signInFirst } from '../../fixtures/workstation';

let dir: string;
let ws: Workstation;

beforeEach(async () => {
  dir = await makeTempDir('registration-');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await ws?.close().catch(() => undefined);
  await removeDir(dir);
});

const numbers = async () => (await call(ws, 'cases:list', { page: 1, pageSize: 100 })).items.map((i) => i.caseNumber).sort();
const number = (n: number) => `（2026）X调字第${String(n).padStart(4, '0')}号`;

/** A workstation whose file opens fail with `code` while `failing()` says so, for files `match` picks. */
async function openFailing(match: (file: string, flags: string) => boolean, failing: () => boolean, code = 'ENOSPC') {
  const fs = recordingFs();
  fs.beforeOpen = (file, flags) => {
    if (failing() && match(file, flags)) throw errnoError(code, 'open');
  };
  ws = await openWorkstation(dir, { fs });
  return fs;
}

describe('a registration that fails', () => {
  it.each([
    ['the case file (its first write)', (f: string) => /case\.json\.\d+-\d+\.tmp$/.test(f)],
    ['the case audit trail', (f: string) => f.endsWith(`${path.sep}audit.jsonl`) && f.includes(`${path.sep}cases${path.sep}`)],
    ['the index journal', (f: string) => f.endsWith('journal.jsonl')],
  ])('disk full on %s: STORE_IO, no case folder, and the next registration gets the same number', async (_label, match) => {
    let failing = false;
    await openFailing(match, () => failing);
    await setUp(ws);
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe(number(1));
    const before = await caseFolders(dir);

    failing = true;
    expect(await callError(ws, 'cases:create', roadTrafficCaseInput())).toMatchObject({ code: 'STORE_IO', message: expect.stringContaining('磁盘空间不足') });
    expect(await caseFolders(dir)).toEqual(before);
    expect(await numbers()).toEqual([number(1)]);

    failing = false;
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe(number(2));
    // After a restart: the same two cases, two folders, and the next number follows on (a journal entry the failed
    // registration may have left is dropped, not counted).
    await ws.close();
    ws = await openWorkstation(dir);
    await signInFirst(ws);
    expect(await numbers()).toEqual([number(1), number(2)]);
    expect(await caseFolders(dir)).toHaveLength(2);
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe(number(3));
  });

  it('20 registrations at once, every third failing: the stored ones are numbered 1…n without a gap or a repeat, one folder each', async () => {
    let opened = 0;
    await openFailing((f) => /case\.json\.\d+-\d+\.tmp$/.test(f) && ++opened % 3 === 0, () => true);
    await setUp(ws);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => call(ws, 'cases:create', roadTrafficCaseInput())));
    const stored = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(stored.length).toBeGreaterThan(10);
    expect(stored.length).toBeLessThan(20);
    expect(stored.map((c) => c.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
    expect(await caseFolders(dir)).toEqual(stored.map((c) => c.id).sort());
  });

  it('the case stored but sequence.json not (disk full just then): the registration stands, and the number is not given again after a restart', async () => {
    let failing = false;
    await openFailing((f) => /sequence\.json\.\d+-\d+\.tmp$/.test(f), () => failing);
    await setUp(ws);
    await call(ws, 'cases:create', roadTrafficCaseInput());
    failing = true;
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe(number(2));
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe(number(3));
    await ws.close();
    ws = await openWorkstation(dir);
    await signInFirst(ws);
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe(number(4));
  });
});

describe('case numbers never go back a year', () => {
  it('a clock a few seconds behind just after New Year: （2027） again, never （2026）第…号 after （2027）第0001号, also after a restart', async () => {
    ws = await openWorkstation(dir, { clock: fixedClock('2026-12-31T23:59:00+08:00') });
    await setUp(ws);
    const late2026 = await call(ws, 'cases:create', roadTrafficCaseInput());
    expect(late2026.caseNumber).toBe(number(1));
    await ws.close();
    ws = await openWorkstation(dir, { clock: fixedClock('2027-01-01T00:00:30+08:00') });
    await signInFirst(ws);
    const first2027 = await call(ws, 'cases:create', roadTrafficCaseInput());
    expect(first2027.caseNumber).toBe('（2027）X调字第0001号');
    await ws.close();
    // NTP steps the clock back 45 s, across midnight.
    ws = await openWorkstation(dir, { clock: fixedClock('2026-12-31T23:59:45+08:00') });
    await signInFirst(ws);
    const next = await call(ws, 'cases:create', roadTrafficCaseInput());
    expect(next).toMatchObject({ caseNumber: '（2027）X调字第0002号', year: 2027, seq: 2 });
    // Registered when the clock said it was, numbered in order.
    expect(next.createdAt).toBe('2026-12-31T15:59:45.000Z');
  });
});

describe('a power cut during a registration', () => {
  const SIM_ROOT = path.resolve('/simulated-registration/data');

  /**
   * Setup and one stored case, then a second registration; the power goes after `cutAfter` operations in all (none:
   * to count them). Returns the image a reboot finds, where the second registration began, and whether it returned.
   */
  async function run(cutAfter?: number) {
    const sim = new SimFs({ root: SIM_ROOT, rng: seededRng(1), ...(cutAfter === undefined ? {} : { cutAfter }) });
    const opened = await openWorkstation(SIM_ROOT, { fs: sim });
    await setUp(opened);
    await call(opened, 'cases:create', roadTrafficCaseInput());
    const start = sim.ops;
    let acknowledged = false;
    try {
      await call(opened, 'cases:create', roadTrafficCaseInput());
      acknowledged = true;
    } catch (error) {
      if (!sim.cut) throw error;
    }
    return { image: sim.image ?? sim.powerCutImage(), start, end: sim.ops, acknowledged };
  }

  it('at every point of the second registration: after reopening, no number is listed twice and the next one follows the highest', async () => {
    const whole = await run();
    expect(whole.end - whole.start).toBeGreaterThan(10);
    const kept: number[] = [];
    for (let cut = whole.start + 1; cut <= whole.end; cut++) {
      const { image, start, acknowledged } = await run(cut);
      expect(start).toBe(whole.start); // the same operations each time: the cut falls inside the second registration
      const real = await mkdtemp(path.join(os.tmpdir(), 'registration-cut-'));
      const reopened = await materialise(image, real).then(() => openWorkstation(real));
      try {
        await signInFirst(reopened);
        const listed = (await call(reopened, 'cases:list', { page: 1, pageSize: 100 })).items;
        if (acknowledged) expect(listed).toHaveLength(2);
        const next = await call(reopened, 'cases:create', roadTrafficCaseInput());
        const all = [...listed.map((i) => i.caseNumber), next.caseNumber];
        expect(new Set(all).size, `cut ${cut}: ${all.join(' ')}`).toBe(all.length);
        expect(next.seq).toBe(Math.max(...listed.map((i) => i.seq)) + 1);
        kept.push(listed.length);
      } finally {
        await reopened.close();
        await removeDir(real);
      }
    }
    // Early cuts lose the second case, late ones keep it: both were reached.
    expect(new Set(kept)).toEqual(new Set([1, 2]));
  }, 120_000);
});
