import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import type { SessionContent } from '../../../../../electron/shared/domain/session';
import { diffSessionContent } from '../../../../../electron/shared/domain/session-changes';
import type { SessionView } from '../../../../../electron/shared/ipc/contract';
import { type Backup, clearBackup, restorableBackup, writeBackup } from './local-backup';
import { type RecordAction, type RecordState, contentOf, initialRecordState, recordReducer } from './record-state';
import { useSessionAutosave } from './useSessionAutosave';
import { clock } from '../../../lib/clock';

/**
 * How soon after a change the tab's backup copy is written (a throttle: continuous typing writes it every 400 ms). It
 * holds only the changes since the host's copy, so a write costs what was typed since the last save.
 */
const BACKUP_DELAY = 400;

/**
 * The record being edited and its autosave: every change to what is saved (attendance, statements, the draft once it
 * holds text) is reported to the autosaver, which reads the latest state when it saves. Until the host has it, a copy
 * is kept in the tab (local-backup.ts) and offered back when the record is opened again.
 */
/** `backup`: this tab's copy of the record, read (decrypted) with the record before the editor opens. */
export function useRecord(view: SessionView, backup: Backup | null = null) {
  const { session } = view;
  const storage = window.localStorage;
  const [restored] = useState(() => restorableBackup(backup, session));
  const [state, dispatch] = useReducer(recordReducer, undefined, () => initialRecordState(restored?.content ?? session, crypto.randomUUID(), clock.nowIso()));
  // A statement left half-typed (SessionContent.composer) is back in the composer: said so until it is committed.
  const [restoredDraftId] = useState(() => (state.draft.text ? state.draft.id : null));
  const stateRef = useRef<RecordState>(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const [hostContent] = useState<SessionContent>(() => ({ attendees: session.attendees, statements: session.statements, composer: session.composer ?? null }));
  const autosave = useSessionAutosave({ caseId: session.caseId, sessionId: session.id, revision: session.revision, updatedAt: session.updatedAt }, hostContent, () => contentOf(stateRef.current));
  const { saver, status, hostCopy } = autosave;

  // A blank draft is not saved, so choosing its speaker or mode is no change; its first character is.
  const savedDraft = state.draft.text.trim() ? state.draft : null;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      // A restored copy is not on the host yet: save it.
      if (restored) saver.changed();
      return;
    }
    saver.changed();
  }, [state.attendees, state.statements, savedDraft, saver, restored]);

  const backupTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const backupNow = useRef(() => {});
  backupNow.current = () => {
    backupTimer.current = null;
    if (saver.dirty) void writeBackup(storage, session.id, { revision: saver.currentRevision, changes: diffSessionContent(hostCopy.current, contentOf(stateRef.current)), at: clock.nowIso() });
    else clearBackup(storage, session.id);
  };
  useEffect(() => {
    if (!saver.dirty && status.state !== 'conflict') {
      if (backupTimer.current) clearTimeout(backupTimer.current);
      backupTimer.current = null;
      clearBackup(storage, session.id);
      return;
    }
    backupTimer.current ??= setTimeout(() => backupNow.current(), BACKUP_DELAY);
  }, [status, state.attendees, state.statements, savedDraft, saver, storage, session.id]);
  useEffect(
    () => () => {
      if (backupTimer.current) clearTimeout(backupTimer.current);
      backupNow.current();
    },
    [],
  );

  return { state, stateRef, dispatch: dispatch as (action: RecordAction) => void, autosave, restoredAt: restored?.at ?? null, restoredDraftId };
}
