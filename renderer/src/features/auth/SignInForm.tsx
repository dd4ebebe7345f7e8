import { useEffect, useRef, useState } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconLogin } from '@tabler/icons-react';
import { t } from '../../i18n';
import { issuesToFormErrors } from '../../lib/zod-form';
import { visibilityToggle } from './visibility-toggle';

const loadAuthInputs = () =>
  import('../../../../electron/shared/ipc/auth-inputs').catch(() => {
    throw new Error(t.app.pageLoadFailedBody);
  });

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
  const form = useForm<SignInValues>({ initialValues: { loginName: '', password: '' } });
  // The schemas (and zod) are not part of the start-up code: loaded while the person types.
  useEffect(() => void loadAuthInputs().catch(() => undefined), []);

  const submit = form.onSubmit(async (values) => {
    setPending(true);
    setFailure(null);
    try {
      const { SignInInputSchema } = await loadAuthInputs();
      const parsed = SignInInputSchema.safeParse(values);
      if (!parsed.success) {
        form.setErrors(issuesToFormErrors(parsed.error.issues));
        return;
      }
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
