import { requiredText, z } from './zod-setup';
import { STAFF_ROLES, keysOf } from './codes';

export const StaffRoleSchema = z.enum(keysOf(STAFF_ROLES));

/**
 * 登录名: what a person types to sign in. Letters, digits, . _ - or Chinese characters (many county offices sign in
 * with the person's name), 2–32 characters; compared without regard to letter case.
 */
export const LoginNameSchema = requiredText(32, '请填写登录名')
  .refine((v) => v.length >= 2, { message: '登录名至少2个字符' })
  .refine((v) => /^[\p{Script=Han}A-Za-z0-9._-]+$/u.test(v), { message: '登录名只能包含汉字、字母、数字和 . _ -' });

/** Login names are unique regardless of case and surrounding space. */
export function normaliseLoginName(name: string): string {
  return name.trim().toLowerCase();
}

/** A staff member as every signed-in screen may see them (names for the record, roles for pickers). */
export const StaffSchema = z.strictObject({
  id: z.uuid(),
  name: requiredText(50, '请填写姓名'),
  loginName: LoginNameSchema,
  roles: z.array(StaffRoleSchema).min(1, '请至少选择一个岗位'),
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Staff = z.infer<typeof StaffSchema>;

/** 中心管理员's view of an account: the staff member plus the state of their sign-in (never the hash). */
export interface StaffAccount extends Staff {
  mustChangePassword: boolean;
  /** ISO; set while the account is locked after too many failed sign-ins. */
  lockedUntil: string | null;
  failedAttempts: number;
  lastSignInAt: string | null;
  passwordChangedAt: string | null;
  hasPassword: boolean;
}
