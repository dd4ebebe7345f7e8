import type { ApiError, ApiErrorCode } from '../../../electron/shared/ipc/result';
import type { ValidationIssue } from '../../../electron/shared/validation/issue';

/** A failed API call, thrown by `call()`: keeps the stable code and the field issues for forms. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ValidationIssue[];
  /** What is missing, as stable keys (e.g. 'center.phone'): what a screen acts on, never the message. */
  readonly missing: string[];

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
    this.missing = error.missing ?? [];
  }
}

export function isApiCallError(error: unknown): error is ApiCallError {
  return error instanceof ApiCallError;
}
