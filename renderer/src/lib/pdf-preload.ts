/**
 * pdf.js (its chunk and its worker) loaded ahead of need: a screen that can show documents asks for it once the page
 * is idle, and a preview starts it while the host is still making the PDF, so that neither waits for the other. The
 * worker's 1.1 MB script and the first parse then cost nothing at the moment the user looks.
 */

type Pdfjs = typeof import('./pdfjs');

let loading: Promise<Pdfjs> | null = null;

/** pdf.js as set up for this app (lib/pdfjs.ts), imported once; a failed import is tried again next time. */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= import('./pdfjs').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** Where no worker can run (unit tests in jsdom), nothing is preloaded: the viewer loads pdf.js when it needs it. */
const canPreload = () => typeof window !== 'undefined' && typeof Worker !== 'undefined';

/** Starts loading pdf.js and its worker now; failures are left for the viewer to report when it needs them. */
export function preloadPdfjs(): void {
  if (!canPreload()) return;
  loadPdfjs()
    .then((pdfjs) => pdfjs.preload())
    .catch(() => undefined);
}

/** Preloads pdf.js once the page is idle (at the latest after `timeout` ms); returns a cancel function. */
export function preloadPdfjsWhenIdle(timeout = 2000): () => void {
  if (!canPreload()) return () => {};
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(preloadPdfjs, { timeout });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(preloadPdfjs, 500);
  return () => window.clearTimeout(id);
}
