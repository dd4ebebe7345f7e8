import { Alert, Anchor, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { t } from '../../i18n';
import { backupQueries } from './queries';

const b = t.backup;

/** On the administrator's landing page, above everything: a backup gone wrong or old, and a restore drill due. */
export function BackupReminders() {
  const status = useQuery(backupQueries.status()).data;
  if (!status || status.store !== 'file') return null;
  const drillDue = status.drill.due && !status.drill.running;
  if (!status.alert && !drillDue) return null;
  const toCard = () => document.getElementById('backup')?.scrollIntoView({ block: 'start' });
  return (
    <Stack gap="xs" mb="md">
      {status.alert ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={b.title} data-testid="backup-alert">
          {status.alert}{' '}
          <Anchor component="button" type="button" fz="sm" onClick={toCard}>
            {b.settings.title}
          </Anchor>
        </Alert>
      ) : null}
      {drillDue ? (
        <Alert color="orange" variant="light" title={b.drill.title} data-testid="drill-reminder">
          {b.drill.due(status.drill.last === null)}{' '}
          <Anchor component="button" type="button" fz="sm" onClick={toCard}>
            {b.drill.run}
          </Anchor>
        </Alert>
      ) : null}
    </Stack>
  );
}
