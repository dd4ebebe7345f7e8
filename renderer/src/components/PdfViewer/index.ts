export { PdfViewer, type PdfViewerProps, type PdfZoom } from './PdfViewer';
