import { describe, expect, it } from 'vitest';
import { type SessionContent, type Statement, ChangesDoNotApply, applySessionChanges, diffSessionContent, isEmptyChanges } from '../../../../electron/shared/domain';
import { seededRng } from '../../../fixtures/cases';

const SPEAKERS = ['a', 'b', 'c'];
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const statement = (text: string, over: Partial<Statement> = {}): Statement => ({ id: uuid(), speakerId: 'a', kind: 'answer', text, startedAt: '2026-05-01T09:00:00.000Z', marks: [], caucus: null, ...over });
const attendees = SPEAKERS.map((id) => ({ id, kind: 'party', name: id, relation: '申请人', presence: 'present', note: '' })) as unknown as SessionContent['attendees'];
const content = (statements: Statement[], composer: Statement | null = null): SessionContent => ({ attendees, statements, composer });

describe('what the autosave carries: the changes since the revision the host has', () => {
  it('an appended statement travels alone, without the record before it', () => {
    const base = content(Array.from({ length: 2000 }, (_, i) => statement(`第${i}条`)));
    const added = statement('新的一条');
    const changes = diffSessionContent(base, content([...base.statements, added]));
    expect(changes).toEqual({ put: [added], removed: [] });
    expect(JSON.stringify(changes).length).toBeLessThan(400);
  });

  it('an edit, a deletion, a move, a split, the composer and attendance each arrive as made, and applying them gives the record typed', () => {
    const [s1, s2, s3, s4] = [statement('一'), statement('二'), statement('三'), statement('四')];
    const base = content([s1!, s2!, s3!, s4!]);
    const half = statement('正在输入');
    const split = statement('拆出的后半');
    const next: SessionContent = {
      attendees: attendees.map((a) => (a.id === 'c' ? { ...a, presence: 'absent' as const } : a)),
      statements: [s2!, { ...s1!, text: '一（改）', marks: ['focus'] }, split, s4!],
      composer: half,
    };
    const changes = diffSessionContent(base, next);
    expect(changes.removed).toEqual([s3!.id]);
    expect(changes.put.map((s) => s.text)).toEqual(['一（改）', '拆出的后半']);
    expect(changes.order).toEqual(next.statements.map((s) => s.id));
    expect(changes.attendees).toBe(next.attendees);
    expect(changes.composer).toBe(half);
    expect(applySessionChanges(base, changes)).toEqual(next);
    // Emptying the composer is a change too (null), not "unchanged".
    expect(diffSessionContent(next, { ...next, composer: null }).composer).toBeNull();
    expect(isEmptyChanges(diffSessionContent(next, structuredClone(next)))).toBe(true);
  });

  it('random sessions of edits always round-trip', () => {
    const rng = seededRng(16);
    for (let trial = 0; trial < 300; trial++) {
      let base = content(Array.from({ length: rng.int(0, 12) }, (_, i) => statement(`s${i}`)));
      let next = base;
      for (let step = 0; step < rng.int(1, 8); step++) {
        const list = [...next.statements];
        const at = rng.int(0, Math.max(0, list.length - 1));
        switch (rng.int(0, 4)) {
          case 0:
            list.push(statement(`new${step}`, { speakerId: rng.pick(SPEAKERS) }));
            break;
          case 1:
            if (list.length) list.splice(at, 1);
            break;
          case 2:
            if (list[at]) list[at] = { ...list[at]!, text: `${list[at]!.text}+`, kind: 'question' };
            break;
          case 3:
            if (list.length > 1) list.splice(rng.int(0, list.length - 1), 0, ...list.splice(at, 1));
            break;
          default:
            list.splice(at, 0, statement(`split${step}`));
        }
        next = { ...next, statements: list, composer: rng.int(0, 1) ? statement('draft') : null };
      }
      expect(applySessionChanges(base, JSON.parse(JSON.stringify(diffSessionContent(base, next))))).toEqual(next);
      base = next;
    }
  });

  it('changes made on another version are refused, never guessed into the record', () => {
    const [s1, s2] = [statement('一'), statement('二')];
    expect(() => applySessionChanges(content([s1!]), { put: [], removed: [s2!.id] })).toThrow(ChangesDoNotApply);
    expect(() => applySessionChanges(content([s1!, s2!]), { put: [], removed: [], order: [s2!.id] })).toThrow(ChangesDoNotApply);
    expect(() => applySessionChanges(content([s1!, s2!]), { put: [], removed: [], order: [s2!.id, s2!.id] })).toThrow(ChangesDoNotApply);
  });
});
