/**
 * Printing a PDF without a PDF plugin: pdf.js draws each page at print resolution, the pages go as images into a
 * container that only print media shows (global.css, `.print-pages`), the sheet size is set to the page size with no
 * margins, and window.print() prints exactly those pages, one per sheet, at their real size.
 */
import { base64ToBytes } from './pdf';
import { loadPdfjs } from './pdf-preload';

/** Print resolution. 300 dpi keeps Song-face strokes and table rules crisp on a laser printer. */
const PRINT_DPI = 300;
const MM_PER_POINT = 25.4 / 72;

const CONTAINER_CLASS = 'print-pages';
const PRINTING_CLASS = 'printing-pdf';

export interface PrintedPage {
  /** PNG data URL of the page. */
  src: string;
  /** Page size in millimetres. */
  widthMm: number;
  heightMm: number;
}

/** Draws every page of the PDF to an image at print resolution (the document the viewer shows is not parsed again). */
export async function renderPagesForPrint(pdfBase64: string): Promise<PrintedPage[]> {
  const pdfjs = await loadPdfjs();
  const handle = pdfjs.acquirePdf(pdfBase64, () => base64ToBytes(pdfBase64));
  try {
    const doc = await handle.doc;
    const pages: PrintedPage[] = [];
    const canvas = document.createElement('canvas');
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const size = page.getViewport({ scale: 1 });
      await pdfjs.renderPage(page, canvas, PRINT_DPI / 72).promise;
      pages.push({ src: canvas.toDataURL('image/png'), widthMm: size.width * MM_PER_POINT, heightMm: size.height * MM_PER_POINT });
    }
    canvas.width = 0;
    canvas.height = 0;
    return pages;
  } finally {
    handle.release();
  }
}

/** Removes what a previous print left (if its afterprint never came). */
function clearPrintContainer(): void {
  document.querySelectorAll(`.${CONTAINER_CLASS}, style[data-print-pages]`).forEach((el) => el.remove());
  document.body.classList.remove(PRINTING_CLASS);
}

/** Puts the pages in the print-only container, sized to the sheet; resolves once every image is decoded. */
export async function mountPrintPages(pages: PrintedPage[], title: string): Promise<() => void> {
  clearPrintContainer();
  const first = pages[0];
  const container = document.createElement('div');
  container.className = CONTAINER_CLASS;
  container.setAttribute('aria-hidden', 'true');
  const images = pages.map((p, i) => {
    const sheet = document.createElement('div');
    sheet.className = `${CONTAINER_CLASS}__sheet`;
    sheet.style.width = `${p.widthMm.toFixed(2)}mm`;
    sheet.style.height = `${p.heightMm.toFixed(2)}mm`;
    const img = document.createElement('img');
    img.src = p.src;
    img.alt = `${title} ${i + 1}`;
    sheet.append(img);
    container.append(sheet);
    return img;
  });
  // The sheet is the page itself: its size, no margins (the PDF has its own).
  const style = document.createElement('style');
  style.setAttribute('data-print-pages', '');
  style.textContent = first ? `@page { size: ${first.widthMm.toFixed(2)}mm ${first.heightMm.toFixed(2)}mm; margin: 0; }` : '';
  document.head.append(style);
  document.body.append(container);
  document.body.classList.add(PRINTING_CLASS);
  await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
  return clearPrintContainer;
}

/**
 * Prints the PDF's pages (and nothing else of the app). The pages stay mounted until the print is done
 * (`afterprint`): a print preview may lay them out again while its dialog is open. They are invisible on screen.
 */
export async function printPdf(pdfBase64: string, title: string): Promise<void> {
  const pages = await renderPagesForPrint(pdfBase64);
  const cleanup = await mountPrintPages(pages, title);
  const previousTitle = document.title;
  // Print dialogs and "save as PDF" offer the document title as the job / file name.
  document.title = title;
  window.addEventListener(
    'afterprint',
    () => {
      document.title = previousTitle;
      cleanup();
    },
    { once: true },
  );
  window.print();
}
