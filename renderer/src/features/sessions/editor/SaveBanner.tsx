import { useEffect, useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconCloudCheck, IconCloudOff } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { t } from '../../../i18n';
import type { SaveStatus } from '../../../lib/autosave';
import { claimHostNotice } from '../../../lib/host-notice';

const S = t.sessionEditor.save;
/** How long 已重新保存 stays up once everything is on the host again. */
const RECOVERED_MS = 10_000;

/**
 * A banner across the editor while the record cannot be saved: a mediator typing fast does not look at the small
 * 保存失败 in the header for minutes. It stays from the first failed save until the host has everything (the retries
 * in between do not hide it), says that the words are kept on this machine, and then says when they were saved.
 */
export function SaveBanner({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const [failing, setFailing] = useState<{ offline: boolean; message: string } | null>(null);
  const [recoveredAt, setRecoveredAt] = useState<string | null>(null);
  if (status.state === 'failed' && (failing?.offline !== Boolean(status.offline) || failing.message !== status.message)) {
    setFailing({ offline: Boolean(status.offline), message: status.message });
    setRecoveredAt(null);
  } else if (status.state === 'saved' && failing) {
    setFailing(null);
    setRecoveredAt(status.at);
  }

  // While this banner is up it speaks for the app-wide one (HostStatusBanner).
  const shown = failing !== null;
  useEffect(() => (shown ? claimHostNotice() : undefined), [shown]);
  useEffect(() => {
    if (recoveredAt === null) return;
    const timer = setTimeout(() => setRecoveredAt(null), RECOVERED_MS);
    return () => clearTimeout(timer);
  }, [recoveredAt]);

  if (failing) {
    return (
      <Alert color="red" variant="filled" icon={<IconCloudOff size={20} />} title={S.offlineTitle} role="alert" data-testid="save-banner">
        <Group justify="space-between" wrap="nowrap" gap="md" align="center">
          <Text fz="sm">{failing.offline ? S.offlineBody : S.failedBody(failing.message)}</Text>
          <Button size="compact-sm" variant="white" color="red" onClick={onRetry} style={{ flex: 'none' }}>
            {S.retryNow}
          </Button>
        </Group>
      </Alert>
    );
  }
  if (recoveredAt) {
    return (
      <Alert color="teal" variant="light" icon={<IconCloudCheck size={20} />} role="status" data-testid="save-banner" withCloseButton closeButtonLabel={t.common.close} onClose={() => setRecoveredAt(null)}>
        {S.backOnline(dayjs(recoveredAt).format('HH:mm:ss'))}
      </Alert>
    );
  }
  return null;
}
