import { beforeEach, describe, expect, it } from 'vitest';
import { type Attendee, type Statement, caucusSpeakers } from '../../electron/shared/domain/session';
import { Autosaver, NotSavedError, type SaveStatus, type Timers } from '../../renderer/src/lib/autosave';
import { type KeyLike, composerCommand, editCommand, itemCommand } from '../../renderer/src/features/sessions/editor/keyboard';
import { diffSessionContent } from '../../electron/shared/domain/session-changes';
import { BACKUP_MAX_AGE_MS, clearBackup, loadBackup, restorableBackup, writeBackup } from '../../renderer/src/features/sessions/editor/local-backup';
import { forgetLocalKey } from '../../renderer/src/lib/local-key';
import { fakeWorkstation } from './harness';
import { buildOutcome, blankOutcome, toIsoDateTime } from '../../renderer/src/features/sessions/editor/outcome-form';
import { type RecordAction, type RecordState, canMerge, contentOf, hasSpoken, initialRecordState, nextKind, recordReducer } from '../../renderer/src/features/sessions/editor/record-state';
import { caucusSides, nextSpeaker, numberedSpeakers, sideOf, speakerNumber } from '../../renderer/src/features/sessions/editor/speakers';

const T0 = '2026-11-25T06:00:00.000Z';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const person = (id: string, kind: Attendee['kind'], name: string, relation = '', presence: Attendee['presence'] = 'present'): Attendee => ({ id, kind, name, relation, presence, note: '' });

/** As the host prefills it: parties, agents, then staff. */
const ATTENDEES: Attendee[] = [
  person('p1', 'party', '张秀英', '申请人'),
  person('p2', 'party', '李明', '申请人', 'expected'),
  person('p3', 'party', '刘建华', '被申请人'),
  person('a1', 'agent', '赵志强', '申请人张秀英的委托代理人'),
  person('m1', 'mediator', '王建国'),
  person('r1', 'recorder', '李娜'),
];

const statement = (n: number, speakerId: string, text: string, over: Partial<Statement> = {}): Statement => ({ id: uuid(n), speakerId, kind: 'answer', text, startedAt: T0, marks: [], caucus: null, ...over });

function start(statements: Statement[] = [], attendees: Attendee[] = ATTENDEES): RecordState {
  return initialRecordState({ attendees, statements }, uuid(900), T0);
}

const run = (state: RecordState, ...actions: RecordAction[]) => actions.reduce(recordReducer, state);

describe('speakers', () => {
  it('numbers the people present for Alt+1…9: mediators first, then parties, agents, participants, the recorder last', () => {
    expect(numberedSpeakers(ATTENDEES).map((a) => a.id)).toEqual(['m1', 'p1', 'p3', 'a1', 'r1']);
    expect(speakerNumber(numberedSpeakers(ATTENDEES), 'p3')).toBe(3);
    // Not yet marked present: no number.
    expect(speakerNumber(numberedSpeakers(ATTENDEES), 'p2')).toBeNull();
  });

  it('knows the sides from the roles, 被申请人 before 申请人', () => {
    expect(sideOf(person('x', 'party', 'A', '被申请人'))).toBe('respondent');
    expect(sideOf(person('x', 'agent', 'A', '申请人张三的委托代理人'))).toBe('applicant');
    expect(sideOf(person('x', 'party', 'A', '第三人'))).toBe('third_party');
    expect(sideOf(person('x', 'participant', 'A', '申请人之子'))).toBeNull();
    expect(caucusSides(ATTENDEES)).toEqual(['applicant', 'respondent']);
  });

  it('proposes the next speaker of a dialogue: the one before the last, else a party after staff and the mediator after a party', () => {
    const speakers = numberedSpeakers(ATTENDEES);
    expect(nextSpeaker([], speakers)).toBe('m1');
    expect(nextSpeaker([{ speakerId: 'm1' }], speakers)).toBe('p1');
    expect(nextSpeaker([{ speakerId: 'p3' }], speakers)).toBe('m1');
    expect(nextSpeaker([{ speakerId: 'm1' }, { speakerId: 'p3' }], speakers)).toBe('m1');
    expect(nextSpeaker([{ speakerId: 'p3' }, { speakerId: 'm1' }], speakers)).toBe('p3');
    // The one before left the room: fall back by kind.
    expect(nextSpeaker([{ speakerId: 'p2' }, { speakerId: 'm1' }], speakers)).toBe('p1');
  });
});

