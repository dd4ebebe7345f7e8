import { Loader } from '@mantine/core';
import { t } from '../../i18n';
import classes from './PdfViewer.module.css';

export interface PdfPageProps {
  number: number;
  /** Page size in points (scale 1). */
  size: { width: number; height: number };
  /** CSS pixels per point. */
  scale: number;
  /** Nothing drawn yet, and wanted soon: a spinner shows. */
  waiting: boolean;
  boxRef: (el: HTMLDivElement | null) => void;
  /** Where usePageRendering puts the page's canvas (React leaves that element's children alone). */
  hostRef: (el: HTMLDivElement | null) => void;
}

/** One page: a white sheet of the page's size holding its drawing (usePageRendering), a spinner while it waits. */
export function PdfPage({ number, size, scale, waiting, boxRef, hostRef }: PdfPageProps) {
  // The sheet is exactly the canvas's device pixels in CSS pixels: a canvas stretched by even one pixel blurs.
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.floor(size.width * scale * dpr)) / dpr;
  const height = Math.max(1, Math.floor(size.height * scale * dpr)) / dpr;
  return (
    <div ref={boxRef} className={classes.page} style={{ width, height }} data-page-number={number} role="img" aria-label={t.pdf.page(number)}>
      <div ref={hostRef} className={classes.canvasHost} />
      {waiting ? (
        <div className={classes.pageLoader}>
          <Loader size="sm" color="gray" />
        </div>
      ) : null}
    </div>
  );
}
