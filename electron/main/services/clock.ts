import { chinaDateOf } from '../../shared/format/dates';

/** Time source, injectable so that tests fix "today" and "now". */
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

export function fixedClock(iso: string): Clock {
  const date = new Date(iso);
  return { now: () => new Date(date), today: () => iso.slice(0, 10) };
}
