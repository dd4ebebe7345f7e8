/** Calendar helpers on plain ISO dates (YYYY-MM-DD), timezone-free, so shared code needs no Date parsing quirks. */

export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(s: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(y, m, d) ? { y, m, d } : null;
}

export function toIsoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Full years between an ISO birth date and an ISO "today". */
export function ageOn(birth: string, today: string): number {
  const b = parseIsoDate(birth);
  const t = parseIsoDate(today);
  if (!b || !t) return NaN;
  let age = t.y - b.y;
  if (t.m < b.m || (t.m === b.m && t.d < b.d)) age -= 1;
  return age;
}

/** Adds calendar days to an ISO date (UTC arithmetic, no timezone drift). */
export function addDays(iso: string, days: number): string {
  const p = parseIsoDate(iso);
  if (!p) throw new Error(`not an ISO date: ${iso}`);
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d + days));
  return toIsoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole calendar days from `today` to `due` (ISO dates; negative when `due` is past). Same answer in main and renderer. */
export function daysUntil(due: string, today: string): number {
  const [a, b] = [parseIsoDate(due), parseIsoDate(today)];
  if (!a || !b) throw new Error(`not an ISO date: ${a ? today : due}`);
  return Math.round((Date.UTC(a.y, a.m - 1, a.d) - Date.UTC(b.y, b.m - 1, b.d)) / 86_400_000);
}

/** Adds working days (Mon–Fri; public holidays are not modelled yet and are left to the mediator to adjust). */
export function addWorkingDays(iso: string, days: number): string {
  let current = iso;
  let left = days;
  while (left > 0) {
    current = addDays(current, 1);
    const p = parseIsoDate(current)!;
    const dow = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
    if (dow !== 0 && dow !== 6) left -= 1;
  }
  return current;
}
