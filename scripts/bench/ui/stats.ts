/** The statistics of the host benchmark (bench.ts): nearest-rank percentiles, rounding for the JSON line. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (xs: readonly number[]) => percentile(xs, 0.5);
export const round = (x: number) => Math.round(x * 1000) / 1000;
export const fmt = (x: number) => (!Number.isFinite(x) ? '–' : Number.isInteger(x) ? String(x) : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** Metrics of one part, snake_case keys with their unit last (editor_open_2000_ms). */
export type Metrics = Record<string, number>;
