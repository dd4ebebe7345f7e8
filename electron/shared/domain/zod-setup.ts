import { z } from 'zod';

// Built-in zod messages in Simplified Chinese (for type errors from hostile or buggy callers); the field rules
// below give their own, more specific Chinese messages.
z.config(z.locales.zhCN());

export { z };

/** Trimmed text with a length cap; empty strings count as missing. */
export const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`);
export const requiredText = (max: number, missing: string) => text(max).min(1, missing);

/** A stable code for custom issues, carried in `params.code` (see ipc/result.ts). */
export function addIssue(ctx: z.RefinementCtx, path: (string | number)[], code: string, message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { code } });
}