describe('the record reducer', () => {
  it('starts the composer with the likely speaker and 问 for a mediator', () => {
    const s = start();
    expect(s.draft.speakerId).toBe('m1');
    expect(s.draft.kind).toBe('question');
    expect(contentOf(s).statements).toEqual([]);
  });

  it('times a statement from its first character, saves the draft once it holds text, and commits it with the next speaker ready', () => {
    let s = start();
    s = run(s, { type: 'draft/text', text: '请', now: '2026-11-25T06:01:00.000Z' }, { type: 'draft/text', text: '请陈述。', now: '2026-11-25T06:01:09.000Z' });
    expect(s.draft.startedAt).toBe('2026-11-25T06:01:00.000Z');
    // Saved apart from the statements: a crash now must not turn it into a finished statement.
    expect(contentOf(s).statements).toEqual([]);
    expect(contentOf(s).composer).toMatchObject({ id: uuid(900), text: '请陈述。' });
    s = run(s, { type: 'draft/commit', newId: uuid(901), now: '2026-11-25T06:02:00.000Z' });
    expect(s.statements).toHaveLength(1);
    expect(s.statements[0]).toMatchObject({ id: uuid(900), speakerId: 'm1', kind: 'question', text: '请陈述。', startedAt: '2026-11-25T06:01:00.000Z' });
    expect(s.draft).toMatchObject({ id: uuid(901), speakerId: 'p1', kind: 'answer', text: '' });
    // Saved content keeps the committed statement under the same id: no duplicate.
    expect(contentOf(s).statements.map((x) => x.id)).toEqual([uuid(900)]);
    expect(contentOf(s).composer).toBeNull();
  });

  it('puts a half-typed statement saved before a crash back in the composer, with its speaker, marks and caucus', () => {
    let s = start();
    s = run(s, { type: 'draft/speaker', speakerId: 'p1' }, { type: 'draft/mark', mark: 'focus' }, { type: 'draft/text', text: '我认为对方应当赔', now: T0 });
    const saved = contentOf(s);
    const reopened = initialRecordState(saved, uuid(950), '2026-11-25T07:00:00.000Z');
    expect(reopened.statements).toEqual([]);
    expect(reopened.draft).toEqual(s.draft);
    // Enter then makes it a statement, under the id it was saved with.
    const committed = run(reopened, { type: 'draft/commit', newId: uuid(951), now: T0 });
    expect(committed.statements.map((x) => [x.id, x.text])).toEqual([[uuid(900), '我认为对方应当赔']]);
  });

  it('ignores Enter on an empty composer', () => {
    const s = start();
    expect(run(s, { type: 'draft/text', text: '  ', now: T0 }, { type: 'draft/commit', newId: uuid(901), now: T0 }).statements).toEqual([]);
  });

  it('switches speaker and kind (Alt+digit resets the kind, Alt+Q cycles usual → 陈述 → the other)', () => {
    let s = run(start(), { type: 'draft/speaker', speakerId: 'p3' });
    expect(s.draft.kind).toBe('answer');
    s = run(s, { type: 'draft/kind' });
    expect(s.draft.kind).toBe('statement');
    s = run(s, { type: 'draft/kind' }, { type: 'draft/kind' });
    expect(s.draft.kind).toBe('answer');
    expect(nextKind('question', 'question')).toBe('statement');
    expect(nextKind('statement', 'question')).toBe('answer');
  });

  it('marks caucus statements with the side, and the mode stays for the next one', () => {
    let s = run(start(), { type: 'caucus', side: 'applicant' }, { type: 'draft/text', text: '背对背问', now: T0 }, { type: 'draft/commit', newId: uuid(901), now: T0 });
    expect(s.statements[0]!.caucus).toBe('applicant');
    expect(s.draft.caucus).toBe('applicant');
    s = run(s, { type: 'caucus', side: null });
    expect(s.draft.caucus).toBeNull();
  });

  it('in a caucus with the applicants the respondent cannot be given a statement: switching moves the draft to one who may speak, and choosing them does nothing', () => {
    // The respondent spoke last, so the draft goes to them; Alt+B to the applicants' caucus takes it away from them.
    let s = start([statement(1, 'm1', '被申请人意见？', { kind: 'question' }), statement(2, 'p3', '不同意。')]);
    expect(s.draft.speakerId).toBe('m1');
    s = run(s, { type: 'draft/speaker', speakerId: 'p3' }, { type: 'draft/text', text: '三万', now: T0 });
    s = run(s, { type: 'caucus', side: 'applicant' });
    expect(s.draft.caucus).toBe('applicant');
    expect(caucusSpeakers(ATTENDEES, 'applicant').map((a) => a.id)).toContain(s.draft.speakerId);
    expect(s.draft.text).toBe('三万');
    const before = s.draft.speakerId;
    expect(run(s, { type: 'draft/speaker', speakerId: 'p3' }).draft.speakerId).toBe(before);
    expect(run(s, { type: 'draft/speaker', speakerId: 'a1' }).draft.speakerId).toBe('a1');
    // Committed, the next speaker is never the respondent either; a caucus statement's speaker cannot be changed to them.
    s = run(s, { type: 'draft/speaker', speakerId: 'p1' }, { type: 'draft/commit', newId: uuid(902), now: T0 });
    expect(s.draft.speakerId).not.toBe('p3');
    expect(run(s, { type: 'statement/speaker', id: uuid(900), speakerId: 'p3' }).statements.at(-1)!.speakerId).toBe('p1');
    expect(run(s, { type: 'statement/speaker', id: uuid(2), speakerId: 'p1' }).statements[1]!.speakerId).toBe('p1');
    expect(caucusSpeakers(ATTENDEES, 'respondent').map((a) => a.id)).toEqual(['p3', 'm1', 'r1']);
  });

  it('toggles marks on the draft and on statements', () => {
    let s = start([statement(1, 'p3', '误工费太高')]);
    s = run(s, { type: 'statement/mark', id: uuid(1), mark: 'focus' }, { type: 'draft/mark', mark: 'evidence' });
    expect(s.statements[0]!.marks).toEqual(['focus']);
    expect(s.draft.marks).toEqual(['evidence']);
    s = run(s, { type: 'statement/mark', id: uuid(1), mark: 'focus' });
    expect(s.statements[0]!.marks).toEqual([]);
  });

  it('splits at the cursor (same speaker and time) and merges back', () => {
    let s = start([statement(1, 'p1', '第一句。第二句。', { marks: ['focus'] })]);
    s = run(s, { type: 'statement/split', id: uuid(1), at: 4, newId: uuid(2) });
    expect(s.statements.map((x) => [x.id, x.speakerId, x.text, x.startedAt])).toEqual([
      [uuid(1), 'p1', '第一句。', T0],
      [uuid(2), 'p1', '第二句。', T0],
    ]);
    // A split at an end would leave an empty statement: nothing happens.
    expect(run(s, { type: 'statement/split', id: uuid(2), at: 0, newId: uuid(3) })).toBe(s);
    s = run(s, { type: 'statement/merge', id: uuid(2) });
    expect(s.statements).toEqual([statement(1, 'p1', '第一句。第二句。', { marks: ['focus'] })]);
  });

  it('does not merge across a caucus boundary', () => {
    const s = start([statement(1, 'm1', '共同'), statement(2, 'm1', '背对背', { caucus: 'applicant' })]);
    expect(canMerge(s.statements, uuid(2))).toBe(false);
    expect(run(s, { type: 'statement/merge', id: uuid(2) })).toBe(s);
  });

  it('moves statements up and down within bounds', () => {
    let s = start([statement(1, 'm1', 'A'), statement(2, 'p1', 'B'), statement(3, 'p3', 'C')]);
    s = run(s, { type: 'statement/move', id: uuid(3), delta: -1 });
    expect(s.statements.map((x) => x.text)).toEqual(['A', 'C', 'B']);
    expect(run(s, { type: 'statement/move', id: uuid(1), delta: -1 })).toBe(s);
    expect(run(s, { type: 'statement/move', id: uuid(2), delta: 1 })).toBe(s);
  });

  it('deletes with undo, back in its place', () => {
    let s = start([statement(1, 'm1', 'A'), statement(2, 'p1', 'B'), statement(3, 'p3', 'C')]);
    s = run(s, { type: 'statement/delete', id: uuid(2) });
    expect(s.statements.map((x) => x.text)).toEqual(['A', 'C']);
    expect(s.deleted?.statement.text).toBe('B');
    s = run(s, { type: 'statement/undo-delete' });
    expect(s.statements.map((x) => x.text)).toEqual(['A', 'B', 'C']);
    expect(s.deleted).toBeNull();
  });

  it('changes a statement’s speaker with the kind that speaker usually has', () => {
    const s = run(start([statement(1, 'p1', 'A')]), { type: 'statement/speaker', id: uuid(1), speakerId: 'm1' });
    expect(s.statements[0]).toMatchObject({ speakerId: 'm1', kind: 'question' });
  });

  it('takes attendance; participants who spoke cannot be removed; the draft leaves someone who left', () => {
    let s = start();
    s = run(s, { type: 'attendee/add', attendee: person('x1', 'participant', '王海', '交警') }, { type: 'draft/speaker', speakerId: 'x1' });
    expect(numberedSpeakers(s.attendees).map((a) => a.id)).toContain('x1');
    s = run(s, { type: 'draft/text', text: '认定书已出具', now: T0 }, { type: 'draft/commit', newId: uuid(901), now: T0 });
    expect(hasSpoken(s, 'x1')).toBe(true);
    expect(run(s, { type: 'attendee/remove', id: 'x1' })).toBe(s);
    s = run(s, { type: 'attendee/add', attendee: person('x2', 'participant', '赵六', '村委会主任') }, { type: 'draft/speaker', speakerId: 'x2' }, { type: 'attendee/remove', id: 'x2' });
    expect(s.attendees.some((a) => a.id === 'x2')).toBe(false);
    expect(s.draft.speakerId).not.toBe('x2');
    s = run(s, { type: 'attendee/presence', id: 'p1', presence: 'refused' }, { type: 'attendee/note', id: 'p1', note: '要求直接起诉' });
    expect(s.attendees.find((a) => a.id === 'p1')).toMatchObject({ presence: 'refused', note: '要求直接起诉' });
  });
});

