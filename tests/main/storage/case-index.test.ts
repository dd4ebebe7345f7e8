import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseIndex } from '../../../electron/main/storage/case-index';
import { listQuery } from '../../../electron/main/storage/case-query';
import type { CaseListQuery } from '../../../electron/shared/ipc/contract';
import { IndexFile, type LoadedIndex } from '../../../electron/main/storage/index-file';
import type { CaseSummary } from '../../../electron/shared/domain';
import { makeTempDir, removeDir } from '../../fixtures/workstation';

function summary(seq: number, over: Partial<CaseSummary> = {}): CaseSummary {
  const n = String(seq).padStart(4, '0');
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    caseNumber: `（2026）X调字第${n}号`,
    year: 2026,
    seq,
    revision: 1,
    status: 'registered',
    disputeType: '02',
    disputeSubType: '噪音纠纷',
    source: 'application',
    riskLevel: 'low',
    complexity: 'simple',
    escalation: [],
    title: `申请人${seq}与被申请人${seq}邻里纠纷`,
    applicants: [`申请人${seq}`],
    respondents: [`被申请人${seq}`],
    identityKeys: [],
    mediatorIds: [],
    room: '',
    registeredAt: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}.${String(seq).padStart(3, '0')}Z`,
    updatedAt: '2026-01-01T00:00:00.000Z',
    mediationDue: null,
    decidedAt: null,
    agreementDue: null,
    confirmationDue: null,
    agents: [],
    agreementStatus: null,
    scanAwaitedSince: null,
    sessions: [],
    ...over,
  };
}

const list = (index: CaseIndex, q: CaseListQuery) => index.query(listQuery(q));

describe('CaseIndex.query', () => {
  const index = new CaseIndex();
  index.load(Array.from({ length: 45 }, (_, i) => summary(i + 1, { status: i % 3 === 0 ? 'accepted' : 'registered', disputeType: i % 5 === 0 ? '13' : '02' })));

  it('pages newest first with the total of all matches', () => {
    const p1 = list(index, { page: 1, pageSize: 20 });
    expect(p1.total).toBe(45);
    expect(p1.items).toHaveLength(20);
    expect(p1.items[0]!.seq).toBe(45);
    expect(list(index, { page: 3, pageSize: 20 }).items.map((i) => i.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(list(index, { page: 4, pageSize: 20 }).items).toEqual([]);
  });

  it('filters by status and dispute type together', () => {
    const page = list(index, { page: 1, pageSize: 50, status: 'accepted', disputeType: '13' });
    // i % 3 === 0 and i % 5 === 0 → i in {0, 15, 30} → seq 1, 16, 31
    expect(page.items.map((i) => i.seq)).toEqual([31, 16, 1]);
    expect(page.total).toBe(3);
  });

  it('filters by text in the case number or the title (party names)', () => {
    expect(list(index, { page: 1, pageSize: 50, text: '第0007号' }).items.map((i) => i.seq)).toEqual([7]);
    expect(list(index, { page: 1, pageSize: 50, text: ' 申请人12与被申请人12 ' }).items.map((i) => i.seq)).toEqual([12]);
    expect(list(index, { page: 1, pageSize: 50, text: '申请人4' }).total).toBe(7); // 4, 40–45
  });

  it('keeps the registration order when a case is updated', () => {
    const copy = new CaseIndex();
    copy.load([summary(1), summary(2), summary(3)]);
    copy.upsert(summary(1, { revision: 2, status: 'accepted', applicants: ['改名后'] }));
    expect(list(copy, { page: 1, pageSize: 10 }).items.map((i) => [i.seq, i.revision])).toEqual([[3, 1], [2, 1], [1, 2]]);
    // The related-case postings, built on first use, reflect updates made before that.
    expect(copy.related([], ['申请人1'])).toEqual([]);
    expect(copy.related([], ['改名后']).map((f) => f.summary.seq)).toEqual([1]);
  });
});

describe('CaseIndex.related', () => {
  const index = new CaseIndex();
  index.load([
    summary(1, { identityKeys: ['id:330782196803151311', 'tel:13957912345'], applicants: ['张建国'], respondents: ['义乌市顺达货运有限公司'] }),
    summary(2, { identityKeys: ['tel:13957912345'], applicants: ['李秀兰'], respondents: ['王强'] }),
    summary(3, { identityKeys: ['org:91330782MA2D8K7Q1X'], applicants: ['陈某'], respondents: ['义乌市顺达货运有限公司'] }),
    summary(4, { identityKeys: [], applicants: ['张建国'], respondents: ['某某'] }),
  ]);

  it('finds cases by ID number, credit code, phone and name, strongest evidence first', () => {
    const found = index.related(['id:330782196803151311', 'tel:13957912345', 'org:91330782MA2D8K7Q1X'], ['张建国']);
    expect(found.map((f) => [f.summary.seq, f.matches])).toEqual([
      [3, ['org']],
      [1, ['id', 'phone', 'name']],
      [2, ['phone']],
      [4, ['name']],
    ]);
    expect(found[0]!.summary).not.toHaveProperty('identityKeys');
  });

  it('leaves out the case being looked at, and follows updates of identity keys and names', () => {
    const copy = new CaseIndex();
    copy.load([summary(1, { identityKeys: ['tel:13900000000'] }), summary(2, { identityKeys: ['tel:13900000000'] })]);
    expect(copy.related(['tel:13900000000'], [], summary(1).id).map((f) => f.summary.seq)).toEqual([2]);
    copy.upsert(summary(2, { revision: 2, identityKeys: ['tel:13800000000'], applicants: ['新名字'] }));
    expect(copy.related(['tel:13900000000'], [], summary(1).id)).toEqual([]);
    expect(copy.related([], ['申请人2'])).toEqual([]);
    expect(copy.related([], ['新名字']).map((f) => f.summary.seq)).toEqual([2]);
  });

  it('lists a case once when the same name or key occurs twice in it, and forgets it when it changes', () => {
    const copy = new CaseIndex();
    copy.load([summary(1, { applicants: ['王芳', '王芳'], respondents: ['王芳'], identityKeys: ['tel:13900000000'] }), summary(2, { applicants: ['王芳'] })]);
    expect(copy.related(['tel:13900000000'], ['王芳']).map((f) => [f.summary.seq, f.matches])).toEqual([[1, ['phone', 'name']], [2, ['name']]]);
    copy.upsert(summary(1, { revision: 2, applicants: ['李娜'], respondents: ['某公司'], identityKeys: [] }));
    expect(copy.related(['tel:13900000000'], ['王芳']).map((f) => f.summary.seq)).toEqual([2]);
    copy.upsert(summary(2, { revision: 2, applicants: ['李娜'] }));
    expect(copy.related([], ['王芳'])).toEqual([]);
    expect(copy.related([], ['李娜'])).toHaveLength(2);
  });

  it('ignores keys of unknown kinds and caps the result', () => {
    const many = new CaseIndex();
    many.load(Array.from({ length: 50 }, (_, i) => summary(i + 1, { applicants: ['王伟'] })));
    expect(many.related(['x:1', 'nocolon'], [])).toEqual([]);
    expect(many.related([], ['王伟'])).toHaveLength(20);
  });
});

/** What a load gives, by id: the snapshot's rows, then the journal's summaries over them (as the store loads them). */
function summariesOf(loaded: LoadedIndex): Map<string, CaseSummary> {
  const all = new Map<string, CaseSummary>();
  for (let i = 0; i < (loaded.snapshot?.count ?? 0); i++) {
    const s = loaded.snapshot!.summary(i);
    all.set(s.id, s);
  }
  for (const s of loaded.journal.values()) all.set(s.id, s);
  return all;
}

describe('IndexFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('index-file-');
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('snapshot + journal round trip; the journal is emptied by compaction', async () => {
    const file = new IndexFile(dir);
    expect((await file.load()).rebuildReason).toBe('missing');
    await file.compact([summary(1), summary(2)]);
    await file.append(summary(2, { revision: 2 }));
    await file.append(summary(3));
    const loaded = await new IndexFile(dir).load();
    expect(loaded.rebuildReason).toBeNull();
    expect([...loaded.journalIds].sort()).toEqual([summary(2).id, summary(3).id]);
    expect([...summariesOf(loaded).values()].map((s) => [s.seq, s.revision])).toEqual([[1, 1], [2, 2], [3, 1]]);
    await file.compact(summariesOf(loaded).values());
    expect(await readFile(path.join(dir, 'journal.jsonl'), 'utf8')).toBe('');
  });

  it('reports a torn tail so that the store compacts before appending', async () => {
    await mkdir(dir, { recursive: true });
    const file = new IndexFile(dir);
    await file.compact([summary(1)]);
    await writeFile(path.join(dir, 'journal.jsonl'), `${JSON.stringify(summary(2))}\n{"id":"x","rev`);
    const loaded = await new IndexFile(dir).load();
    expect(loaded.rebuildReason).toBeNull();
    expect(loaded.tornTail).toBe(true);
    expect(summariesOf(loaded).size).toBe(2);
  });

  it('writes continue during a compaction: entries appended after the rotation survive, entries before it are in the snapshot', async () => {
    const file = new IndexFile(dir);
    await file.compact([summary(1)]);
    await file.append(summary(2));
    // Compaction as the store does it: rotate and copy under the lock, write the snapshot outside it.
    await file.rotate();
    const copy = [summary(1), summary(2)];
    await file.append(summary(3)); // a save landing while the snapshot is being written
    await file.writeSnapshot(copy);
    const loaded = await new IndexFile(dir).load();
    expect([...summariesOf(loaded).keys()].sort()).toEqual([summary(1).id, summary(2).id, summary(3).id].sort());
    expect(existsSync(path.join(dir, 'journal.1.jsonl'))).toBe(false);
  });

  it('a crash after the rotation and before the snapshot loses nothing: the rotated journal is replayed first', async () => {
    const file = new IndexFile(dir);
    await file.compact([summary(1)]);
    await file.append(summary(2));
    await file.rotate(); // then the process dies: no new snapshot
    await file.append(summary(2, { revision: 2 }));
    const loaded = await new IndexFile(dir).load();
    expect(summariesOf(loaded).get(summary(2).id)?.revision).toBe(2);
    expect(loaded.journalIds.has(summary(2).id)).toBe(true);
    // A second rotation while the first one's journal is still there keeps both (and drops a torn tail).
    await writeFile(path.join(dir, 'journal.1.jsonl'), `${JSON.stringify(summary(2))}\n{"torn`);
    await file.rotate();
    const again = await new IndexFile(dir).load();
    expect(again.rebuildReason).toBeNull();
    expect(summariesOf(again).get(summary(2).id)?.revision).toBe(2);
  });
});
