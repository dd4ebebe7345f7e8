import { Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { BackupStatus } from '../../../../electron/shared/domain/backup';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';

const b = t.backup;

/**
 * 上次备份 with its time: red with the reason when the last good one is older than two days, the last run failed or
 * there is none (a desk of the center database backs the center up the same way: pg-source.ts).
 */
export function BackupStatusLine({ status }: { status: BackupStatus }) {
  const when = status.lastGood ? b.lastAt(formatDateTime(status.lastGood.at)) : b.never;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid="backup-status-line" data-alert={status.alert ? 'true' : 'false'}>
      {status.alert ? <IconAlertTriangle size={18} color="var(--mantine-color-red-7)" aria-hidden /> : <IconCircleCheck size={18} color="var(--mantine-color-teal-7)" aria-hidden />}
      <div>
        <Text fz="sm" fw={600} c={status.alert ? 'red.7' : 'teal.8'}>
          {when}
        </Text>
        {status.alert ? (
          <Text fz="sm" c="red.7" role="alert">
            {status.alert}
          </Text>
        ) : null}
        {status.blocked && !status.alert ? (
          <Text fz="sm" c="orange.8">
            {status.blocked}
          </Text>
        ) : null}
      </div>
    </Group>
  );
}