describe('keys', () => {
  const key = (over: Partial<KeyLike>): KeyLike => ({ key: '', code: '', altKey: false, ctrlKey: false, shiftKey: false, metaKey: false, isComposing: false, ...over });

  it('composer: Alt+digit (by physical key, also on macOS where Alt+1 types ¡), Enter commits, Shift+Enter is a newline', () => {
    expect(composerCommand(key({ key: '¡', code: 'Digit1', altKey: true }), false)).toEqual({ type: 'speaker', index: 0 });
    expect(composerCommand(key({ key: '9', code: 'Numpad9', altKey: true }), false)).toEqual({ type: 'speaker', index: 8 });
    expect(composerCommand(key({ key: 'Enter', code: 'Enter' }), false)).toEqual({ type: 'commit' });
    expect(composerCommand(key({ key: 'Enter', code: 'Enter', shiftKey: true }), false)).toBeNull();
    expect(composerCommand(key({ key: '1', code: 'Digit1' }), false)).toBeNull();
    expect(composerCommand(key({ key: '1', code: 'Digit1', altKey: true, ctrlKey: true }), false)).toBeNull();
  });

  it('composer: Enter while an IME composes Chinese only confirms the candidate', () => {
    expect(composerCommand(key({ key: 'Enter', code: 'Enter', isComposing: true }), false)).toBeNull();
  });

  it('composer: Alt+Q, the mark keys, Alt+B, and ↑ only when nothing is typed', () => {
    expect(composerCommand(key({ code: 'KeyQ', altKey: true }), false)).toEqual({ type: 'kind' });
    expect(composerCommand(key({ code: 'KeyJ', altKey: true }), false)).toEqual({ type: 'mark', mark: 'focus' });
    expect(composerCommand(key({ code: 'KeyR', altKey: true }), false)).toEqual({ type: 'mark', mark: 'concession' });
    expect(composerCommand(key({ code: 'KeyZ', altKey: true }), false)).toEqual({ type: 'mark', mark: 'evidence' });
    expect(composerCommand(key({ code: 'KeyB', altKey: true }), false)).toEqual({ type: 'caucus' });
    expect(composerCommand(key({ key: 'ArrowUp' }), true)).toEqual({ type: 'edit-last' });
    expect(composerCommand(key({ key: 'ArrowUp' }), false)).toBeNull();
  });

  it('a focused statement: Enter edits, Delete removes, Alt+↑/↓ move, ↑/↓ walk, Esc returns', () => {
    expect(itemCommand(key({ key: 'Enter' }))).toEqual({ type: 'edit' });
    expect(itemCommand(key({ key: 'Delete' }))).toEqual({ type: 'delete' });
    expect(itemCommand(key({ key: 'ArrowUp', altKey: true }))).toEqual({ type: 'move', delta: -1 });
    expect(itemCommand(key({ key: 'ArrowDown', altKey: true }))).toEqual({ type: 'move', delta: 1 });
    expect(itemCommand(key({ key: 'ArrowDown' }))).toEqual({ type: 'focus', delta: 1 });
    expect(itemCommand(key({ key: 'Escape' }))).toEqual({ type: 'composer' });
    expect(itemCommand(key({ code: 'Digit3', altKey: true }))).toEqual({ type: 'speaker', index: 2 });
  });

  it('editing in place: Enter/Esc done, Alt+Enter splits, Backspace at the very start merges', () => {
    expect(editCommand(key({ key: 'Enter' }), { start: 3, end: 3 })).toEqual({ type: 'done' });
    expect(editCommand(key({ key: 'Enter', shiftKey: true }), { start: 3, end: 3 })).toBeNull();
    expect(editCommand(key({ key: 'Enter', altKey: true }), { start: 3, end: 3 })).toEqual({ type: 'split' });
    expect(editCommand(key({ key: 'Backspace' }), { start: 0, end: 0 })).toEqual({ type: 'merge' });
    expect(editCommand(key({ key: 'Backspace' }), { start: 0, end: 2 })).toBeNull();
    expect(editCommand(key({ key: 'Backspace' }), { start: 1, end: 1 })).toBeNull();
  });
});

