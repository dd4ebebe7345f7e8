/**
 * pdf.js, set up for this app: the page never needs a browser PDF plugin (Electron runs without plugins), nothing is
 * fetched from the network (our PDFs embed their fonts; no CMaps, standard fonts or wasm are loaded) and nothing is
 * evaluated as code. Imported lazily (`await import('./pdfjs')`) so that pdf.js stays out of the start-up bundle.
 *
 * The worker is bundled by Vite as a plain `.js` file next to the app (served from 'self', so the CSP's
 * `script-src 'self'` covers it) and started by us as a module worker. pdf.js's own start-up wraps a worker whose
 * origin it cannot compare (Electron's file: pages have the opaque origin "null") in a blob: script, which the CSP
 * refuses; handing it a ready worker port avoids that. Where no worker can start at all, pdf.js parses on the main
 * thread from the same file: slower, but it still works.
 */
import { GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?worker&url';

export type { PDFDocumentProxy, PDFPageProxy };

GlobalWorkerOptions.workerSrc = workerUrl;

let sharedWorker: Promise<PDFWorker | null> | null = null;

/**
 * No worker could start: load the worker's code on the main thread instead. It registers itself as
 * `globalThis.pdfjsWorker`, which pdf.js then uses in place of a worker.
 */
async function mainThreadFallback(): Promise<null> {
  console.warn('pdf.js: no worker, parsing on the main thread');
  await import(/* @vite-ignore */ workerUrl).catch((error: unknown) => console.error('pdf.js: cannot load the worker code', error));
  return null;
}

/** One worker for the whole session (pdf.js recommends reusing it); null when pdf.js must run on the main thread. */
function worker(): Promise<PDFWorker | null> {
  sharedWorker ??= new Promise<PDFWorker | null>((resolve) => {
    let started: Worker;
    try {
      started = new Worker(workerUrl, { type: 'module', name: 'pdf.js' });
    } catch {
      resolve(mainThreadFallback());
      return;
    }
    // The worker says "ready" once its script has run; a script that cannot load fires "error" instead.
    const onMessage = () => {
      started.removeEventListener('error', onError);
      // pdf.js's typings only know `port: null`; its code takes a Worker (or MessagePort) here.
      resolve(new PDFWorker({ port: started as unknown as null }));
    };
    const onError = () => {
      started.removeEventListener('message', onMessage);
      started.terminate();
      resolve(mainThreadFallback());
    };
    started.addEventListener('message', onMessage, { once: true });
    started.addEventListener('error', onError, { once: true });
  });
  return sharedWorker;
}

/** Opens a PDF from its bytes (a copy is handed to pdf.js: it transfers typed arrays to the worker). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const port = await worker();
  const task = getDocument({
    data: bytes.slice(),
    ...(port ? { worker: port } : {}),
    isEvalSupported: false,
    // Everything the documents need is inside them: no CMaps, standard fonts or wasm decoders from anywhere.
    useWorkerFetch: false,
    useWasm: false,
    enableXfa: false,
    stopAtErrors: false,
  });
  return task.promise;
}

/** Device pixels for a CSS size: at least 1, rounded down (canvas sizes are integers). */
const px = (n: number) => Math.max(1, Math.floor(n));

/**
 * Renders one page into `canvas` at `scale` (PDF points → device pixels). The canvas is resized to the page; the
 * caller sets its CSS size. Returns a cancel function and the promise of the finished render.
 */
export function renderPage(page: PDFPageProxy, canvas: HTMLCanvasElement, scale: number): { promise: Promise<void>; cancel: () => void } {
  const viewport = page.getViewport({ scale });
  canvas.width = px(viewport.width);
  canvas.height = px(viewport.height);
  const task = page.render({ canvas, viewport, background: '#ffffff' });
  return { promise: task.promise, cancel: () => task.cancel() };
}

/** Whether an error is pdf.js reporting a render that we cancelled ourselves. */
export function isCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'RenderingCancelledException';
}
