import dayjs from 'dayjs';
import { t } from '../i18n';

/** 2026-11-25T06:03:00.000Z → "2026-11-25 14:03" in the workstation's local time. */
export function formatDateTime(iso: string): string {
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

/** ISO date or empty → display text. */
export function formatDate(iso: string | null | undefined, empty: string = t.common.none): string {
  return iso ? iso : empty;
}

/** ISO datetime → "14:03" in the workstation's local time. */
export function formatTime(iso: string): string {
  const d = dayjs(iso);
  return d.isValid() ? d.format('HH:mm') : iso;
}

/** A duration in minutes, in words: "25 分钟", "1 小时 5 分钟", "2 天 3 小时". */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return t.common.minutes(m);
  if (m < 24 * 60) return t.common.hoursMinutes(Math.floor(m / 60), m % 60);
  return t.common.daysHours(Math.floor(m / (24 * 60)), Math.floor((m % (24 * 60)) / 60));
}

/** Whole days from today to a due date: the shared rule (main counts them the same way). */
export { daysUntil } from '../../../electron/shared/validation/dates';
