import { useState } from 'react';
import type { DocumentTemplateKey } from '../../../../../electron/shared/domain/document';
import { SESSION_KINDS, type SessionRecord } from '../../../../../electron/shared/domain/session';
import { useQuery } from '@tanstack/react-query';
import { t } from '../../../i18n';
import { notifyError } from '../../../lib/notify';
import { caseQueries } from '../../cases/queries';
import { useDocumentViewer } from '../../documents/useDocumentViewer';

/**
 * 打印记录: saves what is typed, then previews the 人民调解记录 / 调查记录 of this session in the shared document viewer,
 * where it is issued (a stored, hashed version: what gets printed).
 */
export function usePrintRecord({ session, caseNumber, flush }: { session: Pick<SessionRecord, 'id' | 'caseId' | 'kind' | 'number'>; caseNumber: string; flush: () => Promise<void> }) {
  const template: DocumentTemplateKey = session.kind === 'session' ? 'session-record' : 'investigation-record';
  const detail = useQuery(caseQueries.detail(session.caseId));
  const [preparing, setPreparing] = useState(false);
  const viewer = useDocumentViewer({
    caseId: session.caseId,
    caseNumber,
    documents: detail.data?.record.documents ?? null,
    subjectLabel: (id) => (id === session.id ? t.sessionEditor.ordinal(session.number, SESSION_KINDS[session.kind]) : undefined),
  });

  const preview = async () => {
    setPreparing(true);
    try {
      await flush();
    } catch {
      notifyError(new Error(t.sessionEditor.print.flushFailed));
      return;
    } finally {
      setPreparing(false);
    }
    await viewer.preview(template, session.id);
  };

  return { preview, preparing, modal: viewer.modal };
}
