import { queryOptions } from '@tanstack/react-query';
import { call } from '../../api/client';
import { shownInChinese } from '../../api/query-client';
import type { BackupStatus } from '../../../../electron/shared/domain/backup';

export const backupQueries = {
  all: () => ['backup'] as const,
  /** Polled quickly while a backup or a drill runs (the progress bar), otherwise every minute (the header's line). */
  status: () =>
    queryOptions<BackupStatus>({
      queryKey: ['backup', 'status'],
      queryFn: shownInChinese(() => call('backup:status')),
      refetchInterval: (query) => (query.state.data?.running || query.state.data?.drill.running ? 500 : 60_000),
    }),
  generations: () => queryOptions({ queryKey: ['backup', 'generations'], queryFn: shownInChinese(() => call('backup:generations')) }),
};

/** 1536 → "1.5 KB"; the sizes of generations. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
