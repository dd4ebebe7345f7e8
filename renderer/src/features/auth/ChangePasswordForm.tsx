import { type ReactNode, useRef, useState } from 'react';
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { SignedIn } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { t } from '../../i18n';
import { notifyError } from '../../lib/notify';
import { focusFirstError, showIssuesAtFields } from '../../lib/zod-form';
import { PasswordRules, confirmError, newPasswordError, visibilityToggle } from './PasswordRules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * 当前密码, 新密码 (the rules shown live against the person's login name), 确认新密码 → auth:change-password. The host's
 * field problems (wrong current password, same as before) go to their field.
 */
export function ChangePasswordForm({ loginName, onDone, actions }: { loginName: string; onDone: (signedIn: SignedIn) => void; actions?: ReactNode }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<Values>({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v === '' ? t.auth.changePassword.currentRequired : null),
      newPassword: (v) => newPasswordError(v, loginName),
      confirm: (v, values) => confirmError(values.newPassword, v),
    },
  });

  const submit = form.onSubmit(
    async (values) => {
      setSaving(true);
      try {
        onDone(await call('auth:change-password', { currentPassword: values.currentPassword, newPassword: values.newPassword }));
      } catch (error) {
        if (!showIssuesAtFields(error, form, formRef.current)) notifyError(error);
      } finally {
        setSaving(false);
      }
    },
    (errors) => focusFirstError(formRef.current, errors),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <PasswordInput label={t.auth.changePassword.current} autoComplete="current-password" withAsterisk data-autofocus autoFocus {...visibilityToggle} {...form.getInputProps('currentPassword')} />
        <PasswordInput
          label={t.auth.changePassword.next}
          description={<PasswordRules password={form.values.newPassword} loginName={loginName} />}
          autoComplete="new-password"
          withAsterisk
          {...visibilityToggle}
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label={t.auth.changePassword.confirm} autoComplete="new-password" withAsterisk {...visibilityToggle} {...form.getInputProps('confirm')} />
        <Group justify="flex-end" gap="sm" mt="xs">
          {actions}
          <Button type="submit" loading={saving}>
            {t.auth.changePassword.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
