import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { call, setReauthRequester } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { t } from '../../i18n';
import { visibilityToggle } from './visibility-toggle';
import { usePasswordEntry } from './usePasswordEntry';

/**
 * The one password prompt for calls the host answers with REAUTH_REQUIRED (api/client.ts repeats the call once the
 * password was accepted). A wrong password stays in the dialog to try again; 取消 gives the caller the original error.
 */
export function ReauthHost() {
  const [opened, setOpened] = useState(false);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const { password, setPassword, error, pending, inputRef, submit, reset } = usePasswordEntry(async (typed) => {
    try {
      await call('auth:reauth', { password: typed });
      finish(true);
    } catch (e) {
      // Locked or signed out meanwhile: the root shows that; the waiting call gets its original error.
      if (isApiCallError(e) && (e.code === 'LOCKED' || e.code === 'UNAUTHENTICATED' || e.code === 'PASSWORD_CHANGE_REQUIRED')) finish(false);
      else throw e;
    }
  });

  useEffect(
    () =>
      setReauthRequester(
        () =>
          new Promise<boolean>((resolve) => {
            resolver.current = resolve;
            reset();
            setOpened(true);
          }),
      ),
    [],
  );

  const finish = (ok: boolean) => {
    const resolve = resolver.current;
    resolver.current = null;
    setOpened(false);
    setPassword('');
    resolve?.(ok);
  };

  return (
    // Above any dialog that made the call (e.g. 确认加盖 stays open while the seal waits for the password): Mantine modals default to 200.
    <Modal opened={opened} onClose={() => finish(false)} title={t.auth.reauth.title} centered closeOnClickOutside={false} zIndex={400}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack gap="md">
          <Text fz="sm">{t.auth.reauth.intro}</Text>
          <PasswordInput
            ref={inputRef}
            label={t.auth.reauth.password}
            autoComplete="current-password"
            data-autofocus
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            {...visibilityToggle}
          />
          {error ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => finish(false)}>
              {t.common.cancel}
            </Button>
            <Button type="submit" loading={pending}>
              {t.auth.reauth.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
