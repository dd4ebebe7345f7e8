import { text, z } from './zod-setup';

/**
 * Evidence and other material attached to a case (photos, scans, PDFs), optionally to a session or one statement.
 * The file is stored in the case's attachments/ folder under a name the app generates; the name the user's file had
 * is kept only as a label, never used as a path.
 */
export const ATTACHMENT_TYPES = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/pdf': 'pdf',
} as const;
export type AttachmentMimeType = keyof typeof ATTACHMENT_TYPES;
export const AttachmentMimeTypeSchema = z.enum(Object.keys(ATTACHMENT_TYPES) as [AttachmentMimeType, ...AttachmentMimeType[]]);

/** Larger scans are split by the scanner software; 15 MB keeps a base64 payload under the host's 21 MB body cap. */
export const MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024;

export const ATTACHMENT_CATEGORIES = { evidence: '证据材料', identity: '身份证明', signed: '签字文书扫描件', other: '其他材料' } as const;
export const AttachmentCategorySchema = z.enum(['evidence', 'identity', 'signed', 'other']);

export const AttachmentSchema = z.strictObject({
  id: z.uuid(),
  /** Generated: <uuid>.<ext> in attachments/. */
  file: z.string().regex(/^[a-z0-9-]+\.(png|jpg|pdf)$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.int().nonnegative(),
  mimeType: AttachmentMimeTypeSchema,
  category: AttachmentCategorySchema,
  /** What the user calls it (defaults to the original file name, cleaned): 事故现场照片. Display only. */
  label: text(120),
  sessionId: z.uuid().nullable(),
  statementId: z.uuid().nullable(),
  /** The issued document a scan is of (the signed paper copy of an agreement version). */
  documentId: z.uuid().nullable(),
  addedAt: z.iso.datetime({ offset: true }),
  addedBy: z.string().min(1),
});
export type Attachment = z.infer<typeof AttachmentSchema>;
