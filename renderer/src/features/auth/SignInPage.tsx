import { useState } from 'react';
import { Anchor, Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import type { AppInfo, SignedIn } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { StoreProblems } from '../../components/StoreProblems';
import { t } from '../../i18n';
import { SignInForm } from './SignInForm';
import { lazyPage } from '../../app/lazy-page';
import classes from './SignInPage.module.css';

/** Seen once in a long while: loaded when asked for. */
const RecoverForm = lazyPage(() => import('../keys/RecoverForm').then((m) => m.RecoverForm));

/** Sign-in with login name and password (or, every password forgotten, the recovery key). Nobody's name is shown before sign-in. */
export function SignInPage({ info, onSignedIn }: { info: AppInfo; onSignedIn: (signedIn: SignedIn) => void }) {
  const [recovering, setRecovering] = useState(false);
  if (recovering) {
    return (
      <Center mih="100vh" className={classes.page} p="md">
        <Paper w={480} p={40} shadow="md" withBorder>
          <Stack gap="lg">
            <AuthBrand centerName={info.centerName} />
            <RecoverForm onSignedIn={onSignedIn} onBack={() => setRecovering(false)} />
          </Stack>
        </Paper>
      </Center>
    );
  }
  return (
    <Center mih="100vh" className={classes.page} p="md">
      <Stack w={440} gap={0}>
        <StoreProblems problems={info.storeProblems} />
        <Paper p={40} shadow="md" withBorder>
          <Stack gap="lg">
            <AuthBrand centerName={info.centerName} />
            <div>
              <Title order={3}>{t.auth.signIn.title}</Title>
              <Text c="dimmed" fz="sm">
                {t.auth.signIn.intro}
              </Text>
            </div>
            <SignInForm onSubmit={async (values) => onSignedIn(await call('auth:sign-in', values))} />
            <Text c="dimmed" fz="xs">
              {t.auth.signIn.forgot}{' '}
              <Anchor component="button" type="button" fz="xs" onClick={() => setRecovering(true)}>
                {t.keys.recover.open}
              </Anchor>
            </Text>
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}

/** The center's name over the app's name, at the top of the sign-in, lock and password screens. */
export function AuthBrand({ centerName }: { centerName: string }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <ThemeIcon size={40} radius="sm" aria-hidden>
        <IconScale size={24} />
      </ThemeIcon>
      <div>
        <Text c="dimmed" fz="sm">
          {centerName}
        </Text>
        <Title order={2}>{t.app.name}</Title>
      </div>
    </Group>
  );
}
