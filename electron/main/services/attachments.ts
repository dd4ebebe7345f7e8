/**
 * Evidence and other material attached to a case, a session or one statement. The bytes are checked to be what the
 * declared type says (PNG, JPEG or PDF by their signature), stored write-once under a generated name with their
 * SHA-256, and listed on the case record (with an audit entry). The user's file name is only a label.
 */
import { isTampered } from '../storage/sealed-fs';
import { randomUUID } from 'node:crypto';
import { ATTACHMENT_TYPES, type Attachment, type AttachmentMimeType, MAX_ATTACHMENT_BYTES, type Staff, maskNumbersInText } from '../../shared/domain';
import type { AddAttachmentInput, AttachmentFile } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import type { Workstation } from './workstation';
import { sha256Hex } from '../storage/sha256';

const SIGNATURES: Record<AttachmentMimeType, number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
};

const KIND_NAMES: Record<AttachmentMimeType, string> = { 'image/png': 'PNG图片', 'image/jpeg': 'JPEG图片', 'application/pdf': 'PDF文件' };

/** Whether the bytes start with the signature of the type. */
export function matchesType(bytes: Uint8Array, mimeType: AttachmentMimeType): boolean {
  const sig = SIGNATURES[mimeType];
  return bytes.length > sig.length && sig.every((b, i) => bytes[i] === b);
}


function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`;
}

export async function addAttachment(ws: Workstation, input: AddAttachmentInput, actor: Staff): Promise<Attachment> {
  const bytes = Buffer.from(input.base64, 'base64');
  const fail = (message: string) => new ApiFailure('INVALID_INPUT', message, [{ code: 'INVALID_FILE', path: ['base64'], message }]);
  if (bytes.length === 0) throw fail('文件为空');
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw fail('文件不能超过15MB');
  if (!matchesType(bytes, input.mimeType)) throw fail(`文件内容不是${KIND_NAMES[input.mimeType]}，请选择照片（PNG、JPEG）或PDF文件`);
  if (input.statementId && !input.sessionId) throw new ApiFailure('INVALID_INPUT', '附到发言的材料须指明调解记录');
  if (input.documentId && input.category !== 'signed') throw new ApiFailure('INVALID_INPUT', '只有签字文书扫描件可以关联到已出具的文书');

  const record = await ws.cases.get(input.caseId);
  if (input.sessionId) {
    if (!record.sessions.some((s) => s.id === input.sessionId)) throw new ApiFailure('NOT_FOUND', '未找到该调解记录');
    if (input.statementId) {
      const session = await ws.cases.getSession(record.id, input.sessionId);
      if (!session.statements.some((s) => s.id === input.statementId)) throw new ApiFailure('NOT_FOUND', '未找到该发言，请等记录保存后再添加附件');
    }
  }
  if (input.documentId && !record.documents.some((d) => d.id === input.documentId)) throw new ApiFailure('NOT_FOUND', '未找到该文书');
  const id = randomUUID();
  const attachment: Attachment = {
    id,
    file: `${id}.${ATTACHMENT_TYPES[input.mimeType]}`,
    sha256: sha256Hex(bytes),
    size: bytes.length,
    mimeType: input.mimeType,
    category: input.category,
    label: input.label,
    sessionId: input.sessionId,
    statementId: input.statementId,
    documentId: input.documentId ?? null,
    addedAt: ws.clock.now().toISOString(),
    addedBy: actor.id,
  };
  const detail = `添加附件“${maskNumbersInText(input.label)}”（${KIND_NAMES[input.mimeType]}，${sizeText(bytes.length)}，SHA-256 前12位 ${attachment.sha256.slice(0, 12)}）`;
  // The file and the record naming it: one unit of work, both or neither.
  await ws.cases.commit(record.id, {
    files: [{ area: 'attachments', name: attachment.file, data: bytes }],
    case: { expectedRevision: null, change: (c) => ({ ...c, updatedAt: attachment.addedAt, attachments: [...c.attachments, attachment] }), audit: { actorId: actor.id, actorName: actor.name, action: 'attachments:add', detail } },
  });
  return attachment;
}

export async function readAttachment(ws: Workstation, input: { caseId: string; attachmentId: string }): Promise<AttachmentFile> {
  const record = await ws.cases.get(input.caseId);
  const attachment = record.attachments.find((a) => a.id === input.attachmentId);
  if (!attachment) throw new ApiFailure('NOT_FOUND', '未找到该附件');
  let bytes: Buffer;
  try {
    bytes = await ws.cases.getFile(record.id, 'attachments', attachment.file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiFailure('STORE_CORRUPT', `附件“${attachment.label}”的文件缺失，请联系管理员从备份恢复`);
    if (isTampered(error)) throw new ApiFailure('STORE_CORRUPT', `附件“${attachment.label}”的文件未通过完整性校验（可能在本软件之外被改动），未予显示，请联系管理员从备份恢复`);
    throw error;
  }
  return { attachment, base64: bytes.toString('base64'), intact: sha256Hex(bytes) === attachment.sha256 };
}