describe('the end-of-session form', () => {
  const today = '2026-11-25';

  it('continue: a next date-time, both parts or neither, not before today', () => {
    expect(buildOutcome({ ...blankOutcome('continue') }, today)).toEqual({ ok: true, outcome: { type: 'continue', nextAt: null, note: '' } });
    const r = buildOutcome({ ...blankOutcome('continue'), nextDate: '2026-11-28', nextTime: '09:30' }, today);
    expect(r.ok && r.outcome.type === 'continue' && r.outcome.nextAt).toBe(toIsoDateTime('2026-11-28', '09:30'));
    expect(buildOutcome({ ...blankOutcome('continue'), nextDate: '2026-11-28' }, today)).toEqual({ ok: false, errors: { nextTime: '请同时填写日期和时间，或都不填' } });
    expect(buildOutcome({ ...blankOutcome('continue'), nextDate: '2026-11-20', nextTime: '09:00' }, today)).toEqual({ ok: false, errors: { nextDate: '下次调解时间不能早于今天' } });
  });

  it('failed: a reason and the art. 26 confirmation are required', () => {
    expect(buildOutcome(blankOutcome('failed'), today)).toEqual({ ok: false, errors: { failedReason: '请填写调解不成的原因', routesExplained: '请确认已告知当事人其他途径' } });
    expect(buildOutcome({ ...blankOutcome('failed'), failedReason: '差距过大', routesExplained: true, routes: '可向法院起诉' }, today)).toEqual({
      ok: true,
      outcome: { type: 'failed', reason: '差距过大', routesExplained: true, routes: '可向法院起诉' },
    });
  });

  it('agreement and suspension', () => {
    expect(buildOutcome({ ...blankOutcome('agreement'), agreementNote: ' 赔偿32000元 ' }, today)).toEqual({ ok: true, outcome: { type: 'agreement', note: '赔偿32000元' } });
    expect(buildOutcome(blankOutcome('suspended'), today)).toEqual({ ok: false, errors: { suspendedReason: '请填写中止调解的原因' } });
  });
});

