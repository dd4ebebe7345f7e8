import { type KeyboardEvent, type ReactNode, type RefObject, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ActionIcon, Alert, Center, Group, Loader, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { t } from '../../i18n';
import { base64ToBytes } from '../../lib/pdf';
import type { PDFDocumentProxy, PDFPageProxy } from '../../lib/pdfjs';
import classes from './PdfViewer.module.css';

export type PdfZoom = 'fit' | '1' | '1.5';

export interface PdfViewerProps {
  /** The PDF, base64-encoded (as the API returns it). */
  pdfBase64: string;
  /** What the document is, for screen readers (e.g. its title). */
  label: string;
  /** Controls at the right end of the toolbar (print, save, issue) @default undefined */
  actions?: ReactNode;
  /** Height of the whole viewer (toolbar and pages) @default '72vh' */
  height?: number | string;
  /** Zoom when opened @default 'fit' */
  initialZoom?: PdfZoom;
}

/** pdf.js "100%": a PDF point is 1/72 inch, a CSS pixel 1/96 inch. */
const CSS_PER_POINT = 96 / 72;
/** Padding of the page area (keep in step with .scroller in the CSS). */
const PAD = 20;

interface Loaded {
  doc: PDFDocumentProxy;
  pages: PDFPageProxy[];
  /** Page sizes in points (scale 1). */
  sizes: { width: number; height: number }[];
}

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | ({ status: 'ready' } & Loaded);

function useLoadedPdf(pdfBase64: string): LoadState {
  const bytes = useMemo(() => {
    try {
      return base64ToBytes(pdfBase64);
    } catch {
      return null;
    }
  }, [pdfBase64]);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  useEffect(() => {
    let alive = true;
    let doc: PDFDocumentProxy | null = null;
    setState({ status: 'loading' });
    if (!bytes) {
      setState({ status: 'error', message: t.pdf.broken });
      return;
    }
    (async () => {
      const pdfjs = await import('../../lib/pdfjs');
      const opened = await pdfjs.openPdf(bytes);
      // Unmounted (or given another PDF) while it opened: nobody will destroy it later, so do it now.
      if (!alive) return void opened.destroy();
      doc = opened;
      const pages: PDFPageProxy[] = [];
      for (let n = 1; n <= doc.numPages; n += 1) pages.push(await doc.getPage(n));
      const sizes = pages.map((page) => {
        const viewport = page.getViewport({ scale: 1 });
        return { width: viewport.width, height: viewport.height };
      });
      if (alive) setState({ status: 'ready', doc, pages, sizes });
    })().catch((error: unknown) => {
      console.error('pdf viewer: cannot open document', error);
      // pdf.js names a file it cannot read InvalidPDFException; anything else is the viewer failing, not the file.
      const broken = error instanceof Error && error.name === 'InvalidPDFException';
      if (alive) setState({ status: 'error', message: broken ? t.pdf.broken : t.pdf.engineFailed });
    });
    return () => {
      alive = false;
      void doc?.destroy();
    };
  }, [bytes]);
  return state;
}

/** The width the pages may use when fitted, following the page area's size. */
function useAvailableWidth(element: HTMLElement | null): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => setWidth(Math.max(0, element.clientWidth - 2 * PAD));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

/**
 * Draws every page onto its canvas at the device pixel ratio, one page after the other. Each page is rendered off
 * screen and then copied, so that zooming never shows a blank page; a newer scale cancels an older render.
 */
function usePageRendering(loaded: Loaded | null, scale: number, canvases: RefObject<(HTMLCanvasElement | null)[]>): boolean[] {
  const [rendered, setRendered] = useState<boolean[]>([]);
  // A new document starts with no page drawn; a new scale keeps the old drawings until the new ones replace them.
  useEffect(() => setRendered([]), [loaded]);
  useEffect(() => {
    if (!loaded || scale <= 0) return;
    let cancelled = false;
    let cancelCurrent: (() => void) | null = null;
    (async () => {
      const pdfjs = await import('../../lib/pdfjs');
      const dpr = window.devicePixelRatio || 1;
      for (const [i, page] of loaded.pages.entries()) {
        if (cancelled) return;
        const offscreen = document.createElement('canvas');
        const job = pdfjs.renderPage(page, offscreen, scale * dpr);
        cancelCurrent = job.cancel;
        try {
          await job.promise;
        } catch (error) {
          if (pdfjs.isCancelled(error)) return;
          throw error;
        }
        if (cancelled) return;
        const target = canvases.current[i];
        if (!target) continue;
        target.width = offscreen.width;
        target.height = offscreen.height;
        target.getContext('2d')?.drawImage(offscreen, 0, 0);
        setRendered((r) => {
          const next = [...r];
          next[i] = true;
          return next;
        });
      }
    })().catch((error: unknown) => console.error('pdf viewer: cannot render page', error));
    return () => {
      cancelled = true;
      cancelCurrent?.();
    };
  }, [loaded, scale, canvases]);
  return rendered;
}

interface PdfPageProps {
  number: number;
  size: { width: number; height: number };
  scale: number;
  rendered: boolean;
  boxRef: (el: HTMLDivElement | null) => void;
  canvasRef: (el: HTMLCanvasElement | null) => void;
}

/** One page: a white sheet of the page's size with its canvas (drawn by usePageRendering), a spinner until drawn. */
function PdfPage({ number, size, scale, rendered, boxRef, canvasRef }: PdfPageProps) {
  // The sheet is exactly the canvas's device pixels in CSS pixels: a canvas stretched by even one pixel blurs.
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.floor(size.width * scale * dpr)) / dpr;
  const height = Math.max(1, Math.floor(size.height * scale * dpr)) / dpr;
  return (
    <div ref={boxRef} className={classes.page} style={{ width, height }} data-page-number={number}>
      <canvas ref={canvasRef} className={classes.canvas} role="img" aria-label={t.pdf.page(number)} />
      {rendered ? null : (
        <div className={classes.pageLoader}>
          <Loader size="sm" color="gray" />
        </div>
      )}
    </div>
  );
}

