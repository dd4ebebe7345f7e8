import type { z } from 'zod';
import type { ValidationIssue, ValidationCode } from '../validation/issue';
import { VALIDATION_CODES } from '../validation/issue';

/** Closed set of error codes that cross the API boundary; the renderer maps them to messages and behaviour. */
export const API_ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  /** Wrong login name or password, or an account that cannot sign in now (the message says which it may say). */
  'SIGN_IN_FAILED',
  /** The desk is locked: the same person's password (auth:unlock) or another sign-in opens it. */
  'LOCKED',
  /** The person must enter their own password again (auth:reauth) before this call. */
  'REAUTH_REQUIRED',
  /** A first or reset password must be replaced (auth:change-password) before anything else. */
  'PASSWORD_CHANGE_REQUIRED',
  'SETUP_REQUIRED',
  /** The center's data is sealed and no one has signed in since the app started: a sign-in unwraps its key. */
  'DATA_LOCKED',
  'ALREADY_SET_UP',
  'NOT_FOUND',
  'NOT_ALLOWED',
  'CONFLICT',
  'STORE_CORRUPT',
  'STORE_IO',
  /** The data folder was deleted or replaced while the app had it open: nothing more is saved until a restart. */
  'DATA_FOLDER_GONE',
  /**
   * The clock reads earlier than the latest time already stamped (AppInfo.clockWarning): no case number is issued and
   * nothing signed or sealed until the clock is corrected or an administrator confirms it (clock:confirm).
   */
  'CLOCK_BEHIND',
  /**
   * The center database (中心数据库) cannot be reached: nothing of this call was saved (or, for a write whose COMMIT
   * got no answer, it is not known; the revision makes the retry safe). The desk reconnects by itself; screens keep
   * what was typed and say so, as for HOST_UNREACHABLE.
   */
  'DATABASE_UNAVAILABLE',
  /** A backup that cannot be used as asked (truncated, tampered with, not this center's …): the message says what. */
  'BACKUP_REFUSED',
  'INTERNAL',
  /**
   * Made by the renderer, never by the host: the host could not be reached (browser mode: the server is down or
   * restarting). Screens say the work is kept on this machine and not yet saved (HostStatusBanner).
   */
  'HOST_UNREACHABLE',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiError {
  code: ApiErrorCode;
  /** Chinese, ready to show. */
  message: string;
  /** Field-level problems for INVALID_INPUT. */
  issues?: ValidationIssue[];
  /**
   * What is missing, as stable keys a screen can act on (e.g. 'center.phone', 'settings.seal'); screens never decide
   * anything from `message`.
   */
  missing?: string[];
  /** For FORBIDDEN from the policy table: why (the roles needed, or the case status, or a resource rule). */
  refusal?: { reason: 'ROLE' | 'STATUS' | 'RESOURCE' | 'UNAUTHENTICATED'; roles?: string[]; status?: string; rule?: string };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside services; the dispatcher turns it into a Result. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
    readonly extra: Pick<ApiError, 'missing' | 'refusal'> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const KNOWN = new Set<string>(VALIDATION_CODES);

/** Converts zod issues to field issues; custom refinements carry their stable code in params.code. */
export function issuesFromZod(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => {
    const custom = issue.code === 'custom' ? (issue.params as { code?: string } | undefined)?.code : undefined;
    let code: ValidationCode = 'INVALID_VALUE';
    if (custom && KNOWN.has(custom)) code = custom as ValidationCode;
    else if (issue.code === 'too_small' && issue.origin === 'string') code = 'REQUIRED';
    else if (issue.code === 'too_big') code = 'TOO_LONG';
    return { code, path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))), message: issue.message };
  });
}

export function invalidInput(error: z.ZodError): ApiFailure {
  const issues = issuesFromZod(error);
  const first = issues[0];
  return new ApiFailure('INVALID_INPUT', first ? `输入有误：${first.message}` : '输入有误', issues);
}
