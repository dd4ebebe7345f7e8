import {
  type Attendee,
  type CaucusSide,
  type Presence,
  type SessionContent,
  type Statement,
  type StatementMark,
  defaultStatementKind,
  maySpeakInCaucus,
} from '../../../../../electron/shared/domain/session';
import { allowedSpeakers, nextSpeaker, numberedSpeakers } from './speakers';

/** The longest statement the host accepts (StatementSchema: text(20000)). */
export const MAX_STATEMENT_LENGTH = 20000;

/**
 * What the editor holds: attendance, the statements so far, and the statement being typed in the composer (the draft).
 * The draft is saved as soon as it holds a word, so that nothing typed is lost before Enter, but apart from the
 * statements (SessionContent.composer): after a crash it comes back in the composer, not as a finished statement. It
 * keeps its id when committed, so saving it twice never duplicates it.
 */
export interface RecordState {
  attendees: Attendee[];
  statements: Statement[];
  draft: Statement;
  /** The composer's mode: null for the joint session, or the side a caucus (背对背) is held with. */
  caucus: CaucusSide | null;
  /** The last deletion, kept for 撤销 until the next deletion. */
  deleted: { statement: Statement; index: number } | null;
}

export type RecordAction =
  | { type: 'draft/text'; text: string; now: string }
  | { type: 'draft/speaker'; speakerId: string }
  | { type: 'draft/kind' }
  | { type: 'draft/mark'; mark: StatementMark }
  | { type: 'draft/commit'; newId: string; now: string }
  | { type: 'caucus'; side: CaucusSide | null }
  | { type: 'statement/text'; id: string; text: string }
  | { type: 'statement/split'; id: string; at: number; newId: string }
  | { type: 'statement/merge'; id: string }
  | { type: 'statement/move'; id: string; delta: -1 | 1 }
  | { type: 'statement/delete'; id: string }
  | { type: 'statement/undo-delete' }
  | { type: 'statement/mark'; id: string; mark: StatementMark }
  | { type: 'statement/kind'; id: string }
  | { type: 'statement/speaker'; id: string; speakerId: string }
  | { type: 'attendee/presence'; id: string; presence: Presence }
  | { type: 'attendee/note'; id: string; note: string }
  | { type: 'attendee/add'; attendee: Attendee }
  | { type: 'attendee/remove'; id: string };

/**
 * Alt+Q: the speaker's usual kind (问 for staff, 答 for others), then 陈述 (a narrative, an explanation of the law),
 * then the other one.
 */
export function nextKind(kind: Statement['kind'], usual: Statement['kind']): Statement['kind'] {
  const cycle: Statement['kind'][] = usual === 'question' ? ['question', 'statement', 'answer'] : ['answer', 'statement', 'question'];
  return cycle[(cycle.indexOf(kind) + 1) % cycle.length]!;
}

const toggle = (marks: readonly StatementMark[], mark: StatementMark): StatementMark[] => (marks.includes(mark) ? marks.filter((m) => m !== mark) : [...marks, mark]);

function kindFor(attendees: readonly Attendee[], speakerId: string): Statement['kind'] {
  const a = attendees.find((x) => x.id === speakerId);
  return a ? defaultStatementKind(a.kind) : 'statement';
}

/** A blank statement for `speakerId` (its time is set again when the first character is typed). */
export function blankStatement(id: string, speakerId: string, attendees: readonly Attendee[], caucus: CaucusSide | null, now: string): Statement {
  return { id, speakerId, kind: kindFor(attendees, speakerId), text: '', startedAt: now, marks: [], caucus };
}

/**
 * The editor's state for a loaded session. A statement left half-typed in the composer (saved before a crash, a
 * restart or leaving the editor) comes back there, with its speaker, marks and caucus; otherwise the composer starts
 * with the speaker a dialogue would give next.
 */
export function initialRecordState(content: SessionContent, draftId: string, now: string): RecordState {
  const base = { attendees: content.attendees, statements: content.statements, deleted: null };
  const kept = content.composer;
  if (kept?.text.trim() && content.attendees.some((a) => a.id === kept.speakerId)) return { ...base, draft: kept, caucus: kept.caucus };
  const speakers = numberedSpeakers(content.attendees);
  const speakerId = nextSpeaker(content.statements, speakers) ?? content.attendees[0]?.id ?? '';
  return { ...base, draft: blankStatement(draftId, speakerId, content.attendees, null, now), caucus: null };
}

