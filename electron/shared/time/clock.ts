import { chinaDateOf } from '../format/dates';

/**
 * Time source, injected everywhere "now" matters (main's services and the renderer alike), so that tests fix
 * "today" and "now" and a test that passes today passes next year.
 */
export interface Clock {
  now(): Date;
  /** The center's local calendar date, ISO (YYYY-MM-DD). */
  today(): string;
}

/**
 * The center's calendar is China Standard Time (UTC+8, no daylight saving) whatever the machine's time zone is set
 * to, so that "today", deadlines and the dates printed on documents always agree.
 */
export const systemClock: Clock = {
  now: () => new Date(),
  today: () => chinaDateOf(new Date().toISOString()),
};

/** A clock stopped at `iso` (an ISO date-time); `today` is its China-time date. */
export function fixedClock(iso: string): Clock {
  const date = new Date(iso);
  return { now: () => new Date(date), today: () => chinaDateOf(date.toISOString()) };
}

/** A clock that reads `iso` now and runs on from there at the pace of the real (or a test's fake) clock. */
export function clockStartingAt(iso: string): Clock {
  const offset = Date.parse(iso) - Date.now();
  const now = () => new Date(Date.now() + offset);
  return { now, today: () => chinaDateOf(now().toISOString()) };
}
