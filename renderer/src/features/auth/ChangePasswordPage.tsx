import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { Staff } from '../../../../electron/shared/domain/staff';
import type { AppInfo, SignedIn } from '../../../../electron/shared/ipc/contract';
import { t } from '../../i18n';
import { ChangePasswordForm } from './ChangePasswordForm';
import { AuthBrand } from './SignInPage';
import classes from './SignInPage.module.css';

/** A first or reset password: the person sets their own before anything else (the host refuses all else meanwhile). */
export function ChangePasswordPage({ info, staff, onDone, onSignOut }: { info: AppInfo; staff: Staff; onDone: (signedIn: SignedIn) => void; onSignOut: () => void }) {
  return (
    <Center mih="100vh" className={classes.page} p="md">
      <Paper w={480} p={40} shadow="md" withBorder>
        <Stack gap="lg">
          <AuthBrand centerName={info.centerName} />
          <div>
            <Title order={3}>{t.auth.changePassword.forcedTitle}</Title>
            <Text c="dimmed" fz="sm">
              {t.auth.changePassword.forcedIntro(staff.name)}
            </Text>
          </div>
          <ChangePasswordForm
            loginName={staff.loginName}
            onDone={onDone}
            actions={
              <Button variant="default" onClick={onSignOut}>
                {t.auth.changePassword.signOut}
              </Button>
            }
          />
        </Stack>
      </Paper>
    </Center>
  );
}