/** What is saved: attendance, the statements, and the draft (apart) once it holds text. */
export function contentOf(state: Pick<RecordState, 'attendees' | 'statements' | 'draft'>): SessionContent {
  return { attendees: state.attendees, statements: state.statements, composer: state.draft.text.trim() ? state.draft : null };
}

function updateStatement(state: RecordState, id: string, change: (s: Statement) => Statement): RecordState {
  const i = state.statements.findIndex((s) => s.id === id);
  if (i < 0) return state;
  const statements = [...state.statements];
  statements[i] = change(statements[i]!);
  return { ...state, statements };
}

/** Splits at a character offset: the text after it becomes a new statement of the same speaker, right after. */
function split(state: RecordState, id: string, at: number, newId: string): RecordState {
  const i = state.statements.findIndex((s) => s.id === id);
  const s = state.statements[i];
  if (!s) return state;
  const head = s.text.slice(0, at).trimEnd();
  const tail = s.text.slice(at).trimStart();
  if (!head || !tail) return state;
  const statements = [...state.statements];
  statements.splice(i, 1, { ...s, text: head }, { ...s, id: newId, text: tail, marks: [] });
  return { ...state, statements };
}

/** Joins a statement onto the previous one (its speaker, kind and time stay); not across a caucus boundary. */
function merge(state: RecordState, id: string): RecordState {
  const i = state.statements.findIndex((s) => s.id === id);
  const prev = state.statements[i - 1];
  const s = state.statements[i];
  if (!prev || !s || !canMerge(state.statements, id)) return state;
  const statements = [...state.statements];
  const marks = [...prev.marks, ...s.marks.filter((m) => !prev.marks.includes(m))];
  statements.splice(i - 1, 2, { ...prev, text: prev.text + s.text, marks });
  return { ...state, statements };
}

/** Whether a statement can be merged into the one before it: there is one, and both are joint or of the same caucus. */
export function canMerge(statements: readonly Statement[], id: string): boolean {
  const i = statements.findIndex((s) => s.id === id);
  return i > 0 && statements[i - 1]!.caucus === statements[i]!.caucus;
}

function move(state: RecordState, id: string, delta: -1 | 1): RecordState {
  const i = state.statements.findIndex((s) => s.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= state.statements.length) return state;
  const statements = [...state.statements];
  [statements[i], statements[j]] = [statements[j]!, statements[i]!];
  return { ...state, statements };
}

/** Whether an attendee already spoke (then they cannot be removed: their statements need a speaker). */
export function hasSpoken(state: Pick<RecordState, 'statements' | 'draft'>, id: string): boolean {
  return state.statements.some((s) => s.speakerId === id) || (state.draft.speakerId === id && state.draft.text.trim() !== '');
}

function setAttendee(state: RecordState, id: string, change: (a: Attendee) => Attendee): RecordState {
  return { ...state, attendees: state.attendees.map((a) => (a.id === id ? change(a) : a)) };
}

/** Whether `speakerId` may be given a statement of this mode (a caucus: only that side and the staff). */
function mayGive(state: Pick<RecordState, 'attendees'>, speakerId: string, caucus: CaucusSide | null): boolean {
  const a = state.attendees.find((x) => x.id === speakerId);
  return caucus === null || (a !== undefined && maySpeakInCaucus(a, caucus));
}

/** The draft's speaker must stay someone present; when they leave, the composer falls back to the next likely one. */
function keepDraftSpeaker(state: RecordState): RecordState {
  const speakers = allowedSpeakers(numberedSpeakers(state.attendees), state.draft.caucus);
  if (speakers.some((s) => s.id === state.draft.speakerId) || state.draft.text.trim()) return state;
  const speakerId = nextSpeaker(state.statements, speakers) ?? state.draft.speakerId;
  return { ...state, draft: { ...state.draft, speakerId, kind: kindFor(state.attendees, speakerId) } };
}

