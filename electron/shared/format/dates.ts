/**
 * Dates as printed on Chinese forms. Input is an ISO calendar date (YYYY-MM-DD) — the center's local date — or, for
 * timestamps, an ISO date-time with offset, converted to China Standard Time (UTC+8, no daylight saving) because
 * that is the time zone every 调委会 works in, whatever the clock of the machine that prints.
 */
import { parseIsoDate } from '../validation/dates';
import { digitsToChinese, smallNumberToChinese } from './numerals';

function parts(iso: string): { y: number; m: number; d: number } {
  const p = parseIsoDate(iso);
  if (!p) throw new RangeError(`not an ISO date: ${JSON.stringify(iso)}`);
  return p;
}

/** 2026-11-05 → 2026年11月5日 (Arabic numerals, no leading zeros: GB/T 9704 date of issue). */
export function formatDateCn(iso: string): string {
  const { y, m, d } = parts(iso);
  return `${y}年${m}月${d}日`;
}

/** 2026-11-25 → 二〇二六年十一月二十五日 (the capital form used on seals and some agreements). */
export function formatDateCapital(iso: string): string {
  const { y, m, d } = parts(iso);
  return `${digitsToChinese(String(y).padStart(4, '0'))}年${smallNumberToChinese(m)}月${smallNumberToChinese(d)}日`;
}

/** Offset of China Standard Time from UTC, in minutes. */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

/** The China-time calendar date of an ISO date-time: 2026-04-30T23:00:00Z → 2026-05-01. */
export function chinaDateOf(isoDateTime: string): string {
  const ms = Date.parse(isoDateTime);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(isoDateTime) || Number.isNaN(ms)) throw new RangeError(`not an ISO date-time: ${JSON.stringify(isoDateTime)}`);
  return new Date(ms + CHINA_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** 2026-05-01T01:30:00Z → 2026年5月1日9时30分 (China time). */
/** Midnight opening a China-time calendar date (YYYY-MM-DD), as an ISO instant comparable with stored times. */
export function chinaMidnight(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

export function formatDateTimeCn(isoDateTime: string): string {
  const ms = Date.parse(isoDateTime);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date-time: ${JSON.stringify(isoDateTime)}`);
  const t = new Date(ms + CHINA_UTC_OFFSET_MINUTES * 60_000);
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日${t.getUTCHours()}时${String(t.getUTCMinutes()).padStart(2, '0')}分`;
}
