import { type SessionContent, SessionContentSchema, type SessionRecord } from '../../../../../electron/shared/domain/session';
import { clock } from '../../../lib/clock';

/**
 * A copy of what was typed but not yet stored by the host, kept in the renderer's localStorage. It covers what the
 * autosave cannot: the host is down (saves fail and are retried), then comes back having forgotten the sign-in, and the
 * editor is left for the sign-in screen; or the whole app is closed or crashes meanwhile. Without this copy the words
 * typed since the last save would be gone.
 *
 * The copy names the revision it was typed on. It is offered back only while the host still has that revision (nobody
 * saved the record since): then it is exactly the host's record plus what was typed, and saving it loses nothing.
 * It holds party statements, so it lives only as long as needed: removed as soon as the host has everything, and
 * dropped unread after BACKUP_MAX_AGE_MS.
 */

/** A copy older than this is not offered back (and is removed): a week covers a weekend between sessions. */
export const BACKUP_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export interface Backup {
  /** The host's revision the content was typed on. */
  revision: number;
  content: SessionContent;
  /** When the copy was taken (ISO). */
  at: string;
}

const key = (sessionId: string) => `session-record-backup:${sessionId}`;

export function readBackup(storage: Storage, sessionId: string, now: number = clock.nowMs()): Backup | null {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(key(sessionId)) ?? 'null');
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { revision, content, at } = raw as Record<string, unknown>;
  const parsed = SessionContentSchema.safeParse(content);
  if (typeof revision !== 'number' || typeof at !== 'string' || !parsed.success) return null;
  if (!(now - Date.parse(at) < BACKUP_MAX_AGE_MS)) {
    clearBackup(storage, sessionId);
    return null;
  }
  return { revision, content: parsed.data, at };
}

export function writeBackup(storage: Storage, sessionId: string, backup: Backup): void {
  try {
    storage.setItem(key(sessionId), JSON.stringify(backup));
  } catch {
    // Storage full or unavailable: the autosave still runs; this copy is only a second line.
  }
}

export function clearBackup(storage: Storage, sessionId: string): void {
  try {
    storage.removeItem(key(sessionId));
  } catch {
    // as above
  }
}

/** The backup to restore into the editor for a loaded record, or null (none, stale, or nothing new in it). */
export function restorableBackup(backup: Backup | null, session: Pick<SessionRecord, 'revision' | 'status' | 'attendees' | 'statements' | 'composer'>): Backup | null {
  if (!backup || backup.revision !== session.revision) return null;
  if (session.status !== 'open' && session.status !== 'scheduled') return null;
  const { attendees, statements, composer } = backup.content;
  const same = JSON.stringify({ attendees, statements, composer: composer ?? null }) === JSON.stringify({ attendees: session.attendees, statements: session.statements, composer: session.composer ?? null });
  return same ? null : backup;
}