export function recordReducer(state: RecordState, action: RecordAction): RecordState {
  switch (action.type) {
    case 'draft/text': {
      // The statement begins with its first character, not when the previous one was committed.
      const startedAt = state.draft.text === '' && action.text !== '' ? action.now : state.draft.startedAt;
      return { ...state, draft: { ...state.draft, text: action.text, startedAt } };
    }
    case 'draft/speaker':
      if (!mayGive(state, action.speakerId, state.draft.caucus)) return state;
      return { ...state, draft: { ...state.draft, speakerId: action.speakerId, kind: kindFor(state.attendees, action.speakerId) } };
    case 'draft/kind':
      return { ...state, draft: { ...state.draft, kind: nextKind(state.draft.kind, kindFor(state.attendees, state.draft.speakerId)) } };
    case 'draft/mark':
      return { ...state, draft: { ...state.draft, marks: toggle(state.draft.marks, action.mark) } };
    case 'draft/commit': {
      const text = state.draft.text.trim();
      if (!text) return state;
      const statements = [...state.statements, { ...state.draft, text }];
      const speakerId = nextSpeaker(statements, allowedSpeakers(numberedSpeakers(state.attendees), state.caucus)) ?? state.draft.speakerId;
      return { ...state, statements, draft: blankStatement(action.newId, speakerId, state.attendees, state.caucus, action.now) };
    }
    case 'caucus': {
      // The other side has left the room: a draft given to one of them goes to whoever may speak (its words stay).
      const next = { ...state, caucus: action.side, draft: { ...state.draft, caucus: action.side } };
      if (mayGive(state, state.draft.speakerId, action.side)) return next;
      const speakers = allowedSpeakers(numberedSpeakers(state.attendees), action.side);
      const speakerId = nextSpeaker(state.statements, speakers) ?? speakers[0]?.id ?? state.draft.speakerId;
      return { ...next, draft: { ...next.draft, speakerId, kind: kindFor(state.attendees, speakerId) } };
    }
    case 'statement/text':
      return updateStatement(state, action.id, (s) => ({ ...s, text: action.text }));
    case 'statement/split':
      return split(state, action.id, action.at, action.newId);
    case 'statement/merge':
      return merge(state, action.id);
    case 'statement/move':
      return move(state, action.id, action.delta);
    case 'statement/delete': {
      const index = state.statements.findIndex((s) => s.id === action.id);
      if (index < 0) return state;
      return { ...state, statements: state.statements.filter((s) => s.id !== action.id), deleted: { statement: state.statements[index]!, index } };
    }
    case 'statement/undo-delete': {
      if (!state.deleted) return state;
      const statements = [...state.statements];
      statements.splice(Math.min(state.deleted.index, statements.length), 0, state.deleted.statement);
      return { ...state, statements, deleted: null };
    }
    case 'statement/mark':
      return updateStatement(state, action.id, (s) => ({ ...s, marks: toggle(s.marks, action.mark) }));
    case 'statement/kind':
      return updateStatement(state, action.id, (s) => ({ ...s, kind: nextKind(s.kind, kindFor(state.attendees, s.speakerId)) }));
    case 'statement/speaker':
      if (!mayGive(state, action.speakerId, state.statements.find((s) => s.id === action.id)?.caucus ?? null)) return state;
      return updateStatement(state, action.id, (s) => ({ ...s, speakerId: action.speakerId, kind: kindFor(state.attendees, action.speakerId) }));
    case 'attendee/presence':
      return keepDraftSpeaker(setAttendee(state, action.id, (a) => ({ ...a, presence: action.presence })));
    case 'attendee/note':
      return setAttendee(state, action.id, (a) => ({ ...a, note: action.note }));
    case 'attendee/add':
      return state.attendees.some((a) => a.id === action.attendee.id) ? state : { ...state, attendees: [...state.attendees, action.attendee] };
    case 'attendee/remove': {
      const a = state.attendees.find((x) => x.id === action.id);
      if (!a || a.kind !== 'participant' || hasSpoken(state, action.id)) return state;
      return keepDraftSpeaker({ ...state, attendees: state.attendees.filter((x) => x.id !== action.id) });
    }
    default:
      throw new Error(`unknown record action ${JSON.stringify(action satisfies never)}`);
  }
}
