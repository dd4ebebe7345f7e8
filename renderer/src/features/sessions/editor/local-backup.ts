import { type SessionContent, SessionContentSchema, type SessionRecord } from '../../../../../electron/shared/domain/session';
import { ChangesDoNotApply, type SessionChanges, SessionChangesSchema, applySessionChanges, diffSessionContent, isEmptyChanges } from '../../../../../electron/shared/domain/session-changes';
import { clock } from '../../../lib/clock';
import { openLocal, sealLocal } from '../../../lib/local-key';

/**
 * A copy of what was typed but not yet stored by the host, kept in the renderer's localStorage. It covers what the
 * autosave cannot: the host is down (saves fail and are retried), then comes back having forgotten the sign-in, and the
 * editor is left for the sign-in screen; or the whole app is closed or crashes meanwhile. Without this copy the words
 * typed since the last save would be gone.
 *
 * The copy names the revision it was typed on. It is offered back only while the host still has that revision (nobody
 * saved the record since): then it is exactly the host's record plus what was typed, and saving it loses nothing.
 * It holds party statements, so it is encrypted with the signed-in person's key (lib/local-key.ts: never stored,
 * fetched from the host at sign-in) and lives only as long as needed: removed as soon as the host has everything, and
 * dropped unread after BACKUP_MAX_AGE_MS. Without the key (the host never reached since sign-in) no copy is written:
 * never the words in clear.
 */

/** A copy older than this is not offered back (and is removed): a week covers a weekend between sessions. */
export const BACKUP_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/**
 * The copy: what changed since `revision` (the host's record then), not the whole record, so that writing it stays
 * cheap however long the hearing. Copies written before that format hold the whole `content`; both are read.
 */
export type Backup = { revision: number; at: string } & ({ changes: SessionChanges } | { content: SessionContent });

const key = (sessionId: string) => `session-record-backup:${sessionId}`;

/** The copy of a record, decrypted (null: none, not this person's or this record's, altered, too old, unreadable). */
export async function loadBackup(storage: Storage, sessionId: string, now: number = clock.nowMs()): Promise<Backup | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(key(sessionId)) ?? 'null');
    if (raw && typeof raw === 'object' && (raw as { v?: unknown }).v === 2) {
      const text = await openLocal(raw as { iv: string; data: string }, key(sessionId));
      raw = text === null ? null : JSON.parse(text);
    }
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { revision, content, changes, at } = raw as Record<string, unknown>;
  if (typeof revision !== 'number' || typeof at !== 'string') return null;
  const body = changes !== undefined ? SessionChangesSchema.safeParse(changes) : SessionContentSchema.safeParse(content);
  if (!body.success) return null;
  if (!(now - Date.parse(at) < BACKUP_MAX_AGE_MS)) {
    clearBackup(storage, sessionId);
    return null;
  }
  return changes !== undefined ? { revision, at, changes: body.data as SessionChanges } : { revision, at, content: body.data as SessionContent };
}

/** The newest write per record: a copy sealed after a later one (or after it was cleared) is not stored. */
const latest = new Map<string, number>();
let writes = 0;

/** Seals and stores the copy (in the background: encryption is asynchronous). Resolves when it is stored or dropped. */
export async function writeBackup(storage: Storage, sessionId: string, backup: Backup): Promise<void> {
  const mine = ++writes;
  latest.set(sessionId, mine);
  let sealed: string;
  try {
    sealed = await sealLocal(JSON.stringify(backup), key(sessionId));
  } catch {
    return; // no key (the host not reached since sign-in): the autosave still runs; this copy is only a second line
  }
  if (latest.get(sessionId) !== mine) return;
  try {
    storage.setItem(key(sessionId), sealed);
  } catch {
    // Storage full or unavailable: as above.
  }
}

export function clearBackup(storage: Storage, sessionId: string): void {
  latest.set(sessionId, ++writes);
  try {
    storage.removeItem(key(sessionId));
  } catch {
    // as above
  }
}

/**
 * The content to put back into the editor for a loaded record, with when it was typed, or null: no copy, typed on
 * another revision, the record no longer editable, nothing new in it, or changes that do not fit the record.
 */
export function restorableBackup(backup: Backup | null, session: Pick<SessionRecord, 'revision' | 'status' | 'attendees' | 'statements' | 'composer'>): { content: SessionContent; at: string } | null {
  if (!backup || backup.revision !== session.revision) return null;
  if (session.status !== 'open' && session.status !== 'scheduled') return null;
  const hostContent: SessionContent = { attendees: session.attendees, statements: session.statements, composer: session.composer ?? null };
  let content: SessionContent;
  try {
    content = 'changes' in backup ? applySessionChanges(hostContent, backup.changes) : { ...backup.content, composer: backup.content.composer ?? null };
  } catch (error) {
    if (error instanceof ChangesDoNotApply) return null;
    throw error;
  }
  return isEmptyChanges(diffSessionContent(hostContent, content)) ? null : { content, at: backup.at };
}
