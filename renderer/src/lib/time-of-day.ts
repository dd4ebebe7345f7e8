/**
 * What was typed, as the 24-hour HH:mm the forms send: '9:05', '0905', '905', '9点05', '9点' and '9' → '09:05' /
 * '09:00'; null when it is not a time of day ('24:00', '9:5', '下午').
 */
export function normaliseTime(text: string): string | null {
  const s = text.trim().replace(/[：点时]/g, ':').replace(/分$/, '');
  const m = /^(\d{1,2}):(\d{2})$/.exec(s) ?? /^(\d{1,2})(\d{2})$/.exec(s) ?? /^(\d{1,2}):?()$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
