import { type Attendee, type CaucusSide, type SessionKind, type SessionRecord, type Statement, caucusSpeakers, sideOf, speakerLabel } from '../../../../../electron/shared/domain/session';

/**
 * Who may speak, and in what order they are numbered for Alt+1…9: the people present, mediators first (they speak
 * most), then the parties, their agents, invited participants and the recorder last. Within a kind the order of the
 * attendance list is kept, so numbers do not jump while attendance is taken further down the list.
 */
const KIND_ORDER: Record<Attendee['kind'], number> = { mediator: 0, party: 1, agent: 2, participant: 3, recorder: 4 };

/** Attendees in display order (the attendance panel uses the same order, so its numbers read top-down). */
export function orderAttendees(attendees: readonly Attendee[]): Attendee[] {
  return attendees
    .map((a, i) => ({ a, i }))
    .sort((x, y) => KIND_ORDER[x.a.kind] - KIND_ORDER[y.a.kind] || x.i - y.i)
    .map(({ a }) => a);
}

/** Staff attend by their office; everyone else only once marked 到场. */
export const isPresent = (a: Attendee) => a.kind === 'mediator' || a.kind === 'recorder' || a.presence === 'present';

/** Who may be recorded as speaking: those present, and a party who came to say they refuse mediation (art. 17). */
const canSpeak = (a: Attendee) => isPresent(a) || a.presence === 'refused';

/** The attendees who may speak, in numbering order: index 0 is Alt+1. */
export function numberedSpeakers(attendees: readonly Attendee[]): Attendee[] {
  return orderAttendees(attendees).filter(canSpeak);
}

/**
 * The speakers a statement of this mode may be given: in a caucus only that side and the staff (the shared rule main
 * enforces). The others keep their Alt+N numbers, disabled, so that a number never means someone else mid-session.
 */
export function allowedSpeakers(speakers: readonly Attendee[], caucus: CaucusSide | null): Attendee[] {
  return caucusSpeakers(speakers, caucus);
}

/** The Alt+N number of an attendee (1-based), or null when absent or beyond 9. */
export function speakerNumber(speakers: readonly Attendee[], id: string): number | null {
  const i = speakers.findIndex((a) => a.id === id);
  return i >= 0 && i < 9 ? i + 1 : null;
}

/** The side of a party or agent: the shared rule main also judges caucus speakers by. */
export { sideOf };

/** The sides a caucus can be held with: those that have a party in this session. */
export function caucusSides(attendees: readonly Attendee[]): CaucusSide[] {
  const order: CaucusSide[] = ['applicant', 'respondent', 'third_party'];
  const present = new Set(attendees.filter((a) => a.kind === 'party').map(sideOf));
  return order.filter((s) => present.has(s));
}

/**
 * A speaker as shown in the editor, the way the record prints it: in an investigation the mediator is the 调查人 and
 * the person interviewed the 被调查人.
 */
export function displaySpeaker(a: Pick<Attendee, 'id' | 'kind' | 'name' | 'relation'>, sessionKind: SessionKind, subjectId: string | null = null): string {
  if (sessionKind === 'investigation' && a.kind === 'mediator') return `调查人${a.name}`;
  if (sessionKind === 'investigation' && a.id === subjectId) return `被调查人${a.name}`;
  return speakerLabel(a);
}

/** Who is interviewed in an investigation (as the printed record finds them): the party named, or the witness. */
export function subjectIdOf(session: Pick<SessionRecord, 'kind' | 'subject'>, attendees: readonly Attendee[]): string | null {
  const subject = session.subject;
  if (session.kind !== 'investigation' || !subject) return null;
  if (subject.kind === 'party') return subject.partyId;
  const participants = attendees.filter((a) => a.kind === 'participant');
  return (participants.find((a) => a.name === subject.name) ?? participants[0])?.id ?? null;
}

/** A speaker on a chip, where space is short: agents and participants by their office, without whom they act for. */
export function shortSpeaker(a: Pick<Attendee, 'id' | 'kind' | 'name' | 'relation'>, sessionKind: SessionKind, subjectId: string | null = null): string {
  if (sessionKind === 'investigation' && a.id === subjectId) return `被调查人${a.name}`;
  if (a.kind === 'agent') return `代理人${a.name}`;
  if (a.kind === 'participant') return `参加人${a.name}`;
  return displaySpeaker(a, sessionKind);
}

/** A tone per speaker: staff in the app's blue, each side its own colour, others grey. */
export type SpeakerTone = 'staff' | CaucusSide | 'other';
export function toneOf(a: Pick<Attendee, 'kind' | 'relation'> | undefined): SpeakerTone {
  if (!a) return 'other';
  if (a.kind === 'mediator' || a.kind === 'recorder') return 'staff';
  return sideOf(a) ?? 'other';
}

/**
 * Who most likely speaks next after `statements` (the last one just committed): a record is mostly a dialogue, so the
 * speaker before the last one (if still present) — the mediator asks, the party answers, the mediator asks again.
 * Failing that, after a staff member the first present party, after anyone else the first mediator.
 */
export function nextSpeaker(statements: readonly Pick<Statement, 'speakerId'>[], speakers: readonly Attendee[]): string | null {
  const last = statements.at(-1);
  const first = speakers[0]?.id ?? null;
  if (!last) return first;
  const present = (id: string) => speakers.some((s) => s.id === id);
  for (let i = statements.length - 2; i >= 0; i -= 1) {
    const id = statements[i]!.speakerId;
    if (id !== last.speakerId) {
      if (present(id)) return id;
      break;
    }
  }
  const lastSpeaker = speakers.find((s) => s.id === last.speakerId);
  if (lastSpeaker && (lastSpeaker.kind === 'mediator' || lastSpeaker.kind === 'recorder')) {
    return speakers.find((s) => s.kind === 'party' || s.kind === 'agent' || s.kind === 'participant')?.id ?? last.speakerId;
  }
  return speakers.find((s) => s.kind === 'mediator')?.id ?? first;
}
