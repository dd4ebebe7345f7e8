import { useRef, useState } from 'react';
import { Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { SignedIn } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { t } from '../../i18n';
import { notifyError } from '../../lib/notify';
import { focusFirstError, showIssuesAtFields } from '../../lib/zod-form';
import { PasswordRules, confirmError, newPasswordError, visibilityToggle } from '../auth/PasswordRules';

interface RecoverValues {
  recoveryKey: string;
  loginName: string;
  newPassword: string;
  confirm: string;
}

/**
 * Every password forgotten: the recovery key from the center's safe sets a new password for an administrator, who
 * is then signed in (auth:recover). What is wrong (a typo in the key, the key of another workstation, a login name
 * that is not an active administrator) is said at its field, by the host.
 */
export function RecoverForm({ onSignedIn, onBack }: { onSignedIn: (signedIn: SignedIn) => void; onBack: () => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const form = useForm<RecoverValues>({
    initialValues: { recoveryKey: '', loginName: '', newPassword: '', confirm: '' },
    validate: {
      recoveryKey: (v) => (v.trim() ? null : t.keys.recover.recoveryKey),
      loginName: (v) => (v.trim() ? null : t.keys.recover.loginName),
      newPassword: (v, values) => newPasswordError(v, values.loginName.trim()),
      confirm: (v, values) => confirmError(values.newPassword, v),
    },
  });
  const submit = form.onSubmit(
    async (values) => {
      setPending(true);
      try {
        onSignedIn(await call('auth:recover', { recoveryKey: values.recoveryKey, loginName: values.loginName.trim(), newPassword: values.newPassword }));
      } catch (error) {
        if (!showIssuesAtFields(error, form, formRef.current)) notifyError(error);
      } finally {
        setPending(false);
      }
    },
    (errors) => focusFirstError(formRef.current, errors),
  );
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={3}>{t.keys.recover.title}</Title>
          <Text c="dimmed" fz="sm">
            {t.keys.recover.intro}
          </Text>
        </div>
        <TextInput label={t.keys.recover.recoveryKey} description={t.keys.recover.recoveryKeyHint} autoComplete="off" spellCheck={false} data-autofocus autoFocus ff="monospace" {...form.getInputProps('recoveryKey')} />
        <TextInput label={t.keys.recover.loginName} autoComplete="username" {...form.getInputProps('loginName')} />
        <PasswordInput
          label={t.keys.recover.newPassword}
          description={<PasswordRules password={form.values.newPassword} loginName={form.values.loginName.trim()} />}
          autoComplete="new-password"
          {...visibilityToggle}
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label={t.keys.recover.confirm} autoComplete="new-password" {...visibilityToggle} {...form.getInputProps('confirm')} />
        <Group justify="space-between">
          <Button variant="subtle" onClick={onBack}>
            {t.keys.recover.back}
          </Button>
          <Button type="submit" loading={pending}>
            {t.keys.recover.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
