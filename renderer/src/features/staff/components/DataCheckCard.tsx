import { useEffect, useState } from 'react';
import { Alert, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import type { DataCheckStatus } from '../../../../../electron/shared/ipc/contract';
import { allows } from '../../../../../electron/shared/policy/policy';
import { call } from '../../../api/client';
import { useSession } from '../../../app/session';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { notifyError } from '../../../lib/notify';

const c = t.keys.check;
const POLL_MS = 400;

/**
 * 数据核验 (中心管理员): every case read back and checked in the background (services/data-check.ts): the progress,
 * then what was found, by case number, or that nothing was. The same check as `npm run verify`.
 */
export function DataCheckCard() {
  const { staff } = useSession();
  const [status, setStatus] = useState<DataCheckStatus | null>(null);
  const mayRun = allows('data:check-start', staff.roles);

  useEffect(() => {
    if (!mayRun) return;
    let live = true;
    const poll = async () => {
      try {
        const next = await call('data:check-status');
        if (!live) return;
        setStatus(next);
        if (next.running) setTimeout(() => void poll(), POLL_MS);
      } catch (error) {
        if (live) notifyError(error);
      }
    };
    if (status === null || status.running) void poll();
    return () => {
      live = false;
    };
  }, [mayRun, status?.running]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!mayRun) return null;
  const start = async () => {
    try {
      setStatus(await call('data:check-start'));
    } catch (error) {
      notifyError(error);
    }
  };
  const report = status?.report ?? null;
  const percent = status?.running && status.total ? Math.floor((status.done / status.total) * 100) : 0;
  return (
    <SectionCard title={c.title} hint={c.hint} id="data-check">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fz="sm" c="dimmed">
            {report ? c.last(formatDateTime(report.finishedAt ?? report.startedAt), report.cases, report.files, (report.ms / 1000).toFixed(1)) : c.never}
          </Text>
          <Button leftSection={<IconShieldCheck size={18} />} loading={status?.running ?? false} onClick={() => void start()}>
            {c.start}
          </Button>
        </Group>
        {status?.running ? (
          <Stack gap={4}>
            <Progress value={percent} animated aria-label={c.title} />
            <Text fz="xs" aria-live="polite">
              {c.progress(status.done, status.total)}
            </Text>
          </Stack>
        ) : null}
        {report?.checkpoints && !status?.running ? (
          <Text fz="sm" c="dimmed">
            {report.checkpoints.latest ? c.checkpoints(report.checkpoints.count, report.checkpoints.latest.number) : c.noCheckpoints}
          </Text>
        ) : null}
        {report && !status?.running ? (
          report.problems.length === 0 ? (
            <Alert color="teal" title={c.clean} />
          ) : (
            <Alert color="red" title={c.found(report.problems.length)}>
              <Table fz="sm" withRowBorders={false}>
                <Table.Tbody>
                  {report.problems.map((p, i) => (
                    <Table.Tr key={i}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.caseNumber || c.noCase}</Table.Td>
                      <Table.Td>{p.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Alert>
          )
        ) : null}
      </Stack>
    </SectionCard>
  );
}
