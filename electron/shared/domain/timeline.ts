import type { Attachment } from './attachment';
import type { CaseRecord } from './case';
import type { CaseAction } from './case-actions';
import type { DocumentVersion } from './document';
import type { SessionSummary } from './session';

/**
 * The case timeline (办理经过): one ordered list of what happened to a case, built from the case record alone —
 * the procedural actions (登记, 受理/不予受理/转办, 指派, 中止, 达成协议, 终止…), every session and investigation with
 * its outcome (scheduled ones as upcoming), every issued document version and every attachment added. It is a read
 * model: nothing here is stored, and the renderer words each event.
 */

/**
 * Where a session stands relative to `now`: 'upcoming' (scheduled, still ahead), 'due' (scheduled, its time has come
 * and it was not opened), 'open', 'closed', 'cancelled'.
 */
export type TimelineSessionPhase = 'upcoming' | 'due' | 'open' | 'closed' | 'cancelled';

interface EventBase {
  /** Unique within the timeline (for list keys). */
  key: string;
  /** When it happened (or, for a session not yet held, when it is scheduled): ISO date-time with offset. */
  at: string;
  /** The staff member who did it; null where the record does not say (sessions are held by their mediators). */
  by: string | null;
}

export type TimelineEvent =
  | (EventBase & { kind: 'action'; action: CaseAction })
  | (EventBase & {
      kind: 'session';
      session: SessionSummary;
      phase: TimelineSessionPhase;
      /** The SESSION_RECORDED step this session stands for (its note says how it ended), if any. */
      recorded: CaseAction | null;
    })
  | (EventBase & { kind: 'document'; document: DocumentVersion; /** The session a record was made from. */ subject: SessionSummary | null })
  | (EventBase & { kind: 'attachment'; attachment: Attachment; /** The session it was added to, if any. */ session: SessionSummary | null });

export type TimelineEventKind = TimelineEvent['kind'];

/** At the same instant, a session comes before the actions it led to, and those before the paper made of them. */
const KIND_RANK: Record<TimelineEventKind, number> = { session: 0, action: 1, document: 2, attachment: 3 };

function sessionPhase(session: SessionSummary, nowMs: number): TimelineSessionPhase {
  switch (session.status) {
    case 'scheduled':
      return Date.parse(session.scheduledAt) > nowMs ? 'upcoming' : 'due';
    case 'open':
      return 'open';
    case 'closed':
      return 'closed';
    case 'cancelled':
      return 'cancelled';
    default:
      throw new Error(`unknown session status ${String(session.status satisfies never)}`);
  }
}

/** A session is placed when it began; one not begun (or cancelled) where it was scheduled. */
function sessionAt(session: SessionSummary): string {
  return session.status === 'open' || session.status === 'closed' ? (session.startedAt ?? session.scheduledAt) : session.scheduledAt;
}

/**
 * SESSION_RECORDED actions say again what the session events show (the session and its outcome): each is merged into
 * the closed session that ended at that moment; one is listed on its own only when no session did (e.g. a history
 * older than session records).
 */
function recordedStep(session: SessionSummary, actions: readonly CaseAction[]): CaseAction | null {
  if (session.kind !== 'session' || session.status !== 'closed' || session.endedAt === null) return null;
  const at = Date.parse(session.endedAt);
  return actions.find((a) => a.type === 'SESSION_RECORDED' && Date.parse(a.at) === at) ?? null;
}

/**
 * The case's events, oldest first (a case file reads from the first page on); sessions still ahead come last.
 * Events at the same instant keep a fixed order: session, action, document, attachment, then as recorded.
 * `now` (ISO date-time) decides which scheduled sessions are still upcoming.
 */
export function buildCaseTimeline(
  record: Pick<CaseRecord, 'actions' | 'sessions' | 'documents' | 'attachments'>,
  now: string,
): TimelineEvent[] {
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new RangeError(`not an ISO date-time: ${JSON.stringify(now)}`);
  const sessionById = new Map(record.sessions.map((s) => [s.id, s]));
  const events: TimelineEvent[] = [];

  const merged = new Set<CaseAction>();
  for (const session of record.sessions) {
    const recorded = recordedStep(session, record.actions);
    if (recorded) merged.add(recorded);
    events.push({ kind: 'session', key: `session:${session.id}`, at: sessionAt(session), by: null, session, phase: sessionPhase(session, nowMs), recorded });
  }
  for (const action of record.actions) {
    if (merged.has(action)) continue;
    events.push({ kind: 'action', key: `action:${action.id}`, at: action.at, by: action.by, action });
  }
  for (const document of record.documents) {
    const subject = document.subjectId ? (sessionById.get(document.subjectId) ?? null) : null;
    events.push({ kind: 'document', key: `document:${document.id}`, at: document.createdAt, by: document.createdBy, document, subject });
  }
  for (const attachment of record.attachments) {
    const session = attachment.sessionId ? (sessionById.get(attachment.sessionId) ?? null) : null;
    events.push({ kind: 'attachment', key: `attachment:${attachment.id}`, at: attachment.addedAt, by: attachment.addedBy, attachment, session });
  }

  const order = new Map(events.map((e, i) => [e, i]));
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || KIND_RANK[a.kind] - KIND_RANK[b.kind] || order.get(a)! - order.get(b)!);
}

/** Whether an event lies ahead (a session scheduled and not yet due): drawn apart from what already happened. */
export function isUpcoming(event: TimelineEvent): boolean {
  return event.kind === 'session' && event.phase === 'upcoming';
}