describe('the autosave state machine', () => {
  /** Fake timers driven by hand, and a host whose answers the test releases. */
  function harness(opts: { delay?: number; maxWait?: number } = {}) {
    let clock = 0;
    let timers: { at: number; fn: () => void; id: number }[] = [];
    let nextId = 1;
    const fake: Timers = {
      set: (fn, ms) => {
        const id = nextId++;
        timers.push({ at: clock + ms, fn, id });
        return id;
      },
      clear: (id) => void (timers = timers.filter((t) => t.id !== id)),
      now: () => clock,
    };
    const advance = async (ms: number) => {
      const until = clock + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        clock = due.at;
        due.fn();
        await flushPromises();
      }
      clock = until;
      await flushPromises();
    };
    const calls: { content: number; revision: number; settle: (r: 'ok' | 'conflict' | 'fail') => void }[] = [];
    let content = 0;
    let revision = 5;
    const statuses: SaveStatus[] = [];
    const saver = new Autosaver<number>({
      revision,
      savedAt: null,
      getContent: () => content,
      save: (c, rev) =>
        new Promise((resolve, reject) => {
          calls.push({
            content: c,
            revision: rev,
            settle: (r) => {
              if (r === 'ok') resolve({ revision: ++revision, updatedAt: `t${revision}` });
              else reject(r === 'conflict' ? Object.assign(new Error('conflict'), { conflict: true }) : new Error('网络错误'));
            },
          });
        }),
      isConflict: (e) => (e as { conflict?: boolean }).conflict === true,
      onStatus: (s) => statuses.push(s),
      delay: opts.delay ?? 1000,
      maxWait: opts.maxWait ?? 5000,
      retryDelays: [2000],
      timers: fake,
    });
    const type = (value: number) => {
      content = value;
      saver.changed();
    };
    return { saver, calls, type, advance, statuses };
  }
  const flushPromises = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('saves once typing pauses (debounce), with the latest content and revision', async () => {
    const h = harness();
    h.type(1);
    await h.advance(500);
    h.type(2);
    expect(h.saver.status).toEqual({ state: 'pending' });
    await h.advance(999);
    expect(h.calls).toHaveLength(0);
    await h.advance(1);
    expect(h.calls.map((c) => [c.content, c.revision])).toEqual([[2, 5]]);
    expect(h.saver.status).toEqual({ state: 'saving' });
    h.calls[0]!.settle('ok');
    await h.advance(0);
    expect(h.saver.status).toEqual({ state: 'saved', at: 't6' });
    expect(h.saver.currentRevision).toBe(6);
  });

  it('saves during a long uninterrupted statement at most maxWait after the first unsaved change', async () => {
    const h = harness({ delay: 1000, maxWait: 3000 });
    for (let i = 1; i <= 10; i++) {
      h.type(i);
      await h.advance(400);
    }
    expect(h.calls.length).toBeGreaterThanOrEqual(1);
    expect(h.calls[0]!.content).toBeLessThanOrEqual(8);
  });

  it('never has two saves in flight: changes made meanwhile are saved after, with the new revision', async () => {
    const h = harness();
    h.type(1);
    await h.advance(1000);
    expect(h.calls).toHaveLength(1);
    h.type(2);
    await h.advance(1000);
    // The timer went off while the first save was in flight: no second call yet.
    expect(h.calls).toHaveLength(1);
    h.calls[0]!.settle('ok');
    await h.advance(0);
    expect(h.calls).toHaveLength(2);
    expect(h.calls[1]).toMatchObject({ content: 2, revision: 6 });
    h.calls[1]!.settle('ok');
    await h.advance(0);
    expect(h.saver.status).toEqual({ state: 'saved', at: 't7' });
  });

  it('flush() saves at once and resolves only when everything is stored', async () => {
    const h = harness();
    h.type(1);
    let done = false;
    const flushed = h.saver.flush().then(() => (done = true));
    await h.advance(0);
    expect(h.calls).toHaveLength(1);
    h.type(2);
    h.calls[0]!.settle('ok');
    await h.advance(0);
    expect(done).toBe(false);
    expect(h.calls).toHaveLength(2);
    h.calls[1]!.settle('ok');
    await flushed;
    expect(h.saver.dirty).toBe(false);
  });

  it('a failed save shows 保存失败, keeps the changes and retries on its own', async () => {
    const h = harness();
    h.type(1);
    await h.advance(1000);
    h.calls[0]!.settle('fail');
    await h.advance(0);
    expect(h.saver.status).toEqual({ state: 'failed', message: '网络错误' });
    expect(h.saver.dirty).toBe(true);
    await h.advance(2000);
    expect(h.calls).toHaveLength(2);
    expect(h.calls[1]!.content).toBe(1);
    h.calls[1]!.settle('ok');
    await h.advance(0);
    expect(h.saver.status.state).toBe('saved');
  });

  it('flush() rejects while the host cannot be reached, so nothing is closed or printed unsaved', async () => {
    const h = harness();
    h.type(1);
    const flushed = h.saver.flush();
    await h.advance(0);
    h.calls[0]!.settle('fail');
    await expect(flushed).rejects.toBeInstanceOf(NotSavedError);
  });

  it('a conflict stops autosaving for good', async () => {
    const h = harness();
    h.type(1);
    await h.advance(1000);
    h.calls[0]!.settle('conflict');
    await h.advance(0);
    expect(h.saver.status).toEqual({ state: 'conflict' });
    h.type(2);
    await h.advance(10_000);
    expect(h.calls).toHaveLength(1);
    await expect(h.saver.flush()).rejects.toMatchObject({ conflict: true });
  });

  it('reports every state it passes through', async () => {
    const h = harness();
    h.type(1);
    await h.advance(1000);
    h.calls[0]!.settle('ok');
    await h.advance(0);
    expect(h.statuses.map((s) => s.state)).toEqual(['pending', 'saving', 'saved']);
  });
});

