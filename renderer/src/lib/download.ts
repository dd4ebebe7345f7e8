import { base64ToBytes } from './pdf';

/** The DOCX type, so that the browser and the OS open a downloaded form with a word processor. */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Hands a base64 file (as the API sends files) to the browser as a download named `name`. */
export function downloadBase64(base64: string, mime: string, name: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  doc.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // The click has started the download synchronously; the URL may go once the browser has read it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
