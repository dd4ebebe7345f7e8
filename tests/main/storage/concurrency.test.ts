import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { RevisionConflictError } from '../../../electron/main/storage/case-store';
import { findBrokenLink } from '../../../electron/main/storage/audit-log';
import { seededRng, syntheticCase } from '../../fixtures/cases';
import { addAction, call, callRaw, caseFolders, makeTempDir, openWorkstation, removeDir, setUp, signInFirst, storeFiles } from '../../fixtures/workstation';

let dir: string;
let ws: Workstation;

beforeEach(async () => {
  dir = await makeTempDir('concurrency-');
  ws = await openWorkstation(dir);
});
afterEach(async () => {
  await ws.close().catch(() => undefined);
  await removeDir(dir);
});

describe('concurrent writes', () => {
  it('server-derived changes (no expected revision) made in parallel all land, in turn, each on the latest record', async () => {
    const admin = await setUp(ws);
    const created = await call(ws, 'cases:create', syntheticCase(1, seededRng(1)));
    const audit = { actorId: admin.id, actorName: admin.name, action: 'test', detail: 'test' };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => ws.cases.update(created.id, null, (c) => ({ ...c, dispute: { ...c.dispute, occurredPlace: `${c.dispute.occurredPlace}${i},` } }), audit)),
    );
    const after = await ws.cases.get(created.id);
    expect(after.revision).toBe(created.revision + 20);
    for (let i = 0; i < 20; i++) expect(after.dispute.occurredPlace).toContain(`${i},`);
  });

  it('50 parallel cases:create calls get 50 distinct, gapless case numbers, all stored and listed', async () => {
    await setUp(ws);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => callRaw(ws, 'cases:create', syntheticCase(i, seededRng(1000 + i)))));
    const records = results.map((r) => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    });
    const seqs = records.map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(records.map((r) => r.caseNumber)).size).toBe(50);
    expect(new Set(records.map((r) => r.id)).size).toBe(50);

    const page = await call(ws, 'cases:list', { page: 1, pageSize: 200 });
    expect(page.total).toBe(50);
    expect(await caseFolders(dir)).toHaveLength(50);
    expect(await storeFiles(ws).json(path.join(dir, 'sequence.json'))).toEqual({ years: { '2026': 50 } });

    // Every case is complete on disk: a restart (without close: as after a crash) sees the same 50.
    const reopened = await openWorkstation(dir);
    await signInFirst(reopened);
    expect((await call(reopened, 'cases:list', { page: 1, pageSize: 200 })).total).toBe(50);
    expect((await call(reopened, 'cases:create', syntheticCase(50, seededRng(50)))).seq).toBe(51);
    await reopened.close();
  });

  it('parallel updates of one case with the same expected revision: exactly one wins, the others get a conflict', async () => {
    const admin = await setUp(ws);
    const created = await call(ws, 'cases:create', syntheticCase(3, seededRng(3)));
    const at = ws.clock.now().toISOString();
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        ws.cases.update(
          created.id,
          1,
          (c) => ({ ...c, dispute: { ...c.dispute, summary: `${c.dispute.summary}（补充说明${i}）` }, updatedAt: at }),
          { actorId: admin.id, actorName: admin.name, action: 'cases:update', detail: `补充说明${i}` },
        ),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const rejected = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(rejected).toHaveLength(9);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(RevisionConflictError);
    const view = await call(ws, 'cases:get', { id: created.id });
    expect(view.record.revision).toBe(2);
    const audit = await call(ws, 'cases:audit', { id: created.id });
    expect(audit).toHaveLength(2); // the create and the one accepted update; no entries for rejected attempts
    expect(findBrokenLink(audit)).toBeNull();
  });

  it('parallel updates of different cases interleaved with reads and creates keep every case and every audit chain intact', async () => {
    const admin = await setUp(ws);
    const cases = await Promise.all(Array.from({ length: 10 }, (_, i) => call(ws, 'cases:create', syntheticCase(i, seededRng(i)))));
    await Promise.all([
      ...cases.map((c) => addAction(ws, c.id, admin, 'ACCEPTED', '受理')),
      ...cases.map((c) => call(ws, 'cases:get', { id: c.id })),
      ...Array.from({ length: 10 }, (_, i) => call(ws, 'cases:create', syntheticCase(20 + i, seededRng(20 + i)))),
      call(ws, 'cases:list', { page: 1, pageSize: 20, status: 'accepted' }),
    ]);
    const page = await call(ws, 'cases:list', { page: 1, pageSize: 200, status: 'accepted' });
    expect(page.total).toBe(10);
    for (const c of cases) {
      const audit = await call(ws, 'cases:audit', { id: c.id });
      expect(audit.map((e) => e.seq)).toEqual([0, 1]);
      expect(findBrokenLink(audit)).toBeNull();
    }
    expect((await call(ws, 'cases:list', { page: 1, pageSize: 1 })).total).toBe(20);
  });
});
