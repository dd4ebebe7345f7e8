/**
 * 数据完整性凭证 (integrity checkpoints): what the screens, the printed page and the host share about them. A
 * checkpoint records where every audit chain stood, signed with the center's certificate; its root is printed and
 * entered in a paper register, so that a later rewrite of the records, even one that recomputes every chain, shows.
 */
import { z } from './zod-setup';

/** Why a checkpoint was made (the labels are printed on the page and shown in the list). */
export const CHECKPOINT_REASONS = {
  seal: '盖章后自动签署',
  daily: '每日首次签署',
  manual: '手动签署',
} as const;
export type CheckpointReason = keyof typeof CHECKPOINT_REASONS;

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * A root as typed from the paper: spaces (half- or full-width), line breaks and dashes between the groups are
 * allowed, letters in either case. Returns the 64 lower-case hex digits, or null when it is not one.
 */
export function normalisePrintedRoot(text: string): string | null {
  const digits = text.replace(/[\s\u3000\-－]/g, '').toLowerCase();
  return HEX64.test(digits) ? digits : null;
}

/** 64 hex digits as printed: 16 groups of 4, separated by a space. */
export function groupedRoot(root: string): string {
  return root.replace(/(.{4})(?=.)/g, '$1 ');
}

export const PRINTED_ROOT_MESSAGE = '请输入凭证上印的根值：64位十六进制数字（0–9、a–f），可含空格';

export const CheckpointNumberSchema = z.number({ error: '请输入凭证编号' }).int('凭证编号是正整数').positive('凭证编号是正整数').max(99_999_999, '凭证编号过大');

export const CheckpointCompareInputSchema = z.strictObject({
  number: CheckpointNumberSchema,
  root: z
    .string()
    .max(200, PRINTED_ROOT_MESSAGE)
    .refine((text) => normalisePrintedRoot(text) !== null, { message: PRINTED_ROOT_MESSAGE }),
});
