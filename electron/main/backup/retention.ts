import { chinaDateOf } from '../../shared/format/dates';

/**
 * How many generations to keep: the newest of each of the last `daily` days that have a backup, of the last `weekly`
 * weeks (Monday to Sunday) and of the last `monthly` months, all in China time (the center's calendar, whatever the
 * machine's time zone). A generation kept by any rule stays; the newest one always stays.
 */
export interface RetentionRule {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_RETENTION: RetentionRule = { daily: 7, weekly: 4, monthly: 12 };

export interface Dated {
  id: string;
  /** ISO date-time: when the generation's run started. */
  startedAt: string;
}

/** The Monday opening the week of a China-time date (YYYY-MM-DD): the week's bucket. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** The ids of the generations the rule keeps. */
export function generationsToKeep(generations: readonly Dated[], rule: RetentionRule = DEFAULT_RETENTION): Set<string> {
  const newestFirst = [...generations].sort((a, b) => (a.startedAt === b.startedAt ? (a.id < b.id ? 1 : -1) : Date.parse(b.startedAt) - Date.parse(a.startedAt)));
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].id);
  const periods: [number, (date: string) => string][] = [
    [rule.daily, (date) => date],
    [rule.weekly, mondayOf],
    [rule.monthly, (date) => date.slice(0, 7)],
  ];
  for (const [count, bucketOf] of periods) {
    const buckets = new Set<string>();
    for (const g of newestFirst) {
      if (buckets.size >= count) break;
      const bucket = bucketOf(chinaDateOf(g.startedAt));
      if (buckets.has(bucket)) continue;
      buckets.add(bucket);
      keep.add(g.id);
    }
  }
  return keep;
}
