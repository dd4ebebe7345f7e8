import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, snapshotVersion } from '../../../electron/main/storage/snapshot-codec';
import type { CaseSummary } from '../../../electron/shared/domain';

function summary(n: number, over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    caseNumber: `（2026）X调字第${String(n).padStart(4, '0')}号`,
    year: 2026,
    seq: n,
    revision: 1,
    status: 'registered',
    disputeType: '01',
    disputeSubType: '邻里纠纷',
    source: 'application',
    riskLevel: 'low',
    complexity: 'simple',
    escalation: [],
    title: `张三${n}与李四邻里纠纷`,
    applicants: [`张三${n}`],
    respondents: ['李四'],
    agents: [],
    identityKeys: [`id:key${n}`, `tel:phone${n}`],
    mediatorIds: [],
    room: '',
    registeredAt: `2026-05-01T01:${String(n % 60).padStart(2, '0')}:00.000Z`,
    updatedAt: '2026-05-01T01:30:00.000Z',
    mediationDue: null,
    decidedAt: null,
    agreementDue: null,
    confirmationDue: null,
    scanAwaitedSince: null,
    agreementStatus: null,
    sessions: [],
    ...over,
  };
}

const varied: CaseSummary[] = [
  summary(1),
  summary(2, {
    status: 'mediating',
    revision: 17,
    escalation: ['police'],
    applicants: ['Zoë Müller', '王五'],
    respondents: [],
    agents: ['赵律师'],
    identityKeys: [],
    mediatorIds: ['m-1', 'm-2'],
    room: '综合调解室',
    mediationDue: '2026-05-31',
    decidedAt: '2026-05-02T00:00:00.000Z',
    agreementDue: '2026-06-30',
    confirmationDue: '2026-07-30',
    scanAwaitedSince: '2026-05-03T00:00:00.000Z',
    agreementStatus: 'in_review',
    sessions: [{ id: 's-1', kind: 'session', number: 1, status: 'scheduled', scheduledAt: '2026-05-04T01:00:00.000Z', place: '一号室', mediatorIds: ['m-1'] }],
  }),
  // Text UTF-8 could not carry as it is (a lone surrogate), an emoji (a surrogate pair), Latin-1 and control characters.
  summary(3, { title: 'broken \ud800 pair 😀 café \u0000\u0001', applicants: ['\udfff'], room: 'é' }),
  summary(4, { seq: 0, year: 2027, revision: 2 ** 40 }),
];

describe('snapshot codec', () => {
  it('gives back exactly the summaries it was given, in order', async () => {
    const bytes = await encodeSnapshot(varied, 7);
    expect(snapshotVersion(bytes)).toBe(7);
    expect(decodeSnapshot(bytes)).toEqual(varied);
  });

  it('round-trips an empty index', async () => {
    expect(decodeSnapshot(await encodeSnapshot([], 7))).toEqual([]);
  });

  it('stores a repeated status, type or room once', async () => {
    const many = Array.from({ length: 50 }, (_, i) => summary(i, { disputeSubType: '因相邻关系引起的通行、采光纠纷' }));
    expect(decodeSnapshot(await encodeSnapshot(many, 7))).toEqual(many);
    const other = many.map((s, i) => ({ ...s, disputeSubType: `因相邻关系引起的通行、采光纠纷${i}` }));
    // 49 more copies of a 15-character value would take 49 × 30 bytes in UTF-16.
    expect((await encodeSnapshot(other, 7)).length - (await encodeSnapshot(many, 7)).length).toBeGreaterThanOrEqual(49 * 30);
  });

  it('yields while encoding a large index', async () => {
    let pauses = 0;
    const many = Array.from({ length: 12_000 }, (_, i) => summary(i));
    const bytes = await encodeSnapshot(many, 7, async () => void pauses++);
    expect(pauses).toBeGreaterThan(20);
    expect(decodeSnapshot(bytes)).toEqual(many);
  });

  it('refuses a snapshot cut short at any byte', async () => {
    const bytes = await encodeSnapshot(varied, 7);
    for (let length = 0; length < bytes.length; length++) expect(() => decodeSnapshot(bytes.subarray(0, length)), `cut at ${length}`).toThrow();
  });

  it('refuses bytes after the last column, another format and an older JSON snapshot', async () => {
    const bytes = await encodeSnapshot(varied, 7);
    expect(() => decodeSnapshot(Buffer.concat([bytes, Buffer.from([0])]))).toThrow(/after the last column/);
    const json = Buffer.from(JSON.stringify({ version: 6, savedAt: '2026-05-01T00:00:00Z', summaries: varied }));
    expect(snapshotVersion(json)).toBeNull();
    expect(() => decodeSnapshot(json)).toThrow();
    expect(snapshotVersion(Buffer.alloc(4096))).toBeNull();
  });

  it('refuses a count larger than the file without allocating for it', async () => {
    const bytes = Buffer.from(await encodeSnapshot(varied, 7));
    bytes.writeUInt32LE(0xffffffff, 8);
    expect(() => decodeSnapshot(bytes)).toThrow(/cut short/);
  });

  it('refuses a string index outside its table and a missing value in a column that has no nulls', async () => {
    // The first column is the ids: its table (4 entries) is followed by one u32 index per summary.
    const bytes = Buffer.from(await encodeSnapshot(varied, 7));
    const entries = bytes.readUInt32LE(12);
    const textBytes = bytes.readUInt32LE(12 + 5);
    const firstIndex = 12 + 9 + entries * 4 + textBytes;
    expect(bytes.readUInt32LE(firstIndex)).toBe(0);
    const outside = Buffer.from(bytes);
    outside.writeUInt32LE(entries, firstIndex);
    expect(() => decodeSnapshot(outside)).toThrow(/outside its table/);
    const nulled = Buffer.from(bytes);
    nulled.writeUInt32LE(0xffffffff, firstIndex);
    expect(() => decodeSnapshot(nulled)).toThrow(/outside its table/);
  });

  it('refuses a string table whose lengths do not add up to its text', async () => {
    const bytes = Buffer.from(await encodeSnapshot(varied, 7));
    bytes.writeUInt32LE(bytes.readUInt32LE(12 + 9) + 1, 12 + 9);
    expect(() => decodeSnapshot(bytes)).toThrow(/does not add up/);
  });
});
