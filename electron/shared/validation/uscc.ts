import { type Check, fail, ok } from './issue';

/** GB 32100-2015 character set: digits and upper-case letters without I, O, S, V, Z. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(body17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Check character of a GB 11714 organisation code (组织机构代码) from its 8 body characters: digits count as
 * themselves, letters A–Z as 10–35; check = 11 − (Σ value × weight mod 11), where 10 is written 'X' and 11 '0'.
 */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i]!;
    const value = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += value * ORG_CODE_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Validates a unified social credit code (统一社会信用代码). */
export function checkUscc(raw: string): Check<string> {
  const code = raw.replace(/\s+/g, '').toUpperCase();
  if (!code) return fail('REQUIRED', '请填写统一社会信用代码');
  if (code.length !== 18) return fail('USCC_FORMAT', `统一社会信用代码应为18位，当前为${code.length}位`);
  for (const ch of code) {
    if (!CHARSET.includes(ch)) return fail('USCC_FORMAT', `统一社会信用代码含有无效字符“${ch}”（不使用I、O、S、V、Z）`);
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return fail('USCC_FORMAT', '统一社会信用代码第3至8位应为行政区划代码（数字）');
  const expected = usccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return fail('USCC_CHECK_DIGIT', `统一社会信用代码校验位错误：最后一位应为“${expected}”，请核对`);
  // Characters 9–17 are the GB 11714 organisation code with its own check character: a code that passes the
  // outer check may still carry a mistyped organisation code (the outer check does not catch every transposition
  // when the code was recomputed by hand or copied from a bad source).
  const orgCheck = orgCodeCheckChar(code.slice(8, 16));
  if (code[16] !== orgCheck) {
    return fail('USCC_ORG_CODE', `统一社会信用代码第9至17位（组织机构代码）校验位错误：第17位应为“${orgCheck}”，请核对营业执照`);
  }
  return ok(code);
}
