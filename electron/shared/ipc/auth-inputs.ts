/**
 * The inputs of the screens before and around sign-in (first-run setup, the first administrator's password, sign-in,
 * password prompts): part of the API contract (contract.ts re-exports them and uses them in API_SPEC), kept apart
 * because the renderer needs them in its start-up bundle and contract.ts brings in every schema of the domain.
 */
import { requiredText, text, z } from '../domain/zod-setup';
import { CenterSettingsSchema } from '../domain/settings';
import { LoginNameSchema, StaffRoleSchema } from '../domain/staff';
import { PASSWORD_MESSAGES, PasswordSchema, passwordProblem } from '../domain/password';

/** A new password must pass the shared rules against the login name it belongs to (reported at its field). */
export function withPasswordRules<T extends z.ZodObject>(schema: T, passwordKey: string, loginOf: (v: Record<string, unknown>) => string) {
  return schema.superRefine((value, ctx) => {
    const v = value as Record<string, unknown>;
    const problem = passwordProblem(String(v[passwordKey] ?? ''), loginOf(v));
    if (problem) ctx.addIssue({ code: 'custom', path: [passwordKey], message: PASSWORD_MESSAGES[problem], params: { code: 'INVALID_VALUE' } });
  });
}

export const SetupInputSchema = withPasswordRules(
  z.strictObject({
    centerName: requiredText(100, '请填写中心名称'),
    committeeName: requiredText(100, '请填写人民调解委员会名称'),
    caseNumberAbbr: requiredText(20, '请填写编号简称'),
    adminName: requiredText(50, '请填写您的姓名'),
    /** The first administrator's account. */
    loginName: LoginNameSchema,
    password: PasswordSchema,
    /** Work the administrator also does in a small center (中心管理员 alone reads no case). */
    otherRoles: z.array(StaffRoleSchema.exclude(['admin'])).max(5).default([]),
    /** Printed on notices (告知书) as the center's contact; may be completed later in settings. */
    address: text(200).optional(),
    phone: CenterSettingsSchema.shape.phone.optional(),
  }),
  'password',
  (v) => String(v.loginName ?? ''),
);
export type SetupInput = z.input<typeof SetupInputSchema>;

/**
 * After an upgrade from a version without passwords: the first active administrator (named in AppInfo) sets their
 * login name and password; everyone else's is then set by them. Refused once any administrator has a password.
 */
export const AdminPasswordInputSchema = withPasswordRules(
  z.strictObject({ loginName: LoginNameSchema, password: PasswordSchema }),
  'password',
  (v) => String(v.loginName ?? ''),
);
export type AdminPasswordInput = z.infer<typeof AdminPasswordInputSchema>;

export const SignInInputSchema = z.strictObject({
  loginName: requiredText(32, '请填写登录名'),
  password: z.string().min(1, '请填写密码').max(512, '密码过长'),
});
export const PasswordInputSchema = z.strictObject({ password: z.string().min(1, '请填写密码').max(512, '密码过长') });
export const ChangePasswordInputSchema = z.strictObject({
  currentPassword: z.string().min(1, '请填写当前密码').max(512, '密码过长'),
  newPassword: PasswordSchema,
});

/**
 * Every password forgotten: the recovery key from the center's safe unwraps the data key, and the administrator named
 * by login name gets a new password (and is signed in). The key's own checksum catches typos before anything else.
 */
export const RecoverInputSchema = withPasswordRules(
  z.strictObject({
    recoveryKey: requiredText(80, '请填写恢复密钥'),
    loginName: requiredText(32, '请填写中心管理员的登录名'),
    newPassword: PasswordSchema,
  }),
  'newPassword',
  (v) => String(v.loginName ?? ''),
);
export type RecoverInput = z.infer<typeof RecoverInputSchema>;

/**
 * Where a desk's center database is (中心数据库): chosen at first run on every desk of a center that shares one
 * PostgreSQL server. `tls`: off (a trusted local network), on (encrypted, the server's certificate not checked: a
 * self-signed one), verify (encrypted and the certificate checked against the system's authorities).
 */
export const CenterDatabaseSchema = z.strictObject({
  host: requiredText(253, '请填写数据库服务器地址').refine((h) => /^(\/[^\0]*|[A-Za-z0-9.\-:[\]]+)$/.test(h), '服务器地址只能是主机名、IP地址或本机套接字目录（以 / 开头）'),
  port: z.coerce.number({ error: '端口须为数字' }).int('端口须为整数').min(1, '端口须在1–65535之间').max(65535, '端口须在1–65535之间'),
  database: requiredText(63, '请填写数据库名'),
  user: requiredText(63, '请填写数据库用户名'),
  password: z.string().max(200, '密码过长'),
  tls: z.enum(['off', 'on', 'verify']),
});
export type CenterDatabase = z.infer<typeof CenterDatabaseSchema>;
