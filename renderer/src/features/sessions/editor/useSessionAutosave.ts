import { type RefObject, useEffect, useRef, useState } from 'react';
import type { SessionContent } from '../../../../../electron/shared/domain/session';
import { diffSessionContent } from '../../../../../electron/shared/domain/session-changes';
import { call, isOutage, onHostReachability } from '../../../api/client';
import { isApiCallError } from '../../../api/errors';
import { Autosaver, type SaveStatus } from '../../../lib/autosave';
import { registerBeforeLock } from '../../../lib/idle-lock';

export interface SessionAutosave {
  status: SaveStatus;
  saver: Autosaver<SessionContent>;
  /** The record as the host has it at `saver.currentRevision`: what the next save and the tab's copy are changes to. */
  hostCopy: RefObject<SessionContent>;
}

/**
 * The autosave of one session record (see autosave.ts), wired to the page: saved when the window is hidden or closed
 * and when the editor is left; the caller reports changes (`saver.changed()`) and flushes on blur. A save carries only
 * what changed since the host's copy (sessions:save-changes), so a long hearing saves as fast as a short one.
 */
export function useSessionAutosave(ref: { caseId: string; sessionId: string; revision: number; updatedAt: string }, loaded: SessionContent, getContent: () => SessionContent): SessionAutosave {
  const getContentRef = useRef(getContent);
  getContentRef.current = getContent;
  const hostCopy = useRef(loaded);
  const [status, setStatus] = useState<SaveStatus>({ state: 'saved', at: ref.updatedAt });
  const [saver] = useState(
    () =>
      new Autosaver<SessionContent>({
        revision: ref.revision,
        savedAt: ref.updatedAt,
        getContent: () => getContentRef.current(),
        save: async (content, revision) => {
          const saved = await call('sessions:save-changes', { caseId: ref.caseId, sessionId: ref.sessionId, revision, changes: diffSessionContent(hostCopy.current, content) });
          hostCopy.current = content;
          return saved;
        },
        isConflict: (error) => isApiCallError(error) && error.code === 'CONFLICT',
        isOffline: isOutage,
        onStatus: setStatus,
      }),
  );

  useEffect(() => {
    saver.activate();
    const flush = () => void saver.flush().catch(() => undefined);
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    // The desk locking (idle, 锁屏, the OS) or the person signing out saves what was typed first.
    const unregister = registerBeforeLock(() => saver.flush().catch(() => undefined));
    // The host answers again (a restarted server): save now rather than at the end of a retry pause of up to 30 s.
    const unwatch = onHostReachability((reachable) => {
      if (reachable && saver.dirty) saver.retry();
    });
    return () => {
      unwatch();
      unregister();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      // Leaving the editor (back to the case, another menu item) keeps what was typed.
      saver.dispose();
      flush();
    };
  }, [saver]);

  return { status, saver, hostCopy };
}
