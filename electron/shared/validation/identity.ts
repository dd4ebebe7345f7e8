import type { IdType } from '../domain/codes';
import { type Check, fail, ok } from './issue';
import { checkResidentId, residentIdCheckChar } from './id-card';

/** Everything derivable from a valid document number (only the 18-digit Chinese IDs carry birth date and gender). */
export interface IdentityInfo {
  number: string;
  birthDate?: string;
  gender?: 'male' | 'female';
}

const PATTERNS: Record<Exclude<IdType, 'resident_id' | 'hmt_residence' | 'foreigner_permanent'>, { re: RegExp; hint: string }> = {
  passport: { re: /^[A-Z0-9]{5,17}$/, hint: '护照号码应为5至17位字母或数字' },
  hk_macau_permit: { re: /^[HM]\d{8}(\d{2})?$/, hint: '港澳居民来往内地通行证号码应为H或M加8位（或10位）数字' },
  taiwan_permit: { re: /^\d{8}(\d{2})?$/, hint: '台湾居民来往大陆通行证号码应为8位（或10位）数字' },
  military: { re: /^[\u4e00-\u9fa5A-Z0-9]{4,20}$/, hint: '军官证号码应为4至20位汉字、字母或数字' },
  other: { re: /^[\u4e00-\u9fa5A-Z0-9()（）-]{2,30}$/, hint: '证件号码应为2至30位汉字、字母或数字' },
};

/** Checks a document number against the rules of its type; `today` (ISO) keeps it pure. */
export function checkIdentity(idType: IdType, raw: string, today: string): Check<IdentityInfo> {
  const number = raw.replace(/\s+/g, '').toUpperCase();
  if (!number) return fail('REQUIRED', '请填写证件号码');
  switch (idType) {
    case 'resident_id':
      return checkResidentId(number, today);
    case 'hmt_residence': {
      if (!/^8[123]0000/.test(number)) return fail('ID_FORMAT', '港澳台居民居住证号码应以810000、820000或830000开头');
      return checkResidentId(number, today);
    }
    case 'foreigner_permanent': {
      // Old cards: 3 letters (country) + 12 digits; 2023 cards: 18 chars starting with 9, MOD 11-2 check.
      if (/^[A-Z]{3}\d{12}$/.test(number)) return ok({ number });
      if (!/^9\d{16}[\dX]$/.test(number)) return fail('ID_FORMAT', '外国人永久居留身份证号码应为以9开头的18位，或3位字母加12位数字');
      const expected = residentIdCheckChar(number.slice(0, 17));
      if (number[17] !== expected) return fail('ID_CHECK_DIGIT', `永久居留身份证号码校验位错误：最后一位应为“${expected}”`);
      return ok({ number });
    }
    default: {
      const rule = PATTERNS[idType];
      return rule.re.test(number) ? ok({ number }) : fail('ID_FORMAT', rule.hint);
    }
  }
}
