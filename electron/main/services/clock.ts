/** Time source, injectable so that tests fix "today" and "now". */
export interface Clock {
  now(): Date;
  /** The center's local calendar date, ISO (YYYY-MM-DD). */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  },
};

export function fixedClock(iso: string): Clock {
  const date = new Date(iso);
  return { now: () => new Date(date), today: () => iso.slice(0, 10) };
}
