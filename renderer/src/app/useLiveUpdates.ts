import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SignOutReason } from '../../../electron/shared/ipc/live-events';
import { refreshCases } from '../api/case-cache';
import { noteDatabaseConnection } from '../api/client';

/**
 * Listens to the host's live events (window.workstationHost.onLiveEvent: Electron's preload or browser mode's event
 * stream). A change to cases refreshes the lists, the desks and the views of those cases (api/case-cache.ts); while
 * `paused` (the desk is locked, or nobody is signed in) the ids are only collected, and refreshed when it resumes, so a
 * locked desk makes no calls. Editors are not queries: what is being typed is never replaced by a refresh.
 * `onSignedOut` is called when an administrator's change ended this window's sign-in.
 */
export function useLiveUpdates({ paused, onSignedOut }: { paused: boolean; onSignedOut: (reason: SignOutReason) => void }): void {
  const client = useQueryClient();
  const pending = useRef<{ all: boolean; ids: Set<string> }>({ all: false, ids: new Set() });
  const pausedRef = useRef(paused);
  const signedOutRef = useRef(onSignedOut);
  useEffect(() => {
    signedOutRef.current = onSignedOut;
  });

  useEffect(() => {
    const flush = () => {
      const { all, ids } = pending.current;
      if (!all && ids.size === 0) return;
      pending.current = { all: false, ids: new Set() };
      void refreshCases(client, all ? undefined : [...ids]);
    };
    pausedRef.current = paused;
    if (!paused) flush();
    const stop = window.workstationHost?.onLiveEvent((event) => {
      if (event.type === 'signed-out') return signedOutRef.current(event.reason);
      if (event.type === 'database') return noteDatabaseConnection(event.connected);
      if (event.truncated) pending.current.all = true;
      for (const id of event.caseIds) pending.current.ids.add(id);
      if (!pausedRef.current) flush();
    });
    return stop;
  }, [client, paused]);
}
