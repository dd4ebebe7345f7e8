import { describe, expect, it } from 'vitest';
import { CaseIndex } from '../../../electron/main/storage/case-index';
import type { CaseFilter, CaseQuery } from '../../../electron/main/storage/case-query';
import { encodeSnapshot, openSnapshot } from '../../../electron/main/storage/snapshot-codec';
import type { CaseStatus, CaseSummary } from '../../../electron/shared/domain';
import { seededRng } from '../../fixtures/cases';

/**
 * An index loaded from a snapshot makes its summaries and search texts only when asked (CaseIndex.loadSnapshot): it
 * must answer every query exactly as an index given the summaries themselves, before and after changes.
 */

const STATUSES: CaseStatus[] = ['registered', 'accepted', 'mediating', 'closed', 'archived'];
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', 'Zoë'];

function cases(count: number, seed = 7): CaseSummary[] {
  const rng = seededRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const year = 2024 + Math.floor(i / 40);
    const seq = (i % 40) + 1;
    const applicant = rng.pick(NAMES);
    const respondent = rng.pick(NAMES);
    const mediated = rng.int(0, 2) > 0;
    return {
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      caseNumber: `（${year}）X调字第${String(seq).padStart(4, '0')}号`,
      year,
      seq,
      revision: rng.int(1, 9),
      status: rng.pick(STATUSES),
      disputeType: rng.pick(['01', '02', '13']),
      disputeSubType: '邻里纠纷',
      source: 'application',
      riskLevel: 'low',
      complexity: 'simple',
      escalation: [],
      title: `${applicant}与${respondent}邻里纠纷`,
      applicants: [applicant],
      respondents: [respondent],
      agents: rng.int(0, 3) === 0 ? [`${rng.pick(NAMES)}律师`] : [],
      identityKeys: [`id:k${i % 17}`, `tel:p${i % 23}`],
      mediatorIds: mediated ? [rng.pick(['m-1', 'm-2', 'm-3'])] : [],
      room: mediated ? rng.pick(['一号室', '二号室']) : '',
      registeredAt: new Date(Date.UTC(year, 0, 1) + seq * 86_400_000).toISOString(),
      updatedAt: '2026-05-01T01:30:00.000Z',
      mediationDue: null,
      decidedAt: null,
      agreementDue: rng.int(0, 3) === 0 ? `2026-0${rng.int(1, 9)}-15` : null,
      confirmationDue: rng.int(0, 4) === 0 ? `2026-0${rng.int(1, 9)}-20` : null,
      scanAwaitedSince: rng.int(0, 5) === 0 ? '2026-05-03T00:00:00.000Z' : null,
      agreementStatus: null,
      sessions: rng.int(0, 3) === 0 ? [{ id: `s-${i}`, kind: 'session', number: 1, status: 'scheduled', scheduledAt: `2026-0${rng.int(1, 9)}-04T01:00:00.000Z`, place: '一号室', mediatorIds: ['m-1'] }] : [],
    } satisfies CaseSummary;
  });
}

async function fromSnapshot(summaries: readonly CaseSummary[]): Promise<CaseIndex> {
  const index = new CaseIndex();
  index.loadSnapshot(openSnapshot(await encodeSnapshot(summaries, 7)));
  return index;
}

function eager(summaries: readonly CaseSummary[]): CaseIndex {
  const index = new CaseIndex();
  index.load(summaries);
  return index;
}

const FILTERS: CaseFilter[] = [
  {},
  { status: ['mediating'] },
  { status: ['accepted', 'closed'], disputeType: '13' },
  { mediatorId: 'm-2' },
  { room: ' 一号室 ' },
  { registeredFrom: '2025-01-20T00:00:00.000Z' },
  { dueBy: '2026-04-30' },
  { scanAwaited: true },
  { scanAwaited: false, status: ['registered'] },
  { sessionBetween: { from: '2026-03-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' } },
  { ids: ['00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000077', 'nope'] },
  { text: '王芳' },
  { text: '第0007号', status: ['closed', 'archived'] },
  { text: '律师' },
  { text: '张伟与', mediatorId: 'm-1', dueBy: '2026-09-30' },
];

/**
 * Every answer an index gives, for comparing two kinds of index. Each answer from an index of its own, as `make` gives
 * it: a query that lists every row makes every summary, and the next would then not test the columns.
 */
async function answers(make: () => CaseIndex | Promise<CaseIndex>): Promise<unknown> {
  const queries: [CaseQuery, string[]][] = [];
  for (const filter of FILTERS) {
    queries.push([{ filter, limit: 0 }, []], [{ filter, order: 'oldest', offset: 3, limit: 7 }, []], [{ filter, offset: 10, limit: 5 }, []], [{ filter }, []]);
  }
  queries.push([{ filter: { text: '13900000000' } }, ['tel:p3', 'id:k5']]);
  const out: unknown[] = [];
  for (const [q, keys] of queries) out.push((await make()).query(q, keys));
  for (const f of FILTERS) out.push([...(await make()).tallyByMediator(f)].sort());
  const index = await make();
  out.push(index.related(['id:k3', 'tel:p4'], ['李娜'], '00000000-0000-4000-8000-000000000004'), index.related([], ['Zoë']));
  out.push(index.hasNumber(2024, 7), index.hasNumber(2024, 41), index.hasNumber(2027, 99));
  out.push(index.size, [...index.maxSeqByYear()].sort(), index.get('00000000-0000-4000-8000-000000000042'), index.get('missing'), [...index.ids()].sort());
  return out;
}

