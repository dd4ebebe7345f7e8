/**
 * Pages the PDF viewer drew, kept after it let go of them (closed, zoomed, or given another document), so that
 * opening the same document again, or going back to a zoom, shows them at once. The canvases themselves move between
 * the viewer and this cache (nothing is copied); the cache holds at most PIXEL_BUDGET pixels, oldest dropped first.
 * Documents are named by their id in pdfjs.ts's acquirePdf; their pages go when the document is destroyed.
 */

/** About 64 MB of RGBA: a dozen A4 pages at the width of a laptop screen. */
const PIXEL_BUDGET = 16_000_000;

const kept = new Map<string, HTMLCanvasElement>();
let pixels = 0;

const keyOf = (docId: number, page: number, deviceScale: number) => `${docId}:${page}:${deviceScale.toFixed(4)}`;
const sizeOf = (canvas: HTMLCanvasElement) => canvas.width * canvas.height;

function drop(key: string, canvas: HTMLCanvasElement): void {
  kept.delete(key);
  pixels -= sizeOf(canvas);
  // Gives the pixels back at once rather than when the element is collected.
  canvas.width = 0;
  canvas.height = 0;
}

/** Keeps a drawn page (no longer shown) for later; a page larger than the whole budget is not kept. */
export function keepDrawnPage(docId: number, page: number, deviceScale: number, canvas: HTMLCanvasElement): void {
  const key = keyOf(docId, page, deviceScale);
  const previous = kept.get(key);
  if (previous === canvas) return;
  if (previous) drop(key, previous);
  if (sizeOf(canvas) > PIXEL_BUDGET) return;
  kept.set(key, canvas);
  pixels += sizeOf(canvas);
  for (const [k, c] of kept) {
    if (pixels <= PIXEL_BUDGET) break;
    drop(k, c);
  }
}

/** A kept drawing of this page at this scale, handed over (it leaves the cache), or null. */
export function takeDrawnPage(docId: number, page: number, deviceScale: number): HTMLCanvasElement | null {
  const key = keyOf(docId, page, deviceScale);
  const canvas = kept.get(key);
  if (!canvas) return null;
  kept.delete(key);
  pixels -= sizeOf(canvas);
  return canvas;
}

/** Drops every kept page of a document (it was destroyed). */
export function forgetDrawnPages(docId: number): void {
  const prefix = `${docId}:`;
  for (const [key, canvas] of kept) if (key.startsWith(prefix)) drop(key, canvas);
}
