import { z } from 'zod';
import { type SessionContent, SessionRecordSchema, type Statement, StatementSchema } from './session';

/**
 * What changed in a session record since a revision the host has: the autosave and the editor's local copy carry
 * this instead of the whole record, so that a hearing of 2,000 statements costs what one statement costs.
 *
 * - `put`: statements that are new or changed, whole (a new one goes after the others, in `put` order);
 * - `removed`: ids of statements deleted;
 * - `order`: every statement id in order, only when statements were moved (or a new one was not simply added at
 *   the end: a split);
 * - `attendees` and `composer`: present only when they changed (attendance is small; composer null: emptied).
 */
export const SessionChangesSchema = z.strictObject({
  attendees: SessionRecordSchema.shape.attendees.optional(),
  put: z.array(StatementSchema).max(5000),
  removed: z.array(z.uuid()).max(5000),
  order: z.array(z.uuid()).max(5000).optional(),
  composer: StatementSchema.nullable().optional(),
});
export type SessionChanges = z.infer<typeof SessionChangesSchema>;

/** A change set made on another version of the record than the one it is applied to. */
export class ChangesDoNotApply extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangesDoNotApply';
  }
}

const sameStatement = (a: Statement, b: Statement) =>
  a === b ||
  (a.text === b.text && a.speakerId === b.speakerId && a.kind === b.kind && a.startedAt === b.startedAt && a.caucus === b.caucus && a.marks.length === b.marks.length && a.marks.every((m, i) => m === b.marks[i]));

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The change set that turns `base` into `next` (empty when nothing changed: see isEmptyChanges). */
export function diffSessionContent(base: SessionContent, next: SessionContent): SessionChanges {
  const before = new Map(base.statements.map((s) => [s.id, s]));
  const after = new Set(next.statements.map((s) => s.id));
  const put = next.statements.filter((s) => {
    const old = before.get(s.id);
    return !old || !sameStatement(old, s);
  });
  const removed = base.statements.filter((s) => !after.has(s.id)).map((s) => s.id);
  // The order applying put/removed alone would give: the kept ones as they were, then the new ones.
  const implied = [...base.statements.filter((s) => after.has(s.id)).map((s) => s.id), ...next.statements.filter((s) => !before.has(s.id)).map((s) => s.id)];
  const moved = implied.some((id, i) => next.statements[i]!.id !== id);
  const changes: SessionChanges = { put, removed };
  if (moved) changes.order = next.statements.map((s) => s.id);
  if (!sameJson(base.attendees, next.attendees)) changes.attendees = next.attendees;
  if (!sameJson(base.composer, next.composer)) changes.composer = next.composer ?? null;
  return changes;
}

export const isEmptyChanges = (c: SessionChanges) => c.put.length === 0 && c.removed.length === 0 && !c.order && c.attendees === undefined && c.composer === undefined;

/**
 * `base` with the changes applied. Throws ChangesDoNotApply when they were not made on this base (a removed id it
 * does not hold, an order that is not a permutation of its statements): the caller's revision check normally
 * catches that first; this is the second line, so that a stale change set can never scramble a record.
 */
export function applySessionChanges(base: SessionContent, changes: SessionChanges): SessionContent {
  const ids = new Set(base.statements.map((s) => s.id));
  for (const id of changes.removed) if (!ids.has(id)) throw new ChangesDoNotApply(`removed statement ${id} is not in the record`);
  const removed = new Set(changes.removed);
  const put = new Map(changes.put.map((s) => [s.id, s]));
  const statements = base.statements.filter((s) => !removed.has(s.id)).map((s) => put.get(s.id) ?? s);
  for (const s of changes.put) if (!ids.has(s.id)) statements.push(s);
  let ordered = statements;
  if (changes.order) {
    const byId = new Map(statements.map((s) => [s.id, s]));
    if (changes.order.length !== statements.length || new Set(changes.order).size !== statements.length || changes.order.some((id) => !byId.has(id))) {
      throw new ChangesDoNotApply('the order does not list the statements of the record');
    }
    ordered = changes.order.map((id) => byId.get(id)!);
  }
  return {
    attendees: changes.attendees ?? base.attendees,
    statements: ordered,
    composer: changes.composer !== undefined ? changes.composer : (base.composer ?? null),
  };
}
