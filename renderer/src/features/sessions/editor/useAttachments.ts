import { type ChangeEvent, useMemo, useRef, useState } from 'react';
import type { Attachment } from '../../../../../electron/shared/domain/attachment';
import { call } from '../../../api/client';
import { useQueryClient } from '@tanstack/react-query';
import { refreshCase } from '../../../api/case-cache';
import { t } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { prepareFile } from './attachment-file';
import type { AttachmentViewing } from '../../attachments/AttachmentViewerModal';

/**
 * Evidence attached to statements: one hidden file input for the whole record (a picker inside a menu would be gone
 * with the menu before a file is chosen). The record is saved first — the host accepts an attachment only for a
 * statement it already has — then the file is checked, sent and shown as a chip; opening one reads it back.
 */
export function useAttachments({ caseId, sessionId, initial, flush, onAttached }: { caseId: string; sessionId: string; initial: readonly Attachment[]; flush: () => Promise<void>; onAttached: (statementId: string) => void }) {
  const [attachments, setAttachments] = useState<Attachment[]>([...initial]);
  const [viewing, setViewing] = useState<AttachmentViewing | null>(null);
  const [adding, setAdding] = useState(false);
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const target = useRef<string | null>(null);

  const byStatement = useMemo(() => {
    const map = new Map<string, Attachment[]>();
    for (const a of attachments) if (a.statementId) map.set(a.statementId, [...(map.get(a.statementId) ?? []), a]);
    return map;
  }, [attachments]);

  const pick = (statementId: string) => {
    target.current = statementId;
    inputRef.current?.click();
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0] ?? null;
    // The same file may be chosen again for another statement: clear the input every time.
    event.currentTarget.value = '';
    const statementId = target.current;
    if (!file || !statementId) return;
    const T = t.sessionEditor.attachments;
    setAdding(true);
    try {
      const prepared = await prepareFile(file);
      if (!prepared.ok) return notifyError(new Error(prepared.message), T.failed);
      await flush();
      const attachment = await call('attachments:add', { caseId, sessionId, statementId, category: 'evidence', label: prepared.label, mimeType: prepared.mimeType, base64: prepared.base64 });
      setAttachments((list) => [...list, attachment]);
      onAttached(statementId);
      void refreshCase(queryClient, caseId);
      notifySuccess(T.added(attachment.label));
    } catch (error) {
      notifyError(error, T.failed);
    } finally {
      setAdding(false);
    }
  };

  const open = async (attachment: Attachment) => {
    setViewing({ attachment, result: null });
    try {
      const result = await call('attachments:file', { caseId, attachmentId: attachment.id });
      setViewing((v) => (v?.attachment.id === attachment.id ? { attachment, result } : v));
    } catch (error) {
      setViewing((v) => (v?.attachment.id === attachment.id ? { attachment, result: { error } } : v));
    }
  };

  return { attachments, byStatement, viewing, adding, inputRef, pick, onFile, open, closeViewer: () => setViewing(null) };
}
