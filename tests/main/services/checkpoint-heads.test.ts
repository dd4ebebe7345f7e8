/** Where a chain stands against the head a checkpoint pinned, and the record's canonical bytes and root (pure). */
import { describe, expect, it } from 'vitest';
import { advanceHead, pinnedProblem } from '../../../electron/main/services/checkpoint-heads';
import { canonicalJson, rootOf } from '../../../electron/main/services/checkpoint-record';
import { GENESIS_HASH, hashEvent } from '../../../electron/main/storage/audit-log';
import type { AuditEvent } from '../../../electron/shared/domain';

/** A valid chain of `n` entries; `says` changes what every entry says (another history, rehashed throughout). */
function chain(n: number, says = '第'): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 0; seq < n; seq++) {
    const base = { seq, at: `2026-05-01T00:00:${String(seq).padStart(2, '0')}.000Z`, actorId: 'a', actorName: '甲', caseId: 'c', action: 'x', detail: `${says}${seq}条`, prevHash: prev };
    const event = { ...base, hash: hashEvent(base) } as AuditEvent;
    events.push(event);
    prev = event.hash;
  }
  return events;
}

const pin = (e: AuditEvent, number = 3) => ({ seq: e.seq, hash: e.hash, number });

describe('advanceHead', () => {
  it('an intact chain moves on to its last entry', () => {
    const events = chain(6);
    expect(advanceHead(undefined, events)).toEqual({ head: { seq: 5, hash: events[5]!.hash }, problem: null });
    expect(advanceHead(pin(events[2]!), events)).toEqual({ head: { seq: 5, hash: events[5]!.hash }, problem: null });
    expect(advanceHead(undefined, [])).toEqual({ head: null, problem: null });
  });

  it('a break after the pinned entry stops the head before the break', () => {
    const events = chain(6);
    events[4] = { ...events[4]!, detail: '改' };
    expect(advanceHead(pin(events[2]!), events)).toEqual({ head: { seq: 3, hash: events[3]!.hash }, problem: expect.stringContaining('在第5条处断开') });
  });

  it('a break at or before the pinned entry, a cut tail, a rewritten history: the pinned head is kept', () => {
    const events = chain(6);
    const pinned = pin(events[3]!);
    const edited = events.map((e, i) => (i === 1 ? { ...e, detail: '改' } : e));
    expect(advanceHead(pinned, edited)).toEqual({ head: { seq: 3, hash: pinned.hash }, problem: expect.stringContaining('在第2条处断开') });
    expect(advanceHead(pinned, events.slice(0, 3))).toEqual({ head: { seq: 3, hash: pinned.hash }, problem: '办理记录（审计链）被截短：数据完整性凭证第3号记录其已有4条，现仅有3条' });
    const rewritten = chain(8, '重写第');
    expect(advanceHead(pinned, rewritten)).toEqual({ head: { seq: 3, hash: pinned.hash }, problem: expect.stringContaining('第4条及以前的内容与数据完整性凭证第3号记录的不符') });
    expect(pinnedProblem(pinned, events)).toBeNull();
  });
});

describe('canonical bytes and the root', () => {
  it('the same record gives the same bytes whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: '中' } })).toBe('{"a":{"c":"中","d":[2,{"x":0,"y":1}]},"b":1}');
  });

  it('the root depends on every head and on previous, not on the order the list was built in', () => {
    const ws = { seq: 4, hash: 'e'.repeat(64) };
    const a = new Map([
      ['b-case', { seq: 1, hash: '1'.repeat(64) }],
      ['a-case', { seq: 2, hash: '2'.repeat(64) }],
    ]);
    const b = new Map([...a].reverse());
    expect(rootOf(5, '0'.repeat(64), ws, a)).toBe(rootOf(5, '0'.repeat(64), ws, b));
    expect(rootOf(5, '0'.repeat(64), ws, a)).not.toBe(rootOf(5, 'f'.repeat(64), ws, a));
    expect(rootOf(5, '0'.repeat(64), ws, a)).not.toBe(rootOf(5, '0'.repeat(64), ws, new Map([...a, ['a-case', { seq: 3, hash: '2'.repeat(64) }]])));
  });
});
