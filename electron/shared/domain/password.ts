import { z } from './zod-setup';
import { normaliseLoginName } from './staff';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Passwords people in a county office actually pick and guessers try first (keyboard runs, 123456 variants, the
 * product's own name). Compared without letter case, after removing digits and symbols at the ends.
 */
const DENY = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'admin', 'administrator', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm',
  'abc', 'abcd', 'abcdef', 'abcdefg', 'abcdefgh', 'iloveyou', 'woaini', 'welcome', 'letmein', 'root', 'user', 'test',
  'qazwsx', 'qazwsxedc', '1qaz2wsx', 'zaq12wsx', 'aaaaaaaa', 'changeme', 'default', 'tiaojie', 'mediation', 'zhongxin',
  'gongzuotai', 'china', 'beijing', 'huawei', 'baidu', 'tencent',
]);
const DENY_DIGITS = new Set(['12345678', '123456789', '1234567890', '87654321', '11111111', '00000000', '88888888', '66666666', '12341234', '11223344', '123123123', '147258369', '520520520', '5201314520', '13141314']);

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'SAME_AS_LOGIN' | 'TOO_COMMON' | 'TOO_SIMPLE';

/** 密码规则, said once (the field's help text and every refusal use it). */
export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  TOO_SHORT: `密码至少${PASSWORD_MIN_LENGTH}位`,
  TOO_LONG: `密码不能超过${PASSWORD_MAX_LENGTH}位`,
  SAME_AS_LOGIN: '密码不能与登录名相同或包含登录名',
  TOO_COMMON: '该密码过于常见，容易被猜中，请换一个',
  TOO_SIMPLE: '密码须同时包含字母和数字（或其他符号），不能是重复或连续的字符',
};
export const PASSWORD_RULE_TEXT = `至少${PASSWORD_MIN_LENGTH}位，须含字母和数字，不能包含登录名，不能是常见密码`;

function isRun(s: string): boolean {
  if (s.length < 4) return false;
  const codes = [...s].map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) <= 1 && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step);
}

/** The first problem with a password, or null. Pure: the renderer shows it at the field, main refuses with it. */
export function passwordProblem(password: string, loginName: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'TOO_SHORT';
  if ([...password].length > PASSWORD_MAX_LENGTH) return 'TOO_LONG';
  const lower = password.toLowerCase();
  const login = normaliseLoginName(loginName);
  if (login.length >= 2 && lower.includes(login)) return 'SAME_AS_LOGIN';
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (DENY.has(lower) || DENY.has(core) || DENY_DIGITS.has(lower)) return 'TOO_COMMON';
  const hasLetter = /\p{L}/u.test(password);
  const hasOther = /[^\p{L}]/u.test(password);
  // Too few different characters, a keyboard or alphabet run, or one short piece repeated (abababab1, ab12ab12).
  if (!hasLetter || !hasOther || new Set(lower).size < 4 || isRun(lower) || /^(.{1,4})\1+.{0,3}$/su.test(lower)) return 'TOO_SIMPLE';
  return null;
}

/** A new password field: checked against the login name it belongs to by the object schema that holds both. */
export const PasswordSchema = z.string().max(PASSWORD_MAX_LENGTH * 4, PASSWORD_MESSAGES.TOO_LONG);
