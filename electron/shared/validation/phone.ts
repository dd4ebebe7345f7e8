import { type Check, fail, ok } from './issue';

const MOBILE = /^1[3-9]\d{9}$/;
/** 区号 (3–4 digits starting with 0) + 7–8 digit number, optional extension. */
const LANDLINE = /^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$/;

/** Accepts a mobile number or a landline with area code; normalises away spaces, the +86 prefix and dashes inside a mobile number. */
export function checkPhone(raw: string): Check<string> {
  const phone = raw.replace(/[\s()（）]/g, '');
  if (!phone) return fail('REQUIRED', '请填写联系电话');
  // Mobiles are often written 138-1234-5678 or +86-138…: drop dashes and the country prefix (+86 / 0086 / 86).
  const mobile = phone.replace(/-/g, '').replace(/^(\+|00)?86(?=1\d{10}$)/, '');
  if (MOBILE.test(mobile)) return ok(mobile);
  if (LANDLINE.test(phone)) return ok(phone);
  if (/^1\d*$/.test(mobile)) return fail('PHONE_FORMAT', '手机号码应为以13至19开头的11位数字');
  return fail('PHONE_FORMAT', '电话号码格式不正确：手机号为11位数字，座机请加区号，如0571-87654321');
}
