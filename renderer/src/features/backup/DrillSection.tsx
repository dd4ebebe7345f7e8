import { Alert, Button, Group, List, Progress, Stack, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { BackupStatus } from '../../../../electron/shared/domain/backup';
import { call } from '../../api/client';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { backupQueries } from './queries';

const d = t.backup.drill;

/** 恢复演练: one click, its progress, and the last report in Chinese; a reminder when none was done in 30 days. */
export function DrillSection({ status }: { status: BackupStatus }) {
  const client = useQueryClient();
  const { running, last, due } = status.drill;
  const start = async () => {
    try {
      client.setQueryData(backupQueries.status().queryKey, await call('backup:drill'));
    } catch (error) {
      notifyError(error);
    }
  };
  const percent = running && running.total ? Math.floor((running.done / running.total) * 100) : 0;
  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        {status.store === 'postgres' ? d.introCenter : d.intro}
      </Text>
      {due && !running ? (
        <Alert color="orange" variant="light" data-testid="drill-due">
          {d.due(last === null)}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Text fz="sm">{last ? d.last(formatDateTime(last.at)) : d.never}</Text>
        <Button variant="default" leftSection={<IconRestore size={18} />} loading={running !== null} disabled={!status.lastGood || status.blocked !== null} onClick={() => void start()}>
          {d.run}
        </Button>
      </Group>
      {running ? (
        <Stack gap={4}>
          <Progress value={percent} animated aria-label={d.running} />
          <Text fz="xs" aria-live="polite">
            {t.backup.progress(d.phases[running.phase] ?? d.running, running.done, running.total)}
          </Text>
        </Stack>
      ) : null}
      {last && !running ? (
        <Alert color={last.ok ? 'teal' : 'red'} title={last.ok ? d.passed : d.failed} data-testid="drill-report">
          <List size="sm" spacing={2}>
            {last.lines.map((line, i) => (
              <List.Item key={i}>{line}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}
