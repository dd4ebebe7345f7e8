import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgreementContent } from '../../../../../electron/shared/domain/agreement';
import type { AgreementView } from '../../../../../electron/shared/ipc/contract';
import { call } from '../../../api/client';
import { isApiCallError } from '../../../api/errors';
import { Autosaver, type SaveStatus } from '../../../lib/autosave';

export interface AgreementDraft {
  content: AgreementContent;
  /** Changes the content (and arms the autosave). */
  update: (change: (content: AgreementContent) => AgreementContent) => void;
  /** The agreement as the host last returned it (status, review, revision after each save). */
  view: AgreementView;
  status: SaveStatus;
  saver: Autosaver<AgreementContent>;
  /** After a step (submit, review, register) that returned a new view: adopt its revision and status. */
  adopt: (view: AgreementView) => void;
}

/**
 * The agreement's content as edited on this page, autosaved like a session record (autosave.ts: debounced, one save
 * at a time, retried, stopped for good on a conflict). The host's answer to each save updates the view — a change
 * after approval comes back as 草拟中 with a 'reopened' review event — but never the content being typed.
 */
export function useAgreementDraft(loaded: AgreementView): AgreementDraft {
  const [content, setContent] = useState(loaded.agreement.content);
  const [view, setView] = useState(loaded);
  const contentRef = useRef(content);
  const [status, setStatus] = useState<SaveStatus>({ state: 'saved', at: loaded.agreement.updatedAt });
  const caseId = loaded.agreement.caseId;
  const [saver] = useState(
    () =>
      new Autosaver<AgreementContent>({
        revision: loaded.agreement.revision,
        savedAt: loaded.agreement.updatedAt,
        getContent: () => contentRef.current,
        save: async (next, revision) => {
          const saved = await call('agreements:save', { caseId, revision, content: next });
          setView(saved);
          return { revision: saved.agreement.revision, updatedAt: saved.agreement.updatedAt };
        },
        isConflict: (error) => isApiCallError(error) && error.code === 'CONFLICT',
        onStatus: setStatus,
      }),
  );

  const update = useCallback(
    (change: (c: AgreementContent) => AgreementContent) => {
      const next = change(contentRef.current);
      if (next === contentRef.current) return;
      contentRef.current = next;
      setContent(next);
      saver.changed();
    },
    [saver],
  );

  const adopt = useCallback(
    (next: AgreementView) => {
      setView(next);
      saver.adopt({ revision: next.agreement.revision, updatedAt: next.agreement.updatedAt });
    },
    [saver],
  );

  useEffect(() => {
    saver.activate();
    const flush = () => void saver.flush().catch(() => undefined);
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      // Leaving the editor (back to the case) keeps what was typed.
      saver.dispose();
      flush();
    };
  }, [saver]);

  return { content, update, view, status, saver, adopt };
}
