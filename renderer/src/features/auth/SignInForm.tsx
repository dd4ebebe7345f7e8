import { useRef, useState } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconLogin } from '@tabler/icons-react';
import { SignInInputSchema } from '../../../../electron/shared/ipc/auth-inputs';
import { t } from '../../i18n';
import { issuesToFormErrors } from '../../lib/zod-form';
import { visibilityToggle } from './PasswordRules';

export interface SignInValues {
  loginName: string;
  password: string;
}

/**
 * 登录名 and 密码, Enter submits. `onSubmit` signs in (the caller decides how: the sign-in page, or another person at a
 * locked desk); whatever it throws is shown above the button (the host's message says why, e.g. the account is
 * locked). The password is cleared after a failure, the login name kept.
 */
export function SignInForm({ onSubmit, submitLabel = t.auth.signIn.submit }: { onSubmit: (values: SignInValues) => Promise<void>; submitLabel?: string }) {
  const passwordRef = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<SignInValues>({
    initialValues: { loginName: '', password: '' },
    validate: (values) => {
      const parsed = SignInInputSchema.safeParse(values);
      return parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
    },
  });

  const submit = form.onSubmit(async (values) => {
    setPending(true);
    setFailure(null);
    try {
      await onSubmit({ loginName: values.loginName.trim(), password: values.password });
    } catch (error) {
      setFailure(error instanceof Error && error.message ? error.message : t.auth.signIn.failed);
      form.setFieldValue('password', '');
      passwordRef.current?.focus();
    } finally {
      setPending(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label={t.auth.signIn.loginName} autoComplete="username" data-autofocus autoFocus {...form.getInputProps('loginName')} />
        <PasswordInput ref={passwordRef} label={t.auth.signIn.password} autoComplete="current-password" {...visibilityToggle} {...form.getInputProps('password')} />
        {failure ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert" title={t.auth.signIn.failed}>
            {failure}
          </Alert>
        ) : null}
        <Button type="submit" size="md" loading={pending} leftSection={<IconLogin size={18} />}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
