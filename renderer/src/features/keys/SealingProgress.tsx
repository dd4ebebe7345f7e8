import { useEffect } from 'react';
import { Center, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { AppInfo } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { t } from '../../i18n';

const POLL_MS = 500;

/**
 * While the host encrypts a folder from before encryption (keys.ts, sealFolder): how far it is, from app:info, until
 * it is done; then the gate carries on (`onDone`). The host refuses every case call meanwhile.
 */
export function SealingProgress({ info, onProgress, onDone }: { info: AppInfo; onProgress: (info: AppInfo) => void; onDone: () => void }) {
  const sealing = info.dataSealing;
  useEffect(() => {
    const timer = setInterval(() => {
      call('app:info').then(
        (next) => (next.dataSealing ? onProgress(next) : onDone()),
        () => undefined,
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [onProgress, onDone]);
  const percent = sealing && sealing.total ? Math.floor((sealing.done / sealing.total) * 100) : 0;
  return (
    <Center mih="100vh" p="md">
      <Paper w={520} p={40} shadow="md" withBorder>
        <Stack gap="md">
          <Title order={3}>
            <IconLock size={22} aria-hidden /> {t.keys.sealing.title}
          </Title>
          <Text fz="sm">{t.keys.sealing.intro}</Text>
          <Progress value={percent} size="lg" animated aria-label={t.keys.sealing.title} />
          <Text fz="sm" aria-live="polite">
            {t.keys.sealing.progress(sealing?.done ?? 0, sealing?.total ?? 0)}
          </Text>
          <Text fz="xs" c="dimmed">
            {t.keys.sealing.interrupted}
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