describe('CaseIndex loaded from a snapshot', () => {
  it('answers every query as the summaries themselves would', async () => {
    const all = cases(150);
    expect(await answers(() => fromSnapshot(all))).toEqual(await answers(() => eager(all)));
    expect([...(await fromSnapshot(all)).all()]).toEqual(all);
  });

  it('takes many cases at once, in any order, into the order a case at a time would give (a bulk import)', async () => {
    const all = cases(150);
    const rng = seededRng(5);
    const later = all.filter((_, i) => i % 3 !== 0);
    for (let i = later.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [later[i], later[j]] = [later[j]!, later[i]!];
    }
    const changed = { ...all[0]!, revision: 99, status: 'closed' as const };
    const expected = all.map((s) => (s.id === changed.id ? changed : s));
    const build = async () => {
      const index = await fromSnapshot(all.filter((_, i) => i % 3 === 0));
      index.upsertMany(later.slice(0, 60));
      index.upsertMany([...later.slice(60), changed]);
      return index;
    };
    expect(await answers(build)).toEqual(await answers(() => eager(expected)));
    expect([...(await build()).all()].map((s) => s.id)).toEqual(all.map((s) => s.id));
  });

  it('puts a snapshot written out of registration order in order', async () => {
    const all = cases(120);
    const rng = seededRng(3);
    const shuffled = [...all];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const index = await fromSnapshot(shuffled);
    expect(index.query({ order: 'oldest' }).items.map((s) => s.id)).toEqual(all.map((s) => s.id));
    expect(await answers(() => fromSnapshot(shuffled))).toEqual(await answers(() => eager(all)));
    // all() gives registration order, which the next snapshot is written in.
    expect([...index.all()].map((s) => s.id)).toEqual(all.map((s) => s.id));
  });

  it('makes no summary for a page, a count or a filter the columns rule out', async () => {
    const all = cases(200);
    const index = await fromSnapshot(all);
    const made = () => (index as unknown as { rows: (CaseSummary | undefined)[] }).rows.filter(Boolean).length;
    expect(index.query({ limit: 20 }).total).toBe(200);
    expect(made()).toBe(20);
    const mediating = all.filter((s) => s.status === 'mediating' && s.disputeType === '13').length;
    // Counted from the columns alone: the filter has no condition they cannot answer.
    expect(index.query({ filter: { status: ['mediating'], disputeType: '13' }, limit: 0 }).total).toBe(mediating);
    expect(made()).toBe(20);
    // A condition on sessions needs the summaries of the rows the columns let through, and no others.
    const planned = { status: ['mediating' as const], sessionBetween: { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' } };
    const withSessions = all.filter((s) => s.status === 'mediating' && s.sessions.length > 0).length;
    expect(index.query({ filter: planned, limit: 0 }).total).toBe(withSessions);
    const afterSessions = made();
    expect(afterSessions).toBeLessThanOrEqual(20 + all.filter((s) => s.status === 'mediating').length);
    // A text search and the related-case postings come from the columns too.
    index.warmUp();
    expect(index.query({ filter: { text: '王芳' }, limit: 0 }).total).toBe(all.filter((s) => s.title.includes('王芳') || s.agents.some((a) => a.includes('王芳'))).length);
    expect(made()).toBe(afterSessions);
  });

  it('follows changes as an index of summaries does: updates, late registrations, removals', async () => {
    const all = cases(130);
    const changes: ((index: CaseIndex) => void)[] = [
      (index) => index.upsert({ ...all[10]!, revision: 99, status: 'closed', applicants: ['新名字'], title: '新名字与某某纠纷', identityKeys: ['tel:new'] }),
      (index) => index.upsert({ ...all[129]!, id: '00000000-0000-4000-8000-000000009999', seq: 99, caseNumber: '（2027）X调字第0099号' }),
      // Registered earlier elsewhere, arriving late: it goes to its place.
      (index) => index.upsert({ ...all[50]!, id: '00000000-0000-4000-8000-000000008888', seq: 50.5, title: '迟到与某某纠纷' }),
      (index) => index.remove(all[3]!.id),
      (index) => index.remove(all[120]!.id),
      (index) => index.remove('not-there'),
    ];
    // After each change, an index loaded from the snapshot and given the changes so far answers as one of summaries.
    // Warmed up first (postings from the columns and texts, kept up to date through the changes) or not.
    const replay = async (lazy: boolean, upTo: number, warm: boolean) => {
      const index = lazy ? await fromSnapshot(all) : eager(all);
      if (warm) index.warmUp();
      for (const change of changes.slice(0, upTo)) change(index);
      return index;
    };
    for (const warm of [false, true]) {
      for (let k = 1; k <= changes.length; k++) expect(await answers(() => replay(true, k, warm)), `after change ${k}`).toEqual(await answers(() => replay(false, k, warm)));
    }
    const lazy = await replay(true, changes.length, true);
    const plain = await replay(false, changes.length, true);
    expect(lazy.related(['tel:new'], ['新名字']).map((r) => r.summary.id)).toEqual([all[10]!.id]);
    expect(lazy.query({ filter: { text: '迟到' } }).items.map((s) => s.seq)).toEqual([50.5]);
    expect([...lazy.all()]).toEqual([...plain.all()]);
  });

  it('lets the later row win when a snapshot holds a case twice', async () => {
    const all = cases(5);
    const index = await fromSnapshot([...all, { ...all[1]!, revision: 42 }]);
    expect(index.size).toBe(5);
    expect(index.get(all[1]!.id)?.revision).toBe(42);
  });
});
