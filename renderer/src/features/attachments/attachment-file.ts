import { type AttachmentMimeType, MAX_ATTACHMENT_BYTES } from '../../../../electron/shared/domain/attachment';
import { bytesToBase64 } from '../../lib/pdf';
import { t } from '../../i18n';

const BY_EXTENSION: Record<string, AttachmentMimeType> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', pdf: 'application/pdf' };
const ACCEPTED = new Set<string>(['image/png', 'image/jpeg', 'application/pdf']);

/** For the file picker: photos and scans (PNG, JPEG) and PDFs. */
export const ACCEPT = 'image/png,image/jpeg,application/pdf,.png,.jpg,.jpeg,.pdf';

/**
 * The type a picked file claims, by its MIME type or, where the system gives none (some scanners' files), its
 * extension; null for anything else. The host checks the bytes themselves.
 */
export function mimeTypeOf(file: Pick<File, 'name' | 'type'>): AttachmentMimeType | null {
  if (ACCEPTED.has(file.type)) return file.type as AttachmentMimeType;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return (!file.type || file.type === 'application/octet-stream') && ext ? (BY_EXTENSION[ext] ?? null) : null;
}

/** Why a picked file cannot be added (shown at the field before anything is sent), or null. */
export function fileProblem(file: Pick<File, 'name' | 'type' | 'size'>): string | null {
  if (!mimeTypeOf(file)) return t.sessions.attachments.form.wrongType;
  if (file.size === 0) return t.sessions.attachments.form.empty;
  if (file.size > MAX_ATTACHMENT_BYTES) return t.sessions.attachments.form.tooLarge;
  return null;
}

/** The default label: the file's name without its extension, tidied (the name is never used as a path). */
export function labelFromFileName(name: string): string {
  return name
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[_]+/g, ' ')
    .trim()
    .slice(0, 120);
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** 1.2 MB / 356 KB */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** PNG / JPEG / PDF for the list. */
export const KIND_LABELS: Record<AttachmentMimeType, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'application/pdf': 'PDF' };
