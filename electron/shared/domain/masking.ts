/** PIPL: full ID numbers and phones only where a screen or document needs them (domain.md §5.4 item 3). */

/** 11010519491231002X → 1101**********002X */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return id.replace(/./g, '*');
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 13812345678 → 138****5678; landlines keep area code and last 4 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(phone.length);
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  const dash = phone.indexOf('-');
  const area = dash > 0 ? phone.slice(0, dash + 1) : '';
  const rest = phone.slice(area.length);
  return `${area}${'*'.repeat(Math.max(0, rest.length - 4))}${rest.slice(-4)}`;
}

/**
 * Free text a user typed (an attachment label defaulting to its file name, e.g. 张建国身份证330782196803151312)
 * may carry an ID number or a phone: any run of 7+ digits (an ID may end in X) is masked before it goes to a log.
 */
export function maskNumbersInText(text: string): string {
  return text.replace(/\d{6,}[\dXx]/g, (run) => (run.length >= 15 ? maskIdNumber(run) : maskPhone(run)));
}
