import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n';
import { base64ToBytes } from '../../lib/pdf';
import { loadPdfjs } from '../../lib/pdf-preload';
import type { PDFDocumentProxy, PDFPageProxy, PdfHandle } from '../../lib/pdfjs';

export interface LoadedPdf {
  /** Names the document in the page cache (lib/pdf-page-cache.ts). */
  id: number;
  doc: PDFDocumentProxy;
  pages: PDFPageProxy[];
  /** Page sizes in points (scale 1). */
  sizes: { width: number; height: number }[];
}

export type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; pdf: LoadedPdf };

/**
 * The document for these bytes, parsed by pdf.js (or taken from those already parsed: lib/pdfjs.ts acquirePdf). When
 * the bytes change (a preview replaced by the issued version, an agreement re-rendered as it is typed), the previous
 * document stays until the new one is ready, so the viewer never goes blank in between.
 */
export function useLoadedPdf(pdfBase64: string): LoadState {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  /** The document on screen, held until it is replaced or the viewer goes. */
  const shown = useRef<PdfHandle | null>(null);

  useEffect(() => {
    let alive = true;
    let pending: PdfHandle | null = null;
    (async () => {
      const pdfjs = await loadPdfjs();
      if (!alive) return;
      const handle = pdfjs.acquirePdf(pdfBase64, () => base64ToBytes(pdfBase64));
      pending = handle;
      const doc = await handle.doc;
      const pages = await Promise.all(Array.from({ length: doc.numPages }, (_, i) => doc.getPage(i + 1)));
      if (!alive) return;
      const sizes = pages.map((page) => {
        const viewport = page.getViewport({ scale: 1 });
        return { width: viewport.width, height: viewport.height };
      });
      shown.current?.release();
      shown.current = handle;
      pending = null;
      setState({ status: 'ready', pdf: { id: handle.id, doc, pages, sizes } });
    })().catch((error: unknown) => {
      console.error('pdf viewer: cannot open document', error);
      if (!alive) return;
      shown.current?.release();
      shown.current = null;
      // pdf.js names a file it cannot read InvalidPDFException (base64 that is not base64 fails in atob); anything
      // else is the viewer failing, not the file.
      const broken = error instanceof Error && (error.name === 'InvalidPDFException' || error.name === 'InvalidCharacterError');
      setState({ status: 'error', message: broken ? t.pdf.broken : t.pdf.engineFailed });
    });
    return () => {
      alive = false;
      pending?.release();
    };
  }, [pdfBase64]);

  useEffect(
    () => () => {
      shown.current?.release();
      shown.current = null;
    },
    [],
  );
  return state;
}
