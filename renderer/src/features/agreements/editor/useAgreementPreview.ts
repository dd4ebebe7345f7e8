import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentTemplateKey } from '../../../../../electron/shared/domain/document';
import { call } from '../../../api/client';

export interface PreviewRender {
  /** Increases with every request: a render is shown only if it is newer than the one on screen. */
  id: number;
  pdfBase64: string;
}

export interface PreviewState {
  latest: PreviewRender | null;
  error: unknown;
  rendering: boolean;
  retry: () => void;
}

/** How long after a save the preview is rendered again (saves come ~1 s after typing stops). */
export const PREVIEW_DELAY_MS = 1000;

/**
 * The agreement as it will print (documents:preview), rendered again ~1 s after each save. Answers may arrive out of
 * order when renders are slow; an answer older than the one shown is dropped, a newer one replaces it even if a
 * still newer request is under way (so slow renders never leave the preview blank).
 */
export function useAgreementPreview(input: { caseId: string; template: DocumentTemplateKey; subjectId: string; revision: number; enabled: boolean }): PreviewState {
  const { caseId, template, subjectId, revision, enabled } = input;
  const [latest, setLatest] = useState<PreviewRender | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [inFlight, setInFlight] = useState(0);
  const requests = useRef(0);
  const shown = useRef(0);
  const first = useRef(true);

  const render = useCallback(async () => {
    const id = ++requests.current;
    setInFlight((n) => n + 1);
    try {
      const preview = await call('documents:preview', { caseId, template, subjectId });
      if (id > shown.current) {
        shown.current = id;
        setLatest({ id, pdfBase64: preview.pdfBase64 });
        setError(null);
      }
    } catch (err) {
      if (id > shown.current) setError(err);
    } finally {
      setInFlight((n) => n - 1);
    }
  }, [caseId, template, subjectId]);

  useEffect(() => {
    if (!enabled) return;
    // The first render at once; later ones once the saves have settled.
    const delay = first.current ? 0 : PREVIEW_DELAY_MS;
    first.current = false;
    const timer = window.setTimeout(() => void render(), delay);
    return () => window.clearTimeout(timer);
  }, [revision, enabled, render]);

  return { latest, error, rendering: inFlight > 0, retry: () => void render() };
}
