import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { Alert, Anchor, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconLockOpen } from '@tabler/icons-react';
import type { Staff } from '../../../../electron/shared/domain/staff';
import { t } from '../../i18n';
import { usePasswordEntry } from './usePasswordEntry';
import { type SignInValues, SignInForm } from './SignInForm';
import { AuthBrand } from './SignInPage';
import { visibilityToggle } from './visibility-toggle';
import classes from './LockScreen.module.css';

export interface LockScreenProps {
  centerName: string;
  staff: Staff;
  /** auth:unlock; throws the host's error (shown at the field). */
  onUnlock: (password: string) => Promise<void>;
  /** auth:sign-in as another person; throws the host's error. */
  onOtherSignIn: (values: SignInValues) => Promise<void>;
}

/**
 * Over the page, which stays mounted below as it was left (made inert and hidden from assistive technology): the
 * person who locked it unlocks with their password, or another person signs in (their desk starts afresh).
 * Rendered into its own element under <body>, so that everything else there (the app, open dialogs, menus) can be
 * made inert while it shows.
 */
export function LockScreen({ centerName, staff, onUnlock, onOtherSignIn }: LockScreenProps) {
  const [host] = useState(() => {
    const el = document.createElement('div');
    el.dataset.lockScreen = '';
    return el;
  });
  const [mode, setMode] = useState<'unlock' | 'other'>('unlock');

  useEffect(() => {
    document.body.appendChild(host);
    const made: HTMLElement[] = [];
    for (const el of Array.from(document.body.children)) {
      if (el === host || !(el instanceof HTMLElement) || el.inert) continue;
      el.inert = true;
      el.setAttribute('inert', '');
      el.setAttribute('aria-hidden', 'true');
      made.push(el);
    }
    return () => {
      for (const el of made) {
        el.inert = false;
        el.removeAttribute('inert');
        el.removeAttribute('aria-hidden');
      }
      host.remove();
    };
  }, [host]);

  return createPortal(
    <div className={classes.overlay} role="dialog" aria-modal="true" aria-label={t.auth.lock.region}>
      <Center mih="100%" p="md">
        <Paper w={440} p={40} shadow="md" withBorder>
          <Stack gap="lg">
            <AuthBrand centerName={centerName} />
            <Group gap="xs" wrap="nowrap">
              <IconLock size={22} aria-hidden />
              <Title order={3}>{t.auth.lock.title}</Title>
            </Group>
            {mode === 'unlock' ? (
              <>
                <div>
                  <Text fw={600}>{t.auth.lock.lockedBy(staff.name)}</Text>
                  <Text c="dimmed" fz="sm">
                    {t.auth.lock.hint}
                  </Text>
                </div>
                <UnlockForm onUnlock={onUnlock} />
                <Anchor component="button" type="button" fz="sm" onClick={() => setMode('other')}>
                  {t.auth.lock.otherUser}
                </Anchor>
              </>
            ) : (
              <>
                <Text c="dimmed" fz="sm">
                  {t.auth.lock.otherHint(staff.name)}
                </Text>
                <SignInForm onSubmit={onOtherSignIn} />
                <Anchor component="button" type="button" fz="sm" onClick={() => setMode('unlock')}>
                  {t.auth.lock.backToUnlock(staff.name)}
                </Anchor>
              </>
            )}
          </Stack>
        </Paper>
      </Center>
    </div>,
    host,
  );
}

function UnlockForm({ onUnlock }: { onUnlock: (password: string) => Promise<void> }) {
  const { password, setPassword, error, pending, inputRef, submit } = usePasswordEntry(onUnlock);

  useEffect(() => {
    inputRef.current?.focus();
  }, [inputRef]);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack gap="md">
        <PasswordInput
          ref={inputRef}
          label={t.auth.lock.password}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          {...visibilityToggle}
        />
        {error ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
            {error}
          </Alert>
        ) : null}
        <Button type="submit" size="md" loading={pending} leftSection={<IconLockOpen size={18} />}>
          {t.auth.lock.unlock}
        </Button>
      </Stack>
    </form>
  );
}
