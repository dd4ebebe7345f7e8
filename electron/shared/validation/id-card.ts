import { type Check, fail, ok } from './issue';
import { ISO_DATE, ageOn, isRealDate, toIsoDate } from './dates';

/** GB 11643-1999 weights for the 17 body digits (ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Province-level codes of GB/T 2260 plus 71 台湾, 81 香港, 82 澳门 and 83 (台湾居民居住证 830000). */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

export interface ResidentIdInfo {
  /** Normalised: upper-case X. */
  number: string;
  birthDate: string;
  gender: 'male' | 'female';
  regionCode: string;
}

export function residentIdCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates an 18-digit resident ID: format, region, real birth date not in the future, check digit.
 * `today` is an ISO date passed in so that the rule is pure and testable.
 */
export function checkResidentId(raw: string, today: string): Check<ResidentIdInfo> {
  const number = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) {
    return fail('ID_FORMAT', number.length !== 18 ? `身份证号码应为18位，当前为${number.length}位` : '身份证号码格式不正确：前17位应为数字，最后一位为数字或X');
  }
  if (!PROVINCE_CODES.has(number.slice(0, 2))) {
    return fail('ID_REGION', `身份证号码前两位“${number.slice(0, 2)}”不是有效的省级行政区划代码`);
  }
  const y = Number(number.slice(6, 10));
  const m = Number(number.slice(10, 12));
  const d = Number(number.slice(12, 14));
  if (!isRealDate(y, m, d)) {
    return fail('ID_BIRTH_DATE', `身份证号码中的出生日期“${number.slice(6, 14)}”不是有效日期`);
  }
  const birthDate = toIsoDate(y, m, d);
  if (ISO_DATE.test(today) && birthDate > today) {
    return fail('ID_BIRTH_DATE', `身份证号码中的出生日期${birthDate}晚于今天`);
  }
  if (y < 1900 || (ISO_DATE.test(today) && ageOn(birthDate, today) > 130)) {
    return fail('ID_BIRTH_DATE', `身份证号码中的出生日期${birthDate}不合理`);
  }
  const expected = residentIdCheckChar(number.slice(0, 17));
  if (number[17] !== expected) {
    return fail('ID_CHECK_DIGIT', `身份证号码校验位错误：最后一位应为“${expected}”，请核对号码`);
  }
  const gender = Number(number[16]) % 2 === 1 ? 'male' : 'female';
  return ok({ number, birthDate, gender, regionCode: number.slice(0, 6) });
}

/** Converts a first-generation 15-digit number (GB 11643-1989) to 18 digits. */
export function upgradeLegacyResidentId(raw15: string): string | null {
  if (!/^\d{15}$/.test(raw15)) return null;
  const body = `${raw15.slice(0, 6)}19${raw15.slice(6)}`;
  return body + residentIdCheckChar(body);
}
