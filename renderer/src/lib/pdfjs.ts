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
 *
 * Opened documents are shared (acquirePdf): the viewer, a re-opened version and printing parse a PDF once, and the
 * last few closed ones stay parsed for a while, with the pages already drawn of them (pdf-page-cache.ts).
 */
import { GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?worker&url';
import { forgetDrawnPages } from './pdf-page-cache';

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
export function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return open(bytes.slice());
}

/** Opens a PDF from bytes nobody else uses: pdf.js takes them over. */
async function open(data: Uint8Array): Promise<PDFDocumentProxy> {
  const port = await worker();
  const task = getDocument({
    data,
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

/** Starts the worker ahead of the first document (pdf-preload.ts calls this when a viewer is likely to be needed). */
export async function preload(): Promise<void> {
  await worker();
}

/** A parsed PDF shared by everyone showing or printing the same bytes. */
interface SharedPdf {
  /** Names the document in the page cache; never reused. */
  id: number;
  doc: Promise<PDFDocumentProxy>;
  users: number;
  /** Base64 characters, for the budget of documents kept while nobody shows them. */
  size: number;
}

/** Keyed by the PDF's base64 (what the API hands out): the same bytes are the same document. */
const shared = new Map<string, SharedPdf>();
let nextId = 1;
/** Closed documents kept parsed, newest last: at most this many, and at most this much base64 in all. */
const KEEP_CLOSED = 4;
const KEEP_CLOSED_CHARS = 24 * 1024 * 1024;

function destroy(key: string, entry: SharedPdf): void {
  shared.delete(key);
  forgetDrawnPages(entry.id);
  entry.doc.then((doc) => doc.destroy()).catch(() => undefined);
}

/** Lets go of the closed documents beyond the budget, oldest first (Map order: the last released is last). */
function trim(): void {
  const closed = [...shared].filter(([, e]) => e.users === 0);
  let chars = closed.reduce((sum, [, e]) => sum + e.size, 0);
  let count = closed.length;
  for (const [key, entry] of closed) {
    if (count <= KEEP_CLOSED && chars <= KEEP_CLOSED_CHARS) break;
    destroy(key, entry);
    count -= 1;
    chars -= entry.size;
  }
}

export interface PdfHandle {
  id: number;
  doc: Promise<PDFDocumentProxy>;
  /** Done with it: it may be kept for a while, then destroyed. Call once. */
  release: () => void;
}

/**
 * The parsed document for these bytes: the one already open (or kept since it was closed), else a new one.
 * `decode` turns the key into bytes, only when the document must be parsed.
 */
export function acquirePdf(base64: string, decode: () => Uint8Array): PdfHandle {
  let entry = shared.get(base64);
  if (!entry) {
    const created: SharedPdf = { id: nextId++, doc: Promise.resolve().then(() => open(decode())), users: 0, size: base64.length };
    entry = created;
    shared.set(base64, entry);
    // A file that cannot be opened is not kept: the next attempt tries again.
    created.doc.catch(() => {
      if (shared.get(base64) === created) shared.delete(base64);
    });
  } else {
    // Most recently used last.
    shared.delete(base64);
    shared.set(base64, entry);
  }
  entry.users += 1;
  const held = entry;
  let released = false;
  return {
    id: held.id,
    doc: held.doc,
    release: () => {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users === 0 && shared.get(base64) === held) {
        shared.delete(base64);
        shared.set(base64, held);
      }
      trim();
    },
  };
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