/**
 * The real PDF, page by page, drawn by pdf.js onto canvases: no browser PDF plugin (Electron has none), the same in
 * both hosts. Page count and navigation (buttons, PageUp / PageDown, Home / End), zoom (fit width, 100%, 150%).
 */
export function PdfViewer({ pdfBase64, label, actions, height = '72vh', initialZoom = 'fit' }: PdfViewerProps) {
  const state = useLoadedPdf(pdfBase64);
  const loaded = state.status === 'ready' ? state : null;
  const [zoom, setZoom] = useState<PdfZoom>(initialZoom);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const available = useAvailableWidth(scroller);
  const boxes = useRef<(HTMLDivElement | null)[]>([]);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const [current, setCurrent] = useState(1);
  const total = loaded?.pages.length ?? 0;

  const widest = loaded ? Math.max(...loaded.sizes.map((s) => s.width)) : 0;
  // CSS pixels per PDF point.
  const scale = !loaded ? 0 : zoom === 'fit' ? (available > 0 ? available / widest : 0) : Number(zoom) * CSS_PER_POINT;
  const rendered = usePageRendering(loaded, scale, canvases);

  useEffect(() => setCurrent(1), [loaded]);

  // Once the pages are there, keyboard paging works at once: the page area takes the focus, unless the user is
  // typing somewhere.
  useEffect(() => {
    if (!loaded || !scroller) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.matches('input, textarea, select, [contenteditable="true"]')) return;
    scroller.focus({ preventScroll: true });
  }, [loaded, scroller]);

  // Zooming (or a new width in "fit width") keeps the current page at the top of the view.
  const currentRef = useRef(current);
  useEffect(() => {
    currentRef.current = current;
  }, [current]);
  useLayoutEffect(() => {
    const box = boxes.current[currentRef.current - 1];
    if (scroller && box && currentRef.current > 1) scroller.scrollTop = box.offsetTop - PAD;
  }, [scale, scroller]);

  const goTo = useCallback(
    (n: number) => {
      const target = Math.min(Math.max(1, n), total);
      const box = boxes.current[target - 1];
      if (!scroller || !box) return;
      scroller.scrollTo({ top: box.offsetTop - PAD });
      setCurrent(target);
    },
    [scroller, total],
  );

  // The current page is the last one whose top has passed a third of the way down the visible area.
  const onScroll = () => {
    if (!scroller) return;
    const line = scroller.scrollTop + scroller.clientHeight / 3;
    let page = 1;
    boxes.current.forEach((box, i) => {
      if (box && box.offsetTop <= line) page = i + 1;
    });
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) page = total;
    setCurrent(page);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!loaded || event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = event.target instanceof HTMLElement && event.target.matches('input:not([type="radio"]), textarea, [contenteditable="true"]');
    if (typing) return;
    const move: Record<string, number> = { PageDown: current + 1, PageUp: current - 1, Home: 1, End: total };
    const to = move[event.key];
    if (to === undefined) return;
    event.preventDefault();
    goTo(to);
  };

  return (
    <div className={classes.root} style={{ height }} onKeyDown={onKeyDown}>
      <Group className={classes.toolbar} justify="space-between" gap="sm" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <Group gap={2} wrap="nowrap">
            <Tooltip label={t.pdf.prevPage} position="bottom" withinPortal>
              <ActionIcon variant="subtle" color="gray" aria-label={t.pdf.prevPage} disabled={!loaded || current <= 1} onClick={() => goTo(current - 1)}>
                <IconChevronUp size={18} />
              </ActionIcon>
            </Tooltip>
            <Text fz="sm" className={classes.counter} aria-live="polite" data-testid="pdf-page-counter">
              {loaded ? t.pdf.pageOf(current, total) : '\u00a0'}
            </Text>
            <Tooltip label={t.pdf.nextPage} position="bottom" withinPortal>
              <ActionIcon variant="subtle" color="gray" aria-label={t.pdf.nextPage} disabled={!loaded || current >= total} onClick={() => goTo(current + 1)}>
                <IconChevronDown size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <SegmentedControl
            size="xs"
            aria-label={t.pdf.zoom}
            value={zoom}
            onChange={(value) => setZoom(value as PdfZoom)}
            disabled={!loaded}
            data={[
              { value: 'fit', label: t.pdf.fitWidth },
              { value: '1', label: t.pdf.actualSize },
              { value: '1.5', label: t.pdf.large },
            ]}
          />
        </Group>
        {actions ? (
          <Group gap="xs" wrap="nowrap">
            {actions}
          </Group>
        ) : null}
      </Group>
      <div ref={setScroller} className={classes.scroller} role="region" aria-label={t.pdf.pages(label)} tabIndex={0} data-autofocus onScroll={onScroll}>
        {state.status === 'loading' ? (
          <Center className={classes.state}>
            <Stack align="center" gap="xs">
              <Loader size="md" />
              <Text c="dimmed" fz="sm">
                {t.pdf.loading}
              </Text>
            </Stack>
          </Center>
        ) : null}
        {state.status === 'error' ? (
          <Center className={classes.state}>
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t.pdf.failed} maw={480}>
              {state.message}
            </Alert>
          </Center>
        ) : null}
        {loaded && scale > 0 ? (
          <div className={classes.pages}>
            {loaded.sizes.map((size, i) => (
              <PdfPage
                key={i}
                number={i + 1}
                size={size}
                scale={scale}
                rendered={rendered[i] === true}
                boxRef={(el) => {
                  boxes.current[i] = el;
                }}
                canvasRef={(el) => {
                  canvases.current[i] = el;
                }}
              />
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}
