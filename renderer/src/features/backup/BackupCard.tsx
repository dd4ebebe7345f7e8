import { Alert, Button, Divider, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { IconDatabaseExport } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { call } from '../../api/client';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { BackupSettingsForm } from './BackupSettingsForm';
import { BackupStatusLine } from './BackupStatusLine';
import { DrillSection } from './DrillSection';
import { GenerationsTable } from './GenerationsTable';
import { RestoreCaseForm } from './RestoreCaseForm';
import { backupQueries } from './queries';

const b = t.backup;

/**
 * 数据备份 (中心管理员): 上次备份 (red with why when it is old or failed), 立即备份 with its progress, the settings, the
 * generations in the folder, the restore drill and putting one case back. On the administrator's landing page.
 */
export function BackupCard() {
  const client = useQueryClient();
  const status = useQuery(backupQueries.status());
  const data = status.data;
  const wasRunning = useRef(false);
  // A run ended: say how, and refresh the generations.
  useEffect(() => {
    if (!data) return;
    if (wasRunning.current && !data.running) {
      void client.invalidateQueries({ queryKey: backupQueries.generations().queryKey });
      if (data.lastRun?.ok) notifySuccess(b.done);
    }
    wasRunning.current = data.running !== null;
  }, [data, client]);

  const runNow = async () => {
    try {
      client.setQueryData(backupQueries.status().queryKey, await call('backup:run-now'));
      notifySuccess(b.started);
    } catch (error) {
      notifyError(error);
    }
  };

  if (!data) {
    return (
      <SectionCard title={b.title} hint={b.hint} id="backup">
        {status.error ? <Alert color="red">{status.error.message}</Alert> : <Loader size="sm" />}
      </SectionCard>
    );
  }
  const running = data.running;
  const percent = running && running.total ? Math.floor((running.done / running.total) * 100) : 0;
  return (
    <SectionCard title={b.title} hint={b.hint} id="backup">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <BackupStatusLine status={data} />
            {data.lastGood ? (
              <Text fz="xs" c="dimmed">
                {b.lastDetail(data.lastGood.files, (data.lastGood.durationMs / 1000).toFixed(1))}
              </Text>
            ) : null}
            {data.nextAt ? (
              <Text fz="xs" c="dimmed">
                {b.next(formatDateTime(data.nextAt))}
              </Text>
            ) : null}
          </Stack>
          <Button leftSection={<IconDatabaseExport size={18} />} loading={running !== null} disabled={data.blocked !== null} onClick={() => void runNow()}>
            {b.runNow}
          </Button>
        </Group>
        {running ? (
          <Stack gap={4}>
            <Progress value={percent} animated aria-label={b.runNow} />
            <Text fz="xs" aria-live="polite">
              {b.progress(b.phases[running.phase] ?? '', running.done, running.total)}
            </Text>
          </Stack>
        ) : null}
        <Divider label={b.settings.title} labelPosition="left" />
        <BackupSettingsForm key={JSON.stringify(data.settings)} settings={data.settings} />
        {data.settings ? (
          <>
            <Divider label={b.generations.title} labelPosition="left" />
            <GenerationsTable />
            <Divider label={b.drill.title} labelPosition="left" />
            <DrillSection status={data} />
            <Divider label={b.restoreCase.title} labelPosition="left" />
            <RestoreCaseForm />
          </>
        ) : null}
      </Stack>
    </SectionCard>
  );
}
