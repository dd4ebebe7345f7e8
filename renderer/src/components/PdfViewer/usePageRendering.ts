import { type RefObject, useEffect, useRef, useState } from 'react';
import { keepDrawnPage, takeDrawnPage } from '../../lib/pdf-page-cache';
import { loadPdfjs } from '../../lib/pdf-preload';
import type { LoadedPdf } from './useLoadedPdf';

/** Documents up to this many pages are drawn completely (what is on screen first); longer ones near the view only. */
export const EAGER_PAGES = 8;

/** What a page's slot shows: which document's page, drawn at how many device pixels per point. */
interface Shown {
  canvas: HTMLCanvasElement;
  docId: number;
  deviceScale: number;
}

interface Next {
  index: number;
  deviceScale: number;
  /** On screen or about to be: drawn at once; the others wait for idle time. */
  urgent: boolean;
}

const idle = () =>
  new Promise<void>((resolve) => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(() => resolve(), { timeout: 250 });
    else window.setTimeout(resolve, 16);
  });

/** The pages (by index) inside the scroller's view, and those within one view's height of it. */
function around(scroller: HTMLElement, slots: (HTMLElement | null)[]): { visible: number[]; near: number[] } {
  const top = scroller.scrollTop;
  const bottom = top + scroller.clientHeight;
  const margin = scroller.clientHeight;
  const visible: number[] = [];
  const near: number[] = [];
  slots.forEach((slot, i) => {
    if (!slot) return;
    const a = slot.offsetTop;
    const b = a + slot.offsetHeight;
    if (b > top && a < bottom) visible.push(i);
    else if (b > top - margin && a < bottom + margin) near.push(i);
  });
  return { visible, near };
}

