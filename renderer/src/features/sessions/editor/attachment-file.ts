import { type AttachmentMimeType, MAX_ATTACHMENT_BYTES } from '../../../../../electron/shared/domain/attachment';
import { t } from '../../../i18n';

/** The file's bytes as base64 (without the data: URL prefix). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

const SIGNATURES: [AttachmentMimeType, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
];

/** What the file is by its first bytes (a photo renamed .pdf is still a photo), or null when it is none of the three. */
export function sniffType(base64: string): AttachmentMimeType | null {
  const head = atob(base64.slice(0, 16));
  for (const [type, sig] of SIGNATURES) {
    if (head.length > sig.length && sig.every((b, i) => head.charCodeAt(i) === b)) return type;
  }
  return null;
}

/** The label a file gets: its name without the extension, trimmed to what the host accepts. */
export function labelOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
  return (base || t.sessionEditor.attachments.defaultLabel).slice(0, 120);
}

export type PreparedFile = { ok: true; mimeType: AttachmentMimeType; base64: string; label: string } | { ok: false; message: string };

/** Checks and reads a picked file before anything is sent: size, then the type by content. */
export async function prepareFile(file: File): Promise<PreparedFile> {
  const m = t.sessionEditor.attachments;
  if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, message: m.tooLarge };
  if (file.size === 0) return { ok: false, message: m.wrongType };
  let base64: string;
  try {
    base64 = await readAsBase64(file);
  } catch {
    return { ok: false, message: m.readFailed };
  }
  const mimeType = sniffType(base64);
  if (!mimeType) return { ok: false, message: m.wrongType };
  return { ok: true, mimeType, base64, label: labelOf(file.name) };
}