describe('the backup copy kept on this machine until the host has everything', () => {
  /** A Storage in memory. */
  function memoryStorage(): Storage {
    const map = new Map<string, string>();
    return {
      get length() {
        return map.size;
      },
      clear: () => map.clear(),
      getItem: (k) => map.get(k) ?? null,
      key: (i) => [...map.keys()][i] ?? null,
      removeItem: (k) => void map.delete(k),
      setItem: (k, v) => void map.set(k, String(v)),
    };
  }
  const SID = uuid(77);
  const base = { revision: 4, status: 'open' as const, attendees: ATTENDEES, statements: [statement(1, 'm1', '甲')] };
  const typed = { attendees: ATTENDEES, statements: [statement(1, 'm1', '甲'), statement(2, 'p1', '乙')] };
  const now = Date.parse('2026-11-25T06:10:00.000Z');

  beforeEach(() => {
    forgetLocalKey();
    // This file runs in Node: the fake host goes where the renderer's client looks for it.
    (globalThis as { window?: unknown }).window ??= globalThis;
    fakeWorkstation({});
  });

  it('is offered back while the host still has the revision it was typed on, and has something new', async () => {
    const storage = memoryStorage();
    await writeBackup(storage, SID, { revision: 4, changes: diffSessionContent({ ...base, composer: null }, { ...typed, composer: null }), at: '2026-11-25T06:05:00.000Z' });
    const backup = await loadBackup(storage, SID, now);
    expect(restorableBackup(backup, base)?.content.statements.map((x) => x.text)).toEqual(['甲', '乙']);
    expect(restorableBackup(backup, base)?.at).toBe('2026-11-25T06:05:00.000Z');
    // Sealed: not even the new statement is readable in the tab's storage (the next person at this OS account).
    expect(storage.getItem(`session-record-backup:${SID}`)).not.toContain('乙');
    expect(JSON.parse(storage.getItem(`session-record-backup:${SID}`)!)).toMatchObject({ v: 2 });
    // Someone saved since: the copy would overwrite their words.
    expect(restorableBackup(backup, { ...base, revision: 5 })).toBeNull();
    // Nothing new in it, or the record was closed meanwhile.
    expect(restorableBackup(backup, { ...base, statements: typed.statements })).toBeNull();
    expect(restorableBackup(backup, { ...base, status: 'closed' })).toBeNull();
    clearBackup(storage, SID);
    expect(await loadBackup(storage, SID, now)).toBeNull();
  });

  it('a copy in an earlier format (unsealed, the whole record) is still offered back', async () => {
    const storage = memoryStorage();
    storage.setItem(`session-record-backup:${SID}`, JSON.stringify({ revision: 4, content: typed, at: '2026-11-25T06:05:00.000Z' }));
    expect(restorableBackup(await loadBackup(storage, SID, now), base)?.content.statements.map((x) => x.text)).toEqual(['甲', '乙']);
  });

  it('a sealed copy of another record, or one altered, is not offered', async () => {
    const storage = memoryStorage();
    await writeBackup(storage, SID, { revision: 4, changes: diffSessionContent({ ...base, composer: null }, { ...typed, composer: null }), at: '2026-11-25T06:05:00.000Z' });
    const sealed = storage.getItem(`session-record-backup:${SID}`)!;
    const other = uuid(78);
    storage.setItem(`session-record-backup:${other}`, sealed);
    expect(await loadBackup(storage, other, now)).toBeNull();
    const altered = JSON.parse(sealed) as { data: string };
    altered.data = `A${altered.data.slice(1)}`;
    storage.setItem(`session-record-backup:${SID}`, JSON.stringify(altered));
    expect(await loadBackup(storage, SID, now)).toBeNull();
  });

  it('ignores damaged copies and drops old ones', async () => {
    const storage = memoryStorage();
    storage.setItem(`session-record-backup:${SID}`, '{not json');
    expect(await loadBackup(storage, SID, now)).toBeNull();
    storage.setItem(`session-record-backup:${SID}`, JSON.stringify({ revision: 4, content: { attendees: [], statements: [statement(1, 'nobody', 'x')] }, at: '2026-11-25T06:05:00.000Z' }));
    expect(await loadBackup(storage, SID, now)).toBeNull();
    await writeBackup(storage, SID, { revision: 4, changes: { put: [], removed: [] }, at: new Date(now - BACKUP_MAX_AGE_MS - 1).toISOString() });
    expect(await loadBackup(storage, SID, now)).toBeNull();
    expect(storage.length).toBe(0);
  });
});
