import { useRef, useState } from 'react';
import { Alert, Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { AdminPasswordInputSchema } from '../../../../electron/shared/ipc/auth-inputs';
import type { AppInfo, SignedIn } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { StoreProblems } from '../../components/StoreProblems';
import { confirmError } from '../auth/PasswordRules';
import { AuthBrand } from '../auth/SignInPage';
import { t } from '../../i18n';
import { notifyError } from '../../lib/notify';
import { focusFirstError, issuesToFormErrors, showIssuesAtFields } from '../../lib/zod-form';
import { type AccountValues, AccountFields } from './SetupPage';
import classes from './SetupPage.module.css';

/**
 * After an upgrade from a version without passwords: the first administrator (named by the host) sets a login name
 * and password (setup:admin-password) and is signed in; they then set everyone else's.
 */
export function AdminPasswordPage({ info, adminName, onDone }: { info: AppInfo; adminName: string; onDone: (signedIn: SignedIn) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<AccountValues>({
    initialValues: { loginName: '', password: '', passwordConfirm: '' },
    validate: (values) => {
      const parsed = AdminPasswordInputSchema.safeParse({ loginName: values.loginName, password: values.password });
      const errors = parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
      const confirm = confirmError(values.password, values.passwordConfirm);
      return confirm ? { ...errors, passwordConfirm: confirm } : errors;
    },
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit(
    async (values) => {
      setSaving(true);
      try {
        const signedIn = await call('setup:admin-password', AdminPasswordInputSchema.parse({ loginName: values.loginName, password: values.password }));
        onDone(signedIn);
      } catch (error) {
        if (!showIssuesAtFields(error, form, formRef.current)) notifyError(error);
      } finally {
        setSaving(false);
      }
    },
    (errors) => focusFirstError(formRef.current, errors),
  );

  return (
    <Center mih="100vh" className={classes.page} p="md">
      <Stack w={560} gap={0}>
        <StoreProblems problems={info.storeProblems} />
        <Paper p={40} shadow="md" withBorder>
          <form ref={formRef} onSubmit={submit} noValidate>
            <Stack gap="lg">
              <AuthBrand centerName={info.centerName} />
              <div>
                <Title order={3}>{t.auth.adminPassword.title}</Title>
                <Text fw={600} mt={4}>
                  {t.auth.adminPassword.intro(adminName)}
                </Text>
              </div>
              <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
                {t.auth.adminPassword.detail}
              </Alert>
              <AccountFields form={form} autoFocus />
              <Button type="submit" size="md" loading={saving} mt="sm">
                {t.auth.adminPassword.submit}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Center>
  );
}
