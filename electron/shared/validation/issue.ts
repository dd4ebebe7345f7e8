/**
 * A validation failure with a stable code (for tests and for the renderer to react to), the path of the
 * field it concerns, and a Chinese message to show at that field.
 */
export interface ValidationIssue {
  code: ValidationCode;
  path: (string | number)[];
  message: string;
}

export const VALIDATION_CODES = [
  'REQUIRED',
  'INVALID_VALUE',
  'TOO_LONG',
  'ID_FORMAT',
  'ID_CHECK_DIGIT',
  'ID_BIRTH_DATE',
  'ID_REGION',
  'ID_GENDER_MISMATCH',
  'USCC_FORMAT',
  'USCC_CHECK_DIGIT',
  'USCC_ORG_CODE',
  'PHONE_FORMAT',
  'AMOUNT_FORMAT',
  'DATE_FORMAT',
  'DATE_IN_PAST',
  'DATE_IN_FUTURE',
  'SUBTYPE_MISMATCH',
  'PARTY_MISSING',
  'AGENT_PRINCIPAL',
  'INVALID_FILE',
  'IMAGE_NOT_TRANSPARENT',
  'PARTY_REFUSED',
  'DUPLICATE',
  'UNKNOWN_SPEAKER',
  /** A party or agent a session or the agreement refers to cannot be removed from the case. */
  'PERSON_REFERENCED',
  /** A correction that changes nothing. */
  'NO_CHANGE',
  'FOUR_EYES',
  /** A caucus (背对背) statement whose speaker is of the other side (or a participant): they were not in the room. */
  'CAUCUS_SPEAKER',
  /** A paper signature registered with neither a scan of the signed copy nor a reason why it comes later. */
  'PAPER_SCAN_MISSING',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

/** Result of checking one value: ok, or the code and message of the first problem. */
export type Check<T = undefined> = { ok: true; value: T } | { ok: false; code: ValidationCode; message: string };

export const ok = <T>(value: T): Check<T> => ({ ok: true, value });
export const fail = (code: ValidationCode, message: string): Check<never> => ({ ok: false, code, message });
