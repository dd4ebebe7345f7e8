import { type RefObject, useState } from 'react';
import { SESSION_KINDS, type SessionContent, type SessionOutcome } from '../../../../../electron/shared/domain/session';
import type { SessionView } from '../../../../../electron/shared/ipc/contract';
import { call } from '../../../api/client';
import { isApiCallError } from '../../../api/errors';
import { useQueryClient } from '@tanstack/react-query';
import { refreshCases } from '../../../api/case-cache';
import { t } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';
import type { Autosaver } from '../../../lib/autosave';
import { type RecordState, contentOf } from './record-state';

/**
 * 开始 and 结束: both first save what is typed (they name the revision the autosave reached), then change the record
 * on the host and hand the new revision back to the autosave. No save may run while the session is closed, so the
 * autosave is held for the call (and released again if it fails).
 */
export function useSessionLifecycle({ view, setView, onReplace, saver, stateRef, afterOpen }: { view: SessionView; setView: (view: SessionView) => void; onReplace: (view: SessionView) => void; saver: Autosaver<SessionContent>; stateRef: RefObject<RecordState>; afterOpen: () => void }) {
  const [opening, setOpening] = useState(false);
  const [ending, setEnding] = useState(false);
  const [closing, setClosing] = useState(false);
  const queryClient = useQueryClient();
  const { session } = view;
  const kind = SESSION_KINDS[session.kind];
  const ref = { caseId: session.caseId, sessionId: session.id };

  const open = async () => {
    setOpening(true);
    try {
      await saver.flush();
      const next = await call('sessions:open', { ...ref, revision: saver.currentRevision });
      saver.adopt({ revision: next.session.revision, updatedAt: next.session.updatedAt });
      setView({ ...view, ...next, session: { ...next.session, ...contentOf(stateRef.current) } });
      void refreshCases(queryClient);
      notifySuccess(t.sessionEditor.open.done(kind));
      afterOpen();
    } catch (error) {
      notifyError(error);
    } finally {
      setOpening(false);
    }
  };

  const close = async (outcome: SessionOutcome | null) => {
    setClosing(true);
    try {
      await saver.flush();
      saver.dispose();
      const closed = await call('sessions:close', { ...ref, revision: saver.currentRevision, content: contentOf(stateRef.current), outcome });
      saver.adopt({ revision: closed.session.revision, updatedAt: closed.session.updatedAt });
      void refreshCases(queryClient);
      notifySuccess(t.sessionEditor.end.done(kind));
      setEnding(false);
      onReplace(closed);
    } catch (error) {
      saver.activate();
      // Field problems (a next date in the past) and the art. 17 refusal come back with the host's Chinese message.
      notifyError(error, isApiCallError(error) && error.code === 'NOT_ALLOWED' ? t.sessionEditor.end.notAllowed : undefined);
    } finally {
      setClosing(false);
    }
  };

  return { open, close, opening, ending, setEnding, closing };
}
