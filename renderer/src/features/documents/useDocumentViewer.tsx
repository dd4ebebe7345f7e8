import { type ReactNode, useEffect, useRef, useState } from 'react';
import { DOCUMENT_TEMPLATES, type DocumentTemplateKey, type DocumentVersion } from '../../../../electron/shared/domain/document';
import { allows } from '../../../../electron/shared/policy/policy';
import { call } from '../../api/client';
import { useQueryClient } from '@tanstack/react-query';
import { refreshCase } from '../../api/case-cache';
import { type SettingFocus, useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { preloadPdfjs, preloadPdfjsWhenIdle } from '../../lib/pdf-preload';
import { DocumentViewerModal, type Viewing } from './DocumentViewerModal';

export interface DocumentViewerOptions {
  caseId: string;
  caseNumber: string;
  /** The case's issued versions, to number the next one; null when not known (the viewer then says 新的一版). */
  documents: readonly DocumentVersion[] | null;
  /** How a record's session is named (第1次调解), for the viewer's title @default undefined */
  subjectLabel?: (subjectId: string) => string | undefined;
}

export interface DocumentViewer {
  /** Renders the document now (not stored) and shows it, with 出具. `subjectId` for a session's record. */
  preview: (template: DocumentTemplateKey, subjectId?: string) => Promise<void>;
  /** Reads an issued version back (checked against its SHA-256) and shows it. */
  open: (doc: DocumentVersion) => Promise<void>;
  /** Versions found altered when re-opened (documents:read said intact: false). */
  tampered: ReadonlySet<string>;
  /** The viewer dialog; render it once. */
  modal: ReactNode;
}

/**
 * Preview → 出具 → 打印 for one case, in one dialog: used by the case's 文书 section and the sessions list (打印记录),
 * and usable by any screen that shows a case's documents. Answers to an older request (the user closed the viewer or
 * opened another document) are dropped.
 */
export function useDocumentViewer({ caseId, caseNumber, documents, subjectLabel }: DocumentViewerOptions): DocumentViewer {
  const { navigate } = useRouter();
  const { staff } = useSession();
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [tampered, setTampered] = useState<Set<string>>(new Set());
  const queryClient = useQueryClient();
  const request = useRef(0);
  // A screen that can show documents gets pdf.js and its worker ready while the person reads it.
  useEffect(() => preloadPdfjsWhenIdle(), []);

  /** Versions are counted per template and, for records, per session. */
  const nextVersion = (template: DocumentTemplateKey, subjectId?: string) =>
    documents === null ? null : documents.filter((d) => d.template === template && (d.subjectId ?? undefined) === subjectId).length + 1;
  const labelOf = (subjectId: string | null | undefined) => (subjectId ? subjectLabel?.(subjectId) : undefined);

  const preview = async (template: DocumentTemplateKey, subjectId?: string) => {
    const id = ++request.current;
    const title = DOCUMENT_TEMPLATES[template].title;
    const same = (v: Viewing | null) => v?.kind === 'preview' && v.template === template && v.subjectId === subjectId;
    setViewing({ kind: 'preview', template, subjectId, title, subjectLabel: labelOf(subjectId), nextVersion: nextVersion(template, subjectId), result: null });
    // pdf.js starts while the host makes the PDF, not after.
    preloadPdfjs();
    let result: { pdfBase64: string } | { error: unknown };
    try {
      result = { pdfBase64: (await call('documents:preview', { caseId, template, ...(subjectId ? { subjectId } : {}) })).pdfBase64 };
    } catch (error) {
      result = { error };
    }
    if (id === request.current) setViewing((v) => (same(v) ? { ...(v as Extract<Viewing, { kind: 'preview' }>), result } : v));
  };

  const issue = async (template: DocumentTemplateKey, subjectId?: string) => {
    const id = ++request.current;
    setIssuing(true);
    try {
      const issued = await call('documents:issue', { caseId, template, ...(subjectId ? { subjectId } : {}) });
      void refreshCase(queryClient, caseId);
      // The viewer itself now says it (第N版, 文件校验一致); a notification would only cover its toolbar. Closed
      // meanwhile: then say it here.
      // The issued version takes the preview's place in the same viewer, which keeps the preview's pages on screen
      // until the issued file's are drawn.
      if (id === request.current) setViewing({ kind: 'version', doc: issued.document, subjectLabel: labelOf(issued.document.subjectId), result: issued, fromPreview: true });
      else notifySuccess(t.documents.issued(issued.document.title, issued.document.version));
    } catch (error) {
      notifyError(error);
    } finally {
      setIssuing(false);
    }
  };

  const open = async (doc: DocumentVersion) => {
    const id = ++request.current;
    const label = labelOf(doc.subjectId);
    setViewing({ kind: 'version', doc, subjectLabel: label, result: null });
    preloadPdfjs();
    try {
      const read = await call('documents:read', { caseId, documentId: doc.id });
      if (!read.intact) setTampered((s) => new Set(s).add(doc.id));
      if (id === request.current) setViewing({ kind: 'version', doc, subjectLabel: label, result: read });
    } catch (error) {
      if (id === request.current) setViewing({ kind: 'version', doc, subjectLabel: label, result: { error } });
    }
  };

  const close = () => {
    request.current += 1;
    setViewing(null);
  };

  const openSettings = (focus: SettingFocus) => {
    close();
    navigate({ name: 'staff', focus });
  };

  const modal = (
    <DocumentViewerModal
      viewing={viewing}
      caseNumber={caseNumber}
      issuing={issuing}
      canOpenSettings={allows('settings:update', staff.roles)}
      onIssue={(template, subjectId) => void issue(template, subjectId)}
      onRetry={(template, subjectId) => void preview(template, subjectId)}
      onOpenSettings={openSettings}
      onClose={close}
    />
  );
  return { preview, open, tampered, modal };
}
