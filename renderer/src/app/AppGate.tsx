import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Staff } from '../../../electron/shared/domain/staff';
import type { AppInfo } from '../../../electron/shared/ipc/contract';
import { call, onUnauthenticated } from '../api/client';
import { t } from '../i18n';
import { notifyError } from '../lib/notify';
import { SetupPage } from '../features/setup/SetupPage';
import { SignInPage } from '../features/auth/SignInPage';
import { AppLayout } from './AppLayout';
import { SessionProvider } from './session';

type Gate =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'setup'; info: AppInfo }
  | { state: 'sign-in'; info: AppInfo }
  | { state: 'ready'; info: AppInfo; staff: Staff };

/** First run → setup; nobody signed in → choose staff; otherwise the workstation. */
export function AppGate() {
  const [gate, setGate] = useState<Gate>({ state: 'loading' });

  const load = useCallback(async () => {
    try {
      const info = await call('app:info');
      if (info.setupRequired) return setGate({ state: 'setup', info });
      const staff = await call('auth:current');
      setGate(staff ? { state: 'ready', info, staff } : { state: 'sign-in', info });
    } catch (error) {
      setGate({ state: 'failed', error });
    }
  }, []);

  useEffect(() => {
    void load();
    return onUnauthenticated(() => {
      notifyError(new Error(t.errors.sessionExpired));
      void load();
    });
  }, [load]);

  const signOut = useCallback(async () => {
    notifications.clean();
    try {
      await call('auth:sign-out');
    } catch (error) {
      notifyError(error);
    }
    void load();
  }, [load]);

  const refreshInfo = useCallback(async () => {
    try {
      const info = await call('app:info');
      setGate((current) => (current.state === 'ready' ? { ...current, info } : current));
    } catch (error) {
      notifyError(error);
    }
  }, []);

  switch (gate.state) {
    case 'loading':
      return (
        <Center h="100vh">
          <Loader aria-label={t.app.loading} />
        </Center>
      );
    case 'failed':
      return (
        <Center h="100vh">
          <Stack w={440}>
            <Alert color="red" title={t.app.startFailed} icon={<IconAlertTriangle />}>
              {gate.error instanceof Error ? gate.error.message : t.errors.generic}
            </Alert>
            <Button onClick={() => void load()}>{t.app.retry}</Button>
          </Stack>
        </Center>
      );
    case 'setup':
      return <SetupPage info={gate.info} onDone={() => void load()} />;
    case 'sign-in':
      return <SignInPage info={gate.info} onSignedIn={(staff) => setGate({ state: 'ready', info: gate.info, staff })} />;
    case 'ready':
      return (
        <SessionProvider value={{ info: gate.info, staff: gate.staff, signOut: () => void signOut(), refreshInfo: () => void refreshInfo() }}>
          <AppLayout />
        </SessionProvider>
      );
    default:
      throw new Error(`unhandled gate: ${String(gate satisfies never)}`);
  }
}
