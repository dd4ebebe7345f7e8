import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ActionIcon, Alert, Center, Group, Loader, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { t } from '../../i18n';
import { PdfPage } from './PdfPage';
import { useLoadedPdf } from './useLoadedPdf';
import { usePageRendering } from './usePageRendering';
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
 * The real PDF, page by page, drawn by pdf.js onto canvases: no browser PDF plugin (Electron has none), the same in
 * both hosts. Page count and navigation (buttons, PageUp / PageDown, Home / End), zoom (fit width, 100%, 150%). Pages
 * are drawn as they come into view (usePageRendering); new bytes replace the pages in place, without a blank between.
 */
export function PdfViewer({ pdfBase64, label, actions, height = '72vh', initialZoom = 'fit' }: PdfViewerProps) {
  const state = useLoadedPdf(pdfBase64);
  const loaded = state.status === 'ready' ? state.pdf : null;
  const [zoom, setZoom] = useState<PdfZoom>(initialZoom);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const available = useAvailableWidth(scroller);
  const boxes = useRef<(HTMLDivElement | null)[]>([]);
  const hosts = useRef<(HTMLDivElement | null)[]>([]);
  const [current, setCurrent] = useState(1);
  const total = loaded?.pages.length ?? 0;

  const widest = loaded ? Math.max(...loaded.sizes.map((s) => s.width)) : 0;
  // CSS pixels per PDF point.
  const scale = !loaded ? 0 : zoom === 'fit' ? (available > 0 ? available / widest : 0) : Number(zoom) * CSS_PER_POINT;
  const waiting = usePageRendering(loaded, scale, scroller, boxes, hosts);

  // A new document starts at its first page; a new version of the same one (same page count) stays where it was.
  useEffect(() => setCurrent((n) => (n > total ? 1 : n)), [total]);

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
                waiting={waiting[i] === true}
                boxRef={(el) => {
                  boxes.current[i] = el;
                }}
                hostRef={(el) => {
                  hosts.current[i] = el;
                }}
              />
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}
