import { useEffect, useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import type { ClockWarning } from '../../../electron/shared/ipc/contract';
import { allows } from '../../../electron/shared/policy/policy';
import { call } from '../api/client';
import { useSession } from '../app/session';
import { t } from '../i18n';
import { formatDateTime } from '../lib/format';
import { notifyError, notifySuccess } from '../lib/notify';

/** How often the host is asked again (app:info: public, background), so a clock set back while working shows up. */
export const CLOCK_POLL_MS = 30_000;

/**
 * App-wide: the host's clock reads earlier than the latest case number or signature (AppInfo.clockWarning), so
 * registering and signing are refused until the clock is corrected or an administrator confirms it. Everyone sees why;
 * whoever the policy table lets confirm (an administrator) gets the button.
 */
export function ClockWarningBanner() {
  const { info, staff, refreshInfo } = useSession();
  const [warning, setWarning] = useState<ClockWarning | null>(info.clockWarning);
  const [busy, setBusy] = useState(false);

  useEffect(() => setWarning(info.clockWarning), [info.clockWarning]);
  useEffect(() => {
    const timer = setInterval(() => {
      call('app:info').then(
        (next) => setWarning(next.clockWarning),
        () => undefined,
      );
    }, CLOCK_POLL_MS);
    return () => clearInterval(timer);
  }, []);

  if (!warning) return null;
  const mayConfirm = allows('clock:confirm', staff.roles);

  const confirm = async () => {
    setBusy(true);
    try {
      setWarning(await call('clock:confirm', { highWater: warning.highWater }));
      notifySuccess(t.clockGuard.confirmed);
      refreshInfo();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert color="orange" variant="light" icon={<IconClockExclamation size={20} />} title={t.clockGuard.title} role="alert" mb="md" data-testid="clock-warning">
      <Text size="sm">{t.clockGuard.body(formatDateTime(warning.now), formatDateTime(warning.highWater))}</Text>
      {mayConfirm ? (
        <Group mt="sm" gap="md" wrap="nowrap" align="center">
          <Button color="orange" size="xs" loading={busy} onClick={() => void confirm()}>
            {t.clockGuard.confirm}
          </Button>
          <Text size="xs" c="dimmed">
            {t.clockGuard.confirmHint}
          </Text>
        </Group>
      ) : (
        <Text size="sm" mt="xs" fw={500}>
          {t.clockGuard.askAdmin}
        </Text>
      )}
    </Alert>
  );
}