const same = (a: boolean[], b: boolean[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Draws the pages lazily onto canvases that it puts into each page's slot (`hosts`): the pages on screen first, at
 * CSS resolution when the screen is denser (then sharp), then those about to scroll into view, then (short documents)
 * the rest while the page is idle. A drawing is replaced only by a newer one, never cleared, so zooming or a new
 * version of the document never shows a blank page; drawings let go of are kept in the page cache for when the same
 * document is shown again. Returns, per page, whether a spinner should show (wanted soon, nothing drawn yet).
 */
export function usePageRendering(pdf: LoadedPdf | null, scale: number, scroller: HTMLElement | null, boxes: RefObject<(HTMLDivElement | null)[]>, hosts: RefObject<(HTMLDivElement | null)[]>): boolean[] {
  const shown = useRef<(Shown | null)[]>([]);
  const current = useRef<LoadedPdf | null>(null);
  /** Which slots show a drawing (of any document, at any zoom). */
  const [drawn, setDrawn] = useState<boolean[]>([]);
  /** The pages on screen or near it, as last measured (null before the first measure). */
  const [near, setNear] = useState<number[] | null>(null);

  // The viewer goes: what it shows of the current document is kept for the next time it is opened.
  useEffect(
    () => () => {
      const docId = current.current?.id;
      shown.current.forEach((s, i) => {
        if (s && s.docId === docId) keepDrawnPage(s.docId, i + 1, s.deviceScale, s.canvas);
      });
      shown.current = [];
    },
    [],
  );

  useEffect(() => {
    if (!pdf || scale <= 0 || !scroller) return;
    current.current = pdf;
    let cancelled = false;
    let running = false;
    let job: { cancel: () => void } | null = null;
    const failed = new Set<number>();
    const count = pdf.pages.length;
    const eager = count <= EAGER_PAGES;
    const dpr = window.devicePixelRatio || 1;
    const sharp = scale * dpr;
    const draft = dpr > 1 ? scale : null;
    // Slots beyond the new page count are gone with their canvases.
    shown.current.length = Math.min(shown.current.length, count);
    // Slots mounted afresh (the viewer had no width, e.g. hidden while the page was printed) get their drawings back:
    // moved, not drawn again.
    shown.current.forEach((s, i) => {
      const host = hosts.current[i];
      if (s && host && s.canvas.parentNode !== host) host.replaceChildren(s.canvas);
    });
    const noteDrawn = () => {
      const next = Array.from({ length: count }, (_, i) => shown.current[i] != null);
      setDrawn((prev) => (same(prev, next) ? prev : next));
    };
    noteDrawn();

    const isDone = (i: number) => {
      const s = shown.current[i];
      return s != null && s.docId === pdf.id && s.deviceScale === sharp && s.canvas.parentNode === hosts.current[i];
    };
    const wanted = (i: number) => !failed.has(i) && !isDone(i);

    const pick = (): Next | null => {
      const { visible, near: close } = around(scroller, boxes.current);
      const measured = [...visible, ...close].sort((a, b) => a - b);
      setNear((prev) => (prev && prev.length === measured.length && prev.every((x, i) => x === measured[i]) ? prev : measured));
      // Nothing of this document on screen yet: a quick drawing first where the screen is denser than CSS pixels.
      if (draft !== null) for (const i of visible) if (wanted(i) && shown.current[i]?.docId !== pdf.id) return { index: i, deviceScale: draft, urgent: true };
      for (const i of [...visible, ...close]) if (wanted(i)) return { index: i, deviceScale: sharp, urgent: true };
      if (eager) for (let i = 0; i < count; i += 1) if (wanted(i)) return { index: i, deviceScale: sharp, urgent: false };
      return null;
    };

    const show = (index: number, canvas: HTMLCanvasElement, deviceScale: number) => {
      const host = hosts.current[index];
      if (!host) return keepDrawnPage(pdf.id, index + 1, deviceScale, canvas);
      const previous = shown.current[index];
      canvas.setAttribute('aria-hidden', 'true');
      if (previous && previous.canvas.parentNode === host) host.replaceChild(canvas, previous.canvas);
      else host.replaceChildren(canvas);
      shown.current[index] = { canvas, docId: pdf.id, deviceScale };
      noteDrawn();
      // A drawing of this document at another zoom may serve again; one of the document it replaced will not.
      if (previous && previous.docId === pdf.id && previous.canvas !== canvas) keepDrawnPage(pdf.id, index + 1, previous.deviceScale, previous.canvas);
    };

    const draw = async ({ index, deviceScale }: Next) => {
      let canvas = takeDrawnPage(pdf.id, index + 1, deviceScale);
      if (!canvas) {
        const pdfjs = await loadPdfjs();
        canvas = document.createElement('canvas');
        const task = pdfjs.renderPage(pdf.pages[index]!, canvas, deviceScale);
        job = task;
        try {
          await task.promise;
        } catch (error) {
          if (pdfjs.isCancelled(error)) return;
          throw error;
        } finally {
          job = null;
        }
      }
      if (cancelled) keepDrawnPage(pdf.id, index + 1, deviceScale, canvas);
      else show(index, canvas, deviceScale);
    };

    const pump = async () => {
      if (running) return;
      running = true;
      try {
        while (!cancelled) {
          let next = pick();
          if (next && !next.urgent) {
            await idle();
            if (cancelled) return;
            next = pick();
          }
          if (!next) return;
          try {
            await draw(next);
          } catch (error) {
            console.error(`pdf viewer: cannot render page ${next.index + 1}`, error);
            failed.add(next.index);
          }
        }
      } finally {
        running = false;
      }
    };

    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = window.requestAnimationFrame(() => {
        frame = 0;
        void pump();
      });
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    void pump();
    return () => {
      cancelled = true;
      job?.cancel();
      scroller.removeEventListener('scroll', onScroll);
      if (frame) window.cancelAnimationFrame(frame);
    };
  }, [pdf, scale, scroller, boxes, hosts]);

  // Computed while rendering, so that a page's spinner comes in the same commit as the page itself.
  const count = pdf?.pages.length ?? 0;
  const eager = count <= EAGER_PAGES;
  return Array.from({ length: count }, (_, i) => drawn[i] !== true && (eager || (near === null ? i < 2 : near.includes(i))));
}
